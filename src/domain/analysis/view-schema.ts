// The analysis views (views.ts) as zod schemas: the JSON the API sends for a regional, municipality or
// compare view and for a samverkanskandidat. The types in views.ts stay the builders' types; the checks
// at the end fail to compile when a schema and its type drift apart.
import { z } from 'zod';
import { ROLES } from '../organisation.ts';
import { ordinalKind, seriesRole } from '../charts/spec-schema.ts';
import { agrees, type Same } from '../schema-agrees.ts';
import { referenceMarkSchema } from '../benchmarks/references.ts';
import type { AnalysisView, CandidateEvidence, CompareView, Figure } from './views.ts';

const base = z.enum(['respondents', 'municipalities', 'mentions']);
const viewerRole = z.enum(ROLES);
const quadrantKey = z.enum(['A', 'B', 'C', 'D']);

export const figureSchema = z.object({
  id: z.string(),
  title: z.string(),
  chart: z.enum(['radar', 'stacked-bar', 'bar', 'heatmap', 'quadrant', 'none']),
  base,
  n: z.number(),
  notes: z.array(z.string()),
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      format: z.enum(['text', 'pct', 'value', 'count', 'pp']),
      series: z.boolean().optional(),
      role: seriesRole.optional(),
      level: z.number().optional(),
    }),
  ),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      suppressed: z.array(z.string()).optional(),
      own: z.boolean().optional(),
      group: z.string().optional(),
    }),
  ),
  quadrant: z
    .object({
      x: z.string(),
      y: z.string(),
      thresholds: z.object({ x: z.number(), y: z.number() }),
      xLabel: z.string(),
      yLabel: z.string(),
      fields: z.record(quadrantKey, z.string()).optional(),
    })
    .optional(),
  max: z.number().optional(),
  scale: ordinalKind.optional(),
  sort: z.literal('desc').optional(),
  reference: z.object({ label: z.string(), value: z.number(), role: seriesRole }).optional(),
  references: z.array(z.object({ label: z.string(), value: z.number(), role: seriesRole, year: z.number(), source: z.string() })).optional(),
});

export const roundInfoSchema = z.object({
  id: z.number(),
  title: z.string(),
  status: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  instrument: z.string(),
  instrumentVersion: z.string(),
  municipalities: z.array(z.string()),
});

const option = z.object({ id: z.string(), label: z.string() });
const viewer = z.object({ role: viewerRole, description: z.string() });
const filters = { respondentType: z.string().nullable(), area: z.string().nullable() };

export const analysisViewSchema = z.object({
  kind: z.enum(['regional', 'municipality']),
  round: roundInfoSchema.extend({ instrumentTitle: z.string(), mode: z.enum(['survey', 'self-assessment']), municipalityCount: z.number() }),
  viewer,
  filters: z.object({ ...filters, options: z.object({ respondentTypes: z.array(option), areas: z.array(option) }) }),
  summary: z.object({
    respondents: z.object({ base: z.literal('respondents'), n: z.number() }),
    municipalities: z.object({ base: z.literal('municipalities'), n: z.number() }),
    leftOut: z.object({ base: z.literal('municipalities'), n: z.number() }),
    suppressionMin: z.number(),
    aggregation: z.string(),
  }),
  notes: z.array(z.string()),
  municipality: z
    .object({
      code: z.string(),
      name: z.string(),
      n: z.number(),
      quadrant: z
        .object({ key: quadrantKey, label: z.string(), description: z.string(), phase: z.string(), recommendations: z.array(z.string()) })
        .nullable(),
    })
    .optional(),
  figures: z.array(figureSchema),
  published: z
    .object({
      label: z.string(),
      sources: z.array(z.string()),
      flags: z.array(
        z.object({
          code: z.enum(['PERCENT_SUM', 'TOTAL_MISMATCH', 'BASE_MISMATCH', 'MENTIONS_AS_SHARE', 'MONEY_UNIT']),
          severity: z.literal('warning'),
          subject: z.string(),
          message: z.string(),
          expected: z.number().optional(),
          actual: z.number().optional(),
          difference: z.number().optional(),
        }),
      ),
    })
    .optional(),
  references: z.array(referenceMarkSchema).optional(),
});

const measure = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overall'), label: z.string() }),
  z.object({ kind: z.literal('dimension'), id: z.string(), label: z.string() }),
  z.object({ kind: z.literal('group'), id: z.string(), label: z.string() }),
  z.object({ kind: z.literal('item'), id: z.string(), label: z.string() }),
]);

export const compareViewSchema = z.object({
  kind: z.literal('compare'),
  before: roundInfoSchema,
  after: roundInfoSchema,
  viewer,
  measure,
  minMeaningfulChange: z.number(),
  suppressionMin: z.number(),
  increasedShare: z.object({ base: z.literal('municipalities'), n: z.number(), count: z.number(), percent: z.number().nullable() }),
  counts: z.object({ increased: z.number(), unchanged: z.number(), decreased: z.number() }),
  figures: z.array(figureSchema),
  notes: z.array(z.string()),
});

export const candidateSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  threshold: z.number(),
  weak: z.object({ base: z.literal('municipalities'), count: z.number(), n: z.number(), percent: z.number().nullable() }),
  municipalities: z.array(z.string()),
});

// ---- Schema and type agree (compile-time only) --------------------------------------------------
agrees<Same<z.infer<typeof figureSchema>, Figure>>();
agrees<Same<z.infer<typeof analysisViewSchema>, AnalysisView>>();
agrees<Same<z.infer<typeof compareViewSchema>, CompareView>>();
agrees<Same<z.infer<typeof candidateSchema>, CandidateEvidence>>();
