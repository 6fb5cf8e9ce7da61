// Chart layout: a ChartSpec of the report model → drawing primitives (rectangles, lines, polygons,
// circles, text) in points. One layout feeds every output: pdfkit vector drawing (pdf.ts), SVG (svg.ts,
// for DOCX and the web preview) and PNG (raster.ts, the DOCX fallback image), so a chart looks the
// same everywhere. Pure and browser-safe (no Node imports).
//
// Text positions are baselines (alphabetic). Widths are estimated with Helvetica's metrics, the font
// the PDF uses; the SVG and PNG fonts (Helvetica/Arial/Liberation Sans) are metric-compatible.
import type { BarsChart, ChartSpec, HeatmapChart, QuadrantChart, RadarChart, StackedBarsChart } from '../../domain/reports/model.ts';

export type Prim =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; sw?: number }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; sw: number; dash?: [number, number] }
  | { t: 'poly'; pts: Array<[number, number]>; closed: boolean; fill?: string; fillOpacity?: number; stroke?: string; sw?: number; dash?: [number, number] }
  | { t: 'circle'; cx: number; cy: number; r: number; fill?: string; stroke?: string; sw?: number }
  | { t: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string; bold?: boolean };

export interface Drawing {
  width: number;
  height: number;
  prims: Prim[];
}

// Helvetica advance widths (1/1000 em) for U+0020…U+007E, from the standard AFM files.
const HELV =
  '278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584'
    .split(',')
    .map(Number);
const HELV_BOLD =
  '278,333,474,556,556,889,722,238,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,333,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584'
    .split(',')
    .map(Number);
const EXTRA: Record<string, number> = { å: 556, ä: 556, ö: 556, Å: 667, Ä: 667, Ö: 778, é: 556, '–': 556, '—': 1000, '…': 1000, '”': 333, '“': 333, '•': 350, '\u00a0': 278 };

/** Estimated width of a text in points (Helvetica metrics). */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? HELV_BOLD : HELV;
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 32 && c <= 126 ? table[c - 32] : (EXTRA[ch] ?? 556);
  }
  return (w / 1000) * size;
}

/** Cuts a text with "…" so that it fits `max` points. */
export function fit(text: string, size: number, max: number, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${text.slice(0, mid)}…`, size, bold) <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** Splits a text into at most `lines` lines of at most `max` points (the last one cut with "…"). */
export function wrap(text: string, size: number, max: number, lines = 2): string[] {
  const words = text.split(/\s+/);
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < words.length; i++) {
    const next = cur ? `${cur} ${words[i]}` : words[i];
    if (textWidth(next, size) <= max || !cur) cur = next;
    else {
      out.push(cur);
      cur = words[i];
      if (out.length === lines - 1) {
        cur = words.slice(i).join(' ');
        break;
      }
    }
  }
  if (cur) out.push(cur);
  return out.slice(0, lines).map((l, i, arr) => (i === arr.length - 1 ? fit(l, size, max) : l));
}

const INK = '#222222';
const MUTED = '#666666';
const GRID = '#d9d9d9';

const nf0 = (x: number) => String(Math.round(x));
const nfv = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1).replace('.', ','));

/** Relative luminance → black or white text on a fill. */
function textOn(fill: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(fill);
  if (!m) return INK;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.35 ? INK : '#ffffff';
}

/** Lays out a legend (colour swatch + label) in rows; returns the primitives and the height used. */
function legend(items: Array<{ label: string; color: string; dashed?: boolean }>, x0: number, y0: number, width: number, size = 7.5): { prims: Prim[]; height: number } {
  const prims: Prim[] = [];
  let x = x0;
  let y = y0;
  const rowH = size + 5;
  for (const it of items) {
    const label = fit(it.label, size, width * 0.45);
    const w = 12 + textWidth(label, size) + 12;
    if (x + w > x0 + width && x > x0) {
      x = x0;
      y += rowH;
    }
    if (it.dashed) prims.push({ t: 'line', x1: x, y1: y + size / 2, x2: x + 9, y2: y + size / 2, stroke: it.color, sw: 1.6, dash: [2, 1.5] });
    else prims.push({ t: 'rect', x, y: y + 0.5, w: 9, h: size - 1, fill: it.color });
    prims.push({ t: 'text', x: x + 12, y: y + size - 1, text: label, size, anchor: 'start', fill: INK });
    x += w;
  }
  return { prims, height: y - y0 + rowH };
}

export function layoutChart(spec: ChartSpec, width: number): Drawing {
  switch (spec.type) {
    case 'stackedBars':
      return stackedBars(spec, width);
    case 'bars':
      return bars(spec, width);
    case 'radar':
      return radar(spec, width);
    case 'quadrant':
      return quadrant(spec, width);
    case 'heatmap':
      return heatmap(spec, width);
  }
}

function stackedBars(c: StackedBarsChart, width: number): Drawing {
  const prims: Prim[] = [];
  const size = 7.5;
  const lg = legend(
    c.series.map((s) => ({ label: s.label, color: s.color ?? '#4393c3' })),
    0,
    0,
    width,
  );
  prims.push(...lg.prims);
  const top = lg.height + 6;
  const labelW = Math.min(width * 0.36, Math.max(...c.categories.map((l) => textWidth(l, size))) + 6);
  const nW = c.n ? 34 : 0;
  const x0 = labelW + nW;
  const barW = width - x0 - 14;
  const rowH = 15;
  const barH = 11;
  c.categories.forEach((cat, i) => {
    const y = top + i * rowH;
    prims.push({ t: 'text', x: labelW - 4, y: y + barH - 2.5, text: fit(cat, size, labelW - 6), size, anchor: 'end', fill: INK });
    if (c.n) prims.push({ t: 'text', x: x0 - 4, y: y + barH - 2.5, text: `n=${c.n[i]}`, size: 6.5, anchor: 'end', fill: MUTED });
    let x = x0;
    c.values[i].forEach((v, j) => {
      const w = (Math.max(0, v) / 100) * barW;
      if (w <= 0) return;
      const fill = c.series[j].color ?? '#4393c3';
      prims.push({ t: 'rect', x, y, w, h: barH, fill });
      if (w >= 16) prims.push({ t: 'text', x: x + w / 2, y: y + barH - 3, text: nf0(v), size: 6.5, anchor: 'middle', fill: textOn(fill) });
      x += w;
    });
  });
  const axisY = top + c.categories.length * rowH + 2;
  for (const p of [0, 25, 50, 75, 100]) {
    const x = x0 + (p / 100) * barW;
    prims.push({ t: 'line', x1: x, y1: axisY, x2: x, y2: axisY + 3, stroke: MUTED, sw: 0.5 });
    prims.push({ t: 'text', x, y: axisY + 10, text: `${p} %`, size: 6.5, anchor: 'middle', fill: MUTED });
  }
  return { width, height: axisY + 14, prims };
}

function bars(c: BarsChart, width: number): Drawing {
  const prims: Prim[] = [];
  const size = 7.5;
  let top = 0;
  if (c.series.length > 1 || c.series[0]?.label) {
    const lg = legend(
      c.series.map((s, i) => ({ label: s.label, color: s.color ?? ['#2166ac', '#e08214', '#5aae61'][i % 3] })),
      0,
      0,
      width,
    );
    prims.push(...lg.prims);
    top = lg.height + 6;
  }
  const labelW = Math.min(width * 0.38, Math.max(...c.categories.map((l) => textWidth(l, size))) + 6);
  const x0 = labelW;
  const barW = width - x0 - 34;
  const barH = c.series.length > 1 ? 7 : 10;
  const rowH = c.series.length * barH + 6;
  const max = c.max > 0 ? c.max : 1;
  c.categories.forEach((cat, i) => {
    const y = top + i * rowH;
    prims.push({ t: 'text', x: labelW - 4, y: y + (c.series.length * barH) / 2 + 2.5, text: fit(cat, size, labelW - 6), size, anchor: 'end', fill: INK });
    c.values[i].forEach((v, j) => {
      const by = y + j * barH;
      if (v === null) {
        prims.push({ t: 'text', x: x0 + 2, y: by + barH - 1.5, text: 'saknas', size: 6, anchor: 'start', fill: MUTED });
        return;
      }
      const w = (Math.max(0, Math.min(v, max)) / max) * barW;
      const fill = c.series[j].color ?? ['#2166ac', '#e08214', '#5aae61'][j % 3];
      prims.push({ t: 'rect', x: x0, y: by, w: Math.max(w, 0.5), h: barH - 1, fill });
      prims.push({ t: 'text', x: x0 + w + 3, y: by + barH - 2, text: c.unit === '%' ? `${nf0(v)} %` : nfv(v), size: 6.5, anchor: 'start', fill: INK });
    });
  });
  const axisY = top + c.categories.length * rowH;
  prims.push({ t: 'line', x1: x0, y1: top - 2, x2: x0, y2: axisY, stroke: MUTED, sw: 0.5 });
  const ticks = c.unit === '%' ? [0, 25, 50, 75, 100] : Array.from({ length: Math.floor(max) + 1 }, (_, i) => i);
  for (const p of ticks) {
    const x = x0 + (p / max) * barW;
    prims.push({ t: 'line', x1: x, y1: axisY, x2: x, y2: axisY + 3, stroke: MUTED, sw: 0.5 });
    prims.push({ t: 'text', x, y: axisY + 10, text: c.unit === '%' ? `${p} %` : String(p), size: 6.5, anchor: 'middle', fill: MUTED });
  }
  return { width, height: axisY + 14, prims };
}

function radar(c: RadarChart, width: number): Drawing {
  const prims: Prim[] = [];
  const n = c.axes.length;
  const labelSize = n > 16 ? 6.5 : 7.5;
  const labelMax = n > 16 ? 92 : 120;
  const r = Math.min(width / 2 - labelMax - 6, 150);
  const cx = width / 2;
  const cy = r + 24;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const pt = (i: number, v: number): [number, number] => {
    const rr = (Math.max(0, Math.min(v, c.max)) / c.max) * r;
    return [cx + rr * Math.cos(angle(i)), cy + rr * Math.sin(angle(i))];
  };
  for (const f of [0.25, 0.5, 0.75, 1]) {
    prims.push({ t: 'poly', pts: c.axes.map((_, i) => pt(i, f * c.max)), closed: true, stroke: GRID, sw: 0.5 });
    prims.push({ t: 'text', x: cx + 2, y: cy - f * r + 6.5, text: `${Math.round(f * c.max)}${c.unit === '%' ? ' %' : ''}`, size: 5.5, anchor: 'start', fill: MUTED });
  }
  c.axes.forEach((label, i) => {
    const [x, y] = pt(i, c.max);
    prims.push({ t: 'line', x1: cx, y1: cy, x2: x, y2: y, stroke: GRID, sw: 0.5 });
    const a = angle(i);
    const lx = cx + (r + 5) * Math.cos(a);
    const ly = cy + (r + 5) * Math.sin(a) + labelSize / 3;
    const cos = Math.cos(a);
    const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
    const dy = Math.abs(cos) < 0.2 ? (Math.sin(a) > 0 ? labelSize * 0.8 : -2) : 0;
    prims.push({ t: 'text', x: lx, y: ly + dy, text: fit(label, labelSize, labelMax), size: labelSize, anchor, fill: INK });
  });
  for (const s of c.series) {
    const pts: Array<[number, number]> = [];
    s.values.forEach((v, i) => {
      if (v !== null) pts.push(pt(i, v));
    });
    if (pts.length < 2) continue;
    const color = s.color ?? '#2166ac';
    prims.push({ t: 'poly', pts, closed: pts.length === n, fill: s.fill ? color : undefined, fillOpacity: s.fill ? 0.18 : undefined, stroke: color, sw: 1.4, dash: s.dashed ? [3, 2] : undefined });
    for (const p of pts) prims.push({ t: 'circle', cx: p[0], cy: p[1], r: 1.4, fill: color });
  }
  const lg = legend(
    c.series.map((s) => ({ label: s.label, color: s.color ?? '#2166ac', dashed: s.dashed })),
    width * 0.1,
    cy + r + 26,
    width * 0.8,
  );
  prims.push(...lg.prims);
  return { width, height: cy + r + 26 + lg.height, prims };
}

function quadrant(c: QuadrantChart, width: number): Drawing {
  const prims: Prim[] = [];
  const side = Math.min(width - 60, 300);
  const x0 = (width - side) / 2 + 10;
  const y0 = 6;
  const X = (v: number) => x0 + (Math.max(0, Math.min(100, v)) / 100) * side;
  const Y = (v: number) => y0 + side - (Math.max(0, Math.min(100, v)) / 100) * side;
  const tx = X(c.thresholds.x);
  const ty = Y(c.thresholds.y);
  const fields: Array<{ key: 'A' | 'B' | 'C' | 'D'; x: number; y: number; w: number; h: number; fill: string }> = [
    { key: 'B', x: x0, y: y0, w: tx - x0, h: ty - y0, fill: '#f7f7f7' },
    { key: 'D', x: tx, y: y0, w: x0 + side - tx, h: ty - y0, fill: '#e8f1f8' },
    { key: 'A', x: x0, y: ty, w: tx - x0, h: y0 + side - ty, fill: '#fbeeee' },
    { key: 'C', x: tx, y: ty, w: x0 + side - tx, h: y0 + side - ty, fill: '#f7f7f7' },
  ];
  for (const f of fields) {
    prims.push({ t: 'rect', x: f.x, y: f.y, w: f.w, h: f.h, fill: f.fill });
    // Field letter and description in the field's outer corner, away from the thresholds.
    const bottom = f.key === 'A' || f.key === 'C';
    const lines = wrap(c.fields[f.key], 6.5, Math.max(f.w - 28, 30), 2);
    const ky = bottom ? f.y + f.h - 6 : f.y + 14;
    prims.push({ t: 'text', x: f.x + 5, y: ky, text: f.key, size: 12, anchor: 'start', fill: MUTED, bold: true });
    lines.forEach((l, i) =>
      prims.push({ t: 'text', x: f.x + 19, y: bottom ? f.y + f.h - 6 - (lines.length - 1 - i) * 8 : f.y + 10 + i * 8, text: l, size: 6.5, anchor: 'start', fill: MUTED }),
    );
  }
  prims.push({ t: 'rect', x: x0, y: y0, w: side, h: side, stroke: MUTED, sw: 0.7 });
  prims.push({ t: 'line', x1: tx, y1: y0, x2: tx, y2: y0 + side, stroke: MUTED, sw: 0.7, dash: [3, 2] });
  prims.push({ t: 'line', x1: x0, y1: ty, x2: x0 + side, y2: ty, stroke: MUTED, sw: 0.7, dash: [3, 2] });
  for (const p of [0, 50, 100]) {
    prims.push({ t: 'text', x: X(p), y: y0 + side + 9, text: `${p}`, size: 6.5, anchor: 'middle', fill: MUTED });
    prims.push({ t: 'text', x: x0 - 3, y: Y(p) + 2.5, text: `${p}`, size: 6.5, anchor: 'end', fill: MUTED });
  }
  prims.push({ t: 'text', x: x0 + side / 2, y: y0 + side + 20, text: c.xLabel, size: 7.5, anchor: 'middle', fill: INK, bold: true });
  prims.push({ t: 'text', x: x0 - 14, y: y0 - 0 + side / 2 - 4, text: fit(c.yLabel, 7.5, x0 - 16), size: 7.5, anchor: 'end', fill: INK, bold: true });
  // Points first, then labels: each label takes the first position around its point (right, left,
  // above, below, then further out) whose box overlaps neither a point nor an earlier label.
  type Box = { x1: number; y1: number; x2: number; y2: number };
  const boxes: Box[] = c.points.map((p) => ({ x1: X(p.x) - 3.5, y1: Y(p.y) - 3.5, x2: X(p.x) + 3.5, y2: Y(p.y) + 3.5 }));
  const hits = (b: Box) => boxes.some((o) => b.x1 < o.x2 && b.x2 > o.x1 && b.y1 < o.y2 && b.y2 > o.y1);
  for (const p of c.points) {
    const color = p.emphasis ? '#e08214' : '#2166ac';
    prims.push({ t: 'circle', cx: X(p.x), cy: Y(p.y), r: p.emphasis ? 4 : 3, fill: color, stroke: '#ffffff', sw: 0.8 });
  }
  for (const p of c.points) {
    const px = X(p.x);
    const py = Y(p.y);
    const size = p.emphasis ? 7.5 : 6.5;
    const w = textWidth(p.label, size, !!p.emphasis);
    const candidates: Array<{ x: number; y: number; anchor: 'start' | 'end' | 'middle' }> = [];
    for (const k of [0, 1, 2]) {
      const d = 5 + k * 9;
      candidates.push(
        { x: px + d, y: py + size / 3, anchor: 'start' },
        { x: px - d, y: py + size / 3, anchor: 'end' },
        { x: px, y: py - d + 1, anchor: 'middle' },
        { x: px, y: py + d + size - 1, anchor: 'middle' },
        { x: px + d, y: py - d + 2, anchor: 'start' },
        { x: px + d, y: py + d + size - 2, anchor: 'start' },
        { x: px - d, y: py - d + 2, anchor: 'end' },
        { x: px - d, y: py + d + size - 2, anchor: 'end' },
      );
    }
    const boxOf = (cd: { x: number; y: number; anchor: string }): Box => {
      const x1 = cd.anchor === 'start' ? cd.x : cd.anchor === 'end' ? cd.x - w : cd.x - w / 2;
      return { x1, y1: cd.y - size, x2: x1 + w, y2: cd.y + 1.5 };
    };
    const inside = (b: Box) => b.x1 >= x0 - 2 && b.x2 <= x0 + side + 30 && b.y1 >= y0 && b.y2 <= y0 + side;
    const pick = candidates.find((cd) => inside(boxOf(cd)) && !hits(boxOf(cd))) ?? candidates[0];
    boxes.push(boxOf(pick));
    prims.push({ t: 'text', x: pick.x, y: pick.y, text: p.label, size, anchor: pick.anchor, fill: INK, bold: !!p.emphasis });
  }
  return { width, height: y0 + side + 26, prims };
}

function heatColor(v: number, min: number, max: number): string {
  const pal = ['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac'];
  const t = max > min ? (v - min) / (max - min) : 0.5;
  return pal[Math.min(pal.length - 1, Math.max(0, Math.round(t * (pal.length - 1))))];
}

function heatmap(c: HeatmapChart, width: number): Drawing {
  const prims: Prim[] = [];
  const size = 6.5;
  const lg = legend(
    c.legend.map((l) => ({ label: `${nfv(l.value)} ${l.label}`, color: heatColor(l.value, c.min, c.max) })),
    0,
    0,
    width,
    7,
  );
  prims.push(...lg.prims);
  const top = lg.height + 14;
  const labelW = Math.min(width * 0.42, Math.max(...c.rows.map((l) => textWidth(l, size))) + 6);
  const cols = Math.max(1, c.columns.length);
  const cellW = Math.min(28, (width - labelW) / cols);
  const cellH = 10;
  c.columns.forEach((col, j) =>
    prims.push({ t: 'text', x: labelW + j * cellW + cellW / 2, y: top - 3, text: fit(col, size, cellW + 4), size, anchor: 'middle', fill: INK, bold: true }),
  );
  c.rows.forEach((row, i) => {
    const y = top + i * cellH;
    prims.push({ t: 'text', x: labelW - 4, y: y + cellH - 2.5, text: fit(row, size, labelW - 6), size, anchor: 'end', fill: INK });
    c.values[i].forEach((v, j) => {
      const x = labelW + j * cellW;
      const fill = v === null ? '#ffffff' : heatColor(v, c.min, c.max);
      prims.push({ t: 'rect', x: x + 0.5, y: y + 0.5, w: cellW - 1, h: cellH - 1, fill, stroke: v === null ? GRID : undefined, sw: v === null ? 0.5 : undefined });
      prims.push({ t: 'text', x: x + cellW / 2, y: y + cellH - 2.5, text: v === null ? '–' : nfv(v), size: 6, anchor: 'middle', fill: v === null ? MUTED : textOn(fill) });
    });
  });
  return { width, height: top + c.rows.length * cellH + 4, prims };
}
