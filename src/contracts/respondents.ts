// A municipality's respondents in a round (kommunansvarig of the municipality, or förbundsadmin):
// the sample, personal links, invitations and reminders, import and response rates.
import { z } from 'zod';
import { addRespondentsInput, mailKind, respondentInput, respondentSchema } from '../domain/respondent-schema.ts';
import { endpoint, fileResponse, idParam, municipalityCode, queryFlag } from './endpoint.ts';

const TAG = 'Respondenter';
const access = ['forbundsadmin', 'kommunansvarig'] as const;
const accessNote = 'Kommunansvarig: bara egna kommuner. Kommunen ska ingå i mätomgången.';

const scoped = z.object({ id: idParam, code: municipalityCode });
const oneRespondent = scoped.extend({ rid: idParam });
const flag = queryFlag;

/** Ids of respondents to mail; none = everyone who qualifies. */
const respondentIds = z.array(idParam).max(5000);

const typeOption = z.object({ id: z.string(), label: z.string() });

export const rateRow = z.object({
  key: z.string().nullable().describe('Respondenttyp eller verksamhetsområde; null för ej angiven och totalen'),
  label: z.string(),
  total: z.number(),
  invited: z.number(),
  started: z.number(),
  completed: z.number(),
  responseRate: z.number().nullable().describe('Inskickade ÷ respondenter × 100, oavrundat; null utan respondenter'),
});
export const responseRatesSchema = z.object({
  base: z.literal('respondents'),
  total: rateRow,
  byRespondentType: z.array(rateRow),
  byArea: z.array(rateRow),
});

export const mailReport = z.object({
  sent: z.array(z.number()).describe('Respondenter som fick (eller skulle få) e-post'),
  withoutEmail: z.array(z.number()).describe('Valda respondenter utan e-postadress'),
  skipped: z.array(z.number()).describe('Valda respondenter som inte uppfyllde villkoren'),
});

export const linkRow = respondentSchema
  .pick({ id: true, respondentType: true, area: true, name: true, email: true, invitedAt: true, remindedAt: true, reminderCount: true, startedAt: true, completedAt: true })
  .extend({ source: z.string(), link: z.string() });

const importError = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
const importRow = z.object({ row: z.number(), name: z.string().nullable(), email: z.string().nullable(), respondentType: z.string().nullable(), area: z.string().nullable() });
export const respondentImportReport = z.object({
  roundId: z.number(),
  municipality: z.string(),
  format: z.enum(['csv', 'xlsx', 'paste']).nullable(),
  dryRun: z.boolean(),
  rowCount: z.number(),
  rows: z.array(importRow),
  duplicates: z.array(z.object({ row: z.number(), email: z.string(), firstRow: z.number().nullable() })),
  errors: z.array(importError),
  columns: z.record(z.string(), z.string()),
  ignoredColumns: z.array(z.string()),
  headerRow: z.number().nullable(),
  written: z.number(),
  added: z.array(z.object({ id: z.number(), row: z.number(), link: z.string() })),
});

export const listRespondents = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/municipalities/:code/respondents',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Kommunens respondenter i mätomgången',
  tag: TAG,
  access,
  accessNote,
  params: scoped,
  response: z.object({
    round: z.object({
      id: z.number(),
      title: z.string(),
      status: z.enum(['draft', 'open', 'closed']),
      mode: z.enum(['survey', 'self-assessment']),
      respondentTypes: z.array(typeOption).describe('Respondenttyperna mätomgången omfattar'),
    }),
    editable: z.boolean().describe('Urvalet kan ändras (mätomgången är inte stängd)'),
    respondents: z.array(respondentSchema),
  }),
  errors: [404],
});

export const addRespondents = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/municipalities/:code/respondents',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Lägger till respondenter (var och en får en personlig länk)',
  tag: TAG,
  access,
  accessNote,
  params: scoped,
  body: addRespondentsInput,
  response: z.object({ respondents: z.array(respondentSchema.extend({ link: z.string() })) }),
  status: 201,
  errors: [404, 409],
});

export const updateRespondent = endpoint({
  method: 'PATCH',
  path: '/api/rounds/:id/municipalities/:code/respondents/:rid',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Ändrar en respondent (roll och område bara innan respondenten börjat svara)',
  tag: TAG,
  access,
  accessNote,
  params: oneRespondent,
  body: respondentInput.partial(),
  response: z.object({ respondent: respondentSchema }),
  errors: [404, 409],
});

export const deleteRespondent = endpoint({
  method: 'DELETE',
  path: '/api/rounds/:id/municipalities/:code/respondents/:rid',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Tar bort en respondent som inte börjat svara',
  tag: TAG,
  access,
  accessNote,
  params: oneRespondent,
  response: z.object({ deleted: z.number() }),
  errors: [404, 409],
});

export const newRespondentLink = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/municipalities/:code/respondents/:rid/new-link',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Ersätter respondentens personliga länk; den gamla slutar fungera',
  tag: TAG,
  access,
  accessNote,
  params: oneRespondent,
  response: z.object({ id: z.number(), link: z.string() }),
  errors: [404, 409],
});

/** Absent (no body at all) = everyone who qualifies. */
const mailIds = z.object({ ids: respondentIds.optional() }).nullish();

/** Invitation or reminder by e-mail: the same input and answer. */
const mailEndpoint = <P extends `/api/${string}`>(path: P, summary: string) =>
  endpoint({
    method: 'POST',
    path,
    owners: [
      { kind: 'round', param: 'id' },
      { kind: 'municipality', param: 'code' },
    ],
    summary,
    tag: TAG,
    access,
    accessNote,
    params: scoped,
    body: mailIds,
    response: mailReport,
    errors: [404, 409],
  });

export const inviteRespondents = mailEndpoint(
  '/api/rounds/:id/municipalities/:code/respondents/invite',
  'Skickar inbjudan med e-post (till de ej inbjudna, eller de valda)',
);
export const remindRespondents = mailEndpoint(
  '/api/rounds/:id/municipalities/:code/respondents/remind',
  'Skickar påminnelse med e-post till inbjudna som inte skickat in',
);

export const listRespondentLinks = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/municipalities/:code/links',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Respondenternas personliga länkar',
  tag: TAG,
  access,
  accessNote,
  params: scoped,
  response: z.object({ links: z.array(linkRow) }),
  errors: [404],
});

export const municipalityRates = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/municipalities/:code/rates',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Kommunens svarsfrekvens per roll och verksamhetsområde',
  tag: TAG,
  access,
  accessNote,
  params: scoped,
  response: z.object({ rates: responseRatesSchema }),
  errors: [404],
});

export const selfAssessmentLink = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/municipalities/:code/self-assessment',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Kommunansvarigs egen länk till självskattningen (skapas första gången)',
  tag: TAG,
  access,
  accessNote,
  params: scoped,
  response: z.object({ respondent: respondentSchema, link: z.string(), token: z.string() }),
  errors: [404, 409],
});

export const importRespondents = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/municipalities/:code/respondents/import',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Importerar respondenter från CSV/XLSX (multipart, fältet "file") eller inklistrade Excel-rader ({ "text": … })',
  tag: TAG,
  access,
  accessNote: `${accessNote} Med dryRun=true kontrolleras bara (förhandsvisning); med fel sparas ingenting (400 med rapporten).`,
  params: scoped,
  query: z.object({ dryRun: flag }),
  body: z
    .object({ text: z.string({ error: 'Klistra in raderna från Excel' }).max(900_000, 'Den inklistrade texten är för lång') })
    // A multipart request (the file) reaches validation without a JSON body.
    .nullish()
    .describe('Inklistrade rader; en fil skickas i stället som multipart/form-data'),
  response: respondentImportReport,
  errors: [404, 409, 413, 415],
});

const linksFile = (format: 'csv' | 'xlsx', type: string) =>
  endpoint({
    method: 'GET',
    path: `/api/rounds/:id/municipalities/:code/links.${format}`,
    owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
    summary: `Respondenternas personliga länkar som ${format.toUpperCase()}`,
    tag: TAG,
    access,
    accessNote,
    params: scoped,
    response: fileResponse(type),
    errors: [404],
  });
export const linksCsv = linksFile('csv', 'text/csv');
export const linksXlsx = linksFile('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

export const mailPreview = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/municipalities/:code/mail-preview',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Inbjudan eller påminnelse som en respondent får den (mätomgångens texter eller ett utkast)',
  tag: TAG,
  access,
  accessNote,
  params: scoped,
  body: z.object({
    kind: mailKind,
    subject: z.string().max(200, 'Ämnesraden får vara högst 200 tecken').nullish(),
    body: z.string().max(10000, 'Texten får vara högst 10000 tecken').nullish(),
    respondentId: idParam.optional(),
  }),
  response: z.object({
    subject: z.string(),
    body: z.string(),
    to: z.string().nullable(),
    respondentId: z.number().nullable(),
    errors: z.array(z.string()).describe('Okända platshållare'),
    placeholders: z.array(z.object({ name: z.string(), aliases: z.array(z.string()), description: z.string() })),
  }),
  errors: [404],
});

export const mailSummary = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/municipalities/:code/mail-summary',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'Vilka som skulle få inbjudan eller påminnelsen (inget skickas)',
  tag: TAG,
  access,
  accessNote,
  params: scoped,
  body: z.object({ kind: mailKind, ids: respondentIds.optional() }),
  response: mailReport,
  errors: [404, 409],
});
