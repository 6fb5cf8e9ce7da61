// Loaders that combine the portfolio store with the pure domain; shared by the HTTP routes and the CLI.
import type { Queryable } from '../db/db.ts';
import { ASSOCIATION } from '../domain/organisation.ts';
import { buildHandlingsplan } from '../domain/portfolio/index.ts';
import { defaultAssociationId, getAssociation } from '../store/associations.ts';
import { listCriteria, listInitiatives } from '../store/initiatives.ts';
import { listAreas, listMunicipalities } from '../store/organisation.ts';

/**
 * The handlingsplan of one association (its initiatives, under its name); without `associationId` the
 * instance's default association's.
 */
export async function handlingsplanModel(db: Queryable, from: number, to: number, now = new Date(), associationId?: number) {
  const id = associationId ?? (await defaultAssociationId(db));
  const association = await getAssociation(db, id);
  const initiatives = await listInitiatives(db, id);
  const criteria = await listCriteria(db);
  const municipalities = await listMunicipalities(db);
  const areas = await listAreas(db);
  return buildHandlingsplan({
    from,
    to,
    association: association?.name ?? ASSOCIATION,
    generatedAt: now.toISOString(),
    initiatives,
    criteria,
    municipalityNames: Object.fromEntries(municipalities.map((m) => [m.code, m.name])),
    areaNames: Object.fromEntries(areas.map((a) => [a.id, a.name])),
  });
}

// The regional indicators and funds per association: follow-up.ts.
export { fundingProjects, indicatorReport } from './follow-up.ts';
