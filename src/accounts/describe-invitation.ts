// What the invitation page shows before the person chooses: whom the link is for and whether their
// e-mail domain allows a password (else only their organisation's account). A link that is unknown,
// used, revoked or expired is gone (410), with one message for all.
import type { Queryable } from '../db/db.ts';
import { AppError } from '../domain/errors.ts';
import { ruleForEmail } from '../domain/identity/policy.ts';
import { getUser } from '../store/accounts.ts';
import { listDomainRules } from '../store/identity.ts';
import { findValidInvitation, type InvitationRow } from '../store/invitations.ts';

export const INVITATION_GONE = 'Inbjudan är ogiltig, redan använd eller har gått ut. Be förbundets administratör om en ny.';

/** The open invitation of a token, or 410. */
export async function requireValidInvitation(db: Queryable, token: string): Promise<InvitationRow> {
  const inv = await findValidInvitation(db, token);
  if (!inv) throw new AppError('gone', INVITATION_GONE);
  return inv;
}

export async function describeInvitation(db: Queryable, token: string): Promise<{ email: string; name: string; passwordSignIn: boolean }> {
  const inv = await requireValidInvitation(db, token);
  const user = await getUser(db, inv.userId);
  if (!user || user.status !== 'invited') throw new AppError('gone', INVITATION_GONE);
  const rule = ruleForEmail(user.email, await listDomainRules(db));
  return { email: user.email, name: user.name, passwordSignIn: !rule || rule.passwordSignIn };
}
