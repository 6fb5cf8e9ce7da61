// Validation of imported responses (CSV/XLSX from Forms, Esmaker, Netigate… or published figures).
// One row per respondent: municipality SCB code, respondent type, verksamhetsområde and one column
// per item id; values as option codes or labels. Pure and IO-free: takes the parsed table, the
// instrument and the round's municipalities; returns the accepted rows and every error by row and column.
import { numberBand, optionsOf, validateAnswer, visibleItems } from './instruments/answers.ts';
import type { AnswerValue, Instrument, Item, Option } from './instruments/schema.ts';
import { SELF_ASSESSMENT_TYPE } from './rounds.ts';

/** A parsed file: the header row and the data rows with their row numbers in the file (header = 1). */
export interface ParsedTable {
  header: string[];
  rows: Array<{ row: number; cells: string[] }>;
}

export interface ImportError {
  /** Row number in the file (the header is row 1); 0 for errors about the whole file. */
  row: number;
  /** Column name from the header, or null for errors about a whole row or file. */
  column: string | null;
  message: string;
}

export interface ImportedRow {
  row: number;
  municipality: string;
  respondentType: string | null;
  area: string | null;
  answers: Record<string, AnswerValue>;
}

export interface ImportContext {
  /** SCB codes of the municipalities in the round. */
  municipalities: ReadonlyArray<string>;
  /** Verksamhetsområden (id and name). */
  areas: ReadonlyArray<{ id: string; name: string }>;
  /** The respondent types the round includes (null or missing = all of the instrument's). */
  respondentTypes?: ReadonlyArray<string> | null;
}

export interface ImportValidation {
  accepted: ImportedRow[];
  /** Row and cell errors: with `skipInvalid` their rows are left out, otherwise nothing is written. */
  errors: ImportError[];
  /** Errors about the file or its header: nothing can be written while any remains. */
  fileErrors: ImportError[];
  /** Data rows read (blank rows not counted). */
  rowCount: number;
}

export const MAX_IMPORT_ROWS = 20000;

const MUNICIPALITY_HEADERS = ['kommun', 'kommunkod', 'scb', 'scb-kod', 'scbkod', 'municipality', 'municipality_code', 'municipality code'];
const TYPE_HEADERS = ['respondenttyp', 'respondent_type', 'respondenttype', 'respondent type', 'typ', 'roll', 'role', 'type'];
const AREA_HEADERS = ['verksamhetsområde', 'verksamhetsomrade', 'område', 'omrade', 'area'];
/** Columns of our own export that carry no answers and are ignored on import. */
const IGNORED_HEADERS = ['respondent', 'respondent_id', 'status'];

const YESNO: ReadonlyArray<{ code: 'ja' | 'nej' | 'vet_ej'; labels: string[] }> = [
  { code: 'ja', labels: ['ja', 'yes'] },
  { code: 'nej', labels: ['nej', 'no'] },
  { code: 'vet_ej', labels: ['vet_ej', 'vet ej', 'vet inte', "don't know"] },
];

/** Lower case with collapsed white space, for case-insensitive matching of labels and headers. */
export const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Splits a cell with several values (multi-select, "Ja | grad", "nuvarande | mål") on `|` or `;`. */
const splitParts = (s: string) =>
  s
    .split(/[|;]/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Finds an option by code (exact, then case-insensitive) or by label (case-insensitive). */
export function matchOption(options: ReadonlyArray<Option>, text: string): Option | undefined {
  const t = text.trim();
  const n = norm(t);
  return options.find((o) => o.code === t) ?? options.find((o) => norm(o.code) === n) ?? options.find((o) => norm(o.label) === n);
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const notAnOption = (text: string) => `"${text}" är inget svarsalternativ för frågan`;

/** Converts a cell's text to the AnswerValue shape of the item (validated afterwards by validateAnswer). */
export function cellToValue(instrument: Instrument, item: Item, text: string): Converted {
  const options = optionsOf(instrument, item);
  const option = (t: string): Converted => {
    const o = matchOption(options, t);
    return o ? { ok: true, value: o.code } : { ok: false, message: notAnOption(t) };
  };
  switch (item.type) {
    case 'scale':
    case 'single':
      return option(text);
    case 'multi': {
      const codes: string[] = [];
      for (const part of splitParts(text)) {
        const o = option(part);
        if (!o.ok) return o;
        codes.push(o.value as string);
      }
      return { ok: true, value: codes };
    }
    case 'text':
      return { ok: true, value: text };
    case 'number': {
      const t = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
      if (/^[-−]?\d+(\.\d+)?$/.test(t)) return { ok: true, value: Number(t.replace('−', '-')) };
      // An item with answer bands also takes a band, by code or label ("1-10", "1–10 timmar").
      const band = numberBand(item, text);
      if (band) return { ok: true, value: band.code };
      return {
        ok: false,
        message: item.options?.length
          ? `"${text}" är inte ett tal eller ett av intervallen (${item.options.map((o) => o.label).join(', ')})`
          : `"${text}" är inte ett tal`,
      };
    }
    case 'yesno_degree': {
      const [answerText, degreeText, ...rest] = splitParts(text);
      if (rest.length) return { ok: false, message: 'Ange Ja, Nej eller Vet ej och eventuellt en grad, åtskilda med |' };
      const answer = YESNO.find((y) => y.labels.includes(norm(answerText ?? '')));
      if (!answer) return { ok: false, message: `"${answerText ?? text}" är inte Ja, Nej eller Vet ej` };
      if (degreeText === undefined) return { ok: true, value: { answer: answer.code } };
      const d = option(degreeText);
      if (!d.ok) return d;
      return { ok: true, value: { answer: answer.code, degree: d.value } };
    }
    case 'capability': {
      const [currentText, targetText, ...rest] = splitParts(text);
      if (rest.length || currentText === undefined)
        return { ok: false, message: 'Ange nuvarande nivå och eventuellt målnivå, åtskilda med |' };
      const current = option(currentText);
      if (!current.ok) return current;
      if (targetText === undefined) return { ok: true, value: { current: current.value } };
      const target = option(targetText);
      if (!target.ok) return { ok: false, message: `Målnivå: ${target.message}` };
      return { ok: true, value: { current: current.value, target: target.value } };
    }
  }
}

type Column =
  | { kind: 'municipality' | 'type' | 'area'; name: string }
  | { kind: 'item'; name: string; item: Item }
  | { kind: 'ignore'; name: string };

/** Validates every row of an import against the instrument and the round. */
export function validateImport(table: ParsedTable, instrument: Instrument, ctx: ImportContext): ImportValidation {
  const v = new ImportValidator(table.header, instrument, ctx);
  const accepted: ImportedRow[] = [];
  for (const r of table.rows) {
    const a = v.row(r.row, r.cells);
    if (a) accepted.push(a);
  }
  const end = v.finish();
  return { accepted: end.fileErrors.length ? [] : accepted, errors: end.errors, fileErrors: end.fileErrors, rowCount: end.rowCount };
}

/**
 * The same validation one row at a time, for a file read as a stream: the header first, then each
 * row (its accepted form returned, its errors kept), then finish(). Errors about the file found only
 * in the rows (an unnamed column with values, too many rows, none) come at the end; when any
 * remains the rows' results do not count (nothing may be written), as with validateImport.
 */
export class ImportValidator {
  private readonly fileErrors: ImportError[] = [];
  private readonly errors: ImportError[] = [];
  private readonly columns: Column[] = [];
  private readonly seen = new Map<string, string>();
  private readonly unnamed: number[] = [];
  private readonly unnamedUsed = new Set<number>();
  private readonly selfAssessment: boolean;
  private readonly typeRequired: boolean;
  private readonly municipalities: Set<string>;
  private readonly selfRows = new Map<string, number>();
  private readonly headerBlocks: boolean;
  private rowCount = 0;

  constructor(
    readonly header: readonly string[],
    private readonly instrument: Instrument,
    private readonly ctx: ImportContext,
  ) {
    this.selfAssessment = instrument.mode === 'self-assessment';
    this.municipalities = new Set(ctx.municipalities);
    const itemsById = new Map(instrument.items.map((i) => [norm(i.id), i]));
    const { fileErrors, columns, seen } = this;
    header.forEach((raw, index) => {
      const name = raw.trim();
      const n = norm(name);
      let col: Column;
      if (!n) {
        this.unnamed.push(index);
        col = { kind: 'ignore', name: `kolumn ${index + 1}` };
      } else if (MUNICIPALITY_HEADERS.includes(n)) col = { kind: 'municipality', name };
      else if (TYPE_HEADERS.includes(n)) col = { kind: 'type', name };
      else if (AREA_HEADERS.includes(n)) col = { kind: 'area', name };
      else if (IGNORED_HEADERS.includes(n)) col = { kind: 'ignore', name };
      else if (itemsById.has(n)) col = { kind: 'item', name, item: itemsById.get(n)! };
      else {
        fileErrors.push({
          row: 1,
          column: name,
          message: `Kolumnen "${name}" är varken kommun, respondenttyp, verksamhetsområde eller en fråga i instrumentet ${instrument.id}`,
        });
        col = { kind: 'ignore', name };
      }
      if (col.kind !== 'ignore') {
        const key = col.kind === 'item' ? `item:${col.item.id}` : col.kind;
        const other = seen.get(key);
        if (other !== undefined) {
          fileErrors.push({ row: 1, column: name, message: `Kolumnen "${name}" förekommer flera gånger (även "${other}")` });
          col = { kind: 'ignore', name };
        } else seen.set(key, name);
      }
      columns.push(col);
    });
    this.typeRequired = !this.selfAssessment && instrument.respondentTypes.length > 0;
    if (!seen.has('municipality')) fileErrors.push({ row: 1, column: null, message: 'Kolumnen "kommun" (kommunens SCB-kod) saknas' });
    if (this.typeRequired && !seen.has('type'))
      fileErrors.push({
        row: 1,
        column: null,
        message: `Kolumnen "respondenttyp" saknas (${instrument.respondentTypes.map((t) => t.id).join(', ')})`,
      });
    if (![...seen.keys()].some((k) => k.startsWith('item:')))
      fileErrors.push({ row: 1, column: null, message: 'Filen har ingen kolumn med en fråga ur instrumentet (rubriken ska vara frågans id)' });
    this.headerBlocks = fileErrors.length > 0;
  }

  /** True once the file cannot be written whatever the remaining rows hold. */
  get blocked(): boolean {
    return this.headerBlocks || this.unnamedUsed.size > 0 || this.rowCount > MAX_IMPORT_ROWS;
  }

  /** Errors so far about rows (not the file). */
  get rowErrorCount(): number {
    return this.errors.length;
  }

  /** Validates one data row; its accepted form, or null (blank, or errors kept for finish()). */
  row(row: number, cells: readonly string[]): ImportedRow | null {
    if (!cells.some((c) => c.trim() !== '')) return null;
    this.rowCount++;
    for (const i of this.unnamed) if ((cells[i] ?? '').trim() !== '') this.unnamedUsed.add(i);
    if (this.blocked) return null;
    const { columns, instrument, ctx, seen, selfAssessment } = this;
    const rowErrors: ImportError[] = [];
    const err = (column: string | null, message: string) => rowErrors.push({ row, column, message });
    if (cells.slice(columns.length).some((c) => c.trim() !== '')) err(null, `Raden har värden utanför de ${columns.length} kolumnerna i rubrikraden`);
    let municipality = '';
    let respondentType: string | null = selfAssessment ? SELF_ASSESSMENT_TYPE : null;
    let area: string | null = null;

    // Identity columns first: the respondent type decides which items are allowed.
    columns.forEach((col, i) => {
      const text = (cells[i] ?? '').trim();
      if (col.kind === 'municipality') {
        if (!/^[0-9]{4}$/.test(text)) err(col.name, text ? `"${text}" är ingen kommunkod (fyra siffror, SCB-kod)` : 'Kommunkod saknas');
        else if (!this.municipalities.has(text)) err(col.name, `Kommunen ${text} ingår inte i mätomgången`);
        else municipality = text;
      } else if (col.kind === 'type') {
        if (selfAssessment) {
          if (text && norm(text) !== SELF_ASSESSMENT_TYPE)
            err(col.name, `Självskattningen besvaras av kommunansvarig; respondenttypen ska vara tom eller "${SELF_ASSESSMENT_TYPE}"`);
        } else if (!text) {
          if (this.typeRequired) err(col.name, 'Respondenttyp saknas');
        } else {
          const t = instrument.respondentTypes.find((r) => norm(r.id) === norm(text) || norm(r.label) === norm(text));
          if (!t)
            err(col.name, `"${text}" är ingen respondenttyp i instrumentet (${instrument.respondentTypes.map((r) => r.label).join(', ') || 'inga'})`);
          else if (ctx.respondentTypes && !ctx.respondentTypes.includes(t.id)) err(col.name, `Respondenttypen ${t.label} ingår inte i mätomgången`);
          else respondentType = t.id;
        }
      } else if (col.kind === 'area' && text) {
        const a = ctx.areas.find((x) => norm(x.id) === norm(text) || norm(x.name) === norm(text));
        if (!a) err(col.name, `"${text}" är inget verksamhetsområde`);
        else area = a.id;
      }
    });
    const typeOk = !rowErrors.some((e) => seen.get('type') !== undefined && e.column === seen.get('type'));

    const visible = this.visibleFor(respondentType);
    const answers: Record<string, AnswerValue> = {};
    columns.forEach((col, i) => {
      if (col.kind !== 'item') return;
      const text = cells[i] ?? '';
      if (text.trim() === '') return;
      if (typeOk && !visible.has(col.item.id)) {
        err(col.name, respondentType ? `Frågan ställs inte till respondenttypen "${respondentType}"` : 'Frågan ställs bara till vissa respondenttyper; ange respondenttyp');
        return;
      }
      const converted = cellToValue(instrument, col.item, text);
      if (!converted.ok) return void err(col.name, converted.message);
      const v = validateAnswer(instrument, col.item.id, converted.value);
      if (!v.ok) return void err(col.name, v.message);
      answers[col.item.id] = v.value;
    });
    if (!rowErrors.length && Object.keys(answers).length === 0) err(null, 'Raden innehåller inga svar');
    if (selfAssessment && municipality && !rowErrors.length) {
      const first = this.selfRows.get(municipality);
      if (first !== undefined) err(null, `Självskattningen för kommun ${municipality} finns redan på rad ${first}`);
      else this.selfRows.set(municipality, row);
    }
    if (rowErrors.length) {
      this.errors.push(...rowErrors);
      return null;
    }
    return { row, municipality, respondentType, area, answers };
  }

  private readonly visibleCache = new Map<string | null, Set<string>>();
  private visibleFor(type: string | null): Set<string> {
    let v = this.visibleCache.get(type);
    if (!v) this.visibleCache.set(type, (v = new Set(visibleItems(this.instrument, type).map((i) => i.id))));
    return v;
  }

  /** The errors about the file (then the rows' results do not count) and the rows, and the data rows read. */
  finish(): { errors: ImportError[]; fileErrors: ImportError[]; rowCount: number } {
    const fileErrors = [...this.fileErrors];
    for (const i of this.unnamed)
      if (this.unnamedUsed.has(i)) fileErrors.push({ row: 1, column: `kolumn ${i + 1}`, message: 'Kolumnen saknar rubrik' });
    // Header errors in the order of the header (an unnamed column where it stands).
    fileErrors.sort((a, b) => (a.row === 1 && b.row === 1 ? this.columnIndex(a) - this.columnIndex(b) : 0));
    if (this.rowCount > MAX_IMPORT_ROWS) fileErrors.push({ row: 0, column: null, message: `Filen har fler än ${MAX_IMPORT_ROWS} rader` });
    if (this.rowCount === 0) fileErrors.push({ row: 0, column: null, message: 'Filen innehåller inga svarsrader' });
    return { errors: fileErrors.length ? [] : this.errors, fileErrors, rowCount: this.rowCount };
  }

  private columnIndex(e: ImportError): number {
    if (e.column === null) return this.columns.length;
    const i = this.columns.findIndex((c) => c.name === e.column);
    return i < 0 ? this.columns.length : i;
  }
}

/** The text of a stored answer in the import format (the inverse of cellToValue, using codes). */
export function valueToCell(item: Item, value: AnswerValue | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  const v: unknown = value;
  switch (item.type) {
    case 'multi':
      return Array.isArray(v) ? v.join('|') : '';
    case 'number':
      return typeof v === 'number' || typeof v === 'string' ? v : '';
    case 'yesno_degree': {
      if (typeof v !== 'object' || v === null || !('answer' in v)) return '';
      const a = v as { answer: string; degree?: string };
      return a.degree ? `${a.answer}|${a.degree}` : a.answer;
    }
    case 'capability': {
      if (typeof v !== 'object' || v === null || !('current' in v)) return '';
      const c = v as { current: string; target?: string };
      return c.target ? `${c.current}|${c.target}` : c.current;
    }
    default:
      return typeof v === 'string' ? v : JSON.stringify(v);
  }
}
