// One database interface over PGlite (embedded PostgreSQL in WASM) and node-postgres.
// Everything above this file speaks PostgreSQL SQL through `Db`.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { DbStartError, DbUnavailableError, describeDbError, isBrokenConnection, isConnectionError } from './availability.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

/**
 * A transaction. `copyFrom` loads rows in bulk (COPY … FROM STDIN on PostgreSQL through pg-copy-streams,
 * COPY … FROM '/dev/blob' on PGlite): `text` is COPY's text format, one row a line, columns separated by
 * tabs, backslash escaped (copyText()). Table and column names are the caller's constants, never input.
 */
export interface Transaction extends Queryable {
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
  /**
   * PostgreSQL only: runs a query and hands each row to `onRow` as it arrives, while the database goes
   * on producing the next ones (the analysis decodes a national round while it is read). Resolves with
   * the number of rows; if `onRow` throws, the rest of the rows are read and dropped and it rejects with that error.
   */
  each?<T>(sql: string, params: unknown[], onRow: (row: T) => void): Promise<number>;
}

/** One field in COPY's text format: \N for null; backslash, tab, newline and CR escaped. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

// int8 and numeric come back as strings from node-postgres; counts and sums are
// safe as JS numbers at our scale, so parse them the way PGlite does.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DbOptions {
  /** postgres://… → PostgreSQL; otherwise embedded PGlite. */
  url?: string;
  /** PGlite data directory; undefined → in-memory. */
  dataDir?: string;
  /** PostgreSQL only: schema to use (created if missing); tests use one each. */
  schema?: string;
  /** PostgreSQL only: told when an open connection breaks, idle or under a statement (it is discarded; the process goes on). */
  onConnectionError?: (reason: string) => void;
}

export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.url) return openPostgres(opts.url, opts.schema, opts.onConnectionError);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir?: string): Promise<Db> {
  // PGlite has no lock of its own: two processes on one directory would corrupt it.
  const unlock = dataDir ? acquireDataDirLock(dataDir) : () => undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (e) {
    unlock();
    throw new DbStartError(
      `Den inbäddade databasen i ${dataDir ?? 'minnet'} kunde inte öppnas (${describeDbError(e)}). ` +
        'Katalogen kan vara skadad eller skapad av en annan PGlite-version. Återställ den från en säkerhetskopia ' +
        '(npx samverka restore) eller ange en annan katalog med SAMVERKA_DATA_DIR.',
    );
  }
  // PGlite is single-connection: serialise transactions so that concurrent
  // requests never interleave statements inside another's transaction.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const query = async <T>(sql: string, params?: unknown[]) => {
    const r = await db.query<T>(sql, params as unknown[]);
    return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => serial(() => query(sql, params)),
    transaction: (fn) =>
      serial(() =>
        db.transaction(async (tx) =>
          fn({
            query: async <T>(sql: string, params?: unknown[]) => {
              const r = await tx.query<T>(sql, params as unknown[]);
              return { rows: r.rows, rowCount: r.affectedRows || r.rows.length };
            },
            copyFrom: async (table, columns, text) => {
              await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
            },
          }),
        ),
      ),
    exec: (sql) => serial(async () => void (await db.exec(sql))),
    close: async () => {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Runs a driver call; a lost or refused connection becomes DbUnavailableError (503 at the HTTP edge). */
async function available<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw isConnectionError(e) ? new DbUnavailableError(e) : e;
  }
}

async function openPostgres(url: string, schema?: string, onConnectionError?: (reason: string) => void): Promise<Db> {
  const connectionTimeoutMillis = Number(process.env.SAMVERKA_DB_CONNECT_TIMEOUT_MS ?? 5000);
  if (schema) {
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis });
    admin.on('error', () => undefined);
    await available(async () => {
      try {
        await admin.connect();
        await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
      } finally {
        await admin.end().catch(() => undefined);
      }
    });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.SAMVERKA_DB_POOL ?? 10),
    connectionTimeoutMillis,
    idleTimeoutMillis: 30_000,
    // Proxies and firewalls cut idle connections; keep-alive notices it sooner.
    keepAlive: true,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  });
  // An idle connection that breaks (PostgreSQL restarted, backend terminated, proxy timeout) is
  // reported here; the pool has already discarded it. Without this handler the process would exit.
  const lost = (err: Error) => onConnectionError?.(describeDbError(err));
  pool.on('error', lost);
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: <T>(sql: string, params?: unknown[]) =>
      available(async () => {
        try {
          const r = await c.query(sql, params as unknown[]);
          return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
        } catch (e) {
          // A pooled connection that breaks under a statement is reported like an idle one (a
          // transaction's client reports through its 'error' listener below).
          if (c === pool && isBrokenConnection(e)) lost(e as Error);
          throw e;
        }
      }),
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    transaction: async (fn) => {
      const client = await available(() => pool.connect());
      // A checked-out client has no pool listener: without one, a backend terminated between two
      // statements would be an unhandled 'error' event and end the process.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
        lost(err);
      };
      client.on('error', onError);
      try {
        await available(() => client.query('BEGIN'));
        const out = await fn({
          ...wrap(client),
          each: <T>(sql: string, params: unknown[], onRow: (row: T) => void) =>
            available(
              () =>
                new Promise<number>((resolve, reject) => {
                  let n = 0;
                  let failed: unknown;
                  const q = client.query(new pg.Query<T & pg.QueryResultRow>(sql, params));
                  q.on('row', (row: T) => {
                    n++;
                    if (failed === undefined)
                      try {
                        onRow(row);
                      } catch (e) {
                        failed = e ?? new Error('onRow');
                      }
                  });
                  q.on('error', reject);
                  q.on('end', () => (failed === undefined ? resolve(n) : reject(failed)));
                }),
            ),
          copyFrom: (table, columns, text) =>
            available(
              () =>
                new Promise<void>((resolve, reject) => {
                  const stream = client.query(copyFromStdin(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
                  stream.on('error', reject);
                  stream.on('finish', () => resolve());
                  stream.end(text);
                }),
            ),
        });
        await available(() => client.query('COMMIT'));
        return out;
      } catch (e) {
        if (isConnectionError(e)) broken ??= e as Error;
        else await client.query('ROLLBACK').catch((r: Error) => (broken ??= r));
        throw e;
      } finally {
        client.removeListener('error', onError);
        // A broken connection is destroyed, never handed to the next request.
        client.release(broken);
      }
    },
    exec: (sql) => available(async () => void (await pool.query(sql))),
    close: () => pool.end(),
  };
}
