// Reference series (issue 14, deliver 6): published figures such as the national DiMiOS level, held as
// published with their source and year and drawn beside the region's figures. A series measures one thing
// of one instrument in percent of the scale maximum; it has one value per year. Shared across the
// instance (public figures). Pure and browser-safe: schemas, the measures an instrument offers, and the
// reference marks a view draws. See docs/benchmarks.md.
import { z } from 'zod';
import type { Instrument } from '../instruments/schema.ts';

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} måste vara en text` })
    .trim()
    .max(max, `${label} får vara högst ${max} tecken`);

export const referenceValueSchema = z.object({
  year: z
    .number({ error: 'Året måste vara ett heltal' })
    .int('Året måste vara ett heltal')
    .min(YEAR_MIN, `Året måste vara mellan ${YEAR_MIN} och ${YEAR_MAX}`)
    .max(YEAR_MAX, `Året måste vara mellan ${YEAR_MIN} och ${YEAR_MAX}`),
  value: z
    .number({ error: 'Värdet måste vara ett tal (procent)' })
    .min(0, 'Värdet är en andel i procent och måste vara mellan 0 och 100')
    .max(100, 'Värdet är en andel i procent och måste vara mellan 0 och 100'),
});

export const referenceSourceSchema = z.object({
  title: text('Källans titel', 300).min(1, 'Ange källans titel (rapportens titel)'),
  publisher: text('Utgivaren', 200).default(''),
  /** Publication date (ISO) or year as the source states it. */
  date: text('Källans datum', 10)
    .regex(/^$|^\d{4}(-\d{2}(-\d{2})?)?$/, 'Källans datum skrivs ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD')
    .default(''),
  /** Where in the source: "avsnitt 3.1.3", "figur 7". */
  location: text('Stället i källan', 200).default(''),
});

/** A reference series as entered (API body, CLI). The measure is checked against the instruments by the use case. */
export const referenceInput = z.object({
  name: text('Namnet', 200).min(1, 'Ange ett namn på referensserien'),
  measure: text('Måttet', 200).min(1, 'Ange vad serien mäter (till exempel digital-mognad:overall)'),
  values: z
    .array(referenceValueSchema, { error: 'Ange värdena som en lista med år och värde' })
    .min(1, 'Ange minst ett värde med år')
    .max(101, 'Högst ett värde per år')
    .refine((vs) => new Set(vs.map((v) => v.year)).size === vs.length, 'Varje år får bara ha ett värde'),
  source: referenceSourceSchema,
  note: text('Anteckningen', 2000).default(''),
});
export type ReferenceInput = z.output<typeof referenceInput>;

export interface ReferenceSeries extends ReferenceInput {
  id: number;
  /** The measure in words ("Digital mognad: totalt"). */
  measureLabel: string;
  isDemo: boolean;
}

export const referenceSeriesSchema = z.object({
  id: z.number(),
  name: z.string(),
  measure: z.string(),
  measureLabel: z.string(),
  values: z.array(z.object({ year: z.number(), value: z.number() })),
  source: z.object({ title: z.string(), publisher: z.string(), date: z.string(), location: z.string() }),
  note: z.string(),
  isDemo: z.boolean(),
});

/** What a series can measure: an instrument's overall percentage, a dimension or a group. */
export type MeasureRef = { instrument: string; kind: 'overall' } | { instrument: string; kind: 'dimension' | 'group'; id: string };

export interface MeasureOption {
  id: string;
  label: string;
}

/** "digital-mognad:overall", "digital-mognad:dimension:formaga", "digital-mognad:group:effektivitet". */
export function measureId(m: MeasureRef): string {
  return m.kind === 'overall' ? `${m.instrument}:overall` : `${m.instrument}:${m.kind}:${m.id}`;
}

export function parseMeasureId(s: string): MeasureRef | null {
  const parts = s.trim().split(':');
  if (parts.length === 2 && parts[1] === 'overall' && parts[0]) return { instrument: parts[0], kind: 'overall' };
  if (parts.length === 3 && parts[0] && parts[2] && (parts[1] === 'dimension' || parts[1] === 'group'))
    return { instrument: parts[0], kind: parts[1], id: parts[2] };
  return null;
}

/**
 * The measures of the instruments that have a percentage of the scale (dimensions or groups): the overall
 * percentage, each dimension and each group. One entry per instrument id (the newest version's labels).
 */
export function measureOptions(instruments: readonly Pick<Instrument, 'id' | 'title' | 'dimensions' | 'groups'>[]): MeasureOption[] {
  const seen = new Set<string>();
  const out: MeasureOption[] = [];
  for (const ins of instruments) {
    if (seen.has(ins.id) || (!ins.dimensions.length && !ins.groups.length)) continue;
    seen.add(ins.id);
    out.push({ id: measureId({ instrument: ins.id, kind: 'overall' }), label: `${ins.title}: totalt (procent av skalans maximum)` });
    for (const d of ins.dimensions)
      out.push({ id: measureId({ instrument: ins.id, kind: 'dimension', id: d.id }), label: `${ins.title}: ${d.label} (procent av skalans maximum)` });
    for (const g of ins.groups)
      out.push({ id: measureId({ instrument: ins.id, kind: 'group', id: g.id }), label: `${ins.title}: ${g.label} (procent av skalans maximum)` });
  }
  return out;
}

/** "Digital motor Fyrbodal – Delrapport Mellerud (Fyrbodals kommunalförbund, 2021), avsnitt 3.1.3". */
export function citeReference(source: ReferenceInput['source']): string {
  const year = source.date.slice(0, 4);
  const meta = [source.publisher, year].filter(Boolean).join(', ');
  return `”${source.title}”${meta ? ` (${meta})` : ''}${source.location ? `, ${source.location}` : ''}`;
}

/** One reference value drawn beside a figure: the series' name and year, its value and its source. */
export interface ReferenceMark {
  seriesId: number;
  name: string;
  measure: string;
  year: number;
  value: number;
  /** The citation (title, publisher, year, place). */
  source: string;
  note: string;
  /** "DiMiOS nationell nivå 2020": what the chart and table show. */
  label: string;
}

export const referenceMarkSchema = z.object({
  seriesId: z.number(),
  name: z.string(),
  measure: z.string(),
  year: z.number(),
  value: z.number(),
  source: z.string(),
  note: z.string(),
  label: z.string(),
});

/** The marks of the series that measure something of `instrument`: one per series and year, oldest first. */
export function referenceMarks(series: readonly ReferenceSeries[], instrument: string): ReferenceMark[] {
  const out: ReferenceMark[] = [];
  for (const s of series) {
    const m = parseMeasureId(s.measure);
    if (!m || m.instrument !== instrument) continue;
    for (const v of [...s.values].sort((a, b) => a.year - b.year))
      out.push({
        seriesId: s.id,
        name: s.name,
        measure: s.measure,
        year: v.year,
        value: v.value,
        source: citeReference(s.source),
        note: s.note,
        label: `${s.name} ${v.year}`,
      });
  }
  return out;
}
