// Data-quality flags of the economics figures (issue 12, Deliver 3): totals checked against their parts,
// a published savings table checked cell by cell and total by total (naming a published figure that is
// another percentage than its cells, as Förstudierapport 4D tabell 4 is), missing net cost, charges that
// cannot be split. Swedish messages naming both figures. Pure.
import { percentOf, sameAmount, sum } from './amounts.ts';
import { formatPercent, formatSek } from './format.ts';
import type { CostSharingInput, EconomicsYear, SavingsScenarioInput } from './schema.ts';
import type { QualityFlag } from './view.ts';

const flag = (f: QualityFlag): QualityFlag => f;

/** The flags of one municipality-year: stated total vs parts, pools vs budget, missing figures. */
export function yearFlags(record: EconomicsYear, name: string): QualityFlag[] {
  const who = `${name} ${record.year}`;
  const code = record.municipalityCode;
  const flags: QualityFlag[] = [];
  const budget = record.budgetLines.length > 0 ? sum(record.budgetLines.map((l) => l.amount)) : null;
  const pools = record.pools.length > 0 ? sum(record.pools.map((p) => p.amount)) : null;

  const parts = budget !== null ? { amount: budget, what: 'summan av budgetraderna' } : pools !== null ? { amount: pools, what: 'summan av kostnadspoolerna' } : null;
  if (record.statedTotal && parts && !sameAmount(record.statedTotal.amount, parts.amount)) {
    const stated = record.statedTotal.amount;
    flags.push(flag({
      code: 'total_mismatch',
      severity: 'warning',
      message: `${who}: den angivna totalsumman ${formatSek(stated)} stämmer inte med ${parts.what} ${formatSek(parts.amount)} (skillnad ${formatSek(Math.abs(stated - parts.amount))}).`,
      stated,
      computed: parts.amount,
      municipalityCode: code,
    }));
  }
  if (budget !== null && pools !== null && !sameAmount(budget, pools)) {
    flags.push(flag({
      code: 'pools_vs_budget',
      severity: 'warning',
      message: `${who}: summan av kostnadspoolerna ${formatSek(pools)} stämmer inte med summan av budgetraderna ${formatSek(budget)}; it-kostnaden räknas på poolerna.`,
      stated: pools,
      computed: budget,
      municipalityCode: code,
    }));
  }
  if (!record.netCost || record.netCost.amount <= 0) {
    flags.push(flag({
      code: 'missing_net_cost',
      severity: 'warning',
      message: `${who}: verksamhetens nettokostnad ${record.netCost ? 'är 0 kr' : 'saknas'}, så it-kostnadens andel av nettokostnaden och budgeten vid riktmärket kan inte beräknas.`,
      municipalityCode: code,
    }));
  }
  if (budget === null && pools === null && !record.statedTotal) {
    flags.push(flag({
      code: 'missing_it_cost',
      severity: 'warning',
      message: `${who}: inga it-kostnader är angivna (varken kostnadspooler, budgetrader eller totalsumma).`,
      municipalityCode: code,
    }));
  }
  return flags;
}

const WORDS = ['noll', 'en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'];
/** "kategorin It-tjänster" / "de fyra kategorierna". */
const categoriesPhrase = (labels: readonly string[]) =>
  labels.length === 1 ? `kategorin ${labels[0]}` : `de ${WORDS[labels.length] ?? String(labels.length)} kategorierna`;

/**
 * The whole percentage `published` is of `base`, when it is exactly that (within `tolerance` kronor of
 * rounding) and not the percentage the cells use; else null. 2 782 000 of 5 564 000 → 50.
 */
export function impliedPercent(published: number, base: number, cellPercent: number | null, tolerance: number): number | null {
  if (base <= 0 || published <= 0) return null;
  const p = Math.round(percentOf(published, base));
  if (p <= 0 || p === cellPercent) return null;
  return Math.abs((base * p) / 100 - published) <= tolerance ? p : null;
}

export interface ComputedSavings {
  cells: ReadonlyArray<{ municipalityCode: string; category: string; base: number; saving: number }>;
  total: number;
}

/**
 * A published savings table (as printed) against samverka's computation: every published cell, every
 * published municipality total (vs the sum of that municipality's cells) and the published total.
 */
export function publishedSavingsFlags(
  scenario: Pick<SavingsScenarioInput, 'published' | 'percentages'>,
  computed: ComputedSavings,
  nameOf: (code: string) => string,
  labelOf: (category: string) => string,
): QualityFlag[] {
  const published = scenario.published;
  if (!published) return [];
  const flags: QualityFlag[] = [];
  const percents = [...new Set(scenario.percentages.map((p) => p.percent))];
  const cellPercent = percents.length === 1 ? percents[0] : null;
  const cellsAre =
    cellPercent !== null
      ? `cellerna är ${formatPercent(cellPercent)}`
      : `cellerna räknas med scenariots procentsatser (${scenario.percentages.map((p) => `${labelOf(p.category)} ${formatPercent(p.percent)}`).join(', ')})`;
  const labels = scenario.percentages.map((p) => labelOf(p.category));
  const implied = (stated: number, base: number, cells: number) => {
    const p = impliedPercent(stated, base, cellPercent, Math.max(1, cells));
    return p === null
      ? ''
      : ` Den publicerade siffran ser ut att vara ${formatPercent(p)} av ${categoriesPhrase(labels)} (${formatSek(base)}) medan ${cellsAre}.`;
  };
  const percentOfCategory = (category: string) => scenario.percentages.find((x) => x.category === category)?.percent ?? 0;
  const ownCells = (code: string) => computed.cells.filter((c) => c.municipalityCode === code);

  for (const p of published.cells) {
    const cell = computed.cells.find((c) => c.municipalityCode === p.municipalityCode && c.category === p.category);
    const mine = cell?.saving ?? 0;
    if (sameAmount(p.amount, mine)) continue;
    const p2 = cell ? impliedPercent(p.amount, cell.base, cellPercent, 1) : null;
    flags.push({
      code: 'published_savings_mismatch',
      severity: 'warning',
      message:
        `${nameOf(p.municipalityCode)}, ${labelOf(p.category)}: den publicerade besparingen ${formatSek(p.amount)} stämmer inte med den beräknade ${formatSek(mine)}` +
        (cell ? ` (${formatPercent(percentOfCategory(p.category))} av ${formatSek(cell.base)})` : ' (kategorin eller kommunen saknas i underlaget)') +
        '.' +
        (p2 === null ? '' : ` Den publicerade siffran är ${formatPercent(p2)} av ${formatSek(cell?.base ?? 0)}.`) +
        ' Scenariot använder de beräknade cellerna.',
      stated: p.amount,
      computed: mine,
      municipalityCode: p.municipalityCode,
    });
  }

  for (const t of published.municipalityTotals) {
    const cells = ownCells(t.municipalityCode);
    const mine = sum(cells.map((c) => c.saving));
    if (sameAmount(t.amount, mine)) continue;
    flags.push({
      code: 'published_savings_mismatch',
      severity: 'warning',
      message:
        `${nameOf(t.municipalityCode)}: den publicerade besparingspotentialen ${formatSek(t.amount)} stämmer inte med summan av cellerna ${formatSek(mine)}.` +
        implied(t.amount, sum(cells.map((c) => c.base)), cells.length) +
        ' Scenariot använder cellerna.',
      stated: t.amount,
      computed: mine,
      municipalityCode: t.municipalityCode,
    });
  }

  if (published.total !== null && !sameAmount(published.total, computed.total)) {
    flags.push({
      code: 'published_savings_mismatch',
      severity: 'warning',
      message:
        `Den publicerade totalsumman ${formatSek(published.total)} stämmer inte med summan av cellerna ${formatSek(computed.total)}.` +
        implied(published.total, sum(computed.cells.map((c) => c.base)), computed.cells.length) +
        ' Scenariot använder cellerna.',
      stated: published.total,
      computed: computed.total,
    });
  }
  return flags;
}

/** Cost-sharing flags: no members, charges no member has a quantity for, quantities that are not used. */
export function costSharingFlags(model: CostSharingInput, members: readonly string[], nameOf: (code: string) => string): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (members.length === 0 && model.baseAmount > 0) {
    flags.push({
      code: 'no_members',
      severity: 'error',
      message: `Grundbeloppet ${formatSek(model.baseAmount)} kan inte fördelas: gruppen har inga kommuner.`,
      stated: model.baseAmount,
      computed: 0,
    });
  }
  for (const c of model.charges) {
    const quantity = sum(model.quantities.filter((q) => q.driver === c.driver && members.includes(q.municipalityCode)).map((q) => q.quantity));
    if (c.amount > 0 && quantity <= 0) {
      flags.push({
        code: 'unsplittable_charge',
        severity: 'error',
        message: `Avgiften ${c.label} (${formatSek(c.amount)}) kan inte fördelas: ingen kommun har någon mängd för fördelningsnyckeln, så den ingår inte i kommunernas avgifter (fördelat 0 kr).`,
        stated: c.amount,
        computed: 0,
      });
    }
  }
  const drivers = new Set(model.charges.map((c) => c.driver));
  for (const q of model.quantities) {
    if (q.quantity === 0) continue;
    if (!members.includes(q.municipalityCode)) {
      flags.push({
        code: 'unused_quantity',
        severity: 'warning',
        message: `Mängden ${q.quantity} för ${nameOf(q.municipalityCode)} (${q.driver}) används inte: kommunen ingår inte i gruppen.`,
        municipalityCode: q.municipalityCode,
      });
    } else if (!drivers.has(q.driver)) {
      flags.push({
        code: 'unused_quantity',
        severity: 'warning',
        message: `Mängden ${q.quantity} för ${nameOf(q.municipalityCode)} används inte: fördelningsnyckeln ${q.driver} har ingen avgift.`,
        municipalityCode: q.municipalityCode,
      });
    }
  }
  return flags;
}
