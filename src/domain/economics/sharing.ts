// Cost sharing in a joint IT organisation (Förstudierapport 4D figur 7): a base amount split equally
// between the members plus consumption-based charges, each split by a driver's quantity per member
// (users, devices, inhabitants …). Each part is rounded to öre; a member's total is the sum of its parts.
// Pure.
import { ore, sum } from './amounts.ts';
import { costSharingFlags } from './quality.ts';
import type { CostSharingInput } from './schema.ts';
import type { CostSharingView } from './view.ts';
import type { NameOf } from './year.ts';

/** Each member's charge: the base amount split equally plus each driver's amount split by quantity. */
export function costSharingView(model: CostSharingInput & { id: number }, members: readonly string[], nameOf: NameOf): CostSharingView {
  const quantityOf = (code: string, driver: string) =>
    sum(model.quantities.filter((q) => q.municipalityCode === code && q.driver === driver).map((q) => q.quantity));
  const driverTotal = new Map(model.charges.map((c) => [c.driver, sum(members.map((m) => quantityOf(m, c.driver)))]));
  const base = members.length === 0 ? 0 : ore(model.baseAmount / members.length);
  const rows = members.map((code) => {
    const byDriver = model.charges.map((c) => {
      const quantity = quantityOf(code, c.driver);
      const all = driverTotal.get(c.driver) ?? 0;
      return { driver: c.driver, quantity, charge: all > 0 ? ore((c.amount * quantity) / all) : 0 };
    });
    return { municipalityCode: code, municipality: nameOf(code), base, byDriver, total: sum([base, ...byDriver.map((d) => d.charge)]) };
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
