// Mitt konto (own password and sessions) and the public side of invitations: thin handlers over src/accounts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { acceptInvitation } from '../../accounts/accept-invitation.ts';
import { changeOwnPassword } from '../../accounts/change-own-password.ts';
import { describeInvitation } from '../../accounts/describe-invitation.ts';
import { endOtherSessions } from '../../accounts/end-other-sessions.ts';
import { endOwnSession } from '../../accounts/end-own-session.ts';
import * as api from '../../contracts/account.ts';
import { listUserSessions } from '../../store/sessions.ts';
import { requireUser, SESSION_COOKIE, startSession } from '../auth.ts';
import { route } from '../route.ts';

/** The signed-in person and the token of the session they ask from. */
const selfOf = (req: FastifyRequest) => ({ user: requireUser(req), sessionToken: req.cookies[SESSION_COOKIE]!, ip: req.ip });

export async function accountRoutes(app: FastifyInstance) {
  const { db, config } = app;
  // Public links and the current password are guessed at like password-reset links: the same strict limit.
  const strict = { config: { rateLimit: { max: config.authRateLimit, timeWindow: '1 minute' } } };

  route(app, api.describeInvitation, (req) => describeInvitation(db, req.query.token), strict);
  route(
    app,
    api.acceptInvitation,
    async (req, reply) => startSession(app, req, reply, await acceptInvitation(db, req.body.token, req.body.password, req.ip), 'invitation'),
    strict,
  );

  route(app, api.changeOwnPassword, async (req) => {
    const r = await changeOwnPassword(db, selfOf(req), req.body);
    return { message: 'Lösenordet är bytt. Dina andra inloggningar är avslutade.', endedSessions: r.endedSessions };
  }, strict);
  route(app, api.listOwnSessions, async (req) => {
    const self = selfOf(req);
    return { sessions: await listUserSessions(db, self.user.id, self.sessionToken) };
  });
  route(app, api.endOwnSession, async (req, reply) => {
    const r = await endOwnSession(db, selfOf(req), req.params.id);
    if (r.current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  route(app, api.endOtherSessions, async (req) => ({ ended: await endOtherSessions(db, selfOf(req)) }));
}
