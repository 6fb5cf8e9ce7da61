// Published aggregates of a round (issue 14): list, enter/replace and delete per item, import from
// CSV/XLSX, and the import template. Every endpoint addresses a round of the caller's association
// (owners: the association guard answers 404 for another association's round).
import { z } from 'zod';
import { PUBLISHED_COLUMNS } from '../domain/published-import.ts';
import { publishedAggregateInput } from '../domain/published.ts';
import { endpoint, fileResponse, idParam, queryFlag } from './endpoint.ts';

const TAG = 'Publicerade aggregat';
const ADMIN = ['forbundsadmin'] as const;
const READERS = ['forbundsadmin', 'kommunansvarig', 'lasare'] as const;
const owners = [{ kind: 'round', param: 'id' }] as const;
const roundParams = z.object({ id: idParam });
const itemParams = z.object({ id: idParam, itemId: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Frågans id ska vara gemener, siffror och bindestreck') });
export const CSV_TYPE = 'text/csv; charset=utf-8';
export { PUBLISHED_COLUMNS };

export const qualityFlag = z.object({
  code: z.string(),
  severity: z.literal('warning'),
  subject: z.string().describe('Figuren eller frågan flaggan gäller'),
  message: z.string().describe('Flaggan på svenska, med förväntat och funnet värde'),
  expected: z.number().optional(),
  actual: z.number().optional(),
  difference: z.number().optional(),
});

const storedAggregate = publishedAggregateInput.extend({ roundId: z.number().int(), updatedAt: z.string() });

export const publishedFigure = z.object({
  itemId: z.string(),
  itemText: z.string(),
  itemType: z.string(),
  figure: z.string().nullable(),
  measure: z.enum(['share', 'count']),
  base: z.object({ n: z.number().nullable(), unit: z.enum(['respondents', 'municipalities', 'mentions']), label: z.string() }),
  municipalities: z.number().nullable(),
  source: z.object({ title: z.string(), page: z.string().nullable() }),
  partial: z.boolean(),
  note: z.string().nullable(),
  rows: z.array(
    z.object({ options: z.array(z.string()), label: z.string(), value: z.number().nullable(), percent: z.number().nullable(), count: z.number().nullable() }),
  ),
  unstated: z.array(z.object({ code: z.string(), label: z.string() })),
  percentSum: z.number().nullable(),
});

export const publishedView = z.object({
  round: z.object({ id: z.number(), title: z.string(), instrument: z.string(), instrumentVersion: z.string(), instrumentTitle: z.string() }),
  sources: z.array(z.string()),
  figures: z.array(publishedFigure),
  aggregates: z.array(storedAggregate),
  items: z
    .array(z.object({ id: z.string(), text: z.string(), type: z.string(), options: z.array(z.object({ code: z.string(), label: z.string() })) }))
    .describe('Instrumentets frågor med svarsalternativ, som kan ha publicerade aggregat'),
  flags: z.array(qualityFlag),
});

export const listPublished = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/published',
  owners,
  summary: 'Mätomgångens publicerade aggregat (som publicerade), med datakvalitetsflaggor',
  tag: TAG,
  access: READERS,
  params: roundParams,
  response: publishedView,
  errors: [404],
});

export const savePublished = endpoint({
  method: 'PUT',
  path: '/api/rounds/:id/published/:itemId',
  owners,
  summary: 'Anger eller ersätter en frågas publicerade aggregat (andelar eller antal per alternativ, bas, källa)',
  tag: TAG,
  access: ADMIN,
  params: itemParams,
  body: publishedAggregateInput.omit({ itemId: true }),
  response: publishedView.extend({ replaced: z.boolean() }),
  errors: [404],
  labels: {
    values: 'Värden',
    options: 'Alternativ',
    value: 'Värde',
    base: 'Bas',
    n: 'Basens n',
    unit: 'Basens enhet',
    municipalities: 'Svarande kommuner',
    source: 'Källa',
    title: 'Källans titel',
    page: 'Sida',
    partial: 'Delvis angiven',
    figure: 'Figur',
    measure: 'Mått',
    money: 'Belopp',
    knownTotalKr: 'Känd summa i kronor',
  },
});

export const deletePublished = endpoint({
  method: 'DELETE',
  path: '/api/rounds/:id/published/:itemId',
  owners,
  summary: 'Tar bort en frågas publicerade aggregat',
  tag: TAG,
  access: ADMIN,
  params: itemParams,
  response: z.object({ deleted: z.literal(true) }),
  errors: [404],
});

const importError = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
export const publishedImportReport = z.object({
  file: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']).nullable(),
  dryRun: z.boolean(),
  items: z.array(z.object({ itemId: z.string(), figure: z.string().nullable(), row: z.number(), values: z.number(), replaces: z.boolean() })),
  flags: z.array(qualityFlag),
  errors: z.array(importError),
  written: z.number().int(),
});

export const importPublished = endpoint({
  method: 'POST',
  path: '/api/rounds/:id/published/import',
  owners,
  summary:
    'Importerar publicerade aggregat från CSV eller XLSX (multipart/form-data, fältet "file"). Fel anges per rad och kolumn; med fel sparas inget. dryRun förhandsgranskar',
  tag: TAG,
  access: ADMIN,
  params: roundParams,
  query: z.object({ dryRun: queryFlag }),
  response: publishedImportReport,
  errors: [404, 413, 415],
});

export const publishedTemplate = endpoint({
  method: 'GET',
  path: '/api/rounds/:id/published/template',
  owners,
  summary: 'CSV-mall för import av publicerade aggregat, med mätomgångens frågor och alternativ',
  tag: TAG,
  access: ADMIN,
  params: roundParams,
  response: fileResponse('text/csv'),
  errors: [404],
});
