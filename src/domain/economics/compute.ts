// IT economics computations (DOMAIN.md §8), pure. STUB: signatures agreed; the implementation and its
// hand-computed tests (Förstudierapport 4D tabell 3–5, Delrapport Mellerud figur 10) replace the bodies.
import type { Benchmark, CostSharingInput, EconomicsYear, SavingsScenarioInput } from './schema.ts';
import type { CostSharingView, EconomicsYearView, GroupComparisonView, SavingsView } from './view.ts';

/** A municipality's code → the name the viewer may see ("Kommun N" where anonymised). */
export type NameOf = (municipalityCode: string) => string;

/** One municipality-year computed: IT cost, share of net cost, benchmark budget and change, pools, flags. */
export function economicsYearView(record: EconomicsYear, benchmark: Benchmark, nameOf: NameOf): EconomicsYearView {
  void record; void benchmark; void nameOf;
  throw new Error('not implemented');
}

/** A savings scenario over the members' budget lines of its year (per cell rounded to whole kronor). */
export function savingsView(scenario: SavingsScenarioInput & { id: number }, records: readonly EconomicsYear[], nameOf: NameOf): SavingsView {
  void scenario; void records; void nameOf;
  throw new Error('not implemented');
}

/** Each member's charge: the base amount split equally plus each driver's amount split by quantity. */
export function costSharingView(model: CostSharingInput & { id: number }, members: readonly string[], nameOf: NameOf): CostSharingView {
  void model; void members; void nameOf;
  throw new Error('not implemented');
}

export interface GroupForComparison {
  id: number;
  name: string;
  members: readonly string[];
  insideShares: ReadonlyArray<{ pool: import('./schema.ts').TbmPool; insidePercent: number; year: number; source: string }>;
}

/** A group's comparison for one year: members' views, totals, pool mix, scenarios, cost sharing, flags. */
export function groupComparison(input: {
  group: GroupForComparison;
  year: number;
  records: readonly EconomicsYear[];
  benchmark: Benchmark;
  scenarios: ReadonlyArray<SavingsScenarioInput & { id: number }>;
  costSharing: ReadonlyArray<CostSharingInput & { id: number }>;
  nameOf: NameOf;
  named: boolean;
}): GroupComparisonView {
  void input;
  throw new Error('not implemented');
}
