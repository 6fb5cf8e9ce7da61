// Answer distributions per question (DOMAIN.md §5): count and percent per option, "Vet ej" apart,
// overall or by municipality / respondent type / verksamhetsområde. Multi-select questions are
// distributions of mentions (base 'mentions'), with the per-respondent shares alongside.
//
// Percentages are unrounded (count / n × 100) and null when n = 0; scored options and "Vet ej"
// together sum to 100 for single-choice questions. Rounding is the presentation layer's job.
//
// Base: 'respondents', except for a self-assessment instrument where every municipality has at most one
// response — there each response is a municipality, and the base is 'municipalities'.
import type { AnswerValue, Instrument, Item, Option } from '../instruments/schema.ts';
import type { AnalysisResponse, Base, DistributionFigure, GroupBy, OptionCount } from './types.ts';
import { isAnswered, splitOptions } from '../instruments/answered.ts';
import { findItem, groupByKey, itemOptions, percent, sortedKeys, summary } from './values.ts';

/** Group key for responses without a respondent type or area. */
export const MISSING_GROUP = '(saknas)';

/** The option codes an answer selects (one for single-choice types, several for multi; [] for multi "none of these"). */
function selectedCodes(item: Item, answer: AnswerValue | undefined): string[] | null {
  if (answer === undefined || answer === null) return null;
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
      return [...new Set(answer.filter((c): c is string => typeof c === 'string'))];
    default:
      return null;
  }
}

/**
 * The codes among `known` (the item's options) that an answer selects: [] for a multi-select answered
 * "none of these", null when the item is not answered. Agrees with isAnswered (answered.ts) for every
 * option item; test/answered.test.ts checks it.
 */
export function selectedKnownCodes(item: Item, known: ReadonlySet<string>, answer: AnswerValue | undefined): string[] | null {
  const selected = selectedCodes(item, answer);
  if (!selected) return null;
  const codes = selected.filter((c) => known.has(c));
  return codes.length || !selected.length ? codes : null;
}

function counts(options: Option[], tally: Map<string, number>, n: number): OptionCount[] {
  return options.map((o) => {
    const count = tally.get(o.code) ?? 0;
    return { code: o.code, label: o.label, value: o.value, count, percent: percent(count, n) };
  });
}

/**
 * The rows a distribution figure counts: responses here, response indexes in the one-pass engine
 * (engine.ts). `codes`, when given, returns the row's selectedKnownCodes already decoded; otherwise
 * they are read from the answer.
 */
export interface FigureRows<T> {
  rows: readonly T[];
  answer: (row: T) => AnswerValue | undefined;
  municipality: (row: T) => string;
  codes?: (row: T) => readonly string[] | null;
}

/**
 * What a distribution figure is made of, counted over some rows: enough to add the counts of several
 * groups of rows together (the incremental analysis keeps one per municipality, engine.ts).
 */
export interface DistributionCounts {
  /** Rows that answered (option items: selected known codes; number and text items: isAnswered). */
  answering: number;
  /** Distinct municipalities among the answering rows. */
  municipalities: number;
  /** Option items: selected codes → count, and the total of selections. */
  tally: Map<string, number>;
  mentions: number;
  /** number items: the answering rows' answers, in row order. */
  numbers: AnswerValue[];
}

/** The counts of one question over the given rows. */
export function distributionCounts<T>(instrument: Instrument, item: Item, src: FigureRows<T>): DistributionCounts {
  const munis = new Set<string>();
  const out: DistributionCounts = { answering: 0, municipalities: 0, tally: new Map(), mentions: 0, numbers: [] };
  if (item.type === 'number' || item.type === 'text') {
    for (const r of src.rows) {
      const a = src.answer(r);
      if (!isAnswered(instrument, item, a)) continue;
      out.answering++;
      munis.add(src.municipality(r));
      if (item.type === 'number') out.numbers.push(a as AnswerValue);
    }
  } else {
    const known = new Set(itemOptions(instrument, item).map((o) => o.code));
    const codesOf = src.codes ?? ((r: T) => selectedKnownCodes(item, known, src.answer(r)));
    const { tally } = out;
    for (const r of src.rows) {
      const codes = codesOf(r);
      if (!codes) continue;
      out.answering++;
      munis.add(src.municipality(r));
      for (const c of codes) {
        tally.set(c, (tally.get(c) ?? 0) + 1);
        out.mentions++;
      }
    }
  }
  out.municipalities = munis.size;
  return out;
}

/** The counts of several groups of rows together (groups of distinct municipalities, in row order). */
export function addDistributionCounts(parts: readonly DistributionCounts[]): DistributionCounts {
  const out: DistributionCounts = { answering: 0, municipalities: 0, tally: new Map(), mentions: 0, numbers: [] };
  for (const p of parts) {
    out.answering += p.answering;
    out.municipalities += p.municipalities;
    out.mentions += p.mentions;
    for (const [c, k] of p.tally) out.tally.set(c, (out.tally.get(c) ?? 0) + k);
    for (const v of p.numbers) out.numbers.push(v);
  }
  return out;
}

/** The distribution figure of one question over the given rows. */
export function distributionFigure<T>(
  instrument: Instrument,
  item: Item,
  src: FigureRows<T>,
  groupBy: GroupBy = 'all',
  groupKey: string | null = null,
): DistributionFigure {
  return distributionFromCounts(instrument, item, distributionCounts(instrument, item, src), groupBy, groupKey);
}

/** The distribution figure of one question from its counts. */
export function distributionFromCounts(
  instrument: Instrument,
  item: Item,
  c: DistributionCounts,
  groupBy: GroupBy = 'all',
  groupKey: string | null = null,
): DistributionFigure {
  // A self-assessment's response is a municipality's when no municipality answered twice.
  const base: Base = instrument.mode === 'self-assessment' && c.municipalities === c.answering ? 'municipalities' : 'respondents';
  const head = { kind: 'distribution', itemId: item.id, itemType: item.type, groupBy, groupKey } as const;

  if (item.type === 'number' || item.type === 'text') {
    const fig: DistributionFigure = {
      ...head,
      base,
      n: c.answering,
      respondents: c.answering,
      options: [],
      dontKnow: [],
      dontKnowTotal: { count: 0, percent: null },
      nKnown: c.answering,
    };
    if (item.type === 'number') fig.numeric = summary(c.numbers as number[]);
    return fig;
  }

  const options = itemOptions(instrument, item);
  const { answers: scored, dontKnow: unscored } = splitOptions(options);
  const respondents = c.answering;
  const isMulti = item.type === 'multi';
  const n = isMulti ? c.mentions : respondents;
  const dontKnow = counts(unscored, c.tally, n);
  const dkCount = dontKnow.reduce((s, o) => s + o.count, 0);
  const fig: DistributionFigure = {
    ...head,
    base: isMulti ? 'mentions' : base,
    n,
    respondents,
    options: counts(scored, c.tally, n),
    dontKnow,
    dontKnowTotal: { count: dkCount, percent: percent(dkCount, n) },
    nKnown: n - dkCount,
  };
  if (isMulti) fig.perRespondent = { base: 'respondents', n: respondents, options: counts(options, c.tally, respondents) };
  return fig;
}

function figure(
  instrument: Instrument,
  item: Item,
  responses: readonly AnalysisResponse[],
  groupBy: GroupBy,
  groupKey: string | null,
): DistributionFigure {
  const src: FigureRows<AnalysisResponse> = { rows: responses, answer: (r) => r.answers[item.id], municipality: (r) => r.municipality };
  return distributionFigure(instrument, item, src, groupBy, groupKey);
}

function keyOf(r: AnalysisResponse, by: Exclude<GroupBy, 'all'>): string {
  if (by === 'municipality') return r.municipality;
  if (by === 'respondentType') return r.respondentType ?? MISSING_GROUP;
  return r.area ?? MISSING_GROUP;
}

/** The distribution of one question over all given responses. */
export function distribution(instrument: Instrument, itemId: string, responses: readonly AnalysisResponse[]): DistributionFigure {
  return figure(instrument, findItem(instrument, itemId), responses, 'all', null);
}

/**
 * The distribution of one question per municipality, respondent type or area (sorted by key).
 * With `by: 'all'` a single overall figure. Groups without any answer to the question are still listed (n = 0).
 */
export function distributionBy(
  instrument: Instrument,
  itemId: string,
  responses: readonly AnalysisResponse[],
  by: GroupBy,
): DistributionFigure[] {
  const item = findItem(instrument, itemId);
  if (by === 'all') return [figure(instrument, item, responses, 'all', null)];
  const groups = groupByKey(responses, (r) => keyOf(r, by));
  return sortedKeys(groups.keys()).map((k) => figure(instrument, item, groups.get(k) ?? [], by, k));
}

/** Distributions of every question of the instrument (free text: only n), overall or by group. */
export function distributions(
  instrument: Instrument,
  responses: readonly AnalysisResponse[],
  by: GroupBy = 'all',
): DistributionFigure[] {
  return instrument.items.flatMap((item) => distributionBy(instrument, item.id, responses, by));
}
