// One municipality's IT economics for one year (DOMAIN.md §8): IT cost from its pools, budget lines or
// stated total; share of net cost; budget at the benchmark and the research figure, and the change
// needed; cost per inhabitant; pools (entered, or derived from the budget lines' pool mapping) with
// inside/outside central IT; towers; and the quality flags (quality.ts). Pure.
import { atPercent, ore, percentOf, sum } from './amounts.ts';
import { yearFlags } from './quality.ts';
import { POOL_LABELS, TBM_POOLS, TOWER_LABELS, TOWERS, type Benchmark, type EconomicsYear, type TbmPool } from './schema.ts';
import type { EconomicsYearView, PoolFigure, TowerFigure } from './view.ts';

/** A municipality's code → the name the viewer may see ("Kommun N" where anonymised). */
export type NameOf = (municipalityCode: string) => string;

const uniqueJoined = (xs: readonly string[]) => [...new Set(xs.filter((x) => x.trim() !== ''))].join('; ');

/** A pool's figure with its share of `total` and its inside/outside split (null where unknown). */
export function poolFigure(pool: TbmPool, amount: number, inside: number | null, total: number, source: string, note: string): PoolFigure {
  const outside = inside === null ? null : ore(amount - inside);
  return {
    pool,
    label: POOL_LABELS[pool],
    amount,
    share: percentOf(amount, total),
    inside,
    outside,
    insideShare: inside === null ? null : percentOf(inside, amount),
    source,
    note,
  };
}

/**
 * The record's pools in TBM order: the entered pool lines, or, when none are entered, the budget lines
 * summed per the pool each line maps to (pools with an amount above 0; inside/outside unknown).
 */
export function poolsOf(record: EconomicsYear): PoolFigure[] {
  if (record.pools.length > 0) {
    const total = sum(record.pools.map((p) => p.amount));
    return TBM_POOLS.flatMap((pool) => {
      const p = record.pools.find((x) => x.pool === pool);
      return p ? [poolFigure(pool, p.amount, p.insideCentralIt, total, p.source, p.note)] : [];
    });
  }
  const total = sum(record.budgetLines.map((l) => l.amount));
  return TBM_POOLS.flatMap((pool) => {
    const lines = record.budgetLines.filter((l) => l.pool === pool);
    const amount = sum(lines.map((l) => l.amount));
    if (amount <= 0) return [];
    const note = `Från budgetraderna: ${lines.filter((l) => l.amount > 0).map((l) => l.label).join(', ')}`;
    return [poolFigure(pool, amount, null, total, uniqueJoined(lines.map((l) => l.source)), note)];
  });
}

/** The IT cost used for shares and which figure it is: pools, else budget lines, else the stated total. */
export function itCostOf(record: EconomicsYear): { itCost: number | null; basis: EconomicsYearView['itCostBasis'] } {
  if (record.pools.length > 0) return { itCost: sum(record.pools.map((p) => p.amount)), basis: 'pools' };
  if (record.budgetLines.length > 0) return { itCost: sum(record.budgetLines.map((l) => l.amount)), basis: 'budget' };
  if (record.statedTotal) return { itCost: record.statedTotal.amount, basis: 'stated' };
  return { itCost: null, basis: null };
}

function towersOf(record: EconomicsYear): TowerFigure[] {
  const total = sum(record.towers.map((t) => t.amount));
  return TOWERS.flatMap((tower) => {
    const t = record.towers.find((x) => x.tower === tower);
    return t ? [{ tower, label: TOWER_LABELS[tower], amount: t.amount, share: percentOf(t.amount, total) }] : [];
  });
}

/** Inside and outside central IT summed over the pools whose split is known; null when none is. */
export function insideOutside(pools: readonly PoolFigure[]): { inside: number | null; outside: number | null } {
  const known = pools.filter((p) => p.inside !== null && p.outside !== null);
  if (known.length === 0) return { inside: null, outside: null };
  return { inside: sum(known.map((p) => p.inside ?? 0)), outside: sum(known.map((p) => p.outside ?? 0)) };
}

/** One municipality-year computed: IT cost, share of net cost, benchmark budget and change, pools, flags. */
export function economicsYearView(record: EconomicsYear, benchmark: Benchmark, nameOf: NameOf): EconomicsYearView {
  const { itCost, basis } = itCostOf(record);
  const netCost = record.netCost && record.netCost.amount > 0 ? record.netCost.amount : null;
  const budgetAtBenchmark = netCost === null ? null : atPercent(netCost, benchmark.share);
  const budgetAtResearch = netCost === null || benchmark.researchShare === null ? null : atPercent(netCost, benchmark.researchShare);
  const population = record.population?.amount ?? null;
  const pools = poolsOf(record);
  return {
    municipalityCode: record.municipalityCode,
    municipality: nameOf(record.municipalityCode),
    year: record.year,
    itCost,
    itCostBasis: basis,
    netCost,
    netCostSource: record.netCost?.source ?? '',
    population,
    itShare: itCost === null || netCost === null ? null : percentOf(itCost, netCost),
    benchmark: {
      year: benchmark.year,
      share: benchmark.share,
      source: benchmark.source,
      researchShare: benchmark.researchShare,
      researchSource: benchmark.researchSource,
    },
    budgetAtBenchmark,
    changeToBenchmark: itCost === null || budgetAtBenchmark === null ? null : ore(budgetAtBenchmark - itCost),
    budgetAtResearch,
    costPerInhabitant: itCost === null || population === null ? null : itCost / population,
    pools,
    towers: towersOf(record),
    budgetLines: record.budgetLines.map((l) => ({ category: l.category, label: l.label, pool: l.pool, amount: l.amount, source: l.source, note: l.note })),
    ...insideOutside(pools),
    source: record.source,
    note: record.note,
    synthesised: record.synthesised,
    flags: yearFlags(record, nameOf(record.municipalityCode)),
  };
}
