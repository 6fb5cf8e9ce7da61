// A one-pass evaluation of a whole round: the same results as analyseRound (index.ts), fast enough
// for a national round (290 municipalities × 40 respondents × 60 items ≈ 700 000 answers).
//
// Why: analyseRound composes the reference functions (scoreMunicipalities, regionalScores, gaps,
// gapSummary, improvementCandidates, samverkanskandidater), each of which re-scores every
// municipality and re-reads every answer, so one round costs about eight passes over all answers
// (≈ 2 s at national scale). Here every distinct answer value is decoded once per item (memoised),
// the municipalities are scored once, and the region, gaps and candidates are derived from those
// scores. The definitions are the reference module's (scores.ts, gaps.ts, change.ts) and are not
// repeated here; the test suite checks that evaluateRound(...) deep-equals analyseRound(...) on the
// built-in instruments and on constructed edge cases. Summation order is kept identical (responses in
// input order, municipalities sorted by code) so that the floating-point results are bit-identical.
//
// Extra (not in the reference): `regionalMinN`. When set, a municipality's figure enters the regional
// min / mean / median / max of an item, group or dimension only if that figure rests on at least
// regionalMinN respondents. The privacy views use it so that a small group's value can never surface
// as a regional minimum or maximum (DOMAIN.md §5: groups below the minimum size are suppressed).
import type { AnswerValue, Instrument, Item, Option, QuadrantKey } from '../instruments/schema.ts';
import type { RoundAnalysis } from './index.ts';
import type {
  AnalysisResponse,
  Aggregation,
  Base,
  DistributionFigure,
  Gap,
  ItemScore,
  MunicipalityScores,
  OptionCount,
  PctScore,
  RegionalItemScore,
  RegionalPctScore,
  RegionalScores,
  RegionalStat,
  SamverkanCandidate,
} from './types.ts';
import type { GapSummary, ImprovementCandidate } from './gaps.ts';
import { improvementThreshold, weakThreshold } from './gaps.ts';
import { checkDistributions } from './quality.ts';
import { quadrantOf, scoredItems } from './scores.ts';
import {
  assertComparable,
  classifyChange,
  type ChangeMeasure,
  type MunicipalityChange,
  type RoundChange,
} from './change.ts';
import {
  EPSILON,
  answeredTarget,
  isDontKnow,
  itemOptions,
  mean,
  median,
  numericValue,
  orient,
  percent,
  scoringSettings,
  sortedKeys,
  splitOptions,
  summary,
  toPct,
  type Range,
} from './values.ts';

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

/** The option codes an answer selects (distributions.ts selectedCodes). */
function selectedCodes(item: Item, answer: AnswerValue): string[] | null {
  switch (item.type) {
    case 'scale':
    case 'single':
      return typeof answer === 'string' ? [answer] : null;
    case 'capability':
      return typeof answer === 'object' && !Array.isArray(answer) && 'current' in answer && typeof answer.current === 'string'
        ? [answer.current]
        : null;
    case 'yesno_degree':
      return typeof answer === 'object' && !Array.isArray(answer) && 'answer' in answer ? [answer.answer] : null;
    case 'multi':
      if (!Array.isArray(answer)) return null;
      return answer.length ? [...new Set(answer.filter((c): c is string => typeof c === 'string'))] : null;
    default:
      return null;
  }
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
  ) {
    const ranges = new Map(scoredItems(instrument).map((s) => [s.item.id, s.range]));
    this.specs = instrument.items.map((item, index) => ({
      item,
      index,
      range: ranges.get(item.id) ?? null,
      known: new Set(itemOptions(instrument, item).map((o) => o.code)),
    }));
    const n = responses.length;
    this.has = this.specs.map(() => new Uint8Array(n));
    this.v = this.specs.map(() => new Float64Array(n).fill(NaN));
    this.dk = this.specs.map(() => new Uint8Array(n));
    this.target = this.specs.map(() => new Float64Array(n).fill(NaN));
    this.codes = this.specs.map(() => new Array<string[] | null>(n).fill(null));
    for (const spec of this.specs) {
      const memo = new Map<unknown, Decoded>();
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
    const codes = selectedCodes(spec.item, answer)?.filter((c) => spec.known.has(c)) ?? null;
    return {
      has: raw !== null,
      v: raw !== null && spec.range ? orient(spec.item, spec.range, raw) : NaN,
      dk: isDontKnow(instrument, spec.item, answer),
      target: t !== null && spec.range ? orient(spec.item, spec.range, t) : NaN,
      codes: codes?.length ? codes : null,
    };
  }
}

interface Unit {
  items: Record<string, ItemScore>;
  groups: Record<string, PctScore>;
  dimensions: Record<string, PctScore>;
  overall: PctScore;
  quadrant: MunicipalityScores['quadrant'];
}

/** Static structure of the instrument used by scoreUnit. */
interface Structure {
  scored: ItemSpec[];
  groups: { id: string; specs: ItemSpec[] }[];
  dimensions: { id: string; specs: ItemSpec[] }[];
  allDimensionSpecs: ItemSpec[];
}

function structure(instrument: Instrument, cols: Columns): Structure {
  const byId = new Map(cols.specs.map((s) => [s.item.id, s]));
  const scored = scoredItems(instrument).map((s) => byId.get(s.item.id)!);
  const groups = instrument.groups.map((g) => ({ id: g.id, specs: cols.specs.filter((s) => s.item.group === g.id) }));
  const dimSpecs = (dimensionId: string) => {
    const gs = new Set(instrument.groups.filter((g) => g.dimension === dimensionId).map((g) => g.id));
    return cols.specs.filter((s) => s.item.group !== undefined && gs.has(s.item.group));
  };
  const dimensions = instrument.dimensions.map((d) => ({ id: d.id, specs: dimSpecs(d.id) }));
  return { scored, groups, dimensions, allDimensionSpecs: instrument.dimensions.flatMap((d) => dimSpecs(d.id)) };
}

function respondentsWithAny(cols: Columns, rows: Int32Array, specs: readonly ItemSpec[]): number {
  let n = 0;
  const has = specs.map((s) => cols.has[s.index]);
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

function pctScore(cols: Columns, specs: readonly ItemSpec[], items: Record<string, ItemScore>, rows: Int32Array): PctScore {
  const pcts: number[] = [];
  for (const s of specs) {
    const p = items[s.item.id]?.pct;
    if (p !== null && p !== undefined) pcts.push(p);
  }
  return { pct: mean(pcts), base: 'respondents', n: respondentsWithAny(cols, rows, specs), items: pcts.length };
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

/** The reference scoreUnit (scores.ts) over the rows (response indexes, in input order). */
function scoreUnit(instrument: Instrument, st: Structure, cols: Columns, rows: Int32Array, how: Aggregation, buf: Float64Array): Unit {
  const items: Record<string, ItemScore> = {};
  for (const s of st.scored) {
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
    const value = aggregateBuf(buf, len, how);
    items[s.item.id] = { kind: 'item-score', itemId: s.item.id, base: 'respondents', n: len, value, pct: toPct(value, s.range), dontKnow };
  }
  const groups: Record<string, PctScore> = {};
  for (const g of st.groups) groups[g.id] = pctScore(cols, g.specs, items, rows);
  const dimensions: Record<string, PctScore> = {};
  for (const d of st.dimensions) dimensions[d.id] = pctScore(cols, d.specs, items, rows);
  let overall: PctScore;
  if (instrument.dimensions.length) {
    const dimPcts = Object.values(dimensions)
      .map((d) => d.pct)
      .filter((p): p is number => p !== null);
    overall = {
      pct: mean(dimPcts),
      base: 'respondents',
      n: respondentsWithAny(cols, rows, st.allDimensionSpecs),
      items: Object.values(dimensions).reduce((s, d) => s + d.items, 0),
    };
  } else {
    overall = pctScore(cols, st.scored, items, rows);
  }
  const q = instrument.scoring?.quadrant;
  const quadrant = q ? quadrantOf(instrument, dimensions[q.x]?.pct ?? null, dimensions[q.y]?.pct ?? null) : null;
  return { items, groups, dimensions, overall, quadrant };
}

function counts(options: Option[], tally: Map<string, number>, n: number): OptionCount[] {
  return options.map((o) => {
    const count = tally.get(o.code) ?? 0;
    return { code: o.code, label: o.label, value: o.value, count, percent: percent(count, n) };
  });
}

/** The reference distributions(instrument, responses) (distributions.ts, groupBy 'all') over the columns. */
function distributionsOf(instrument: Instrument, cols: Columns): DistributionFigure[] {
  const { responses } = cols;
  const selfAssessment = instrument.mode === 'self-assessment';
  const baseFor = (rows: number[]): Base => {
    if (!selfAssessment) return 'respondents';
    const munis = new Set(rows.map((r) => responses[r].municipality));
    return munis.size === rows.length ? 'municipalities' : 'respondents';
  };
  return cols.specs.map((spec) => {
    const { item } = spec;
    if (item.type === 'number' || item.type === 'text') {
      const answered: number[] = [];
      for (let r = 0; r < responses.length; r++) {
        const a = responses[r].answers[item.id];
        if (item.type === 'number' ? typeof a === 'number' && Number.isFinite(a) : typeof a === 'string' && a.trim() !== '') answered.push(r);
      }
      const fig: DistributionFigure = {
        kind: 'distribution',
        itemId: item.id,
        itemType: item.type,
        groupBy: 'all',
        groupKey: null,
        base: baseFor(answered),
        n: answered.length,
        respondents: answered.length,
        options: [],
        dontKnow: [],
        dontKnowTotal: { count: 0, percent: null },
        nKnown: answered.length,
      };
      if (item.type === 'number') fig.numeric = summary(answered.map((r) => responses[r].answers[item.id] as number));
      return fig;
    }
    const options = itemOptions(instrument, item);
    const tally = new Map<string, number>();
    const answering: number[] = [];
    let mentions = 0;
    const col = cols.codes[spec.index];
    for (let r = 0; r < responses.length; r++) {
      const codes = col[r];
      if (!codes) continue;
      answering.push(r);
      for (const c of codes) {
        tally.set(c, (tally.get(c) ?? 0) + 1);
        mentions++;
      }
    }
    const respondents = answering.length;
    const isMulti = item.type === 'multi';
    const n = isMulti ? mentions : respondents;
    const split = splitOptions(options);
    const dontKnow = counts(split.dontKnow, tally, n);
    const dkCount = dontKnow.reduce((s, o) => s + o.count, 0);
    const fig: DistributionFigure = {
      kind: 'distribution',
      itemId: item.id,
      itemType: item.type,
      groupBy: 'all',
      groupKey: null,
      base: isMulti ? 'mentions' : baseFor(answering),
      n,
      respondents,
      options: counts(split.answers, tally, n),
      dontKnow,
      dontKnowTotal: { count: dkCount, percent: percent(dkCount, n) },
      nKnown: n - dkCount,
    };
    if (isMulti) fig.perRespondent = { base: 'respondents', n: respondents, options: counts(options, tally, respondents) };
    return fig;
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

/** Values of municipality figures that may enter a regional statistic. */
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
 * Regional scores from municipality scores and the pooled (respondent-weighted, mean) unit: the
 * reference regionalScores (scores.ts), with the optional minimum n per municipality figure.
 */
export function regionFromScores(
  instrument: Instrument,
  munis: readonly MunicipalityScores[],
  pooled: Unit,
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
  const pctStat = (id: string, pick: (m: Unit) => PctScore | undefined): RegionalPctScore => {
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

export interface Evaluation {
  analysis: RoundAnalysis;
  /** The pooled unit (all responses as one, mean): the respondent-weighted regional figures. */
  pooled: Unit;
}

/** The same RoundAnalysis as analyseRound(instrument, responses, opts), in one pass. */
export function evaluateRound(instrument: Instrument, responses: readonly AnalysisResponse[], opts: EvaluateOptions = {}): RoundAnalysis {
  return evaluate(instrument, responses, opts).analysis;
}

export function evaluate(instrument: Instrument, responses: readonly AnalysisResponse[], opts: EvaluateOptions = {}): Evaluation {
  const settings = scoringSettings(instrument);
  const how = opts.aggregation ?? settings.aggregation;
  const cols = new Columns(instrument, responses);
  const st = structure(instrument, cols);
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
  const region = regionFromScores(instrument, municipalityScores, pooled, responses.length, how, opts.regionalMinN ?? 0);

  // Gaps (gaps.ts): instrument target, else the aggregated answered targets of the municipality.
  const gaps: Gap[] = [];
  for (const m of municipalityScores) {
    const rows = muniRows.get(m.municipality)!;
    for (const s of st.scored) {
      const { item } = s;
      const current = m.items[item.id]?.value ?? null;
      if (current === null) continue;
      let target: number | null;
      let targetSource: Gap['targetSource'] = 'instrument';
      if (item.target) target = orient(item, s.range!, item.target.level);
      else {
        const tcol = cols.target[s.index];
        let len = 0;
        for (let i = 0; i < rows.length; i++) {
          const t = tcol[rows[i]];
          if (t === t) buf[len++] = t;
        }
        target = aggregateBuf(buf, len, how);
        targetSource = 'answers';
      }
      if (target === null) continue;
      const gap = target - current;
      if (gap > EPSILON) gaps.push({ municipality: m.municipality, itemId: item.id, current, target, gap, marker: item.target?.marker ?? null, targetSource });
    }
  }

  const gapSummary: GapSummary[] = st.scored
    .filter((s) => s.item.target)
    .map((s) => {
      const { item } = s;
      const withValue = municipalityScores.filter((m) => m.items[item.id]?.value !== null && m.items[item.id]?.value !== undefined);
      const itemGaps = gaps.filter((g) => g.itemId === item.id && g.targetSource === 'instrument');
      const gapOf = new Map(itemGaps.map((g) => [g.municipality, g.gap]));
      const perMuni = withValue.map((m) => gapOf.get(m.municipality) ?? 0);
      return {
        itemId: item.id,
        target: orient(item, s.range!, item.target!.level),
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

  const candidateTypes: Item['type'][] = ['scale', 'single', 'capability', 'yesno_degree'];
  const candidates = st.scored.filter((s) => candidateTypes.includes(s.item.type));
  const improvementCandidates: ImprovementCandidate[] = [];
  for (const m of municipalityScores)
    for (const s of candidates) {
      const sc = m.items[s.item.id];
      const threshold = improvementThreshold(instrument, s.range!);
      if (sc && sc.value !== null && sc.value <= threshold + EPSILON)
        improvementCandidates.push({ municipality: m.municipality, itemId: s.item.id, value: sc.value, pct: sc.pct, threshold });
    }

  const samverkanskandidater: SamverkanCandidate[] = [];
  for (const s of candidates) {
    const threshold = weakThreshold(instrument, s.range!);
    const withValue = municipalityScores.filter((m) => m.items[s.item.id] && m.items[s.item.id].value !== null);
    const weak = withValue.filter((m) => (m.items[s.item.id].value as number) <= threshold + EPSILON).map((m) => m.municipality);
    if (weak.length >= settings.samverkanMinMunicipalities && weak.length > 0)
      samverkanskandidater.push({
        itemId: s.item.id,
        threshold,
        municipalities: weak,
        weak: { base: 'municipalities', count: weak.length, n: withValue.length, percent: percent(weak.length, withValue.length) },
      });
  }
  samverkanskandidater.sort((a, b) => b.municipalities.length - a.municipalities.length);

  const dists = distributionsOf(instrument, cols);
  return {
    pooled,
    analysis: {
      kind: 'round-analysis',
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      respondents: { base: 'respondents', n: responses.length },
      municipalities: { base: 'municipalities', n: municipalityScores.length, codes: municipalityScores.map((m) => m.municipality) },
      distributions: dists,
      municipalityScores,
      region,
      gaps,
      gapSummary,
      improvementCandidates,
      samverkanskandidater,
      quality: checkDistributions(dists),
    },
  };
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

/**
 * The reference compareRounds (change.ts) from already computed municipality scores (each round
 * scored with its own instrument). Throws IncompatibleRoundsError like the reference.
 * `include` (optional) limits which municipality figures take part (privacy views).
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
  const counts = { increased: 0, unchanged: 0, decreased: 0 };
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
