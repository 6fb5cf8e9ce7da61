// Reading report workbooks back in tests (exceljs).
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';

export async function readXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/**
 * The table on a report sheet whose header row starts with `firstHeader`: the header row and the
 * data rows below it, up to the first empty row, as arrays of cell values.
 */
export function tableAt(wb: ExcelJS.Workbook, sheet: string, firstHeader: string): unknown[][] {
  const ws = wb.getWorksheet(sheet);
  assert.ok(ws, `bladet ${sheet} finns`);
  const rows: unknown[][] = [];
  for (let n = 1; n <= ws.rowCount; n++) rows.push((ws.getRow(n).values as unknown[]).slice(1));
  const start = rows.findIndex((r) => r[0] === firstHeader);
  assert.ok(start >= 0, `bladet ${sheet} har en tabell som börjar med ${firstHeader}`);
  const end = rows.findIndex((r, i) => i > start && r.every((v) => v === undefined || v === null || v === ''));
  return rows.slice(start, end < 0 ? undefined : end);
}
