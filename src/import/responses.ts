// Import of responses from CSV and XLSX files into a round: reads the file (refusing text that
// is not UTF-8), validates every row (src/domain/import.ts) and writes the accepted rows in one
// transaction. Nothing is written while errors remain unless `skipInvalid` is given.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createHash } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { validateImport, type ImportError, type ParsedTable } from '../domain/import.ts';
import type { Instrument } from '../domain/instruments/schema.ts';
import { UNSAFE_TEXT_MESSAGE, unsafeTextReason } from '../domain/text.ts';
import { getInstrument } from '../store/instruments.ts';
import { listAreas } from '../store/organisation.ts';
import { importSelfAssessment, insertImportedResponse } from '../store/respondents.ts';
import { getRound, lockRound, type Round } from '../store/rounds.ts';

export type FileFormat = 'csv' | 'xlsx';

export type ParseOutcome = { ok: true; format: FileFormat; table: ParsedTable } | { ok: false; format: FileFormat | null; errors: ImportError[] };

const MAX_ENCODING_ERRORS = 20;

/** Detects the format from the content (XLSX is a ZIP file), else from the file name. */
export function detectFormat(bytes: Uint8Array, filename?: string): FileFormat | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const name = (filename ?? '').toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.xls')) return null;
  return 'csv';
}

/** Decodes UTF-8 strictly; on failure reports each line that is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: ImportError[] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return {
      ok: false,
      errors: [{ row: 0, column: null, message: 'Filen är kodad som UTF-16. Spara den som "CSV UTF-8" och försök igen.' }],
    };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const errors: ImportError[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length && errors.length < MAX_ENCODING_ERRORS; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          errors.push({
            row: line,
            column: null,
            message: `Rad ${line} innehåller tecken som inte är UTF-8 (troligen Windows-1252/Latin-1). Spara filen som "CSV UTF-8" och försök igen.`,
          });
        }
        line++;
        start = i + 1;
      }
    }
    if (!errors.length) errors.push({ row: 0, column: null, message: 'Filen är inte kodad som UTF-8. Spara den som "CSV UTF-8" och försök igen.' });
    return { ok: false, errors };
  }
}

/** Parses CSV text (delimiter ; , or tab, detected); every record with the wrong number of fields is an error. */
export function parseCsv(text: string): { table: ParsedTable; errors: ImportError[] } {
  const r = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [';', ',', '\t'],
  });
  const errors: ImportError[] = [];
  const seen = new Set<number>();
  for (const e of r.errors) {
    if (e.code === 'UndetectableDelimiter') continue; // a single column; the header check reports what is missing
    const row = (e.row ?? -1) + 1;
    if (seen.has(row)) continue;
    seen.add(row);
    errors.push({
      row,
      column: null,
      message:
        e.code === 'MissingQuotes' || e.code === 'InvalidQuotes'
          ? 'Felaktiga citattecken: ett fält öppnas med " men stängs inte rätt'
          : `Raden kunde inte läsas (${e.message})`,
    });
  }
  const records = r.data.map((cells) => cells.map((c) => (c ?? '').toString()));
  const header = records[0] ?? [];
  const rows: ParsedTable['rows'] = [];
  records.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const blank = cells.every((c) => c.trim() === '');
    if (blank) return;
    if (cells.length !== header.length && !seen.has(row)) {
      seen.add(row);
      errors.push({ row, column: null, message: `Raden har ${cells.length} fält men rubrikraden har ${header.length}` });
    }
    rows.push({ row, cells });
  });
  return { table: { header, rows }, errors };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    // Formulas are imported as the text of the formula, never evaluated.
    if ('formula' in v && typeof v.formula === 'string') return `=${v.formula}`;
    if ('sharedFormula' in v && typeof v.sharedFormula === 'string') return `=${v.sharedFormula}`;
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Reads the first worksheet; the first non-empty row is the header. Row numbers are the sheet's. */
export async function parseXlsx(bytes: Uint8Array): Promise<{ table: ParsedTable; errors: ImportError[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { table: { header: [], rows: [] }, errors: [{ row: 0, column: null, message: 'Filen kunde inte läsas som en Excel-fil (XLSX)' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { table: { header: [], rows: [] }, errors: [{ row: 0, column: null, message: 'Excel-filen har inget kalkylblad' }] };
  let header: string[] | null = null;
  const rows: ParsedTable['rows'] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    if (header === null) {
      while (cells.length && cells[cells.length - 1].trim() === '') cells.pop();
      header = cells;
    } else rows.push({ row: rowNumber, cells });
  });
  return { table: { header: header ?? [], rows }, errors: [] };
}

/** Reads a CSV or XLSX file into a table, or reports why it cannot be read. */
export async function parseResponsesFile(bytes: Uint8Array, filename?: string): Promise<ParseOutcome> {
  const format = detectFormat(bytes, filename);
  if (!format)
    return { ok: false, format: null, errors: [{ row: 0, column: null, message: 'Filformatet stöds inte: använd CSV (UTF-8) eller XLSX' }] };
  if (bytes.length === 0) return { ok: false, format, errors: [{ row: 0, column: null, message: 'Filen är tom' }] };
  if (format === 'xlsx') {
    const r = await parseXlsx(bytes);
    return checkedTable(format, r);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, format, errors: decoded.errors };
  return checkedTable(format, parseCsv(decoded.text));
}

/** A parsed table, or its errors: reading errors, then cells with text that cannot be stored (NUL, lone surrogate). */
function checkedTable(format: FileFormat, r: { table: ParsedTable; errors: ImportError[] }): ParseOutcome {
  if (r.errors.length) return { ok: false, format, errors: r.errors };
  const errors: ImportError[] = [];
  const headerRow = r.table.rows.length ? Math.max(1, r.table.rows[0].row - 1) : 1;
  r.table.header.forEach((h) => {
    if (unsafeTextReason(h)) errors.push({ row: headerRow, column: null, message: `Rubrikraden: ${lowerFirst(UNSAFE_TEXT_MESSAGE)}` });
  });
  for (const row of r.table.rows)
    row.cells.forEach((c, i) => {
      if (errors.length < MAX_ENCODING_ERRORS && unsafeTextReason(c))
        errors.push({ row: row.row, column: safeHeader(r.table.header[i]), message: UNSAFE_TEXT_MESSAGE });
    });
  return errors.length ? { ok: false, format, errors } : { ok: true, format, table: r.table };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const safeHeader = (h: string | undefined) => (h && !unsafeTextReason(h) ? h : null);

/** The import cannot be carried out at all (unknown round, closed round). */
export class ImportRefused extends Error {
  constructor(
    message: string,
    public kind: 'not-found' | 'conflict',
  ) {
    super(message);
  }
}

export interface ImportReport {
  roundId: number;
  format: FileFormat | null;
  dryRun: boolean;
  skipInvalid: boolean;
  /** Data rows read. */
  rows: number;
  /** Rows that passed validation. */
  accepted: number;
  errors: ImportError[];
  /** Rows stored by this call (0 on a dry run or while errors block the import). */
  written: number;
  /** Accepted rows skipped because the same file's row was imported before. */
  alreadyImported: number;
  /** The first accepted rows, for a preview. */
  preview: Array<{ row: number; municipality: string; respondentType: string | null; area: string | null; answers: number }>;
}

const PREVIEW_ROWS = 20;
const sortErrors = (errors: ImportError[]) => [...errors].sort((a, b) => a.row - b.row || String(a.column ?? '').localeCompare(String(b.column ?? '')));

/** Validates (and unless dryRun, writes) a responses file into a round. */
export async function importResponses(
  db: Db,
  roundId: number,
  file: { bytes: Uint8Array; filename?: string },
  opts: { dryRun?: boolean; skipInvalid?: boolean } = {},
): Promise<ImportReport> {
  const dryRun = !!opts.dryRun;
  const skipInvalid = !!opts.skipInvalid;
  const round = await getRound(db, roundId);
  if (!round) throw new ImportRefused(`Mätomgång ${roundId} finns inte`, 'not-found');
  checkImportable(round);
  const instrument = (await getInstrument(db, round.instrument, round.instrumentVersion)) as Instrument;
  const base = { roundId, dryRun, skipInvalid, written: 0, alreadyImported: 0, preview: [] };

  const parsed = await parseResponsesFile(file.bytes, file.filename);
  if (!parsed.ok) return { ...base, format: parsed.format, rows: 0, accepted: 0, errors: sortErrors(parsed.errors) };

  const areas = await listAreas(db);
  const v = validateImport(parsed.table, instrument, { municipalities: round.municipalities, areas, respondentTypes: round.respondentTypes });
  const errors = sortErrors([...v.fileErrors, ...v.errors]);
  const report: ImportReport = {
    ...base,
    format: parsed.format,
    rows: v.rowCount,
    accepted: v.accepted.length,
    errors,
    preview: v.accepted.slice(0, PREVIEW_ROWS).map((a) => ({
      row: a.row,
      municipality: a.municipality,
      respondentType: a.respondentType,
      area: a.area,
      answers: Object.keys(a.answers).length,
    })),
  };
  const blocked = v.fileErrors.length > 0 || (v.errors.length > 0 && !skipInvalid);
  if (dryRun || blocked || v.accepted.length === 0) return report;

  const fileRef = createHash('sha256').update(file.bytes).digest('hex').slice(0, 32);
  const counts = await db.transaction(async (tx) => {
    const locked = await lockRound(tx, roundId);
    if (!locked) throw new ImportRefused(`Mätomgång ${roundId} finns inte`, 'not-found');
    checkImportable(locked);
    let written = 0;
    let already = 0;
    for (const a of v.accepted) {
      if (instrument.mode === 'self-assessment') {
        await importSelfAssessment(tx, { roundId, municipality: a.municipality, area: a.area, answers: a.answers });
        written++;
      } else {
        const id = await insertImportedResponse(tx, {
          roundId,
          municipality: a.municipality,
          respondentType: a.respondentType,
          area: a.area,
          importRef: `${fileRef}:${a.row}`,
          answers: a.answers,
        });
        if (id === null) already++;
        else written++;
      }
    }
    return { written, already };
  });
  return { ...report, written: counts.written, alreadyImported: counts.already };
}

function checkImportable(round: Round) {
  if (round.status === 'closed') throw new ImportRefused('Mätomgången är stängd; öppna den igen för att importera svar', 'conflict');
}
