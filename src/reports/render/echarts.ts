// A ChartSpec → SVG with ECharts' server-side SVG renderer (the same option the browser draws, from
// src/domain/charts/option.ts), and that SVG → PNG with resvg (the DOCX fallback image) using the
// DejaVu Sans (Condensed) font shipped in the dejavu-fonts-ttf package (never system fonts), so the PNG looks the
// same on every machine. The PDF embeds the SVG as vectors (pdf.ts, svg-to-pdfkit).
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { ECHARTS_PARTS } from '../../domain/charts/echarts-parts.ts';
import { chartHeight, chartOption, type ChartLocale } from '../../domain/charts/option.ts';
import { splitRadar, type ChartSpec } from '../../domain/charts/spec.ts';

use([...ECHARTS_PARTS, SVGRenderer]);

/** The font family written into the SVG: Helvetica in the PDF (pdf.ts), DejaVu Sans Condensed in the PNG. */
export const SVG_FONT = 'Helvetica, DejaVu Sans Condensed, sans-serif';

const require = createRequire(import.meta.url);
// DejaVu Sans Condensed: about as wide as Helvetica, whose metrics ECharts lays the text out with.
const FONT_FILES = [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')];

export interface RenderedChart {
  svg: string;
  width: number;
  height: number;
}

/** The chart as an SVG document of `width` px (the height follows the spec unless given). */
export function chartSvg(spec: ChartSpec, width: number, opts: { height?: number; locale?: ChartLocale; title?: string } = {}): RenderedChart {
  const height = opts.height ?? chartHeight(spec, width);
  const own = !shared;
  const chart = own ? init(null, null, { renderer: 'svg', ssr: true, width, height }) : sharedChart(shared!, width, height);
  try {
    chart.setOption(chartOption(spec, { width, height, locale: opts.locale ?? 'sv', fontFamily: SVG_FONT }), { notMerge: true });
    let svg = chart.renderToSVGString();
    if (opts.title) svg = svg.replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(opts.title)}</title>`);
    return { svg, width, height };
  } finally {
    if (own) chart.dispose();
  }
}

interface Shared {
  chart?: ECharts;
  width: number;
  height: number;
}
/** The instance of the current withSharedCharts call (none outside one). */
let shared: Shared | null = null;

function sharedChart(s: Shared, width: number, height: number): ECharts {
  if (!s.chart) s.chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  else if (s.width !== width || s.height !== height) {
    // resize() draws the previous chart again at the new size, only for setOption to replace it: emptied
    // first, that drawing costs nothing (the SVG is the same).
    s.chart.clear();
    s.chart.resize({ width, height });
  }
  s.width = width;
  s.height = height;
  return s.chart;
}

/**
 * Runs `fn` (synchronous) with one server-side ECharts instance for all its charts (each setOption
 * replaces the whole option; the SVG is the same as from an instance of its own), disposed at the end:
 * a report's charts cost one instance instead of one each. A live instance keeps a frame timer running,
 * so none is kept beyond `fn`.
 */
export function withSharedCharts<T>(fn: () => T): T {
  if (shared) return fn();
  const s: Shared = { width: 0, height: 0 };
  shared = s;
  try {
    return fn();
  } finally {
    shared = null;
    s.chart?.dispose();
  }
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The charts of a chart block on paper: a radar with more than RADAR_MAX_AXES axes as one image per part, titled. */
export function paperCharts(spec: ChartSpec, width: number, title: string): Array<RenderedChart & { part: string }> {
  const parts = spec.type === 'radar' ? splitRadar(spec) : [{ title: '', chart: spec }];
  return parts.map((p) => ({ ...chartSvg(p.chart, width, { title: p.title ? `${title}: ${p.title}` : title }), part: p.title }));
}

/** An SVG rasterised to PNG at `scale` × its size, text in DejaVu Sans. */
export function svgToPng(svg: string, scale: number): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans Condensed', sansSerifFamily: 'DejaVu Sans Condensed' },
  });
  return r.render().asPng();
}
