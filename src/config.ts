// Runtime configuration from the environment (README "Konfiguration").
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  baseUrl: string;
  smtp?: { host: string; port: number; user?: string; pass?: string; from: string; secure: boolean };
  /** Requests per minute per IP across the API. */
  rateLimit: number;
  /** Sign-in and password-reset calls per minute per IP. */
  authRateLimit: number;
  /** Calls per minute per IP and respondent link on the link routes (/api/r/:token…). */
  respondentRateLimit: number;
  secureCookies: boolean;
  /** Minutes a signed-in session lasts (renewed on request before it ends); default 720 (12 hours). */
  sessionMinutes?: number;
  /** Seconds to keep retrying PostgreSQL at start (SAMVERKA_DB_WAIT_S, default 30). */
  dbWaitSeconds: number;
  /** Seconds in-flight requests get to finish on SIGTERM/SIGINT (SAMVERKA_SHUTDOWN_S, default 10). */
  shutdownSeconds: number;
  /** The server's nightly backup (SAMVERKA_BACKUP_DIR, _AT "HH:MM" default 02:00, _KEEP default 35); off without a directory. */
  backup?: { dir: string; at: string; keep: number };
}

/** A non-negative number from the environment, else the default. */
const nonNegative = (v: string | undefined, fallback: number) => (v !== undefined && v.trim() !== '' && Number(v) >= 0 ? Number(v) : fallback);

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const baseUrl = env.SAMVERKA_BASE_URL ?? `http://localhost:${port}`;
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SAMVERKA_DATA_DIR ?? './data',
    baseUrl,
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: Number(env.SMTP_PORT ?? 587),
          user: env.SMTP_USER,
          pass: env.SMTP_PASS,
          from: env.SMTP_FROM ?? 'samverka@localhost',
          secure: env.SMTP_SECURE === 'true',
        }
      : undefined,
    rateLimit: Number(env.SAMVERKA_RATE_LIMIT ?? 1200),
    authRateLimit: Number(env.SAMVERKA_AUTH_RATE_LIMIT ?? 20),
    respondentRateLimit: Number(env.SAMVERKA_RESPONDENT_RATE_LIMIT ?? 600),
    // Secure cookies whenever the public address is https, unless explicitly turned off.
    secureCookies: env.SAMVERKA_SECURE_COOKIES === 'true' || (env.SAMVERKA_SECURE_COOKIES !== 'false' && /^https:\/\//i.test(baseUrl)),
    sessionMinutes: env.SAMVERKA_SESSION_MINUTES ? Number(env.SAMVERKA_SESSION_MINUTES) : undefined,
    dbWaitSeconds: nonNegative(env.SAMVERKA_DB_WAIT_S, 30),
    shutdownSeconds: nonNegative(env.SAMVERKA_SHUTDOWN_S, 10),
    backup: env.SAMVERKA_BACKUP_DIR
      ? { dir: env.SAMVERKA_BACKUP_DIR, at: env.SAMVERKA_BACKUP_AT ?? '02:00', keep: Math.max(1, Math.floor(nonNegative(env.SAMVERKA_BACKUP_KEEP, 35))) }
      : undefined,
  };
}
