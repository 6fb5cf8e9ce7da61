// Benchmarks beyond the region (issue 14; docs/benchmarks.md): reference series (published figures with
// their source and year, shared across the instance) and the anonymised comparison of a municipality with
// its association, the region and all municipalities (the region's analyst: one aggregate per association).
import { z } from 'zod';
import { referenceInput, referenceMarkSchema, referenceSeriesSchema } from '../domain/benchmarks/references.ts';
import { endpoint, idParam, municipalityCode, okResponse } from './endpoint.ts';

const TAG = 'Jämförelser';
const labels = { source: 'Källa', measure: 'Mått', values: 'Värden', title: 'Källans titel', publisher: 'Utgivare', date: 'Källans datum', location: 'Ställe i källan' } as const;
const SHARED = 'Referensserier är publicerade siffror som hela instansen delar; de tillhör inget förbund';

const measureOption = z.object({ id: z.string(), label: z.string() });

export const listReferences = endpoint({
  method: 'GET',
  path: '/api/references',
  summary: 'Referensserierna (nationella snitt och andra publicerade siffror) med källa och år, och måtten de kan avse',
  tag: TAG,
  access: 'signedIn',
  response: z.object({ references: z.array(referenceSeriesSchema), measures: z.array(measureOption) }),
});

export const createReference = endpoint({
  method: 'POST',
  path: '/api/references',
  summary: 'Lägger till en referensserie (värden i procent 0–100 per år 2000–2100, med källa)',
  tag: TAG,
  access: ['forbundsadmin'],
  body: referenceInput,
  response: z.object({ reference: referenceSeriesSchema }),
  status: 201,
  errors: [409],
  labels,
});

export const updateReference = endpoint({
  method: 'PUT',
  path: '/api/references/:id',
  shared: SHARED,
  summary: 'Ersätter en referensserie',
  tag: TAG,
  access: ['forbundsadmin'],
  params: z.object({ id: idParam }),
  body: referenceInput,
  response: z.object({ reference: referenceSeriesSchema }),
  errors: [404, 409],
  labels,
});

export const deleteReference = endpoint({
  method: 'DELETE',
  path: '/api/references/:id',
  shared: SHARED,
  summary: 'Tar bort en referensserie',
  tag: TAG,
  access: ['forbundsadmin'],
  params: z.object({ id: idParam }),
  response: okResponse,
  errors: [404],
});

const aggregateValue = z.object({ value: z.number().nullable(), n: z.number(), withheld: z.string().optional() });

export const benchmarkComparisonSchema = z.object({
  instrument: z.object({ id: z.string(), title: z.string(), version: z.string() }),
  settings: z.object({ minMunicipalities: z.number(), minRespondents: z.number() }),
  measures: z.array(z.object({ key: z.string(), kind: z.enum(['overall', 'dimension', 'group', 'item']), label: z.string(), text: z.string() })),
  own: z
    .object({
      code: z.string(),
      name: z.string(),
      respondents: z.number(),
      values: z.record(z.string(), z.number().nullable()),
      round: z.string().nullable(),
    })
    .nullable(),
  aggregates: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      description: z.string(),
      municipalities: z.number(),
      leftOut: z.number(),
      values: z.record(z.string(), aggregateValue),
    }),
  ),
  rounds: z.array(z.object({ association: z.string(), year: z.number(), version: z.string() })),
  references: z.array(referenceMarkSchema),
  notes: z.array(z.string()),
});

export const getBenchmarks = endpoint({
  method: 'GET',
  path: '/api/benchmarks',
  summary:
    'En kommun mot sitt förbund, regionen och alla kommuner (anonymiserat, minst tre kommuner per värde); regionanalytikern: ett värde per förbund',
  tag: TAG,
  access: ['forbundsadmin', 'kommunansvarig', 'regionanalytiker'],
  accessNote: 'kommunansvarig: bara egna kommuner; förbundsadmin: förbundets kommuner; regionanalytiker: utan kommun',
  query: z.object({ instrument: z.string().min(1, 'Ange ett instrument').max(100), municipality: municipalityCode.optional() }),
  response: z.object({ comparison: benchmarkComparisonSchema }),
});
