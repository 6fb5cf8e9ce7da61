// A one-pass evaluation of a whole round: the same results as analyseRound (index.ts), fast enough
// for a national round (290 municipalities × 40 respondents × 60 items ≈ 700 000 answers).
//
// Why: analyseRound composes the reference functions (scoreMunicipalities, regionalScores, gaps,
// gapSummary, improvementCandidates, samverkanskandidater), each of which re-scores every
// municipality and re-reads every answer, so one round costs about eight passes over all answers
// (≈ 2 s at national scale). Here every distinct answer value is decoded once per item (memoised),
// the municipalities are scored once, and the region, gaps and candidates are derived from those
// scores. Only the passes over the answers are the engine's own (decoding into columns, item values,
// respondent counts, answered targets); every rule built on them is the reference modules' function,
// called with the engine's figures: scores.ts rollUp / itemScore / regionFromScores, gaps.ts
// *FromScores, distributions.ts distributionFigure, change.ts compareScores, index.ts roundAnalysis.
// The test suite checks that evaluateRound(...) deep-equals analyseRound(...) on the built-in
// instruments and on constructed edge cases. Summation order is kept identical (responses in input
// order, municipalities sorted by code) so that the floating-point results are bit-identical.
//
// Extra (not in analyseRound): `regionalMinN`, passed to regionFromScores (scores.ts): a municipality's
// figure enters the regional statistics only if it rests on at least regionalMinN respondents.
import type { AnswerValue, Instrument, Item } from '../instruments/schema.ts';
import { roundAnalysis, type RoundAnalysis } from './index.ts';
import type { AnalysisResponse, Aggregation, DistributionFigure, ItemScore, MunicipalityScores } from './types.ts';
import { addDistributionCounts, distributionCounts, distributionFigure, distributionFromCounts, selectedKnownCodes, type DistributionCounts } from './distributions.ts';
import { gapSummaryFromScores, gapsFromScores, improvementCandidatesFromScores, samverkanskandidaterFromScores } from './gaps.ts';
import { itemScore, regionFromScores, rollUp, scoreStructure, type ScoreStructure, type UnitScores } from './scores.ts';
import { isDontKnow } from '../instruments/answered.ts';
import { answeredTarget, itemOptions, numericValue, orient, scoringSettings, sortedKeys, type Range } from './values.ts';

export { regionFromScores } from './scores.ts';
export { compareScores } from './change.ts';

export interface EvaluateOptions {
  aggregation?: Aggregation;
  /** See the file comment: minimum respondents behind a municipality figure for it to enter regional statistics. */
  regionalMinN?: number;
}

/** What one answer means for one item, computed once per distinct value. */
interface Decoded {
  /** numericValue !== null (any item type, also unscored number items): counts for "respondents with a scored answer". */
  has: boolean;
  /** Oriented scored value (scored items only), else NaN (internal marker for "no value"; never output). */
  v: number;
  dk: boolean;
  /** Oriented answered target (capability items), else NaN. */
  target: number;
  /** Distribution: the selected option codes (known codes only, deduplicated), or null. */
  codes: string[] | null;
}

const NONE: Decoded = { has: false, v: NaN, dk: false, target: NaN, codes: null };

interface ItemSpec {
  item: Item;
  index: number;
  range: Range | null;
  /** Option codes known to the item (distributions). */
  known: Set<string>;
}

/** Each item's range (scored items) and known option codes. */
function itemSpecs(instrument: Instrument, scored: readonly { item: Item; range: Range }[]): ItemSpec[] {
  const ranges = new Map(scored.map((s) => [s.item.id, s.range]));
  return instrument.items.map((item, index) => ({
    item,
    index,
    range: ranges.get(item.id) ?? null,
    known: new Set(itemOptions(instrument, item).map((o) => o.code)),
  }));
}

/**
 * The answers decoded into columns (one typed array per item over the responses), each distinct
 * answer value decoded once per item.
 */
class Columns {
  readonly specs: ItemSpec[];
  readonly has: Uint8Array[];
  readonly v: Float64Array[];
  readonly dk: Uint8Array[];
  readonly target: Float64Array[];
  readonly codes: (string[] | null)[][];

  constructor(
    private readonly instrument: Instrument,
    readonly responses: readonly AnalysisResponse[],
    scored: readonly { item: Item; range: Range }[],
    /** Per item (instrument order): decoded answers, shared by the municipalities' columns of one load. */
    memos: Map<unknown, Decoded>[] = instrument.items.map(() => new Map()),
    /** The item specs (itemSpecs), shared likewise. */
    specs: ItemSpec[] = itemSpecs(instrument, scored),
  ) {
    this.specs = specs;
    const n = responses.length;
    this.has = this.specs.map(() => new Uint8Array(n));
    this.v = this.specs.map(() => new Float64Array(n).fill(NaN));
    this.dk = this.specs.map(() => new Uint8Array(n));
    this.target = this.specs.map(() => new Float64Array(n).fill(NaN));
    this.codes = this.specs.map(() => new Array<string[] | null>(n).fill(null));
    for (const spec of this.specs) {
      const memo = memos[spec.index];
      const { has, v, dk, target, codes } = { has: this.has[spec.index], v: this.v[spec.index], dk: this.dk[spec.index], target: this.target[spec.index], codes: this.codes[spec.index] };
      const id = spec.item.id;
      const text = spec.item.type === 'text';
      for (let r = 0; r < n; r++) {
        const answer = responses[r].answers[id];
        if (answer === undefined || answer === null || text) continue;
        let d = memo.get(answer);
        if (!d) {
          d = this.decode(spec, answer);
          memo.set(answer, d);
        }
        if (d === NONE) continue;
        has[r] = d.has ? 1 : 0;
        v[r] = d.v;
        dk[r] = d.dk ? 1 : 0;
        target[r] = d.target;
        codes[r] = d.codes;
      }
    }
  }

  private decode(spec: ItemSpec, answer: AnswerValue): Decoded {
    const { instrument } = this;
    const raw = numericValue(instrument, spec.item, answer);
    const t = spec.range ? answeredTarget(instrument, spec.item, answer) : null;
    return {
      has: raw !== null,
      v: raw !== null && spec.range ? orient(spec.item, spec.range, raw) : NaN,
      dk: isDontKnow(instrument, spec.item, answer),
      target: t !== null && spec.range ? orient(spec.item, spec.range, t) : NaN,
      codes: selectedKnownCodes(spec.item, spec.known, answer),
    };
  }
}

/** The reference unit structure (scores.ts) with the columns of its items. */
interface Structure extends ScoreStructure {
  /** The columns of the scored items, in scoredItems order. */
  specs: ItemSpec[];
  /** Each item's "has a scored answer" column. */
  hasOf: Map<Item, Uint8Array>;
}

function structure(st: ScoreStructure, cols: Columns): Structure {
  const byItem = new Map(cols.specs.map((s) => [s.item, s]));
  return { ...st, specs: st.scored.map((s) => byItem.get(s.item)!), hasOf: new Map(cols.specs.map((s) => [s.item, cols.has[s.index]])) };
}

function respondentsWithAny(has: readonly Uint8Array[], rows: Int32Array): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (const h of has)
      if (h[r]) {
        n++;
        break;
      }
  }
  return n;
}

/** values.ts aggregate over buf[0..len): the same mean (summed in order) and median (order-free). */
function aggregateBuf(buf: Float64Array, len: number, how: Aggregation): number | null {
  if (len === 0) return null;
  if (how === 'mean') {
    let s = 0;
    for (let i = 0; i < len; i++) s += buf[i];
    return s / len;
  }
  // The median does not depend on how the values are sorted: insertion sort in place for the usual
  // small groups (a municipality's respondents), the built-in typed-array sort otherwise.
  let s: Float64Array;
  if (len <= 64) {
    s = buf;
    for (let i = 1; i < len; i++) {
      const x = s[i];
      let j = i - 1;
      while (j >= 0 && s[j] > x) {
        s[j + 1] = s[j];
        j--;
      }
      s[j + 1] = x;
    }
  } else s = buf.slice(0, len).sort();
  const m = Math.floor(len / 2);
  return len % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Each item's score over the rows (response indexes), aggregated with `how`; `buf` is scratch space. */
function itemScores(st: Structure, cols: Columns, rows: Int32Array, how: Aggregation, buf: Float64Array): Record<string, ItemScore> {
  const items: Record<string, ItemScore> = {};
  for (const s of st.specs) {
    const v = cols.v[s.index];
    const dkCol = cols.dk[s.index];
    let len = 0;
    let dontKnow = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const x = v[r];
      if (x === x) buf[len++] = x;
      if (dkCol[r]) dontKnow++;
    }
    items[s.item.id] = itemScore(s.item.id, s.range!, len, aggregateBuf(buf, len, how), dontKnow);
  }
  return items;
}

/** The reference scoreUnit (scores.ts) over the rows (response indexes, in input order). */
function scoreUnit(instrument: Instrument, st: Structure, cols: Columns, rows: Int32Array, how: Aggregation, buf: Float64Array): UnitScores {
  const items = itemScores(st, cols, rows, how, buf);
  return rollUp(instrument, st, items, (its) => respondentsWithAny(its.map((it) => st.hasOf.get(it)!), rows));
}

/** The reference distributions(instrument, responses) (distributions.ts, groupBy 'all') over the columns. */
function distributionsOf(instrument: Instrument, cols: Columns): DistributionFigure[] {
  const { responses } = cols;
  const rows = Array.from({ length: responses.length }, (_, i) => i);
  const municipality = (r: number) => responses[r].municipality;
  return cols.specs.map(({ item, index }) => {
    const codes = cols.codes[index];
    return distributionFigure(instrument, item, { rows, answer: (r) => responses[r].answers[item.id], municipality, codes: (r) => codes[r] });
  });
}

export interface Evaluation {
  analysis: RoundAnalysis;
  /** The pooled unit (all responses as one, mean): the respondent-weighted regional figures. */
  pooled: UnitScores;
}

/** The same RoundAnalysis as analyseRound(instrument, responses, opts), in one pass. */
export function evaluateRound(instrument: Instrument, responses: readonly AnalysisResponse[], opts: EvaluateOptions = {}): RoundAnalysis {
  return evaluate(instrument, responses, opts).analysis;
}

export function evaluate(instrument: Instrument, responses: readonly AnalysisResponse[], opts: EvaluateOptions = {}): Evaluation {
  const how = opts.aggregation ?? scoringSettings(instrument).aggregation;
  const reference = scoreStructure(instrument);
  const cols = new Columns(instrument, responses, reference.scored);
  const st = structure(reference, cols);
  const buf = new Float64Array(Math.max(1, responses.length));

  // Municipalities, sorted by code; rows in input order within each.
  const byMuni = new Map<string, number[]>();
  responses.forEach((r, i) => {
    const list = byMuni.get(r.municipality);
    if (list) list.push(i);
    else byMuni.set(r.municipality, [i]);
  });
  const codes = sortedKeys(byMuni.keys());
  const muniRows = new Map(codes.map((c) => [c, Int32Array.from(byMuni.get(c)!)]));
  const municipalityScores: MunicipalityScores[] = codes.map((m) => {
    const rows = muniRows.get(m)!;
    return { kind: 'municipality-scores', municipality: m, base: 'respondents', n: rows.length, ...scoreUnit(instrument, st, cols, rows, how, buf) };
  });
  const all = new Int32Array(responses.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const pooled = scoreUnit(instrument, st, cols, all, 'mean', buf);

  // Answered targets (items without an instrument target): aggregated over the municipality's rows.
  const targetOf = new Map(cols.specs.map((s) => [s.item, cols.target[s.index]]));
  const gaps = gapsFromScores(instrument, municipalityScores, (municipality, item) => {
    const rows = muniRows.get(municipality)!;
    const tcol = targetOf.get(item)!;
    let len = 0;
    for (let i = 0; i < rows.length; i++) {
      const t = tcol[rows[i]];
      if (t === t) buf[len++] = t;
    }
    return aggregateBuf(buf, len, how);
  });

  return {
    pooled,
    analysis: roundAnalysis(instrument, responses.length, {
      distributions: distributionsOf(instrument, cols),
      municipalityScores,
      region: regionFromScores(instrument, municipalityScores, pooled, responses.length, how, opts.regionalMinN ?? 0),
      gaps,
      gapSummary: gapSummaryFromScores(instrument, municipalityScores, gaps),
      improvementCandidates: improvementCandidatesFromScores(instrument, municipalityScores),
      samverkanskandidater: samverkanskandidaterFromScores(instrument, municipalityScores),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Incremental evaluation: one partial result per municipality, combined into the round's analysis.
//
// A municipality's figures depend on its own responses only; the round's figures (region, pooled
// unit, distributions, gaps, candidates) are built from the municipalities' figures and from counts
// that add up. So when a municipality's responses change, only its partial is made again and the
// partials are combined (cheap: no pass over the answers). combine(partials of the municipalities
// in the order of the responses) gives the same Evaluation as evaluate(responses) when the
// responses are ordered by municipality (as the store loads them; test/analysis-incremental.test.ts).

/** One municipality's part of a round's evaluation. */
export interface MunicipalityPartial {
  municipality: string;
  responses: readonly AnalysisResponse[];
  scores: MunicipalityScores;
  /** Per item: the aggregated answered target (gaps), or null. */
  targets: Map<Item, number | null>;
  /** Per scored item (scoredItems order): the oriented values, in response order (the pooled mean). */
  values: Float64Array[];
  /** rollUp's respondent counts (respondents with a scored answer to any of the items), keyed by item ids. */
  any: Map<string, number>;
  /** Per item (instrument order): the distribution counts. */
  counts: DistributionCounts[];
}

const itemsKey = (items: readonly Item[]) => items.map((i) => i.id).join('\u0000');

/** The partial of one municipality's responses (all of the same municipality). */
export function municipalityPartial(
  instrument: Instrument,
  municipality: string,
  responses: readonly AnalysisResponse[],
  opts: EvaluateOptions = {},
  shared: { reference: ScoreStructure; memos: Map<unknown, Decoded>[]; specs?: ItemSpec[] } = {
    reference: scoreStructure(instrument),
    memos: instrument.items.map(() => new Map()),
  },
): MunicipalityPartial {
  const how = opts.aggregation ?? scoringSettings(instrument).aggregation;
  const { reference } = shared;
  const cols = new Columns(instrument, responses, reference.scored, shared.memos, shared.specs);
  const st = structure(reference, cols);
  const buf = new Float64Array(Math.max(1, responses.length));
  const rows = new Int32Array(responses.length);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  const any = new Map<string, number>();
  const unit = scoreUnitCounting(instrument, st, cols, rows, how, buf, any);
  const values = st.specs.map((s) => {
    const v = cols.v[s.index];
    let len = 0;
    for (let i = 0; i < v.length; i++) if (v[i] === v[i]) buf[len++] = v[i];
    return buf.slice(0, len);
  });
  const targets = new Map<Item, number | null>();
  for (const s of cols.specs) {
    const tcol = cols.target[s.index];
    let len = 0;
    for (let i = 0; i < tcol.length; i++) if (tcol[i] === tcol[i]) buf[len++] = tcol[i];
    targets.set(s.item, aggregateBuf(buf, len, how));
  }
  const all = Array.from({ length: responses.length }, (_, i) => i);
  const counts = cols.specs.map(({ item, index }) => {
    const codes = cols.codes[index];
    return distributionCounts(instrument, item, { rows: all, answer: (r) => responses[r].answers[item.id], municipality: () => municipality, codes: (r) => codes[r] });
  });
  return {
    municipality,
    responses,
    scores: { kind: 'municipality-scores', municipality, base: 'respondents', n: responses.length, ...unit },
    targets,
    values,
    any,
    counts,
  };
}

/** scoreUnit, also recording rollUp's respondent counts by item set. */
function scoreUnitCounting(
  instrument: Instrument,
  st: Structure,
  cols: Columns,
  rows: Int32Array,
  how: Aggregation,
  buf: Float64Array,
  any: Map<string, number>,
): UnitScores {
  const items = itemScores(st, cols, rows, how, buf);
  return rollUp(instrument, st, items, (its) => {
    const n = respondentsWithAny(its.map((it) => st.hasOf.get(it)!), rows);
    any.set(itemsKey(its), n);
    return n;
  });
}

/**
 * The round's evaluation from its municipalities' partials (in the order of the responses; see above).
 * `regionalMinN` as in evaluate.
 */
export function combine(instrument: Instrument, partials: readonly MunicipalityPartial[], opts: EvaluateOptions = {}): Evaluation {
  const how = opts.aggregation ?? scoringSettings(instrument).aggregation;
  const st = scoreStructure(instrument);
  const respondents = partials.reduce((s, p) => s + p.responses.length, 0);

  // The pooled unit: every response as one (mean), summed in response order.
  const items: Record<string, ItemScore> = {};
  st.scored.forEach(({ item, range }, k) => {
    let sum = 0;
    let len = 0;
    let dontKnow = 0;
    for (const p of partials) {
      const v = p.values[k];
      for (let i = 0; i < v.length; i++) sum += v[i];
      len += v.length;
      dontKnow += p.scores.items[item.id].dontKnow;
    }
    items[item.id] = itemScore(item.id, range, len, len ? sum / len : null, dontKnow);
  });
  const pooled = rollUp(instrument, st, items, (its) => {
    const key = itemsKey(its);
    let n = 0;
    for (const p of partials) n += p.any.get(key) ?? 0;
    return n;
  });

  const byCode = new Map(partials.map((p) => [p.municipality, p]));
  const municipalityScores = sortedKeys(byCode.keys()).map((c) => byCode.get(c)!.scores);
  const gaps = gapsFromScores(instrument, municipalityScores, (municipality, item) => byCode.get(municipality)!.targets.get(item) ?? null);
  const distributions = instrument.items.map((item, i) =>
    distributionFromCounts(instrument, item, addDistributionCounts(partials.map((p) => p.counts[i]))),
  );
  return {
    pooled,
    analysis: roundAnalysis(instrument, respondents, {
      distributions,
      municipalityScores,
      region: regionFromScores(instrument, municipalityScores, pooled, respondents, how, opts.regionalMinN ?? 0),
      gaps,
      gapSummary: gapSummaryFromScores(instrument, municipalityScores, gaps),
      improvementCandidates: improvementCandidatesFromScores(instrument, municipalityScores),
      samverkanskandidater: samverkanskandidaterFromScores(instrument, municipalityScores),
    }),
  };
}

/**
 * Makes municipalities' partials one at a time, as their responses arrive (the analysis service
 * evaluates each municipality while the next ones are read); each distinct answer is decoded once
 * for all of them.
 */
export function partialMaker(instrument: Instrument, opts: EvaluateOptions = {}): (municipality: string, responses: readonly AnalysisResponse[]) => MunicipalityPartial {
  const reference = scoreStructure(instrument);
  const shared = { reference, memos: instrument.items.map(() => new Map<unknown, Decoded>()), specs: itemSpecs(instrument, reference.scored) };
  return (municipality, responses) => municipalityPartial(instrument, municipality, responses, opts, shared);
}

/** Partials of responses ordered by municipality (consecutive responses of one municipality form its partial). */
export function partialsOf(instrument: Instrument, responses: readonly AnalysisResponse[], opts: EvaluateOptions = {}): MunicipalityPartial[] {
  const out: MunicipalityPartial[] = [];
  const make = partialMaker(instrument, opts);
  let start = 0;
  for (let i = 1; i <= responses.length; i++)
    if (i === responses.length || responses[i].municipality !== responses[start].municipality) {
      out.push(make(responses[start].municipality, responses.slice(start, i)));
      start = i;
    }
  return out;
}
