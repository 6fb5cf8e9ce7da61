// Import of responses from CSV and XLSX files into a round: reads the file (refusing text that
// is not UTF-8), validates every row (src/domain/import.ts) and writes the accepted rows in one
// transaction. Nothing is written while errors remain unless `skipInvalid` is given.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Db, Transaction } from '../db/db.ts';
import { ImportValidator, type ImportedRow, type ImportError, type ParsedTable } from '../domain/import.ts';
import type { Instrument } from '../domain/instruments/schema.ts';
import { UNSAFE_TEXT_MESSAGE, unsafeTextReason } from '../domain/text.ts';
import { getInstrument } from '../store/instruments.ts';
import { listAreas } from '../store/organisation.ts';
import { importSelfAssessmentBatch, insertImportedBatch } from '../store/imported-responses.ts';
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

/**
 * Papa Parse's errors as import errors, one per row (`seen` holds the rows already reported): the rows
 * of the errors are counted from `base` records before the parsed chunk.
 */
function addParseErrors(parseErrors: Papa.ParseError[], base: number, seen: Set<number>, out: ImportError[]): void {
  for (const e of parseErrors) {
    if (e.code === 'UndetectableDelimiter') continue; // a single column; the header check reports what is missing
    const row = base + (e.row ?? -1) + 1;
    if (seen.has(row)) continue;
    seen.add(row);
    out.push({
      row,
      column: null,
      message:
        e.code === 'MissingQuotes' || e.code === 'InvalidQuotes'
          ? 'Felaktiga citattecken: ett fält öppnas med " men stängs inte rätt'
          : `Raden kunde inte läsas (${e.message})`,
    });
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
  addParseErrors(r.errors, 0, seen, errors);
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
/** Accepted rows written per batch (one INSERT of respondents and one COPY of their answers). */
export const IMPORT_BATCH_ROWS = 500;
const READ_CHUNK = 256 * 1024;
const sortErrors = (errors: ImportError[]) => [...errors].sort((a, b) => a.row - b.row || String(a.column ?? '').localeCompare(String(b.column ?? '')));

/** The file to import: in memory, or on disk (the CLI's file, an upload spooled to a temporary file). */
export type ImportSource = { bytes: Uint8Array; filename?: string } | { path: string; filename?: string };

/** How far an import has come: bytes of the file read, data rows validated, rows written so far. */
export interface ImportProgress {
  phase: 'reading' | 'done';
  bytes: number;
  totalBytes: number;
  rows: number;
  written: number;
}

/** Size, first bytes and content hash of the source (the hash and row number make a row's import_ref). */
async function describeSource(file: ImportSource): Promise<{ size: number; head: Uint8Array; fileRef: string }> {
  if ('bytes' in file)
    return { size: file.bytes.length, head: file.bytes.subarray(0, 4), fileRef: createHash('sha256').update(file.bytes).digest('hex').slice(0, 32) };
  const hash = createHash('sha256');
  let size = 0;
  let head = new Uint8Array(0);
  for await (const chunk of createReadStream(file.path, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
    if (head.length < 4) head = new Uint8Array([...head, ...chunk.subarray(0, 4 - head.length)]);
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, head, fileRef: hash.digest('hex').slice(0, 32) };
}

async function* chunksOf(file: ImportSource): AsyncGenerator<Uint8Array> {
  if ('bytes' in file) {
    for (let i = 0; i < file.bytes.length; i += READ_CHUNK) yield file.bytes.subarray(i, i + READ_CHUNK);
    return;
  }
  yield* createReadStream(file.path, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>;
}

/** What reading the file found so far: errors that make the file unreadable, and bytes read. */
interface ReadState {
  /** Encoding errors (not UTF-8) and CSV errors (quotes, field counts): they alone are reported. */
  encodingErrors: ImportError[];
  parseErrors: ImportError[];
  bytes: number;
}

type TableEvent = { kind: 'header'; cells: string[]; row: number } | { kind: 'rows'; rows: ParsedTable['rows'] };

/**
 * Decodes UTF-8 as a stream, strictly: complete lines are decoded together; a part that fails is
 * decoded line by line and each line that is not UTF-8 is reported (as decodeUtf8 does).
 */
async function* utf8Text(chunks: AsyncIterable<Uint8Array>, state: ReadState): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let rest = new Uint8Array(0);
  let line = 1;
  let first = true;
  const decode = (bytes: Uint8Array): string => {
    try {
      const text = decoder.decode(bytes);
      for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) line++;
      return text;
    } catch {
      const parts: string[] = [];
      let start = 0;
      for (let i = 0; i <= bytes.length; i++) {
        if (i === bytes.length || bytes[i] === 0x0a) {
          const end = i === bytes.length ? i : i + 1;
          try {
            parts.push(decoder.decode(bytes.subarray(start, end)));
          } catch {
            if (state.encodingErrors.length < MAX_ENCODING_ERRORS)
              state.encodingErrors.push({
                row: line,
                column: null,
                message: `Rad ${line} innehåller tecken som inte är UTF-8 (troligen Windows-1252/Latin-1). Spara filen som "CSV UTF-8" och försök igen.`,
              });
          }
          if (i < bytes.length) line++;
          start = i + 1;
        }
      }
      return parts.join('');
    }
  };
  for await (const chunk of chunks) {
    state.bytes += chunk.length;
    let bytes: Uint8Array = chunk;
    if (rest.length) {
      bytes = new Uint8Array(rest.length + chunk.length);
      bytes.set(rest);
      bytes.set(chunk, rest.length);
    }
    if (first && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      state.encodingErrors.push({ row: 0, column: null, message: 'Filen är kodad som UTF-16. Spara den som "CSV UTF-8" och försök igen.' });
      return;
    }
    const cut = bytes.lastIndexOf(0x0a) + 1;
    rest = bytes.slice(cut);
    if (cut === 0) continue;
    let text = decode(bytes.subarray(0, cut));
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    if (text) yield text;
  }
  if (rest.length) {
    let text = decode(rest);
    if (first) text = text.replace(/^\uFEFF/, '');
    if (text) yield text;
  }
}

/** Reads a CSV as a stream (papaparse, delimiter ; , or tab guessed from the start): the header, then rows in chunks. */
async function* csvTable(chunks: AsyncIterable<Uint8Array>, state: ReadState): AsyncGenerator<TableEvent> {
  const input = new Readable({ objectMode: true, read: () => undefined });
  const parsed: Array<Papa.ParseResult<string[]>> = [];
  let finished = false;
  let failure: unknown;
  Papa.parse<string[]>(input as unknown as NodeJS.ReadableStream, {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [';', ',', '\t'],
    chunk: (r) => void parsed.push(r),
    complete: () => void (finished = true),
    error: (e) => void (failure = e),
  });
  let records = 0;
  let header: string[] | null = null;
  const seen = new Set<number>();
  function* take(): Generator<TableEvent> {
    while (parsed.length) {
      const r = parsed.shift()!;
      addParseErrors(r.errors, records, seen, state.parseErrors);
      const rows: ParsedTable['rows'] = [];
      for (const raw of r.data) {
        const cells = raw.map((c) => (c ?? '').toString());
        records++;
        if (header === null) {
          header = cells;
          yield { kind: 'header', cells, row: 1 };
          continue;
        }
        const row = records;
        if (cells.every((c) => c.trim() === '')) continue;
        if (cells.length !== header.length && !seen.has(row)) {
          seen.add(row);
          state.parseErrors.push({ row, column: null, message: `Raden har ${cells.length} fält men rubrikraden har ${header.length}` });
        }
        rows.push({ row, cells });
      }
      if (rows.length) yield { kind: 'rows', rows };
    }
  }
  const settle = async () => {
    while (input.readableLength > 0 && failure === undefined) await new Promise((r) => setImmediate(r));
  };
  // papaparse guesses the delimiter and line ending from its first chunk: give it the first rows
  // together (as when the whole text was parsed, it looks at the first ten).
  let opening: string | null = '';
  for await (const text of utf8Text(chunks, state)) {
    if (opening !== null) {
      opening += text;
      if ((opening.match(/\n/g)?.length ?? 0) <= 11 && opening.length < READ_CHUNK) continue;
      input.push(opening);
      opening = null;
    } else input.push(text);
    await settle();
    yield* take();
  }
  if (opening) input.push(opening);
  input.push(null);
  while (!finished && failure === undefined) await new Promise((r) => setImmediate(r));
  if (failure !== undefined) throw failure;
  yield* take();
  if (header === null) yield { kind: 'header', cells: [], row: 1 };
}

/** The chunks of a file, counting the bytes read into `state` (progress of a streamed XLSX). */
async function* counted(chunks: AsyncIterable<Uint8Array>, state: ReadState): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    state.bytes += c.length;
    yield c;
  }
}

/**
 * An XLSX file as the same events, read as a stream (exceljs's WorkbookReader: a worksheet that comes
 * before the shared strings in the ZIP is kept in a temporary file, not in memory): the first
 * worksheet, whose first row with values is the header; row numbers are the sheet's. Other worksheets
 * are read past.
 *
 * The streaming reader has been seen to fail once on a good file before its first row (a CI run under
 * load; not reproduced in 150 tries): a read that fails before any row has been given is made once more
 * from the start of the file (a path or bytes can be read again), so only a file that fails twice is
 * reported unreadable. One that fails after rows were given is reported at once.
 */
async function* xlsxTable(file: ImportSource, state: ReadState): AsyncGenerator<TableEvent> {
  let header = false;
  for (let attempt = 1; ; attempt++) {
    const bytes = state.bytes;
    let rows = false;
    try {
      for await (const ev of xlsxEvents(file, state)) {
        if (ev.kind === 'header') {
          if (header) continue;
          header = true;
        } else rows = true;
        yield ev;
      }
      return;
    } catch {
      if (rows || attempt >= 2) {
        state.parseErrors.push({ row: 0, column: null, message: 'Filen kunde inte läsas som en Excel-fil (XLSX)' });
        return;
      }
      state.bytes = bytes;
    }
  }
}

/** One read of xlsxTable: the events, or the reader's error. */
async function* xlsxEvents(file: ImportSource, state: ReadState): AsyncGenerator<TableEvent> {
  const input = Readable.from(counted(chunksOf(file), state));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  let sheets = 0;
  let header: string[] | null = null;
  let rows: ParsedTable['rows'] = [];
  for await (const ws of reader) {
    if (sheets++ > 0) {
      for await (const _ of ws);
      continue;
    }
    for await (const row of ws) {
      if (!row.hasValues) continue;
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, header?.length ?? 0); c++) cells.push(cellText(row.getCell(c).value));
      if (header === null) {
        while (cells.length && cells[cells.length - 1].trim() === '') cells.pop();
        header = cells;
        yield { kind: 'header', cells, row: row.number };
        continue;
      }
      rows.push({ row: row.number, cells });
      if (rows.length >= IMPORT_BATCH_ROWS) {
        yield { kind: 'rows', rows };
        rows = [];
      }
    }
  }
  if (!sheets) state.parseErrors.push({ row: 0, column: null, message: 'Excel-filen har inget kalkylblad' });
  if (header === null) yield { kind: 'header', cells: [], row: 1 };
  else if (rows.length) yield { kind: 'rows', rows };
}

class Rollback extends Error {
  constructor(public report: ImportReport) {
    super('rollback');
  }
}

/**
 * Validates (and unless dryRun, writes) a responses file into a round. A CSV is read as a stream:
 * rows are validated one by one and the accepted ones written in batches of IMPORT_BATCH_ROWS in
 * one transaction (rolled back when errors block the import), so memory does not grow with the
 * file. An XLSX file is read as a stream too (xlsxTable) and goes the same way.
 */
export async function importResponses(
  db: Db,
  roundId: number,
  file: ImportSource,
  opts: { dryRun?: boolean; skipInvalid?: boolean; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportReport> {
  const dryRun = !!opts.dryRun;
  const skipInvalid = !!opts.skipInvalid;
  const round = await getRound(db, roundId);
  if (!round) throw new ImportRefused(`Mätomgång ${roundId} finns inte`, 'not-found');
  checkImportable(round);
  const instrument = (await getInstrument(db, round.instrument, round.instrumentVersion)) as Instrument;
  const base = { roundId, dryRun, skipInvalid, written: 0, alreadyImported: 0, preview: [] };

  const source = await describeSource(file);
  const format = detectFormat(source.head, file.filename);
  if (!format)
    return { ...base, format: null, rows: 0, accepted: 0, errors: [{ row: 0, column: null, message: 'Filformatet stöds inte: använd CSV (UTF-8) eller XLSX' }] };
  if (source.size === 0) return { ...base, format, rows: 0, accepted: 0, errors: [{ row: 0, column: null, message: 'Filen är tom' }] };
  const areas = await listAreas(db);
  const ctx = { municipalities: round.municipalities, areas, respondentTypes: round.respondentTypes };

  const run = async (tx: Transaction | null): Promise<{ report: ImportReport; commit: boolean }> => {
    const state: ReadState = { encodingErrors: [], parseErrors: [], bytes: 0 };
    const events =
      format === 'xlsx'
        ? xlsxTable(file, state)
        : csvTable(chunksOf(file), state);
    const unsafe: ImportError[] = [];
    let validator: ImportValidator | null = null;
    let accepted = 0;
    let written = 0;
    let already = 0;
    const preview: ImportReport['preview'] = [];
    let batch: ImportedRow[] = [];
    const unreadable = () => state.encodingErrors.length > 0 || state.parseErrors.length > 0 || unsafe.length > 0;
    const canWrite = () => !!tx && !unreadable() && !!validator && !validator.blocked && (skipInvalid || validator.rowErrorCount === 0);
    const flush = async () => {
      if (!tx || !batch.length) return;
      const rows = batch;
      batch = [];
      if (!canWrite()) return; // the transaction is rolled back: nothing of this file is kept
      if (instrument.mode === 'self-assessment') written += await importSelfAssessmentBatch(tx, roundId, rows);
      else {
        const r = await insertImportedBatch(tx, roundId, source.fileRef, rows);
        written += r.written;
        already += r.alreadyImported;
      }
    };
    const progress = (phase: ImportProgress['phase']) =>
      opts.onProgress?.({ phase, bytes: state.bytes, totalBytes: source.size, rows: accepted + (validator?.rowErrorCount ?? 0), written });

    for await (const ev of events) {
      if (ev.kind === 'header') {
        ev.cells.forEach((h) => {
          if (unsafeTextReason(h)) unsafe.push({ row: ev.row, column: null, message: `Rubrikraden: ${lowerFirst(UNSAFE_TEXT_MESSAGE)}` });
        });
        validator = new ImportValidator(ev.cells, instrument, ctx);
        continue;
      }
      for (const r of ev.rows) {
        for (let i = 0; i < r.cells.length; i++)
          if (unsafe.length < MAX_ENCODING_ERRORS && unsafeTextReason(r.cells[i]))
            unsafe.push({ row: r.row, column: safeHeader(validatorHeader(validator, i)), message: UNSAFE_TEXT_MESSAGE });
        if (unreadable()) continue;
        const a = validator!.row(r.row, r.cells);
        if (!a) continue;
        accepted++;
        if (preview.length < PREVIEW_ROWS)
          preview.push({ row: a.row, municipality: a.municipality, respondentType: a.respondentType, area: a.area, answers: Object.keys(a.answers).length });
        if (tx && canWrite()) batch.push(a);
        if (batch.length >= IMPORT_BATCH_ROWS) await flush();
      }
      progress('reading');
    }
    const readErrors = state.encodingErrors.length ? state.encodingErrors : state.parseErrors.length ? state.parseErrors : unsafe;
    if (readErrors.length) return { report: { ...base, format, rows: 0, accepted: 0, errors: sortErrors(readErrors) }, commit: false };
    const v = validator!.finish();
    const fileBlocked = v.fileErrors.length > 0;
    const report: ImportReport = {
      ...base,
      format,
      rows: v.rowCount,
      accepted: fileBlocked ? 0 : accepted,
      errors: sortErrors([...v.fileErrors, ...v.errors]),
      preview: fileBlocked ? [] : preview,
    };
    const blocked = fileBlocked || (v.errors.length > 0 && !skipInvalid);
    if (!tx || blocked || report.accepted === 0) return { report, commit: false };
    await flush();
    progress('done');
    return { report: { ...report, written, alreadyImported: already }, commit: true };
  };

  if (dryRun) return (await run(null)).report;
  try {
    return await db.transaction(async (tx) => {
      const locked = await lockRound(tx, roundId);
      if (!locked) throw new ImportRefused(`Mätomgång ${roundId} finns inte`, 'not-found');
      checkImportable(locked);
      const r = await run(tx);
      if (!r.commit) throw new Rollback(r.report);
      return r.report;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.report;
    throw e;
  }
}

function validatorHeader(v: ImportValidator | null, i: number): string | undefined {
  return v?.header[i];
}

function checkImportable(round: Round) {
  if (round.status === 'closed') throw new ImportRefused('Mätomgången är stängd; öppna den igen för att importera svar', 'conflict');
}
