// Use case: the account an OpenID Connect sign-in (a validated ID token) is, found, linked or created
// per the association's rules (src/domain/identity/policy.ts), in one transaction with its audit
// entries. Roles and municipality bindings are samverka's: nothing is taken from the claims but the
// subject, the verified address and the name of a new account.
import type { Db } from '../db/db.ts';
import {
  emailDomain,
  oidcAccountDecision,
  OIDC_REFUSAL_MESSAGES,
  ruleForEmail,
  SIGN_IN_REFUSAL_MESSAGES,
  signInRefusal,
  verifiedEmail,
  type OidcClaims,
} from '../domain/identity/policy.ts';
import { createUser, findUserIdByEmail, getUser, type User } from '../store/accounts.ts';
import { addressAssociation } from '../store/associations.ts';
import { audit } from '../store/audit.ts';
import { domainRuleAssociation, getAccountFacts, listDomainRules } from '../store/identity.ts';
import { acceptInvitation, validInvitationOfUser } from '../store/invitations.ts';
import { identityUser, linkIdentity } from '../store/oidc.ts';

/** A refusal names the association the address belongs to: its admins are whom the person can ask. */
export type OidcSignIn = { ok: true; user: User } | { ok: false; reason: string; message: string; associationId: number };

export async function signInWithOidc(db: Db, provider: string, claims: OidcClaims, ip: string): Promise<OidcSignIn> {
  return db.transaction(async (tx) => {
    const email = verifiedEmail(claims);
    const rules = await listDomainRules(tx);
    const rule = email ? ruleForEmail(email, rules) : undefined;
    const identityUserId = await identityUser(tx, provider, claims.sub);
    const decision = oidcAccountDecision({ identityUserId, verifiedEmail: email, emailUserId: email ? await findUserIdByEmail(tx, email) : undefined, rule });
    const target = email ?? (typeof claims.email === 'string' ? claims.email : claims.sub);
    const refuse = async (reason: string, message: string): Promise<OidcSignIn> => {
      await audit(tx, { action: 'sso.refused', target, ip, details: { method: 'oidc', provider, reason, ...(email ? { domain: emailDomain(email) } : {}) } });
      return { ok: false, reason, message, associationId: await addressAssociation(tx, target) };
    };
    if (decision.kind === 'refuse') return refuse(decision.reason, OIDC_REFUSAL_MESSAGES[decision.reason]);

    if (decision.kind === 'create') {
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email!;
      // A läsare bound to the domain's municipality: the binding gives a läsare no access (canSeeMunicipality)
      // but tells the admin where the person works, and is kept if the admin makes them kommunansvarig.
      // The account is made in the association the domain's rule belongs to.
      const associationId = rule ? ((await domainRuleAssociation(tx, rule.domain)) ?? undefined) : undefined;
      const user = await createUser(tx, {
        email: email!,
        name,
        role: 'lasare',
        municipalities: decision.municipalityCode ? [decision.municipalityCode] : [],
        associationId,
      });
      await linkIdentity(tx, provider, claims.sub, user.id, email!);
      await audit(tx, { actor: user.id, action: 'sso.account_created', target: user.email, ip, details: { provider, role: 'lasare', municipalities: user.municipalities } });
      return { ok: true, user: (await getUser(tx, user.id))! };
    }

    const userId = decision.userId;
    const facts = (await getAccountFacts(tx, userId))!;
    const invitation = facts.activatedAt ? undefined : await validInvitationOfUser(tx, userId);
    const refusal = signInRefusal(facts, 'oidc', rule ?? ruleForEmail(facts.email, rules), { validInvitation: !!invitation });
    if (refusal) return refuse(refusal, SIGN_IN_REFUSAL_MESSAGES[refusal]);
    if (decision.kind === 'link') {
      await linkIdentity(tx, provider, claims.sub, userId, email!);
      await audit(tx, { actor: userId, action: 'sso.identity_linked', target: facts.email, ip, details: { provider } });
    }
    // An invited account is activated by this sign-in, which accepts its invitation.
    if (invitation && (await acceptInvitation(tx, invitation.id)))
      await audit(tx, { actor: userId, action: 'invitation.accepted', target: facts.email, ip, details: { method: 'oidc', provider } });
    return { ok: true, user: (await getUser(tx, userId))! };
  });
}
