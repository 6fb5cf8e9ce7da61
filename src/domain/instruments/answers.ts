// Answers to instrument items: validation against the AnswerValue contract (schema.ts),
// routing by respondent type and the numeric value of an answer, and the instrument as a respondent
// sees it, with the zod schemas of both as the respondent link sends them. Pure and IO-free.
import { z } from 'zod';
import { optionsOf } from './options.ts';
import { dimensionSchema, groupSchema, itemSchema, scaleSchema, type AnswerValue, type Instrument, type Item, type Option } from './schema.ts';

export { numberBand, optionsOf } from './options.ts';

/** Longest accepted free-text answer, in characters. */
export const MAX_TEXT_LENGTH = 5000;

export type AnswerResult = { ok: true; value: AnswerValue } | { ok: false; message: string };

const YESNO = ['ja', 'nej', 'vet_ej'] as const;
type YesNo = (typeof YESNO)[number];

function fail(message: string): AnswerResult {
  return { ok: false, message };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function findOption(instrument: Instrument, item: Item, code: unknown): Option | undefined {
  if (typeof code !== 'string') return undefined;
  return optionsOf(instrument, item).find((o) => o.code === code);
}

function fmt(n: number): string {
  return String(n).replace('.', ',');
}

/**
 * Validates a stored answer value for one item of an instrument (see AnswerValue in schema.ts):
 * - scale, single: option code (string) — "Vet ej" is a valid option and stored like any other
 * - multi: array of distinct option codes (an empty array means "none of these")
 * - text: non-empty string of at most MAX_TEXT_LENGTH characters (trimmed)
 * - number: finite number within the item's min/max, or the code of one of its answer bands (options)
 * - yesno_degree: { answer: 'ja' | 'nej' | 'vet_ej', degree? } — degree only with 'ja' and only on items with a degree scale
 * - capability: { current, target? } — option codes of the item's scale
 * Returns the normalised value (unknown object keys dropped, text trimmed).
 */
export function validateAnswer(instrument: Instrument, itemId: string, value: unknown): AnswerResult {
  const item = instrument.items.find((i) => i.id === itemId);
  if (!item) return fail('Frågan finns inte i enkäten');
  if (value === undefined || value === null) return fail('Svar saknas');

  switch (item.type) {
    case 'scale':
    case 'single': {
      if (typeof value !== 'string') return fail('Svaret måste vara ett alternativ ur skalan');
      if (!findOption(instrument, item, value)) return fail('Alternativet finns inte i skalan');
      return { ok: true, value };
    }
    case 'multi': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return fail('Svaret måste vara en lista med alternativ');
      const codes = value as string[];
      if (new Set(codes).size !== codes.length) return fail('Samma alternativ har angetts flera gånger');
      const unknown = codes.find((c) => !findOption(instrument, item, c));
      if (unknown !== undefined) return fail(`Alternativet "${unknown}" finns inte i skalan`);
      return { ok: true, value: [...codes] };
    }
    case 'text': {
      if (typeof value !== 'string') return fail('Svaret måste vara en text');
      const text = value.trim();
      if (!text) return fail('Svaret är tomt');
      if (text.length > MAX_TEXT_LENGTH) return fail(`Texten får vara högst ${MAX_TEXT_LENGTH} tecken`);
      return { ok: true, value: text };
    }
    case 'number': {
      // An item with answer bands (options, e.g. "1–10 timmar") also takes a band's code: a figure published as a band.
      if (typeof value === 'string' && item.options?.length) {
        if (findOption(instrument, item, value)) return { ok: true, value };
        return fail(`Svaret måste vara ett tal eller ett av intervallen (${item.options.map((o) => o.code).join(', ')})`);
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('Svaret måste vara ett tal');
      const { min, max } = item;
      if (min !== undefined && max !== undefined && (value < min || value > max))
        return fail(`Värdet måste vara mellan ${fmt(min)} och ${fmt(max)}`);
      if (min !== undefined && value < min) return fail(`Värdet måste vara minst ${fmt(min)}`);
      if (max !== undefined && value > max) return fail(`Värdet får vara högst ${fmt(max)}`);
      return { ok: true, value };
    }
    case 'yesno_degree': {
      if (!isPlainObject(value) || !YESNO.includes(value.answer as YesNo))
        return fail('Svaret måste vara Ja, Nej eller Vet ej');
      const answer = value.answer as YesNo;
      if (value.degree === undefined || value.degree === null) return { ok: true, value: { answer } };
      if (!item.scale) return fail('Frågan har ingen skala för grad av införande');
      if (answer !== 'ja') return fail('Grad av införande kan bara anges när svaret är Ja');
      if (!findOption(instrument, item, value.degree)) return fail('Alternativet finns inte i skalan');
      return { ok: true, value: { answer, degree: value.degree as string } };
    }
    case 'capability': {
      if (!isPlainObject(value) || typeof value.current !== 'string')
        return fail('Svaret måste ange nuvarande nivå');
      if (!findOption(instrument, item, value.current)) return fail('Alternativet finns inte i skalan');
      if (value.target === undefined || value.target === null) return { ok: true, value: { current: value.current } };
      if (!findOption(instrument, item, value.target)) return fail('Målnivån finns inte i skalan');
      return { ok: true, value: { current: value.current, target: value.target as string } };
    }
  }
}

/**
 * Routing: the items a respondent of the given type sees, in instrument order. Items without
 * `respondentTypes` are shown to everyone; routed items only to the listed types. Without a
 * respondent type (or with one the instrument does not know) only the unrouted items are shown.
 */
export function visibleItems(instrument: Instrument, respondentType?: string | null): Item[] {
  return instrument.items.filter(
    (item) => !item.respondentTypes?.length || (!!respondentType && item.respondentTypes.includes(respondentType)),
  );
}

/**
 * The numeric value of an answer, or null when it has none:
 * - scale, single: the option's value (null for "Vet ej" and other unscored options)
 * - capability: the value of the current level
 * - number: the number itself; a band's code: the band's value
 * - yesno_degree: 'nej' → 0; 'ja' → the degree option's value, or 1 when no degree is given; 'vet_ej' → null
 *   (degree scales are expected to start at 1 so that any 'ja' scores above 'nej')
 * - multi, text: null (not scored)
 * Values that do not match the item give null. `reversed` items are returned as stored; the analysis inverts them.
 */
export function scoreOf(instrument: Instrument, item: Item, answer: AnswerValue | null | undefined): number | null {
  if (answer === null || answer === undefined) return null;
  // Stored data may not match the item (e.g. after a revision): inspect it as unknown.
  const value: unknown = answer;
  switch (item.type) {
    case 'scale':
    case 'single':
      return findOption(instrument, item, value)?.value ?? null;
    case 'capability':
      return isPlainObject(value) ? (findOption(instrument, item, value.current)?.value ?? null) : null;
    case 'number':
      if (typeof value === 'string') return findOption(instrument, item, value)?.value ?? null;
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'yesno_degree': {
      if (!isPlainObject(value)) return null;
      if (value.answer === 'nej') return 0;
      if (value.answer !== 'ja') return null;
      if (value.degree === undefined || value.degree === null) return 1;
      const degree = findOption(instrument, item, value.degree);
      return degree ? (degree.value ?? 1) : null;
    }
    case 'multi':
    case 'text':
      return null;
  }
}

/** An answer as stored and sent: the shapes of AnswerValue (schema.ts). */
export const answerValueSchema = z.union([
  z.string(),
  z.number(),
  z.array(z.string()),
  z.object({ answer: z.enum(YESNO), degree: z.string().optional() }),
  z.object({ current: z.string(), target: z.string().optional() }),
]);

/** What the respondent sends for one item: `{ value }`, checked against the item by validateAnswer. */
export const answerInput = z.object({ value: z.unknown().optional() }, { error: 'Skicka svaret som {"value": …}' });

/** An item's id in an address. */
export const itemIdParam = z.string().min(1).max(100);

/** The instrument as the respondent sees it: only the items routed to their type; no scoring, source, source notes or method notes. */
export const respondentInstrumentSchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  description: z.string(),
  mode: z.enum(['survey', 'self-assessment']),
  scales: z.array(scaleSchema),
  dimensions: z.array(dimensionSchema),
  groups: z.array(groupSchema),
  items: z.array(itemSchema.omit({ sourceNote: true })),
});
export type RespondentInstrument = z.output<typeof respondentInstrumentSchema>;

export function respondentInstrument(instrument: Instrument, respondentType: string | null): RespondentInstrument {
  const items = visibleItems(instrument, respondentType).map(({ sourceNote: _note, ...item }) => item);
  const scaleIds = new Set(items.map((i) => i.scale).filter(Boolean));
  const groupIds = new Set(items.map((i) => i.group).filter(Boolean));
  const groups = instrument.groups.filter((g) => groupIds.has(g.id));
  const dimIds = new Set(groups.map((g) => g.dimension).filter(Boolean));
  return {
    id: instrument.id,
    version: instrument.version,
    title: instrument.title,
    description: instrument.description,
    mode: instrument.mode,
    scales: instrument.scales.filter((s) => scaleIds.has(s.id)),
    dimensions: instrument.dimensions.filter((d) => dimIds.has(d.id)),
    groups,
    items,
  };
}
