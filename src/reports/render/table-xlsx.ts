// A plain table (header row first) as a one-sheet workbook (exceljs): bold frozen header with a filter,
// columns as wide as their content. Text cells are neutralised against formula injection (domain/export.ts).
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../domain/export.ts';

/** `cell` turns a data cell into what the sheet stores (e.g. a number); by default the neutralised text. */
export async function tableXlsx(
  table: ReadonlyArray<ReadonlyArray<string>>,
  sheetName: string,
  cell: (value: string, column: number) => ExcelJS.CellValue = (v) => neutraliseCell(v),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'samverka';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  table.forEach((row, i) => {
    const r = ws.addRow(row.map((c, j) => (i === 0 ? neutraliseCell(c) : cell(c, j))));
    if (i === 0) r.font = { bold: true };
  });
  const columns = table[0]?.length ?? 0;
  if (columns) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
  ws.columns.forEach((col, j) => {
    const longest = Math.max(...table.map((r) => (r[j] ?? '').length));
    col.width = Math.min(80, Math.max(10, longest + 2));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
