// Replaces the qualification criteria (förbundsadmin): the set is validated by criteriaInput (unique
// ids, at least one weight above 0); scores of removed criteria go with them.
import type { Db } from '../db/db.ts';
import type { Criterion } from '../domain/portfolio/index.ts';
import { audit } from '../store/audit.ts';
import { listCriteria, saveCriteria as storeCriteria } from '../store/initiatives.ts';
import type { Actor } from './actor.ts';

export async function saveCriteria(db: Db, actor: Actor, criteria: Criterion[]): Promise<Criterion[]> {
  return db.transaction(async (tx) => {
    await storeCriteria(tx, criteria);
    await audit(tx, { actor: actor.id, action: 'portfolio.criteria_changed', ip: actor.ip, details: { criteria } });
    return listCriteria(tx);
  });
}
