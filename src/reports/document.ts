// A small, generic report document model rendered to DOCX (docx), PDF (pdfkit) and XLSX (exceljs).
// Reports build a ReportDocument from their own pure model and call one of the renderers; the three
// formats then carry the same content. Shared by the handlingsplan and the indicator export; meant to
// be reused by other reports.
//
// Spreadsheet safety: every text cell that starts with = + - @ (or a tab / carriage return) is
// prefixed with ' so that no spreadsheet program evaluates it as a formula (CSV/formula injection).
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

export type CellValue = string | number | null;

export type CellFormat = 'text' | 'number' | 'int' | 'sek' | 'signedSek' | 'decimal' | 'percent';

export interface TableColumn {
  header: string;
  format?: CellFormat;
  /** Relative width (default 1). */
  width?: number;
}

export type Block =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | {
      kind: 'table';
      /** Sheet name in XLSX (max 31 characters); tables without one share the sheet "Tabell n". */
      sheet?: string;
      columns: TableColumn[];
      rows: CellValue[][];
      /** A bold last row (totals). */
      totalRow?: CellValue[];
    };

export interface ReportDocument {
  title: string;
  subtitle?: string;
  /** Label/value pairs shown under the title (e.g. Period, Framtagen). */
  meta?: Array<[string, string]>;
  blocks: Block[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a text cell that a spreadsheet would read as a formula. Numbers pass unchanged. */
export function safeCell(v: CellValue): CellValue {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

const group = (n: number) => String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** Swedish text for a cell: "1 992 000 kr", "+946 608", "78,6 %"; null → "–". Plain spaces and hyphen-minus. */
export function formatCell(v: CellValue, format: CellFormat = 'text'): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  const sign = v < 0 ? '-' : '';
  switch (format) {
    case 'number':
      return String(Math.round(v * 100) / 100).replace('.', ',');
    case 'int':
      return `${sign}${group(v)}`;
    case 'sek':
      return `${sign}${group(v)} kr`;
    case 'signedSek':
      return `${v > 0 ? '+' : sign}${group(v)}`;
    case 'decimal':
      return v.toFixed(2).replace('.', ',');
    case 'percent':
      return `${(Math.round(v * 10) / 10).toString().replace('.', ',')} %`;
    default:
      return String(v);
  }
}

const isNumeric = (f: CellFormat | undefined) => f !== undefined && f !== 'text';

// ---- DOCX ---------------------------------------------------------------------------------------

/** A4 landscape text width in twips: 16 838 − 2 × 1 440 (default margins). */
const DOCX_TEXT_WIDTH = 16838 - 2 * 1440;

export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE })];
  if (doc.subtitle) children.push(new Paragraph({ text: doc.subtitle, heading: HeadingLevel.HEADING_2 }));
  for (const [k, v] of doc.meta ?? []) children.push(new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] }));
  for (const b of doc.blocks) {
    if (b.kind === 'heading')
      children.push(new Paragraph({ text: b.text, heading: b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1 }));
    else if (b.kind === 'paragraph') children.push(new Paragraph({ text: b.text }));
    else if (b.kind === 'bullets') for (const item of b.items) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
    else {
      const total = b.columns.reduce((s, c) => s + (c.width ?? 1), 0);
      const twips = (c: TableColumn) => Math.floor(((c.width ?? 1) / total) * DOCX_TEXT_WIDTH);
      const cell = (v: CellValue, col: TableColumn, bold: boolean) =>
        new TableCell({
          width: { size: twips(col), type: WidthType.DXA },
          children: [
            new Paragraph({
              alignment: isNumeric(col.format) ? AlignmentType.RIGHT : AlignmentType.LEFT,
              children: [new TextRun({ text: formatCell(v, col.format), bold, size: 18 })],
            }),
          ],
        });
      const rows = [
        new TableRow({
          tableHeader: true,
          children: b.columns.map(
            (c) =>
              new TableCell({
                width: { size: twips(c), type: WidthType.DXA },
                shading: { fill: 'E7ECF2' },
                children: [new Paragraph({ children: [new TextRun({ text: c.header, bold: true, size: 18 })] })],
              }),
          ),
        }),
        ...b.rows.map((r) => new TableRow({ children: b.columns.map((c, i) => cell(r[i] ?? null, c, false)) })),
        ...(b.totalRow ? [new TableRow({ children: b.columns.map((c, i) => cell(b.totalRow![i] ?? null, c, true)) })] : []),
      ];
      children.push(
        new Table({
          width: { size: DOCX_TEXT_WIDTH, type: WidthType.DXA },
          columnWidths: b.columns.map(twips),
          layout: TableLayoutType.FIXED,
          rows,
          borders: {
            top: { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' },
            bottom: { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' },
            left: { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' },
            right: { style: BorderStyle.SINGLE, size: 4, color: '9AA5B1' },
            insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'C8D0D9' },
            insideVertical: { style: BorderStyle.SINGLE, size: 2, color: 'C8D0D9' },
          },
        }),
      );
      children.push(new Paragraph({ text: '' }));
    }
  }
  const d = new Document({
    creator: 'samverka',
    title: doc.title,
    description: doc.subtitle ?? doc.title,
    styles: { default: { document: { run: { font: 'Calibri', size: 21 } } } },
    // Portrait dimensions with the landscape flag: docx swaps them.
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 } } }, children }],
  });
  return Buffer.from(await Packer.toBuffer(d));
}

// ---- PDF ----------------------------------------------------------------------------------------

export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: { Title: doc.title, Creator: 'samverka', Producer: 'samverka' },
    lang: 'sv-SE',
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const left = pdf.page.margins.left;
  pdf.font('Helvetica-Bold').fontSize(18).text(doc.title, { width });
  if (doc.subtitle) pdf.font('Helvetica').fontSize(12).text(doc.subtitle, { width });
  pdf.moveDown(0.5);
  for (const [k, v] of doc.meta ?? []) pdf.font('Helvetica-Bold').fontSize(10).text(`${k}: `, { continued: true }).font('Helvetica').text(v);
  pdf.moveDown(0.5);
  for (const b of doc.blocks) {
    if (b.kind === 'heading') {
      pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(b.level === 2 ? 12 : 14).text(b.text, left, pdf.y, { width });
      pdf.moveDown(0.3);
    } else if (b.kind === 'paragraph') {
      pdf.font('Helvetica').fontSize(10).text(b.text, left, pdf.y, { width });
      pdf.moveDown(0.4);
    } else if (b.kind === 'bullets') {
      pdf.font('Helvetica').fontSize(10).list(b.items, left, pdf.y, { width, bulletRadius: 2 });
      pdf.moveDown(0.4);
    } else {
      const total = b.columns.reduce((s, c) => s + (c.width ?? 1), 0);
      const header = b.columns.map((c) => ({ text: c.header, font: { src: 'Helvetica-Bold' }, backgroundColor: '#E7ECF2', type: 'TH' as const }));
      const body = (r: CellValue[], bold: boolean) =>
        b.columns.map((c, i) => ({
          text: formatCell(r[i] ?? null, c.format),
          font: { src: bold ? 'Helvetica-Bold' : 'Helvetica' },
          align: { x: isNumeric(c.format) ? ('right' as const) : ('left' as const), y: 'top' as const },
        }));
      pdf.font('Helvetica').fontSize(8);
      pdf.table({
        position: { x: left, y: pdf.y },
        maxWidth: width,
        columnStyles: b.columns.map((c) => ({ width: ((c.width ?? 1) / total) * width })),
        defaultStyle: { padding: [3, 4, 3, 4], borderColor: '#9AA5B1', border: 0.5 },
        data: [header, ...b.rows.map((r) => body(r, false)), ...(b.totalRow ? [body(b.totalRow, true)] : [])],
      });
      pdf.moveDown(1);
    }
  }
  pdf.end();
  return done;
}

// ---- XLSX ---------------------------------------------------------------------------------------

const NUM_FMT: Record<CellFormat, string | undefined> = {
  text: undefined,
  number: 'General',
  int: '#,##0',
  sek: '#,##0 "kr"',
  signedSek: '+#,##0;-#,##0;0',
  decimal: '0.00',
  percent: '0.0 "%"',
};

/** Sheet names: max 31 characters, no []:*?/\ ; unique. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Blad';
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 28)} ${i}`;
  used.add(n.toLowerCase());
  return n;
}

/**
 * One sheet "Om rapporten" with the title, meta and text blocks, and one sheet per table (its
 * `sheet` name). Numbers stay numbers (with a number format); text is neutralised with safeCell.
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'samverka';
  wb.title = doc.title;
  const used = new Set<string>();
  const tables = doc.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
  const tableSheets = tables.map((t, i) => sheetName(t.sheet ?? `Tabell ${i + 1}`, used));
  // Data sheets first, then the description.
  tables.forEach((t, ti) => {
    const ws = wb.addWorksheet(tableSheets[ti], { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(t.columns.map((c) => safeCell(c.header)));
    header.font = { bold: true };
    const add = (r: CellValue[]) => ws.addRow(t.columns.map((_, i) => safeCell(r[i] ?? null)));
    for (const r of t.rows) add(r);
    if (t.totalRow) add(t.totalRow).font = { bold: true };
    t.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = Math.min(60, Math.max(10, c.header.length + 2, ...t.rows.map((r) => formatCell(r[i] ?? null, c.format).length + 2)));
      const fmt = NUM_FMT[c.format ?? 'text'];
      if (fmt) col.numFmt = fmt;
      if (!isNumeric(c.format)) col.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  const about = wb.addWorksheet(sheetName('Om rapporten', used));
  about.getColumn(1).width = 28;
  about.getColumn(2).width = 100;
  about.addRow([safeCell(doc.title)]).font = { bold: true, size: 14 };
  if (doc.subtitle) about.addRow([safeCell(doc.subtitle)]);
  for (const [k, v] of doc.meta ?? []) about.addRow([safeCell(k), safeCell(v)]);
  for (const b of doc.blocks) {
    if (b.kind === 'heading') about.addRow([safeCell(b.text)]).font = { bold: true };
    else if (b.kind === 'paragraph') about.addRow(['', safeCell(b.text)]);
    else if (b.kind === 'bullets') for (const item of b.items) about.addRow(['', safeCell(`• ${item}`)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
