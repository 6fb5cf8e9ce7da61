// IT economics as chart specifications (src/domain/charts/spec.ts), for the web pages: IT share against
// the benchmark and the research figure, cost per inhabitant, pool mix, inside vs outside central IT,
// towers, savings and cost sharing. Each builder takes the computed views (view.ts) and `t`, which
// translates a Swedish label (identity by default). Pure and browser-safe.
import type { BarsChart, StackedBarsChart } from '../charts/spec.ts';
import { TBM_POOLS } from './schema.ts';
import type { CostSharingView, EconomicsYearView, PoolFigure, SavingsView, TowerFigure } from './view.ts';

export type Translate = (sv: string) => string;
const same: Translate = (s) => s;

type ShareRow = Pick<EconomicsYearView, 'municipality' | 'itShare' | 'benchmark'>;

/** The benchmark share and the research figure as reference lines (the second only when known). */
function shareReferences(b: EconomicsYearView['benchmark'], t: Translate): Pick<BarsChart, 'reference' | 'references'> {
  return {
    reference: { label: t('Riktmärke'), value: b.share, role: 'target' },
    references: b.researchShare === null ? [] : [{ label: t('Forskningens nivå'), value: b.researchShare, role: 'mean' }],
  };
}

/** IT cost as a share of net cost per municipality, with the benchmark (2,5 %) and the research figure (about 2 %) as lines. */
export function itShareChart(rows: readonly ShareRow[], t: Translate = same, own?: string): BarsChart {
  const b = rows[0]?.benchmark ?? { year: 0, share: 2.5, source: '', researchShare: 2, researchSource: '' };
  const top = Math.max(b.share, b.researchShare ?? 0, ...rows.map((r) => r.itShare ?? 0));
  return {
    type: 'bars',
    categories: rows.map((r) => r.municipality),
    series: [{ label: t('It-kostnad som andel av nettokostnaden'), role: 'value' }],
    values: rows.map((r) => [r.itShare]),
    max: Math.ceil(top * 1.15 * 2) / 2,
    unit: '%',
    decimals: 2,
    ...shareReferences(b, t),
    ...(own ? { own: [own] } : {}),
  };
}

/** IT cost per inhabitant per municipality (kronor). */
export function perInhabitantChart(rows: ReadonlyArray<Pick<EconomicsYearView, 'municipality' | 'costPerInhabitant'>>, t: Translate = same): BarsChart {
  return {
    type: 'bars',
    categories: rows.map((r) => r.municipality),
    series: [{ label: t('It-kostnad per invånare (kr)'), role: 'value' }],
    values: rows.map((r) => [r.costPerInhabitant]),
    max: 0,
    unit: 'kr',
    decimals: 0,
  };
}

/** IT cost against the IT budget at the benchmark share, per municipality (kronor). */
export function budgetAtBenchmarkChart(rows: ReadonlyArray<Pick<EconomicsYearView, 'municipality' | 'itCost' | 'budgetAtBenchmark'>>, t: Translate = same): BarsChart {
  return {
    type: 'bars',
    categories: rows.map((r) => r.municipality),
    series: [
      { label: t('It-kostnad (kr)'), role: 'value' },
      { label: t('Budget vid riktmärket (kr)'), role: 'target' },
    ],
    values: rows.map((r) => [r.itCost, r.budgetAtBenchmark]),
    max: 0,
    unit: 'kr',
    decimals: 0,
  };
}

/** The pools' series in TBM order, each a step of the sequential palette. */
const poolSeries = (labelOf: (pool: (typeof TBM_POOLS)[number]) => string) =>
  TBM_POOLS.map((p, i) => ({ label: labelOf(p), role: 'level' as const, level: i }));

/**
 * Pool mix: one 100 % bar per municipality (or group), a segment per TBM cost pool (share of the IT
 * cost). Rows without pools are left out.
 */
export function poolMixChart(rows: ReadonlyArray<{ label: string; pools: readonly PoolFigure[] }>, t: Translate = same): StackedBarsChart {
  const withPools = rows.filter((r) => r.pools.some((p) => p.amount > 0));
  const labels = new Map(withPools.flatMap((r) => r.pools.map((p) => [p.pool, p.label] as const)));
  return {
    type: 'stackedBars',
    categories: withPools.map((r) => r.label),
    series: poolSeries((p) => t(labels.get(p) ?? p)),
    values: withPools.map((r) => TBM_POOLS.map((p) => r.pools.find((x) => x.pool === p)?.share ?? 0)),
    scale: 'sequential',
    levels: TBM_POOLS.length,
  };
}

/**
 * Inside vs outside central IT per pool, in percent of the pool: from the pools' own split, or from
 * published shares (the group's, e.g. Delrapport Mellerud figur 12) where given. Pools without a split are left out.
 */
export function insideOutsideChart(
  pools: ReadonlyArray<Pick<PoolFigure, 'label' | 'insideShare'>> | ReadonlyArray<{ label: string; insidePercent: number }>,
  t: Translate = same,
): StackedBarsChart {
  const rows = pools
    .map((p) => ({ label: p.label, inside: 'insidePercent' in p ? p.insidePercent : p.insideShare }))
    .filter((r): r is { label: string; inside: number } => r.inside !== null);
  return {
    type: 'stackedBars',
    categories: rows.map((r) => t(r.label)),
    series: [
      { label: t('Inom central IT'), role: 'level', level: 0 },
      { label: t('Utanför central IT'), role: 'level', level: 1 },
    ],
    values: rows.map((r) => [r.inside, 100 - r.inside]),
    scale: 'sequential',
    levels: 2,
  };
}

/** Cost per tower (kronor). */
export function towersChart(towers: readonly TowerFigure[], t: Translate = same): BarsChart {
  return {
    type: 'bars',
    categories: towers.map((x) => t(x.label)),
    series: [{ label: t('Kostnad per arbetsområde (kr)'), role: 'value' }],
    values: towers.map((x) => [x.amount]),
    max: 0,
    unit: 'kr',
    decimals: 0,
  };
}

/** Cost per pool (kronor), for one municipality-year. */
export function poolAmountsChart(pools: readonly PoolFigure[], t: Translate = same): BarsChart {
  return {
    type: 'bars',
    categories: pools.map((p) => t(p.label)),
    series: [{ label: t('Kostnad per kostnadspool (kr)'), role: 'value' }],
    values: pools.map((p) => [p.amount]),
    max: 0,
    unit: 'kr',
    decimals: 0,
  };
}

/** A savings scenario's saving per municipality, or per category (kronor). */
export function savingsChart(s: SavingsView, by: 'municipality' | 'category', t: Translate = same): BarsChart {
  const rows = by === 'municipality' ? s.perMunicipality.map((m) => ({ label: m.municipality, saving: m.saving })) : s.perCategory.map((c) => ({ label: t(c.label), saving: c.saving }));
  return {
    type: 'bars',
    categories: rows.map((r) => r.label),
    series: [{ label: t('Besparing (kr)'), role: 'value' }],
    values: rows.map((r) => [r.saving]),
    max: 0,
    unit: 'kr',
    decimals: 0,
  };
}

/** Each member's charge in a cost-sharing model: the equal base part and the consumption-based part (kronor). */
export function costSharingChart(m: CostSharingView, t: Translate = same): BarsChart {
  return {
    type: 'bars',
    categories: m.members.map((x) => x.municipality),
    series: [
      { label: t('Grundavgift (kr)'), role: 'value' },
      { label: t('Förbrukningsbaserad avgift (kr)'), role: 'region' },
    ],
    values: m.members.map((x) => [x.base, x.total - x.base]),
    max: 0,
    unit: 'kr',
    decimals: 0,
  };
}
