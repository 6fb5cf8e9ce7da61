// Association administration: accounts and roles, invitations, mail outbox (the event log: audit.ts). Förbundsadmin only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { changePermissions } from '../../accounts/change-permissions.ts';
import { checkPermissions, type AccountCaller } from '../../accounts/common.ts';
import { deactivateUser } from '../../accounts/deactivate-user.ts';
import { inviteUser, type InvitationSent } from '../../accounts/invite-user.ts';
import { reactivateUser } from '../../accounts/reactivate-user.ts';
import { resendInvitation } from '../../accounts/resend-invitation.ts';
import { revokeInvitation } from '../../accounts/revoke-invitation.ts';
import * as api from '../../contracts/accounts.ts';
import { createUser, findUserIdByEmail, listUsers } from '../../store/accounts.ts';
import { audit } from '../../store/audit.ts';
import { latestInvitations } from '../../store/invitations.ts';
import { listOutbox } from '../../store/mail.ts';
import { requireUser } from '../auth.ts';
import { conflict } from '../http.ts';
import { route } from '../route.ts';
import { viewerAssociation } from '../../domain/association-scope.ts';
import { listAssociations } from '../../store/associations.ts';

/** The admin, from where, and the association it manages (its own): new accounts are made there. */
const callerOf = (req: FastifyRequest): AccountCaller => {
  const user = requireUser(req);
  return { userId: user.id, ip: req.ip, associationId: user.associationId ?? undefined };
};

export async function adminRoutes(app: FastifyInstance) {
  const { db, config } = app;

  /** The invitation mail goes by SMTP after the answer; the link itself is never in the answer. */
  const sent = (req: FastifyRequest, r: InvitationSent) => {
    void r.send(db).catch((e) => req.log.error(e));
    return { user: r.user, expiresAt: r.expiresAt };
  };

  // A förbundsadmin sees its own association's accounts and the region's analysts (who belong to none).
  route(app, api.listUsers, async (req) => {
    const users = await listUsers(db, viewerAssociation(requireUser(req)));
    const ids = new Set(users.map((u) => u.id));
    const associations = (await listAssociations(db)).filter((a) => users.some((u) => u.associationId === a.id)).map(({ id, name }) => ({ id, name }));
    return { users, associations, invitations: (await latestInvitations(db)).filter((i) => ids.has(i.userId)) };
  });

  // With a password, for automation (the CLI's `admin create` is the usual way); the web invites.
  route(app, api.createUser, async (req, reply) => {
    const admin = requireUser(req);
    const { body } = req;
    const associationId = admin.associationId ?? undefined;
    await checkPermissions(db, body.role, body.municipalities, associationId);
    if (await findUserIdByEmail(db, body.email)) throw conflict('Det finns redan ett konto med den e-postadressen');
    const user = await db.transaction(async (tx) => {
      const u = await createUser(tx, { ...body, associationId });
      await audit(tx, { actor: admin.id, action: 'user.created', target: u.email, ip: req.ip, details: { role: u.role, municipalities: u.municipalities } });
      return u;
    });
    reply.status(201);
    return { user };
  });

  route(app, api.updateUser, async (req) => ({ user: await changePermissions(db, callerOf(req), req.params.id, req.body) }));

  route(app, api.inviteUser, async (req, reply) => {
    const r = await inviteUser(db, config, callerOf(req), req.body);
    reply.status(201);
    return sent(req, r);
  });
  route(app, api.resendInvitation, async (req) => sent(req, await resendInvitation(db, config, callerOf(req), req.params.id)));
  route(app, api.revokeInvitation, async (req) => {
    await revokeInvitation(db, callerOf(req), req.params.id);
    return { id: req.params.id, deleted: true as const };
  });
  route(app, api.deactivateUser, async (req) => ({ user: await deactivateUser(db, callerOf(req), req.params.id, req.body.reason) }));
  route(app, api.reactivateUser, async (req) => ({ user: await reactivateUser(db, callerOf(req), req.params.id, req.body.reason) }));

  route(app, api.listOutbox, async () => {
    return { messages: await listOutbox(db) };
  });
}
