// Invites a person (förbundsadmin, or the command line): the account is created without a password,
// not yet activated, and a link valid INVITATION_DAYS days is mailed. The person accepts by choosing a
// password through the link or by signing in with their organisation's account (SSO).
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { conflict } from '../domain/errors.ts';
import type { Role } from '../domain/organisation.ts';
import { createUser, findUserIdByEmail } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { issueInvitation } from '../store/invitations.ts';
import { checkPermissions, invitationLink, queueInvitationMail, type AccountCaller } from './common.ts';

export interface InvitationSent {
  user: User;
  expiresAt: string;
  /** The link (for the command line without SMTP; the web never shows it). */
  link: string;
  /** Sends the mail by SMTP when configured; call after the answer. */
  send: (db: Queryable) => Promise<void>;
}

export async function inviteUser(
  db: Db,
  config: Config,
  caller: AccountCaller,
  input: { email: string; name: string; role: Role; municipalities: string[] },
): Promise<InvitationSent> {
  // The account is made in the inviter's association (a regionanalytiker in none).
  await checkPermissions(db, input.role, input.role === 'kommunansvarig' ? input.municipalities : [], caller.associationId);
  return db.transaction(async (tx) => {
    if (await findUserIdByEmail(tx, input.email)) throw conflict('Det finns redan ett konto med den e-postadressen');
    const user = await createUser(tx, {
      ...input,
      municipalities: input.role === 'kommunansvarig' ? input.municipalities : [],
      invited: true,
      associationId: caller.associationId,
    });
    const { token, invitation } = await issueInvitation(tx, user.id, caller.userId);
    const send = await queueInvitationMail(tx, config, user, token, invitation.expiresAt);
    await audit(tx, {
      actor: caller.userId,
      action: 'invitation.created',
      target: user.email,
      ip: caller.ip,
      association: user.associationId ?? caller.associationId,
      details: { role: user.role, municipalities: user.municipalities, expiresAt: invitation.expiresAt },
    });
    return { user, expiresAt: invitation.expiresAt, link: invitationLink(config, token), send };
  });
}
