// Saves a funding project by name (förbundsadmin): its period and applied/requisitioned amounts per
// cost type; answers with the project and its follow-up.
import type { Db } from '../db/db.ts';
import type { FundingProjectInput } from '../domain/portfolio/portfolio-schema.ts';
import { audit } from '../store/audit.ts';
import { saveFundingProject as storeFundingProject } from '../store/initiatives.ts';
import type { Actor } from './actor.ts';
import { fundingProjects } from './service.ts';

export async function saveFundingProject(db: Db, actor: Actor, project: FundingProjectInput) {
  return db.transaction(async (tx) => {
    await storeFundingProject(tx, project);
    await audit(tx, { actor: actor.id, action: 'funding.saved', target: project.name, ip: actor.ip, details: { rows: project.rows } });
    return (await fundingProjects(tx)).find((p) => p.name === project.name)!;
  });
}
