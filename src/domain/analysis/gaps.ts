// Gaps against targets, improvement candidates and samverkanskandidater (DOMAIN.md §5), all on the
// municipality level (item values aggregated as in scores.ts, reversal applied).
//
// Thresholds are on the item's scale values. Defaults when the instrument does not set them:
// - improvementMax: the lowest quarter of the scale, min + (max − min)/4 — 1 on the 0–4 förmågekarta,
//   1.5 on the 1–3 IT-competence scale (so only level 1), 1.5 on a 0–6 scale;
// - weakMax: scoring.weakMax, else improvementMax, else the same default.
// "At or below" is inclusive.
import type { Instrument, Item } from '../instruments/schema.ts';
import type { AnalysisResponse, Gap, MunicipalityScores, SamverkanCandidate, ScoredItemRef } from './types.ts';
import { scoreMunicipalities, scoredItems, type ScoreOptions } from './scores.ts';
import { EPSILON, aggregate, answeredTarget, defaultLowThreshold, groupByKey, mean, orient, percent, scoringSettings, type Range } from './values.ts';

export interface CandidateOptions extends ScoreOptions {
  /** Item types considered; default every scored type except 'number'. */
  types?: Item['type'][];
}

const DEFAULT_TYPES: Item['type'][] = ['scale', 'single', 'capability', 'yesno_degree'];

function candidateItems(instrument: Instrument, types: Item['type'][] = DEFAULT_TYPES) {
  return scoredItems(instrument).filter(({ item }) => types.includes(item.type));
}

/** The improvement threshold for an item: scoring.improvementMax or the lowest quarter of its scale. */
export function improvementThreshold(instrument: Instrument, range: Range): number {
  return scoringSettings(instrument).improvementMax ?? defaultLowThreshold(range);
}

/** The weakness threshold for samverkanskandidater: weakMax, else improvementMax, else the default. */
export function weakThreshold(instrument: Instrument, range: Range): number {
  const s = scoringSettings(instrument);
  return s.weakMax ?? s.improvementMax ?? defaultLowThreshold(range);
}

/**
 * Positive gaps between target and current value per municipality and item. The target is the item's
 * `target.level` (målbild, with its marker); without one, the aggregated answered targets of capability
 * answers ({current, target}). Ordered by municipality, then instrument order.
 */
export function gaps(instrument: Instrument, responses: readonly AnalysisResponse[], opts: ScoreOptions = {}): Gap[] {
  const how = opts.aggregation ?? scoringSettings(instrument).aggregation;
  const byMuni = groupByKey(responses, (r) => r.municipality);
  return gapsFromScores(instrument, scoreMunicipalities(instrument, responses, opts), (municipality, item, range) => {
    const ts = (byMuni.get(municipality) ?? [])
      .map((r) => answeredTarget(instrument, item, r.answers[item.id]))
      .filter((v): v is number => v !== null)
      .map((v) => orient(item, range, v));
    return aggregate(ts, how);
  });
}

/**
 * The gaps (see gaps) from already computed municipality scores. `answeredTargetOf` gives, for an
 * item without an instrument target, the municipality's aggregated answered target (oriented), or null.
 */
export function gapsFromScores(
  instrument: Instrument,
  munis: readonly MunicipalityScores[],
  answeredTargetOf: (municipality: string, item: Item, range: Range) => number | null,
): Gap[] {
  const scored = scoredItems(instrument);
  const out: Gap[] = [];
  for (const m of munis) {
    for (const { item, range } of scored) {
      const current = m.items[item.id]?.value ?? null;
      if (current === null) continue;
      let target: number | null;
      let targetSource: Gap['targetSource'] = 'instrument';
      if (item.target) target = orient(item, range, item.target.level);
      else {
        target = answeredTargetOf(m.municipality, item, range);
        targetSource = 'answers';
      }
      if (target === null) continue;
      const gap = target - current;
      if (gap > EPSILON)
        out.push({ municipality: m.municipality, itemId: item.id, current, target, gap, marker: item.target?.marker ?? null, targetSource });
    }
  }
  return out;
}

export interface GapSummary {
  itemId: string;
  target: number;
  marker: '*' | '**' | null;
  /** Municipalities below the target, of those with a value. */
  belowTarget: { base: 'municipalities'; count: number; n: number; percent: number | null; municipalities: string[] };
  /** Mean gap over the municipalities with a value (municipalities at or above target count as 0). */
  meanGap: number | null;
  maxGap: number | null;
}

/** Gap analysis across the group of municipalities, per item with an instrument target. */
export function gapSummary(instrument: Instrument, responses: readonly AnalysisResponse[], opts: ScoreOptions = {}): GapSummary[] {
  return gapSummaryFromScores(instrument, scoreMunicipalities(instrument, responses, opts), gaps(instrument, responses, opts));
}

/** The gap summary from already computed municipality scores and gaps. */
export function gapSummaryFromScores(instrument: Instrument, munis: readonly MunicipalityScores[], all: readonly Gap[]): GapSummary[] {
  return scoredItems(instrument)
    .filter(({ item }) => item.target)
    .map(({ item, range }) => {
      const withValue = munis.filter((m) => m.items[item.id]?.value !== null && m.items[item.id]?.value !== undefined);
      const itemGaps = all.filter((g) => g.itemId === item.id && g.targetSource === 'instrument');
      const gapOf = new Map(itemGaps.map((g) => [g.municipality, g.gap]));
      const perMuni = withValue.map((m) => gapOf.get(m.municipality) ?? 0);
      return {
        itemId: item.id,
        target: orient(item, range, item.target!.level),
        marker: item.target!.marker ?? null,
        belowTarget: {
          base: 'municipalities' as const,
          count: itemGaps.length,
          n: withValue.length,
          percent: percent(itemGaps.length, withValue.length),
          municipalities: itemGaps.map((g) => g.municipality),
        },
        meanGap: mean(perMuni),
        maxGap: perMuni.length ? Math.max(...perMuni) : null,
      };
    });
}

export interface ImprovementCandidate extends ScoredItemRef {
  threshold: number;
}

/** Items whose municipality value is at or below the improvement threshold, per municipality. */
export function improvementCandidates(
  instrument: Instrument,
  responses: readonly AnalysisResponse[],
  opts: CandidateOptions = {},
): ImprovementCandidate[] {
  return improvementCandidatesFromScores(instrument, scoreMunicipalities(instrument, responses, opts), opts.types);
}

/** The improvement candidates from already computed municipality scores. */
export function improvementCandidatesFromScores(
  instrument: Instrument,
  munis: readonly MunicipalityScores[],
  types?: Item['type'][],
): ImprovementCandidate[] {
  const items = candidateItems(instrument, types);
  const out: ImprovementCandidate[] = [];
  for (const m of munis)
    for (const { item, range } of items) {
      const s = m.items[item.id];
      const threshold = improvementThreshold(instrument, range);
      if (s && s.value !== null && s.value <= threshold + EPSILON)
        out.push({ municipality: m.municipality, itemId: item.id, value: s.value, pct: s.pct, threshold });
    }
  return out;
}

export interface SamverkanOptions extends CandidateOptions {
  weakMax?: number;
  minMunicipalities?: number;
}

/**
 * Samverkanskandidater: items weak (≤ weakMax) in at least scoring.samverkanMinMunicipalities
 * (default 3) municipalities. Sorted by the number of weak municipalities (desc), then instrument order.
 */
export function samverkanskandidater(
  instrument: Instrument,
  responses: readonly AnalysisResponse[],
  opts: SamverkanOptions = {},
): SamverkanCandidate[] {
  return samverkanskandidaterFromScores(instrument, scoreMunicipalities(instrument, responses, opts), opts);
}

/** The samverkanskandidater from already computed municipality scores (opts.aggregation is not used). */
export function samverkanskandidaterFromScores(
  instrument: Instrument,
  munis: readonly MunicipalityScores[],
  opts: Omit<SamverkanOptions, keyof ScoreOptions> = {},
): SamverkanCandidate[] {
  const min = opts.minMunicipalities ?? scoringSettings(instrument).samverkanMinMunicipalities;
  const out: SamverkanCandidate[] = [];
  for (const { item, range } of candidateItems(instrument, opts.types)) {
    const threshold = opts.weakMax ?? weakThreshold(instrument, range);
    const withValue = munis.filter((m) => m.items[item.id] && m.items[item.id].value !== null);
    const weak = withValue.filter((m) => (m.items[item.id].value as number) <= threshold + EPSILON).map((m) => m.municipality);
    if (weak.length >= min && weak.length > 0)
      out.push({
        itemId: item.id,
        threshold,
        municipalities: weak,
        weak: { base: 'municipalities', count: weak.length, n: withValue.length, percent: percent(weak.length, withValue.length) },
      });
  }
  return out.sort((a, b) => b.municipalities.length - a.municipalities.length);
}
