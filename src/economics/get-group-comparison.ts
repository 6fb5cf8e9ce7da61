// A group's comparison for a year as the viewer may see it: members' figures, totals, pool mix,
// savings scenarios and cost sharing with their quality flags; members the viewer may not see by name
// are "Kommun N" (src/domain/economics/policy.ts).
import type { Db } from '../db/db.ts';
import { groupComparison } from '../domain/economics/compute.ts';
import { groupNaming, redactComparison } from '../domain/economics/policy.ts';
import type { GroupComparisonView } from '../domain/economics/view.ts';
import type { Viewer } from '../domain/organisation.ts';
import { getBenchmark, getEconomicsYears, listCostSharing, listSavingsScenarios } from '../store/economics.ts';
import { municipalityNames, requireGroup } from './common.ts';

/** The year with figures for the most members (the latest of those), else this year. */
export function defaultComparisonYear(records: ReadonlyArray<{ year: number }>): number {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best ? best[0] : new Date().getFullYear();
}

/** The comparison of group `id` for `year` (default: the year with figures for most members, see above). */
export async function getGroupComparison(db: Db, viewer: Viewer, id: number, year?: number): Promise<GroupComparisonView> {
  return db.transaction(async (tx) => {
    const group = await requireGroup(tx, id);
    const names = await municipalityNames(tx);
    // Members in Swedish alphabetical order, as the source reports list them (Bengtsfors, Färgelanda, Mellerud, Åmål).
    const members = [...group.members].sort((a, b) => (names[a] ?? a).localeCompare(names[b] ?? b, 'sv'));
    const y = year ?? defaultComparisonYear(await getEconomicsYears(tx, { municipalityCodes: members }));
    const naming = groupNaming(viewer, group, y, names);
    const view = groupComparison({
      group: { id: group.id, name: group.name, members, insideShares: group.insideShares },
      year: y,
      records: await getEconomicsYears(tx, { municipalityCodes: members, year: y }),
      benchmark: await getBenchmark(tx, y),
      scenarios: await listSavingsScenarios(tx, id, y),
      costSharing: await listCostSharing(tx, id, y),
      nameOf: naming.nameOf,
      named: naming.named,
    });
    return redactComparison(view, naming);
  });
}
