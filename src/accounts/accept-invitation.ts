// Accepts an invitation by choosing a password: in one transaction the link is used up (single use),
// the password is set and the account activated. The caller then starts the session
// (src/server/auth.ts startSession, method 'invitation'). The SSO way to accept is the OIDC callback's.
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { AppError } from '../domain/errors.ts';
import { ownPasswordRefusal, ruleForEmail, signInRefusal, SIGN_IN_REFUSAL_MESSAGES } from '../domain/identity/policy.ts';
import { getUser, setPassword } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { getAccountFacts, listDomainRules } from '../store/identity.ts';
import { acceptInvitation as markAccepted } from '../store/invitations.ts';
import { INVITATION_GONE, requireValidInvitation } from './describe-invitation.ts';

export async function acceptInvitation(db: Db, token: string, password: string, ip?: string): Promise<User> {
  return db.transaction(async (tx) => {
    const inv = await requireValidInvitation(tx, token);
    const facts = (await getAccountFacts(tx, inv.userId))!;
    const rule = ruleForEmail(facts.email, await listDomainRules(tx));
    const refusal = signInRefusal(facts, 'invitation', rule);
    if (refusal) throw new AppError('forbidden', SIGN_IN_REFUSAL_MESSAGES[refusal]);
    const noPassword = ownPasswordRefusal(rule);
    if (noPassword) throw new AppError('forbidden', `${noPassword} Välj inloggning med organisationens konto.`);
    // Two requests with one link: only the first gets past this conditional update.
    if (!(await markAccepted(tx, inv.id))) throw new AppError('gone', INVITATION_GONE);
    await setPassword(tx, inv.userId, password);
    await audit(tx, { actor: inv.userId, action: 'invitation.accepted', target: facts.email, ip, details: { method: 'password' } });
    return (await getUser(tx, inv.userId))!;
  });
}
