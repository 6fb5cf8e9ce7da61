// Loaders that combine the portfolio store with the pure domain; shared by the HTTP routes and the CLI.
import type { Queryable } from '../db/db.ts';
import { ASSOCIATION } from '../domain/organisation.ts';
import { buildHandlingsplan, computeIndicators, fundingFollowUp, participating } from '../domain/portfolio/index.ts';
import {
  demoNetworkIds,
  indicatorTargets,
  indicatorYears,
  listCriteria,
  listFundingProjects,
  listInitiatives,
  listNetworks,
  memberMunicipalities,
} from '../store/initiatives.ts';
import { defaultAssociationId, getAssociation } from '../store/associations.ts';
import { listAreas, listMunicipalities } from '../store/organisation.ts';
import { maturityChange } from './maturity.ts';

/** The funding projects with their follow-up (applied, requisitioned and remaining per cost type). */
export async function fundingProjects(db: Queryable) {
  return (await listFundingProjects(db)).map((p) => ({ ...p, followUp: fundingFollowUp(p.rows) }));
}

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

// "Andel kommuner som visar på ökad digital mognad" comes from the change between two closed rounds of
// the maturity instrument (maturity.ts). Without a comparison the reported value is shown and the
// indicator is marked as not computed.
export async function indicatorReport(db: Queryable, year: number, now = new Date()) {
  const initiatives = await listInitiatives(db);
  const demoNetworks = await demoNetworkIds(db);
  const maturity = await maturityChange(db, year);
  const demoRounds = maturity
    ? (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rounds WHERE is_demo AND id = ANY($1::int[])', [[maturity.before.id, maturity.after.id]])).rows[0].n > 0
    : false;
  const indicators = computeIndicators({
    year,
    members: await memberMunicipalities(db),
    initiatives: initiatives.map((i) => ({
      id: i.id,
      stage: i.stage,
      scope: i.scope,
      startYear: i.startYear,
      endYear: i.endYear,
      participating: participating(i),
      actors: i.actors.map((a) => a.id),
      demo: i.isDemo,
    })),
    networks: (await listNetworks(db)).map((n) => ({ ...n, demo: demoNetworks.has(n.id) })),
    maturity: maturity && { ...maturity, demo: demoRounds },
    targets: await indicatorTargets(db, year),
  });
  const funding = await fundingProjects(db);
  /** Years with stored expected or reported values (the page offers them when the current year has none). */
  const years = await indicatorYears(db);
  return { association: ASSOCIATION, year, generatedAt: now.toISOString(), indicators, funding, years };
}
