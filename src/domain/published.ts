// Published aggregates (DOMAIN.md §4, §5, §12): a round can hold a report's figures AS PUBLISHED — per
// item the shares or counts per option, the base n and its unit, the number of answering municipalities,
// the source (cited by title, docs/sources.md) and its page/figure — next to or instead of respondent-level
// answers. Never re-synthesised into respondents; unstated remainders stay unstated (no invented "Vet ej").
//
// One zod contract (publishedAggregateInput) serves the API, the CSV/XLSX import and the demo. Checks:
// - validatePublished: bad input (unknown item/option, shares outside 0–100, a base of 0 with shares) —
//   refused with Swedish messages, nothing is written;
// - publishedQualityFlags: the data-quality checks of quality.ts applied to every aggregate of a round —
//   flagged, never silently published.
// Pure and IO-free (the web imports the schema).
import { z } from 'zod';
import {
  checkBases,
  checkMoneyUnit,
  checkPercentSum,
  checkPublishedDistribution,
  checkShareOfMunicipalities,
  checkTotal,
  type QualityFlag,
} from './analysis/quality.ts';
import type { Base } from './analysis/types.ts';
import type { Instrument, Item, Option } from './instruments/schema.ts';

export const BASE_UNITS = ['respondents', 'municipalities', 'mentions'] as const;
export const BASE_UNIT_LABELS: Record<Base, string> = { respondents: 'respondenter', municipalities: 'kommuner', mentions: 'omnämnanden' };
export const MEASURES = ['share', 'count'] as const;
export type Measure = (typeof MEASURES)[number];
/** What every view of a published round says about its figures. */
export const PUBLISHED_LABEL = 'publicerade aggregat';

const text = (max: number, label: string) => z.string().trim().min(1, `${label} får inte vara tomt`).max(max, `${label} får vara högst ${max} tecken`);
const itemId = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Frågans id ska vara gemener, siffror och bindestreck (t.ex. portfoljstyrning)');

export const publishedValueInput = z.object({
  /** The option code(s) the figure is for: several when the source gives one figure for combined options. */
  options: z.array(z.string().min(1, 'Alternativets kod får inte vara tom')).min(1, 'Ange minst ett alternativ').max(20),
  /** Percent (measure share) or a count (measure count), exactly as published. */
  value: z.number({ error: 'Värdet ska vara ett tal' }).finite('Värdet ska vara ett tal'),
});

export const publishedAggregateInput = z.object({
  itemId,
  /** The figure's designation in the source, e.g. "Figur 3". */
  figure: text(60, 'Figur').nullable().default(null),
  measure: z.enum(MEASURES, { error: 'Mått ska vara share (andel i procent) eller count (antal)' }).default('share'),
  values: z.array(publishedValueInput).max(60),
  base: z.object({
    /** The base n as stated by the source; null when not stated. */
    n: z.number().int('Basen ska vara ett heltal').min(0, 'Basen kan inte vara negativ').max(10_000_000).nullable(),
    unit: z.enum(BASE_UNITS, { error: 'Basens enhet ska vara respondents, municipalities eller mentions' }),
  }),
  /** Answering municipalities as stated by the source; null when not stated. */
  municipalities: z.number().int('Antalet kommuner ska vara ett heltal').min(0, 'Antalet kommuner kan inte vara negativt').max(1000).nullable().default(null),
  source: z.object({
    /** The source's public title, as in docs/sources.md (never a file name). */
    title: text(300, 'Källans titel'),
    /** Page and/or figure, e.g. "s. 23, figur 3". */
    page: text(100, 'Sida').nullable().default(null),
  }),
  /** True when the source states only some of the options (the rest is not stated, not zero). */
  partial: z.boolean().default(false),
  note: text(1000, 'Anmärkning').nullable().default(null),
  /** For an aggregate carrying money: the unit its amounts are stated in and a known total in kronor. */
  money: z
    .object({ unit: z.enum(['kr', 'tkr', 'mnkr']), statedTotal: z.number().finite(), knownTotalKr: z.number().finite() })
    .nullable()
    .default(null),
});
export type PublishedAggregateInput = z.input<typeof publishedAggregateInput>;
export type PublishedAggregate = z.output<typeof publishedAggregateInput>;

export interface StoredPublishedAggregate extends PublishedAggregate {
  roundId: number;
  updatedAt: string;
}

/** A refusal of one aggregate: which field, a Swedish message. */
export interface PublishedInputError {
  itemId: string;
  field: string;
  message: string;
}

const labelOf = (opts: Option[], code: string) => opts.find((o) => o.code === code)?.label ?? code;

export function optionsOfItem(instrument: Pick<Instrument, 'scales'>, item: Item): Option[] {
  if (item.options?.length) return item.options;
  if (item.scale) return instrument.scales.find((s) => s.id === item.scale)?.options ?? [];
  return [];
}

/** The refusals of an aggregate against the round's instrument; [] when it may be stored. */
export function validatePublished(instrument: Instrument, a: PublishedAggregate): PublishedInputError[] {
  const errors: PublishedInputError[] = [];
  const err = (field: string, message: string) => errors.push({ itemId: a.itemId, field, message });
  const item = instrument.items.find((i) => i.id === a.itemId);
  if (!item) {
    err('itemId', `Frågan "${a.itemId}" finns inte i instrumentet ${instrument.title} (${instrument.version})`);
    return errors;
  }
  const options = optionsOfItem(instrument, item);
  if (!options.length) err('itemId', `Frågan "${a.itemId}" har inga svarsalternativ; publicerade aggregat gäller frågor med alternativ`);
  const seen = new Set<string>();
  a.values.forEach((v, i) => {
    for (const code of v.options) {
      if (!options.some((o) => o.code === code))
        err(`values.${i}.options`, `Alternativet "${code}" finns inte för frågan "${a.itemId}". Välj bland: ${options.map((o) => o.code).join(', ')}`);
      else if (seen.has(code)) err(`values.${i}.options`, `Alternativet "${code}" förekommer mer än en gång för frågan "${a.itemId}"`);
      seen.add(code);
    }
    if (a.measure === 'share' && (v.value < 0 || v.value > 100))
      err(`values.${i}.value`, `Andelen för ${v.options.join(' + ')} är ${v.value} %: en andel ska vara mellan 0 och 100 %`);
    if (a.measure === 'count' && (v.value < 0 || !Number.isInteger(v.value)))
      err(`values.${i}.value`, `Antalet för ${v.options.join(' + ')} är ${v.value}: ett antal ska vara ett heltal ≥ 0`);
  });
  if (a.base.n === 0 && a.values.some((v) => v.value > 0))
    err('base.n', `Basen för frågan "${a.itemId}" är 0 men andelar eller antal är angivna: en bas på 0 kan inte ha andelar`);
  if (item.type !== 'multi' && a.base.unit === 'mentions')
    err('base.unit', `Frågan "${a.itemId}" är inte en flervalsfråga: basen kan inte vara omnämnanden`);
  if (a.money && a.measure === 'share') err('money', `Frågan "${a.itemId}": belopp anges som antal (measure count), inte som andelar`);
  return errors;
}

/** How a figure is named in flags and tables: "Figur 3 (portfoljstyrning)". */
export function figureName(a: Pick<PublishedAggregate, 'figure' | 'itemId'>): string {
  return a.figure ? `${a.figure} (${a.itemId})` : a.itemId;
}

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });

/** The data-quality flags of one aggregate (without the checks across the round's aggregates). */
export function aggregateFlags(instrument: Instrument, a: PublishedAggregate, tolerance = 1): QualityFlag[] {
  const item = instrument.items.find((i) => i.id === a.itemId);
  const subject = figureName(a);
  const flags: QualityFlag[] = [];
  const nums = a.values.map((v) => v.value);
  if (!nums.length) return flags;
  const multi = item?.type === 'multi';
  if (a.measure === 'count') {
    // Totals against their parts: a single-choice question's counts sum to n (multi: to n when n counts mentions).
    if (a.base.n !== null && !a.partial && (!multi || a.base.unit === 'mentions')) {
      const f = checkTotal(`${subject}: basen n`, a.base.n, nums, 0);
      if (f) flags.push({ ...f, message: `${subject}: basen n = ${a.base.n} stämmer inte med summan av antalen ${nf.format(f.expected ?? 0)}.`, expected: f.expected, actual: a.base.n });
    }
    if (a.money) {
      const f = checkMoneyUnit(subject, a.money.unit, a.money.statedTotal, a.money.knownTotalKr);
      if (f) flags.push(f);
    }
    return flags;
  }
  if (multi) {
    if (a.base.unit === 'mentions') {
      const f = a.partial ? null : checkPercentSum(subject, nums, { tolerance });
      if (f) flags.push(f);
      return flags;
    }
    const asShare = checkPublishedDistribution({ subject, base: a.base.unit, multi: true, percents: nums }, tolerance);
    flags.push(...asShare);
    if (!asShare.length && a.base.unit === 'municipalities' && a.municipalities) {
      const f = checkShareOfMunicipalities(subject, nums, a.municipalities);
      if (f) {
        flags.push(f);
        // Read as shares of mentions they should then sum to 100.
        const sum = a.partial ? null : checkPercentSum(`${subject} (som andel av omnämnanden)`, nums, { tolerance });
        if (sum) flags.push(sum);
      }
    }
    return flags;
  }
  if (a.partial) {
    // Only some options are stated: they cannot exceed 100.
    const s = nums.reduce((x, y) => x + y, 0);
    if (s > 100 + tolerance) flags.push(checkPercentSum(subject, nums, { tolerance })!);
    return flags;
  }
  const f = checkPercentSum(subject, nums, { tolerance });
  if (f) flags.push(f);
  return flags;
}

/** Every flag of a round's published aggregates: per aggregate, and bases that differ between questions. */
export function publishedQualityFlags(instrument: Instrument, aggregates: readonly PublishedAggregate[], tolerance = 1): QualityFlag[] {
  const flags = aggregates.flatMap((a) => aggregateFlags(instrument, a, tolerance));
  // Bases are compared between the questions that state one (mentions are a base of their own).
  const stated = aggregates.filter((a) => a.values.length && a.base.unit !== 'mentions' && (a.base.n !== null || a.municipalities !== null));
  flags.push(
    ...checkBases(
      stated.map((a) => ({ subject: figureName(a), n: a.base.n ?? a.municipalities ?? 0, base: a.base.unit })),
    ).map((f) => {
      const ns = stated.map((a) => a.base.n ?? a.municipalities ?? 0);
      const mode = [...new Set(ns)].sort((x, y) => ns.filter((n) => n === y).length - ns.filter((n) => n === x).length)[0];
      const other = ns.find((n) => n !== mode);
      return { ...f, expected: mode, actual: other, difference: other !== undefined ? other - mode : undefined };
    }),
  );
  return flags;
}

/** One published figure as the analysis shows it: per option (or combination) the percent as published. */
export interface PublishedFigure {
  itemId: string;
  itemText: string;
  itemType: string;
  figure: string | null;
  measure: Measure;
  base: { n: number | null; unit: Base; label: string };
  municipalities: number | null;
  source: { title: string; page: string | null };
  partial: boolean;
  note: string | null;
  rows: Array<{
    options: string[];
    label: string;
    /** The option's scale value; null for "Vet ej" and combinations. */
    value: number | null;
    /** As published (measure share) or computed from the count and n (measure count; null without n). */
    percent: number | null;
    count: number | null;
  }>;
  /** Options of the item the source gives no figure for: not stated (never zero, never "Vet ej"). */
  unstated: Array<{ code: string; label: string }>;
  /** Sum of the published percents (the data-quality panel compares it with 100). */
  percentSum: number | null;
}

/** The published figures of a round in the instrument's item order. */
export function publishedFigures(instrument: Instrument, aggregates: readonly PublishedAggregate[]): PublishedFigure[] {
  const byItem = new Map(aggregates.map((a) => [a.itemId, a]));
  const out: PublishedFigure[] = [];
  for (const item of instrument.items) {
    const a = byItem.get(item.id);
    if (!a) continue;
    const opts = optionsOfItem(instrument, item);
    const order = (codes: string[]) => Math.min(...codes.map((c) => opts.findIndex((o) => o.code === c)));
    const rows = [...a.values]
      .sort((x, y) => order(x.options) - order(y.options))
      .map((v) => {
        const single = v.options.length === 1 ? opts.find((o) => o.code === v.options[0]) : undefined;
        const percent = a.measure === 'share' ? v.value : a.base.n ? (v.value / a.base.n) * 100 : null;
        return {
          options: v.options,
          label: v.options.map((c) => labelOf(opts, c)).join(' + '),
          value: single ? single.value : null,
          percent,
          count: a.measure === 'count' ? v.value : null,
        };
      });
    const given = new Set(a.values.flatMap((v) => v.options));
    const percents = rows.map((r) => r.percent).filter((p): p is number => p !== null);
    out.push({
      itemId: item.id,
      itemText: item.text,
      itemType: item.type,
      figure: a.figure,
      measure: a.measure,
      base: { n: a.base.n, unit: a.base.unit, label: BASE_UNIT_LABELS[a.base.unit] },
      municipalities: a.municipalities,
      source: a.source,
      partial: a.partial,
      note: a.note,
      rows,
      unstated: opts.filter((o) => !given.has(o.code)).map((o) => ({ code: o.code, label: o.label })),
      percentSum: percents.length ? Math.round(percents.reduce((s, p) => s + p, 0) * 100) / 100 : null,
    });
  }
  return out;
}

/** "publicerade aggregat, bas: kommuner (n = 11), 11 svarande kommuner" — the base line under a figure. */
export function baseLine(f: Pick<PublishedFigure, 'base' | 'municipalities'>): string {
  const n = f.base.n === null ? 'n ej angivet' : `n = ${f.base.n}`;
  const m = f.municipalities === null ? '' : `, ${f.municipalities} svarande kommuner`;
  return `${PUBLISHED_LABEL}, bas: ${f.base.label} (${n})${m}`;
}

/**
 * Change from a published figure to a later respondent-level round of a compatible instrument version:
 * per published row, the later round's percent of the same option(s) and the difference in percentage
 * points. `later` maps option code → percent of the later round's distribution (same base as shown there).
 */
export function publishedChange(
  fig: PublishedFigure,
  later: { n: number; base: Base; percents: Record<string, number | null> },
): Array<{ label: string; options: string[]; published: number | null; later: number | null; change: number | null }> {
  return fig.rows.map((r) => {
    const parts = r.options.map((c) => later.percents[c]);
    const l = parts.every((p) => typeof p === 'number') ? (parts as number[]).reduce((s, p) => s + p, 0) : null;
    return {
      label: r.label,
      options: r.options,
      published: r.percent,
      later: l,
      change: l !== null && r.percent !== null ? Math.round((l - r.percent) * 10) / 10 : null,
    };
  });
}

/** Whether two instrument versions are comparable: the same instrument, same major version ("2024.1" ~ "2024.3"). */
export function compatibleVersions(a: { instrument: string; instrumentVersion: string }, b: { instrument: string; instrumentVersion: string }): boolean {
  return a.instrument === b.instrument && a.instrumentVersion.split('.')[0] === b.instrumentVersion.split('.')[0];
}
