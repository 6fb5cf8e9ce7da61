// Published reference values beside the region's figures in the maturity views (issue 14): the view
// carries every reference mark of its instrument with source and year; the figure of the municipalities'
// overall percentages draws the overall marks as reference lines next to the regional mean; the figures per
// dimension and group (and overall) get a column per mark with the value in its row, so that chart and
// table show the same numbers. Each is labelled with its name and year; the notes cite the source. Pure.
import type { AnalysisView, Column, Figure } from '../analysis/views.ts';
import { parseMeasureId, type ReferenceMark } from './references.ts';

const fmtPct = (v: number) => `${String(Math.round(v * 10) / 10).replace('.', ',')} %`;
const noteOf = (m: ReferenceMark) => `Referensvärde ${m.label}: ${fmtPct(m.value)}. Källa: ${m.source}.${m.note ? ` ${m.note}` : ''}`;

/** The row key a mark belongs to in a figure per dimension and group: 'overall', the dimension's or the group's id. */
function rowKey(m: ReferenceMark): string | null {
  const ref = parseMeasureId(m.measure);
  if (!ref) return null;
  return ref.kind === 'overall' ? 'overall' : ref.id;
}

function withLines(fig: Figure, marks: readonly ReferenceMark[]): Figure {
  const overall = marks.filter((m) => parseMeasureId(m.measure)?.kind === 'overall');
  if (!overall.length) return fig;
  return {
    ...fig,
    references: [...(fig.references ?? []), ...overall.map((m) => ({ label: m.label, value: m.value, role: 'target' as const, year: m.year, source: m.source }))],
    notes: [...fig.notes, ...overall.map(noteOf)],
  };
}

function withColumns(fig: Figure, marks: readonly ReferenceMark[]): Figure {
  const rowKeys = new Set(fig.rows.map((r) => r.key));
  const fitting = marks.filter((m) => {
    const k = rowKey(m);
    return k !== null && rowKeys.has(k);
  });
  if (!fitting.length) return fig;
  const columns: Column[] = fitting.map((m) => ({ key: `ref:${m.seriesId}:${m.year}`, label: m.label, format: 'pct', series: true, role: 'target' }));
  return {
    ...fig,
    columns: [...fig.columns, ...columns],
    rows: fig.rows.map((r) => ({
      ...r,
      cells: { ...r.cells, ...Object.fromEntries(fitting.map((m) => [`ref:${m.seriesId}:${m.year}`, rowKey(m) === r.key ? m.value : null])) },
    })),
    notes: [...fig.notes, ...fitting.map(noteOf)],
  };
}

/** The view with the instrument's reference marks (the caller passes the marks of the view's instrument). */
export function withReferences(view: AnalysisView, marks: readonly ReferenceMark[]): AnalysisView {
  if (!marks.length) return view;
  return {
    ...view,
    references: [...marks],
    figures: view.figures.map((f) => {
      if (f.id === 'kommuner') return withLines(f, marks);
      if (f.id === 'region-grupper' || f.id === 'kommun-grupper') return withColumns(f, marks);
      return f;
    }),
  };
}
