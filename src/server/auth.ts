// Sessions, CSRF and role checks. Enforced on the server for every route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { canSeeMunicipality, type Role } from '../domain/organisation.ts';
import type { SignInMethod } from '../domain/identity/policy.ts';
import { createSession, getSession, SESSION_HOURS, type User } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { forbidden, AppError } from './http.ts';

export const SESSION_COOKIE = 'samverka_sid';

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
    csrfToken?: string;
    /** Seconds until the request's session ends (GET /api/auth/me tells the web app, which warns before). */
    sessionExpiresIn?: number;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerSessions(
  app: FastifyInstance,
  opts: { secureCookies: boolean; csrfExempt: (url: string) => boolean; sessionless?: (url: string) => boolean },
) {
  app.addHook('onRequest', async (req) => {
    if (opts.sessionless?.(req.url)) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await getSession(app.db, token);
      if (s) {
        req.user = s.user;
        req.csrfToken = s.csrfToken;
        req.sessionExpiresIn = s.expiresInSeconds;
      }
    }
    // Synchroniser-token CSRF protection for every state-changing call made with a session cookie.
    if (!SAFE_METHODS.has(req.method) && req.user && !opts.csrfExempt(req.url)) {
      if (req.headers['x-csrf-token'] !== req.csrfToken)
        throw new AppError('forbidden', 'Ogiltig eller saknad CSRF-token. Ladda om sidan och försök igen.');
    }
  });
}

/** A session's lifetime in seconds: `sessionMinutes` of the configuration, else SESSION_HOURS. */
export function sessionLifetimeSeconds(config: Pick<Config, 'sessionMinutes'>): number {
  const minutes = config.sessionMinutes;
  return minutes !== undefined && Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : SESSION_HOURS * 3600;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds = SESSION_HOURS * 3600) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new AppError('unauthenticated', 'Du behöver logga in');
  return req.user;
}

export function requireRole(req: FastifyRequest, ...roles: Role[]): User {
  const user = requireUser(req);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/** The municipality's identifiable data: förbundsadmin, or a kommunansvarig bound to it. */
export function requireMunicipalityAccess(req: FastifyRequest, code: string): User {
  const user = requireUser(req);
  if (!canSeeMunicipality(user, code)) throw forbidden('Du har inte behörighet till den här kommunens uppgifter');
  return user;
}

/**
 * Starts a samverka session for an account that passed every check of its sign-in method (password
 * and second factor, OpenID Connect, an invitation or reset link): the one place that creates the
 * session, writes the `login` audit entry with the method and sets the cookie. The caller has already
 * asked src/domain/identity/policy.ts whether the account may sign in.
 */
export async function startSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, user: User, method: SignInMethod, details: Record<string, unknown> = {}) {
  const lifetime = sessionLifetimeSeconds(app.config);
  const s = await createSession(app.db, user.id, lifetime, { method, ip: req.ip, userAgent: req.headers['user-agent'] });
  await audit(app.db, { actor: user.id, action: 'login', target: user.email, ip: req.ip, details: { method, ...details } });
  setSessionCookie(reply, s.token, app.config.secureCookies, lifetime);
  return { user, csrfToken: s.csrfToken, session: { expiresInSeconds: s.expiresInSeconds, lifetimeSeconds: lifetime } };
}
