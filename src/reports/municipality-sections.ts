// The delrapport's "IT-ekonomi" and "Risker" sections' data for the municipalities of a round: the
// municipality's economics year (the latest year up to the round's year, else the latest), the
// comparison of a group it belongs to for that year (its other members are anonymised in the section)
// and its risks (own register and the group registers it is assessed in) with its 4 × 4 matrix. Read as
// the association reads them: a delrapport is for the municipality itself and the association.
import type { Queryable } from '../db/db.ts';
import { groupComparison } from '../domain/economics/compute.ts';
import { nameOfCodes } from '../domain/economics/policy.ts';
import type { GroupComparisonView } from '../domain/economics/view.ts';
import type { EconomicsSectionInput } from '../domain/reports/economics.ts';
import type { RisksSectionInput } from '../domain/reports/risks.ts';
import { currentFor, riskMatrix } from '../domain/risk/assess.ts';
import type { RiskViewer } from '../domain/risk/policy.ts';
import { namedViews } from '../economics/get-economics.ts';
import { lookup, viewFor } from '../risks/common.ts';
import { getBenchmark, getEconomicsYears, listCostSharing, listSavingsScenarios } from '../store/economics.ts';
import { listGroups } from '../store/groups.ts';
import { listRiskRecords } from '../store/risks.ts';

export interface MunicipalitySections {
  economics: EconomicsSectionInput | null;
  risks: RisksSectionInput | null;
}

const ASSOCIATION_VIEW: RiskViewer = { role: 'forbundsadmin', municipalities: [] };

/** The economics year a delrapport of a round in `roundYear` shows: the latest ≤ roundYear, else the latest. */
export function economicsYearFor(years: readonly number[], roundYear: number): number | null {
  if (!years.length) return null;
  const upTo = years.filter((y) => y <= roundYear);
  return upTo.length ? Math.max(...upTo) : Math.max(...years);
}

export async function loadMunicipalitySections(
  db: Queryable,
  codes: readonly string[],
  roundYear: number,
  names: Readonly<Record<string, string>>,
): Promise<Record<string, MunicipalitySections>> {
  const out: Record<string, MunicipalitySections> = {};
  if (!codes.length) return out;
  const records = await getEconomicsYears(db, { municipalityCodes: codes });
  const groups = records.length ? await listGroups(db) : [];
  const comparisons = new Map<string, GroupComparisonView | null>();
  /**
   * The comparison of a group the municipality belongs to, for that year: the one with figures for the most
   * members (a group with only the municipality's figures still gives its published inside/outside shares).
   */
  const comparisonFor = async (code: string, year: number): Promise<GroupComparisonView | null> => {
    let best: GroupComparisonView | null = null;
    for (const g of groups.filter((x) => x.members.includes(code))) {
      const key = `${g.id}:${year}`;
      if (!comparisons.has(key)) {
        const members = await getEconomicsYears(db, { municipalityCodes: g.members, year });
        comparisons.set(
          key,
          !members.length
            ? null
            : groupComparison({
                group: { id: g.id, name: g.name, members: g.members, insideShares: g.insideShares },
                year,
                records: members,
                benchmark: await getBenchmark(db, year),
                scenarios: await listSavingsScenarios(db, g.id, year),
                costSharing: await listCostSharing(db, g.id, year),
                nameOf: nameOfCodes(names),
                named: true,
              }),
        );
      }
      const c = comparisons.get(key) ?? null;
      if (c && (!best || c.members.length > best.members.length)) best = c;
    }
    // A delrapport names only its own municipality: a group named after other members is "jämförelsegruppen".
    const namesOthers = (group: string) => Object.entries(names).some(([c, n]) => c !== code && group.includes(n));
    return best && namesOthers(best.group) ? { ...best, group: 'jämförelsegruppen' } : best;
  };
  const l = await lookup(db);
  for (const code of codes) {
    const own = records.filter((r) => r.municipalityCode === code);
    const year = economicsYearFor(own.map((r) => r.year), roundYear);
    let economics: EconomicsSectionInput | null = null;
    if (year !== null) {
      const [view] = await namedViews(db, own.filter((r) => r.year === year), names);
      economics = { view, group: await comparisonFor(code, year), roundYear };
    }
    const riskRecords = await listRiskRecords(db, { municipalityCode: code });
    const name = names[code] ?? code;
    const risks: RisksSectionInput | null = riskRecords.length
      ? {
          municipality: { code, name },
          risks: riskRecords.map((r) => viewFor(ASSOCIATION_VIEW, r, l)),
          matrix: riskMatrix(
            { code, name },
            riskRecords.map((r) => ({ riskId: r.id, assessment: currentFor(r, r.scope.kind === 'municipality' ? null : code)?.assessment ?? null })),
            l.seriousAbove,
          ),
          seriousAbove: l.seriousAbove,
        }
      : null;
    out[code] = { economics, risks };
  }
  return out;
}
