// A measurement round, defined once (DOMAIN.md §4): the fields the association sets with their
// Swedish messages, and the round as the server stores and sends it. The contract
// (src/contracts/rounds.ts), the CLI and the web form derive from these schemas. Pure and IO-free.
import { z } from 'zod';
import { roundDetailsSchema } from './round-details.ts';
import { ROUND_ACTIONS, ROUND_STATUSES } from './rounds.ts';

export const instrumentId = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Ogiltigt instrument-id').max(100);
export const instrumentVersion = z.string().max(50);
export const roundTitle = z.string().trim().min(1, 'Ange en rubrik').max(200, 'Rubriken får vara högst 200 tecken');
export const roundDate = z.iso.date({ error: 'Ange datumet som ÅÅÅÅ-MM-DD' });
export const roundAction = z.enum(ROUND_ACTIONS, { error: 'Ange open, close eller reopen' });

/** What a new round needs besides its municipalities (every detail of round-details.ts may be given). */
export const roundSettingsSchema = z
  .object({
    instrument: instrumentId,
    instrumentVersion: instrumentVersion.optional(),
    title: roundTitle,
    periodStart: roundDate,
    periodEnd: roundDate,
  })
  .extend(roundDetailsSchema.partial().shape);

/** The settings of an edit: every field optional (missing = unchanged). */
export const roundEditSchema = roundSettingsSchema.partial();

// ---- The round as stored and sent ----------------------------------------------------------------

const text = z.string().nullable();

/** The details of a round as stored (round-details.ts after its transforms). */
export const roundDetailsShape = z.object({
  introduction: text,
  contactName: text,
  contactEmail: text,
  estimatedMinutes: z.number().int().nullable(),
  respondentTypes: z.array(z.string()).nullable().describe('Respondenttyper som ingår; null = alla'),
  invitationSubject: text,
  invitationBody: text,
  reminderSubject: text,
  reminderBody: text,
});

/** A round as stored: settings, status, dates of its life and the SCB codes of its municipalities. */
export const roundShape = roundDetailsShape.extend({
  id: z.number().int(),
  instrument: z.string(),
  instrumentVersion: z.string(),
  title: z.string(),
  status: z.enum(ROUND_STATUSES),
  periodStart: z.string().describe('Datum, ÅÅÅÅ-MM-DD'),
  periodEnd: z.string().describe('Datum, ÅÅÅÅ-MM-DD'),
  createdAt: z.string().describe('Tidpunkt, ISO 8601'),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  isDemo: z.boolean(),
  demoNote: z.string().nullable(),
  municipalities: z.array(z.string()),
  associationId: z.number().int().describe('Kommunalförbundet som äger mätomgången'),
});
export type Round = z.infer<typeof roundShape>;

/** A new round's settings after validation (the use case's input, without the municipalities). */
export type NewRoundSettings = z.output<typeof roundSettingsSchema>;
/** An edit's settings after validation. */
export type RoundEditSettings = z.output<typeof roundEditSchema>;
