// Results of measurement rounds (DOMAIN.md §5): what each role sees is decided by
// src/domain/analysis/views.ts; the JSON shapes are its schemas (view-schema.ts). With format=csv and
// figure=<id> the views answer with that figure's table as CSV instead (text/csv). With defer=true the
// regional view leaves out the rows of its large figures (listed in `deferred`): the web page fetches
// each of them from regionalFigure when it comes into view (issue 15: don't ship what isn't drawn).
import { z } from 'zod';
import { analysisViewSchema, candidateSchema, compareViewSchema, figureSchema, roundInfoSchema } from '../domain/analysis/view-schema.ts';
import { endpoint, idParam, municipalityCode, queryFlag } from './endpoint.ts';

const TAG = 'Analys';
const ACCESS_NOTE =
  'Förbundsadmin ser allt med namn; kommunansvarig sin egen kommun fullt ut och övriga anonymiserade; läsare den anonymiserade regionala vyn av stängda mätomgångar.';

const filterId = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Ogiltigt id (a–z, 0–9, _, . och -)');

/** The filters of every view: respondent type and area ('' = all). */
export const analysisFilters = z
  .object({
    respondentType: z.union([filterId, z.literal('')]).optional(),
    area: z.union([filterId, z.literal('')]).optional(),
  })
  .strict();

/** The filters, the download of one figure as CSV, and (compare only) the measure. */
export const analysisQuery = analysisFilters
  .extend({
    format: z.enum(['json', 'csv'], { error: 'Formatet ska vara json eller csv' }).optional().describe('csv: figurens tabell som CSV'),
    figure: z
      .string()
      .max(200)
      .regex(/^[a-z0-9:_.-]+$/i, 'Ogiltigt figur-id')
      .optional(),
    measure: z.string().max(200).optional().describe('Jämförelse: overall, dimension:<id>, group:<id> eller item:<id>'),
  })
  .strict();

export const listAnalysisRounds = endpoint({
  method: 'GET',
  path: '/api/analysis/rounds',
  summary: 'Mätomgångarna vars resultat användaren får öppna, nyast först',
  tag: TAG,
  access: 'signedIn',
  accessNote: ACCESS_NOTE,
  query: z.object({}).strict(),
  response: z.object({
    rounds: z.array(
      roundInfoSchema.omit({ municipalities: true }).extend({
        instrumentTitle: z.string(),
        municipalityCount: z.number(),
        ownMunicipalities: z.array(z.string()).describe('Kommunansvarig: egna kommuner i mätomgången'),
      }),
    ),
  }),
});

export const regionalAnalysis = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/analysis',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'Regional översikt av en mätomgångs resultat (eller en figur som CSV)',
  tag: TAG,
  access: 'signedIn',
  accessNote: ACCESS_NOTE,
  params: z.object({ id: idParam }),
  query: analysisQuery.extend({
    defer: queryFlag.describe('true: de stora figurernas rader (och kolumner) utelämnas och listas i deferred; hämta dem med figur-anropet'),
  }),
  response: analysisViewSchema.extend({
    deferred: z
      .array(z.string())
      .optional()
      .describe('Med defer=true: figurerna vars rader och kolumner utelämnats (hämtas med /api/rounds/:id/analysis/figures/:figure)'),
  }),
  errors: [404],
});

/** A figure's id in a path: the ids of views.ts (e.g. varmekarta, kommuner, fordelning-mognad-0-6). */
const figureId = z.string().max(200).regex(/^[a-z0-9:_.-]+$/i, 'Ogiltigt figur-id');

export const regionalFigure = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/analysis/figures/:figure',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'En figur av den regionala översikten, hel (det som defer=true utelämnar)',
  tag: TAG,
  access: 'signedIn',
  accessNote: `${ACCESS_NOTE} Figuren är densamma som i den regionala översikten för samma användare och filter.`,
  params: z.object({ id: idParam, figure: figureId }),
  query: analysisFilters,
  response: z.object({ figure: figureSchema }),
  errors: [404],
});

export const municipalityAnalysis = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/analysis/municipalities/:code',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'municipality', param: 'code' }],
  summary: 'En kommun mot regionen (eller en figur som CSV)',
  tag: TAG,
  access: 'signedIn',
  accessNote: 'Förbundsadmin: alla kommuner; kommunansvarig: egna kommuner.',
  params: z.object({ id: idParam, code: municipalityCode }),
  query: analysisQuery,
  response: analysisViewSchema,
  errors: [404],
});

export const compareAnalysis = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/analysis/compare/:otherId',
  owners: [{ kind: 'round', param: 'id' }, { kind: 'round', param: 'otherId' }],
  summary: 'Förändring mellan två mätomgångar (eller en figur som CSV)',
  tag: TAG,
  access: 'signedIn',
  accessNote: ACCESS_NOTE,
  params: z.object({ id: idParam, otherId: idParam }),
  query: analysisQuery,
  response: compareViewSchema,
  errors: [404],
});

export const getCandidate = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/candidates/:itemId',
  owners: [{ kind: 'round', param: 'id' }],
  summary: 'En samverkanskandidat som användaren får se den: underlaget för ett initiativförslag',
  tag: TAG,
  access: 'signedIn',
  accessNote: ACCESS_NOTE,
  params: z.object({ id: idParam, itemId: z.string().trim().min(1).max(100) }),
  query: analysisFilters,
  response: z.object({
    round: roundInfoSchema.extend({ instrumentTitle: z.string() }),
    filters: z.object({ respondentType: z.string().nullable(), area: z.string().nullable() }),
    candidate: candidateSchema,
  }),
  errors: [404],
});
