// Two-factor authentication (TOTP): a password sign-in's second step, enrolment and recovery codes
// under Mitt konto, and the förbundsadmin's reset. Thin handlers over src/accounts/*.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/two-factor.ts';
import { confirmTotpEnrolment } from '../../accounts/confirm-totp-enrolment.ts';
import { disableTotp } from '../../accounts/disable-totp.ts';
import { getTotpStatus } from '../../accounts/get-totp-status.ts';
import { regenerateRecoveryCodes } from '../../accounts/regenerate-recovery-codes.ts';
import { resetTotp } from '../../accounts/reset-totp.ts';
import { completeTotpSignIn, confirmTotpSetupSignIn, startTotpSetupSignIn } from '../../accounts/second-factor-sign-in.ts';
import { startTotpEnrolment } from '../../accounts/start-totp-enrolment.ts';
import { requireUser, startSession } from '../auth.ts';
import { route } from '../route.ts';

const callerOf = (req: FastifyRequest) => ({ user: requireUser(req), ip: req.ip });

export async function twoFactorRoutes(app: FastifyInstance) {
  const { db, config } = app;
  const strict = { config: { rateLimit: { max: config.authRateLimit, timeWindow: '1 minute' } } };

  route(app, api.loginTotp, async (req, reply) => {
    const { body } = req;
    const input = 'code' in body ? { code: body.code } : { recoveryCode: body.recoveryCode };
    const r = await completeTotpSignIn(db, body.challenge, input, req.ip);
    return startSession(app, req, reply, r.user, 'password', { secondFactor: r.secondFactor });
  }, strict);

  route(app, api.loginTotpSetup, async (req) => startTotpSetupSignIn(db, req.body.challenge), strict);

  route(app, api.loginTotpSetupConfirm, async (req, reply) => {
    const r = await confirmTotpSetupSignIn(db, req.body.challenge, req.body.code, req.ip);
    return { ...(await startSession(app, req, reply, r.user, 'password', { secondFactor: 'totp' })), recoveryCodes: r.recoveryCodes };
  }, strict);

  route(app, api.getTotpStatus, async (req) => getTotpStatus(db, callerOf(req)));
  route(app, api.startTotp, async (req) => startTotpEnrolment(db, callerOf(req)), strict);
  route(app, api.confirmTotp, async (req) => ({ recoveryCodes: await confirmTotpEnrolment(db, callerOf(req), req.body.code) }), strict);
  route(app, api.disableTotp, async (req) => {
    await disableTotp(db, callerOf(req), req.body.password);
    return { ok: true as const };
  }, strict);
  route(app, api.regenerateRecoveryCodes, async (req) => ({
    recoveryCodes: await regenerateRecoveryCodes(db, callerOf(req), req.body.code),
  }), strict);

  route(app, api.resetUserTotp, async (req) => ({ user: await resetTotp(db, { id: requireUser(req).id, ip: req.ip }, req.params.id) }));
}
