// A savings scenario (Förstudierapport 4D tabell 4): a percentage per local budget category applied to
// each member's budget line of that category in the scenario's year, each cell rounded to whole kronor;
// sums per municipality, per category and in total are sums of the rounded cells. A published table is
// checked against the cells (quality.ts). Pure.
import { sum } from './amounts.ts';
import { publishedSavingsFlags } from './quality.ts';
import { DEFAULT_CATEGORIES, type EconomicsYear, type SavingsScenarioInput } from './schema.ts';
import type { SavingsView } from './view.ts';
import type { NameOf } from './year.ts';

/** A category's label: the default's, else the first budget line's that names it, else its id. */
export function categoryLabel(category: string, records: readonly EconomicsYear[]): string {
  return (
    DEFAULT_CATEGORIES.find((c) => c.id === category)?.label ??
    records.flatMap((r) => r.budgetLines).find((l) => l.category === category)?.label ??
    category
  );
}

/** A savings scenario over the members' budget lines of its year (per cell rounded to whole kronor). */
export function savingsView(scenario: SavingsScenarioInput & { id: number }, records: readonly EconomicsYear[], nameOf: NameOf): SavingsView {
  const ofYear = records.filter((r) => r.year === scenario.year);
  const labelOf = (category: string) => categoryLabel(category, ofYear);
  const cells = ofYear.flatMap((r) =>
    scenario.percentages.map((p) => {
      const base = sum(r.budgetLines.filter((l) => l.category === p.category).map((l) => l.amount));
      return { municipalityCode: r.municipalityCode, municipality: nameOf(r.municipalityCode), category: p.category, base, saving: Math.round((base * p.percent) / 100) };
    }),
  );
  const total = sum(cells.map((c) => c.saving));
  return {
    scenarioId: scenario.id,
    name: scenario.name,
    year: scenario.year,
    percentages: scenario.percentages.map((p) => ({ category: p.category, label: labelOf(p.category), percent: p.percent })),
    cells,
    perMunicipality: ofYear.map((r) => ({
      municipalityCode: r.municipalityCode,
      municipality: nameOf(r.municipalityCode),
      saving: sum(cells.filter((c) => c.municipalityCode === r.municipalityCode).map((c) => c.saving)),
    })),
    perCategory: scenario.percentages.map((p) => ({
      category: p.category,
      label: labelOf(p.category),
      saving: sum(cells.filter((c) => c.category === p.category).map((c) => c.saving)),
    })),
    total,
    source: scenario.source,
    note: scenario.note,
    synthesised: scenario.synthesised,
    flags: publishedSavingsFlags(scenario, { cells, total }, nameOf, labelOf),
  };
}
