// Measurement rounds (mätomgångar): the list, creation, a round's settings, its status changes with
// their confirmation summaries, response rates, import and export of responses. The round's fields
// and messages are src/domain/round-schema.ts; a municipality's respondents are another contract.
import { z } from 'zod';
import { ROUND_ACTIONS, ROUND_STATUSES } from '../domain/rounds.ts';
import { roundAction, roundEditSchema, roundSettingsSchema, roundShape } from '../domain/round-schema.ts';
import { endpoint, fileResponse, idParam, isoDate, municipalityCode, queryFlag } from './endpoint.ts';

const TAG = 'Mätomgångar';
const ADMIN = ['forbundsadmin'] as const;
const roundParams = z.object({ id: idParam });

// ---- Answers ----------------------------------------------------------------------------------

const mode = z.enum(['survey', 'self-assessment']);

/** What a läsare sees of a round. */
export const publicRound = z.object({
  id: z.number().int(),
  title: z.string(),
  instrument: z.string(),
  instrumentTitle: z.string().optional(),
  status: z.enum(ROUND_STATUSES),
  periodStart: isoDate,
  periodEnd: isoDate,
});

/** A round in the list: läsare get the public fields only; the others the round and its response totals. */
export const roundListEntry = publicRound.extend(roundShape.omit({ id: true, title: true, instrument: true, status: true, periodStart: true, periodEnd: true }).partial().shape).extend({
  responses: z
    .object({ total: z.number().int(), completed: z.number().int() })
    .optional()
    .describe('Inskickade av respondenterna i urvalet, över de kommuner användaren får se'),
  ownMunicipalities: z.array(z.string()).optional().describe('Kommunansvarig: egna kommuner som ingår'),
});
export type RoundListEntry = z.infer<typeof roundListEntry>;

const counts = { total: z.number().int(), invited: z.number().int(), started: z.number().int(), completed: z.number().int() };

/** A municipality's sample in a round. */
export const municipalityProgress = z.object({ municipality: z.string(), name: z.string(), ...counts });

export const selfAssessmentStatus = z.object({
  state: z.enum(['not-started', 'in-progress', 'submitted']),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  answerCount: z.number().int(),
});

/** A round with everything the association (or a kommunansvarig, for their municipalities) sees. */
export const fullRound = roundShape.omit({ municipalities: true }).extend({
  instrumentTitle: z.string(),
  mode,
  instrumentRespondentTypes: z.array(z.object({ id: z.string(), label: z.string() })).describe('Instrumentversionens respondenttyper'),
  municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
  progress: z.array(municipalityProgress.extend({ selfAssessment: selfAssessmentStatus.optional() })),
  answeredRespondents: z.number().int().describe('Respondenter med minst ett svar (alla kommuner)'),
});
export type FullRound = z.infer<typeof fullRound>;

export const rateRow = z.object({ key: z.string().nullable(), label: z.string(), ...counts, responseRate: z.number().nullable() });
export const responseRates = z.object({
  base: z.literal('respondents'),
  total: rateRow,
  byRespondentType: z.array(rateRow),
  byArea: z.array(rateRow),
});

export const transitionPreview = z.object({
  action: z.enum(ROUND_ACTIONS),
  mode,
  to: z.enum(ROUND_STATUSES),
  periodEnd: isoDate,
  periodEnded: z.boolean(),
  mailsSent: z.literal(0),
  municipalities: z.number().int(),
  respondents: z.number().int(),
  invited: z.number().int(),
  notInvitedWithEmail: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  openLinks: z.number().int(),
});

export const importReport = z.object({
  roundId: z.number().int(),
  format: z.enum(['csv', 'xlsx']).nullable(),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
  rows: z.number().int(),
  accepted: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })),
  written: z.number().int(),
  alreadyImported: z.number().int(),
  preview: z.array(
    z.object({ row: z.number().int(), municipality: z.string(), respondentType: z.string().nullable(), area: z.string().nullable(), answers: z.number().int() }),
  ),
});
export type ImportReport = z.infer<typeof importReport>;

// ---- Bodies ------------------------------------------------------------------------------------

export const createRoundBody = roundSettingsSchema.extend({
  municipalities: z.union([z.literal('all'), z.array(municipalityCode).min(1, 'Välj minst en kommun').max(500)]),
});

export const editRoundBody = roundEditSchema.extend({
  municipalities: z.array(municipalityCode).min(1, 'Kommuner: välj minst en kommun').max(500).optional(),
  addMunicipalities: z.array(municipalityCode).max(500).optional(),
  removeMunicipalities: z.array(municipalityCode).max(500).optional(),
});

const flag = queryFlag;

// ---- Endpoints ---------------------------------------------------------------------------------

export const listRounds = endpoint({
  method: 'GET',
  path: '/api/rounds',
  summary: 'Mätomgångarna, senaste först',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Läsare ser rubrik, instrument, period och status; kommunansvarig bara mätomgångar med egna kommuner.',
  response: z.object({ rounds: z.array(roundListEntry) }),
});

export const createRound = endpoint({
  method: 'POST',
  path: '/api/rounds',
  summary: 'Skapar en mätomgång som utkast',
  tag: TAG,
  access: ADMIN,
  body: createRoundBody,
  response: z.object({ round: fullRound }),
  status: 201,
  errors: [404],
});

export const getRound = endpoint({
  method: 'GET',
  path: '/api/rounds/:id',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'En mätomgång med kommunernas svarsläge',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Läsare ser de offentliga uppgifterna; kommunansvarig bara mätomgångar med egna kommuner, och deras svarsläge.',
  params: roundParams,
  response: z.object({ round: z.union([fullRound, publicRound]) }),
  errors: [404],
});

export const updateRound = endpoint({
  method: 'PATCH',
  path: '/api/rounds/:id',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Ändrar en mätomgång; vad som får ändras beror på dess status',
  tag: TAG,
  access: ADMIN,
  params: roundParams,
  body: editRoundBody,
  response: z.object({
    round: fullRound,
    changes: z.array(z.string()).describe('Vad som ändrades'),
    removedRespondents: z.number().int().describe('Respondenter utan svar som togs bort med kommuner eller respondenttyper'),
  }),
  errors: [404, 409],
});

export const deleteRound = endpoint({
  method: 'DELETE',
  path: '/api/rounds/:id',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Tar bort ett utkast utan svar',
  tag: TAG,
  access: ADMIN,
  params: roundParams,
  response: z.object({ deleted: z.number().int() }),
  errors: [404, 409],
});

export const previewRoundStatus = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/preview/:action',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Vad en statusändring gör (inget ändras): underlag för bekräftelsen',
  tag: TAG,
  access: ADMIN,
  params: z.object({ id: idParam, action: roundAction }),
  response: z.object({ preview: transitionPreview }),
  errors: [404, 409],
});

const statusChange = <P extends `/api/rounds/:id/${'open' | 'close' | 'reopen'}`>(path: P, summary: string) =>
  endpoint({
    method: 'POST',
    path,
    owners: [{ kind: 'round', param: 'id' }],
    summary,
    tag: TAG,
    access: ADMIN,
    params: roundParams,
    response: z.object({ round: fullRound }),
    errors: [404, 409],
  });

export const openRound = statusChange('/api/rounds/:id/open', 'Öppnar ett utkast: respondenterna kan svara');
export const closeRound = statusChange('/api/rounds/:id/close', 'Stänger en öppen mätomgång: inga fler svar tas emot');
export const reopenRound = statusChange('/api/rounds/:id/reopen', 'Öppnar en stängd mätomgång igen');
export const roundStatusEndpoints = { open: openRound, close: closeRound, reopen: reopenRound } as const;

export const getRoundRates = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/rates',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Svarsfrekvens för hela mätomgången per roll, verksamhetsområde och kommun',
  tag: TAG,
  access: ADMIN,
  params: roundParams,
  response: z.object({ rates: responseRates, municipalities: z.array(municipalityProgress) }),
  errors: [404],
});

export const importResponses = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/import',
  owners: [{ kind: 'round', param: 'id' }],
  summary:
    'Importerar svar från CSV eller XLSX (multipart/form-data, fältet "file"); dryRun förhandsgranskar. Med progress svarar ' +
    'servern 200 med application/x-ndjson: en rad {"progress":{phase,bytes,totalBytes,rows,written}} i taget medan filen tas ' +
    'emot och läses, sist {"status":…,"body":…} med den status och det svar som annars hade skickats',
  tag: TAG,
  access: ADMIN,
  params: roundParams,
  query: z.object({ dryRun: flag, skipInvalid: flag, progress: flag }),
  body: z.unknown().describe('multipart/form-data med filen i fältet "file"'),
  response: importReport,
  errors: [404, 409, 413, 415],
});

export const roundResponsesCsv = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/responses.csv',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Svaren som CSV i importformatet (koder)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Förbundsadmin: alla kommuner; kommunansvarig: ange en egen kommun.',
  params: roundParams,
  query: z.object({ municipality: municipalityCode.optional() }),
  response: fileResponse('text/csv'),
  errors: [404],
});
