// Scores (DOMAIN.md §5): respondent → municipality → region, as values on the item's scale and as
// percentages of the scale (see values.ts for pct = (v − min)/(max − min) × 100 and reversal).
//
// 1. Item per municipality: the median (default) or mean (scoring.aggregation) of the municipality's
//    respondents' scored answers ("Vet ej" excluded and counted apart).
// 2. Group per municipality: the mean of its items' percentages (items without a value are skipped).
//    Dimension: the mean of the percentages of all items in the dimension's groups (each item weighs
//    the same, whatever the size of its group). Overall: the mean of the dimension percentages; an
//    instrument without dimensions uses the mean of all item percentages.
// 3. Region: every municipality counts once — mean / median / min / max over the municipality figures —
//    so that large municipalities do not outweigh small ones. The respondent-weighted figure (all
//    respondents pooled, mean) is given alongside so that the two can be compared.
// 4. Quadrant: x = the instrument's capability dimension, y = its legacy dimension (high = enabling).
//    A value exactly at the threshold counts as high (x ≥ threshold). A: low x, low y; B: low x, high y;
//    C: high x, low y; D: high x, high y.
import type { Instrument, Item, QuadrantKey } from '../instruments/schema.ts';
import type {
  AnalysisResponse,
  Aggregation,
  ItemScore,
  MunicipalityScores,
  PctScore,
  QuadrantPlacement,
  RegionalItemScore,
  RegionalPctScore,
  RegionalScores,
  RegionalStat,
} from './types.ts';
import { isDontKnow } from '../instruments/answered.ts';
import {
  EPSILON,
  aggregate,
  groupByKey,
  itemRange,
  mean,
  median,
  numericValue,
  orient,
  scoringSettings,
  sortedKeys,
  toPct,
  type Range,
} from './values.ts';

export interface ScoreOptions {
  /** Overrides the instrument's scoring.aggregation. */
  aggregation?: Aggregation;
}

/** Items that carry a score, with their range. */
export function scoredItems(instrument: Instrument): { item: Item; range: Range }[] {
  const out: { item: Item; range: Range }[] = [];
  for (const item of instrument.items) {
    const range = itemRange(instrument, item);
    if (range && range.max > range.min) out.push({ item, range });
  }
  return out;
}

/** Oriented (reversal applied) scored values of one item for each response that has one. */
function valuesOf(instrument: Instrument, item: Item, range: Range, responses: readonly AnalysisResponse[]): number[] {
  const out: number[] = [];
  for (const r of responses) {
    const v = numericValue(instrument, item, r.answers[item.id]);
    if (v !== null) out.push(orient(item, range, v));
  }
  return out;
}

function respondentsWithAny(instrument: Instrument, items: readonly Item[], responses: readonly AnalysisResponse[]): number {
  let n = 0;
  for (const r of responses) if (items.some((it) => numericValue(instrument, it, r.answers[it.id]) !== null)) n++;
  return n;
}

/** The scores of one unit (a municipality, or all respondents pooled) without its identity. */
export type UnitScores = Pick<MunicipalityScores, 'items' | 'groups' | 'dimensions' | 'overall' | 'quadrant'>;

/** Which items a unit's scores are built from: scored items, items per group and per dimension (via its groups). */
export interface ScoreStructure {
  scored: { item: Item; range: Range }[];
  groups: { id: string; items: Item[] }[];
  dimensions: { id: string; items: Item[] }[];
  /** The items of all dimensions, dimension by dimension (the overall score's items). */
  dimensionItems: Item[];
}

export function scoreStructure(instrument: Instrument): ScoreStructure {
  const itemsOf = (dimensionId: string) => {
    const groups = new Set(instrument.groups.filter((g) => g.dimension === dimensionId).map((g) => g.id));
    return instrument.items.filter((it) => it.group !== undefined && groups.has(it.group));
  };
  const dimensions = instrument.dimensions.map((d) => ({ id: d.id, items: itemsOf(d.id) }));
  return {
    scored: scoredItems(instrument),
    groups: instrument.groups.map((g) => ({ id: g.id, items: instrument.items.filter((it) => it.group === g.id) })),
    dimensions,
    dimensionItems: dimensions.flatMap((d) => d.items),
  };
}

/** One item's score in a unit from its aggregated value (rule 1). */
export function itemScore(itemId: string, range: Range, n: number, value: number | null, dontKnow: number): ItemScore {
  return { kind: 'item-score', itemId, base: 'respondents', n, value, pct: toPct(value, range), dontKnow };
}

function pctScore(items: readonly Item[], itemScores: Record<string, ItemScore>, respondents: (items: readonly Item[]) => number): PctScore {
  const pcts = items.map((it) => itemScores[it.id]?.pct).filter((p): p is number => p !== null && p !== undefined);
  return { pct: mean(pcts), base: 'respondents', n: respondents(items), items: pcts.length };
}

/**
 * Groups, dimensions, overall and quadrant of a unit from its item scores (rules 2 and 4).
 * `respondents(items)` counts the unit's respondents with a scored answer to at least one of the items.
 */
export function rollUp(
  instrument: Instrument,
  st: ScoreStructure,
  items: Record<string, ItemScore>,
  respondents: (items: readonly Item[]) => number,
): UnitScores {
  const groups: Record<string, PctScore> = {};
  for (const g of st.groups) groups[g.id] = pctScore(g.items, items, respondents);
  const dimensions: Record<string, PctScore> = {};
  for (const d of st.dimensions) dimensions[d.id] = pctScore(d.items, items, respondents);
  let overall: PctScore;
  if (instrument.dimensions.length) {
    const dimPcts = Object.values(dimensions).map((d) => d.pct).filter((p): p is number => p !== null);
    overall = { pct: mean(dimPcts), base: 'respondents', n: respondents(st.dimensionItems), items: Object.values(dimensions).reduce((s, d) => s + d.items, 0) };
  } else {
    overall = pctScore(st.scored.map((s) => s.item), items, respondents);
  }
  const q = instrument.scoring?.quadrant;
  const quadrant = q ? quadrantOf(instrument, dimensions[q.x]?.pct ?? null, dimensions[q.y]?.pct ?? null) : null;
  return { items, groups, dimensions, overall, quadrant };
}

/** The quadrant for x and y percentages, or null if the instrument defines no quadrant model. */
export function quadrantOf(instrument: Instrument, x: number | null, y: number | null): QuadrantPlacement | null {
  const q = instrument.scoring?.quadrant;
  if (!q) return null;
  if (x === null || y === null) return { key: null, label: null, phase: null, x, y };
  const highX = x >= (q.thresholds?.x ?? 50) - EPSILON;
  const highY = y >= (q.thresholds?.y ?? 50) - EPSILON;
  const key: QuadrantKey = highX ? (highY ? 'D' : 'C') : highY ? 'B' : 'A';
  const info = q.quadrants[key];
  return { key, label: info.label, phase: info.phase, x, y };
}

/** Scores of one set of responses treated as one unit (a municipality, or the pooled region). */
function scoreUnit(instrument: Instrument, st: ScoreStructure, responses: readonly AnalysisResponse[], how: Aggregation): UnitScores {
  const items: Record<string, ItemScore> = {};
  for (const { item, range } of st.scored) {
    const vals = valuesOf(instrument, item, range, responses);
    const dontKnow = responses.filter((r) => isDontKnow(instrument, item, r.answers[item.id])).length;
    items[item.id] = itemScore(item.id, range, vals.length, aggregate(vals, how), dontKnow);
  }
  return rollUp(instrument, st, items, (its) => respondentsWithAny(instrument, its, responses));
}

/** Scores per municipality (sorted by SCB code). Empty input gives an empty list. */
export function scoreMunicipalities(
  instrument: Instrument,
  responses: readonly AnalysisResponse[],
  opts: ScoreOptions = {},
): MunicipalityScores[] {
  const how = opts.aggregation ?? scoringSettings(instrument).aggregation;
  const st = scoreStructure(instrument);
  const byMuni = groupByKey(responses, (r) => r.municipality);
  return sortedKeys(byMuni.keys()).map((m) => {
    const rs = byMuni.get(m) ?? [];
    return { kind: 'municipality-scores', municipality: m, base: 'respondents', n: rs.length, ...scoreUnit(instrument, st, rs, how) };
  });
}

function stat(muniValues: number[], pooled: { n: number; mean: number | null }): RegionalStat {
  return {
    municipalityWeighted: {
      base: 'municipalities',
      n: muniValues.length,
      mean: mean(muniValues),
      median: median(muniValues),
      min: muniValues.length ? Math.min(...muniValues) : null,
      max: muniValues.length ? Math.max(...muniValues) : null,
    },
    respondentWeighted: { base: 'respondents', n: pooled.n, mean: pooled.mean },
  };
}

/** Values of municipality figures that may enter a regional statistic: those with a value and at least minN respondents. */
function values<T extends { n: number }>(figs: (T | undefined)[], pick: (f: T) => number | null, minN: number): number[] {
  const out: number[] = [];
  for (const f of figs) {
    if (!f || f.n < minN) continue;
    const v = pick(f);
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

/**
 * Regional scores: min / mean / median / max over municipalities (each municipality once), and the
 * respondent-weighted mean (all respondents pooled) for comparison. Empty input: n = 0, values null.
 */
export function regionalScores(
  instrument: Instrument,
  responses: readonly AnalysisResponse[],
  opts: ScoreOptions = {},
): RegionalScores {
  const how = opts.aggregation ?? scoringSettings(instrument).aggregation;
  const munis = scoreMunicipalities(instrument, responses, { aggregation: how });
  const pooled = scoreUnit(instrument, scoreStructure(instrument), responses, 'mean');
  return regionFromScores(instrument, munis, pooled, responses.length, how);
}

/**
 * Regional scores from the municipality scores and the pooled unit (all respondents, mean).
 * `minN` (default 0): a municipality figure enters the municipality-weighted statistics of an item,
 * group or dimension (and the quadrant counts) only if it rests on at least minN respondents; the
 * privacy views use it so that a small group's value never surfaces as a regional minimum or maximum.
 */
export function regionFromScores(
  instrument: Instrument,
  munis: readonly MunicipalityScores[],
  pooled: UnitScores,
  respondents: number,
  how: Aggregation,
  minN = 0,
): RegionalScores {
  const items: Record<string, RegionalItemScore> = {};
  for (const { item } of scoredItems(instrument)) {
    const p = pooled.items[item.id];
    const figs = munis.map((m) => m.items[item.id]);
    items[item.id] = {
      kind: 'regional-item-score',
      itemId: item.id,
      value: stat(values(figs, (f) => f.value, minN), { n: p.n, mean: p.value }),
      pct: stat(values(figs, (f) => f.pct, minN), { n: p.n, mean: p.pct }),
    };
  }
  const pctStat = (id: string, pick: (m: UnitScores) => PctScore | undefined): RegionalPctScore => {
    const pp = pick(pooled);
    const figs = munis.map((m) => pick(m));
    return { kind: 'regional-pct-score', id, pct: stat(values(figs, (f) => f.pct, minN), { n: pp?.n ?? 0, mean: pp?.pct ?? null }) };
  };
  const groups: Record<string, RegionalPctScore> = {};
  for (const g of instrument.groups) groups[g.id] = pctStat(g.id, (m) => m.groups[g.id]);
  const dimensions: Record<string, RegionalPctScore> = {};
  for (const d of instrument.dimensions) dimensions[d.id] = pctStat(d.id, (m) => m.dimensions[d.id]);

  let quadrantCounts: RegionalScores['quadrantCounts'] = null;
  const q = instrument.scoring?.quadrant;
  if (q) {
    const counts: Record<QuadrantKey, number> = { A: 0, B: 0, C: 0, D: 0 };
    let n = 0;
    for (const m of munis) {
      if (minN > 0 && ((m.dimensions[q.x]?.n ?? 0) < minN || (m.dimensions[q.y]?.n ?? 0) < minN)) continue;
      if (m.quadrant?.key) {
        counts[m.quadrant.key]++;
        n++;
      }
    }
    quadrantCounts = { base: 'municipalities', n, counts };
  }
  return {
    kind: 'regional-scores',
    aggregation: how,
    municipalities: { base: 'municipalities', n: munis.length },
    respondents: { base: 'respondents', n: respondents },
    items,
    groups,
    dimensions,
    overall: pctStat('overall', (m) => m.overall),
    quadrantCounts,
  };
}

/** One municipality against the municipality-weighted regional mean, per item (percentage points). */
export function compareToRegion(
  own: MunicipalityScores,
  region: RegionalScores,
): { itemId: string; ownPct: number | null; regionPct: number | null; differencePp: number | null }[] {
  return Object.keys(own.items).map((itemId) => {
    const ownPct = own.items[itemId].pct;
    const regionPct = region.items[itemId]?.pct.municipalityWeighted.mean ?? null;
    return { itemId, ownPct, regionPct, differencePp: ownPct !== null && regionPct !== null ? ownPct - regionPct : null };
  });
}
