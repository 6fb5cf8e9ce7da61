// Report model → DOCX (the `docx` package): Word's own heading styles (Rubrik 1 for sections, Rubrik 2
// for subheadings, Rubrik 3 for list titles; the navigation pane works) and a table-of-contents field (the
// sections) that Word updates on opening (entries pre-filled for applications that do not update fields), bullet lists,
// Word tables with a fixed layout, a header row repeated on every page and column widths that never break
// a word (widths.ts; measured with the Helvetica metrics, wider than Calibri), charts as SVG
// images (ECharts' SVG of the one chart option, see echarts.ts) with a PNG fallback rasterised by
// resvg (Word shows the SVG, LibreOffice the PNG), alt text on every chart, page header with title,
// "PRELIMINÄR" and "Sida x (n)", and a footer.
import PDFDocument from 'pdfkit';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, ChartBlock, ReportModel, TableBlock } from '../../domain/reports/model.ts';
import { PRELIMINARY_LABEL, PRELIMINARY_NOTE } from '../../domain/reports/model.ts';
import { paperCharts, svgToPng } from './echarts.ts';
import { formatCell } from './format.ts';
import { fitColumns, type Measure } from './widths.ts';

// A4 (twips) with 2 cm side margins.
const A4 = { short: 11906, long: 16838 };
const SIDE_MARGIN = 1134;
/** Text width in twips: A4 less 2 cm margins (17 cm portrait, about 25.7 cm landscape). */
const textWidth = (landscape: boolean) => (landscape ? A4.long : A4.short) - 2 * SIDE_MARGIN;
/** Charts are 640 px (480 pt, 16.9 cm) wide: the text width of a portrait page. */
const CHART_PX = 640;
const ACCENT = '1F4E79';
const MUTED = '5A5A5A';
const RED = 'B2182B';

/** Characters XML 1.0 does not allow (control characters) are dropped. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

function para(text: string, opts: { bold?: boolean; italics?: boolean; size?: number; color?: string; spacingAfter?: number } = {}): Paragraph {
  return new Paragraph({
    spacing: { after: opts.spacingAfter ?? 100 },
    children: [new TextRun({ text: clean(text), bold: opts.bold, italics: opts.italics, size: opts.size, color: opts.color })],
  });
}

function bulletList(items: string[]): Paragraph[] {
  return items.map((t) => new Paragraph({ numbering: { reference: 'punkter', level: 0 }, spacing: { after: 60 }, children: [new TextRun(clean(t))] }));
}

let measureDoc: PDFKit.PDFDocument | null = null;
/**
 * Text widths from pdfkit's Helvetica metrics with 20 % (bold 30 %) and 1 pt added: wider than Word's Calibri and than the
 * fonts LibreOffice substitutes for it (Carlito, or DejaVu Sans where Carlito is missing), so a word that
 * fits here fits there.
 */
const measure: Measure = (text, bold, size) => {
  measureDoc ??= new PDFDocument({ autoFirstPage: false });
  return measureDoc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).widthOfString(text) * (bold ? 1.3 : 1.2) + 1;
};

/** Cell margin (twips) on each side; narrower in wide tables (the handlingsplan's 14 columns). */
const cellMargin = (t: TableBlock) => (t.columns.length > 10 ? 40 : 70);

function table(t: TableBlock, width: number): Array<Paragraph | Table> {
  const sizes = t.columns.length > 6 ? [8, 7.5, 7, 6.5, 6] : [9, 8.5, 8];
  const margin = cellMargin(t);
  const fit = fitColumns(t, width / 20, measure, margin / 20, sizes);
  const widths = fit.widths.map((w) => Math.floor(w * 20));
  const small = Math.round(fit.size * 2);
  const border = { style: BorderStyle.SINGLE, size: 2, color: 'B7C3D0' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, i: number, opts: { header?: boolean; emphasis?: boolean }) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      borders,
      shading: opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'DCE6F1' } : opts.emphasis ? { type: ShadingType.CLEAR, color: 'auto', fill: 'FDEBD3' } : undefined,
      margins: { top: 40, bottom: 40, left: margin, right: margin },
      children: [
        new Paragraph({
          alignment: !opts.header && t.columns[i].format && t.columns[i].format !== 'text' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: clean(text), bold: opts.header || opts.emphasis, size: small })],
        }),
      ],
    });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.label, i, { header: true })) }),
    ...t.rows.map(
      (r, ri) =>
        new TableRow({
          cantSplit: true,
          children: r.map((v, i) => cell(formatCell(v, t.columns[i].format), i, { emphasis: t.emphasis?.includes(ri) })),
        }),
    ),
  ];
  const out: Array<Paragraph | Table> = [
    new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [new TextRun({ text: clean(t.caption), bold: true, color: ACCENT, size: 18 })] }),
    new Table({ width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows }),
  ];
  if (t.note) out.push(para(t.note, { size: 16, color: MUTED, italics: true }));
  else out.push(new Paragraph({ spacing: { after: 80 }, children: [] }));
  return out;
}

function chart(b: ChartBlock): Paragraph[] {
  return paperCharts(b.chart, CHART_PX, b.caption).flatMap((r) => [
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(r.svg, 'utf8'),
          fallback: { type: 'png', data: svgToPng(r.svg, 2) },
          transformation: { width: r.width, height: r.height },
          altText: { name: clean(b.caption).slice(0, 200), title: clean(b.caption), description: clean(b.alt) },
        }),
      ],
    }),
    para(r.part ? `${b.caption}: ${r.part}` : b.caption, { size: 16, color: MUTED, italics: true, spacingAfter: 160 }),
  ]);
}

function block(b: Block, width: number): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'paragraph':
      if (b.style === 'note') return [para(b.text, { size: 17, color: MUTED })];
      return [para(b.text)];
    case 'subheading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(clean(b.text))] })];
    case 'bullets':
      return [...(b.title ? [new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, children: [new TextRun(clean(b.title))] })] : []), ...bulletList(b.items)];
    case 'table':
      return table(b, width);
    case 'chart':
      return chart(b);
  }
}

/** Renders the model to a DOCX document. */
export async function renderDocx(model: ReportModel): Promise<Buffer> {
  const width = textWidth(!!model.landscape);
  const children: Array<Paragraph | Table | TableOfContents> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(clean(model.title))] }),
    para(model.subtitle, { color: MUTED, size: 22, spacingAfter: 200 }),
  ];
  if (model.preliminary)
    children.push(
      new Paragraph({
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FBEAEA' },
        spacing: { after: 200 },
        children: [new TextRun({ text: PRELIMINARY_NOTE, bold: true, color: RED })],
      }),
    );
  for (const [k, v] of model.meta.facts ?? [])
    children.push(new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: `${clean(k)}: `, bold: true }), new TextRun(clean(v))] }));
  if (model.municipality === null && model.kind === 'regional') children.push(para('Anonymiserad rapport: kommunerna redovisas utan namn.', { size: 18, color: MUTED }));
  if (model.meta.demo) children.push(para('Demodata: uppgifterna är demodata, delvis syntetiserade.', { size: 18, color: RED }));
  // Table of contents: the sections (Rubrik 1). Not a heading itself, so it does not list itself.
  children.push(new Paragraph({ keepNext: true, spacing: { before: 240, after: 80 }, children: [new TextRun({ text: 'Innehåll', bold: true, color: ACCENT, size: 26 })] }));
  children.push(new TableOfContents('Innehåll', { hyperlink: true, headingStyleRange: '1-1' }));
  model.sections.forEach((s, i) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: s.id === 'bilaga', keepNext: true, children: [new TextRun(clean(`${i + 1} ${s.heading}`))] }));
    for (const b of s.blocks) children.push(...block(b, width));
  });

  const headerRuns = [new TextRun({ text: clean(model.header), color: MUTED, size: 16 })];
  if (model.preliminary) headerRuns.push(new TextRun({ text: `\t${PRELIMINARY_LABEL}`, bold: true, color: RED, size: 18 }));
  else headerRuns.push(new TextRun({ text: '\t', size: 16 }));
  headerRuns.push(new TextRun({ children: ['\tSida ', PageNumber.CURRENT, ' (', PageNumber.TOTAL_PAGES, ')'], color: MUTED, size: 16 }));

  const doc = new Document({
    creator: 'samverka',
    // Without it Word shows the library's placeholder "Un-named" as the last editor.
    lastModifiedBy: 'samverka',
    // Word fills in the table of contents (page numbers) when the document is opened.
    features: { updateFields: true },
    title: clean(model.title),
    subject: clean(model.subtitle),
    description: model.preliminary ? PRELIMINARY_NOTE : undefined,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 21 } },
        heading1: { run: { font: 'Calibri', size: 30, bold: true, color: ACCENT }, paragraph: { spacing: { before: 360, after: 140 } } },
        heading2: { run: { font: 'Calibri', size: 22, bold: true, color: ACCENT }, paragraph: { spacing: { before: 200, after: 80 } } },
        heading3: { run: { font: 'Calibri', size: 21, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 120, after: 60 } } },
        title: { run: { font: 'Calibri', size: 44, bold: true, color: ACCENT }, paragraph: { spacing: { after: 120 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: 'punkter',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 420, hanging: 260 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            // Portrait dimensions with the landscape flag: docx swaps them.
            size: { width: A4.short, height: A4.long, orientation: model.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: 1250, bottom: 1134, left: SIDE_MARGIN, right: SIDE_MARGIN, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                tabStops: [
                  { type: TabStopType.CENTER, position: Math.round(width / 2) },
                  { type: TabStopType.RIGHT, position: width },
                ],
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B7C3D0', space: 4 } },
                children: headerRuns,
              }),
            ],
          }),
        },
        footers: { default: new Footer({ children: [para(model.footer, { size: 15, color: MUTED, spacingAfter: 0 })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
