// Sends an invited account a new link: the old one stops working. Only for accounts that have not
// accepted their invitation (and are not deactivated).
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { conflict } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { issueInvitation } from '../store/invitations.ts';
import { invitationLink, queueInvitationMail, requireAccount, type AccountCaller } from './common.ts';
import type { InvitationSent } from './invite-user.ts';

export async function resendInvitation(db: Db, config: Config, caller: AccountCaller, userId: number): Promise<InvitationSent> {
  return db.transaction(async (tx) => {
    const user = await requireAccount(tx, userId);
    if (user.status !== 'invited') throw conflict(user.status === 'active' ? 'Kontot har redan tagit emot sin inbjudan' : 'Kontot är avaktiverat; återaktivera det först');
    const { token, invitation } = await issueInvitation(tx, user.id, caller.userId);
    const send = await queueInvitationMail(tx, config, user, token, invitation.expiresAt);
    await audit(tx, { actor: caller.userId, action: 'invitation.resent', target: user.email, ip: caller.ip, details: { expiresAt: invitation.expiresAt } });
    return { user, expiresAt: invitation.expiresAt, link: invitationLink(config, token), send };
  });
}
