// Report model → XLSX (exceljs): the cover sheet "Om rapporten", the flat data sheet (model.data: one
// row per unit × question × option, or per initiative/indicator; header row frozen, autofilter on) and
// one sheet per section with the underlying figures. Numbers are numbers (percentages as fractions with
// a % format, so 33,3 % is 0.333… and charts and sums work in Excel); every chart's data is written as a
// table; text cells that a spreadsheet would read as a formula are neutralised (domain/export.ts). Every
// sheet starts at A1; columns are as wide as their table content (long texts wrap). A round that is not
// closed is marked "PRELIMINÄR" on every sheet and in the print header.
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../domain/export.ts';
import type { Cell, Column, ColumnFormat, FlatData, ReportModel, TableBlock } from '../../domain/reports/model.ts';
import { PRELIMINARY_LABEL, PRELIMINARY_NOTE } from '../../domain/reports/model.ts';
import { chartTable } from './chartdata.ts';
import { formatCell } from './format.ts';

const NUM_FMT: Partial<Record<ColumnFormat, string>> = {
  int: '0',
  decimal: '0.0#',
  percent: '0.0%',
  percent2: '0.00%',
  pp: '+0.0;-0.0;0.0',
  sek: '#,##0 "kr"',
  signed: '+#,##0;-#,##0;0',
};

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique (case-insensitive). */
export function sheetName(heading: string, used: Set<string>): string {
  const base = heading.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Blad';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

function cellValue(v: Cell, format: ColumnFormat | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return neutraliseCell(v);
  if (format === 'percent' || format === 'percent2') return v / 100;
  return v;
}

function text(v: string): string {
  return neutraliseCell(v) as string;
}

/** Widest content per column (characters), from table cells only: headings and paragraphs in column A overflow. */
type Widths = number[];
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Track the display width of a table's header (longest word: headers wrap) and cells. */
function measure(widths: Widths, columns: Column[], rows: Cell[][]) {
  columns.forEach((c, i) => {
    const words = c.label.split(/\s+/).map((w) => w.length);
    widths[i] = Math.max(widths[i] ?? 0, ...words, Math.min(c.label.length, 14));
  });
  for (const r of rows)
    r.forEach((v, i) => {
      const len = formatCell(v, columns[i]?.format).length;
      widths[i] = Math.max(widths[i] ?? 0, len);
    });
}

/** Sets the column widths (characters + padding) and wraps the cells of columns cut at MAX_WIDTH. */
function applyWidths(ws: ExcelJS.Worksheet, widths: Widths, from = 1) {
  widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2));
    if (w + 2 > MAX_WIDTH)
      col.eachCell((c, row) => {
        if (row >= from && typeof c.value === 'string' && c.value.length > MAX_WIDTH) c.alignment = { ...c.alignment, wrapText: true, vertical: 'top' };
      });
  });
}

function writeTable(ws: ExcelJS.Worksheet, t: TableBlock, widths: Widths) {
  measure(widths, t.columns, t.rows);
  const cap = ws.addRow([text(t.caption)]);
  cap.font = { bold: true, color: { argb: 'FF1F4E79' } };
  const head = ws.addRow(t.columns.map((c) => text(c.label)));
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  t.rows.forEach((r, ri) => {
    const row = ws.addRow(r.map((v, i) => cellValue(v, t.columns[i].format)));
    t.columns.forEach((c, i) => {
      const fmt = c.format ? NUM_FMT[c.format] : undefined;
      if (fmt && typeof r[i] === 'number') row.getCell(i + 1).numFmt = fmt;
    });
    if (t.emphasis?.includes(ri)) row.font = { bold: true };
  });
  if (t.note) ws.addRow([text(t.note)]).font = { italic: true, color: { argb: 'FF5A5A5A' } };
  ws.addRow([]);
}

/** The largest table of the model, for models without flat data. */
function fallbackData(model: ReportModel): FlatData | null {
  let best: TableBlock | null = null;
  for (const s of model.sections) for (const b of s.blocks) if (b.kind === 'table' && (!best || b.rows.length > best.rows.length)) best = b;
  if (!best) return null;
  return { sheet: 'Data', columns: best.columns, rows: best.rows.filter((_r, i) => !best.emphasis?.includes(i)) };
}

/** The flat data sheet: header in row 1 (frozen, autofilter), one record per row, nothing else. */
function writeData(ws: ExcelJS.Worksheet, data: FlatData) {
  const head = ws.addRow(data.columns.map((c) => text(c.label)));
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }));
  for (const r of data.rows) {
    const row = ws.addRow(r.map((v, i) => cellValue(v, data.columns[i]?.format)));
    data.columns.forEach((c, i) => {
      const fmt = c.format ? NUM_FMT[c.format] : undefined;
      if (fmt && typeof r[i] === 'number') row.getCell(i + 1).numFmt = fmt;
    });
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, data.rows.length + 1), column: data.columns.length } };
  const widths: Widths = [];
  measure(widths, data.columns, data.rows);
  // The header is one line here (no wrapping), so it must fit whole, plus room for the filter button.
  data.columns.forEach((c, i) => (widths[i] = Math.max(widths[i], c.label.length + 3)));
  applyWidths(ws, widths, 2);
}

/** Renders the model's figures to an XLSX workbook. */
export async function renderXlsx(model: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'samverka';
  wb.title = model.title;
  wb.subject = model.subtitle;
  wb.created = new Date(`${model.meta.generatedAt}T12:00:00Z`);
  const used = new Set<string>();
  const header = (ws: ExcelJS.Worksheet) => {
    ws.headerFooter.oddHeader = `&L${model.header.replace(/&/g, '&&')}${model.preliminary ? `&C&"-,Bold"${PRELIMINARY_LABEL}` : ''}&RSida &P (&N)`;
    ws.headerFooter.oddFooter = `&L${model.footer.replace(/&/g, '&&')}`;
  };

  const about = wb.addWorksheet(sheetName('Om rapporten', used));
  header(about);
  about.getColumn(1).width = 28;
  about.getColumn(2).width = 80;
  about.addRow([text(model.title)]).font = { bold: true, size: 14 };
  if (model.preliminary) about.addRow([PRELIMINARY_NOTE]).font = { bold: true, color: { argb: 'FFB2182B' } };
  const facts: Array<[string, string | number]> = model.meta.facts
    ? [['Rapport', model.subtitle], ...model.meta.facts]
    : [
        ['Rapport', model.subtitle],
        ['Mätomgång', model.meta.roundTitle ?? ''],
        ['Instrument', model.meta.instrument ?? ''],
        ['Genererad', model.meta.generatedAt],
        ['Kommun', model.municipality ? model.municipality.name : 'Anonymiserad (Kommun 1…N)'],
        ['Status', model.preliminary ? PRELIMINARY_LABEL : 'Slutlig'],
      ];
  if (model.meta.demo) facts.push(['Demodata', 'Uppgifterna är demodata, delvis syntetiserade.']);
  for (const [k, v] of facts) about.addRow([k, typeof v === 'string' ? text(v) : v]).getCell(1).font = { bold: true };
  const data = model.data ?? fallbackData(model);
  if (data?.note) about.addRow(['Databladet', text(data.note)]).getCell(1).font = { bold: true };
  about.addRow([]);
  about.addRow(['Blad']).font = { bold: true };
  const names: string[] = [];
  if (data) {
    const name = sheetName(data.sheet, used);
    names.push(name);
    const ws = wb.addWorksheet(name);
    header(ws);
    writeData(ws, data);
  }

  for (const s of model.sections) {
    const name = sheetName(s.sheet ?? s.heading, used);
    names.push(name);
    const ws = wb.addWorksheet(name);
    header(ws);
    const widths: Widths = [];
    ws.addRow([text(s.heading)]).font = { bold: true, size: 13 };
    if (model.preliminary) ws.addRow([PRELIMINARY_LABEL]).font = { bold: true, color: { argb: 'FFB2182B' } };
    ws.addRow([]);
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'paragraph':
          ws.addRow([text(b.text)]).font = b.style === 'note' ? { italic: true, color: { argb: 'FF5A5A5A' } } : {};
          break;
        case 'subheading':
          ws.addRow([text(b.text)]).font = { bold: true };
          break;
        case 'bullets':
          if (b.title) ws.addRow([text(b.title)]).font = { bold: true };
          for (const it of b.items) ws.addRow([text(`• ${it}`)]);
          ws.addRow([]);
          break;
        case 'table':
          writeTable(ws, b, widths);
          break;
        case 'chart':
          writeTable(ws, chartTable(b), widths);
          break;
      }
    }
    // Column A also holds headings and paragraphs, which overflow into the empty cells to their right.
    if (!widths.length) widths.push(40);
    applyWidths(ws, widths);
  }
  for (const n of names) about.addRow([n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
