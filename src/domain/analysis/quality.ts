// Data-quality checks for imported or published figures (DOMAIN.md §5, §12): flagged, never silently
// published. Every check is pure and returns flags with a Swedish message; an empty list means no finding.
//
// - Percentages that do not add up to 100 (± tolerance, default 1 percentage point), e.g. Analysrapport 2024's
//   distributions summing to 86–94 % or 101 % (101 is within the default tolerance, 94 is not).
// - Totals that differ from the sum of their parts (± tolerance in the figures' own unit, default 1),
//   e.g. Förstudierapport gemensam it-organisation 2024 table 4 where Bengtsfors' "Besparingspotential" 2 782 000 kr is not the sum of its
//   cells (1 669 200 kr). Empty cells (null) count as 0; a null total is not checked.
// - Bases (n) that differ between questions that are presented together.
// - Shares of mentions of a multi-select question presented as shares of municipalities/respondents
//   (they then sum to 100 %, which a per-respondent share of a multi-select would not).
// - Money labelled in the wrong unit: a table headed "(tkr)" whose figures are kronor, e.g. VGR Analys 2025:40
//   table 2 ("Rekvirerade medel (tkr)" over 1 992 000 … 3 000 000 for a project of 3 000 000 kr).
import type { Base, DistributionFigure } from './types.ts';
import { sum } from './values.ts';

export type QualityFlagCode = 'PERCENT_SUM' | 'TOTAL_MISMATCH' | 'BASE_MISMATCH' | 'MENTIONS_AS_SHARE' | 'MONEY_UNIT';

/** What each flag means, in Swedish, for tables users see (the code stays for programs). */
export const QUALITY_FLAG_LABELS: Record<QualityFlagCode, string> = {
  PERCENT_SUM: 'Andelarna summerar inte till 100 %',
  TOTAL_MISMATCH: 'Summan stämmer inte med delarna',
  BASE_MISMATCH: 'Frågorna redovisas på olika bas',
  MENTIONS_AS_SHARE: 'Omnämnanden redovisade som andel av svarande',
  MONEY_UNIT: 'Beloppen är angivna i fel enhet',
};

export interface QualityFlag {
  code: QualityFlagCode;
  severity: 'warning';
  /** What the flag is about: a question, a table row or column. */
  subject: string;
  message: string;
  /** The value the parts imply (e.g. 100 % or the sum of the cells). */
  expected?: number;
  /** The value as published. */
  actual?: number;
  /** actual − expected. */
  difference?: number;
}

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const fmt = (x: number) => nf.format(x);

const BASE_SV: Record<Base, string> = { respondents: 'respondenterna', municipalities: 'kommunerna', mentions: 'omnämnandena' };

/** Flags percentages whose sum differs from 100 (or `expected`) by more than the tolerance. */
export function checkPercentSum(
  subject: string,
  percents: readonly (number | null)[],
  opts: { tolerance?: number; expected?: number } = {},
): QualityFlag | null {
  const tolerance = opts.tolerance ?? 1;
  const expected = opts.expected ?? 100;
  const vals = percents.filter((p): p is number => typeof p === 'number' && Number.isFinite(p));
  if (!vals.length) return null;
  const actual = sum(vals);
  const difference = actual - expected;
  if (Math.abs(difference) <= tolerance + 1e-9) return null;
  return {
    code: 'PERCENT_SUM',
    severity: 'warning',
    subject,
    message: `${subject}: andelarna summerar till ${fmt(actual)} %, inte ${fmt(expected)} % (tolerans ±${fmt(tolerance)}).`,
    expected,
    actual,
    difference,
  };
}

/** Flags a total that differs from the sum of its parts by more than the tolerance. */
export function checkTotal(
  subject: string,
  total: number | null,
  parts: readonly (number | null)[],
  tolerance = 1,
): QualityFlag | null {
  if (total === null || !Number.isFinite(total)) return null;
  const expected = sum(parts.map((p) => (typeof p === 'number' && Number.isFinite(p) ? p : 0)));
  const difference = total - expected;
  if (Math.abs(difference) <= tolerance + 1e-9) return null;
  return {
    code: 'TOTAL_MISMATCH',
    severity: 'warning',
    subject,
    message: `${subject}: angiven summa ${fmt(total)} stämmer inte med summan av delarna ${fmt(expected)} (differens ${fmt(difference)}).`,
    expected,
    actual: total,
    difference,
  };
}

export interface TotalRow {
  label: string;
  cells: readonly (number | null)[];
  total: number | null;
}

/** Checks each row's stated total against the sum of its cells. */
export function checkRowTotals(rows: readonly TotalRow[], tolerance = 1): QualityFlag[] {
  return rows.map((r) => checkTotal(r.label, r.total, r.cells, tolerance)).filter((f): f is QualityFlag => f !== null);
}

export interface TotalsTable {
  /** Column labels of the cells (without a totals column). */
  columns: readonly string[];
  /** Body rows; `total` is the row's value in the table's totals column, if any. */
  rows: readonly { label: string; cells: readonly (number | null)[]; total?: number | null }[];
  /** The table's totals row, if any: one cell per column, `total` its value in the totals column. */
  totals?: { label: string; cells: readonly (number | null)[]; total?: number | null };
}

/**
 * Checks a table in both directions: row totals against their cells, the totals row against the column
 * sums, and the grand total against both the sum of the row totals and the sum of the totals row.
 * Subjects are "row", "label / column" and "label (summa)".
 */
export function checkTableTotals(table: TotalsTable, tolerance = 1): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const push = (f: QualityFlag | null) => f && flags.push(f);
  for (const r of table.rows) push(checkTotal(r.label, r.total ?? null, r.cells, tolerance));
  const t = table.totals;
  if (t) {
    table.columns.forEach((col, j) =>
      push(checkTotal(`${t.label} / ${col}`, t.cells[j] ?? null, table.rows.map((r) => r.cells[j] ?? null), tolerance)),
    );
    const grand = t.total ?? null;
    push(checkTotal(`${t.label} (summa av raden)`, grand, t.cells, tolerance));
    if (table.rows.every((r) => r.total !== undefined && r.total !== null))
      push(checkTotal(`${t.label} (summa av kolumnen)`, grand, table.rows.map((r) => r.total ?? null), tolerance));
  }
  return flags;
}

/** Flags questions presented together whose bases (n, and the kind of base) differ. */
export function checkBases(figures: readonly { subject: string; n: number; base?: Base }[]): QualityFlag[] {
  if (figures.length < 2) return [];
  const ns = new Set(figures.map((f) => f.n));
  const bases = new Set(figures.map((f) => f.base ?? ''));
  if (ns.size <= 1 && bases.size <= 1) return [];
  const list = figures.map((f) => `${f.subject} (n = ${f.n}${f.base ? `, ${BASE_SV[f.base]}` : ''})`).join('; ');
  return [
    {
      code: 'BASE_MISMATCH',
      severity: 'warning',
      subject: figures.map((f) => f.subject).join(', '),
      message: `Frågorna redovisas på olika bas: ${list}.`,
    },
  ];
}

export interface PublishedDistribution {
  subject: string;
  /** The base the figure claims. */
  base: Base;
  /** True for a multi-select question. */
  multi?: boolean;
  percents: readonly (number | null)[];
}

/**
 * Checks a published/imported distribution: single-choice and mentions-based figures must sum to 100;
 * a multi-select figure that claims a per-respondent/municipality base but sums to 100 is flagged as
 * shares of mentions presented as shares of municipalities.
 */
export function checkPublishedDistribution(fig: PublishedDistribution, tolerance = 1): QualityFlag[] {
  if (fig.multi && fig.base !== 'mentions') {
    const s = sum(fig.percents.filter((p): p is number => typeof p === 'number' && Number.isFinite(p)));
    if (Math.abs(s - 100) <= tolerance + 1e-9)
      return [
        {
          code: 'MENTIONS_AS_SHARE',
          severity: 'warning',
          subject: fig.subject,
          message: `${fig.subject}: andelarna för en flervalsfråga summerar till ${fmt(s)} % – som andelar av alla omnämnanden (förväntat 100 %) – men redovisas som andel av ${BASE_SV[fig.base]}.`,
          expected: 100,
          actual: s,
          difference: s - 100,
        },
      ];
    return [];
  }
  const f = checkPercentSum(fig.subject, fig.percents, { tolerance });
  return f ? [f] : [];
}

/** Runs the checks on computed distributions: percent sums per figure and bases across the figures. */
export function checkDistributions(figs: readonly DistributionFigure[], tolerance = 1): QualityFlag[] {
  const flags: QualityFlag[] = [];
  for (const f of figs) {
    if (f.n === 0 || f.itemType === 'text' || f.itemType === 'number') continue;
    const subject = f.groupKey === null ? f.itemId : `${f.itemId} (${f.groupKey})`;
    const pf = checkPercentSum(subject, [...f.options, ...f.dontKnow].map((o) => o.percent), { tolerance });
    if (pf) flags.push(pf);
  }
  // Bases are compared between the questions of the same group (overall, or the same municipality …).
  const groups = new Map<string, DistributionFigure[]>();
  for (const f of figs) {
    if (f.base === 'mentions' || f.itemType === 'text') continue;
    const k = `${f.groupBy}\u0000${f.groupKey ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  for (const g of groups.values())
    flags.push(
      ...checkBases(g.map((f) => ({ subject: f.groupKey === null ? f.itemId : `${f.itemId} (${f.groupKey})`, n: f.n, base: f.base }))),
    );
  return flags;
}

/** The unit a table states its money in. */
export type MoneyUnit = 'kr' | 'tkr' | 'mnkr';
const UNIT_FACTOR: Record<MoneyUnit, number> = { kr: 1, tkr: 1_000, mnkr: 1_000_000 };
const UNIT_SV: Record<MoneyUnit, string> = { kr: 'kronor', tkr: 'tusen kronor (tkr)', mnkr: 'miljoner kronor (mnkr)' };

/**
 * Flags money stated in `unit` when a known total in kronor (e.g. the decided grant) shows that the figures
 * are in another unit: the stated total read in `unit` differs from the known total by more than a factor
 * of ten, while one of the other units matches it within ±1 %. Null when consistent or undecidable.
 */
export function checkMoneyUnit(subject: string, unit: MoneyUnit, statedTotal: number | null, knownTotalKr: number | null): QualityFlag | null {
  if (statedTotal === null || knownTotalKr === null || !(statedTotal > 0) || !(knownTotalKr > 0)) return null;
  const asStated = statedTotal * UNIT_FACTOR[unit];
  if (Math.abs(asStated - knownTotalKr) <= knownTotalKr * 0.01) return null;
  const actual = (Object.keys(UNIT_FACTOR) as MoneyUnit[]).find((u) => u !== unit && Math.abs(statedTotal * UNIT_FACTOR[u] - knownTotalKr) <= knownTotalKr * 0.01);
  if (!actual) return null;
  return {
    code: 'MONEY_UNIT',
    severity: 'warning',
    subject,
    message: `${subject}: beloppen anges i ${UNIT_SV[unit]} men är i ${UNIT_SV[actual]} (summan ${fmt(statedTotal)} ${unit} skulle vara ${fmt(asStated)} kr; känd summa ${fmt(knownTotalKr)} kr).`,
    expected: knownTotalKr,
    actual: asStated,
    difference: asStated - knownTotalKr,
  };
}

/**
 * Flags shares of a multi-select question presented as shares of N answering municipalities when a share
 * is no whole number of them (k / N × 100, ± 0,5 percentage points of rounding): it cannot be a share of
 * those municipalities, so the base is most likely all mentions (MENTIONS_AS_SHARE). E.g. Analysrapport
 * 2024 figure 9: "33 % av kommunerna har ett digitaliseringsråd" of 11 municipalities (3/11 = 27,3 %, 4/11 = 36,4 %).
 */
export function checkShareOfMunicipalities(subject: string, percents: readonly number[], municipalities: number): QualityFlag | null {
  if (!(municipalities > 0)) return null;
  const step = 100 / municipalities;
  for (const p of percents) {
    const nearest = Math.round(p / step) * step;
    if (Math.abs(p - nearest) > 0.5 + 1e-9)
      return {
        code: 'MENTIONS_AS_SHARE',
        severity: 'warning',
        subject,
        message: `${subject}: ${fmt(p)} % går inte att få som andel av ${municipalities} kommuner (närmaste möjliga ${fmt(nearest)} %) – troligen är basen alla omnämnanden.`,
        expected: nearest,
        actual: p,
        difference: p - nearest,
      };
  }
  return null;
}
