// Reads an economics workbook (XLSX, exceljs) into plain rows for the pure import
// (src/domain/economics/import.ts): numbers stay numbers, a number formatted as a percentage becomes
// "12,5%" (as printed), a formula gives its cached result (never evaluated here), rich text its text.
// Unsafe text (NUL, lone surrogates) is an error by sheet, row and column.
import ExcelJS from 'exceljs';
import { columnLetter, type CellValue, type EconomicsImportError, type SheetRows } from '../domain/economics/import-cells.ts';
import { UNSAFE_TEXT_MESSAGE, unsafeTextReason } from '../domain/text.ts';
import { detectFormat } from './responses.ts';

const MAX_ROWS = 20000;
const MAX_COLUMNS = 200;

function value(cell: ExcelJS.Cell): CellValue {
  let v: ExcelJS.CellValue = cell.value;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) v = (v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return /%/.test(cell.numFmt ?? '') ? `${String(Math.round(v * 1e8) / 1e6).replace('.', ',')}%` : v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Every worksheet's non-empty rows, or why the file cannot be read. */
export async function readEconomicsWorkbook(bytes: Uint8Array, filename?: string): Promise<{ ok: true; sheets: SheetRows[] } | { ok: false; errors: EconomicsImportError[] }> {
  const fail = (message: string) => ({ ok: false as const, errors: [{ sheet: '', row: 0, column: null, message }] });
  if (bytes.length === 0) return fail('Filen är tom');
  if (detectFormat(bytes, filename) !== 'xlsx') return fail('Filen är ingen Excel-fil (XLSX): använd samverkas mall eller en arbetsbok med de publicerade tabellerna');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return fail('Filen kunde inte läsas som en Excel-fil (XLSX)');
  }
  if (!wb.worksheets.length) return fail('Excel-filen har inget kalkylblad');
  const errors: EconomicsImportError[] = [];
  const sheets: SheetRows[] = [];
  for (const ws of wb.worksheets) {
    if (unsafeTextReason(ws.name)) {
      errors.push({ sheet: '', row: 0, column: null, message: `Bladets namn: ${UNSAFE_TEXT_MESSAGE}` });
      continue;
    }
    if (ws.rowCount > MAX_ROWS) {
      errors.push({ sheet: ws.name, row: 0, column: null, message: `Bladet har fler än ${MAX_ROWS} rader` });
      continue;
    }
    const width = Math.min(ws.columnCount, MAX_COLUMNS);
    const rows: SheetRows['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      for (let c = 1; c <= width; c++) {
        const v = value(row.getCell(c));
        if (typeof v === 'string' && unsafeTextReason(v)) {
          errors.push({ sheet: ws.name, row: rowNumber, column: null, cell: `${columnLetter(c - 1)}${rowNumber}`, message: UNSAFE_TEXT_MESSAGE });
          cells.push(null);
        } else cells.push(v);
      }
      if (cells.some((c) => c !== null && String(c).trim() !== '')) rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows });
  }
  return errors.length ? { ok: false, errors } : { ok: true, sheets };
}
