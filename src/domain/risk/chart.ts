// The risk views as chart specifications (the one chart pipeline, src/domain/charts/spec.ts): a group's
// risk × municipality heatmap coloured by risk value, and a municipality's 4 × 4 matrix coloured by the
// number of risks in each cell. Not assessed ("–") is no value (never 0). Pure and browser-safe; the
// texts are Swedish unless `t` translates them.
import type { HeatmapChart } from '../charts/spec.ts';
import { RISK_VALUES } from './schema.ts';
import type { RiskHeatmapView, RiskMatrixView } from './view.ts';

type Translate = (sv: string, vars?: Record<string, string | number>) => string;
const swedish: Translate = (sv, vars) => Object.entries(vars ?? {}).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), sv);

/** A risk's short label in a chart: its number and the start of its title (the table gives the whole title). */
export function shortRiskLabel(n: number, title: string, max = 48): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return `${n}. ${clean}`;
  const cut = clean.slice(0, max);
  const at = cut.lastIndexOf(' ');
  return `${n}. ${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[,.;:]$/, '')} …`;
}

/** Risk × municipality, each cell the current risk value (null: not assessed); the legend marks serious values in words. */
export function riskHeatmapChart(v: RiskHeatmapView, t: Translate = swedish): HeatmapChart {
  return {
    type: 'heatmap',
    rows: v.rows.map((r, i) => shortRiskLabel(i + 1, r.title)),
    columns: v.municipalities.map((m) => m.municipality),
    values: v.rows.map((r) => v.municipalities.map((m) => r.values.find((x) => x.municipalityCode === m.municipalityCode)?.value ?? null)),
    min: 1,
    max: 16,
    scale: 'sequential',
    legend: RISK_VALUES.map((value) => ({ value, label: value > v.seriousAbove ? t('allvarlig') : '' })),
  };
}

/** The 4 × 4 matrix: probability 4 (top) to 1, consequence 1 to 4; each cell the number of risks in it (null: none). */
export function riskMatrixChart(m: RiskMatrixView, t: Translate = swedish): HeatmapChart {
  const counts = [4, 3, 2, 1].map((p) => [1, 2, 3, 4].map((c) => m.cells[p - 1]?.[c - 1]?.riskIds.length ?? 0));
  const max = Math.max(1, ...counts.flat());
  return {
    type: 'heatmap',
    rows: [4, 3, 2, 1].map((p) => t('Sannolikhet {n}', { n: p })),
    columns: [1, 2, 3, 4].map((c) => t('Konsekvens {n}', { n: c })),
    values: counts.map((row) => row.map((n) => (n > 0 ? n : null))),
    min: 1,
    max,
    scale: 'sequential',
    legend: Array.from({ length: max }, (_, i) => ({ value: i + 1, label: i === 0 ? t('risk') : t('risker') })),
  };
}
