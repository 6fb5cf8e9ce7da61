// What a round tells its respondents and how it reaches them (DOMAIN.md §4): the introduction,
// the contact person, the estimated time, the respondent types included and the invitation and
// reminder e-mail texts. One contract: routes, CLI and web forms derive from these schemas.
// Pure and IO-free.
import { z } from 'zod';
import { placeholderError } from './mail-template.ts';

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: högst ${max} tecken`)
    .nullish()
    .transform((s) => (s ? s : null));

/** An e-mail text: unknown placeholders ({namn}, {länk}, {sista dag}, {kontaktperson} …) are errors. */
const mailText = (max: number, label: string) =>
  optionalText(max, label).superRefine((s, ctx) => {
    const message = placeholderError(label, s);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** Editable details of a round; every field may be null (= not given / the default). */
export const roundDetailsSchema = z.object({
  /** Shown to respondents above the first question: purpose, what the answers are used for. */
  introduction: optionalText(4000, 'Introduktion'),
  contactName: optionalText(200, 'Kontaktperson'),
  contactEmail: z
    .union([z.literal(''), z.email('Kontaktpersonens e-postadress: ange en giltig e-postadress').max(254)])
    .nullish()
    .transform((s) => (s ? s : null)),
  /** Minutes a respondent needs; null = estimated from the number of questions. */
  estimatedMinutes: z
    .number({ error: 'Beräknad tid: ange ett antal minuter' })
    .int('Beräknad tid: ange hela minuter')
    .min(1, 'Beräknad tid: minst 1 minut')
    .max(600, 'Beräknad tid: högst 600 minuter')
    .nullish()
    .transform((n) => n ?? null),
  /** Respondent type ids of the instrument included in the round; null = all types. */
  respondentTypes: z
    .array(z.string().min(1).max(100))
    .max(50)
    .nullish()
    .transform((a) => (a && a.length ? [...new Set(a)] : null)),
  invitationSubject: mailText(200, 'Inbjudans ämnesrad'),
  invitationBody: mailText(10000, 'Inbjudans text'),
  reminderSubject: mailText(200, 'Påminnelsens ämnesrad'),
  reminderBody: mailText(10000, 'Påminnelsens text'),
});

export type RoundDetails = z.output<typeof roundDetailsSchema>;
export type RoundDetailsInput = z.input<typeof roundDetailsSchema>;

export const ROUND_DETAIL_FIELDS = Object.keys(roundDetailsSchema.shape) as Array<keyof RoundDetails>;

export const EMPTY_ROUND_DETAILS: RoundDetails = {
  introduction: null,
  contactName: null,
  contactEmail: null,
  estimatedMinutes: null,
  respondentTypes: null,
  invitationSubject: null,
  invitationBody: null,
  reminderSubject: null,
  reminderBody: null,
};

/** Seconds a respondent typically needs per question (a rating or a choice; free text takes longer). */
const SECONDS_PER_QUESTION = 20;
const SECONDS_PER_FREE_TEXT = 90;

/** Minutes to answer the given questions, rounded up to whole minutes (at least 1). */
export function estimateMinutes(items: ReadonlyArray<{ type: string }>): number {
  const seconds = items.reduce((s, i) => s + (i.type === 'text' ? SECONDS_PER_FREE_TEXT : SECONDS_PER_QUESTION), 0);
  return Math.max(1, Math.ceil(seconds / 60));
}

/** The round's stated time, or the estimate from the questions the respondent gets. */
export function respondentMinutes(details: Pick<RoundDetails, 'estimatedMinutes'>, items: ReadonlyArray<{ type: string }>): number {
  return details.estimatedMinutes ?? estimateMinutes(items);
}

/** Unknown respondent types in a round's selection, given the instrument's types. */
export function unknownRespondentTypes(selected: readonly string[] | null, known: ReadonlyArray<{ id: string }>): string[] {
  if (!selected) return [];
  const ids = new Set(known.map((k) => k.id));
  return selected.filter((s) => !ids.has(s));
}
