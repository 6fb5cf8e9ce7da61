// What the economics computations give (DOMAIN.md §8): one municipality-year, a group's comparison,
// a savings scenario and a cost-sharing model, each with its quality flags. Pure types; the
// computations are in compute.ts, quality.ts and comparison.ts. Amounts in kronor, shares in percent.
import type { TbmPool, Tower } from './schema.ts';

/** A data-quality flag shown wherever the figure appears (Swedish message; both figures named). */
export interface QualityFlag {
  /** e.g. 'total_mismatch', 'published_savings_mismatch', 'name_matched', 'pools_vs_budget', 'missing_net_cost' */
  code: string;
  severity: 'warning' | 'error';
  message: string;
  /** The figures compared, where there are two (stated vs computed). */
  stated?: number;
  computed?: number;
  municipalityCode?: string;
}

export interface PoolFigure {
  pool: TbmPool;
  label: string;
  amount: number;
  /** Share of the total IT cost, percent. */
  share: number;
  /** Amount inside central IT and outside it; null where the split is not known. */
  inside: number | null;
  outside: number | null;
  insideShare: number | null;
  source: string;
  note: string;
}

export interface TowerFigure {
  tower: Tower;
  label: string;
  amount: number;
  share: number;
}

/** One municipality's IT economics for one year, computed. */
export interface EconomicsYearView {
  municipalityCode: string;
  /** The municipality's name, or "Kommun N" where the viewer may not see it. */
  municipality: string;
  year: number;
  /** The IT cost used for shares: the sum of the pools, else of the budget lines, else the stated total. */
  itCost: number | null;
  itCostBasis: 'pools' | 'budget' | 'stated' | null;
  netCost: number | null;
  netCostSource: string;
  population: number | null;
  /** IT cost as a share of net cost, percent (unrounded; format with two decimals). */
  itShare: number | null;
  benchmark: { year: number; share: number; source: string; researchShare: number | null; researchSource: string };
  /** IT budget at the benchmark share, and the change needed (positive: increase). */
  budgetAtBenchmark: number | null;
  changeToBenchmark: number | null;
  budgetAtResearch: number | null;
  costPerInhabitant: number | null;
  pools: PoolFigure[];
  towers: TowerFigure[];
  budgetLines: Array<{ category: string; label: string; pool: TbmPool; amount: number; source: string; note: string }>;
  /** Inside/outside central IT over the pools whose split is known. */
  inside: number | null;
  outside: number | null;
  source: string;
  note: string;
  synthesised: boolean;
  flags: QualityFlag[];
}

export interface SavingsView {
  scenarioId: number;
  name: string;
  year: number;
  percentages: Array<{ category: string; label: string; percent: number }>;
  /** Per municipality and category: base amount and saving (rounded to whole kronor per cell). */
  cells: Array<{ municipalityCode: string; municipality: string; category: string; base: number; saving: number }>;
  perMunicipality: Array<{ municipalityCode: string; municipality: string; saving: number }>;
  perCategory: Array<{ category: string; label: string; saving: number }>;
  total: number;
  source: string;
  note: string;
  synthesised: boolean;
  flags: QualityFlag[];
}

export interface CostSharingView {
  modelId: number;
  name: string;
  year: number;
  baseAmount: number;
  charges: Array<{ driver: string; label: string; amount: number }>;
  members: Array<{
    municipalityCode: string;
    municipality: string;
    base: number;
    byDriver: Array<{ driver: string; quantity: number; charge: number }>;
    total: number;
  }>;
  total: number;
  source: string;
  note: string;
  synthesised: boolean;
  flags: QualityFlag[];
}

/** A group's comparison for one year: each member's view, the group's totals and the scenarios. */
export interface GroupComparisonView {
  groupId: number;
  group: string;
  year: number;
  /** Names shown (association, or a published named group); otherwise members are "Kommun N". */
  named: boolean;
  members: EconomicsYearView[];
  totals: {
    itCost: number;
    netCost: number;
    itShare: number | null;
    budgetAtBenchmark: number;
    changeToBenchmark: number;
    population: number | null;
    costPerInhabitant: number | null;
  };
  /** Pool mix summed over members, with inside/outside where known; published shares where the group has them. */
  pools: PoolFigure[];
  publishedInsideShares: Array<{ pool: TbmPool; label: string; insidePercent: number; year: number; source: string }>;
  savings: SavingsView[];
  costSharing: CostSharingView[];
  flags: QualityFlag[];
}
