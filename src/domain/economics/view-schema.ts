// The economics views (view.ts) as zod schemas: the API's answers (src/contracts/economics.ts) and the
// OpenAPI document. Checked against the hand-written types at compile time. Pure and browser-safe.
import { z } from 'zod';
import { agrees, type Same } from '../schema-agrees.ts';
import { TBM_POOLS, TOWERS } from './schema.ts';
import type { CostSharingView, EconomicsYearView, GroupComparisonView, PoolFigure, QualityFlag, SavingsView, TowerFigure } from './view.ts';

const pool = z.enum(TBM_POOLS);
const tower = z.enum(TOWERS);

export const qualityFlagSchema = z.object({
  code: z.string(),
  severity: z.enum(['warning', 'error']),
  message: z.string().describe('Kvalitetsflaggan på svenska, med båda talen där två jämförs'),
  stated: z.number().optional(),
  computed: z.number().optional(),
  municipalityCode: z.string().optional(),
});

export const poolFigureSchema = z.object({
  pool,
  label: z.string(),
  amount: z.number(),
  share: z.number(),
  inside: z.number().nullable(),
  outside: z.number().nullable(),
  insideShare: z.number().nullable(),
  source: z.string(),
  note: z.string(),
});

export const towerFigureSchema = z.object({ tower, label: z.string(), amount: z.number(), share: z.number() });

export const economicsYearViewSchema = z.object({
  municipalityCode: z.string(),
  municipality: z.string(),
  year: z.number(),
  itCost: z.number().nullable(),
  itCostBasis: z.enum(['pools', 'budget', 'stated']).nullable(),
  netCost: z.number().nullable(),
  netCostSource: z.string(),
  population: z.number().nullable(),
  itShare: z.number().nullable().describe('It-kostnaden som andel av nettokostnaden, procent (oavrundad)'),
  benchmark: z.object({ year: z.number(), share: z.number(), source: z.string(), researchShare: z.number().nullable(), researchSource: z.string() }),
  budgetAtBenchmark: z.number().nullable(),
  changeToBenchmark: z.number().nullable(),
  budgetAtResearch: z.number().nullable(),
  costPerInhabitant: z.number().nullable(),
  pools: z.array(poolFigureSchema),
  towers: z.array(towerFigureSchema),
  budgetLines: z.array(z.object({ category: z.string(), label: z.string(), pool, amount: z.number(), source: z.string(), note: z.string() })),
  inside: z.number().nullable(),
  outside: z.number().nullable(),
  source: z.string(),
  note: z.string(),
  synthesised: z.boolean(),
  flags: z.array(qualityFlagSchema),
});

export const savingsViewSchema = z.object({
  scenarioId: z.number(),
  name: z.string(),
  year: z.number(),
  percentages: z.array(z.object({ category: z.string(), label: z.string(), percent: z.number() })),
  cells: z.array(z.object({ municipalityCode: z.string(), municipality: z.string(), category: z.string(), base: z.number(), saving: z.number() })),
  perMunicipality: z.array(z.object({ municipalityCode: z.string(), municipality: z.string(), saving: z.number() })),
  perCategory: z.array(z.object({ category: z.string(), label: z.string(), saving: z.number() })),
  total: z.number(),
  source: z.string(),
  note: z.string(),
  synthesised: z.boolean(),
  flags: z.array(qualityFlagSchema),
});

export const costSharingViewSchema = z.object({
  modelId: z.number(),
  name: z.string(),
  year: z.number(),
  baseAmount: z.number(),
  charges: z.array(z.object({ driver: z.string(), label: z.string(), amount: z.number() })),
  members: z.array(
    z.object({
      municipalityCode: z.string(),
      municipality: z.string(),
      base: z.number(),
      byDriver: z.array(z.object({ driver: z.string(), quantity: z.number(), charge: z.number() })),
      total: z.number(),
    }),
  ),
  total: z.number(),
  source: z.string(),
  note: z.string(),
  synthesised: z.boolean(),
  flags: z.array(qualityFlagSchema),
});

export const groupComparisonViewSchema = z.object({
  groupId: z.number(),
  group: z.string(),
  year: z.number(),
  named: z.boolean().describe('Kommunernas namn visas; annars "Kommun N"'),
  members: z.array(economicsYearViewSchema),
  totals: z.object({
    itCost: z.number(),
    netCost: z.number(),
    itShare: z.number().nullable(),
    budgetAtBenchmark: z.number(),
    changeToBenchmark: z.number(),
    population: z.number().nullable(),
    costPerInhabitant: z.number().nullable(),
  }),
  pools: z.array(poolFigureSchema),
  publishedInsideShares: z.array(z.object({ pool, label: z.string(), insidePercent: z.number(), year: z.number(), source: z.string() })),
  savings: z.array(savingsViewSchema),
  costSharing: z.array(costSharingViewSchema),
  flags: z.array(qualityFlagSchema),
});

agrees<Same<z.infer<typeof qualityFlagSchema>, QualityFlag>>();
agrees<Same<z.infer<typeof poolFigureSchema>, PoolFigure>>();
agrees<Same<z.infer<typeof towerFigureSchema>, TowerFigure>>();
agrees<Same<z.infer<typeof economicsYearViewSchema>, EconomicsYearView>>();
agrees<Same<z.infer<typeof savingsViewSchema>, SavingsView>>();
agrees<Same<z.infer<typeof costSharingViewSchema>, CostSharingView>>();
agrees<Same<z.infer<typeof groupComparisonViewSchema>, GroupComparisonView>>();
