// The server log (pino through Fastify): JSON lines at `info` by default (SAMVERKA_LOG_LEVEL), a request
// id on every line, and nothing in it that opens a respondent link, resets a password or names a person:
// link tokens, reset tokens, passwords, cookies and e-mail addresses are replaced before a line is written.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Characters a path segment or query value of a link token can hold (base64url and friends), up to a URL or JSON delimiter. */
const TOKEN = String.raw`[^/?#&\s"'\\<>]+`;
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const RULES: Array<[RegExp, string]> = [
  [new RegExp(`/api/r/${TOKEN}`, 'g'), '/api/r/[dold]'],
  [new RegExp(`/svar/${TOKEN}`, 'g'), '/svar/[dold]'],
  [new RegExp(`([?&]token=)${TOKEN}`, 'gi'), '$1[dold]'],
  [EMAIL, '[e-post]'],
];

/**
 * A URL (or any text that may hold one: a message, a stack) fit for the log: respondent link tokens
 * (`/api/r/…`, `/svar/…`), `token=` query values (password reset links) and e-mail addresses, also
 * percent-encoded ones, are replaced; everything else stays as it is.
 */
export function redactUrl(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}

/** SAMVERKA_LOG_LEVEL, checked; `info` when unset. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.SAMVERKA_LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new Error(`SAMVERKA_LOG_LEVEL ska vara en av ${LOG_LEVELS.join(', ')} (var "${env.SAMVERKA_LOG_LEVEL}")`);
  return raw as LogLevel;
}

/** Fields removed wherever they are logged (pino `redact`): credentials in headers and bodies. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
  'password',
  'body.password',
  'req.body.password',
  '*.password',
  '*.token',
  '*.csrfToken',
];

/** Fastify's request fields with the URL passed through redactUrl. */
function serializeRequest(req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/**
 * Options for Fastify's `logger`: level from SAMVERKA_LOG_LEVEL, request ids, redaction. Every written
 * line also passes redactUrl, so an e-mail address or link token in a message (an error from the
 * database, a report from the web app) never reaches the log raw. `stream` is for tests.
 */
export function loggerOptions(env: NodeJS.ProcessEnv = process.env, stream?: NodeJS.WritableStream) {
  return {
    level: logLevelFromEnv(env),
    redact: { paths: REDACT_PATHS, censor: '[dold]' },
    serializers: { req: serializeRequest },
    hooks: { streamWrite: redactUrl },
    ...(stream ? { stream } : {}),
  };
}

/** Incoming `x-request-id` values kept as they are (a proxy's or load balancer's id); anything else gets a new id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the caller's `x-request-id` when it is sane, otherwise a random UUID. */
export function genReqId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
