// The one chart specification (issue 11): every figure of an analysis view or a report yields a
// ChartSpec, and chartOption (option.ts) turns it into the ECharts option drawn in the browser and,
// with ECharts' server-side SVG renderer, in PDF and DOCX. A spec says what is shown, never how:
// colours come from the series' semantic roles (palette.ts). Pure, JSON-able, browser-safe.

/**
 * What a series is, which fixes its colour in every chart: the own municipality, the region, the
 * lowest/mean/highest value among the municipalities, a target level, a plain value; for ordinal
 * answer options a scale step (`level`) or "Vet ej" (`dontKnow`, grey and last).
 */
export type SeriesRole = 'own' | 'region' | 'lowest' | 'mean' | 'highest' | 'target' | 'value' | 'level' | 'dontKnow';

export interface ChartSeries {
  label: string;
  role: SeriesRole;
  /** role 'level': the step from weakest (0) to strongest (levels − 1). */
  level?: number;
}

/** Ordinal palettes: diverging for agree/disagree scales, sequential for levels (maturity, competence). */
export type OrdinalKind = 'diverging' | 'sequential';

/** Horizontal 100 % bars: one row per category, one segment per series (answer option). */
export interface StackedBarsChart {
  type: 'stackedBars';
  categories: string[];
  series: ChartSeries[];
  /** values[row][series], percentages 0–100. */
  values: number[][];
  /** Base per row, shown after the label ("n = 18"). */
  n?: number[];
  scale: OrdinalKind;
  /** Number of scale steps (the `level` series). */
  levels: number;
}

/** Horizontal grouped bars (e.g. own municipality vs region). */
export interface BarsChart {
  type: 'bars';
  categories: string[];
  series: ChartSeries[];
  /** values[row][series]. */
  values: (number | null)[][];
  max: number;
  unit: string;
  /** 'desc': rows sorted by the first series' value, highest first (no value last). */
  sort?: 'desc';
  /** A vertical reference line, e.g. the regional mean. */
  reference?: { label: string; value: number; role: SeriesRole };
  /** Categories drawn in the own municipality's colour (single-series bars). */
  own?: string[];
  /** Decimals of the value labels (default: none for '%', one otherwise), e.g. 2 for an IT share "1,82 %". */
  decimals?: number;
}

/** Spider chart; values on 0…max per axis. More than RADAR_MAX_AXES axes are drawn as several radars, split by `groups`. */
export interface RadarChart {
  type: 'radar';
  axes: string[];
  /** The group or dimension of each axis (same length as axes): where to split a large radar. */
  groups?: string[];
  series: Array<ChartSeries & { values: (number | null)[] }>;
  max: number;
  unit: string;
}

/** Quadrant matrix: x = capability, y = legacy (0–100 %), four labelled fields. */
export interface QuadrantChart {
  type: 'quadrant';
  xLabel: string;
  yLabel: string;
  thresholds: { x: number; y: number };
  fields: { A: string; B: string; C: string; D: string };
  /** A point's role fixes its colour and mark (default 'value'; 'own' is a larger diamond). */
  points: Array<{ label: string; x: number; y: number; role?: SeriesRole }>;
}

/** Rows × columns of values coloured from min (weak) to max (strong); null = no value. */
export interface HeatmapChart {
  type: 'heatmap';
  rows: string[];
  columns: string[];
  values: (number | null)[][];
  min: number;
  max: number;
  scale: OrdinalKind;
  /** Legend entries (value → label), e.g. 0 Obefintlig … 4 Branschledande; empty: a continuous scale. */
  legend: Array<{ value: number; label: string }>;
  unit?: string;
  /**
   * Value bands coloured in this order along the ordinal palette (instead of `legend`), e.g. a risk value
   * over 7 "Allvarlig risk" and 1–7 "Ej allvarlig": each band is min ≤ value ≤ max.
   */
  bands?: Array<{ min: number; max: number; label: string }>;
  /**
   * Cells without a value are drawn grey with `text` (e.g. "–" for a risk not assessed) and a legend entry
   * `label` ("Inte bedömd"); without it they are left blank.
   */
  empty?: { text: string; label: string };
  /** Text in each cell instead of its value (e.g. the number of risks in a matrix cell); '' shows nothing. */
  labels?: string[][];
}

export type ChartSpec = StackedBarsChart | BarsChart | RadarChart | QuadrantChart | HeatmapChart;

/** At most this many spokes per radar. */
export const RADAR_MAX_AXES = 12;

/** Every text a spec shows (labels, legends, axis names), e.g. for the anonymity checks and the SVG test. */
export function specTexts(c: ChartSpec): string[] {
  switch (c.type) {
    case 'stackedBars':
    case 'bars':
      return [...c.categories, ...c.series.map((x) => x.label), ...(c.type === 'bars' && c.reference ? [c.reference.label] : [])];
    case 'radar':
      return [...c.axes, ...c.series.map((x) => x.label)];
    case 'quadrant':
      return [c.xLabel, c.yLabel, ...Object.values(c.fields), ...c.points.map((p) => p.label)];
    case 'heatmap':
      return [...c.rows, ...c.columns, ...c.legend.map((l) => l.label), ...(c.bands ?? []).map((b) => b.label), ...(c.empty ? [c.empty.label] : [])];
  }
}

/** No data to draw: no rows, no series or no value at all. */
export function isEmptySpec(c: ChartSpec): boolean {
  const any = (vs: ReadonlyArray<number | null>) => vs.some((v) => typeof v === 'number' && Number.isFinite(v));
  switch (c.type) {
    case 'stackedBars':
    case 'bars':
      return !c.categories.length || !c.series.length || !c.values.some(any);
    case 'radar':
      return c.axes.length < 3 || !c.series.some((s) => any(s.values));
    case 'quadrant':
      return !c.points.length;
    case 'heatmap':
      return !c.rows.length || !c.columns.length || !c.values.some(any);
    default:
      return true;
  }
}

/**
 * The radars of a radar chart: its axes split into runs of at most RADAR_MAX_AXES, along the groups
 * (adjacent small groups share a radar; a group larger than the limit is cut into even parts), or
 * evenly when there are no groups. Each part lists the axis indices it shows.
 */
export function radarParts(c: RadarChart): Array<{ title: string; axes: number[] }> {
  const n = c.axes.length;
  if (n <= RADAR_MAX_AXES) return [{ title: '', axes: c.axes.map((_, i) => i) }];
  const runs: Array<{ titles: string[]; axes: number[] }> = [];
  const groups = c.groups && c.groups.length === n ? c.groups : null;
  const blocks: Array<{ title: string; axes: number[] }> = [];
  if (groups) {
    for (let i = 0; i < n; i++) {
      const last = blocks[blocks.length - 1];
      if (last && last.title === groups[i]) last.axes.push(i);
      else blocks.push({ title: groups[i], axes: [i] });
    }
  } else blocks.push({ title: '', axes: c.axes.map((_, i) => i) });
  for (const b of blocks) {
    const parts = Math.ceil(b.axes.length / RADAR_MAX_AXES);
    const size = Math.ceil(b.axes.length / parts);
    for (let p = 0; p < parts; p++) {
      const axes = b.axes.slice(p * size, (p + 1) * size);
      const last = runs[runs.length - 1];
      if (parts === 1 && last && last.axes.length + axes.length <= RADAR_MAX_AXES) {
        last.axes.push(...axes);
        last.titles.push(b.title);
      } else runs.push({ titles: [b.title], axes });
    }
  }
  return runs.map((r) => ({ title: r.titles.filter(Boolean).join(', '), axes: r.axes }));
}

/** Agree/disagree scales get a diverging palette, every other ordinal scale (levels) a sequential one. */
export function ordinalKindOf(optionLabels: readonly string[]): OrdinalKind {
  return optionLabels.some((l) => /stämmer|instämmer|håller (inte )?med|\bagree/i.test(l)) ? 'diverging' : 'sequential';
}

/** A radar as separate radars of at most RADAR_MAX_AXES axes each (for paper: one image per part, each with its title). */
export function splitRadar(c: RadarChart): Array<{ title: string; chart: RadarChart }> {
  const parts = radarParts(c);
  if (parts.length === 1) return [{ title: '', chart: c }];
  return parts.map((p) => ({
    title: p.title,
    chart: { ...c, axes: p.axes.map((i) => c.axes[i]), groups: undefined, series: c.series.map((s) => ({ ...s, values: p.axes.map((i) => s.values[i]) })) },
  }));
}
