// Dashboard figures (src/domain/analysis/views.ts → Figure): every chart is a <figure> whose caption
// states the base and n, an ECharts canvas (role="img" with a summary as its accessible name), a
// table alternative (<details> with a real <table>) and a CSV download of the same table. Charts are
// drawn from the table's rows, so the chart and the table always show the same numbers.
// ECharts is imported part by part (echarts/core) and only when the first chart is drawn
// (echarts-canvas.ts, a chunk of its own): captions and tables show without waiting for it.
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { EChartsCoreOption } from 'echarts/core';
import { figureChart } from '../../domain/charts/figure.ts';
import { chartHeight, chartOption } from '../../domain/charts/option.ts';
import type { ChartSpec } from '../../domain/charts/spec.ts';
import type { Base } from '../../domain/analysis/types.ts';
import type { Cell, Column, Figure } from '../../domain/analysis/views.ts';
import { useI18n } from '../i18n.tsx';
import type { DrawnChart } from './echarts-canvas.ts';
import { decFormat, fixed1Format, intFormat } from './format.ts';
import './charts.css';

// ---- Shapes (src/domain/analysis/views.ts) ----------------------------------------------------

export type { Figure } from '../../domain/analysis/views.ts';

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

// ---- Charts ----------------------------------------------------------------------------------------

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
  const series = fig.columns.filter((c) => c.series);
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
 * Whether the element has come within half a screen height of the viewport (true from the start unless
 * `lazy`; stays true once reached). A results page has many large charts: drawing only those a reader
 * scrolls to keeps the page responsive while it loads.
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>, lazy: boolean): boolean {
  const [near, setNear] = useState(!lazy || typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    // Half a screen ahead: drawn just before it scrolls in, while nothing below the first screen is
    // drawn (or its data fetched, or ECharts loaded) as the page opens.
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '50% 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [near]);
  return near;
}

let echarts: Promise<typeof import('./echarts-canvas.ts')> | undefined;
/** The ECharts chunk, requested once (again after a failed attempt). */
function loadECharts() {
  echarts ??= import('./echarts-canvas.ts').catch((e: unknown) => {
    echarts = undefined;
    throw e;
  });
  return echarts;
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
    let chart: DrawnChart | undefined;
    let gone = false;
    const onResize = () => chart?.resize();
    // Should the chunk not load, the element keeps its accessible name and the table alternative its numbers.
    loadECharts()
      .then(({ drawChart }) => {
        if (gone) return;
        chart = drawChart(el, option);
        window.addEventListener('resize', onResize);
      })
      .catch(() => undefined);
    return () => {
      gone = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}

/** Each observed chart box's width callback, and the one observer of them all. */
const onWidth = new WeakMap<Element, (width: number) => void>();
let widths: ResizeObserver | undefined;

/**
 * Calls `on` with the element's width now and whenever it changes. One ResizeObserver for every chart:
 * the browser reports the widths after its own layout, all in one callback (reading clientWidth per
 * chart forced a layout each as a results page opened, issue 15), and the charts are rendered at their
 * width before that frame is painted (flushSync), so no chart's box changes height once shown.
 */
function observeWidth(el: HTMLElement, on: (width: number) => void): () => void {
  if (typeof ResizeObserver === 'undefined') {
    on(el.clientWidth);
    return () => undefined;
  }
  widths ??= new ResizeObserver((entries) =>
    flushSync(() => {
      for (const e of entries) onWidth.get(e.target)?.(Math.round(e.contentRect.width));
    }),
  );
  onWidth.set(el, on);
  widths.observe(el);
  return () => {
    widths?.unobserve(el);
    onWidth.delete(el);
  };
}

/**
 * A chart specification drawn by ECharts at the element's width (the same option as the PDF and DOCX);
 * with `whenVisible`, only once it comes near the viewport (its option is not even computed before).
 */
export function SpecChart({ spec, label, whenVisible = false }: { spec: ChartSpec; label: string; whenVisible?: boolean }) {
  const { lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref, whenVisible);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => (ref.current ? observeWidth(ref.current, setWidth) : undefined), []);
  const w = width || 640;
  const height = chartHeight(spec, w);
  const option = useMemo(
    () => (width && near ? (chartOption(spec, { width: w, height, locale: lang === 'en' ? 'en' : 'sv' }) as EChartsCoreOption) : null),
    [spec, width, w, height, lang, near],
  );
  return (
    <div ref={ref}>
      <EChart option={option} label={label} height={height} />
    </div>
  );
}

/** A figure's chart, drawn when it comes near the viewport. */
export function Chart({ fig }: { fig: Figure }) {
  const { t } = useI18n();
  const spec = useMemo(() => figureChart(fig), [fig]);
  return <SpecChart spec={spec} label={chartSummary(fig, t)} whenVisible />;
}

/**
 * Table alternatives with more cells than this are rendered when first opened (a national round's
 * 60 items × 7 columns already cost the page's first render more than its charts); smaller ones with
 * the page. A closed <details> shows nothing either way.
 */
const EAGER_TABLE_CELLS = 200;

function TableAlternative({ fig, suppressionMin }: { fig: Figure; suppressionMin: number }) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(fig.rows.length * fig.columns.length <= EAGER_TABLE_CELLS);
  return (
    <details className="table-alternative" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary>
        {t('Visa som tabell')}: {fig.title}
      </summary>
      {opened && <FigureTable fig={fig} suppressionMin={suppressionMin} />}
    </details>
  );
}

// ---- The figure -------------------------------------------------------------------------------------

/**
 * A figure: caption, chart and table alternative (or a table), CSV link. `placeholder` stands in for
 * the chart and table while the figure's rows are still to come (a deferred figure of a national view).
 */
export function FigureView({
  fig,
  csvUrl,
  suppressionMin,
  children,
  placeholder,
}: {
  fig: Figure;
  csvUrl: string;
  suppressionMin: number;
  children?: ReactNode;
  placeholder?: ReactNode;
}) {
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
      {placeholder ? (
        placeholder
      ) : !hasData ? (
        <p>{t('Inga värden att visa.')}</p>
      ) : fig.chart === 'none' ? (
        <FigureTable fig={fig} suppressionMin={suppressionMin} />
      ) : (
        <>
          <Chart fig={fig} />
          <TableAlternative fig={fig} suppressionMin={suppressionMin} />
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
