// A chart's underlying figures as a table (the XLSX sheets).
// Pure and browser-safe.
import type { ChartBlock, TableBlock } from '../../domain/reports/model.ts';

export function chartTable(b: ChartBlock): TableBlock {
  const c = b.chart;
  const caption = `Diagramdata: ${b.caption}`;
  switch (c.type) {
    case 'stackedBars':
      return {
        kind: 'table',
        caption,
        columns: [{ label: 'Fråga', width: 2.5 }, ...(c.n ? [{ label: 'Bas (n)', format: 'int' as const }] : []), ...c.series.map((s) => ({ label: s.label, format: 'percent' as const }))],
        rows: c.categories.map((cat, i) => [cat, ...(c.n ? [c.n[i]] : []), ...c.values[i]]),
      };
    case 'bars':
      return {
        kind: 'table',
        caption,
        columns: [{ label: 'Kategori', width: 2.5 }, ...c.series.map((s) => ({ label: s.label, format: c.unit === '%' ? ('percent' as const) : ('decimal' as const) }))],
        rows: c.categories.map((cat, i) => [cat, ...c.values[i]]),
      };
    case 'radar':
      return {
        kind: 'table',
        caption,
        columns: [{ label: 'Axel', width: 2.5 }, ...c.series.map((s) => ({ label: s.label, format: c.unit === '%' ? ('percent' as const) : ('decimal' as const) }))],
        rows: c.axes.map((a, i) => [a, ...c.series.map((s) => s.values[i])]),
      };
    case 'quadrant':
      return {
        kind: 'table',
        caption,
        columns: [{ label: 'Punkt', width: 2 }, { label: c.xLabel, format: 'percent' }, { label: c.yLabel, format: 'percent' }],
        rows: c.points.map((p) => [p.label, p.x, p.y]),
      };
    case 'heatmap':
      return {
        kind: 'table',
        caption,
        columns: [{ label: 'Rad', width: 2.5 }, ...c.columns.map((col) => ({ label: col, format: 'decimal' as const, width: 0.6 }))],
        rows: c.rows.map((r, i) => [r, ...c.values[i]]),
      };
  }
}
