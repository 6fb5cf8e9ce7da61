// Cost sharing in a joint IT organisation (Förstudierapport 4D figur 7): a base amount split equally
// between the members plus consumption-based charges, each split by a driver's quantity per member
// (users, devices, inhabitants …). Each part is rounded to öre so that the parts add up to the model's
// amounts exactly; a member's total is the sum of its parts.
// Pure.
import { splitExactly, sum } from './amounts.ts';
import { costSharingFlags } from './quality.ts';
import type { CostSharingInput } from './schema.ts';
import type { CostSharingView } from './view.ts';
import type { NameOf } from './year.ts';

/** Each member's charge: the base amount split equally plus each driver's amount split by quantity. */
export function costSharingView(model: CostSharingInput & { id: number }, members: readonly string[], nameOf: NameOf): CostSharingView {
  const quantityOf = (code: string, driver: string) =>
    sum(model.quantities.filter((q) => q.municipalityCode === code && q.driver === driver).map((q) => q.quantity));
  const driverTotal = new Map(model.charges.map((c) => [c.driver, sum(members.map((m) => quantityOf(m, c.driver)))]));
  const bases = splitExactly(model.baseAmount, members.map(() => 1));
  const charges = model.charges.map((c) => {
    const quantities = members.map((m) => quantityOf(m, c.driver));
    return { driver: c.driver, quantities, parts: (driverTotal.get(c.driver) ?? 0) > 0 ? splitExactly(c.amount, quantities) : quantities.map(() => 0) };
  });
  const rows = members.map((code, i) => {
    const byDriver = charges.map((c) => ({ driver: c.driver, quantity: c.quantities[i], charge: c.parts[i] }));
    return { municipalityCode: code, municipality: nameOf(code), base: bases[i], byDriver, total: sum([bases[i], ...byDriver.map((d) => d.charge)]) };
  });
  return {
    modelId: model.id,
    name: model.name,
    year: model.year,
    baseAmount: model.baseAmount,
    charges: model.charges.map((c) => ({ driver: c.driver, label: c.label, amount: c.amount })),
    members: rows,
    total: sum(rows.map((r) => r.total)),
    source: model.source,
    note: model.note,
    synthesised: model.synthesised,
    flags: costSharingFlags(model, members, nameOf),
  };
}
