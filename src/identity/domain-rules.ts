// Use cases: the association's sign-in rules per e-mail domain (Administration → Inloggning, and
// `samverka sso domains`), each saved or deleted with its audit entry in one transaction.
import type { Db } from '../db/db.ts';
import { notFound } from '../domain/errors.ts';
import type { DomainRule } from '../domain/identity/policy.ts';
import { audit } from '../store/audit.ts';
import { deleteDomainRule, saveDomainRule } from '../store/identity.ts';
import { getMunicipality } from '../store/organisation.ts';

export async function saveSignInDomain(db: Db, rule: DomainRule, actor: { id: number | null; ip?: string }): Promise<DomainRule> {
  if (rule.municipalityCode && !(await getMunicipality(db, rule.municipalityCode))) throw notFound(`Kommunen med kod ${rule.municipalityCode} finns inte`);
  await db.transaction(async (tx) => {
    await saveDomainRule(tx, rule);
    await audit(tx, { actor: actor.id, action: 'sign_in_domain.saved', target: rule.domain, ip: actor.ip, details: { ...rule } });
  });
  return rule;
}

export async function deleteSignInDomain(db: Db, domain: string, actor: { id: number | null; ip?: string }): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteDomainRule(tx, domain))) throw notFound(`Det finns ingen regel för domänen ${domain}`);
    await audit(tx, { actor: actor.id, action: 'sign_in_domain.deleted', target: domain, ip: actor.ip });
  });
}
