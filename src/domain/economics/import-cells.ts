// The parts every layout of an economics import shares (import.ts: samverka's template; import-published.ts:
// the published tables of the Förstudierapport): a workbook as plain rows, the error and warning shapes
// (by sheet, row and column), reading amounts and percentages as Swedish reports write them, and matching
// municipality names. Pure and IO-free.
import type { z } from 'zod';
import { validate } from '../../contracts/messages.ts';
import { norm } from '../import.ts';
import { matchMunicipality, nameMatchedMessage } from './names.ts';
import { DEFAULT_CATEGORIES, POOL_LABELS, TBM_POOLS, TOWER_LABELS, TOWERS, type BudgetLine, type PoolLine, type TbmPool, type Tower, type TowerLine } from './schema.ts';
import type { QualityFlag } from './view.ts';

/** A cell as the adapter reads it: text, a number, or empty. Percent-formatted numbers arrive as "12,5%". */
export type CellValue = string | number | null;

/** One worksheet: its name and its non-empty rows with their numbers in the sheet (cells[0] = column A). */
export interface SheetRows {
  name: string;
  rows: Array<{ row: number; cells: CellValue[] }>;
}

/** Where in the workbook: sheet, row number (0 = the sheet as a whole) and column header (and cell, e.g. "F7"). */
export interface CellRef {
  sheet: string;
  row: number;
  column: string | null;
  cell?: string;
}

export interface EconomicsImportError extends CellRef {
  message: string;
}

export type EconomicsImportWarning = QualityFlag & CellRef;

export interface ImportContext {
  /** Every municipality (code and name) a name in the file may mean. */
  municipalities: ReadonlyArray<{ code: string; name: string }>;
  /** The year when a sheet does not state one (--year); overrides the year in a published table's sheet. */
  year?: number | null;
  /** Whether the importer may write the municipality's figures (kommunansvarig: own municipalities only). */
  mayImport?: (code: string) => boolean;
  /** Whether the importer may import a group's savings scenario (förbundsadmin). */
  mayImportScenarios?: boolean;
  /** The file's name, used in the default source of published tables. */
  fileName?: string;
}

export const NOT_OWN_MUNICIPALITY = 'Du kan bara importera din egen kommuns siffror';

/** "A", "B" … "AA" for a 0-based column index. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const cellText = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v.trim());
export const isBlank = (v: CellValue | undefined) => cellText(v) === '';
export { norm };

type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

const NUMBER = /^[-−–]?\d+(\.\d+)?$/;

/** A number as reports write it: 3 245 000 kr, 298764, 1 227 420:-, −5 (negative kept: the schema refuses it). Blank → null. */
export function parseAmount(v: CellValue | undefined): Parsed {
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, message: 'ska vara ett belopp i kronor' };
  const t = cellText(v);
  if (!t || t === '-' || t === '–') return { ok: true, value: null };
  const s = t
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(kr|kronor|sek|:-)$/i, '')
    .replace(',', '.');
  if (!NUMBER.test(s)) return { ok: false, message: `"${t}" är inget belopp i kronor` };
  return { ok: true, value: Number(s.replace(/^[−–]/, '-')) };
}

/** A share in percent: "1,82%", "82 %", 82 (a cell formatted as percent arrives as "82%"). Blank → null. */
export function parsePercent(v: CellValue | undefined): Parsed {
  if (typeof v === 'number') return { ok: true, value: v };
  const t = cellText(v);
  if (!t) return { ok: true, value: null };
  const s = t.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '').replace(',', '.');
  if (!NUMBER.test(s)) return { ok: false, message: `"${t}" är ingen andel i procent` };
  return { ok: true, value: Number(s.replace(/^[−–]/, '-')) };
}

/** Whether a cell is written as a percentage ("82 %"). */
export const isPercentText = (v: CellValue | undefined) => typeof v === 'string' && /%\s*$/.test(v.trim());

/** A four-digit year (2000–2100) in a text ("Budget 2024", "It-enhetens kostnader 2024"), if any. */
export function yearIn(text: string): number | null {
  const m = /(?:^|\D)(20\d\d|2100)(?:\D|$)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Errors and warnings of one import, added as the sheets are read. */
export class Findings {
  readonly errors: EconomicsImportError[] = [];
  readonly warnings: EconomicsImportWarning[] = [];
  error(at: CellRef, message: string) {
    this.errors.push({ ...at, message });
  }
  warn(at: CellRef, flag: QualityFlag) {
    this.warnings.push({ ...flag, ...at });
  }
  /** Validates `data` with a schema; each failed check is an error at the cell its path maps to (else `at`). */
  check<T extends z.ZodType>(schema: T, data: unknown, at: CellRef, columnOf: (path: string[]) => CellRef | undefined): z.infer<T> | null {
    const r = validate(schema, data);
    if (r.ok) return r.data;
    for (const e of r.errors) this.error(columnOf(e.path.split('.')) ?? at, e.message);
    return null;
  }
}

/**
 * The municipality a cell names (SCB code, exact name, or approximately with a warning naming both
 * spellings); an unknown name, or one the importer may not write, is an error. Null when not usable.
 */
export function municipalityAt(text: string, ctx: ImportContext, at: CellRef, found: Findings): string | null {
  const t = text.trim();
  if (!t) {
    found.error(at, 'Kommun saknas');
    return null;
  }
  let code: string | null = null;
  if (/^[0-9]{4}$/.test(t)) {
    code = ctx.municipalities.some((m) => m.code === t) ? t : null;
    if (!code) found.error(at, `Kommunkoden ${t} finns inte`);
    else return allowed(code, ctx, at, found);
    return null;
  }
  const m = matchMunicipality(t, ctx.municipalities);
  if (!m) {
    found.error(at, `"${t}" är ingen känd kommun`);
    return null;
  }
  if (m.approximate) found.warn(at, { code: 'name_matched', severity: 'warning', message: nameMatchedMessage(t, m.name), municipalityCode: m.code });
  code = m.code;
  return allowed(code, ctx, at, found);
}

function allowed(code: string, ctx: ImportContext, at: CellRef, found: Findings): string | null {
  if (ctx.mayImport && !ctx.mayImport(code)) {
    found.error(at, NOT_OWN_MUNICIPALITY);
    return null;
  }
  return code;
}

/** A category id from a label ("It-tjänster" → it_tjanster). */
export const slug = (label: string) =>
  label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^\s*\d+\.\s*/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

/** Whole kronor as a report writes them: "2 782 000 kr". */
export const kr = (n: number) => `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(Math.round(n)).replace(/\u00a0/g, ' ')} kr`;
/** A share with two decimals: "1,82 %". */
export const pct = (n: number) => `${new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)} %`;

// ---- Categories, pools and the municipality-years being assembled -------------------------------------

export interface Origin {
  at: CellRef;
}
/** One municipality-year being assembled from the rows of all sheets. */
export interface YearDraft {
  code: string;
  year: number;
  budgetLines: Array<Origin & { line: BudgetLine }>;
  pools: Array<Origin & { line: PoolLine }>;
  towers: Array<Origin & { line: TowerLine }>;
  netCost?: Origin & { value: { amount: number; source: string; note: string } };
  population?: Origin & { value: { amount: number; source: string; note: string } };
  statedTotal?: Origin & { value: { amount: number; source: string; note: string } };
}

/** The drafts of one import, by municipality and year. */
export class Drafts {
  readonly byKey = new Map<string, YearDraft>();
  get(code: string, year: number): YearDraft {
    const key = `${code}:${year}`;
    let d = this.byKey.get(key);
    if (!d) this.byKey.set(key, (d = { code, year, budgetLines: [], pools: [], towers: [] }));
    return d;
  }
}

/** A TBM pool by id or Swedish label ("Hårdvara", "hardvara"). */
export function poolOf(text: string): TbmPool | null {
  const n = norm(text);
  return TBM_POOLS.find((p) => p === n || norm(POOL_LABELS[p]) === n) ?? null;
}
export function towerOf(text: string): Tower | null {
  const n = norm(text);
  return TOWERS.find((t) => t === n || norm(TOWER_LABELS[t]) === n) ?? null;
}

/** A default category by id or label ("1. it-tjänster", "It-tjänster", "it_tjanster"). */
export function defaultCategory(text: string) {
  const n = norm(text).replace(/^\d+\.\s*/, '');
  return DEFAULT_CATEGORIES.find((c) => c.id === n || norm(c.label) === n || c.id === slug(text)) ?? null;
}

export const POOL_CHOICES = TBM_POOLS.map((p) => POOL_LABELS[p]).join(', ');

/**
 * A budget line's category and pool from the id, label and pool cells: a default category by id or
 * label (its pool unless another is given), else the municipality's own category, which needs a label
 * and a pool. Null (with errors) when it cannot be made.
 */
export function budgetLineFrom(
  id: string,
  label: string,
  poolText: string,
  at: (column: 'categoryId' | 'category' | 'pool') => CellRef,
  found: Findings,
): { category: string; label: string; pool: TbmPool } | null {
  const known = defaultCategory(id || label);
  let pool: TbmPool | null = null;
  if (poolText) {
    pool = poolOf(poolText);
    if (!pool) {
      found.error(at('pool'), `Okänd kostnadspool "${poolText}"; välj en av ${POOL_CHOICES}`);
      return null;
    }
  }
  if (known) return { category: known.id, label: label.replace(/^\d+\.\s*/, '') || known.label, pool: pool ?? known.pool };
  if (!id && !label) {
    found.error(at('category'), 'Kategori saknas');
    return null;
  }
  if (!label) {
    found.error(at('category'), `Kategorin "${id}" är ingen standardkategori; ge den ett namn i kolumnen Kategori`);
    return null;
  }
  if (!pool) {
    found.error(at('pool'), `"${label}" är en egen kategori; ange vilken kostnadspool den hör till (${POOL_CHOICES})`);
    return null;
  }
  return { category: id || slug(label), label: label.replace(/^\d+\.\s*/, ''), pool };
}

