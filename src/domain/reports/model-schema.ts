// The report model (model.ts) as a zod schema: the JSON of a report preview (format=json). The types in
// model.ts stay the builders' types; the check at the end fails to compile when schema and type drift.
import { z } from 'zod';
import { agrees, type Same } from '../schema-agrees.ts';
import { chartSpecSchema } from '../charts/spec-schema.ts';
import type { ReportModel } from './model.ts';

const cell = z.union([z.string(), z.number(), z.null()]);
const column = z.object({
  label: z.string(),
  format: z.enum(['text', 'int', 'decimal', 'percent', 'percent2', 'pp', 'sek', 'signed']).optional(),
  width: z.number().optional(),
});
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
  kind: z.enum(['regional', 'delrapport', 'handlingsplan', 'indicators', 'group']),
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

agrees<Same<z.infer<typeof reportModelSchema>, ReportModel>>();
