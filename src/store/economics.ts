// Persistence of IT economics (DOMAIN.md §8; tables in migrations/013_economics_risks.sql): municipality
// years, benchmarks, savings scenarios and cost-sharing models. The jsonb
// columns hold lines validated by src/domain/economics/schema.ts; rows are read back through the same
// schemas (defaults filled in). Shared by the use cases in src/economics/, the demo and the XLSX import.
import type { Queryable } from '../db/db.ts';
import {
  benchmarkInput,
  costSharingInput,
  DEFAULT_BENCHMARK,
  economicsYearInput,
  savingsScenarioInput,
  type Benchmark,
  type CostSharingInput,
  type EconomicsYear,
  type SavingsScenarioInput,
} from '../domain/economics/schema.ts';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

// ---- Municipality years -----------------------------------------------------------------------------

export type StoredEconomicsYear = EconomicsYear & { id: number; updatedAt: string };

interface YearRow {
  id: number;
  municipality_code: string;
  year: number;
  net_cost: unknown;
  population: unknown;
  stated_total: unknown;
  budget_lines: unknown;
  pools: unknown;
  towers: unknown;
  source: string;
  note: string;
  synthesised: boolean;
  updated_at: string | Date;
}

const YEAR_COLUMNS = 'id, municipality_code, year, net_cost, population, stated_total, budget_lines, pools, towers, source, note, synthesised, updated_at';

function yearOf(r: YearRow): StoredEconomicsYear {
  const parsed = economicsYearInput.parse({
    municipalityCode: r.municipality_code,
    year: r.year,
    netCost: r.net_cost,
    population: r.population,
    statedTotal: r.stated_total,
    budgetLines: r.budget_lines,
    pools: r.pools,
    towers: r.towers,
    source: r.source,
    note: r.note,
    synthesised: r.synthesised,
  });
  return { ...parsed, id: r.id, updatedAt: new Date(r.updated_at).toISOString() };
}

/** Stores a municipality's year (replacing what was stored for that municipality and year); its id. */
export async function upsertEconomicsYear(tx: Queryable, input: EconomicsYear, userId: number | null): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO economics_years (municipality_code, year, net_cost, population, stated_total, budget_lines, pools, towers, source, note, synthesised, updated_by)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $11, $12)
     ON CONFLICT (municipality_code, year) DO UPDATE SET
       net_cost = EXCLUDED.net_cost, population = EXCLUDED.population, stated_total = EXCLUDED.stated_total,
       budget_lines = EXCLUDED.budget_lines, pools = EXCLUDED.pools, towers = EXCLUDED.towers, source = EXCLUDED.source,
       note = EXCLUDED.note, synthesised = EXCLUDED.synthesised, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING id`,
    [
      input.municipalityCode,
      input.year,
      json(input.netCost),
      json(input.population),
      json(input.statedTotal),
      json(input.budgetLines),
      json(input.pools),
      json(input.towers),
      input.source,
      input.note,
      input.synthesised,
      userId,
    ],
  );
  return rows[0].id;
}

/** Stored years, optionally of some municipalities and/or one year; by year, then municipality code. */
export async function getEconomicsYears(tx: Queryable, filter: { municipalityCodes?: readonly string[]; year?: number } = {}): Promise<StoredEconomicsYear[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.municipalityCodes) {
    params.push([...filter.municipalityCodes]);
    where.push(`municipality_code = ANY($${params.length}::text[])`);
  }
  if (filter.year !== undefined) {
    params.push(filter.year);
    where.push(`year = $${params.length}`);
  }
  const { rows } = await tx.query<YearRow>(
    `SELECT ${YEAR_COLUMNS} FROM economics_years ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY year, municipality_code`,
    params,
  );
  return rows.map(yearOf);
}

export async function getEconomicsYear(tx: Queryable, municipalityCode: string, year: number): Promise<StoredEconomicsYear | null> {
  const { rows } = await tx.query<YearRow>(`SELECT ${YEAR_COLUMNS} FROM economics_years WHERE municipality_code = $1 AND year = $2`, [municipalityCode, year]);
  return rows[0] ? yearOf(rows[0]) : null;
}

/** Removes a municipality's year; whether there was one. */
export async function deleteEconomicsYear(tx: Queryable, municipalityCode: string, year: number): Promise<boolean> {
  return (await tx.query('DELETE FROM economics_years WHERE municipality_code = $1 AND year = $2', [municipalityCode, year])).rowCount > 0;
}

// ---- Benchmarks -------------------------------------------------------------------------------------

interface BenchmarkRow {
  year: number;
  share: number | string;
  source: string;
  research_share: number | string | null;
  research_source: string;
  note: string;
}

const benchmarkOf = (r: BenchmarkRow): Benchmark =>
  benchmarkInput.parse({
    year: r.year,
    share: Number(r.share),
    source: r.source,
    researchShare: r.research_share === null ? null : Number(r.research_share),
    researchSource: r.research_source,
    note: r.note,
  });

/** The stored benchmark of a year, or null. */
export async function getStoredBenchmark(tx: Queryable, year: number): Promise<Benchmark | null> {
  const { rows } = await tx.query<BenchmarkRow>('SELECT year, share, source, research_share, research_source, note FROM economics_benchmarks WHERE year = $1', [year]);
  return rows[0] ? benchmarkOf(rows[0]) : null;
}

/** The benchmark of a year: the stored one, else DEFAULT_BENCHMARK (2,5 %, research 2 %) for that year. */
export async function getBenchmark(tx: Queryable, year: number): Promise<Benchmark> {
  return (await getStoredBenchmark(tx, year)) ?? { ...DEFAULT_BENCHMARK, year };
}

export async function listBenchmarks(tx: Queryable): Promise<Benchmark[]> {
  return (await tx.query<BenchmarkRow>('SELECT year, share, source, research_share, research_source, note FROM economics_benchmarks ORDER BY year')).rows.map(benchmarkOf);
}

export async function upsertBenchmark(tx: Queryable, b: Benchmark): Promise<void> {
  await tx.query(
    `INSERT INTO economics_benchmarks (year, share, source, research_share, research_source, note) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (year) DO UPDATE SET share = EXCLUDED.share, source = EXCLUDED.source, research_share = EXCLUDED.research_share,
       research_source = EXCLUDED.research_source, note = EXCLUDED.note`,
    [b.year, b.share, b.source, b.researchShare, b.researchSource, b.note],
  );
}

// ---- Savings scenarios ------------------------------------------------------------------------------

export type StoredSavingsScenario = SavingsScenarioInput & { id: number };

interface ScenarioRow {
  id: number;
  group_id: number;
  year: number;
  name: string;
  percentages: unknown;
  published: unknown;
  source: string;
  note: string;
  synthesised: boolean;
}

const scenarioOf = (r: ScenarioRow): StoredSavingsScenario => ({
  ...savingsScenarioInput.parse({
    groupId: r.group_id,
    year: r.year,
    name: r.name,
    percentages: r.percentages,
    published: r.published,
    source: r.source,
    note: r.note,
    synthesised: r.synthesised,
  }),
  id: r.id,
});

/** Stores a scenario (replacing the group's scenario of the same year and name); its id. */
export async function upsertSavingsScenario(tx: Queryable, s: SavingsScenarioInput): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO savings_scenarios (group_id, year, name, percentages, published, source, note, synthesised)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)
     ON CONFLICT (group_id, year, name) DO UPDATE SET percentages = EXCLUDED.percentages, published = EXCLUDED.published,
       source = EXCLUDED.source, note = EXCLUDED.note, synthesised = EXCLUDED.synthesised
     RETURNING id`,
    [s.groupId, s.year, s.name, json(s.percentages), json(s.published), s.source, s.note, s.synthesised],
  );
  return rows[0].id;
}

export async function listSavingsScenarios(tx: Queryable, groupId: number, year?: number): Promise<StoredSavingsScenario[]> {
  const { rows } = await tx.query<ScenarioRow>(
    `SELECT id, group_id, year, name, percentages, published, source, note, synthesised FROM savings_scenarios
      WHERE group_id = $1 AND ($2::int IS NULL OR year = $2) ORDER BY year, name`,
    [groupId, year ?? null],
  );
  return rows.map(scenarioOf);
}

// ---- Cost-sharing models ----------------------------------------------------------------------------

export type StoredCostSharing = CostSharingInput & { id: number };

interface CostSharingRow {
  id: number;
  group_id: number;
  year: number;
  name: string;
  base_amount: number | string;
  charges: unknown;
  quantities: unknown;
  source: string;
  note: string;
  synthesised: boolean;
}

const costSharingOf = (r: CostSharingRow): StoredCostSharing => ({
  ...costSharingInput.parse({
    groupId: r.group_id,
    year: r.year,
    name: r.name,
    baseAmount: Number(r.base_amount),
    charges: r.charges,
    quantities: r.quantities,
    source: r.source,
    note: r.note,
    synthesised: r.synthesised,
  }),
  id: r.id,
});

/** Stores a cost-sharing model (replacing the group's model of the same year and name); its id. */
export async function upsertCostSharing(tx: Queryable, c: CostSharingInput): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO cost_sharing_models (group_id, year, name, base_amount, charges, quantities, source, note, synthesised)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9)
     ON CONFLICT (group_id, year, name) DO UPDATE SET base_amount = EXCLUDED.base_amount, charges = EXCLUDED.charges,
       quantities = EXCLUDED.quantities, source = EXCLUDED.source, note = EXCLUDED.note, synthesised = EXCLUDED.synthesised
     RETURNING id`,
    [c.groupId, c.year, c.name, c.baseAmount, json(c.charges), json(c.quantities), c.source, c.note, c.synthesised],
  );
  return rows[0].id;
}

export async function listCostSharing(tx: Queryable, groupId: number, year?: number): Promise<StoredCostSharing[]> {
  const { rows } = await tx.query<CostSharingRow>(
    `SELECT id, group_id, year, name, base_amount, charges, quantities, source, note, synthesised FROM cost_sharing_models
      WHERE group_id = $1 AND ($2::int IS NULL OR year = $2) ORDER BY year, name`,
    [groupId, year ?? null],
  );
  return rows.map(costSharingOf);
}

/** The years for which a group's members have economics (for choosing a comparison year). */
export async function groupYears(tx: Queryable, groupId: number): Promise<number[]> {
  const { rows } = await tx.query<{ year: number }>(
    `SELECT DISTINCT e.year FROM economics_years e JOIN municipality_group_members gm ON gm.municipality_code = e.municipality_code
      WHERE gm.group_id = $1 ORDER BY e.year`,
    [groupId],
  );
  return rows.map((r) => r.year);
}
