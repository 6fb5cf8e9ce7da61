// Stores a savings scenario for a group and year (association): a percentage per budget category, and
// optionally a published table as printed (Förstudierapport 4D tabell 4) whose figures are then checked
// against the scenario's own cells. Municipalities in the published table must be members of the group.
import type { Db } from '../db/db.ts';
import { savingsView } from '../domain/economics/compute.ts';
import { nameOfCodes } from '../domain/economics/policy.ts';
import { savingsScenarioInput } from '../domain/economics/schema.ts';
import type { SavingsView } from '../domain/economics/view.ts';
import { audit } from '../store/audit.ts';
import { getEconomicsYears, upsertSavingsScenario } from '../store/economics.ts';
import { checked, municipalityNames, requireEconomicsAdmin, requireGroup, requireMembers, type Caller } from './common.ts';

export async function saveSavingsScenario(db: Db, caller: Caller, groupId: number, input: unknown): Promise<SavingsView> {
  requireEconomicsAdmin(caller.user);
  const scenario = checked(savingsScenarioInput, { ...(input as object), groupId });
  return db.transaction(async (tx) => {
    const group = await requireGroup(tx, groupId);
    const names = await municipalityNames(tx);
    if (scenario.published) {
      requireMembers(group, names, scenario.published.cells.map((c) => c.municipalityCode), 'published.cells');
      requireMembers(group, names, scenario.published.municipalityTotals.map((c) => c.municipalityCode), 'published.municipalityTotals');
    }
    const id = await upsertSavingsScenario(tx, scenario);
    await audit(tx, {
      actor: caller.user.id,
      action: 'economics.savings_saved',
      target: `${scenario.name} (${group.name}, ${scenario.year})`,
      ip: caller.ip,
      details: { id, groupId, year: scenario.year, percentages: scenario.percentages },
    });
    const records = await getEconomicsYears(tx, { municipalityCodes: group.members, year: scenario.year });
    return savingsView({ ...scenario, id }, records, nameOfCodes(names));
  });
}
