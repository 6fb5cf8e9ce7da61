// The published tables of the Förstudierapport (2024) as they are pasted into a workbook: a header cell
// "Kostnadskategori" (tabell 3: budget per category × municipality, row "Totalsumma"), "Utgiftspost"
// (tabell 4: the savings per category × municipality, row "Besparingspotential:") or "Kategori" (tabell 5:
// IT cost, net cost, share, budget at the benchmark, increase). Municipality columns in any order, amounts as
// "3 245 000 kr" or numbers; the year from --year, the sheet's name or a cell. Stated totals and figures are
// kept as printed and checked against what samverka computes from the parts (a warning naming both). Pure.
import { budgetLine, DEFAULT_CATEGORIES, percent, savingsScenarioInput, type TbmPool } from './schema.ts';
import {
  cellText,
  columnLetter,
  Findings,
  budgetLineFrom,
  defaultCategory,
  isBlank,
  kr,
  municipalityAt,
  norm,
  parseAmount,
  parsePercent,
  pct,
  slug,
  yearIn,
  type CellRef,
  type Drafts,
  type ImportContext,
  type SheetRows,
} from './import-cells.ts';
import type { ImportedScenario, SheetKind, SheetSummary } from './import.ts';

const HEADER_KINDS: Record<string, SheetKind> = { kostnadskategori: 'table3', utgiftspost: 'table4', kategori: 'table5' };
const TOTAL = /^(totalsumma|totalt|summa|total)$/;

/** The published table on a sheet: its kind and header row index, if its first header cell names one. */
export function findHeader(sheet: SheetRows): { kind: SheetKind; header: number } | null {
  for (let i = 0; i < Math.min(sheet.rows.length, 30); i++) {
    const first = sheet.rows[i].cells.find((c) => !isBlank(c));
    const kind = HEADER_KINDS[norm(cellText(first)).replace(/:$/, '')];
    if (kind) return { kind, header: i };
  }
  return null;
}

interface Table {
  headerRow: number;
  /** Column index → municipality code (columns whose name was not usable are left out). */
  municipalities: Map<number, string>;
  totalColumn: number | null;
  /** The data rows: from below the header to the first blank row or caption. */
  rows: Array<{ row: number; label: string; cells: SheetRows['rows'][number]['cells'] }>;
  year: number | null;
  source: string;
  /** The caption ("Tabell 4 – …"), if the sheet has one. */
  caption: string;
  ref: (row: number, col: number) => CellRef;
}

function readTable(sheet: SheetRows, headerIndex: number, ctx: ImportContext, found: Findings): Table {
  const header = sheet.rows[headerIndex];
  const labelColumn = header.cells.findIndex((c) => !isBlank(c));
  const titles = header.cells.map(cellText);
  const ref = (row: number, col: number): CellRef => ({ sheet: sheet.name, row, column: titles[col] || null, cell: `${columnLetter(col)}${row}` });
  const municipalities = new Map<number, string>();
  let totalColumn: number | null = null;
  titles.forEach((t, i) => {
    if (i <= labelColumn || !t) return;
    if (TOTAL.test(norm(t))) return void (totalColumn = i);
    const code = municipalityAt(t, ctx, ref(header.row, i), found);
    if (!code) return;
    if ([...municipalities.values()].includes(code)) found.error(ref(header.row, i), `Kommunen ${t} har redan en kolumn`);
    else municipalities.set(i, code);
  });
  const rows: Table['rows'] = [];
  let prev = header.row;
  for (const r of sheet.rows.slice(headerIndex + 1)) {
    const label = cellText(r.cells[labelColumn]);
    if (r.row !== prev + 1 || /^tabell\s*\d/i.test(label) || (!label && r.cells.every(isBlank))) break;
    prev = r.row;
    if (label) rows.push({ row: r.row, label, cells: r.cells });
  }
  const texts = sheet.rows.flatMap((r) => r.cells.filter((c): c is string => typeof c === 'string'));
  const caption = texts.find((t) => /^tabell\s*\d/i.test(t.trim()))?.trim() ?? '';
  const sourceCell = texts.find((t) => /^källa\s*:/i.test(t.trim()));
  const source = (sourceCell?.trim().replace(/^källa\s*:\s*/i, '') || caption || `Importerad från ${ctx.fileName ?? 'fil'}, blad ${sheet.name}`).slice(0, 300);
  const year = ctx.year ?? yearIn(sheet.name) ?? texts.map(yearIn).find((y) => y !== null) ?? null;
  if (year === null) found.error({ sheet: sheet.name, row: header.row, column: null }, 'Året kunde inte avgöras: skriv det i bladets namn eller ange --year');
  return { headerRow: header.row, municipalities, totalColumn, rows, year, source, caption, ref };
}

/** The category a published row names: a default one, else the municipality's own (pool Annat) with a warning. */
function rowCategory(label: string, at: CellRef, found: Findings): { category: string; label: string; pool: TbmPool } | null {
  const known = defaultCategory(label);
  if (known) return { category: known.id, label: known.label, pool: known.pool };
  const id = slug(label);
  if (!id) {
    found.error(at, `"${label}" är ingen kategori`);
    return null;
  }
  found.warn(at, { code: 'custom_category', severity: 'warning', message: `Kategorin "${label}" är ingen standardkategori; den importeras som egen kategori i kostnadspoolen Annat (ändra poolen i mallen vid behov)` });
  return budgetLineFrom(id, label.replace(/^\d+\.\s*/, ''), 'annat', () => at, found);
}

function amountCell(t: Table, r: Table['rows'][number], col: number, found: Findings): number | null {
  const a = parseAmount(r.cells[col]);
  if (!a.ok) {
    found.error(t.ref(r.row, col), a.message);
    return null;
  }
  return a.value;
}

const mismatch = (at: CellRef, what: string, stated: number, computed: number, found: Findings, code = 'total_mismatch', municipalityCode?: string) =>
  found.warn(at, {
    code,
    severity: 'warning',
    message: `${what}: tabellen anger ${kr(stated)} men delarna summerar till ${kr(computed)}`,
    stated,
    computed,
    ...(municipalityCode ? { municipalityCode } : {}),
  });

/** Tabell 3: a budget line per category and municipality; "Totalsumma" becomes the stated total, checked against the lines. */
export function readTable3(sheet: SheetRows, headerIndex: number, ctx: ImportContext, drafts: Drafts, found: Findings): SheetSummary {
  const t = readTable(sheet, headerIndex, ctx, found);
  const summary: SheetSummary = { sheet: sheet.name, kind: 'table3', label: 'Publicerad tabell: it-budget per kategori (tabell 3)', rows: t.rows.length, accepted: 0 };
  const sums = new Map<string, number>();
  let columnSum = 0;
  for (const r of t.rows) {
    const before = found.errors.length;
    const rowAt: CellRef = { sheet: sheet.name, row: r.row, column: null };
    if (TOTAL.test(norm(r.label))) {
      for (const [col, code] of t.municipalities) {
        const stated = amountCell(t, r, col, found);
        if (stated === null || t.year === null) continue;
        const d = drafts.get(code, t.year);
        const at = t.ref(r.row, col);
        const checked = found.check(budgetLine.shape.amount, stated, at, () => at);
        if (checked === null) continue;
        d.statedTotal = { value: { amount: stated, source: t.source, note: r.label }, at };
        const parts = sums.get(code) ?? 0;
        if (Math.abs(parts - stated) > 0.5) mismatch(at, `${r.label} för ${cellText(sheet.rows[headerIndex].cells[col])}`, stated, parts, found, 'total_mismatch', code);
      }
      if (t.totalColumn !== null) {
        const stated = amountCell(t, r, t.totalColumn, found);
        if (stated !== null && Math.abs(stated - columnSum) > 0.5) mismatch(t.ref(r.row, t.totalColumn), r.label, stated, columnSum, found);
      }
    } else {
      const cat = rowCategory(r.label, rowAt, found);
      let rowSum = 0;
      for (const [col, code] of t.municipalities) {
        const amount = amountCell(t, r, col, found);
        if (amount === null || !cat || t.year === null) continue;
        const at = t.ref(r.row, col);
        const line = found.check(budgetLine, { ...cat, amount, source: t.source, note: '' }, at, () => at);
        if (!line) continue;
        drafts.get(code, t.year).budgetLines.push({ line, at });
        sums.set(code, (sums.get(code) ?? 0) + amount);
        rowSum += amount;
        columnSum += amount;
      }
      if (t.totalColumn !== null) {
        const stated = amountCell(t, r, t.totalColumn, found);
        if (stated !== null && Math.abs(stated - rowSum) > 0.5) mismatch(t.ref(r.row, t.totalColumn), `Totalen för ${r.label}`, stated, rowSum, found);
      }
    }
    if (found.errors.length === before) summary.accepted++;
  }
  return summary;
}

/** Tabell 5 as printed, per municipality: checked against what samverka computes once all sheets are read. */
export interface Table5Statement {
  code: string;
  year: number;
  source: string;
  itCost?: { amount: number; at: CellRef; label: string };
  share?: { value: number; at: CellRef };
  atBenchmark?: { amount: number; at: CellRef };
  change?: { amount: number; at: CellRef };
  benchmarkShare: number;
  netCostAt?: CellRef;
}
export interface Table4Statement {
  sheet: string;
  year: number;
  source: string;
  caption: string;
  headerAt: CellRef;
  cells: Array<{ municipalityCode: string; category: string; amount: number }>;
  municipalityTotals: Array<{ municipalityCode: string; amount: number }>;
  total: number | null;
  categories: string[];
  members: string[];
}
export interface PublishedStatements {
  table5: Table5Statement[];
  table4: Table4Statement[];
  /** Stated totals of tabell 5's "Totalt" column: checked against the municipalities' figures. */
  table5Totals?: Array<{ label: string; stated: number; at: CellRef; of: (s: Table5Statement) => number | undefined }>;
}

type Row5 = 'itCost' | 'netCost' | 'share' | 'atBenchmark' | 'change';
function row5(label: string): Row5 | null {
  const n = norm(label);
  if (n.includes('andel')) return 'share';
  if (/riksnitt|rikssnitt|riktmärke/.test(n)) return 'atBenchmark';
  if (/kostnadsökning|förändring/.test(n)) return 'change';
  if (n.includes('nettokostnad')) return 'netCost';
  if (/it-enhetens kostnader|it-kostnad/.test(n)) return 'itCost';
  return null;
}

/** Tabell 5: the municipality's net cost (stored), and the stated IT cost, share and benchmark figures (checked). */
export function readTable5(sheet: SheetRows, headerIndex: number, ctx: ImportContext, drafts: Drafts, statements: PublishedStatements, found: Findings): SheetSummary {
  const t = readTable(sheet, headerIndex, ctx, found);
  const summary: SheetSummary = { sheet: sheet.name, kind: 'table5', label: 'Publicerad tabell: nettokostnad och riktmärke (tabell 5)', rows: t.rows.length, accepted: 0 };
  const byCode = new Map<string, Table5Statement>();
  const totals: NonNullable<PublishedStatements['table5Totals']> = (statements.table5Totals ??= []);
  for (const r of t.rows) {
    const before = found.errors.length;
    const kind = row5(r.label);
    if (!kind) {
      found.warn({ sheet: sheet.name, row: r.row, column: null }, { code: 'row_ignored', severity: 'warning', message: `Raden "${r.label}" känns inte igen och läses inte` });
      continue;
    }
    const bm = /\(([\d,.]+)\s*%\)/.exec(r.label);
    for (const [col, code] of t.municipalities) {
      if (t.year === null) break;
      const at = t.ref(r.row, col);
      const s = byCode.get(code) ?? { code, year: t.year, source: t.source, benchmarkShare: 2.5 };
      byCode.set(code, s);
      if (kind === 'share') {
        const p = parsePercent(r.cells[col]);
        if (!p.ok) found.error(at, p.message);
        else if (p.value !== null && found.check(percent, p.value, at, () => at) !== null) s.share = { value: p.value, at };
        continue;
      }
      const amount = amountCell(t, r, col, found);
      if (amount === null) continue;
      if (found.check(budgetLine.shape.amount, amount, at, () => at) === null) continue;
      if (kind === 'netCost') {
        const d = drafts.get(code, t.year);
        if (d.netCost) found.error(at, `Nettokostnaden för ${t.year} finns redan (${d.netCost.at.sheet}, rad ${d.netCost.at.row})`);
        else d.netCost = { value: { amount, source: t.source, note: r.label }, at };
        s.netCostAt = at;
      } else if (kind === 'itCost') s.itCost = { amount, at, label: r.label };
      else if (kind === 'atBenchmark') {
        s.atBenchmark = { amount, at };
        if (bm) s.benchmarkShare = Number(bm[1].replace(',', '.'));
      } else s.change = { amount, at };
    }
    if (t.totalColumn !== null && kind !== 'share') {
      const stated = amountCell(t, r, t.totalColumn, found);
      const of = (s: Table5Statement) =>
        kind === 'netCost' ? (s.netCostAt ? (drafts.get(s.code, s.year).netCost?.value.amount ?? undefined) : undefined) : s[kind]?.amount;
      if (stated !== null) totals.push({ label: r.label, stated, at: t.ref(r.row, t.totalColumn), of });
    }
    if (found.errors.length === before) summary.accepted++;
  }
  statements.table5.push(...byCode.values());
  return summary;
}

/** Tabell 4: the savings per category and municipality and "Besparingspotential" as printed (kept in `published`). */
export function readTable4(sheet: SheetRows, headerIndex: number, ctx: ImportContext, statements: PublishedStatements, found: Findings): SheetSummary {
  const t = readTable(sheet, headerIndex, ctx, found);
  const summary: SheetSummary = { sheet: sheet.name, kind: 'table4', label: 'Publicerad tabell: besparingsscenario (tabell 4)', rows: t.rows.length, accepted: 0 };
  const headerAt: CellRef = { sheet: sheet.name, row: t.headerRow, column: null };
  if (ctx.mayImportScenarios === false) {
    found.error(headerAt, 'Bara förbundsadmin kan importera ett besparingsscenario för en grupp av kommuner');
    return summary;
  }
  if (t.year === null) return summary;
  const st: Table4Statement = { sheet: sheet.name, year: t.year, source: t.source, caption: t.caption, headerAt, cells: [], municipalityTotals: [], total: null, categories: [], members: [...t.municipalities.values()] };
  for (const r of t.rows) {
    const before = found.errors.length;
    const rowAt: CellRef = { sheet: sheet.name, row: r.row, column: null };
    const isTotal = /^(besparingspotential|totalsumma|totalt|summa)/.test(norm(r.label));
    const cat = isTotal ? null : rowCategory(r.label, rowAt, found);
    let rowSum = 0;
    for (const [col, code] of t.municipalities) {
      const amount = amountCell(t, r, col, found);
      if (amount === null) continue;
      const at = t.ref(r.row, col);
      if (found.check(budgetLine.shape.amount, amount, at, () => at) === null) continue;
      if (isTotal) st.municipalityTotals.push({ municipalityCode: code, amount });
      else if (cat) st.cells.push({ municipalityCode: code, category: cat.category, amount });
      rowSum += amount;
    }
    if (cat && !st.categories.includes(cat.category)) st.categories.push(cat.category);
    if (t.totalColumn !== null) {
      const stated = amountCell(t, r, t.totalColumn, found);
      if (stated !== null && isTotal) st.total = stated;
      // A category's total is checked here; the municipalities' "Besparingspotential" by the compute module.
      else if (stated !== null && Math.abs(stated - rowSum) > 0.5) mismatch(t.ref(r.row, t.totalColumn), `Totalen för ${r.label}`, stated, rowSum, found);
    }
    if (found.errors.length === before) summary.accepted++;
  }
  statements.table4.push(st);
  return summary;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** After every sheet is read: tabell 5 checked against the budget lines, tabell 4's percentages derived; the scenarios. */
export function checkPublished(drafts: Drafts, statements: PublishedStatements, found: Findings): ImportedScenario[] {
  for (const s of statements.table5) {
    const d = drafts.get(s.code, s.year);
    const lines = d.budgetLines.reduce((a, l) => a + l.line.amount, 0);
    const itCost = d.budgetLines.length ? lines : (d.statedTotal?.value.amount ?? s.itCost?.amount);
    if (s.itCost) {
      if (d.budgetLines.length && Math.abs(s.itCost.amount - lines) > 0.5) mismatch(s.itCost.at, s.itCost.label, s.itCost.amount, lines, found, 'total_mismatch', s.code);
      if (!d.statedTotal) d.statedTotal = { value: { amount: s.itCost.amount, source: s.source, note: s.itCost.label }, at: s.itCost.at };
    }
    const net = d.netCost?.value.amount;
    if (itCost === undefined || !net) continue;
    const share = (itCost / net) * 100;
    if (s.share && Math.abs(s.share.value - share) > 0.005 + 1e-9)
      found.warn(s.share.at, {
        code: 'share_mismatch',
        severity: 'warning',
        message: `Andelen av nettokostnaden: tabellen anger ${pct(s.share.value)} men ${kr(itCost)} av ${kr(net)} är ${pct(share)}`,
        stated: s.share.value,
        computed: share,
        municipalityCode: s.code,
      });
    const atBenchmark = (net * s.benchmarkShare) / 100;
    if (s.atBenchmark && Math.abs(s.atBenchmark.amount - atBenchmark) > 0.5)
      found.warn(s.atBenchmark.at, {
        code: 'benchmark_mismatch',
        severity: 'warning',
        message: `Budget vid riktmärket ${String(s.benchmarkShare).replace('.', ',')} %: tabellen anger ${kr(s.atBenchmark.amount)} men ${kr(net)} × ${String(s.benchmarkShare).replace('.', ',')} % är ${kr(atBenchmark)}`,
        stated: s.atBenchmark.amount,
        computed: atBenchmark,
        municipalityCode: s.code,
      });
    if (s.change && Math.abs(s.change.amount - (atBenchmark - itCost)) > 0.5)
      found.warn(s.change.at, {
        code: 'change_mismatch',
        severity: 'warning',
        message: `Kostnadsökningen: tabellen anger ${kr(s.change.amount)} men ${kr(atBenchmark)} − ${kr(itCost)} är ${kr(atBenchmark - itCost)}`,
        stated: s.change.amount,
        computed: atBenchmark - itCost,
        municipalityCode: s.code,
      });
  }
  for (const total of statements.table5Totals ?? []) {
    const parts = statements.table5.reduce((a, s) => a + (total.of(s) ?? 0), 0);
    if (Math.abs(parts - total.stated) > 0.5) mismatch(total.at, `Totalen för ${total.label}`, total.stated, parts, found);
  }

  const scenarios: ImportedScenario[] = [];
  for (const st of statements.table4) {
    const captionPercent = /(\d+(?:[,.]\d+)?)\s*%/.exec(st.caption);
    const percentages: Array<{ category: string; percent: number }> = [];
    for (const category of st.categories) {
      const cells = st.cells.filter((c) => c.category === category);
      const bases = cells.map((c) => drafts.byKey.get(`${c.municipalityCode}:${st.year}`)?.budgetLines.find((l) => l.line.category === category)?.line.amount);
      const base = bases.reduce<number>((a, b) => a + (b ?? 0), 0);
      if (cells.length && bases.every((b) => b !== undefined) && base > 0)
        percentages.push({ category, percent: round1((cells.reduce((a, c) => a + c.amount, 0) / base) * 100) });
      else if (captionPercent) percentages.push({ category, percent: Number(captionPercent[1].replace(',', '.')) });
      else {
        found.error(
          { ...st.headerAt, column: DEFAULT_CATEGORIES.find((c) => c.id === category)?.label ?? category },
          `Besparingsprocenten för ${category} kunde inte avgöras: importera tabell 3 (budgeten) i samma fil eller skriv procenten i tabelltexten under tabellen`,
        );
      }
    }
    const pcts = [...new Set(percentages.map((p) => p.percent))];
    const scenario = {
      year: st.year,
      name: `Besparingsscenario ${pcts.map((p) => String(p).replace('.', ',')).join('/')} % (${st.sheet})`.slice(0, 120),
      percentages,
      published: { cells: st.cells, municipalityTotals: st.municipalityTotals, total: st.total },
      source: st.source,
      note: st.caption && st.caption !== st.source ? st.caption.slice(0, 2000) : '',
      synthesised: false,
    };
    const checked = found.check(savingsScenarioInput, { ...scenario, groupId: 1 }, st.headerAt, () => st.headerAt);
    if (!checked) continue;
    const { groupId: _groupId, ...rest } = checked;
    scenarios.push({ ...rest, groupName: null, sheet: st.sheet, members: st.members });
  }
  return scenarios;
}
