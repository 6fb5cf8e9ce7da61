// The portfolio's configuration and follow-up aggregates as zod schemas, defined once: qualification
// criteria, stage gates, indicator values, funding projects and networks — what is stored and sent
// (records) and what may be written (input, with the Swedish messages). The contracts
// (src/contracts/portfolio.ts), the use cases and the web forms use these. Pure zod, browser-safe.
import { z } from 'zod';
import { END_BEFORE_START, money, text, year, yearsInOrder } from './field-schemas.ts';
import { COST_TYPES } from './types.ts';
import { INDICATORS } from './indicators.ts';

// ---- Qualification criteria ---------------------------------------------------------------------

export const criterion = z.object({ id: z.string(), label: z.string(), description: z.string(), weight: z.number() });

export const criterionInput = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'Id ska vara små bokstäver a–z, siffror eller _'),
  label: z.string().trim().min(1, 'Ange en benämning').max(100),
  description: text(1000).default(''),
  weight: z.number({ error: 'Vikten ska vara ett tal' }).min(0, 'Vikten får inte vara negativ').max(100, 'Vikten får vara högst 100'),
});

/** The rules of a set of criteria (the web's form applies them to its rows too). */
export const criteriaRules = <T extends z.ZodType<Array<{ id: string; weight: number }>>>(set: T) =>
  set
    .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'Varje kriterium ska ha ett unikt id')
    .refine((cs) => cs.some((c) => c.weight > 0), 'Minst ett kriterium ska ha en vikt större än 0');

export const criteriaInput = criteriaRules(z.array(criterionInput).min(1, 'Ange minst ett kriterium').max(30));

// ---- Indicator values (expected and reported per year) ------------------------------------------

export const indicatorNumber = z.number({ error: 'ska vara ett tal, 0 eller större' }).min(0, 'ska vara 0 eller större').max(1_000_000).nullable();
export const indicatorKey = z.enum(INDICATORS, { error: `Indikatorn ska vara en av: ${INDICATORS.join(', ')}` });
export const PERCENT_MESSAGE = 'en andel anges i procent, 0–100';

export const indicatorValueInput = z.object({
  expected: indicatorNumber,
  reported: indicatorNumber.default(null),
  note: text(2000).default(''),
  source: text(300).default(''),
  /** The date the published outcome refers to, as published ("aug. 2025"). */
  asOf: text(40).default(''),
  /** The number of member municipalities the published text states, if it states one. */
  statedMembers: z.number({ error: 'Antal kommuner ska vara ett heltal, 0 eller större' }).int('Antal kommuner ska vara ett heltal, 0 eller större').min(0, 'Antal kommuner ska vara ett heltal, 0 eller större').max(1000).nullable().default(null),
});
export type IndicatorValueInput = z.output<typeof indicatorValueInput>;

// ---- Funding projects ---------------------------------------------------------------------------

export const MONEY_UNITS = ['kr', 'tkr', 'mnkr'] as const;
const SIGNED = 'ska vara ett belopp i hela kronor (ett heltal, får vara negativt)';
const signedMoney = z.number({ error: SIGNED }).int({ error: SIGNED }).min(-1_000_000_000_000, { error: 'Beloppet är orimligt stort' }).max(1_000_000_000_000, { error: 'Beloppet är orimligt stort' });

const costType = z.enum(COST_TYPES, { error: `Kostnadsslaget ska vara ett av: ${COST_TYPES.join(', ')}` });
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'Ogiltigt datum')
  .nullable()
  .default(null);

export const fundingProjectInput = z.object({
  name: z.string().trim().min(2, 'Ange projektets namn').max(200),
  reference: text(200).default(''),
  periodFrom: date,
  periodTo: date,
  requisitionedUntil: date,
  /** The first day of the requisition period (e.g. 2023-10-01 in "Rekvirerat 231001–250331"). */
  requisitionedFrom: date,
  /** The unit the published table states its money in, kept as published (checked against the decided total). */
  unit: z.enum(MONEY_UNITS, { error: 'Enheten ska vara kr, tkr eller mnkr' }).default('kr'),
  /** The published table's totals row, as published (null where not stated). */
  statedApplied: money.nullable().default(null),
  statedRequisitioned: money.nullable().default(null),
  statedRemaining: signedMoney.nullable().default(null),
  /** The decided total in kronor (e.g. 3 000 000 kr), to check the stated unit against. */
  decidedTotal: money.nullable().default(null),
  /** The published table's title, e.g. "Tabell 4: Rekvirerade medel till och med 2025-06-30 …". */
  caption: text(300).default(''),
  /** The publication: report title, publisher and year. */
  source: text(300).default(''),
  rows: z
    .array(z.object({ costType, applied: money, requisitioned: money }))
    .min(1, 'Ange minst ett kostnadsslag')
    .max(COST_TYPES.length)
    .refine((rows) => new Set(rows.map((r) => r.costType)).size === rows.length, 'Varje kostnadsslag får förekomma en gång'),
});
export type FundingProjectInput = z.output<typeof fundingProjectInput>;

export const fundingProject = z.object({
  id: z.number(),
  name: z.string(),
  reference: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  requisitionedUntil: z.string().nullable(),
  requisitionedFrom: z.string().nullable(),
  unit: z.enum(MONEY_UNITS),
  statedApplied: z.number().nullable(),
  statedRequisitioned: z.number().nullable(),
  statedRemaining: z.number().nullable(),
  decidedTotal: z.number().nullable(),
  caption: z.string(),
  source: z.string(),
  rows: z.array(z.object({ costType: z.enum(COST_TYPES), applied: z.number(), requisitioned: z.number() })),
});

// ---- Networks -----------------------------------------------------------------------------------

export const network = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  startYear: z.number().nullable(),
  endYear: z.number().nullable(),
});

// No defaults here: a PATCH must not reset fields it does not send.
export const networkFields = z.object({
  name: z.string().trim().min(2, 'Ange nätverkets namn').max(200),
  description: text(2000),
  active: z.boolean({ error: 'Aktivt: ange ja eller nej' }),
  startYear: year.nullable(),
  endYear: year.nullable(),
});
/** A network's end year is not before its start year (the web's form applies it too). */
export const networkYearsInOrder = <T extends z.ZodType<{ startYear?: number | null; endYear?: number | null }>>(s: T) =>
  s.refine(yearsInOrder, { message: END_BEFORE_START, path: ['endYear'] });

export const networkCreateInput = networkYearsInOrder(networkFields.partial().required({ name: true }));
export const networkPatchInput = networkYearsInOrder(networkFields.partial());
export type NetworkPatch = z.output<typeof networkPatchInput>;
