// Use cases: an association's sign-in rules per e-mail domain (each rule belongs to one association, and the
// accounts it creates are made there) (Administration → Inloggning, and
// `samverka sso domains`), each saved or deleted with its audit entry in one transaction.
import type { Db } from '../db/db.ts';
import { notFound } from '../domain/errors.ts';
import type { DomainRule } from '../domain/identity/policy.ts';
import { audit } from '../store/audit.ts';
import { requireAssociationMembers } from '../associations/members.ts';
import { defaultAssociationId } from '../store/associations.ts';
import { deleteDomainRule, domainRuleAssociation, saveDomainRule } from '../store/identity.ts';
import { getMunicipality } from '../store/organisation.ts';

/**
 * Saves a domain's rule in the actor's association (`associationId`; default: the instance's default
 * association); an existing rule keeps its association (another association's rule is not the admin's:
 * the route's guard answers 404). The rule's municipality must be a member of the rule's association.
 */
export async function saveSignInDomain(db: Db, rule: DomainRule, actor: { id: number | null; ip?: string; associationId?: number }): Promise<DomainRule> {
  if (rule.municipalityCode && !(await getMunicipality(db, rule.municipalityCode))) throw notFound(`Kommunen med kod ${rule.municipalityCode} finns inte`);
  const associationId = (await domainRuleAssociation(db, rule.domain)) ?? actor.associationId ?? (await defaultAssociationId(db));
  if (rule.municipalityCode) await requireAssociationMembers(db, associationId, [rule.municipalityCode], 'municipalityCode');
  await db.transaction(async (tx) => {
    await saveDomainRule(tx, rule, associationId);
    await audit(tx, { actor: actor.id, action: 'sign_in_domain.saved', target: rule.domain, ip: actor.ip, details: { ...rule }, association: associationId });
  });
  return rule;
}

export async function deleteSignInDomain(db: Db, domain: string, actor: { id: number | null; ip?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const associationId = await domainRuleAssociation(tx, domain);
    if (!(await deleteDomainRule(tx, domain))) throw notFound(`Det finns ingen regel för domänen ${domain}`);
    await audit(tx, { actor: actor.id, action: 'sign_in_domain.deleted', target: domain, ip: actor.ip, association: associationId });
  });
}
