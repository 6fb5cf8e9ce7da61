import type { FastifyInstance } from 'fastify';
import * as api from '../../contracts/auth.ts';
import {
  completePasswordReset,
  extendSession,
  requestPasswordReset,
  revokeSession,
  verifyLogin,
} from '../../store/accounts.ts';
import { secondFactorStep } from '../../accounts/second-factor-sign-in.ts';
import { signInThrottledMessage } from '../../domain/sign-in-throttle.ts';
import { SIGN_IN_REFUSAL_MESSAGES } from '../../domain/identity/policy.ts';
import { audit } from '../../store/audit.ts';
import { queueMail } from '../../store/mail.ts';
import { requireUser, SESSION_COOKIE, sessionLifetimeSeconds, setSessionCookie, startSession } from '../auth.ts';
import { AppError } from '../http.ts';
import { route } from '../route.ts';

export async function authRoutes(app: FastifyInstance) {
  const { db, config } = app;
  const strict = { config: { rateLimit: { max: config.authRateLimit, timeWindow: '1 minute' } } };

  route(app, api.login, async (req, reply) => {
    const { body } = req;
    const r = await verifyLogin(db, body.email, body.password, req.ip);
    if (!r.ok && r.reason === 'refused') {
      await audit(db, { action: 'login.refused', target: body.email, ip: req.ip, details: { method: 'password', reason: r.refusal } });
      throw new AppError('forbidden', SIGN_IN_REFUSAL_MESSAGES[r.refusal]);
    }
    if (!r.ok) {
      const wait = r.reason === 'throttled' ? r.retryAfterSeconds : undefined;
      await audit(db, { action: 'login.failed', target: body.email, ip: req.ip, details: { reason: r.reason, ...(wait ? { waitSeconds: wait } : {}) } });
      if (wait === undefined) throw new AppError('unauthenticated', 'Fel e-postadress eller lösenord');
      reply.header('retry-after', String(wait));
      throw new AppError('rate_limited', signInThrottledMessage(wait));
    }
    // Two-factor: no session yet, a challenge for the second step (src/server/routes/two-factor.ts).
    return (await secondFactorStep(db, r.user)) ?? startSession(app, req, reply, r.user, 'password');
  });

  // Renews the signed-in session for a full lifetime from now (the web app offers it before the session ends).
  route(app, api.extendSession, async (req, reply) => {
    const lifetime = sessionLifetimeSeconds(config);
    const token = req.cookies[SESSION_COOKIE]!;
    const left = await extendSession(db, token, lifetime);
    if (left === undefined) throw new AppError('unauthenticated', 'Sessionen har upphört. Logga in igen.');
    setSessionCookie(reply, token, config.secureCookies, lifetime);
    return { session: { expiresInSeconds: left, lifetimeSeconds: lifetime } };
  });

  route(app, api.logout, async (req, reply) => {
    const user = requireUser(req);
    await revokeSession(db, req.cookies[SESSION_COOKIE]!);
    await audit(db, { actor: user.id, action: 'logout', target: user.email, ip: req.ip });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  // Who is signed in: 200 with `user: null` when nobody is, so the web app's session probe on public
  // pages (sign-in, password reset, respondent links) causes no error in the browser console.
  route(app, api.me, async (req) => {
    if (!req.user || req.csrfToken === undefined) return { user: null };
    return {
      user: req.user,
      csrfToken: req.csrfToken,
      session: { expiresInSeconds: req.sessionExpiresIn ?? 0, lifetimeSeconds: sessionLifetimeSeconds(config) },
    };
  });

  // Known and unknown addresses take the same path and get the same answer: a token is made, the same
  // statement runs and an audit entry is written, in one transaction (one commit either way). Only a
  // known address gets the mail; SMTP delivery runs after the answer, so its time reveals nothing.
  route(app, api.requestPasswordReset, async (req, reply) => {
    const { body } = req;
    const send = await db.transaction(async (tx) => {
      const { token, userId } = await requestPasswordReset(tx, body.email);
      const mail =
        userId === undefined
          ? undefined
          : await queueMail(tx, config, {
              to: body.email,
              subject: 'Återställ ditt lösenord i samverka',
              body: `Hej!\n\nNågon (förhoppningsvis du) har bett om att återställa lösenordet till samverka.\nÖppna länken inom en timme för att välja ett nytt lösenord:\n\n${config.baseUrl}/aterstall-losenord?token=${token}\n\nOm du inte bett om detta kan du bortse från meddelandet.`,
            });
      await audit(tx, {
        actor: userId ?? null,
        action: 'password.reset_requested',
        target: body.email,
        ip: req.ip,
        details: userId === undefined ? { unknownAddress: true } : {},
      });
      return mail;
    });
    if (send) void send(db).catch((e) => req.log.error(e));
    reply.status(202);
    return { message: 'Om adressen finns skickas en länk för att återställa lösenordet.' };
  }, strict);

  // A reset ends every session of the account (the person may be resetting because someone else got in)
  // and lifts the throttle on failed sign-ins from every address.
  route(app, api.confirmPasswordReset, async (req) => {
    const { body } = req;
    const user = await completePasswordReset(db, body.token, body.password);
    if (!user) throw new AppError('invalid', 'Länken är ogiltig, redan använd eller har gått ut. Begär en ny.');
    await audit(db, { actor: user.id, action: 'password.reset', target: user.email, ip: req.ip });
    return { message: 'Lösenordet är bytt. Logga in med ditt nya lösenord.' };
  }, strict);
}
