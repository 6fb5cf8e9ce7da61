// Stores a cost-sharing model for a group's joint IT organisation and a year (association): a base
// amount split equally, plus charges split by drivers (users, devices, inhabitants …). Quantities must
// name a driver of the model and a member of the group.
import type { Db } from '../db/db.ts';
import { costSharingView } from '../domain/economics/compute.ts';
import { nameOfCodes } from '../domain/economics/policy.ts';
import { costSharingInput } from '../domain/economics/schema.ts';
import type { CostSharingView } from '../domain/economics/view.ts';
import { badRequest } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { upsertCostSharing } from '../store/economics.ts';
import { checked, municipalityNames, requireEconomicsAdmin, requireGroup, requireMembers, type Caller } from './common.ts';

export async function saveCostSharing(db: Db, caller: Caller, groupId: number, input: unknown): Promise<CostSharingView> {
  requireEconomicsAdmin(caller.user);
  const model = checked(costSharingInput, { ...(input as object), groupId });
  const drivers = new Set(model.charges.map((c) => c.driver));
  const unknownDriver = model.quantities.find((q) => !drivers.has(q.driver));
  if (unknownDriver) {
    const message = `Drivaren "${unknownDriver.driver}" finns inte bland modellens avgifter (${[...drivers].join(', ') || 'inga'})`;
    throw badRequest(message, [{ path: 'quantities', label: 'Mängder', message }]);
  }
  return db.transaction(async (tx) => {
    const group = await requireGroup(tx, groupId);
    const names = await municipalityNames(tx);
    requireMembers(group, names, model.quantities.map((q) => q.municipalityCode), 'quantities');
    const id = await upsertCostSharing(tx, model);
    await audit(tx, {
      actor: caller.user.id,
      action: 'economics.cost_sharing_saved',
      target: `${model.name} (${group.name}, ${model.year})`,
      ip: caller.ip,
      details: { id, groupId, year: model.year, baseAmount: model.baseAmount, charges: model.charges },
    });
    return costSharingView({ ...model, id }, group.members, nameOfCodes(names));
  });
}
