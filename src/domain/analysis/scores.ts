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
import {
  EPSILON,
  aggregate,
  groupByKey,
  isDontKnow,
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

function pctScore(instrument: Instrument, items: readonly Item[], itemScores: Record<string, ItemScore>, responses: readonly AnalysisResponse[]): PctScore {
  const pcts = items.map((it) => itemScores[it.id]?.pct).filter((p): p is number => p !== null && p !== undefined);
  return { pct: mean(pcts), base: 'respondents', n: respondentsWithAny(instrument, items, responses), items: pcts.length };
}

/** Items per dimension, via their groups. */
function dimensionItems(instrument: Instrument, dimensionId: string): Item[] {
  const groups = new Set(instrument.groups.filter((g) => g.dimension === dimensionId).map((g) => g.id));
  return instrument.items.filter((it) => it.group !== undefined && groups.has(it.group));
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
function scoreUnit(instrument: Instrument, responses: readonly AnalysisResponse[], how: Aggregation) {
  const items: Record<string, ItemScore> = {};
  for (const { item, range } of scoredItems(instrument)) {
    const vals = valuesOf(instrument, item, range, responses);
    const value = aggregate(vals, how);
    const dontKnow = responses.filter((r) => isDontKnow(instrument, item, r.answers[item.id])).length;
    items[item.id] = { kind: 'item-score', itemId: item.id, base: 'respondents', n: vals.length, value, pct: toPct(value, range), dontKnow };
  }
  const groups: Record<string, PctScore> = {};
  for (const g of instrument.groups)
    groups[g.id] = pctScore(instrument, instrument.items.filter((it) => it.group === g.id), items, responses);
  const dimensions: Record<string, PctScore> = {};
  for (const d of instrument.dimensions) dimensions[d.id] = pctScore(instrument, dimensionItems(instrument, d.id), items, responses);
  let overall: PctScore;
  if (instrument.dimensions.length) {
    const dimPcts = Object.values(dimensions).map((d) => d.pct).filter((p): p is number => p !== null);
    const all = instrument.dimensions.flatMap((d) => dimensionItems(instrument, d.id));
    overall = { pct: mean(dimPcts), base: 'respondents', n: respondentsWithAny(instrument, all, responses), items: Object.values(dimensions).reduce((s, d) => s + d.items, 0) };
  } else {
    overall = pctScore(instrument, scoredItems(instrument).map((s) => s.item), items, responses);
  }
  const q = instrument.scoring?.quadrant;
  const quadrant = q ? quadrantOf(instrument, dimensions[q.x]?.pct ?? null, dimensions[q.y]?.pct ?? null) : null;
  return { items, groups, dimensions, overall, quadrant };
}

/** Scores per municipality (sorted by SCB code). Empty input gives an empty list. */
export function scoreMunicipalities(
  instrument: Instrument,
  responses: readonly AnalysisResponse[],
  opts: ScoreOptions = {},
): MunicipalityScores[] {
  const how = opts.aggregation ?? scoringSettings(instrument).aggregation;
  const byMuni = groupByKey(responses, (r) => r.municipality);
  return sortedKeys(byMuni.keys()).map((m) => {
    const rs = byMuni.get(m) ?? [];
    return { kind: 'municipality-scores', municipality: m, base: 'respondents', n: rs.length, ...scoreUnit(instrument, rs, how) };
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

function nonNull(xs: (number | null | undefined)[]): number[] {
  return xs.filter((x): x is number => x !== null && x !== undefined);
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
  const pooled = scoreUnit(instrument, responses, 'mean');

  const items: Record<string, RegionalItemScore> = {};
  for (const { item } of scoredItems(instrument)) {
    const p = pooled.items[item.id];
    items[item.id] = {
      kind: 'regional-item-score',
      itemId: item.id,
      value: stat(nonNull(munis.map((m) => m.items[item.id]?.value)), { n: p.n, mean: p.value }),
      pct: stat(nonNull(munis.map((m) => m.items[item.id]?.pct)), { n: p.n, mean: p.pct }),
    };
  }
  const pctStat = (id: string, pick: (m: ReturnType<typeof scoreUnit>) => PctScore | undefined): RegionalPctScore => {
    const pp = pick(pooled);
    return { kind: 'regional-pct-score', id, pct: stat(nonNull(munis.map((m) => pick(m)?.pct)), { n: pp?.n ?? 0, mean: pp?.pct ?? null }) };
  };
  const groups: Record<string, RegionalPctScore> = {};
  for (const g of instrument.groups) groups[g.id] = pctStat(g.id, (m) => m.groups[g.id]);
  const dimensions: Record<string, RegionalPctScore> = {};
  for (const d of instrument.dimensions) dimensions[d.id] = pctStat(d.id, (m) => m.dimensions[d.id]);

  let quadrantCounts: RegionalScores['quadrantCounts'] = null;
  if (instrument.scoring?.quadrant) {
    const counts: Record<QuadrantKey, number> = { A: 0, B: 0, C: 0, D: 0 };
    let n = 0;
    for (const m of munis)
      if (m.quadrant?.key) {
        counts[m.quadrant.key]++;
        n++;
      }
    quadrantCounts = { base: 'municipalities', n, counts };
  }

  return {
    kind: 'regional-scores',
    aggregation: how,
    municipalities: { base: 'municipalities', n: munis.length },
    respondents: { base: 'respondents', n: responses.length },
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
