// Numeric values of answers and the statistics used by the analysis. Pure; never returns NaN.
//
// Percent of the scale: every score is reported as a percentage of its item's scale,
//   pct = (v − min) / (max − min) × 100,
// where min and max are the lowest and highest *scored* option values of the item's scale ("Vet ej",
// value null, is never scored). For a 0-based scale (0–4, 0–6) this is simply v / max × 100; for the
// 1–3 IT-competence scale 1 → 0 %, 2 → 50 %, 3 → 100 %. A number item uses its own min/max.
//
// Reversed items (item.reversed: high = bad, e.g. teknisk skuld) are inverted before any scoring:
// oriented value = min + max − v, so that a high score is always good. Distributions stay raw.
import type { AnswerValue, Instrument, Item, Option } from '../instruments/schema.ts';
import type { Aggregation, NumericSummary } from './types.ts';

export interface Range {
  min: number;
  max: number;
}

/** Tolerance for comparisons at thresholds, so that e.g. 55 − 50 computed in floating point counts as 5. */
export const EPSILON = 1e-9;

export function findItem(instrument: Instrument, itemId: string): Item {
  const item = instrument.items.find((i) => i.id === itemId);
  if (!item) throw new Error(`Okänd fråga "${itemId}" i instrumentet ${instrument.id}`);
  return item;
}

/** The options an answer to the item is chosen from: inline options, else the item's scale. */
export function itemOptions(instrument: Instrument, item: Item): Option[] {
  if (item.type === 'yesno_degree') {
    return [
      { code: 'ja', label: 'Ja', value: 1 },
      { code: 'nej', label: 'Nej', value: 0 },
      { code: 'vet_ej', label: 'Vet ej', value: null },
    ];
  }
  return scaleOptions(instrument, item);
}

/** The options that carry an item's values: inline options first, else its scale (yesno_degree: the degree scale). */
function scaleOptions(instrument: Instrument, item: Item): Option[] {
  if (item.type !== 'yesno_degree' && item.options?.length) return item.options;
  if (item.scale) return instrument.scales.find((s) => s.id === item.scale)?.options ?? [];
  return [];
}

function rangeOf(options: Option[]): Range | null {
  const vals = options.map((o) => o.value).filter((v): v is number => v !== null);
  if (!vals.length) return null;
  return { min: Math.min(...vals), max: Math.max(...vals) };
}

/**
 * The value range of a scored item, or null if the item is not scored (text, multi, number without bounds).
 * yesno_degree: the degree scale if the item has one, else 0 (nej) – 1 (ja).
 */
export function itemRange(instrument: Instrument, item: Item): Range | null {
  switch (item.type) {
    case 'scale':
    case 'single':
    case 'capability':
      return rangeOf(scaleOptions(instrument, item));
    case 'yesno_degree':
      return item.scale ? rangeOf(scaleOptions(instrument, item)) : { min: 0, max: 1 };
    case 'number':
      return item.min !== undefined && item.max !== undefined ? { min: item.min, max: item.max } : null;
    default:
      return null;
  }
}

function codeValue(options: Option[], code: unknown): number | null {
  if (typeof code !== 'string') return null;
  const o = options.find((x) => x.code === code);
  return o && typeof o.value === 'number' && Number.isFinite(o.value) ? o.value : null;
}

/**
 * The raw numeric value of an answer (before reversal), or null when the answer is not scored
 * ("Vet ej", unknown code, wrong shape, text, multi).
 * - scale / single: the option's value.
 * - capability: the value of `current`.
 * - yesno_degree with a degree scale: the degree's value; a "nej" without degree counts as the scale's
 *   minimum (the practice is not in place); "ja" without degree and "vet_ej" are not scored.
 *   Without a degree scale: ja = 1, nej = 0.
 * - number: the number (if finite); the code of an answer band: the band's value.
 */
export function numericValue(instrument: Instrument, item: Item, answer: AnswerValue | undefined): number | null {
  if (answer === undefined || answer === null) return null;
  switch (item.type) {
    case 'scale':
    case 'single':
      return codeValue(scaleOptions(instrument, item), answer);
    case 'capability':
      if (typeof answer === 'object' && !Array.isArray(answer) && 'current' in answer)
        return codeValue(scaleOptions(instrument, item), answer.current);
      return null;
    case 'yesno_degree': {
      // Only a "ja" or "nej" is scored ("Vet ej" and unknown answers are not: answered.ts).
      if (typeof answer !== 'object' || Array.isArray(answer) || !('answer' in answer)) return null;
      if (answer.answer !== 'ja' && answer.answer !== 'nej') return null;
      if (!item.scale) return answer.answer === 'ja' ? 1 : 0;
      const opts = scaleOptions(instrument, item);
      if (answer.degree !== undefined) return codeValue(opts, answer.degree);
      if (answer.answer === 'nej') return rangeOf(opts)?.min ?? null;
      return null;
    }
    case 'number':
      // A band's code (e.g. "1-10" for "1–10 timmar"): the band's value, as the instrument defines it.
      if (typeof answer === 'string') return codeValue(item.options ?? [], answer);
      return typeof answer === 'number' && Number.isFinite(answer) ? answer : null;
    default:
      return null;
  }
}

/** capability answers only: the value of the answered `target` (målbild), or null. */
export function answeredTarget(instrument: Instrument, item: Item, answer: AnswerValue | undefined): number | null {
  if (item.type !== 'capability' || !answer || typeof answer !== 'object' || Array.isArray(answer)) return null;
  if (!('current' in answer) || answer.target === undefined) return null;
  return codeValue(scaleOptions(instrument, item), answer.target);
}

/** Reversed items are mirrored within their range so that high is always good. */
export function orient(item: Item, range: Range, v: number): number {
  return item.reversed ? range.min + range.max - v : v;
}

/** (v − min) / (max − min) × 100; null for a degenerate range or a null value. */
export function toPct(v: number | null, range: Range | null): number | null {
  if (v === null || !range || range.max === range.min) return null;
  return ((v - range.min) / (range.max - range.min)) * 100;
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length ? sum(xs) / xs.length : null;
}

/** Median; for an even count the mean of the two middle values. */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function aggregate(xs: readonly number[], how: Aggregation): number | null {
  return how === 'mean' ? mean(xs) : median(xs);
}

export function summary(xs: readonly number[]): NumericSummary {
  return {
    n: xs.length,
    mean: mean(xs),
    median: median(xs),
    min: xs.length ? Math.min(...xs) : null,
    max: xs.length ? Math.max(...xs) : null,
  };
}

/** count / n × 100, null when n = 0. */
export function percent(count: number, n: number): number | null {
  return n > 0 ? (count / n) * 100 : null;
}

/** Default level for "improvement candidate" and "weak": the lowest quarter of the scale (1 on 0–4, 1.5 on 1–3). */
export function defaultLowThreshold(range: Range): number {
  return range.min + (range.max - range.min) / 4;
}

export function groupByKey<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const arr = m.get(k);
    if (arr) arr.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** Sorted distinct keys, numeric-aware (SCB codes sort as numbers). */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true }));
}

export interface ScoringSettings {
  aggregation: Aggregation;
  improvementMax: number | undefined;
  weakMax: number | undefined;
  samverkanMinMunicipalities: number;
  minMeaningfulChange: number;
  suppressionMin: number;
}

/**
 * The instrument's scoring settings with their defaults applied. Needed because zod 4's
 * `.default({})` on `scoring` returns `{}` as-is (inner defaults are not applied) when an instrument
 * has no `scoring` key at all.
 */
export function scoringSettings(instrument: Instrument): ScoringSettings {
  const s: Partial<Instrument['scoring']> = instrument.scoring ?? {};
  return {
    aggregation: s.aggregation ?? 'median',
    improvementMax: s.improvementMax,
    weakMax: s.weakMax,
    samverkanMinMunicipalities: s.samverkanMinMunicipalities ?? 3,
    minMeaningfulChange: s.minMeaningfulChange ?? 5,
    suppressionMin: s.suppressionMin ?? 3,
  };
}
