// A group's comparison for one year (Förstudierapport 4D tabell 3–5; Delrapport Mellerud figur 12):
// each member's view, the group's totals, the pool mix summed over the members with inside/outside
// where known, the group's published inside shares as published, the year's savings scenarios and
// cost-sharing models. Members without a record for the year are named in a flag, never dropped
// silently. `nameOf` decides the names (the caller anonymises). Pure.
import { atPercent, ore, percentOf, sum } from './amounts.ts';
import { POOL_LABELS, TBM_POOLS, type Benchmark, type CostSharingInput, type EconomicsYear, type SavingsScenarioInput, type TbmPool } from './schema.ts';
import { savingsView } from './savings.ts';
import { costSharingView } from './sharing.ts';
import type { EconomicsYearView, GroupComparisonView, PoolFigure, QualityFlag } from './view.ts';
import { economicsYearView, poolFigure, type NameOf } from './year.ts';

export interface GroupForComparison {
  id: number;
  name: string;
  members: readonly string[];
  insideShares: ReadonlyArray<{ pool: TbmPool; insidePercent: number; year: number; source: string }>;
}

const joinSv = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} och ${xs[xs.length - 1]}`);

/** The members' pools summed per pool; inside/outside summed over the members whose split is known. */
export function groupPools(members: readonly EconomicsYearView[]): PoolFigure[] {
  const all = members.flatMap((m) => m.pools);
  const total = sum(all.map((p) => p.amount));
  return TBM_POOLS.flatMap((pool) => {
    const ps = all.filter((p) => p.pool === pool);
    if (ps.length === 0) return [];
    const known = ps.filter((p) => p.inside !== null && p.outside !== null);
    const inside = known.length === 0 ? null : sum(known.map((p) => p.inside ?? 0));
    const knownAmount = sum(known.map((p) => p.amount));
    const f = poolFigure(pool, sum(ps.map((p) => p.amount)), inside, total, [...new Set(ps.map((p) => p.source).filter(Boolean))].join('; '), '');
    // The split covers only the members whose split is known: outside and the inside share over those.
    return [inside === null ? f : { ...f, outside: ore(knownAmount - inside), insideShare: percentOf(inside, knownAmount) }];
  });
}

function totals(members: readonly EconomicsYearView[], benchmark: Benchmark, flags: QualityFlag[]): GroupComparisonView['totals'] {
  const itCost = sum(members.map((m) => m.itCost ?? 0));
  const netCost = sum(members.map((m) => m.netCost ?? 0));
  const complete = members.filter((m) => m.itCost !== null && m.netCost !== null);
  const partial = members.filter((m) => m.itCost === null || m.netCost === null);
  if (partial.length > 0) {
    flags.push({
      code: 'group_partial',
      severity: 'warning',
      message: `Gruppens andel av nettokostnaden och förändringen till riktmärket omfattar bara kommuner med både it-kostnad och nettokostnad; ${joinSv(partial.map((m) => m.municipality))} saknar någon av dem.`,
    });
  }
  const itComplete = sum(complete.map((m) => m.itCost ?? 0));
  const netComplete = sum(complete.map((m) => m.netCost ?? 0));
  const populationKnown = members.length > 0 && members.every((m) => m.population !== null);
  const population = populationKnown ? members.reduce((s, m) => s + (m.population ?? 0), 0) : null;
  return {
    itCost,
    netCost,
    itShare: complete.length === 0 || netComplete === 0 ? null : percentOf(itComplete, netComplete),
    budgetAtBenchmark: atPercent(netCost, benchmark.share),
    changeToBenchmark: ore(atPercent(netComplete, benchmark.share) - itComplete),
    population,
    costPerInhabitant: population === null || members.some((m) => m.itCost === null) ? null : itCost / population,
  };
}

/** A group's comparison for one year: members' views, totals, pool mix, scenarios, cost sharing, flags. */
export function groupComparison(input: {
  group: GroupForComparison;
  year: number;
  records: readonly EconomicsYear[];
  benchmark: Benchmark;
  scenarios: ReadonlyArray<SavingsScenarioInput & { id: number }>;
  costSharing: ReadonlyArray<CostSharingInput & { id: number }>;
  nameOf: NameOf;
  named: boolean;
}): GroupComparisonView {
  const { group, year, benchmark, nameOf } = input;
  const flags: QualityFlag[] = [];
  const records = group.members.flatMap((code) => {
    const r = input.records.find((x) => x.municipalityCode === code && x.year === year);
    return r ? [r] : [];
  });
  const missing = group.members.filter((code) => !records.some((r) => r.municipalityCode === code));
  if (missing.length > 0) {
    flags.push({
      code: 'missing_year',
      severity: 'warning',
      message: `${joinSv(missing.map(nameOf))} saknar it-ekonomi för ${year} och ingår inte i gruppens summor.`,
    });
  }
  const members = records.map((r) => economicsYearView(r, benchmark, nameOf));
  const t = totals(members, benchmark, flags);
  return {
    groupId: group.id,
    group: group.name,
    year,
    named: input.named,
    members,
    totals: t,
    pools: groupPools(members),
    publishedInsideShares: group.insideShares.map((s) => ({ pool: s.pool, label: POOL_LABELS[s.pool], insidePercent: s.insidePercent, year: s.year, source: s.source })),
    savings: input.scenarios.filter((s) => s.year === year).map((s) => savingsView(s, records, nameOf)),
    costSharing: input.costSharing.filter((c) => c.year === year).map((c) => costSharingView(c, group.members, nameOf)),
    flags,
  };
}
