// Change between two rounds of the same instrument (DOMAIN.md §5, §10): per municipality the
// difference in percentage points of a measure (default: the overall score, see scores.ts), classified
// with the minimum meaningful change (scoring.minMeaningfulChange, default 5 pp):
//   Δ ≥ +min → increased, Δ ≤ −min → decreased, otherwise unchanged (exactly ±min counts as a change).
// The regional indicator "andel kommuner som visar på ökad digital mognad" is the share of increased
// municipalities among those with a score in both rounds (base municipalities).
//
// Comparability: both rounds must use the same instrument id and the same major version (the part of
// `version` before the first "."; "1.0" and "1.3" compare, "1.4" and "2.0" do not). Otherwise
// IncompatibleRoundsError is thrown.
import type { Instrument } from '../instruments/schema.ts';
import type { AnalysisResponse, ChangeClass, MunicipalityScores } from './types.ts';
import { scoreMunicipalities, type ScoreOptions } from './scores.ts';
import { EPSILON, percent, scoringSettings } from './values.ts';

export type IncompatibleRoundsReason = 'instrument' | 'version';

export class IncompatibleRoundsError extends Error {
  readonly code = 'INCOMPATIBLE_ROUNDS';
  readonly reason: IncompatibleRoundsReason;
  constructor(reason: IncompatibleRoundsReason, message: string) {
    super(message);
    this.name = 'IncompatibleRoundsError';
    this.reason = reason;
  }
}

/** What to compare: the overall score, one dimension, one group or one item (all in % of scale). */
export type ChangeMeasure =
  | { kind: 'overall' }
  | { kind: 'dimension'; id: string }
  | { kind: 'group'; id: string }
  | { kind: 'item'; id: string };

export interface ChangeOptions extends ScoreOptions {
  measure?: ChangeMeasure;
  /** Overrides scoring.minMeaningfulChange of the later round's instrument. */
  minMeaningfulChange?: number;
}

export interface MunicipalityChange {
  municipality: string;
  before: number;
  after: number;
  /** after − before, percentage points. */
  differencePp: number;
  classification: ChangeClass;
}

export interface RoundChange {
  kind: 'round-change';
  instrumentId: string;
  versions: { before: string; after: string };
  measure: ChangeMeasure;
  minMeaningfulChange: number;
  municipalities: MunicipalityChange[];
  /** Municipalities with a score in only one of the rounds (not part of the share). */
  onlyBefore: string[];
  onlyAfter: string[];
  counts: Record<ChangeClass, number>;
  /** "Andel kommuner som visar på ökad digital mognad". */
  increasedShare: { base: 'municipalities'; n: number; count: number; percent: number | null };
}

function majorVersion(v: string): string {
  return v.trim().replace(/^v/i, '').split('.')[0];
}

/** Throws IncompatibleRoundsError (Swedish message) unless the two instruments are comparable. */
export function assertComparable(before: Instrument, after: Instrument): void {
  if (before.id !== after.id)
    throw new IncompatibleRoundsError(
      'instrument',
      `Omgångarna kan inte jämföras: de använder olika instrument ("${before.id}" och "${after.id}").`,
    );
  if (majorVersion(before.version) !== majorVersion(after.version))
    throw new IncompatibleRoundsError(
      'version',
      `Omgångarna kan inte jämföras: instrumentet "${before.id}" har inkompatibla versioner (${before.version} och ${after.version}).`,
    );
}

function measureOf(s: MunicipalityScores, m: ChangeMeasure): number | null {
  switch (m.kind) {
    case 'overall':
      return s.overall.pct;
    case 'dimension':
      return s.dimensions[m.id]?.pct ?? null;
    case 'group':
      return s.groups[m.id]?.pct ?? null;
    case 'item':
      return s.items[m.id]?.pct ?? null;
  }
}

/** Classifies a change in percentage points against the minimum meaningful change. */
export function classifyChange(differencePp: number, minMeaningfulChange: number): ChangeClass {
  if (differencePp >= minMeaningfulChange - EPSILON) return 'increased';
  if (differencePp <= -minMeaningfulChange + EPSILON) return 'decreased';
  return 'unchanged';
}

export function compareRounds(
  before: { instrument: Instrument; responses: readonly AnalysisResponse[] },
  after: { instrument: Instrument; responses: readonly AnalysisResponse[] },
  opts: ChangeOptions = {},
): RoundChange {
  assertComparable(before.instrument, after.instrument);
  const scored = (side: typeof before) => ({ instrument: side.instrument, municipalities: scoreMunicipalities(side.instrument, side.responses, opts) });
  return compareScores(scored(before), scored(after), opts);
}

/**
 * compareRounds from already computed municipality scores (each round scored with its own
 * instrument). Throws IncompatibleRoundsError like compareRounds. `include` (optional) limits which
 * municipality figures take part (privacy views).
 */
export function compareScores(
  before: { instrument: Instrument; municipalities: readonly MunicipalityScores[] },
  after: { instrument: Instrument; municipalities: readonly MunicipalityScores[] },
  opts: { measure?: ChangeMeasure; minMeaningfulChange?: number; include?: (s: MunicipalityScores) => boolean } = {},
): RoundChange {
  assertComparable(before.instrument, after.instrument);
  const measure = opts.measure ?? { kind: 'overall' };
  const min = opts.minMeaningfulChange ?? scoringSettings(after.instrument).minMeaningfulChange;
  const score = (list: readonly MunicipalityScores[]) => {
    const m = new Map<string, number>();
    for (const s of list) {
      if (opts.include && !opts.include(s)) continue;
      const v = measureOf(s, measure);
      if (v !== null) m.set(s.municipality, v);
    }
    return m;
  };
  const b = score(before.municipalities);
  const a = score(after.municipalities);
  const municipalities: MunicipalityChange[] = [];
  const counts: Record<ChangeClass, number> = { increased: 0, unchanged: 0, decreased: 0 };
  for (const [code, vb] of b) {
    const va = a.get(code);
    if (va === undefined) continue;
    const differencePp = va - vb;
    const classification = classifyChange(differencePp, min);
    counts[classification]++;
    municipalities.push({ municipality: code, before: vb, after: va, differencePp, classification });
  }
  const n = municipalities.length;
  return {
    kind: 'round-change',
    instrumentId: after.instrument.id,
    versions: { before: before.instrument.version, after: after.instrument.version },
    measure,
    minMeaningfulChange: min,
    municipalities,
    onlyBefore: [...b.keys()].filter((k) => !a.has(k)),
    onlyAfter: [...a.keys()].filter((k) => !b.has(k)),
    counts,
    increasedShare: { base: 'municipalities', n, count: counts.increased, percent: percent(counts.increased, n) },
  };
}
