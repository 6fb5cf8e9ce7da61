// ChartSpec → ECharts option: the only place that knows ECharts options. The browser draws the option
// on a canvas (src/web/components/charts.tsx), the server with ECharts' SVG renderer for PDF and DOCX
// (src/reports/render/echarts.ts), so a chart looks the same on screen and on paper. Pure: it returns
// a plain option object; the renderers register the ECharts parts it uses (charts: bar, heatmap, radar,
// scatter; components: grid, legend, markArea, markLine, radar, title, tooltip, visualMap).
import {
  BACKGROUND,
  GRID,
  INK,
  MUTED,
  QUADRANT_FIELDS,
  QUADRANT_LETTER,
  ROLE_COLOURS,
  ordinalPalette,
  seriesColour,
  textOn,
} from './palette.ts';
import { isEmptySpec, radarParts, type BarsChart, type ChartSpec, type HeatmapChart, type QuadrantChart, type RadarChart, type SeriesRole, type StackedBarsChart } from './spec.ts';
import { numberFormat } from '../number-format.ts';

export type ChartLocale = 'sv' | 'en';
export interface ChartSize {
  width: number;
  height: number;
  locale?: ChartLocale;
  /** Font family of every text (the PDF maps it to Helvetica). */
  fontFamily?: string;
}
/** An ECharts option (a plain object; the ECharts types stay with the renderers). */
export type ChartOption = Record<string, unknown>;

const EMPTY_TEXT: Record<ChartLocale, { empty: string; unknown: string }> = {
  sv: { empty: 'Inga värden att visa i diagrammet.', unknown: 'Diagrammet kan inte visas (okänd diagramtyp). Värdena finns i tabellen.' },
  en: { empty: 'No values to show in the chart.', unknown: 'The chart cannot be shown (unknown chart type). The values are in the table.' },
};

const FONT_SIZE = 12;

/** A number as the locale writes it, with at most one decimal (none for '%', or `decimals`); '%' units get " %". */
export function formatValue(v: number, unit: string, locale: ChartLocale = 'sv', decimals?: number): string {
  const digits = decimals ?? (unit === '%' ? 0 : 1);
  const text = numberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: decimals ?? 0, maximumFractionDigits: digits }).format(v).replace('\u2212', '-');
  return unit === '%' ? `${text} %` : unit ? `${text} ${unit}` : text;
}

/** Breaks a label into lines of about `max` characters at spaces (never cuts a word or adds "…"). */
export function wrapLabel(text: string, max: number): string {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/)) {
    if (cur && cur.length + 1 + w.length > max) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

/** Rows a plain legend of these labels takes at this width (about 7 px a character plus the swatch). */
function legendRows(labels: string[], width: number): number {
  let rows = 1;
  let x = 0;
  for (const l of labels) {
    const w = 40 + l.length * 7;
    if (x + w > width - 20 && x > 0) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return labels.length ? rows : 0;
}

const LEGEND_ROW = 22;

/** The height a spec needs at a width (the renderers use it unless they are given one). */
export function chartHeight(spec: ChartSpec, width: number): number {
  if (isEmptySpec(spec)) return 120;
  switch (spec.type) {
    case 'stackedBars':
      return spec.categories.length * 34 + 50 + legendRows(spec.series.map((s) => s.label), width) * LEGEND_ROW;
    case 'bars':
      return spec.categories.length * (spec.series.length > 1 ? spec.series.length * 14 + 12 : 28) + 50 + (spec.series.length > 1 ? legendRows(spec.series.map((s) => s.label), width) : 1) * LEGEND_ROW;
    case 'radar': {
      const { rows, size } = radarGrid(spec, width);
      return rows * size + legendRows(spec.series.map((s) => s.label), width) * LEGEND_ROW + 10;
    }
    case 'quadrant':
      return Math.round(Math.min(width, 640) * 0.8) + 40;
    case 'heatmap':
      return spec.rows.length * 24 + 90 + Math.max(...spec.columns.map((c) => c.length), 4) * 5 + LEGEND_ROW * (spec.empty && spec.values.some((r) => r.some((v) => v === null)) ? 3 : 2);
    default:
      return 120;
  }
}

/** The ECharts option of a spec at a size; an explanatory empty state when there is nothing to draw. */
export function chartOption(spec: ChartSpec, size: ChartSize): ChartOption {
  const locale = size.locale ?? 'sv';
  const base: ChartOption = {
    animation: false,
    aria: { enabled: false },
    backgroundColor: BACKGROUND,
    textStyle: { fontFamily: size.fontFamily ?? 'system-ui, sans-serif', fontSize: FONT_SIZE, color: INK },
  };
  const known = ['stackedBars', 'bars', 'radar', 'quadrant', 'heatmap'].includes((spec as { type?: string })?.type ?? '');
  if (!known || isEmptySpec(spec)) return { ...base, ...emptyState(known ? EMPTY_TEXT[locale].empty : EMPTY_TEXT[locale].unknown, size.width) };
  const ctx = { ...size, locale };
  switch (spec.type) {
    case 'stackedBars':
      return { ...base, ...stackedBars(spec, ctx) };
    case 'bars':
      return { ...base, ...bars(spec, ctx) };
    case 'radar':
      return { ...base, ...radar(spec, ctx) };
    case 'quadrant':
      return { ...base, ...quadrant(spec, ctx) };
    case 'heatmap':
      return { ...base, ...heatmap(spec, ctx) };
  }
}

type Ctx = ChartSize & { locale: ChartLocale };

function emptyState(text: string, width: number): ChartOption {
  return {
    title: { text: wrapLabel(text, Math.max(20, Math.floor(width / 8))), left: 'center', top: 'middle', textStyle: { color: MUTED, fontSize: 14, fontWeight: 'normal', lineHeight: 20 } },
  };
}

const legend = (labels: string[]): ChartOption => ({ bottom: 0, left: 'center', data: labels, textStyle: { color: INK }, itemGap: 16 });
const axisLabel = { color: INK, fontSize: FONT_SIZE };
const splitLine = { lineStyle: { color: GRID } };

function stackedBars(c: StackedBarsChart, ctx: Ctx): ChartOption {
  // Scale steps first, "Vet ej" last and apart (a gap before it), grey.
  const order = c.series.map((s, i) => ({ s, i })).sort((a, b) => Number(a.s.role === 'dontKnow') - Number(b.s.role === 'dontKnow'));
  const hasDontKnow = order.some((o) => o.s.role === 'dontKnow');
  const gap = 2;
  const labelWidth = Math.round(ctx.width * 0.34);
  const series: ChartOption[] = [];
  order.forEach(({ s, i }) => {
    if (s.role === 'dontKnow' && hasDontKnow && series.length === order.filter((o) => o.s.role !== 'dontKnow').length)
      series.push({ type: 'bar', stack: 'total', name: '', silent: true, itemStyle: { color: 'transparent' }, tooltip: { show: false }, data: c.categories.map(() => gap) });
    const colour = seriesColour(s, c.scale, c.levels);
    series.push({
      type: 'bar',
      stack: 'total',
      name: s.label,
      barWidth: 20,
      itemStyle: { color: colour, borderColor: BACKGROUND, borderWidth: 1 },
      label: { show: true, color: textOn(colour), fontSize: 11, formatter: (p: { value: number }) => (p.value >= 7 ? String(Math.round(p.value)) : '') },
      data: c.values.map((row) => row[i] ?? 0),
    });
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: legend(order.map((o) => o.s.label)),
    grid: { left: 8, right: 24, top: 8, bottom: legendRows(c.series.map((s) => s.label), ctx.width) * LEGEND_ROW + 28 },
    xAxis: { type: 'value', min: 0, max: hasDontKnow ? 100 + gap : 100, interval: 25, axisLabel: { ...axisLabel, showMaxLabel: !hasDontKnow, formatter: (v: number) => (v <= 100 ? `${v} %` : '') }, splitLine },
    yAxis: {
      type: 'category',
      inverse: true,
      data: c.categories.map((cat, i) => (c.n ? `${cat} (n = ${c.n[i]})` : cat)),
      axisLabel: { ...axisLabel, width: labelWidth, overflow: 'break', lineHeight: 14, interval: 0 },
    },
    series,
  };
}

function bars(c: BarsChart, ctx: Ctx): ChartOption {
  const rows = c.categories.map((label, i) => ({ label, values: c.values[i] }));
  if (c.sort === 'desc') rows.sort((a, b) => (b.values[0] ?? Number.NEGATIVE_INFINITY) - (a.values[0] ?? Number.NEGATIVE_INFINITY));
  const own = new Set(c.own ?? []);
  const negative = rows.some((r) => r.values.some((v) => typeof v === 'number' && v < 0));
  const fmt = (v: number) => formatValue(v, c.unit, ctx.locale, c.decimals);
  const refs = [...(c.reference ? [c.reference] : []), ...(c.references ?? [])];
  const showLegend = c.series.length > 1;
  // Long axis labels (e.g. "1 500 000 kr") get fewer ticks so that they do not run into each other.
  const top = Math.max(c.max, ...rows.flatMap((r) => r.values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.abs(v) : 0))));
  const labelWidth = (fmt(top).length + 3) * 7;
  const splitNumber = Math.max(2, Math.min(5, Math.floor((ctx.width * 0.55) / labelWidth)));
  const series: ChartOption[] = c.series.map((s, j) => {
    const colour = seriesColour(s);
    return {
      type: 'bar',
      name: s.label,
      barMaxWidth: 22,
      itemStyle: { color: colour },
      label: { show: true, position: 'right', color: INK, fontSize: 11, formatter: (p: { value: number | '-' }) => (typeof p.value === 'number' ? fmt(p.value) : '') },
      data: rows.map((r) => {
        const v = r.values[j];
        const value = typeof v === 'number' && Number.isFinite(v) ? v : '-';
        return own.has(r.label) && c.series.length === 1 ? { value, itemStyle: { color: ROLE_COLOURS.own } } : value;
      }),
      ...(j === 0 && refs.length ? { markLine: referenceLines(refs, fmt) } : {}),
    };
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    ...(showLegend ? { legend: legend(c.series.map((s) => s.label)) } : {}),
    grid: {
      left: 8,
      right: 56,
      top: refs.length ? 14 + refs.length * 14 : 8,
      bottom: (showLegend ? legendRows(c.series.map((s) => s.label), ctx.width) : 1) * LEGEND_ROW + 28,
    },
    xAxis: {
      type: 'value',
      // One series: its name under the axis (there is no legend).
      ...(showLegend ? {} : { name: c.series[0].label, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: INK } }),
      ...(negative ? {} : { min: 0 }),
      ...(c.max > 0 && !negative ? { max: c.max } : {}),
      ...(splitNumber < 5 ? { splitNumber } : {}),
      axisLabel: { ...axisLabel, formatter: (v: number) => fmt(v) },
      splitLine,
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { ...axisLabel, width: Math.round(ctx.width * 0.34), overflow: 'break', lineHeight: 14, interval: 0 } },
    series,
  };
}

function referenceLines(refs: ReadonlyArray<{ label: string; value: number; role: SeriesRole }>, fmt: (v: number) => string): ChartOption {
  const colour = (ref: { role: SeriesRole }) => (ref.role === 'level' ? INK : ROLE_COLOURS[ref.role]);
  const [first, ...more] = refs;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: colour(first), type: 'dashed', width: 2 },
    // The category axis runs top-down (inverse), so the line's start is its top.
    label: { show: true, position: 'start', color: colour(first), fontSize: 11, formatter: `${first.label}: ${fmt(first.value)}` },
    // Further lines dotted, each label one row higher, so that close lines keep both labels readable.
    data: [
      { xAxis: first.value },
      ...more.map((ref, i) => ({
        xAxis: ref.value,
        lineStyle: { color: colour(ref), type: 'dotted', width: 2 },
        label: { show: true, position: 'start', distance: 5 + (i + 1) * 14, color: colour(ref), fontSize: 11, formatter: `${ref.label}: ${fmt(ref.value)}` },
      })),
    ],
  };
}

/** Radars per row and their size at a width. */
function radarGrid(c: RadarChart, width: number): { parts: ReturnType<typeof radarParts>; cols: number; rows: number; size: number } {
  const parts = radarParts(c);
  const cols = Math.max(1, Math.min(parts.length, Math.floor(width / 420)));
  const rows = Math.ceil(parts.length / cols);
  const size = Math.min(Math.round(width / cols), 520);
  return { parts, cols, rows, size };
}

function radar(c: RadarChart, ctx: Ctx): ChartOption {
  const { parts, cols, size } = radarGrid(c, ctx.width);
  const cellW = ctx.width / cols;
  const titled = parts.length > 1;
  const radius = Math.max(40, Math.round(size / 2 - 90));
  const dashed: SeriesRole[] = ['lowest', 'highest', 'region', 'target'];
  const filled: SeriesRole[] = ['mean', 'own'];
  return {
    tooltip: { trigger: 'item' },
    legend: legend(c.series.map((s) => s.label)),
    ...(titled
      ? {
          title: parts.map((p, k) => ({
            text: p.title,
            left: Math.round((k % cols) * cellW + cellW / 2),
            top: Math.floor(k / cols) * size + 4,
            textAlign: 'center',
            textStyle: { color: INK, fontSize: 13, fontWeight: 'bold' },
          })),
        }
      : {}),
    radar: parts.map((p, k) => ({
      center: [Math.round((k % cols) * cellW + cellW / 2), Math.floor(k / cols) * size + size / 2 + (titled ? 10 : 0)],
      radius,
      clockwise: true,
      indicator: p.axes.map((i) => ({ name: wrapLabel(c.axes[i], 16), min: 0, max: c.max })),
      axisName: { color: INK, fontSize: 11, lineHeight: 13 },
      splitLine,
      axisLine: splitLine,
      splitArea: { show: false },
    })),
    series: parts.map((p, k) => ({
      type: 'radar',
      radarIndex: k,
      symbolSize: 4,
      data: c.series.map((s) => {
        const colour = seriesColour(s);
        return {
          name: s.label,
          value: p.axes.map((i) => s.values[i] ?? '-'),
          itemStyle: { color: colour },
          lineStyle: { color: colour, width: 2, type: dashed.includes(s.role) ? 'dashed' : 'solid' },
          ...(filled.includes(s.role) ? { areaStyle: { color: colour, opacity: 0.15 } } : {}),
        };
      }),
    })),
  };
}

function quadrant(c: QuadrantChart, ctx: Ctx): ChartOption {
  const t = c.thresholds;
  const field = (key: 'A' | 'B' | 'C' | 'D', x0: number, x1: number, y0: number, y1: number) => [
    {
      // The field's description wraps within the field.
      xAxis: x0,
      yAxis: y0,
      itemStyle: { color: QUADRANT_FIELDS[key] },
      label: { show: true, position: key === 'A' || key === 'C' ? 'insideBottomLeft' : 'insideTopLeft', formatter: `{k|${key}} ${c.fields[key]}`, width: Math.max(60, ((x1 - x0) / 100) * side - 12), overflow: 'break', color: MUTED, fontSize: 11, rich: { k: { fontSize: 20, fontWeight: 'bold', color: QUADRANT_LETTER } } },
    },
    { xAxis: x1, yAxis: y1 },
  ];
  const side = Math.min(ctx.width - 120, ctx.height - 80);
  const left = Math.max(70, (ctx.width - side) / 2);
  const top = 16;
  const labels = placeLabels(
    c.points.map((p) => ({ x: left + (p.x / 100) * side, y: top + (1 - p.y / 100) * side, text: p.label, size: p.role === 'own' ? 12 : 11 })),
    { x1: 0, y1: 0, x2: ctx.width, y2: top + side },
  );
  return {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: [number, number] }) => `${p.name}: ${formatValue(p.value[0], '%', ctx.locale)}, ${formatValue(p.value[1], '%', ctx.locale)}` },
    grid: { left, width: side, top, height: side },
    xAxis: { type: 'value', min: 0, max: 100, name: c.xLabel, nameLocation: 'middle', nameGap: 28, nameTextStyle: { color: INK, fontWeight: 'bold' }, axisLabel, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, max: 100, name: c.yLabel, nameLocation: 'middle', nameGap: 40, nameTextStyle: { color: INK, fontWeight: 'bold' }, axisLabel, splitLine: { show: false } },
    series: [
      {
        type: 'scatter',
        symbolSize: 10,
        itemStyle: { color: ROLE_COLOURS.value, borderColor: BACKGROUND, borderWidth: 1, opacity: 1 },
        // Every label is drawn, at a free place around its point (placeLabels).
        label: { show: true, color: INK, fontSize: 11, opacity: 1 },
        data: c.points.map((p, i) => {
          const own = p.role === 'own';
          const colour = ROLE_COLOURS[p.role === 'level' || !p.role ? 'value' : p.role];
          return {
            name: p.label,
            value: [p.x, p.y],
            itemStyle: { color: colour },
            ...(own ? { symbol: 'diamond', symbolSize: 16, z: 3 } : {}),
            label: { position: 'inside', align: labels[i].align, verticalAlign: 'middle', offset: [labels[i].dx, labels[i].dy], formatter: '{b}', ...(own ? { fontWeight: 'bold', fontSize: 12 } : {}) },
          };
        }),
        markArea: {
          silent: true,
          data: [field('A', 0, t.x, 0, t.y), field('B', 0, t.x, t.y, 100), field('C', t.x, 100, 0, t.y), field('D', t.x, 100, t.y, 100)],
        },
        markLine: { silent: true, symbol: 'none', lineStyle: { color: MUTED, type: 'dashed' }, label: { show: false }, data: [{ xAxis: t.x }, { yAxis: t.y }] },
      },
    ],
  };
}

type Box = { x1: number; y1: number; x2: number; y2: number };
const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1)) * Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));

/** Estimated width of a text in px (about 0.56 em a character: Helvetica/DejaVu Sans averages). */
const textWidth = (text: string, size: number) => text.length * size * 0.56;

/**
 * Label places for points (in px): each label takes the first place around its point (right, left,
 * above, below, the diagonals, then further out) that stays inside `bounds` and overlaps no point and
 * no earlier label; if none is free, the place with the least overlap. No label is ever dropped.
 * Returns each label's alignment and offset from its point, and its box.
 */
export function placeLabels(points: Array<{ x: number; y: number; text: string; size: number }>, bounds: Box): Array<{ align: 'left' | 'right' | 'center'; dx: number; dy: number; box: Box }> {
  const taken: Box[] = points.map((p) => ({ x1: p.x - 6, y1: p.y - 6, x2: p.x + 6, y2: p.y + 6 }));
  return points.map((p) => {
    const w = textWidth(p.text, p.size);
    const h = p.size + 2;
    let best: { align: 'left' | 'right' | 'center'; dx: number; dy: number; box: Box } | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const ring of [0, 1, 2, 3]) {
      const d = 9 + ring * 12;
      const cands: Array<{ align: 'left' | 'right' | 'center'; dx: number; dy: number }> = [
        { align: 'left', dx: d, dy: 0 },
        { align: 'right', dx: -d, dy: 0 },
        { align: 'center', dx: 0, dy: -d },
        { align: 'center', dx: 0, dy: d },
        { align: 'left', dx: d * 0.7, dy: -d * 0.8 },
        { align: 'left', dx: d * 0.7, dy: d * 0.8 },
        { align: 'right', dx: -d * 0.7, dy: -d * 0.8 },
        { align: 'right', dx: -d * 0.7, dy: d * 0.8 },
      ];
      for (const c of cands) {
        const x1 = c.align === 'left' ? p.x + c.dx : c.align === 'right' ? p.x + c.dx - w : p.x + c.dx - w / 2;
        const box = { x1, y1: p.y + c.dy - h / 2, x2: x1 + w, y2: p.y + c.dy + h / 2 };
        const outside = box.x1 < bounds.x1 || box.x2 > bounds.x2 || box.y1 < bounds.y1 || box.y2 > bounds.y2 ? 1e6 : 0;
        const cost = outside + taken.reduce((s, t) => s + overlap(box, t), 0) + ring;
        if (cost < bestCost) {
          bestCost = cost;
          best = { ...c, box };
        }
        if (cost === ring) break;
      }
      if (bestCost === ring) break;
    }
    taken.push(best!.box);
    return best!;
  });
}

/** A cell without a value (e.g. a risk not assessed): a light grey fill with the spec's `empty` text. */
const EMPTY_CELL = '#eeeeee';

function heatmap(c: HeatmapChart, ctx: Ctx): ChartOption {
  const unit = c.unit ?? '';
  const bands = c.bands ?? [];
  const steps = bands.length || c.legend.length || 5;
  const pal = ordinalPalette(c.scale, steps);
  const span = c.max - c.min || 1;
  const pieces = bands.length
    ? bands.map((b, i) => ({ gte: b.min, lte: b.max, label: b.label, color: pal[i] }))
    : c.legend.length
      ? c.legend.map((l, i) => ({ value: l.value, label: `${formatValue(l.value, '', ctx.locale)} ${l.label}`, color: pal[i] }))
      : pal.map((colour, i) => {
          const lo = c.min + (span * i) / steps;
          const hi = c.min + (span * (i + 1)) / steps;
          return { gte: lo, ...(i === steps - 1 ? { lte: hi } : { lt: hi }), label: `${formatValue(lo, '', ctx.locale)}–${formatValue(hi, unit, ctx.locale)}`, color: colour };
        });
  const colourOf = (v: number) => {
    if (bands.length) {
      const k = bands.findIndex((b) => v >= b.min && v <= b.max);
      if (k >= 0) return pal[k];
    }
    if (c.legend.length) {
      const k = c.legend.reduce((best, l, i) => (Math.abs(l.value - v) < Math.abs(c.legend[best].value - v) ? i : best), 0);
      return pal[k];
    }
    return pal[Math.max(0, Math.min(steps - 1, Math.floor(((v - c.min) / span) * steps)))];
  };
  const text = (x: number, y: number, v: number) => c.labels?.[y]?.[x] ?? formatValue(v, '', ctx.locale);
  const data: ChartOption[] = [];
  const empty: ChartOption[] = [];
  c.values.forEach((row, y) =>
    row.forEach((v, x) => {
      if (typeof v === 'number' && Number.isFinite(v)) data.push({ value: [x, y, v], label: { color: textOn(colourOf(v)) } });
      else if (c.empty) empty.push({ value: [x, y, 0] });
    }),
  );
  const cells = c.rows.length * c.columns.length;
  // Column labels are turned 45° only when they do not fit side by side; turned, they need room above the legends.
  const longest = Math.max(...c.columns.map((x) => x.length), 1);
  const rotate = longest * 7 > (ctx.width * 0.6) / Math.max(c.columns.length, 1);
  const scale = { type: 'piecewise', dimension: 2, orient: 'horizontal', left: 'center', textStyle: { color: INK }, itemGap: 12 };
  return {
    tooltip: { position: 'top' },
    grid: { left: 8, right: 16, top: 8, bottom: LEGEND_ROW * (empty.length ? 2 : 1) + 8 + (rotate ? longest * 5 : LEGEND_ROW) },
    xAxis: { type: 'category', data: c.columns, axisLabel: { ...axisLabel, rotate: rotate ? 45 : 0, interval: 0 }, splitArea: { show: false } },
    yAxis: { type: 'category', data: c.rows, inverse: true, axisLabel: { ...axisLabel, width: Math.round(ctx.width * 0.34), overflow: 'break', lineHeight: 14, interval: 0 } },
    // ECharts draws a heatmap series only with a visualMap: the cells without a value get their own (one grey piece).
    visualMap: [
      { ...scale, seriesIndex: 0, pieces, bottom: 0 },
      ...(empty.length ? [{ ...scale, seriesIndex: 1, pieces: [{ value: 0, label: `${c.empty!.text} ${c.empty!.label}`, color: EMPTY_CELL }], bottom: LEGEND_ROW }] : []),
    ],
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: BACKGROUND, borderWidth: 1 },
        label: { show: cells <= 400, fontSize: 10, formatter: (p: { value: [number, number, number] }) => text(p.value[0], p.value[1], p.value[2]) },
      },
      ...(empty.length
        ? [
            {
              type: 'heatmap',
              data: empty,
              silent: true,
              itemStyle: { borderColor: BACKGROUND, borderWidth: 1 },
              label: { show: true, fontSize: 10, color: INK, formatter: () => c.empty!.text },
            },
          ]
        : []),
    ],
  };
}
