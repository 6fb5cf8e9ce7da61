// Import of IT economics from a workbook (issue 12): samverka's own template (sheets Budget,
// Kostnadspooler, Arbetsområden, Nyckeltal; src/import/economics-template.ts writes it) and the published
// tables of the Förstudierapport (tabell 3, 4 and 5; import-published.ts), recognised by their content.
// Every row is validated by the aggregates' zod schemas (schema.ts), every error named by sheet, row and
// column in Swedish; municipality names matched exactly or approximately with a warning. Pure and IO-free:
// takes the sheets as rows (src/import/economics-xlsx.ts reads them), returns what would be written.
import { budgetLine, economicsYearInput, figure, poolLine, TOWER_LABELS, TOWERS, towerLine, type EconomicsYear, type SavingsScenarioInput } from './schema.ts';
import {
  budgetLineFrom,
  cellText,
  columnLetter,
  Drafts,
  Findings,
  isBlank,
  isPercentText,
  municipalityAt,
  norm,
  parseAmount,
  parsePercent,
  POOL_CHOICES,
  poolOf,
  towerOf,
  type CellRef,
  type CellValue,
  type EconomicsImportError,
  type EconomicsImportWarning,
  type ImportContext,
  type Origin,
  type SheetRows,
} from './import-cells.ts';
import { checkPublished, findHeader, readTable3, readTable4, readTable5, type PublishedStatements } from './import-published.ts';

export type { CellValue, EconomicsImportError, EconomicsImportWarning, ImportContext, SheetRows } from './import-cells.ts';

export type SheetKind = 'budget' | 'pools' | 'towers' | 'keyFigures' | 'table3' | 'table4' | 'table5' | 'ignored';
export const SHEET_KIND_LABELS: Record<SheetKind, string> = {
  budget: 'Budget per kategori',
  pools: 'Kostnadspooler',
  towers: 'Arbetsområden',
  keyFigures: 'Nyckeltal',
  table3: 'Publicerad tabell: it-budget per kategori (tabell 3)',
  table4: 'Publicerad tabell: besparingsscenario (tabell 4)',
  table5: 'Publicerad tabell: nettokostnad och riktmärke (tabell 5)',
  ignored: 'Läses inte',
};

/** The parts of a municipality-year a file gave: the use case keeps the other parts already stored. */
export type YearPart = 'budgetLines' | 'pools' | 'towers' | 'netCost' | 'population' | 'statedTotal';

/** A savings scenario as imported: its group by name (or null: the caller's --group, or the group of its members). */
export interface ImportedScenario extends Omit<SavingsScenarioInput, 'groupId'> {
  groupName: string | null;
  sheet: string;
  /** The municipalities whose cells it has. */
  members: string[];
}

export interface SheetSummary {
  sheet: string;
  kind: SheetKind;
  label: string;
  /** Data rows read, and those accepted (without errors). */
  rows: number;
  accepted: number;
}

export interface EconomicsImport {
  years: EconomicsYear[];
  /** Per `code:year`, the parts the file gave. */
  parts: Record<string, YearPart[]>;
  scenarios: ImportedScenario[];
  warnings: EconomicsImportWarning[];
  /** With errors nothing is written unless skipInvalid: then the rows (or records) in error are left out. */
  errors: EconomicsImportError[];
  sheets: SheetSummary[];
}

// ---- Template sheets -----------------------------------------------------------------------------------

type Key = 'municipality' | 'year' | 'categoryId' | 'category' | 'pool' | 'amount' | 'inside' | 'tower' | 'source' | 'note' | 'netCost' | 'population' | 'statedTotal';
const HEADERS: Record<Key, string[]> = {
  municipality: ['kommun', 'kommunkod', 'kommun (namn eller scb-kod)'],
  year: ['år', 'ar', 'year'],
  categoryId: ['kategori-id', 'kategoriid', 'kategori id'],
  category: ['kategori', 'kostnadskategori', 'budgetpost', 'kategori (namn)'],
  pool: ['tbm-pool', 'tbm pool', 'pool', 'kostnadspool'],
  amount: ['belopp', 'kostnad'],
  inside: ['varav inom central it', 'inom central it'],
  tower: ['arbetsområde', 'tower'],
  source: ['källa'],
  note: ['anteckning', 'not', 'kommentar'],
  netCost: ['verksamhetens nettokostnad', 'nettokostnad'],
  population: ['invånare', 'antal invånare', 'befolkning'],
  statedTotal: ['angiven totalsumma', 'totalsumma', 'angiven total'],
};
const headerKey = (h: string) => norm(h.replace(/\([^)]*\)/g, '').replace(/[*:]+/g, ''));
const keyOf = (h: string): Key | null => {
  const n = headerKey(h);
  return (Object.keys(HEADERS) as Key[]).find((k) => HEADERS[k].includes(n)) ?? null;
};

/** The template sheet a header row belongs to, by its columns. */
function templateKind(header: CellValue[]): SheetKind | null {
  const keys = new Set(header.map((h) => keyOf(cellText(h))));
  if (!keys.has('municipality')) return null;
  if (keys.has('netCost') || keys.has('population') || keys.has('statedTotal')) return 'keyFigures';
  if (keys.has('tower')) return 'towers';
  if (keys.has('category') || keys.has('categoryId')) return 'budget';
  if (keys.has('pool')) return 'pools';
  return null;
}

const SHEET_NAMES: Record<string, SheetKind> = {
  budget: 'budget',
  kostnadspooler: 'pools',
  pooler: 'pools',
  arbetsområden: 'towers',
  nyckeltal: 'keyFigures',
  instruktioner: 'ignored',
  listor: 'ignored',
};

interface Columns {
  /** key → column index (for key figures a source column is `source:<value key>`). */
  at: Map<string, number>;
  header: CellValue[];
}

function mapColumns(sheet: string, headerRow: number, header: CellValue[], found: Findings): Columns {
  const at = new Map<string, number>();
  let lastValue: Key | null = null;
  header.forEach((h, i) => {
    const text = cellText(h);
    if (!text) return;
    const k = keyOf(text);
    if (!k) {
      found.error({ sheet, row: headerRow, column: text, cell: `${columnLetter(i)}${headerRow}` }, `Kolumnen "${text}" känns inte igen`);
      return;
    }
    let name: string = k;
    if ((k === 'source' || k === 'note') && lastValue && ['netCost', 'population', 'statedTotal'].includes(lastValue)) name = `${k}:${lastValue}`;
    else if (k !== 'source' && k !== 'note') lastValue = k;
    if (at.has(name)) found.error({ sheet, row: headerRow, column: text, cell: `${columnLetter(i)}${headerRow}` }, `Kolumnen "${text}" förekommer flera gånger`);
    else at.set(name, i);
  });
  return { at, header };
}

const REQUIRED: Record<'budget' | 'pools' | 'towers' | 'keyFigures', Key[]> = {
  budget: ['municipality', 'amount'],
  pools: ['municipality', 'pool', 'amount'],
  towers: ['municipality', 'tower', 'amount'],
  keyFigures: ['municipality'],
};
const VALUE_KEYS = ['amount', 'inside', 'netCost', 'population', 'statedTotal'];

function readTemplateSheet(
  sheet: SheetRows,
  kind: 'budget' | 'pools' | 'towers' | 'keyFigures',
  headerIndex: number,
  ctx: ImportContext,
  drafts: Drafts,
  found: Findings,
): SheetSummary {
  const headerRow = sheet.rows[headerIndex];
  const cols = mapColumns(sheet.name, headerRow.row, headerRow.cells, found);
  const summary: SheetSummary = { sheet: sheet.name, kind, label: SHEET_KIND_LABELS[kind], rows: 0, accepted: 0 };
  for (const k of REQUIRED[kind])
    if (!cols.at.has(k)) found.error({ sheet: sheet.name, row: headerRow.row, column: null }, `Kolumnen "${HEADERS[k][0]}" saknas`);
  if (found.errors.some((e) => e.sheet === sheet.name && e.row === headerRow.row)) return summary;

  const title = (name: string) => cellText(cols.header[cols.at.get(name)!]);
  for (const { row, cells } of sheet.rows.slice(headerIndex + 1)) {
    const get = (name: string) => (cols.at.has(name) ? cells[cols.at.get(name)!] : null);
    const ref = (name: string): CellRef | undefined =>
      cols.at.has(name) ? { sheet: sheet.name, row, column: title(name), cell: `${columnLetter(cols.at.get(name)!)}${row}` } : undefined;
    const rowRef: CellRef = { sheet: sheet.name, row, column: null };
    // Blank rows, and template rows with a category but no municipality and no figure, are not data.
    if (cells.every(isBlank)) continue;
    if (isBlank(get('municipality')) && VALUE_KEYS.every((k) => isBlank(get(k)))) continue;
    summary.rows++;
    const before = found.errors.length;
    const code = municipalityAt(cellText(get('municipality')), ctx, ref('municipality')!, found);
    let year: number | null = null;
    const y = parseAmount(get('year'));
    if (!y.ok || (y.value !== null && !Number.isInteger(y.value))) found.error(ref('year') ?? rowRef, `"${cellText(get('year'))}" är inget årtal`);
    else year = y.value ?? ctx.year ?? null;
    if (year === null && y.ok) found.error(ref('year') ?? rowRef, 'År saknas (fyll i kolumnen År eller ange --year)');
    else if (year !== null && (year < 2000 || year > 2100)) {
      found.error(ref('year') ?? rowRef, 'Året ska vara 2000–2100');
      year = null;
    }
    const amountAt = (name: string): number | null | undefined => {
      const a = parseAmount(get(name));
      if (a.ok) return a.value;
      found.error(ref(name)!, a.message);
      return undefined;
    };
    const text = (name: string) => cellText(get(name));
    const columnOf = (map: Record<string, string>) => (path: string[]) => (map[path[0]] ? ref(map[path[0]]) : undefined);

    if (kind === 'budget') {
      const amount = amountAt('amount');
      if (amount === null) found.error(ref('amount')!, 'Belopp saknas');
      const line = budgetLineFrom(text('categoryId'), text('category'), text('pool'), (k) => ref(k) ?? rowRef, found);
      if (line && amount != null && code && year) {
        const checked = found.check(budgetLine, { ...line, amount, source: text('source'), note: text('note') }, rowRef,
          columnOf({ category: 'categoryId', label: 'category', pool: 'pool', amount: 'amount', source: 'source', note: 'note' }));
        if (checked && found.errors.length === before) drafts.get(code, year).budgetLines.push({ line: checked, at: rowRef });
      }
    } else if (kind === 'pools') {
      const pool = poolOf(text('pool'));
      if (!pool) found.error(ref('pool')!, text('pool') ? `Okänd kostnadspool "${text('pool')}"; välj en av ${POOL_CHOICES}` : 'Kostnadspool saknas');
      const amount = amountAt('amount');
      if (amount === null) found.error(ref('amount')!, 'Belopp saknas');
      let inside: number | null | undefined = null;
      if (isPercentText(get('inside'))) {
        // "82 %": the share of the pool inside central IT (Delrapport Mellerud figur 12).
        const p = parsePercent(get('inside'));
        if (!p.ok) found.error(ref('inside')!, p.message);
        else if (p.value !== null && (p.value < 0 || p.value > 100)) found.error(ref('inside')!, 'Andelen inom central IT ska vara en andel i procent, 0–100');
        else if (p.value !== null && amount != null) inside = Math.round((amount * p.value) / 100);
      } else inside = amountAt('inside');
      if (pool && amount != null && inside !== undefined && code && year) {
        const checked = found.check(poolLine, { pool, amount, insideCentralIt: inside, source: text('source'), note: text('note') }, rowRef,
          columnOf({ pool: 'pool', amount: 'amount', insideCentralIt: 'inside', source: 'source', note: 'note' }));
        if (checked && found.errors.length === before) drafts.get(code, year).pools.push({ line: checked, at: rowRef });
      }
    } else if (kind === 'towers') {
      const tower = towerOf(text('tower'));
      if (!tower)
        found.error(ref('tower')!, text('tower') ? `Okänt arbetsområde "${text('tower')}"; välj ett av ${TOWERS.map((t) => TOWER_LABELS[t]).join(', ')}` : 'Arbetsområde saknas');
      const amount = amountAt('amount');
      if (amount === null) found.error(ref('amount')!, 'Belopp saknas');
      if (tower && amount != null && code && year) {
        const checked = found.check(towerLine, { tower, amount, source: text('source'), note: text('note') }, rowRef,
          columnOf({ tower: 'tower', amount: 'amount', source: 'source', note: 'note' }));
        if (checked && found.errors.length === before) drafts.get(code, year).towers.push({ line: checked, at: rowRef });
      }
    } else {
      const values: Partial<Record<'netCost' | 'population' | 'statedTotal', { amount: number; source: string; note: string }>> = {};
      for (const k of ['netCost', 'population', 'statedTotal'] as const) {
        if (!cols.at.has(k)) continue;
        const a = amountAt(k);
        if (a === null || a === undefined) continue;
        const schema = k === 'population' ? economicsYearInput.shape.population : figure;
        const checked = found.check(schema, { amount: a, source: text(`source:${k}`), note: text(`note:${k}`) }, ref(k)!,
          ([key]) => (key === 'source' ? ref(`source:${k}`) : key === 'note' ? ref(`note:${k}`) : ref(k)));
        if (checked) values[k] = checked;
      }
      if (code && year && found.errors.length === before) {
        const d = drafts.get(code, year);
        for (const [k, v] of Object.entries(values) as Array<[keyof typeof values, { amount: number; source: string; note: string }]>) {
          if (d[k]) found.error(ref(k)!, `${k === 'netCost' ? 'Nettokostnaden' : k === 'population' ? 'Invånarantalet' : 'Totalsumman'} för ${year} finns redan på rad ${d[k]!.at.row}`);
          else d[k] = { value: v, at: ref(k)! };
        }
      }
    }
    if (found.errors.length === before) summary.accepted++;
  }
  return summary;
}

// ---- The workbook --------------------------------------------------------------------------------------

/** What kind of sheet this is, and the index of its header row (by name, else by content). */
function recognise(sheet: SheetRows): { kind: SheetKind; header: number } {
  const byName = SHEET_NAMES[norm(sheet.name)];
  if (byName === 'ignored') return { kind: 'ignored', header: -1 };
  const published = findHeader(sheet);
  if (published) return published;
  for (let i = 0; i < Math.min(sheet.rows.length, 30); i++) {
    const kind = templateKind(sheet.rows[i].cells);
    if (kind) return { kind, header: i };
  }
  return { kind: 'ignored', header: -1 };
}

/** Parses every sheet of a workbook into municipality-years and savings scenarios, with every error and warning. */
export function parseEconomicsWorkbook(sheets: readonly SheetRows[], ctx: ImportContext): EconomicsImport {
  const found = new Findings();
  const drafts = new Drafts();
  const statements: PublishedStatements = { table5: [], table4: [] };
  const summaries: SheetSummary[] = [];
  for (const sheet of sheets) {
    const { kind, header } = recognise(sheet);
    if (kind === 'ignored') {
      summaries.push({ sheet: sheet.name, kind, label: SHEET_KIND_LABELS.ignored, rows: 0, accepted: 0 });
      continue;
    }
    if (kind === 'table3') summaries.push(readTable3(sheet, header, ctx, drafts, found));
    else if (kind === 'table4') summaries.push(readTable4(sheet, header, ctx, statements, found));
    else if (kind === 'table5') summaries.push(readTable5(sheet, header, ctx, drafts, statements, found));
    else summaries.push(readTemplateSheet(sheet, kind, header, ctx, drafts, found));
  }
  if (!summaries.some((s) => s.kind !== 'ignored'))
    found.error(
      { sheet: sheets[0]?.name ?? '', row: 0, column: null },
      'Filen innehåller inget blad som kan importeras: använd samverkas mall (bladen Budget, Kostnadspooler, Arbetsområden, Nyckeltal) eller en publicerad tabell med rubriken Kostnadskategori, Utgiftspost eller Kategori',
    );
  const scenarios = checkPublished(drafts, statements, found);

  const years: EconomicsYear[] = [];
  const parts: Record<string, YearPart[]> = {};
  for (const [key, d] of drafts.byKey) {
    const first = d.budgetLines[0]?.at ?? d.pools[0]?.at ?? d.towers[0]?.at ?? d.netCost?.at ?? d.population?.at ?? d.statedTotal?.at;
    const origins: Record<string, Array<Origin>> = { budgetLines: d.budgetLines, pools: d.pools, towers: d.towers };
    const record = found.check(
      economicsYearInput,
      {
        municipalityCode: d.code,
        year: d.year,
        netCost: d.netCost?.value ?? null,
        population: d.population?.value ?? null,
        statedTotal: d.statedTotal?.value ?? null,
        budgetLines: d.budgetLines.map((l) => l.line),
        pools: d.pools.map((l) => l.line),
        towers: d.towers.map((l) => l.line),
      },
      first!,
      ([k, i]) => (origins[k]?.length ? (origins[k][Number(i)] ?? origins[k][0]).at : (d[k as 'netCost']?.at ?? first)),
    );
    if (!record) continue;
    years.push(record);
    parts[key] = (['budgetLines', 'pools', 'towers', 'netCost', 'population', 'statedTotal'] as const).filter((p) =>
      Array.isArray(d[p]) ? (d[p] as unknown[]).length > 0 : d[p] !== undefined,
    );
  }
  years.sort((a, b) => a.year - b.year || a.municipalityCode.localeCompare(b.municipalityCode));
  return { years, parts, scenarios, warnings: found.warnings, errors: found.errors, sheets: summaries };
}
