// Demo IT economics (src/demo/data/economics.ts): Mellerud 2019, the TBM group with its published
// inside-central-IT shares, the 4D group with its 2024 budgets, net costs, benchmark, savings scenario,
// a synthesised cost-sharing model and synthesised 2025 figures. Idempotent: what exists (a year of a
// municipality, a group by name, a benchmark of a year, a scenario or model by group, year and name) is
// left as it is.
import type { Db } from '../db/db.ts';
import { economicsYearInput, type GroupInput } from '../domain/economics/schema.ts';
import type { Queryable } from '../db/db.ts';
import { findAssociation } from '../store/associations.ts';
import { createGroup, findGroupByName } from '../store/groups.ts';
import {
  getEconomicsYear,
  getStoredBenchmark,
  listCostSharing,
  listSavingsScenarios,
  upsertBenchmark,
  upsertCostSharing,
  upsertEconomicsYear,
  upsertSavingsScenario,
} from '../store/economics.ts';
import { BENCHMARK_2024, BUDGETS_2024, COST_SHARING_2024, GROUP_4D, MELLERUD_2019, SAVINGS_2024, SYNTHESISED_2025, TBM_GROUP } from './data/economics.ts';

/** The demo groups are Fyrbodal's (issue 14), explicitly: not whichever association is the default. */
async function groupId(tx: Queryable, g: GroupInput, fyrbodal: number): Promise<number> {
  return (await findGroupByName(tx, g.name, fyrbodal))?.id ?? createGroup(tx, g, fyrbodal);
}

export async function loadDemoEconomics(db: Db): Promise<void> {
  const fyrbodal = await findAssociation(db, 'fyrbodal');
  if (!fyrbodal) throw new Error('Demodata: kommunalförbundet Fyrbodal saknas (migration 015)');
  await db.transaction(async (tx) => {
    for (const input of [MELLERUD_2019, ...BUDGETS_2024, ...SYNTHESISED_2025]) {
      const record = economicsYearInput.parse(input);
      if (!(await getEconomicsYear(tx, record.municipalityCode, record.year))) await upsertEconomicsYear(tx, record, null);
    }
    if (!(await getStoredBenchmark(tx, BENCHMARK_2024.year))) await upsertBenchmark(tx, BENCHMARK_2024);
    await groupId(tx, TBM_GROUP, fyrbodal.id);
    const id4d = await groupId(tx, GROUP_4D, fyrbodal.id);
    if (!(await listSavingsScenarios(tx, id4d, SAVINGS_2024.year)).some((s) => s.name === SAVINGS_2024.name))
      await upsertSavingsScenario(tx, { ...SAVINGS_2024, groupId: id4d });
    if (!(await listCostSharing(tx, id4d, COST_SHARING_2024.year)).some((c) => c.name === COST_SHARING_2024.name))
      await upsertCostSharing(tx, { ...COST_SHARING_2024, groupId: id4d });
  });
}
