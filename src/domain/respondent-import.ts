// Import of respondents (name, e-mail, respondent type, verksamhetsområde) for one municipality in a
// round, from CSV, XLSX or rows pasted from Excel. Headers in Swedish or English; types and areas by
// id or by label, case-insensitive. Returns the rows to add, every error by row and column (Swedish
// messages naming the column) and the duplicates by e-mail (within the file and against the
// municipality's existing respondents), which are reported and not added twice. Pure and IO-free.
import { z } from 'zod';
import { norm, type ImportError, type ParsedTable } from './import.ts';

export type RespondentField = 'name' | 'email' | 'respondentType' | 'area';

/** The columns of a respondent file: the label used in messages and the headers recognised. */
export const RESPONDENT_COLUMNS: Record<RespondentField, { label: string; headers: string[] }> = {
  name: { label: 'Namn', headers: ['namn', 'name', 'fullständigt namn', 'full name', 'för- och efternamn'] },
  email: {
    label: 'E-post',
    headers: ['e-post', 'epost', 'e-postadress', 'epostadress', 'e-post-adress', 'mejl', 'mejladress', 'email', 'e-mail', 'mail', 'email address', 'e-mail address'],
  },
  respondentType: {
    label: 'Respondenttyp',
    headers: ['respondenttyp', 'roll', 'typ', 'type', 'role', 'respondent type', 'respondent_type', 'respondenttype'],
  },
  area: {
    label: 'Verksamhetsområde',
    headers: ['verksamhetsområde', 'verksamhetsomrade', 'område', 'omrade', 'area', 'business area', 'department', 'förvaltning'],
  },
};

const FIELDS = Object.keys(RESPONDENT_COLUMNS) as RespondentField[];
/** Column order assumed for pasted rows without a header row. */
export const DEFAULT_COLUMN_ORDER: RespondentField[] = ['name', 'email', 'respondentType', 'area'];

export const MAX_RESPONDENT_ROWS = 5000;
const MAX_NAME = 200;

export interface RespondentImportContext {
  /** Respondent types the round includes (the instrument's types, narrowed by the round). */
  respondentTypes: ReadonlyArray<{ id: string; label: string }>;
  /** Types of the instrument that the round leaves out: named in the error when used. */
  excludedTypes?: ReadonlyArray<{ id: string; label: string }>;
  areas: ReadonlyArray<{ id: string; name: string }>;
  /** E-mail addresses of the municipality's respondents already in the round. */
  existingEmails: ReadonlyArray<string>;
}

export interface RespondentImportRow {
  /** Row number in the file (header = 1). */
  row: number;
  name: string | null;
  email: string | null;
  respondentType: string | null;
  area: string | null;
}

export interface RespondentDuplicate {
  row: number;
  email: string;
  /** The earlier row of the file with the same address; null when the respondent already exists. */
  firstRow: number | null;
}

export interface RespondentImportResult {
  /** Valid rows that will be added (duplicates left out). */
  rows: RespondentImportRow[];
  /** Rows left out because the e-mail address is already in the file or among the respondents. */
  duplicates: RespondentDuplicate[];
  /** Row, cell and file errors: nothing may be written while any remains. */
  errors: ImportError[];
  /** Data rows read (blank rows not counted). */
  rowCount: number;
  /** Which header of the file each field was read from. */
  columns: Partial<Record<RespondentField, string>>;
  /** Headers that were not recognised and are ignored. */
  ignoredColumns: string[];
  /** Row number of the header (its errors are about the file); null for pasted rows without a header. */
  headerRow: number | null;
}

const headerKey = (h: string) => norm(h).replace(/[*:]+$/, '').replace(/\s*\((valfri|valfritt|optional)\)$/, '').trim();

/** The field a header names, if any. */
export function respondentField(header: string): RespondentField | undefined {
  const k = headerKey(header);
  return FIELDS.find((f) => RESPONDENT_COLUMNS[f].headers.includes(k));
}

const emailSchema = z.email();
/** True for an address the mailer can use. */
export const isValidEmail = (s: string) => s.length <= 254 && emailSchema.safeParse(s).success;
/** E-mail addresses are compared without regard to case or surrounding space. */
export const emailKey = (s: string) => s.trim().toLowerCase();

const choices = (list: ReadonlyArray<{ id: string; label: string }>) => list.map((t) => `${t.label} (${t.id})`).join(', ');

function matchByIdOrLabel<T extends { id: string }>(list: ReadonlyArray<T>, text: string, label: (t: T) => string): T | undefined {
  const n = norm(text);
  return list.find((x) => x.id === text.trim()) ?? list.find((x) => norm(x.id) === n) ?? list.find((x) => norm(label(x)) === n);
}

const sortErrors = (errors: ImportError[]) =>
  [...errors].sort((a, b) => a.row - b.row || String(a.column ?? '').localeCompare(String(b.column ?? ''), 'sv'));

/** Validates a parsed respondent table against the round's types, the areas and the existing respondents. */
export function validateRespondentImport(table: ParsedTable & { headerless?: boolean }, ctx: RespondentImportContext): RespondentImportResult {
  const errors: ImportError[] = [];
  const columns: Partial<Record<RespondentField, string>> = {};
  const index: Partial<Record<RespondentField, number>> = {};
  const ignoredColumns: string[] = [];
  const headerRow = table.rows.length ? Math.max(1, Math.min(...table.rows.map((r) => r.row)) - 1) : 1;

  table.header.forEach((h, i) => {
    if (!h.trim()) return;
    const f = respondentField(h);
    if (!f) {
      ignoredColumns.push(h.trim());
      return;
    }
    if (index[f] !== undefined) {
      errors.push({ row: headerRow, column: h.trim(), message: `Kolumnen ${RESPONDENT_COLUMNS[f].label} förekommer två gånger ("${columns[f]}" och "${h.trim()}")` });
      return;
    }
    index[f] = i;
    columns[f] = h.trim();
  });

  const result = (rows: RespondentImportRow[], duplicates: RespondentDuplicate[], rowCount: number): RespondentImportResult => ({
    rows,
    duplicates,
    errors: sortErrors(errors),
    rowCount,
    columns,
    ignoredColumns,
    headerRow: table.headerless ? null : headerRow,
  });

  if (index.name === undefined && index.email === undefined) {
    errors.push({
      row: headerRow,
      column: null,
      message:
        'Rubrikraden saknar kolumnerna Namn och E-post. Använd rubrikerna Namn, E-post, Respondenttyp och Verksamhetsområde (eller Name, Email, Type, Area).',
    });
    return result([], [], 0);
  }
  const types = ctx.respondentTypes;
  if (index.respondentType === undefined && types.length > 1)
    errors.push({
      row: headerRow,
      column: null,
      message: `Kolumnen Respondenttyp saknas: ange respondenttyp för varje rad (${choices(types)})`,
    });

  const dataRows = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length === 0) errors.push({ row: 0, column: null, message: 'Filen innehåller inga respondenter' });
  if (dataRows.length > MAX_RESPONDENT_ROWS) {
    errors.push({ row: 0, column: null, message: `Filen har ${dataRows.length} rader; högst ${MAX_RESPONDENT_ROWS} respondenter kan importeras åt gången` });
    return result([], [], dataRows.length);
  }

  const existing = new Set(ctx.existingEmails.map(emailKey));
  const seen = new Map<string, number>();
  const rows: RespondentImportRow[] = [];
  const duplicates: RespondentDuplicate[] = [];
  const cell = (r: { cells: string[] }, f: RespondentField) => (index[f] === undefined ? '' : (r.cells[index[f]!] ?? '').trim());

  for (const r of dataRows) {
    const before = errors.length;
    const err = (f: RespondentField | null, message: string) =>
      errors.push({ row: r.row, column: f ? columns[f] ?? RESPONDENT_COLUMNS[f].label : null, message: f ? `${RESPONDENT_COLUMNS[f].label}: ${message}` : message });

    const name = cell(r, 'name').replace(/\s+/g, ' ') || null;
    if (name && name.length > MAX_NAME) err('name', `högst ${MAX_NAME} tecken`);

    const emailText = cell(r, 'email');
    const email = emailText || null;
    if (email && !isValidEmail(email)) err('email', `"${emailText}" är ingen giltig e-postadress`);
    if (!name && !email) err(null, 'Ange namn eller e-postadress');

    let respondentType: string | null = null;
    const typeText = cell(r, 'respondentType');
    if (types.length === 0 && !(ctx.excludedTypes ?? []).length) {
      if (typeText) err('respondentType', `instrumentet har inga respondenttyper; lämna kolumnen tom`);
    } else if (!typeText) {
      if (types.length === 1) respondentType = types[0].id;
      else if (index.respondentType !== undefined) err('respondentType', `ange respondenttyp (${choices(types)})`);
    } else {
      const t = matchByIdOrLabel(types, typeText, (x) => x.label);
      if (t) respondentType = t.id;
      else {
        const excluded = matchByIdOrLabel(ctx.excludedTypes ?? [], typeText, (x) => x.label);
        err(
          'respondentType',
          excluded
            ? `"${typeText}" ingår inte i mätomgången. Välj bland: ${choices(types)}`
            : `okänd respondenttyp "${typeText}". Välj bland: ${choices(types)}`,
        );
      }
    }

    let area: string | null = null;
    const areaText = cell(r, 'area');
    if (areaText) {
      const a = matchByIdOrLabel(ctx.areas, areaText, (x) => x.name);
      if (a) area = a.id;
      else err('area', `okänt verksamhetsområde "${areaText}". Välj bland: ${ctx.areas.map((x) => x.name).join(', ')}`);
    }

    if (errors.length > before) continue;
    if (email) {
      const key = emailKey(email);
      if (existing.has(key)) {
        duplicates.push({ row: r.row, email, firstRow: null });
        continue;
      }
      const first = seen.get(key);
      if (first !== undefined) {
        duplicates.push({ row: r.row, email, firstRow: first });
        continue;
      }
      seen.set(key, r.row);
    }
    rows.push({ row: r.row, name, email, respondentType, area });
  }
  return result(rows, duplicates, dataRows.length);
}

/**
 * Parses rows pasted from Excel (tab-separated; cells with tabs, line breaks or quotes come quoted
 * with doubled quotes). Text without tabs is split on semicolons. When the first row names no known
 * column, the rows are read as Namn, E-post, Respondenttyp, Verksamhetsområde and numbered from 1.
 */
export function parsePastedRows(text: string): ParsedTable & { headerless?: boolean } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = src.includes('\t') ? '\t' : ';';
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let atFieldStart = true;
  while (i < src.length) {
    const c = src[i];
    if (atFieldStart && c === '"') {
      // Quoted field: up to the closing quote; "" is a quote.
      i++;
      while (i < src.length) {
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += src[i++];
      }
      atFieldStart = false;
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n') {
      row.push(field);
      records.push(row);
      row = [];
      field = '';
      atFieldStart = true;
    } else {
      field += c;
      atFieldStart = false;
    }
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    records.push(row);
  }
  const numbered = records.map((cells, n) => ({ row: n + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!numbered.length) return { header: [], rows: [] };
  const first = numbered[0];
  if (first.cells.some((c) => respondentField(c))) return { header: first.cells, rows: numbered.slice(1) };
  return { header: DEFAULT_COLUMN_ORDER.map((f) => RESPONDENT_COLUMNS[f].label), rows: numbered, headerless: true };
}
