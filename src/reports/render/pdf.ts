// Report model → PDF (pdfkit). A4, Helvetica (its WinAnsi encoding covers å ä ö Å Ä Ö é – ” …; other
// characters are replaced by close equivalents, see winAnsi()), headings with PDF bookmarks, tables
// with repeated header rows, charts as vectors (ECharts' SVG of the one chart option, see echarts.ts), and on
// every page a header (title, "Sida x (n)") and footer; a round that is not closed is marked
// "PRELIMINÄR" in the header of every page and with a light watermark.
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Block, ChartBlock, ReportModel, TableBlock } from '../../domain/reports/model.ts';
import { PRELIMINARY_LABEL, PRELIMINARY_NOTE } from '../../domain/reports/model.ts';
import { paperCharts, withSharedCharts } from './echarts.ts';
import { formatCell } from './format.ts';
import { fitColumns, type Measure } from './widths.ts';

const MARGIN = { top: 64, bottom: 60, left: 56, right: 56 };
const INK = '#1a1a1a';
const MUTED = '#5a5a5a';
const ACCENT = '#1f4e79';
const RED = '#b2182b';
/** Charts are rendered this many px wide and scaled to the column (12 px text → about 9 pt). */
const CHART_PX = 640;

// Characters of Windows-1252 above 0x7F that are not Latin-1 (pdfkit encodes the standard fonts so).
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACE: Record<string, string> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2009': ' ',
  '\u202f': '\u00a0',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2248': '~',
  '\u2260': '!=',
  '\u00ad': '',
  '\u200b': '',
};

/** Maps a text to what the standard PDF fonts can show (WinAnsi); unknown characters become "?". */
export function winAnsi(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || CP1252_EXTRA.has(ch) || ch === '\n') out += ch;
    else if (ch in REPLACE) out += REPLACE[ch];
    else if (ch === '\t') out += ' ';
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
    }
  }
  return out;
}

type Doc = PDFKit.PDFDocument;

/** Texts measured and encoded per standard font, kept for the next documents (bounded). */
const WIDTH_CACHE_MAX = 20_000;
const ENCODE_CACHE_MAX = 2_000;
interface StandardFontLike {
  name: string;
  widthOfString(s: string, size: number): number;
  encode(s: string, features?: unknown): [string[], object[]];
}
let fontsCached = false;

/**
 * pdfkit measures and encodes the standard fonts' texts glyph by glyph, with a kerning lookup per pair,
 * for every document anew; a batch of reports measures the same words thousands of times. Once per
 * process the standard font class's measure and encode remember their results per font and text (the
 * width at 1000 pt, scaled as pdfkit scales it, so the figures are exactly pdfkit's; the encoded
 * glyphs and positions, which pdfkit and svg-to-pdfkit only read). Each cache is emptied when it
 * is full (WIDTH_CACHE_MAX, ENCODE_CACHE_MAX texts), so memory stays bounded.
 */
function cacheStandardFonts(doc: Doc) {
  if (fontsCached) return;
  fontsCached = true;
  doc.font('Helvetica');
  const proto = Object.getPrototypeOf((doc as unknown as { _font: StandardFontLike })._font) as StandardFontLike;
  const width = proto.widthOfString;
  const encode = proto.encode;
  const widths = new Map<string, Map<string, number>>();
  const encodings = new Map<string, Map<string, [string[], object[]]>>();
  const of = <T,>(m: Map<string, Map<string, T>>, font: string, max: number) => {
    let c = m.get(font);
    if (!c) m.set(font, (c = new Map()));
    else if (c.size >= max) c.clear();
    return c;
  };
  proto.widthOfString = function (this: StandardFontLike, s: string, size: number) {
    const key = `${s}`;
    const c = of(widths, this.name, WIDTH_CACHE_MAX);
    let w = c.get(key);
    if (w === undefined) c.set(key, (w = width.call(this, key, 1000)));
    return w * (size / 1000);
  };
  proto.encode = function (this: StandardFontLike, s: string, features?: unknown) {
    if (features !== undefined) return encode.call(this, s, features);
    const key = `${s}`;
    const c = of(encodings, this.name, ENCODE_CACHE_MAX);
    let e = c.get(key);
    if (e === undefined) c.set(key, (e = encode.call(this, key)));
    return e;
  };
}

function contentWidth(doc: Doc) {
  return doc.page.width - MARGIN.left - MARGIN.right;
}
function bottom(doc: Doc) {
  return doc.page.height - MARGIN.bottom;
}
function ensureSpace(doc: Doc, h: number) {
  if (doc.y + h > bottom(doc)) doc.addPage();
}

function paragraph(doc: Doc, text: string, opts: { size?: number; color?: string; bold?: boolean; gap?: number; indent?: number } = {}) {
  doc
    .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(opts.size ?? 10)
    .fillColor(opts.color ?? INK);
  const width = contentWidth(doc) - (opts.indent ?? 0);
  const t = winAnsi(text);
  ensureSpace(doc, Math.min(doc.heightOfString(t, { width }), 40));
  doc.text(t, MARGIN.left + (opts.indent ?? 0), doc.y, { width, lineGap: 1.5 });
  doc.y += opts.gap ?? 5;
}

function bullets(doc: Doc, items: string[], title?: string) {
  if (title) {
    ensureSpace(doc, 40);
    paragraph(doc, title, { bold: true, size: 10, gap: 2 });
  }
  doc.font('Helvetica').fontSize(10).fillColor(INK);
  const indent = 14;
  const width = contentWidth(doc) - indent;
  for (const item of items) {
    const t = winAnsi(item);
    const h = doc.heightOfString(t, { width, lineGap: 1.5 });
    ensureSpace(doc, Math.min(h, 36));
    const y = doc.y;
    doc.text('•', MARGIN.left + 3, y, { lineBreak: false });
    doc.text(t, MARGIN.left + indent, y, { width, lineGap: 1.5 });
    doc.y += 2.5;
  }
  doc.y += 3;
}

/** Text width with pdfkit's metrics of the standard fonts. */
function measurer(doc: Doc): Measure {
  return (text, bold, size) => doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).widthOfString(text);
}

function table(doc: Doc, t: TableBlock) {
  const pad = 3;
  const sizes = t.columns.length > 6 ? [7.5, 7, 6.5, 6] : [8.5, 8, 7.5];
  const { size, widths } = fitColumns(t, contentWidth(doc), measurer(doc), pad, sizes, winAnsi);
  ensureSpace(doc, 60);
  paragraph(doc, t.caption, { bold: true, size: 9, color: ACCENT, gap: 3 });
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 2 * pad, lineGap: 0.5 }))) + 2 * pad;
  };
  const drawRow = (cells: string[], opts: { header?: boolean; emphasis?: boolean; shade?: boolean }, height?: number) => {
    const h = height ?? rowHeight(cells, !!opts.header || !!opts.emphasis);
    const y = doc.y;
    let x = MARGIN.left;
    if (opts.header) doc.rect(MARGIN.left, y, contentWidth(doc), h).fill('#dce6f1');
    else if (opts.emphasis) doc.rect(MARGIN.left, y, contentWidth(doc), h).fill('#fdebd3');
    else if (opts.shade) doc.rect(MARGIN.left, y, contentWidth(doc), h).fill('#f5f7fa');
    doc.font(opts.header || opts.emphasis ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).fillColor(INK);
    cells.forEach((c, i) => {
      const numeric = !opts.header && t.columns[i].format && t.columns[i].format !== 'text';
      doc.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, align: numeric ? 'right' : 'left', lineGap: 0.5 });
      x += widths[i];
    });
    doc
      .moveTo(MARGIN.left, y + h)
      .lineTo(MARGIN.left + contentWidth(doc), y + h)
      .lineWidth(0.4)
      .strokeColor('#b7c3d0')
      .stroke();
    doc.y = y + h;
  };
  const header = t.columns.map((c) => winAnsi(c.label));
  drawRow(header, { header: true });
  t.rows.forEach((row, r) => {
    const cells = row.map((v, i) => winAnsi(formatCell(v, t.columns[i].format)));
    const h = rowHeight(cells, !!t.emphasis?.includes(r));
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      drawRow(header, { header: true });
    }
    drawRow(cells, { emphasis: t.emphasis?.includes(r), shade: r % 2 === 1 }, h);
  });
  doc.y += 3;
  if (t.note) paragraph(doc, t.note, { size: 7.5, color: MUTED, gap: 4 });
  doc.y += 4;
}

/** Every SVG font is Helvetica in the PDF (bold stays bold). */
const helvetica = (_family: string, bold: boolean) => (bold ? 'Helvetica-Bold' : 'Helvetica');

/** The chart as vectors: ECharts' SVG (the same option the web draws) embedded with svg-to-pdfkit. */
function chart(doc: Doc, b: ChartBlock) {
  const width = Math.min(contentWidth(doc), 480);
  const maxH = bottom(doc) - MARGIN.top - 30;
  for (const r of paperCharts(b.chart, CHART_PX, b.caption)) {
    const scale = Math.min(width / r.width, maxH / r.height);
    const w = r.width * scale;
    const h = r.height * scale;
    ensureSpace(doc, h + 30);
    const x0 = MARGIN.left + (contentWidth(doc) - w) / 2;
    const y0 = doc.y + 2;
    SVGtoPDF(doc, r.svg, x0, y0, { width: w, height: h, assumePt: true, preserveAspectRatio: 'xMidYMid meet', fontCallback: helvetica });
    doc.x = MARGIN.left;
    doc.y = y0 + h + 4;
    paragraph(doc, r.part ? `${b.caption}: ${r.part}` : b.caption, { size: 8, color: MUTED, gap: 8 });
  }
}

function block(doc: Doc, b: Block) {
  switch (b.kind) {
    case 'paragraph':
      if (b.style === 'note') paragraph(doc, b.text, { size: 8.5, color: MUTED });
      else if (b.style === 'lead') paragraph(doc, b.text, { size: 10.5, bold: false, color: INK });
      else paragraph(doc, b.text);
      break;
    case 'subheading':
      ensureSpace(doc, 50);
      doc.y += 2;
      paragraph(doc, b.text, { bold: true, size: 10, color: ACCENT, gap: 2 });
      break;
    case 'bullets':
      bullets(doc, b.items, b.title);
      break;
    case 'table':
      table(doc, b);
      break;
    case 'chart':
      chart(doc, b);
      break;
  }
}

function decorate(doc: Doc, model: ReportModel) {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const w = doc.page.width;
    const h = doc.page.height;
    if (model.preliminary) {
      doc.save();
      doc.rotate(-35, { origin: [w / 2, h / 2] });
      doc.font('Helvetica-Bold').fontSize(96).fillColor(RED).fillOpacity(0.07);
      const t = winAnsi(PRELIMINARY_LABEL);
      doc.text(t, w / 2 - doc.widthOfString(t) / 2, h / 2, { lineBreak: false, baseline: 'middle' });
      doc.restore();
      doc.fillOpacity(1);
    }
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(winAnsi(model.header), MARGIN.left, 30, { lineBreak: false, width: 250, ellipsis: true });
    const pageText = `Sida ${i - range.start + 1} (${total})`;
    doc.text(pageText, w - MARGIN.right - doc.widthOfString(pageText), 30, { lineBreak: false });
    if (model.preliminary) {
      doc.font('Helvetica-Bold').fontSize(9).fillColor(RED);
      const t = winAnsi(PRELIMINARY_LABEL);
      doc.text(t, w / 2 - doc.widthOfString(t) / 2 + 40, 30, { lineBreak: false });
    }
    doc
      .moveTo(MARGIN.left, 42)
      .lineTo(w - MARGIN.right, 42)
      .lineWidth(0.4)
      .strokeColor('#b7c3d0')
      .stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
    doc.text(winAnsi(model.footer), MARGIN.left, h - 38, { lineBreak: false, width: w - MARGIN.left - MARGIN.right, ellipsis: true });
    doc.page.margins.bottom = saved;
  }
}

/** Renders the model to a PDF document. */
export function renderPdf(model: ReportModel): Promise<Buffer> {
  return withSharedCharts(() => drawPdf(model));
}

function drawPdf(model: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: model.landscape ? 'landscape' : 'portrait',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'sv-SE',
    displayTitle: true,
    info: {
      Title: winAnsi(model.title),
      Subject: winAnsi(model.subtitle),
      Author: winAnsi(model.footer.split(' · ')[0]),
      Creator: 'samverka',
      CreationDate: new Date(`${model.meta.generatedAt}T12:00:00Z`),
    },
  });
  cacheStandardFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Title block.
  doc.font('Helvetica-Bold').fontSize(20).fillColor(ACCENT);
  doc.text(winAnsi(model.title), MARGIN.left, MARGIN.top, { width: contentWidth(doc) });
  doc.y += 4;
  paragraph(doc, model.subtitle, { size: 11, color: MUTED, gap: 8 });
  if (model.preliminary) {
    const y = doc.y;
    doc.rect(MARGIN.left, y, contentWidth(doc), 22).fill('#fbeaea');
    doc.font('Helvetica-Bold').fontSize(10).fillColor(RED);
    doc.text(winAnsi(PRELIMINARY_NOTE), MARGIN.left + 8, y + 6, { width: contentWidth(doc) - 16, lineBreak: false });
    doc.y = y + 30;
  }
  for (const [k, v] of model.meta.facts ?? []) paragraph(doc, `${k}: ${v}`, { size: 10, gap: 2 });
  if (model.municipality === null && model.kind === 'regional')
    paragraph(doc, 'Anonymiserad rapport: kommunerna redovisas utan namn.', { size: 9, color: MUTED, gap: 6 });
  if (model.meta.demo) paragraph(doc, 'Demodata: uppgifterna är demodata, delvis syntetiserade.', { size: 9, color: RED, gap: 6 });
  // Contents.
  paragraph(doc, 'Innehåll', { bold: true, size: 10, gap: 2 });
  model.sections.forEach((s, i) => paragraph(doc, `${i + 1}  ${s.heading}`, { size: 9, gap: 1, indent: 8 }));
  doc.y += 10;

  model.sections.forEach((s, i) => {
    if (i > 0 && (s.id === 'bilaga' || doc.y > bottom(doc) - 140)) doc.addPage();
    else ensureSpace(doc, 90);
    doc.outline.addItem(winAnsi(`${i + 1} ${s.heading}`));
    doc.font('Helvetica-Bold').fontSize(14).fillColor(ACCENT);
    doc.text(winAnsi(`${i + 1} ${s.heading}`), MARGIN.left, doc.y, { width: contentWidth(doc) });
    doc.y += 6;
    for (const b of s.blocks) block(doc, b);
    doc.y += 8;
  });
  decorate(doc, model);
  doc.end();
  return done;
}
