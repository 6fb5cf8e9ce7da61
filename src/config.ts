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
  /** OpenID Connect providers for single sign-on (SAMVERKA_OIDC_…); empty when none is configured. */
  oidcProviders: OidcProviderConfig[];
  /** Seconds without a heartbeat after which a running report batch job counts as failed (its instance died; SAMVERKA_REPORT_JOB_STALE_S, default 60). */
  reportJobStaleSeconds?: number;
}

/** One OpenID Provider samverka signs people in through (an Entra ID tenant, a federation …). */
export interface OidcProviderConfig {
  /** Names it in addresses and in user_identities: `default`, or a name from SAMVERKA_OIDC_PROVIDERS. */
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button's text. */
  label: string;
}

/** A setting in the environment that is wrong; the message says which, in Swedish. */
export class ConfigError extends Error {}

export const DEFAULT_OIDC_LABEL = 'Logga in med organisationens konto';

/** http is allowed only for a provider on this machine (the tests'); every other issuer must be https. */
export const isLocalHttpIssuer = (issuer: string) => /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/i.test(issuer);

/**
 * The OpenID providers of the environment: one with SAMVERKA_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET and
 * _LABEL (id `default`), or several named in SAMVERKA_OIDC_PROVIDERS=mellerud,amal, each with
 * SAMVERKA_OIDC_MELLERUD_ISSUER … Throws a Swedish message naming the variable that is wrong.
 */
export function oidcProvidersFromEnv(env: NodeJS.ProcessEnv): OidcProviderConfig[] {
  const named = (env.SAMVERKA_OIDC_PROVIDERS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const sources = named.length ? named.map((id) => ({ id, prefix: `SAMVERKA_OIDC_${id.toUpperCase().replace(/-/g, '_')}_` })) : env.SAMVERKA_OIDC_ISSUER ? [{ id: 'default', prefix: 'SAMVERKA_OIDC_' }] : [];
  if (new Set(named).size !== named.length) throw new ConfigError('SAMVERKA_OIDC_PROVIDERS nämner samma leverantör två gånger');
  return sources.map(({ id, prefix }) => {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(id)) throw new ConfigError(`SAMVERKA_OIDC_PROVIDERS: "${id}" är inget giltigt namn (små bokstäver a–z, siffror och bindestreck)`);
    const get = (suffix: string) => {
      const v = env[prefix + suffix]?.trim();
      if (!v) throw new ConfigError(`${prefix}${suffix} saknas: inloggning med organisationens konto kräver utfärdare, klient-id och klienthemlighet`);
      return v;
    };
    const issuer = get('ISSUER');
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new ConfigError(`${prefix}ISSUER är ingen giltig adress: ${issuer}`);
    }
    if (url.protocol !== 'https:' && !isLocalHttpIssuer(issuer))
      throw new ConfigError(`${prefix}ISSUER måste börja med https:// (bara http://localhost tillåts, för tester): ${issuer}`);
    return { id, issuer, clientId: get('CLIENT_ID'), clientSecret: get('CLIENT_SECRET'), label: env[prefix + 'LABEL']?.trim() || DEFAULT_OIDC_LABEL };
  });
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
    oidcProviders: oidcProvidersFromEnv(env),
    reportJobStaleSeconds: Math.max(1, nonNegative(env.SAMVERKA_REPORT_JOB_STALE_S, 60)),
  };
}
