// Reports of a measurement round (DOMAIN.md §6) as PDF, DOCX, XLSX or the JSON model (web preview).
// Who may get which report is src/domain/reports/access.ts.
import { z } from 'zod';
import { reportModelSchema } from '../domain/reports/model-schema.ts';
import type { ReportFormat } from '../reports/render/index.ts';
import { agrees, type Same } from '../domain/schema-agrees.ts';
import { queryYear } from '../domain/portfolio/field-schemas.ts';
import { endpoint, fileResponse, idParam, isoDate, municipalityCode } from './endpoint.ts';

const TAG = 'Rapporter';

const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export const reportFormat = z.enum(REPORT_FORMATS, { error: 'Formatet ska vara pdf, docx eller xlsx' });
agrees<Same<z.infer<typeof reportFormat>, ReportFormat>>();
/** A report as a file or (the default) as its JSON model, e.g. for the web preview. */
export const reportOrJsonFormat = z.enum([...REPORT_FORMATS, 'json'], { error: 'Formatet ska vara pdf, docx, xlsx eller json' }).default('json');
/** The media types of a report file. */
export const REPORT_FILE_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** format=json (default) answers with the report model; pdf, docx and xlsx with the file. */
const formatQuery = z.object({ format: reportOrJsonFormat });
const reportAnswer = z.object({ report: reportModelSchema }).describe('format=json; pdf, docx och xlsx ger filen');

export const batchJob = z.object({
  id: z.string(),
  roundId: z.number(),
  format: reportFormat,
  status: z.enum(['running', 'done', 'failed']),
  done: z.number(),
  total: z.number(),
  error: z.string().optional(),
});
const jobParams = z.object({ id: idParam, job: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Ogiltigt jobb-id') });

export const listReportRounds = endpoint({
  method: 'GET',
  path: '/api/reports/rounds',
  summary: 'Mätomgångarna med minst en rapport användaren får hämta',
  tag: TAG,
  access: 'signedIn',
  response: z.object({
    rounds: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        status: z.enum(['draft', 'open', 'closed']),
        periodStart: isoDate,
        periodEnd: isoDate,
        instrumentTitle: z.string(),
        regional: z.boolean().describe('Får hämta den regionala rapporten'),
        regionalWithheld: z.string().nullable().describe('Varför den regionala rapporten hålls inne (för få kommuner)'),
        municipalities: z.array(z.object({ code: z.string(), name: z.string() })).describe('Delrapporter användaren får hämta'),
      }),
    ),
  }),
});

export const regionalReport = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/reports/regional',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Den anonymiserade regionala rapporten (JSON-modell eller fil)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Förbundsadmin; kommunansvarig vars kommun deltar; alla inloggade när mätomgången är stängd.',
  params: z.object({ id: idParam }),
  query: formatQuery,
  response: reportAnswer,
  errors: [404, 409],
});

export const municipalityReport = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/reports/municipalities/:code',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'En kommuns delrapport (JSON-modell eller fil)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Förbundsadmin; kommunansvarig: bara egna kommuner.',
  params: z.object({ id: idParam, code: municipalityCode }),
  query: formatQuery,
  response: reportAnswer,
  errors: [404, 409],
});

export const groupReport = endpoint({
  method: 'GET',
  path: '/api/reports/groups/:id',
  owners: [{ kind: 'group', param: 'id' }],
  summary: 'Jämförelse för en grupp kommuner: it-budget, besparingspotential, it-kostnad mot riktmärket, kostnadsfördelning och risker (JSON-modell eller fil)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Alla inloggade; kommuner du inte får se med namn visas som "Kommun N", om inte förbundet publicerat gruppen med namn.',
  params: z.object({ id: idParam }),
  query: formatQuery.extend({ year: queryYear.optional().describe('Förvalt: året då flest av gruppens kommuner har siffror') }),
  response: reportAnswer,
  errors: [404],
});

export const startReportBatch = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/reports/batch',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Alla delrapporter som en zip (ett jobb; följ det med GET …/batch/:job)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Förbundsadmin: alla kommuner; kommunansvarig: de egna kommunerna i mätomgången.',
  params: z.object({ id: idParam }),
  body: z
    .object({ format: reportFormat.default('pdf') })
    .strict()
    .default({ format: 'pdf' }),
  response: z.object({ job: batchJob }),
  status: 202,
  errors: [404, 409],
});

export const getReportBatch = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/reports/batch/:job',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Hur långt ett zip-jobb har kommit',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Bara den som startade jobbet.',
  params: jobParams,
  response: z.object({ job: batchJob }),
  errors: [404],
});

export const downloadReportBatch = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/reports/batch/:job/download',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Det färdiga zip-jobbets fil',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Bara den som startade jobbet.',
  params: jobParams,
  response: fileResponse('application/zip'),
  errors: [404, 409],
});
