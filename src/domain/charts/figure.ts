// An analysis figure (src/domain/analysis/views.ts) → its ChartSpec. The chart is drawn from the
// figure's table (its series columns and rows), so the chart and the "Visa som tabell" table always
// show the same numbers. Pure and browser-safe.
import type { Cell, Figure } from '../analysis/views.ts';
import type { BarsChart, ChartSeries, ChartSpec } from './spec.ts';

const num = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The chart of a figure; a figure without a chart ('none') or of an unknown kind gives an empty chart (the empty state). */
export function figureChart(fig: Figure): ChartSpec {
  const cols = fig.columns.filter((c) => c.series);
  const series: ChartSeries[] = cols.map((c) => ({ label: c.label, role: c.role ?? 'value', ...(c.level !== undefined ? { level: c.level } : {}) }));
  const rows = fig.rows;
  const cellsOf = (key: string) => rows.map((r) => ((r.suppressed ?? []).includes(key) ? null : num(r.cells[key])));
  const bars = (): BarsChart => {
    const pct = cols.every((c) => c.format === 'pct');
    return {
      type: 'bars',
      categories: rows.map((r) => r.label),
      series,
      values: rows.map((r) => cols.map((c) => ((r.suppressed ?? []).includes(c.key) ? null : num(r.cells[c.key])))),
      max: pct ? 100 : (fig.max ?? 0),
      unit: pct ? '%' : cols.every((c) => c.format === 'pp') ? 'p.e.' : '',
      ...(fig.sort ? { sort: fig.sort } : {}),
      ...(fig.reference ? { reference: fig.reference } : {}),
      ...(fig.references?.length ? { references: fig.references.map(({ label, value, role }) => ({ label, value, role })) } : {}),
      ...(rows.some((r) => r.own) ? { own: rows.filter((r) => r.own).map((r) => r.label) } : {}),
    };
  };
  switch (fig.chart) {
    case 'radar':
      if (rows.length < 3) return bars();
      return {
        type: 'radar',
        axes: rows.map((r) => r.label),
        ...(rows.every((r) => r.group) ? { groups: rows.map((r) => r.group as string) } : {}),
        series: series.map((s, j) => ({ ...s, values: cellsOf(cols[j].key) })),
        max: fig.max ?? 100,
        unit: '%',
      };
    case 'stacked-bar':
      return {
        type: 'stackedBars',
        categories: rows.map((r) => r.label),
        series,
        values: rows.map((r) => cols.map((c) => num(r.cells[c.key]) ?? 0)),
        ...(rows.every((r) => typeof r.cells.n === 'number') ? { n: rows.map((r) => r.cells.n as number) } : {}),
        scale: fig.scale ?? 'sequential',
        levels: series.filter((s) => s.role === 'level').length,
      };
    case 'bar':
      return bars();
    case 'heatmap':
      return {
        type: 'heatmap',
        rows: rows.map((r) => r.label),
        columns: cols.map((c) => c.label),
        values: rows.map((r) => cols.map((c) => num(r.cells[c.key]))),
        min: 0,
        max: fig.max ?? 100,
        scale: 'sequential',
        legend: [],
        unit: '%',
      };
    case 'quadrant': {
      const q = fig.quadrant;
      if (!q) break;
      return {
        type: 'quadrant',
        xLabel: q.xLabel,
        yLabel: q.yLabel,
        thresholds: q.thresholds,
        fields: q.fields ?? { A: '', B: '', C: '', D: '' },
        points: rows.flatMap((r) => {
          const x = num(r.cells[q.x]);
          const y = num(r.cells[q.y]);
          return x === null || y === null ? [] : [{ label: r.label, x, y, ...(r.own ? { role: 'own' as const } : {}) }];
        }),
      };
    }
  }
  return { type: 'bars', categories: [], series: [], values: [], max: 0, unit: '' };
}
