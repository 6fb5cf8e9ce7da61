// The delrapport's "Risker" section and the group report's Bilaga 5 (DOMAIN.md §9, Förstudierapport 4D
// Bilaga 5): a municipality's risks with their current value (serious marked), the 4 × 4 matrix as a
// heatmap, the risk values against the threshold, counts; and the risk × municipality table and heatmap
// of a group with "–" for not assessed (never 0) and the counts assessed / serious per municipality. Pure.
import type { BarsChart, HeatmapChart } from '../charts/spec.ts';
import { DEFAULT_SERIOUS_ABOVE, DEFAULT_THEMES } from '../risk/schema.ts';
import type { AssessmentView, RiskHeatmapView, RiskMatrixView, RiskView } from '../risk/view.ts';
import type { Block, Cell, ChartBlock, Section, TableBlock } from './model.ts';
import { count, fmtInt, truncate } from './swedish.ts';

/** "–": the risk was not assessed (its own state, never 0). */
export const NOT_ASSESSED = '–';
/** The mark after a serious risk value in the tables ("16*"). */
export const SERIOUS_MARK = '*';

/** Value bands of the risk charts: serious (over the threshold) in red, the others in blue. */
export function riskBands(seriousAbove: number): NonNullable<HeatmapChart['bands']> {
  return [
    { min: seriousAbove + 1, max: 16, label: `Allvarlig risk (över ${seriousAbove})` },
    { min: 1, max: seriousAbove, label: `Ej allvarlig (1–${seriousAbove})` },
  ];
}

/** A value as the tables show it: "12*" when serious, "–" when not assessed. */
export function valueCell(value: number | null, serious: boolean): string {
  return value === null ? NOT_ASSESSED : `${fmtInt(value)}${serious ? SERIOUS_MARK : ''}`;
}

/** A short row label for charts: "3. Kommunens arbetsmiljö är inte…". */
export const riskLabel = (i: number, title: string) => `${i + 1}. ${truncate(title, 34)}`;

const seriousNote = (seriousAbove: number) =>
  `Riskvärde = sannolikhet × konsekvens (1–4 vardera). ${SERIOUS_MARK} = allvarlig risk (riskvärde över ${seriousAbove}). ${NOT_ASSESSED} = inte bedömd (inte samma sak som 0).`;

/** The default themes first, in Bilaga 5's order; others after them. */
const themeRank = (r: RiskView) => {
  const i = DEFAULT_THEMES.findIndex((t) => t.id === r.themeId);
  return i < 0 ? DEFAULT_THEMES.length : i;
};

/** The municipality's current assessment of a risk (a group's risk: the member's; its own register: the one). */
function currentFor(r: RiskView, code: string): AssessmentView | null {
  return r.current.find((a) => a.municipalityCode === code) ?? (r.scope.kind === 'municipality' && r.scope.municipalityCode === code ? (r.current[0] ?? null) : null);
}

export interface RisksSectionInput {
  municipality: { code: string; name: string };
  /** The municipality's risks: its own register and the groups' risks it is assessed in. */
  risks: readonly RiskView[];
  matrix: RiskMatrixView | null;
  seriousAbove?: number;
}

/** The 4 × 4 matrix: probability 4 at the top, consequence 1–4 left to right; a cell coloured by its value and labelled with its number of risks. */
export function matrixChart(matrix: RiskMatrixView, seriousAbove: number, caption: string): ChartBlock {
  const ps = [4, 3, 2, 1];
  const cs = [1, 2, 3, 4];
  const cell = (p: number, c: number) => matrix.cells[p - 1]?.[c - 1];
  const chart: HeatmapChart = {
    type: 'heatmap',
    rows: ps.map((p) => `Sannolikhet ${p}`),
    columns: cs.map((c) => `Konsekvens ${c}`),
    values: ps.map((p) => cs.map((c) => p * c)),
    labels: ps.map((p) => cs.map((c) => {
      const n = cell(p, c)?.riskIds.length ?? 0;
      return n ? count(n, 'risk', 'risker') : '';
    })),
    min: 1,
    max: 16,
    scale: 'diverging',
    legend: [],
    bands: riskBands(seriousAbove),
  };
  const placed = ps.flatMap((p) => cs.map((c) => ({ p, c, n: cell(p, c)?.riskIds.length ?? 0 }))).filter((x) => x.n);
  return {
    kind: 'chart',
    caption,
    alt: `Riskmatris 4 × 4 för ${matrix.municipality}: ${placed.length ? placed.map((x) => `sannolikhet ${x.p} och konsekvens ${x.c}: ${count(x.n, 'risk', 'risker')}`).join('; ') : 'inga risker med sannolikhet och konsekvens'}.`,
    chart,
  };
}

/** The delrapport's "Risker" section for one municipality. */
export function risksSection({ municipality, risks, matrix, seriousAbove = DEFAULT_SERIOUS_ABOVE }: RisksSectionInput): Section {
  const rows = risks
    .map((r) => ({ r, a: currentFor(r, municipality.code) }))
    .sort((x, y) => themeRank(x.r) - themeRank(y.r) || x.r.theme.localeCompare(y.r.theme, 'sv') || (y.a?.value ?? -1) - (x.a?.value ?? -1) || x.r.id - y.r.id);
  const assessed = rows.filter((x) => x.a?.value !== null && x.a?.value !== undefined);
  const serious = assessed.filter((x) => x.a!.serious);
  const notAssessed = rows.length - assessed.length;
  const synth = risks.some((r) => r.synthesised);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      style: 'lead',
      text: rows.length
        ? `${municipality.name} har ${count(assessed.length, 'bedömd risk', 'bedömda risker')}, varav ${count(serious.length, 'allvarlig', 'allvarliga')} (riskvärde över ${seriousAbove})${
            notAssessed ? `; ${count(notAssessed, 'risk', 'risker')} i registret är inte ${notAssessed === 1 ? 'bedömd' : 'bedömda'} (–)` : ''
          }.`
        : `${municipality.name} har inga risker i riskregistret.`,
    },
  ];
  if (synth) blocks.push({ kind: 'paragraph', style: 'note', text: 'Risker markerade som syntetiska uppgifter är påhittade för demonstrationen.' });
  if (!rows.length) return { id: 'risker', heading: 'Risker', blocks };
  const table: TableBlock = {
    kind: 'table',
    caption: `Riskregister för ${municipality.name}`,
    columns: [
      { label: 'Tema', width: 1.3 },
      { label: 'Risk', width: 3 },
      { label: 'Sannolikhet', format: 'int', width: 0.7 },
      { label: 'Konsekvens', format: 'int', width: 0.7 },
      { label: 'Riskvärde', width: 0.6 },
      { label: 'Ägare', width: 0.9 },
      { label: 'Åtgärd', width: 1.6 },
      { label: 'Status', width: 0.8 },
      { label: 'Bedömd', width: 0.8 },
    ],
    rows: rows.map(({ r, a }, i): Cell[] => [
      r.theme,
      `${i + 1}. ${r.title}${r.synthesised ? ' (syntetiska uppgifter)' : ''}`,
      a?.assessment.state === 'assessed' ? a.assessment.probability : null,
      a?.assessment.state === 'assessed' ? a.assessment.consequence : null,
      valueCell(a?.value ?? null, a?.serious ?? false),
      r.owner || '–',
      r.measure || '–',
      r.statusLabel,
      a?.assessedOn ?? '–',
    ]),
    emphasis: rows.map((x, i) => (x.a?.serious ? i : -1)).filter((i) => i >= 0),
    note: `${seriousNote(seriousAbove)} Källa: ${[...new Set(rows.map((x) => x.a?.source || x.r.source).filter(Boolean))].join('; ') || 'riskregistret'}.`,
  };
  blocks.push(table);
  if (matrix && matrix.cells.some((row) => row.some((c) => c.riskIds.length))) blocks.push(matrixChart(matrix, seriousAbove, `Riskmatris för ${municipality.name}`));
  if (matrix?.valueOnly.length)
    blocks.push({
      kind: 'paragraph',
      style: 'note',
      text: `${count(matrix.valueOnly.length, 'risk har', 'risker har')} bara ett publicerat riskvärde (källan anger inte sannolikhet och konsekvens var för sig) och ${matrix.valueOnly.length === 1 ? 'visas' : 'visas'} därför efter värde nedan, inte i matrisen.`,
    });
  if (assessed.length) {
    const chart: BarsChart = {
      type: 'bars',
      categories: assessed.map((x) => riskLabel(rows.indexOf(x), x.r.title)),
      series: [{ label: 'Riskvärde', role: 'value' }],
      values: assessed.map((x) => [x.a!.value]),
      max: 16,
      unit: '',
      sort: 'desc',
      reference: { label: 'Gräns för allvarlig risk', value: seriousAbove, role: 'target' },
    };
    blocks.push({
      kind: 'chart',
      caption: `Riskvärden för ${municipality.name}`,
      alt: `Riskvärde per bedömd risk (${assessed.length} risker, ${serious.length} allvarliga över ${seriousAbove}): ${assessed.map((x) => `${x.r.title} ${x.a!.value}`).join('; ')}.`,
      chart,
    });
  }
  const changes = rows.flatMap(({ r }) => {
    const h = r.history.filter((a) => a.municipalityCode === municipality.code || (r.scope.kind === 'municipality' && a.municipalityCode === null));
    return h.length > 1 ? h.map((a) => [r.title, a.assessedOn, valueCell(a.value, a.serious)] as Cell[]) : [];
  });
  if (changes.length)
    blocks.push({
      kind: 'table',
      caption: 'Riskernas förändring över tid',
      columns: [{ label: 'Risk', width: 3 }, { label: 'Bedömd', width: 0.8 }, { label: 'Riskvärde', width: 0.6 }],
      rows: changes,
    });
  return { id: 'risker', heading: 'Risker', blocks };
}

/** Bilaga 5: risk × municipality grouped by theme, "–" for not assessed, serious marked, and the counts per municipality. */
export function riskGroupBlocks(h: RiskHeatmapView): Block[] {
  const names = h.municipalities.map((m) => m.municipality);
  const rows: Cell[][] = [];
  const emphasis: number[] = [];
  const ordered: RiskHeatmapView['rows'] = [];
  for (const t of h.themes) {
    const risks = h.rows.filter((r) => r.themeId === t.themeId);
    if (!risks.length) continue;
    emphasis.push(rows.length);
    rows.push([t.theme, ...names.map(() => '')]);
    for (const r of risks) {
      ordered.push(r);
      rows.push([`${ordered.length}. ${r.title}`, ...h.municipalities.map((m) => {
        const v = r.values.find((x) => x.municipalityCode === m.municipalityCode);
        return !v || v.notAssessed ? NOT_ASSESSED : valueCell(v.value, v.serious);
      })]);
    }
  }
  // Risks of a theme the view does not list (none expected): after the themes.
  for (const r of h.rows.filter((x) => !ordered.includes(x))) {
    ordered.push(r);
    rows.push([`${ordered.length}. ${r.title}`, ...h.municipalities.map((m) => {
      const v = r.values.find((x) => x.municipalityCode === m.municipalityCode);
      return !v || v.notAssessed ? NOT_ASSESSED : valueCell(v.value, v.serious);
    })]);
  }
  const first = rows.length;
  rows.push(['Antal bedömda risker', ...h.municipalities.map((m) => m.assessed)]);
  rows.push([`Varav allvarliga (riskvärde över ${h.seriousAbove})`, ...h.municipalities.map((m) => m.serious)]);
  emphasis.push(first, first + 1);
  const chart: HeatmapChart = {
    type: 'heatmap',
    rows: ordered.map((r, i) => riskLabel(i, r.title)),
    columns: names,
    values: ordered.map((r) => h.municipalities.map((m) => {
      const v = r.values.find((x) => x.municipalityCode === m.municipalityCode);
      return v && !v.notAssessed ? v.value : null;
    })),
    min: 1,
    max: 16,
    scale: 'diverging',
    legend: [],
    bands: riskBands(h.seriousAbove),
    empty: { text: NOT_ASSESSED, label: 'Inte bedömd' },
  };
  return [
    {
      kind: 'table',
      caption: `Identifierade risker och riskvärde per kommun (${h.group})`,
      columns: [{ label: 'Identifierade risker', width: 4 }, ...names.map((n) => ({ label: n, width: 0.8 }))],
      rows,
      emphasis,
      note: seriousNote(h.seriousAbove),
    },
    {
      kind: 'chart',
      caption: `Riskvärde per risk och kommun (${h.group})`,
      alt: `Värmekarta över ${ordered.length} risker och ${names.length} kommuner; ${NOT_ASSESSED} = inte bedömd. ${h.municipalities
        .map((m) => `${m.municipality}: ${m.assessed} bedömda, ${m.serious} allvarliga`)
        .join('; ')}.`,
      chart,
    },
  ];
}
