// What "the database is unavailable" means, in one place: which driver errors are a lost or refused
// connection (retry later: 503 for a request, another attempt at start) rather than a fault of the
// statement. Pure: no IO.

export const DB_UNAVAILABLE_MESSAGE = 'Databasen är inte tillgänglig just nu. Försök igen om en liten stund.';

/** A request could not reach the database; the HTTP edge answers 503 with Retry-After. */
export class DbUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(DB_UNAVAILABLE_MESSAGE);
    this.name = 'DbUnavailableError';
  }
}

/** The database could not be opened at start; the message is for the operator, in Swedish, without a stack. */
export class DbStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DbStartError';
  }
}

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes and codes that mean the connection, not the statement, failed:
// 08 connection exception; 57P01 admin_shutdown (pg_terminate_backend, fast shutdown);
// 57P02 crash_shutdown; 57P03 cannot_connect_now (starting up, shutting down); 53300 too_many_connections.
const CONNECTION_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a closed socket and a pool timeout as plain Errors without a code.
const CONNECTION_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|Cannot use a pool after calling end/i;

export function isConnectionError(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_SQLSTATE.test(code) || CONNECTION_ERRNO.has(code))) return true;
  if (err instanceof AggregateError) return err.errors.some(isConnectionError);
  return CONNECTION_MESSAGE.test(err.message);
}

/**
 * A connection that was open and broke (the backend terminated or shut down, the socket reset or
 * closed mid-query), as opposed to one that could not be opened: the operator is told of each one.
 */
export function isBrokenConnection(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return isBrokenConnection(err.cause);
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (code === '57P01' || code === '57P02' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  return /Connection terminated unexpectedly/i.test(err.message);
}

/** A short reason for the operator: "ECONNREFUSED", "57P01: terminating connection …". */
export function describeDbError(err: unknown): string {
  if (err instanceof DbUnavailableError) return describeDbError(err.cause);
  if (err instanceof AggregateError && err.errors.length) return describeDbError(err.errors[0]);
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const msg = err.message.split('\n')[0];
  if (typeof code === 'string' && !msg) return code;
  return typeof code === 'string' && !msg.includes(code) ? `${code}: ${msg}` : msg;
}

/** Back-off between start attempts: 0.5 s, 1 s, 2 s, 4 s, then 5 s, never past the deadline. */
export function startRetryDelayMs(attempt: number, msLeft: number): number {
  const delay = Math.min(5000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.max(0, Math.min(delay, msLeft));
}
