// Report model → XLSX (exceljs): the underlying figures, one sheet per section. Numbers are numbers
// (percentages as fractions with a % format, so 33,3 % is 0.333… and charts and sums work in Excel);
// every chart's data is written as a table; text cells that a spreadsheet would read as a formula are
// neutralised (domain/export.ts). A round that is not closed is marked "PRELIMINÄR" on every sheet and in
// the print header.
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../domain/export.ts';
import type { Cell, ColumnFormat, ReportModel, TableBlock } from '../../domain/reports/model.ts';
import { PRELIMINARY_LABEL, PRELIMINARY_NOTE } from '../../domain/reports/model.ts';
import { chartTable } from './chartdata.ts';

const NUM_FMT: Partial<Record<ColumnFormat, string>> = {
  int: '0',
  decimal: '0.0#',
  percent: '0.0%',
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
  if (format === 'percent') return v / 100;
  return v;
}

function text(v: string): string {
  return neutraliseCell(v) as string;
}

function writeTable(ws: ExcelJS.Worksheet, t: TableBlock) {
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
  about.addRow([]);
  about.addRow(['Blad']).font = { bold: true };
  const names: string[] = [];

  for (const s of model.sections) {
    const name = sheetName(s.sheet ?? s.heading, used);
    names.push(name);
    const ws = wb.addWorksheet(name);
    header(ws);
    ws.getColumn(1).width = 46;
    for (let i = 2; i <= 16; i++) ws.getColumn(i).width = 15;
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
          writeTable(ws, b);
          break;
        case 'chart':
          writeTable(ws, chartTable(b));
          break;
      }
    }
  }
  for (const n of names) about.addRow([n]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
