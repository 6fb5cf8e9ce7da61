// The report model (model.ts) as a zod schema: the JSON of a report preview (format=json). The types in
// model.ts stay the builders' types; the check at the end fails to compile when schema and type drift.
import { z } from 'zod';
import { agrees, type Same } from '../schema-agrees.ts';
import type { ChartSpec, ReportModel } from './model.ts';

const cell = z.union([z.string(), z.number(), z.null()]);
const column = z.object({
  label: z.string(),
  format: z.enum(['text', 'int', 'decimal', 'percent', 'pp', 'sek', 'signed']).optional(),
  width: z.number().optional(),
});
const series = z.object({ label: z.string(), color: z.string().optional() });
const values = z.array(z.array(z.number().nullable()));

export const chartSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stackedBars'), categories: z.array(z.string()), series: z.array(series), values: z.array(z.array(z.number())), n: z.array(z.number()).optional() }),
  z.object({ type: z.literal('bars'), categories: z.array(z.string()), series: z.array(series), values, max: z.number(), unit: z.string() }),
  z.object({
    type: z.literal('radar'),
    axes: z.array(z.string()),
    series: z.array(series.extend({ values: z.array(z.number().nullable()), dashed: z.boolean().optional(), fill: z.boolean().optional() })),
    max: z.number(),
    unit: z.string(),
  }),
  z.object({
    type: z.literal('quadrant'),
    xLabel: z.string(),
    yLabel: z.string(),
    thresholds: z.object({ x: z.number(), y: z.number() }),
    fields: z.object({ A: z.string(), B: z.string(), C: z.string(), D: z.string() }),
    points: z.array(z.object({ label: z.string(), x: z.number(), y: z.number(), emphasis: z.boolean().optional() })),
  }),
  z.object({
    type: z.literal('heatmap'),
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    values,
    min: z.number(),
    max: z.number(),
    legend: z.array(z.object({ value: z.number(), label: z.string() })),
  }),
]);

const block = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: z.string(), style: z.enum(['normal', 'lead', 'note']).optional() }),
  z.object({ kind: z.literal('bullets'), title: z.string().optional(), items: z.array(z.string()) }),
  z.object({ kind: z.literal('subheading'), text: z.string() }),
  z.object({
    kind: z.literal('table'),
    caption: z.string(),
    columns: z.array(column),
    rows: z.array(z.array(cell)),
    emphasis: z.array(z.number()).optional(),
    note: z.string().optional(),
  }),
  z.object({ kind: z.literal('chart'), caption: z.string(), alt: z.string(), chart: chartSpecSchema }),
]);

export const reportModelSchema = z.object({
  kind: z.enum(['regional', 'delrapport', 'handlingsplan', 'indicators']),
  title: z.string(),
  subtitle: z.string(),
  landscape: z.boolean().optional(),
  preliminary: z.boolean(),
  header: z.string(),
  footer: z.string(),
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  meta: z.object({
    roundId: z.number().optional(),
    roundTitle: z.string().optional(),
    instrument: z.string().optional(),
    generatedAt: z.string(),
    demo: z.boolean().optional(),
    facts: z.array(z.tuple([z.string(), z.string()])).optional(),
  }),
  sections: z.array(z.object({ id: z.string(), heading: z.string(), sheet: z.string().optional(), blocks: z.array(block) })),
  data: z.object({ sheet: z.string(), columns: z.array(column), rows: z.array(z.array(cell)), note: z.string().optional() }).optional(),
});

agrees<Same<z.infer<typeof chartSpecSchema>, ChartSpec>>();
agrees<Same<z.infer<typeof reportModelSchema>, ReportModel>>();
