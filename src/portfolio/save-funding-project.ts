// Saves a funding project by name in the caller's association (förbundsadmin): its periods, applied and
// requisitioned amounts per cost type and the published table's totals and unit; answers with the project
// and its follow-up.
import type { Db } from '../db/db.ts';
import type { FundingProjectInput } from '../domain/portfolio/portfolio-schema.ts';
import { audit } from '../store/audit.ts';
import { saveFundingProject as storeFundingProject } from '../store/followup.ts';
import type { Actor } from './actor.ts';
import { fundingProjects } from './follow-up.ts';

export async function saveFundingProject(db: Db, actor: Actor, associationId: number, project: FundingProjectInput) {
  return db.transaction(async (tx) => {
    await storeFundingProject(tx, associationId, project);
    await audit(tx, { actor: actor.id, action: 'funding.saved', target: project.name, ip: actor.ip, details: { associationId, rows: project.rows } });
    return (await fundingProjects(tx, associationId)).find((p) => p.name === project.name)!;
  });
}
