// A respondent of a round, defined once: the fields a kommunansvarig gives (role, area, name,
// e-mail) with their Swedish messages, and the respondent as the API shows it. The server, the web
// form and the CLI validate with these schemas. Pure and browser-safe.
import { z } from 'zod';
import { optionalRef } from './text.ts';

const optionalText = (max: number, msg: string) =>
  z
    .string()
    .trim()
    .max(max, msg)
    .nullish()
    .transform((s) => (s ? s : null));

/** Role, area, name and e-mail of a respondent; empty means not given. */
export const respondentInput = z.object({
  // Empty = not given (a form's "none" option); a type or area that does not exist is refused by checkRespondentInput.
  respondentType: optionalRef(z.string().trim().max(100)),
  area: optionalRef(z.string().trim().max(100)),
  name: optionalText(200, 'Namnet får vara högst 200 tecken'),
  email: z
    .union([z.literal(''), z.string().trim().email('Ange en giltig e-postadress').max(254)])
    .nullish()
    .transform((s) => (s ? s : null)),
});
export type RespondentInput = z.output<typeof respondentInput>;

/** Adding respondents: `count` of them with the same role and area (name and e-mail only for one). */
export const addRespondentsInput = respondentInput.extend({
  count: z
    .number({ error: 'Ange antalet som ett heltal' })
    .int('Ange antalet som ett heltal')
    .min(1, 'Ange minst 1')
    .max(200, 'Högst 200 åt gången')
    .optional(),
});

export const RESPONDENT_SOURCES = ['link', 'self', 'import'] as const;

/** A respondent in the kommunansvarig's list (no token: links are fetched separately). */
export const respondentSchema = z.object({
  id: z.number(),
  source: z.enum(RESPONDENT_SOURCES).describe('link: personlig länk, self: självskattning, import: importerade svar'),
  respondentType: z.string().nullable(),
  area: z.string().nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.string(),
  invitedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  reminderCount: z.number(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  answerCount: z.number(),
});
export type RespondentView = z.output<typeof respondentSchema>;

const RESPONDENT_KEYS = respondentSchema.keyof().options;

/** The respondent's fields of the list, nothing more (the token stays on the server). */
export const respondentView = (r: RespondentView): RespondentView => Object.fromEntries(RESPONDENT_KEYS.map((k) => [k, r[k]])) as RespondentView;

export const MAIL_KINDS = ['invite', 'remind'] as const;
export const mailKind = z.enum(MAIL_KINDS, { error: 'Ange invite (inbjudan) eller remind (påminnelse)' });
