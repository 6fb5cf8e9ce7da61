// Dashboard figures (src/domain/analysis/views.ts → Figure): every chart is a <figure> whose caption
// states the base and n, an ECharts canvas (role="img" with a summary as its accessible name), a
// table alternative (<details> with a real <table>) and a CSV download of the same table. Charts are
// drawn from the table's rows, so the chart and the table always show the same numbers.
// ECharts is imported part by part (echarts/core) to keep the bundle small.
import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { BarChart, HeatmapChart, RadarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import { useI18n } from '../i18n.tsx';
import { QUADRANT_LETTER_COLOUR } from './chart-colours.ts';
import { decFormat, fixed1Format, intFormat } from './format.ts';
import './charts.css';

use([LabelLayout, BarChart, HeatmapChart, RadarChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

// ---- Shapes (mirrors src/domain/analysis/views.ts) --------------------------------------------

export type Base = 'respondents' | 'municipalities' | 'mentions';
export type Cell = string | number | null;
export interface Column {
  key: string;
  label: string;
  format: 'text' | 'pct' | 'value' | 'count' | 'pp';
  series?: boolean;
}
export interface Row {
  key: string;
  label: string;
  cells: Record<string, Cell>;
  suppressed?: string[];
  own?: boolean;
}
export interface Figure {
  id: string;
  title: string;
  chart: 'radar' | 'stacked-bar' | 'bar' | 'heatmap' | 'quadrant' | 'none';
  base: Base;
  n: number;
  notes: string[];
  columns: Column[];
  rows: Row[];
  quadrant?: { x: string; y: string; thresholds: { x: number; y: number }; xLabel: string; yLabel: string };
}

export const BASE_LABEL: Record<Base, string> = { respondents: 'respondenter', municipalities: 'kommuner', mentions: 'omnämnanden' };
export const SUPPRESSED_LABEL = 'för få svar (färre än 3)';

// ---- Number formatting (Swedish; never NaN) ---------------------------------------------------

export function formatCell(v: Cell | undefined, format: Column['format']): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '–';
  switch (format) {
    case 'pct':
      return `${fixed1Format.format(v)} %`;
    case 'pp':
      return `${v > 0 ? '+' : ''}${fixed1Format.format(v)} p.e.`;
    case 'count':
      return intFormat.format(v);
    case 'value':
      return decFormat.format(v);
    default:
      return String(v);
  }
}

function SuppressedMark({ min }: { min: number }) {
  const { t } = useI18n();
  return (
    <span className="suppressed" title={t('för få svar (färre än {min})', { min })}>
      –<span className="visually-hidden"> {t('för få svar')}</span>
    </span>
  );
}

// ---- Table alternative --------------------------------------------------------------------------

export function FigureTable({ fig, suppressionMin }: { fig: Figure; suppressionMin: number }) {
  const { t } = useI18n();
  const [first, ...rest] = fig.columns;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={fig.title}>
      <table>
        <caption>
          {fig.title} (n = {fig.n}, {t('bas')}: {t(BASE_LABEL[fig.base])})
        </caption>
        <thead>
          <tr>
            {fig.columns.map((c) => (
              <th key={c.key} scope="col" className={c.format === 'text' ? undefined : 'num'}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fig.rows.map((r) => (
            <tr key={r.key} className={r.own ? 'own-row' : undefined}>
              <th scope="row">{(r.suppressed ?? []).includes(first.key) ? <SuppressedMark min={suppressionMin} /> : formatCell(r.cells[first.key], first.format)}</th>
              {rest.map((c) => (
                <td key={c.key} className={c.format === 'text' ? undefined : 'num'}>
                  {(r.suppressed ?? []).includes(c.key) ? <SuppressedMark min={suppressionMin} /> : formatCell(r.cells[c.key], c.format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- Chart options -------------------------------------------------------------------------------

/** Colour-blind-safe palette with enough contrast on white (Okabe–Ito, darkened). */
const PALETTE = ['#0b5cad', '#b35c00', '#1d6b32', '#a4161a', '#6a3d9a', '#00726b', '#7a4a00', '#4a5360', '#c2185b', '#2e7d32'];

/** What every chart shares: the palette, no animation, no ECharts aria (the element has its own name), the font. */
export const CHART_BASE = { color: PALETTE, animation: false, aria: { enabled: false }, textStyle: { fontFamily: 'system-ui, sans-serif' } };

const num = (v: Cell | undefined): number | '-' => (typeof v === 'number' && Number.isFinite(v) ? v : '-');

function seriesColumns(fig: Figure): Column[] {
  return fig.columns.filter((c) => c.series);
}

function chartOption(fig: Figure): EChartsCoreOption | null {
  const series = seriesColumns(fig);
  const rows = fig.rows;
  const labels = rows.map((r) => r.label);
  const base = CHART_BASE;
  switch (fig.chart) {
    case 'radar':
      if (rows.length < 3) return barOption(fig, series, labels, base);
      return {
        ...base,
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        radar: { indicator: rows.map((r) => ({ name: r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label, max: 100, min: 0 })), radius: '66%', axisName: { color: '#1b1f24', fontSize: 11 } },
        series: [
          {
            type: 'radar',
            data: series.map((c) => ({ name: c.label, value: rows.map((r) => num(r.cells[c.key])) })),
          },
        ],
      };
    case 'stacked-bar':
      return {
        ...base,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        grid: { left: 8, right: 24, top: 8, bottom: 56, containLabel: true },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
        yAxis: { type: 'category', data: labels, inverse: true },
        series: series.map((c) => ({ type: 'bar', stack: 'alla', name: c.label, data: rows.map((r) => num(r.cells[c.key])) })),
      };
    case 'bar':
      return barOption(fig, series, labels, base);
    case 'heatmap': {
      const data: [number, number, number | '-'][] = [];
      rows.forEach((r, y) => series.forEach((c, x) => data.push([x, y, num(r.cells[c.key])])));
      return {
        ...base,
        tooltip: { position: 'top' },
        grid: { left: 8, right: 16, top: 8, bottom: 90, containLabel: true },
        xAxis: { type: 'category', data: series.map((c) => c.label.replace(/ \(n = \d+\)$/, '')), axisLabel: { rotate: 45, interval: 0 } },
        yAxis: { type: 'category', data: labels, inverse: true },
        visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#a4161a', '#f2e6c9', '#1d6b32'] }, text: ['100 %', '0 %'] },
        series: [{ type: 'heatmap', data, label: { show: rows.length * series.length <= 400, formatter: (p: { value: [number, number, number] }) => (typeof p.value[2] === 'number' ? Math.round(p.value[2]).toString() : '') } }],
      };
    }
    case 'quadrant': {
      const q = fig.quadrant!;
      const point = (r: Row) => [num(r.cells[q.x]), num(r.cells[q.y])];
      const withValues = rows.filter((r) => typeof r.cells[q.x] === 'number' && typeof r.cells[q.y] === 'number');
      return {
        ...base,
        tooltip: { trigger: 'item' },
        grid: { left: 16, right: 24, top: 24, bottom: 40, containLabel: true },
        xAxis: { type: 'value', min: 0, max: 100, name: q.xLabel, nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', min: 0, max: 100, name: q.yLabel, nameLocation: 'middle', nameGap: 36 },
        series: [
          {
            // The four fields' letters in the middle of each field.
            type: 'scatter',
            silent: true,
            symbolSize: 0,
            tooltip: { show: false },
            data: [
              { name: 'A', value: [q.thresholds.x / 2, q.thresholds.y / 2] },
              { name: 'B', value: [q.thresholds.x / 2, (100 + q.thresholds.y) / 2] },
              { name: 'C', value: [(100 + q.thresholds.x) / 2, q.thresholds.y / 2] },
              { name: 'D', value: [(100 + q.thresholds.x) / 2, (100 + q.thresholds.y) / 2] },
            ],
            label: { show: true, formatter: '{b}', position: 'inside', fontSize: 28, fontWeight: 'bold', color: QUADRANT_LETTER_COLOUR },
          },
          {
            type: 'scatter',
            symbolSize: 12,
            itemStyle: { color: '#0b5cad' },
            labelLayout: { hideOverlap: true },
            data: withValues.filter((r) => !r.own).map((r) => ({ name: r.label, value: point(r) })),
            label: { show: withValues.length <= 30, formatter: '{b}', position: 'right', fontSize: 11 },
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: '#4a5360', type: 'dashed' },
              data: [{ xAxis: q.thresholds.x }, { yAxis: q.thresholds.y }],
            },
          },
          {
            type: 'scatter',
            symbol: 'diamond',
            symbolSize: 18,
            itemStyle: { color: '#b35c00' },
            z: 3,
            data: withValues.filter((r) => r.own).map((r) => ({ name: r.label, value: point(r) })),
            label: { show: true, formatter: '{b}', position: 'right', fontWeight: 'bold' },
          },
        ],
      };
    }
    default:
      return null;
  }
}

function barOption(fig: Figure, series: Column[], labels: string[], base: object): EChartsCoreOption {
  const pctOnly = series.every((c) => c.format === 'pct');
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 24, top: 8, bottom: series.length > 1 ? 56 : 24, containLabel: true },
    xAxis: { type: 'value', ...(pctOnly ? { max: 100, min: 0, axisLabel: { formatter: '{value} %' } } : {}) },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: series.map((c) => ({ type: 'bar', name: c.label, data: fig.rows.map((r) => num(r.cells[c.key])) })),
  };
}

function chartHeight(fig: Figure): number {
  const n = fig.rows.length;
  switch (fig.chart) {
    case 'radar':
      return n < 3 ? 160 : 460;
    case 'quadrant':
      return 440;
    case 'heatmap':
      return Math.max(240, n * 22 + 130);
    case 'stacked-bar':
      return Math.max(160, n * 30 + 80);
    default:
      return Math.max(140, n * (seriesColumns(fig).length > 1 ? 34 : 24) + 70);
  }
}

const CHART_NAMES: Record<Figure['chart'], string> = {
  radar: 'Spindeldiagram',
  'stacked-bar': 'Staplat stapeldiagram',
  bar: 'Stapeldiagram',
  heatmap: 'Värmekarta',
  quadrant: 'Kvadrantmatris',
  none: 'Tabell',
};

type Translate = (sv: string, vars?: Record<string, string | number>) => string;

/** The accessible name of a chart: what it shows, its base and n, and its extremes (`t` translates, Swedish by default). */
export function chartSummary(fig: Figure, t: Translate = (sv, vars) => Object.entries(vars ?? {}).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), sv)): string {
  const series = seriesColumns(fig);
  const parts = [`${t(CHART_NAMES[fig.chart])}: ${fig.title}. n = ${fig.n}, ${t('bas')}: ${t(BASE_LABEL[fig.base])}.`];
  if (fig.chart === 'quadrant' && fig.quadrant) {
    const counts = new Map<string, number>();
    for (const r of fig.rows) if (typeof r.cells.quadrant === 'string') counts.set(r.cells.quadrant, (counts.get(r.cells.quadrant) ?? 0) + 1);
    parts.push(
      `${t('{n} punkter', { n: fig.rows.length })}; ${[...counts].map(([k, v]) => t('fält {key}: {n}', { key: k, n: v })).join(', ') || t('inga värden')}.`,
    );
  } else if (fig.chart === 'stacked-bar') {
    parts.push(t('{n} frågor; andel per svarsalternativ ({options}).', { n: fig.rows.length, options: series.map((c) => c.label).join(', ') }));
  } else if (series.length) {
    const c = series.length >= 3 ? series[1] : series[0];
    const vals = fig.rows.filter((r) => typeof r.cells[c.key] === 'number' && !(r.suppressed ?? []).includes(c.key));
    if (vals.length) {
      const hi = vals.reduce((a, b) => ((b.cells[c.key] as number) > (a.cells[c.key] as number) ? b : a));
      const lo = vals.reduce((a, b) => ((b.cells[c.key] as number) < (a.cells[c.key] as number) ? b : a));
      parts.push(
        `${c.label}: ${t('högst {name} ({value}), lägst {low} ({lowValue}).', {
          name: hi.label,
          value: formatCell(hi.cells[c.key], c.format),
          low: lo.label,
          lowValue: formatCell(lo.cells[c.key], c.format),
        })}`,
      );
    } else parts.push(t('Inga värden att visa.'));
  }
  parts.push(t('Alla värden finns i tabellen under diagrammet.'));
  return parts.join(' ');
}

/**
 * An ECharts canvas drawn from `option` (give a memoised option: a new one redraws), resized with the
 * window; role="img" with `label` as its accessible name.
 */
export function EChart({ option, label, height }: { option: EChartsCoreOption | null; label: string; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !option) return;
    const chart = init(el, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}

export function Chart({ fig }: { fig: Figure }) {
  const { t } = useI18n();
  const option = useMemo(() => chartOption(fig), [fig]);
  return <EChart option={option} label={chartSummary(fig, t)} height={chartHeight(fig)} />;
}

// ---- The figure -------------------------------------------------------------------------------------

export function FigureView({ fig, csvUrl, suppressionMin, children }: { fig: Figure; csvUrl: string; suppressionMin: number; children?: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const hasSuppressed = fig.rows.some((r) => (r.suppressed ?? []).length);
  const hasData = fig.rows.length > 0;
  return (
    <figure className="result-figure" aria-labelledby={`${id}-t`} data-figure={fig.id}>
      <figcaption>
        <h3 id={`${id}-t`}>{fig.title}</h3>
        <p className="base-n">
          n = {fig.n}, {t('bas')}: {t(BASE_LABEL[fig.base])}
        </p>
        {fig.notes.length > 0 && (
          <ul className="figure-notes">
            {fig.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {hasSuppressed && <p className="figure-notes">– = {t('för få svar (färre än {min})', { min: suppressionMin })}</p>}
      </figcaption>
      {children}
      {!hasData ? (
        <p>{t('Inga värden att visa.')}</p>
      ) : fig.chart === 'none' ? (
        <FigureTable fig={fig} suppressionMin={suppressionMin} />
      ) : (
        <>
          <Chart fig={fig} />
          <details className="table-alternative">
            <summary>
              {t('Visa som tabell')}: {fig.title}
            </summary>
            <FigureTable fig={fig} suppressionMin={suppressionMin} />
          </details>
        </>
      )}
      <p className="csv-link">
        <a href={csvUrl} download>
          {t('Ladda ned tabellen som CSV')}
          <span className="visually-hidden">: {fig.title}</span>
        </a>
      </p>
    </figure>
  );
}
