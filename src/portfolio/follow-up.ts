// The regional follow-up per association (DOMAIN.md §10; issue 14): indicators (expected, published and
// computed, with the association's definition and base) and funds (applied, requisitioned, remaining, with
// the published totals and unit checked), for one association or the region's four side by side. Shared
// by the HTTP routes and the CLI. Aggregate figures only: no municipality's survey data.
import type { Queryable } from '../db/db.ts';
import {
  computeIndicators,
  fundingFollowUp,
  fundingPublication,
  indicatorFlags,
  participating,
  type AssociationFollowUp,
  type AssociationRef,
  type FundingProjectView,
} from '../domain/portfolio/index.ts';
import { getAssociation, listAssociations, type AssociationRow } from '../store/associations.ts';
import { anyDemoRound, associationPortfolioIds, indicatorTargets, indicatorYears, listFundingProjects } from '../store/followup.ts';
import { demoNetworkIds, listInitiatives, listNetworks } from '../store/initiatives.ts';
import { maturityChange } from './maturity.ts';

export type { AssociationFollowUp, AssociationRef, FundingProjectView } from '../domain/portfolio/index.ts';

const refOf = (a: AssociationRow): AssociationRef => ({
  id: a.id,
  shortId: a.shortId,
  name: a.name,
  actorsIncludeMunicipalities: a.actorsIncludeMunicipalities,
  indicatorDefinition: a.indicatorDefinition,
  members: a.members.length,
});

/** The association's funding projects with their follow-up (the published table's totals and unit checked). */
export async function fundingProjects(db: Queryable, associationId: number): Promise<FundingProjectView[]> {
  return (await listFundingProjects(db, associationId)).map(({ isDemo: _demo, ...p }) => ({
    ...p,
    followUp: fundingFollowUp(p.rows, fundingPublication(p, p.caption.split(':')[0]?.trim() ?? '')),
  }));
}

async function followUpOf(db: Queryable, a: AssociationRow, year: number): Promise<AssociationFollowUp> {
  const ids = await associationPortfolioIds(db, a.id);
  const initiatives = (await listInitiatives(db)).filter((i) => ids.initiatives.has(i.id));
  const demoNetworks = await demoNetworkIds(db);
  const networks = (await listNetworks(db)).filter((n) => ids.networks.has(n.id));
  const maturity = await maturityChange(db, year, undefined, a.id);
  const demoRounds = maturity ? await anyDemoRound(db, [maturity.before.id, maturity.after.id]) : false;
  const targets = await indicatorTargets(db, a.id, year);
  const input = {
    year,
    members: a.members,
    association: a.name,
    definition: a.indicatorDefinition,
    initiatives: initiatives.map((i) => ({
      id: i.id,
      stage: i.stage,
      scope: i.scope,
      startYear: i.startYear,
      endYear: i.endYear,
      participating: participating(i),
      actors: i.actors.map((x) => x.id),
      demo: i.isDemo,
    })),
    networks: networks.map((n) => ({ ...n, demo: demoNetworks.has(n.id) })),
    maturity: maturity && { ...maturity, demo: demoRounds },
    targets,
  };
  const indicators = computeIndicators(input, { actorsIncludeMunicipalities: a.actorsIncludeMunicipalities });
  const funding = await fundingProjects(db, a.id);
  const flags = [...indicatorFlags(input), ...funding.flatMap((p) => p.followUp.flags)];
  return { association: refOf(a), year, indicators, funding, flags };
}

/** One association's indicators and funds for a year, with the years that hold stored values. */
export async function indicatorReport(db: Queryable, associationId: number, year: number, now = new Date()) {
  const a = await getAssociation(db, associationId);
  if (!a) throw new Error(`Kommunalförbund ${associationId} finns inte`);
  const f = await followUpOf(db, a, year);
  /** Years with stored expected or reported values (the page offers them when the current year has none). */
  const years = await indicatorYears(db, a.id);
  return { ...f, generatedAt: now.toISOString(), years };
}

/** The region's follow-up: every association's indicators and funds for the year, side by side. */
export async function regionFollowUp(db: Queryable, year: number, now = new Date()) {
  const associations: AssociationFollowUp[] = [];
  const all = await listAssociations(db);
  for (const a of all) associations.push(await followUpOf(db, a, year));
  const region = all.find((a) => a.region)?.region ?? 'Västra Götalandsregionen';
  return { region, year, generatedAt: now.toISOString(), associations, years: await indicatorYears(db, null) };
}
