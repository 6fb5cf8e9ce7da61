// Instrument definition format: the contract between instrument data files
// (instruments/*.json), the respondent form, the analysis and the reports.
// Pure and IO-free. Validation messages are Swedish (zod's sv locale plus our own).
import { z } from 'zod';
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '../text.ts';
import { SHORT_MAX } from './short.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Id får bara innehålla a–z, 0–9, _, . och -');

/** One answer option. `value: null` marks a non-scored answer such as "Vet ej". */
export const optionSchema = z.object({
  code: z.string().min(1, 'Ange en kod för svarsalternativet'),
  label: z.string().min(1, 'Ange en text för svarsalternativet'),
  value: z.number().nullable(),
  description: z.string().optional(),
});

export const scaleSchema = z.object({
  id,
  label: z.string().min(1, 'Ange skalans namn'),
  options: z.array(optionSchema).min(2),
});

export const respondentTypeSchema = z.object({ id, label: z.string().min(1) });
export const dimensionSchema = z.object({ id, label: z.string().min(1), description: z.string().optional() });
export const groupSchema = z.object({
  id,
  label: z.string().min(1),
  dimension: id.optional(),
  description: z.string().optional(),
});

export const itemTypes = ['scale', 'single', 'multi', 'text', 'number', 'yesno_degree', 'capability'] as const;

export const itemSchema = z.object({
  id,
  type: z.enum(itemTypes),
  text: z.string().min(1, 'Frågetexten får inte vara tom'),
  /** Short name (1–SHORT_MAX characters): the item's label in charts (radar spokes, bars, heatmap rows). See short.ts. */
  short: z
    .string({ error: (iss) => (iss.input === undefined ? `Ange ett kortnamn för frågan (högst ${SHORT_MAX} tecken), det visas i diagram` : 'Kortnamnet måste vara en text') })
    .trim()
    .min(1, 'Kortnamnet får inte vara tomt')
    .max(SHORT_MAX, `Kortnamnet får vara högst ${SHORT_MAX} tecken`),
  description: z.string().optional(),
  group: id.optional(),
  /** Routing: only these respondent types see the item; absent = everyone. */
  respondentTypes: z.array(id).optional(),
  /** Tagging by verksamhetsområde (area ids of the organisation model). */
  areas: z.array(z.string()).optional(),
  /** scale / capability / yesno_degree (degree scale): id of a scale in `scales`. */
  scale: id.optional(),
  /**
   * single / multi: inline options. number: optional answer bands (e.g. "1–10 timmar"): an answer is then a
   * number or a band's code, so that a figure published as a band is held as published; a band's value is
   * what rules and scores use (the instrument says which, e.g. the band's upper limit).
   */
  options: z.array(optionSchema).optional(),
  /** number: bounds and unit. */
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  required: z.boolean().optional(),
  /** yesno_degree: recommendation shown for a "Nej". */
  recommendation: z.string().optional(),
  /** capability: the target level (målbild) with an optional marker (* continuous learning, ** critical) and the source's rationale. */
  target: z
    .object({ level: z.number(), marker: z.enum(['*', '**']).optional(), rationale: z.string().optional() })
    .optional(),
  /** Scored so that a high value is bad (e.g. "teknisk skuld"): analysis inverts it. */
  reversed: z.boolean().optional(),
  /**
   * Note on an error or gap in the source the item was taken from, shown to administrators on the
   * instrument page; never sent to respondents (respondentInstrument strips it).
   */
  sourceNote: z.string().optional(),
});

export const quadrantKey = z.enum(['A', 'B', 'C', 'D']);
export const quadrantInfoSchema = z.object({
  label: z.string().min(1),
  description: z.string().min(1),
  phase: z.string().min(1),
  recommendations: z.array(z.string()).default([]),
});

export const scoringSchema = z.object({
  /** respondent → municipality aggregation. */
  aggregation: z.enum(['median', 'mean']).default('median'),
  /** Capability level at or below which it is an improvement candidate (e.g. 1 on the 0–4 map). */
  improvementMax: z.number().optional(),
  /** A capability at or below this level is "weak" for samverkanskandidater. */
  weakMax: z.number().optional(),
  /** Weak in at least this many municipalities → samverkanskandidat. */
  samverkanMinMunicipalities: z.number().int().positive().default(3),
  /** Minimum meaningful change between rounds in percentage points. */
  minMeaningfulChange: z.number().nonnegative().default(5),
  /** Groups under this many respondents are suppressed outside the own municipality. */
  suppressionMin: z.number().int().positive().default(3),
  quadrant: z
    .object({
      /** x: capability dimension (high = right), y: legacy dimension (high = enabling). */
      x: id,
      y: id,
      thresholds: z.object({ x: z.number(), y: z.number() }).default({ x: 50, y: 50 }),
      quadrants: z.object({ A: quadrantInfoSchema, B: quadrantInfoSchema, C: quadrantInfoSchema, D: quadrantInfoSchema }),
    })
    .optional(),
  /** Rule-based recommendations: when an item's municipality score is at or below `max`, recommend `text`. */
  rules: z
    .array(z.object({ item: id.optional(), group: id.optional(), max: z.number(), text: z.string().min(1) }))
    .default([]),
});

export const instrumentSchema = z
  .object({
    id,
    version: z.string().min(1, 'Ange en version'),
    title: z.string().min(1, 'Ange en titel'),
    /** Shown to respondents above the questions: what is measured and how to answer. No method notes. */
    description: z.string().default(''),
    /** The public report(s) the instrument is built from, cited by title, publisher and year (docs/sources.md). */
    source: z.string().optional(),
    /**
     * Method notes for administrators and report readers (how the instrument was derived from its
     * source, own interpretations, gaps): shown on the instrument page and in the reports' method
     * section, never to respondents.
     */
    methodNote: z.string().optional(),
    /** survey: many respondents per municipality; self-assessment: one answer per municipality by its kommunansvarig. */
    mode: z.enum(['survey', 'self-assessment']),
    respondentTypes: z.array(respondentTypeSchema).default([]),
    scales: z.array(scaleSchema).default([]),
    dimensions: z.array(dimensionSchema).default([]),
    groups: z.array(groupSchema).default([]),
    items: z.array(itemSchema).min(1),
    scoring: scoringSchema.prefault({}),
  })
  .superRefine((ins, ctx) => {
    for (const issue of referenceIssues(ins)) ctx.addIssue({ code: 'custom', ...issue });
  });

/**
 * Cross-references of a definition (unique item ids, known groups, scales, respondent types and
 * dimensions). Works on unvalidated data too, so that a file with a type error still gets every
 * reference error listed.
 */
function referenceIssues(raw: unknown): Array<{ path: Array<string | number>; message: string }> {
  const out: Array<{ path: Array<string | number>; message: string }> = [];
  if (!raw || typeof raw !== 'object') return out;
  const ins = raw as Record<string, unknown>;
  const list = (v: unknown): Array<Record<string, unknown>> =>
    Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {})) : [];
  const ids = (v: unknown) => new Set(list(v).map((x) => x.id));
  const str = (v: unknown): v is string => typeof v === 'string';
  const scales = ids(ins.scales);
  const groups = ids(ins.groups);
  const dims = ids(ins.dimensions);
  const types = ids(ins.respondentTypes);
  const seen = new Set<unknown>();
  list(ins.items).forEach((item, i) => {
    const path = ['items', i];
    if (str(item.id) && seen.has(item.id)) out.push({ path: [...path, 'id'], message: `Id "${item.id}" finns redan` });
    seen.add(item.id);
    if (str(item.group) && !groups.has(item.group)) out.push({ path: [...path, 'group'], message: `Okänd grupp "${item.group}"` });
    if ((item.type === 'scale' || item.type === 'capability') && !item.scale)
      out.push({ path: [...path, 'scale'], message: 'Frågetypen kräver en skala' });
    if (str(item.scale) && !scales.has(item.scale)) out.push({ path: [...path, 'scale'], message: `Okänd skala "${item.scale}"` });
    if ((item.type === 'single' || item.type === 'multi') && !(Array.isArray(item.options) && item.options.length))
      out.push({ path: [...path, 'options'], message: 'Frågetypen kräver svarsalternativ' });
    if (Array.isArray(item.respondentTypes))
      for (const t of item.respondentTypes)
        if (str(t) && !types.has(t)) out.push({ path: [...path, 'respondentTypes'], message: `Okänd respondenttyp "${t}"` });
    if (item.type === 'number' && typeof item.min === 'number' && typeof item.max === 'number' && item.min > item.max)
      out.push({ path: [...path, 'min'], message: 'min är större än max' });
  });
  list(ins.groups).forEach((g, i) => {
    if (str(g.dimension) && !dims.has(g.dimension))
      out.push({ path: ['groups', i, 'dimension'], message: `Okänd dimension "${g.dimension}"` });
  });
  const scoring = ins.scoring && typeof ins.scoring === 'object' ? (ins.scoring as Record<string, unknown>) : {};
  const q = scoring.quadrant && typeof scoring.quadrant === 'object' ? (scoring.quadrant as Record<string, unknown>) : undefined;
  if (q)
    for (const axis of ['x', 'y'] as const)
      if (str(q[axis]) && !dims.has(q[axis])) out.push({ path: ['scoring', 'quadrant', axis], message: `Okänd dimension "${q[axis]}"` });
  return out;
}

export type Option = z.infer<typeof optionSchema>;
export type Scale = z.infer<typeof scaleSchema>;
export type Item = z.infer<typeof itemSchema>;
export type ItemType = (typeof itemTypes)[number];
export type Group = z.infer<typeof groupSchema>;
export type Dimension = z.infer<typeof dimensionSchema>;
export type Scoring = z.infer<typeof scoringSchema>;
export type QuadrantKey = z.infer<typeof quadrantKey>;
export type Instrument = z.infer<typeof instrumentSchema>;

/**
 * Stored answer value per item type:
 * - scale, single: option code (string)
 * - multi: option codes (string[])
 * - text: string
 * - number: number, or the code of one of the item's answer bands (options)
 * - yesno_degree: { answer: 'ja' | 'nej' | 'vet_ej', degree?: option code of the item's scale }
 * - capability: { current: option code, target?: option code }
 */
export type AnswerValue =
  | string
  | number
  | string[]
  | { answer: 'ja' | 'nej' | 'vet_ej'; degree?: string }
  | { current: string; target?: string };

export interface ValidationError {
  path: string;
  message: string;
}

/** A path in an instrument definition as written in error messages: `items[3].scale`, `(rot)` for the whole file. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(rot)';
}

/** Validates an unknown value as an instrument; every error carries its path (e.g. `items[3].scale`). */
export function validateInstrument(data: unknown): { ok: true; instrument: Instrument } | { ok: false; errors: ValidationError[] } {
  // Text that cannot be stored (NUL, a lone surrogate), e.g. "\u0000" in an uploaded file.
  const unsafe = findUnsafeText(data);
  if (unsafe) return { ok: false, errors: [{ path: formatPath(unsafe), message: UNSAFE_TEXT_MESSAGE }] };
  const r = instrumentSchema.safeParse(data, { error: svError });
  if (r.success) return { ok: true, instrument: r.data };
  const errors = r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  // zod skips the cross-reference checks when the structure has errors: add them from the raw data.
  const known = new Set(errors.map((e) => `${e.path}\u0000${e.message}`));
  for (const issue of referenceIssues(data)) {
    const e = { path: formatPath(issue.path), message: issue.message };
    if (!known.has(`${e.path}\u0000${e.message}`)) errors.push(e);
  }
  return { ok: false, errors };
}

// Swedish error messages from zod's own locale.
const svLocale = z.locales.sv();
export const svError = svLocale.localeError;
