// The chart specification (spec.ts) as zod schemas: charts in the JSON of report previews. The types in
// spec.ts stay the builders' types; the checks at the end fail to compile when schema and type drift.
import { z } from 'zod';
import { agrees, type Same } from '../schema-agrees.ts';
import type { ChartSeries, ChartSpec, OrdinalKind, SeriesRole } from './spec.ts';

export const seriesRole = z.enum(['own', 'region', 'lowest', 'mean', 'highest', 'target', 'value', 'level', 'dontKnow']);
export const ordinalKind = z.enum(['diverging', 'sequential']);

const series = z.object({ label: z.string(), role: seriesRole, level: z.number().optional() });
const values = z.array(z.array(z.number().nullable()));

export const chartSpecSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('stackedBars'),
    categories: z.array(z.string()),
    series: z.array(series),
    values: z.array(z.array(z.number())),
    n: z.array(z.number()).optional(),
    scale: ordinalKind,
    levels: z.number(),
  }),
  z.object({
    type: z.literal('bars'),
    categories: z.array(z.string()),
    series: z.array(series),
    values,
    max: z.number(),
    unit: z.string(),
    sort: z.literal('desc').optional(),
    reference: z.object({ label: z.string(), value: z.number(), role: seriesRole }).optional(),
    own: z.array(z.string()).optional(),
    decimals: z.number().optional(),
  }),
  z.object({
    type: z.literal('radar'),
    axes: z.array(z.string()),
    groups: z.array(z.string()).optional(),
    series: z.array(series.extend({ values: z.array(z.number().nullable()) })),
    max: z.number(),
    unit: z.string(),
  }),
  z.object({
    type: z.literal('quadrant'),
    xLabel: z.string(),
    yLabel: z.string(),
    thresholds: z.object({ x: z.number(), y: z.number() }),
    fields: z.object({ A: z.string(), B: z.string(), C: z.string(), D: z.string() }),
    points: z.array(z.object({ label: z.string(), x: z.number(), y: z.number(), role: seriesRole.optional() })),
  }),
  z.object({
    type: z.literal('heatmap'),
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    values,
    min: z.number(),
    max: z.number(),
    scale: ordinalKind,
    legend: z.array(z.object({ value: z.number(), label: z.string() })),
    unit: z.string().optional(),
    bands: z.array(z.object({ min: z.number(), max: z.number(), label: z.string() })).optional(),
    empty: z.object({ text: z.string(), label: z.string() }).optional(),
    labels: z.array(z.array(z.string())).optional(),
  }),
]);

agrees<Same<z.infer<typeof seriesRole>, SeriesRole>>();
agrees<Same<z.infer<typeof ordinalKind>, OrdinalKind>>();
agrees<Same<z.infer<typeof series>, ChartSeries>>();
agrees<Same<z.infer<typeof chartSpecSchema>, ChartSpec>>();
