// IT economics import (issue 12): samverka's XLSX template, and the import of a filled template or of
// the published tables (multipart upload, field "file"). Who may import what: src/economics/import-economics.ts.
import { z } from 'zod';
import type { EconomicsImportReport } from '../economics/import-economics.ts';
import { SHEET_KIND_LABELS, type SheetKind } from '../domain/economics/import.ts';
import { qualityFlagSchema } from '../domain/economics/view-schema.ts';
import { queryYear } from '../domain/portfolio/field-schemas.ts';
import { agrees, type Same } from '../domain/schema-agrees.ts';
import { endpoint, fileResponse, queryFlag } from './endpoint.ts';

const TAG = 'IT-ekonomi';
const ENTERERS = ['forbundsadmin', 'kommunansvarig'] as const;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const where = { sheet: z.string(), row: z.number().int(), column: z.string().nullable(), cell: z.string().optional() };
const YEAR_PARTS = ['budgetLines', 'pools', 'towers', 'netCost', 'population', 'statedTotal'] as const;

export const economicsImportReport = z.object({
  file: z.string().nullable(),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
  sheets: z.array(
    z.object({
      sheet: z.string(),
      kind: z.enum(Object.keys(SHEET_KIND_LABELS) as [SheetKind, ...SheetKind[]]),
      label: z.string(),
      rows: z.number().int(),
      accepted: z.number().int(),
    }),
  ),
  years: z.array(
    z.object({
      municipalityCode: z.string(),
      municipality: z.string(),
      year: z.number().int(),
      parts: z.array(z.enum(YEAR_PARTS)),
      budgetLines: z.number().int(),
      pools: z.number().int(),
      towers: z.number().int(),
      netCost: z.number().nullable(),
      statedTotal: z.number().nullable(),
      replaces: z.boolean(),
    }),
  ),
  scenarios: z.array(
    z.object({
      name: z.string(),
      year: z.number().int(),
      groupId: z.number().int().nullable(),
      group: z.string().nullable(),
      percentages: z.array(z.object({ category: z.string(), percent: z.number() })),
      cells: z.number().int(),
    }),
  ),
  warnings: z.array(qualityFlagSchema.extend(where)),
  flags: z.array(qualityFlagSchema),
  errors: z.array(z.object({ ...where, message: z.string() })),
  written: z.object({ years: z.number().int(), scenarios: z.number().int() }),
});
agrees<Same<z.infer<typeof economicsImportReport>, EconomicsImportReport>>();

export const economicsTemplate = endpoint({
  method: 'GET',
  path: '/api/economics/template',
  summary: 'samverkas XLSX-mall för import av it-ekonomi (instruktioner, pooler, kategorier, kommuner)',
  tag: TAG,
  access: ENTERERS,
  query: z.object({ year: queryYear.optional() }),
  response: fileResponse(XLSX_TYPE),
});

export const importEconomicsFile = endpoint({
  method: 'POST',
  path: '/api/economics/import',
  summary:
    'Importerar it-ekonomi från XLSX (multipart/form-data, fältet "file"): samverkas mall eller publicerade tabeller. dryRun förhandsgranskar; med fel sparas inget utom med skipInvalid (då hoppas rader med fel över)',
  tag: TAG,
  access: ENTERERS,
  accessNote: 'Kommunansvarig: bara egna kommuners siffror (andra rader blir fel); besparingsscenarier för en grupp bara förbundsadmin.',
  query: z.object({
    dryRun: queryFlag,
    skipInvalid: queryFlag,
    year: queryYear.optional(),
    group: z.string().trim().max(120, 'Högst 120 tecken').optional(),
  }),
  body: z.unknown().describe('multipart/form-data med XLSX-filen i fältet "file"'),
  response: economicsImportReport,
  errors: [413, 415],
});
