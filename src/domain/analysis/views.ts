// What each viewer is shown of a round's analysis (DOMAIN.md §1, §5). Pure: analysis results and
// the viewer in, dashboard figures out. The HTTP API, the CLI and the web pages all show these.
//
// Who sees what:
// - Förbundsadmin (the association): everything, with municipality names: every municipality's
//   figures (also groups below the minimum size), the heatmap of items × municipalities, free text
//   of every municipality, data-quality flags.
// - Kommunansvarig: the own municipality (or municipalities) in full and by name — also groups
//   below the minimum size and its free text — and the rest of the region anonymised ("Kommun 1…N").
// - Läsare: only the anonymised regional view, no free text, no heatmap.
//
// The region as others see it ("public"): municipalities with fewer than scoring.suppressionMin
// (default 3) counted respondents — in the current filter — are listed as "för få svar" with their n,
// and are left out of every regional figure that a kommunansvarig or läsare sees (distributions,
// min / mean / max, quadrant counts, candidates, change). Within the remaining municipalities a
// municipality's figure for one item, group or dimension enters regional statistics only if it rests
// on at least suppressionMin respondents. So no figure resting on a small group, and no difference of
// two published figures, reveals a small group's answers. The association's view uses all responses.
// A self-assessment has one respondent per municipality: with the default minimum (3) others see no
// per-municipality self-assessment figures; an instrument may set scoring.suppressionMin = 1 when
// anonymised organisational self-ratings may be shown.
//
// Every figure states its base (respondents, municipalities or mentions) and n; rows state their
// own n where it differs. Values are unrounded; null means "no value" (shown as "–"), a column key in
// `suppressed` means "för få svar" — never NaN.
import { AppError } from '../errors.ts';
import type { Role, Viewer } from '../organisation.ts';
import type { Instrument, Item, QuadrantKey } from '../instruments/schema.ts';
import type { QualityFlag } from './quality.ts';
import { ordinalKindOf, type OrdinalKind, type SeriesRole } from '../charts/spec.ts';
import { itemShortLabel } from '../instruments/short.ts';
import type { RoundAnalysis } from './index.ts';
import type { AnalysisResponse, Base, DistributionFigure, MunicipalityScores, RegionalStat } from './types.ts';
import { evaluate, combine, compareScores, regionFromScores, type MunicipalityPartial } from './engine.ts';
import type { ChangeMeasure, RoundChange } from './change.ts';
import { scoredItems } from './scores.ts';
import { distributions } from './distributions.ts';
import { gaps as gapsOf, improvementCandidates as improvementOf } from './gaps.ts';
import { EPSILON, itemOptions, scoringSettings } from './values.ts';
import { splitOptions } from '../instruments/answered.ts';
import { toCsv } from '../export.ts';
import type { ReferenceMark } from '../benchmarks/references.ts';
import { QUALITY_FLAG_LABELS } from './quality.ts';
import { viewerFigures, type FigureViewer, type MunicipalityNaming, type ViewerFigures } from './viewer.ts';

// ---------------------------------------------------------------------------------------------
// Shapes

export type AnalysisViewer = Viewer;

export type Cell = string | number | null;
export type ColumnFormat = 'text' | 'pct' | 'value' | 'count' | 'pp';
export interface Column {
  key: string;
  label: string;
  format: ColumnFormat;
  /** A data series of the chart. */
  series?: boolean;
  /** The series' role, which fixes its colour in every chart (default 'value'). */
  role?: SeriesRole;
  /** role 'level': the scale step, 0 = weakest. */
  level?: number;
}
export interface Row {
  key: string;
  /** Short label for chart axes (the first cell holds the full text). */
  label: string;
  cells: Record<string, Cell>;
  /** Column keys whose value is suppressed (för få svar). */
  suppressed?: string[];
  /** The viewer's own municipality. */
  own?: boolean;
  /** The item's group or dimension: where a large radar is split. */
  group?: string;
}
export type ChartKind = 'radar' | 'stacked-bar' | 'bar' | 'heatmap' | 'quadrant' | 'none';
export interface Figure {
  id: string;
  title: string;
  chart: ChartKind;
  base: Base;
  n: number;
  notes: string[];
  columns: Column[];
  rows: Row[];
  /** quadrant charts: which columns are x and y, the thresholds and the axis names. */
  quadrant?: { x: string; y: string; thresholds: { x: number; y: number }; xLabel: string; yLabel: string; fields?: Record<QuadrantKey, string> };
  /** Percent scales run 0–100; value scales use this maximum. */
  max?: number;
  /** stacked-bar: the answer scale's palette. */
  scale?: OrdinalKind;
  /** bar: rows sorted by the first series, highest first. */
  sort?: 'desc';
  /** bar: a reference line (e.g. the regional mean). */
  reference?: { label: string; value: number; role: SeriesRole };
  /** bar: published reference values drawn as further lines, each with its year and source (src/domain/benchmarks). */
  references?: Array<{ label: string; value: number; role: SeriesRole; year: number; source: string }>;
}

export interface RoundInfo {
  id: number;
  title: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  instrument: string;
  instrumentVersion: string;
  municipalities: string[];
}

export interface Filters {
  respondentType: string | null;
  area: string | null;
}

/** Everything computed once per round and filter (cached by the service), independent of the viewer. */
export interface AnalysisContext {
  round: RoundInfo;
  instrument: Instrument;
  filters: Filters;
  responses: readonly AnalysisResponse[];
  /** All counted responses. */
  full: RoundAnalysis;
  /** The region as others see it (see the file comment). */
  public: RoundAnalysis;
  /** Municipalities left out of `public` (fewer than suppressionMin respondents), with their n. */
  small: Record<string, number>;
  suppressionMin: number;
}

export interface ViewMeta {
  /** `municipalities`: all participating codes for the association, only the own ones for others. */
  round: RoundInfo & { instrumentTitle: string; mode: Instrument['mode']; municipalityCount: number };
  viewer: { role: Role; description: string };
  filters: Filters & { options: { respondentTypes: { id: string; label: string }[]; areas: { id: string; label: string }[] } };
  summary: {
    respondents: { base: 'respondents'; n: number };
    municipalities: { base: 'municipalities'; n: number };
    /** Municipalities with answers but fewer than suppressionMin respondents, left out for this viewer. */
    leftOut: { base: 'municipalities'; n: number };
    suppressionMin: number;
    aggregation: string;
  };
  notes: string[];
}

export interface QuadrantInfo {
  key: QuadrantKey;
  label: string;
  description: string;
  phase: string;
  recommendations: string[];
}

export interface AnalysisView extends ViewMeta {
  kind: 'regional' | 'municipality';
  municipality?: { code: string; name: string; n: number; quadrant: QuadrantInfo | null };
  figures: Figure[];
  /** A round holding published aggregates (published-view.ts): their sources and data-quality flags. */
  published?: { label: string; sources: string[]; flags: QualityFlag[] };
  /** Published reference values of the instrument's measures, with source (src/domain/benchmarks/maturity-references.ts). */
  references?: ReferenceMark[];
}

export interface CompareView {
  kind: 'compare';
  before: RoundInfo;
  after: RoundInfo;
  viewer: { role: Role; description: string };
  measure: ChangeMeasure & { label: string };
  minMeaningfulChange: number;
  suppressionMin: number;
  increasedShare: RoundChange['increasedShare'];
  counts: RoundChange['counts'];
  figures: Figure[];
  notes: string[];
}

/** A refusal: 403 (not allowed) or 404 (no such thing). */
export class ViewAccessError extends AppError {
  constructor(code: 'forbidden' | 'not_found', message: string) {
    super(code, message);
    this.name = 'ViewAccessError';
  }
}

// ---------------------------------------------------------------------------------------------
// Context

/** Full and public analyses of one round (see the file comment). Pure; the service caches it. */
export function buildContext(round: RoundInfo, instrument: Instrument, filters: Filters, responses: readonly AnalysisResponse[]): AnalysisContext {
  const settings = scoringSettings(instrument);
  const suppressionMin = settings.suppressionMin;
  const { analysis: full, pooled } = evaluate(instrument, responses);
  const small: Record<string, number> = {};
  for (const m of full.municipalityScores) if (m.n < suppressionMin) small[m.municipality] = m.n;
  let pub: RoundAnalysis;
  if (Object.keys(small).length) {
    pub = evaluate(
      instrument,
      responses.filter((r) => !(r.municipality in small)),
      { regionalMinN: suppressionMin },
    ).analysis;
  } else {
    // Same municipalities: only the regional statistics differ (minimum n per municipality figure).
    pub = { ...full, region: regionFromScores(instrument, full.municipalityScores, pooled, responses.length, settings.aggregation, suppressionMin) };
  }
  return { round, instrument, filters, responses, full, public: pub, small, suppressionMin };
}

/**
 * The same context from the municipalities' partials (engine.ts; ordered as their responses), as the
 * service's incremental cache keeps them: equal to buildContext of the partials' responses.
 */
export function buildContextFromPartials(round: RoundInfo, instrument: Instrument, filters: Filters, partials: readonly MunicipalityPartial[]): AnalysisContext {
  const settings = scoringSettings(instrument);
  const suppressionMin = settings.suppressionMin;
  const { analysis: full, pooled } = combine(instrument, partials);
  const small: Record<string, number> = {};
  for (const m of full.municipalityScores) if (m.n < suppressionMin) small[m.municipality] = m.n;
  const responses: AnalysisResponse[] = [];
  for (const p of partials) for (const r of p.responses) responses.push(r);
  const pub: RoundAnalysis = Object.keys(small).length
    ? combine(instrument, partials.filter((p) => !(p.municipality in small)), { regionalMinN: suppressionMin }).analysis
    : { ...full, region: regionFromScores(instrument, full.municipalityScores, pooled, responses.length, settings.aggregation, suppressionMin) };
  return { round, instrument, filters, responses, full, public: pub, small, suppressionMin };
}

// ---------------------------------------------------------------------------------------------
// Access

const closedOnly = 'Resultaten för mätomgången är inte publicerade ännu (mätomgången är inte stängd).';

/**
 * Who may open a round's results at all: the association always; a kommunansvarig for rounds that
 * include an own municipality, and for closed rounds; a läsare for closed (published) rounds.
 */
export function assertCanViewRound(viewer: AnalysisViewer, round: RoundInfo): void {
  // The region's analyst reads the associations' follow-up, never a municipality's survey results (issue 14).
  if (viewer.role === 'regionanalytiker') throw new ViewAccessError('forbidden', 'Regionanalytikern ser inte mätomgångarnas resultat, bara förbundens uppföljning');
  if (viewer.role === 'forbundsadmin') return;
  if (viewer.role === 'kommunansvarig' && round.municipalities.some((c) => viewer.municipalities.includes(c))) return;
  if (round.status === 'closed') return;
  throw new ViewAccessError('forbidden', closedOnly);
}

/** The municipality view: the association, or a kommunansvarig of that municipality. */
export function assertCanViewMunicipality(viewer: AnalysisViewer, code: string): void {
  if (viewer.role === 'forbundsadmin') return;
  if (viewer.role === 'kommunansvarig' && viewer.municipalities.includes(code)) return;
  throw new ViewAccessError('forbidden', 'Du har inte behörighet till den här kommunens resultat');
}

const isAssociation = (v: AnalysisViewer) => v.role === 'forbundsadmin';
const isOwn = (v: AnalysisViewer, code: string) => v.role === 'kommunansvarig' && v.municipalities.includes(code);

function viewerDescription(v: AnalysisViewer): string {
  if (v.role === 'forbundsadmin') return 'Förbundet: alla kommuners resultat med namn.';
  if (v.role === 'kommunansvarig')
    return 'Kommunansvarig: den egna kommunen i sin helhet, övriga kommuner anonymiserade (Kommun 1…N) och utan grupper med för få svar.';
  return 'Läsare: anonymiserad regional vy (Kommun 1…N) utan grupper med för få svar och utan fritextsvar.';
}

// ---------------------------------------------------------------------------------------------
// Labels and helpers

export type Naming = MunicipalityNaming;

/** What the viewer sees of the round's figures: the one rule of suppression and anonymisation (viewer.ts). */
function figuresFor(ctx: AnalysisContext, viewer: AnalysisViewer, naming?: Naming): ViewerFigures {
  const v: FigureViewer =
    viewer.role === 'forbundsadmin'
      ? { kind: 'forbundsadmin' }
      : viewer.role === 'kommunansvarig'
        ? { kind: 'kommunansvarig', municipalities: viewer.municipalities }
        : { kind: 'lasare' };
  return viewerFigures(ctx, v, naming);
}

/** A municipality's row label: as the viewer may name it, the own one marked. */
function labelFor(vf: ViewerFigures, code: string): string {
  return vf.own(code) ? `${vf.label(code)} (egen kommun)` : vf.label(code);
}

const labelNumber = (s: string) => {
  const m = /^Kommun (\d+)$/.exec(s);
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
};

/** Municipality codes in display order: by name for the association; own first, then by label number. */
function orderCodes(viewer: AnalysisViewer, naming: Naming, codes: Iterable<string>): string[] {
  const list = [...new Set(codes)];
  if (isAssociation(viewer)) return list.sort((a, b) => (naming.names[a] ?? a).localeCompare(naming.names[b] ?? b, 'sv'));
  return list.sort((a, b) => {
    const oa = isOwn(viewer, a) ? 0 : 1;
    const ob = isOwn(viewer, b) ? 0 : 1;
    if (oa !== ob) return oa - ob;
    return labelNumber(naming.labels[a] ?? '') - labelNumber(naming.labels[b] ?? '') || a.localeCompare(b);
  });
}

const short = (text: string, max = 32) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

const BASE_SV: Record<Base, string> = { respondents: 'respondenter', municipalities: 'kommuner', mentions: 'omnämnanden' };
export const SUPPRESSED_TEXT = 'för få svar';

function suppressionNote(min: number): string {
  return `Grupper med färre än ${min} svarande redovisas inte ("–", ${SUPPRESSED_TEXT}).`;
}

const pctCol = (key: string, label: string, series = false, role?: SeriesRole): Column => ({ key, label, format: 'pct', series, ...(role ? { role } : {}) });
const countCol = (key: string, label: string): Column => ({ key, label, format: 'count' });
const textCol = (key: string, label: string): Column => ({ key, label, format: 'text' });

function groupLabel(instrument: Instrument, id: string): string {
  return instrument.groups.find((g) => g.id === id)?.label ?? instrument.dimensions.find((d) => d.id === id)?.label ?? id;
}

type QuadrantSettings = NonNullable<NonNullable<Instrument['scoring']>['quadrant']>;

/** A quadrant figure's axes (columns x and y), thresholds and field names, from the instrument's settings. */
function quadrantAxes(instrument: Instrument, q: QuadrantSettings): NonNullable<Figure['quadrant']> {
  return {
    x: 'x',
    y: 'y',
    thresholds: { x: q.thresholds?.x ?? 50, y: q.thresholds?.y ?? 50 },
    xLabel: groupLabel(instrument, q.x),
    yLabel: groupLabel(instrument, q.y),
    fields: { A: q.quadrants.A.label, B: q.quadrants.B.label, C: q.quadrants.C.label, D: q.quadrants.D.label },
  };
}

/** The label of an item's group, for splitting a large radar. */
function radarGroup(instrument: Instrument, item: Item): { group?: string } {
  return item.group ? { group: groupLabel(instrument, item.group) } : {};
}

function itemText(item: Item): string {
  return item.text;
}

function quadrantInfo(instrument: Instrument, key: QuadrantKey | null | undefined): QuadrantInfo | null {
  const q = instrument.scoring?.quadrant;
  if (!q || !key) return null;
  const info = q.quadrants[key];
  return { key, label: info.label, description: info.description, phase: info.phase, recommendations: info.recommendations ?? [] };
}

// ---------------------------------------------------------------------------------------------
// Figures shared by the views

/** Stacked distribution bars, one figure per set of answer options (items sharing a scale). */
function distributionFigures(
  instrument: Instrument,
  dists: readonly DistributionFigure[],
  opts: { idPrefix: string; titlePrefix: string; withheld: (respondents: number) => boolean },
): Figure[] {
  const out: Figure[] = [];
  const sets = new Map<string, { items: Item[]; figs: DistributionFigure[] }>();
  for (const fig of dists) {
    const item = instrument.items.find((i) => i.id === fig.itemId);
    if (!item || item.type === 'text' || item.type === 'number' || item.type === 'multi') continue;
    const key = item.type === 'yesno_degree' ? 'ja-nej' : item.scale && !item.options?.length ? item.scale : `fraga-${item.id}`;
    const set = sets.get(key) ?? { items: [], figs: [] };
    set.items.push(item);
    set.figs.push(fig);
    sets.set(key, set);
  }
  for (const [key, set] of sets) {
    const options = itemOptions(instrument, set.items[0]);
    const scale = instrument.scales.find((s) => s.id === key);
    const { answers, dontKnow } = splitOptions(options);
    const byValue = [...answers].sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
    const columns: Column[] = [
      textCol('item', 'Fråga'),
      ...answers.map((o): Column => ({ ...pctCol(`o:${o.code}`, o.label, true, 'level'), level: byValue.indexOf(o) })),
      ...dontKnow.map((o) => pctCol(`o:${o.code}`, o.label, true, 'dontKnow')),
      countCol('n', 'n (svarande)'),
    ];
    const rows: Row[] = set.figs.map((fig, i) => {
      const item = set.items[i];
      const cells: Record<string, Cell> = { item: itemText(item), n: fig.n };
      const suppressed = opts.withheld(fig.respondents);
      for (const o of [...fig.options, ...fig.dontKnow]) cells[`o:${o.code}`] = suppressed ? null : o.percent;
      return {
        key: item.id,
        label: itemShortLabel(item),
        cells,
        ...(suppressed ? { suppressed: options.map((o) => `o:${o.code}`) } : {}),
      };
    });
    const n = Math.max(0, ...set.figs.map((f) => f.n));
    out.push({
      id: `${opts.idPrefix}-${key}`,
      title: `${opts.titlePrefix}${scale ? ` – ${scale.label}` : set.items.length === 1 ? ` – ${itemShortLabel(set.items[0])}` : ''}`,
      chart: 'stacked-bar',
      scale: ordinalKindOf(options.map((o) => o.label)),
      base: set.figs[0]?.base ?? 'respondents',
      n,
      notes: [
        'Andel av de svarande per fråga (procent); "Vet ej" redovisas som eget alternativ och ingår inte i poängen.',
        'n anges per fråga eftersom frågorna kan ställas till olika respondenttyper.',
      ],
      columns,
      rows,
    });
  }
  for (const fig of dists) {
    const item = instrument.items.find((i) => i.id === fig.itemId);
    if (!item || item.type !== 'multi') continue;
    const suppressed = opts.withheld(fig.respondents);
    const options = itemOptions(instrument, item);
    const per = new Map((fig.perRespondent?.options ?? []).map((o) => [o.code, o]));
    const all = new Map([...fig.options, ...fig.dontKnow].map((o) => [o.code, o]));
    out.push({
      id: `${opts.idPrefix}-flerval-${item.id}`,
      title: `${opts.titlePrefix} – ${itemShortLabel(item)}`,
      chart: 'bar',
      base: 'mentions',
      n: fig.n,
      notes: [
        `Flervalsfråga: ${fig.n} omnämnanden från ${fig.respondents} svarande. Andel av omnämnandena summerar till 100 %; andel av de svarande gör det inte (en svarande kan välja flera).`,
      ],
      columns: [textCol('option', 'Alternativ'), countCol('count', 'Antal omnämnanden'), pctCol('share', 'Andel av omnämnanden', true), pctCol('perRespondent', 'Andel av svarande')],
      rows: options.map((o) => ({
        key: o.code,
        label: short(o.label),
        cells: {
          option: o.label,
          count: suppressed ? null : (all.get(o.code)?.count ?? 0),
          share: suppressed ? null : (all.get(o.code)?.percent ?? null),
          perRespondent: suppressed ? null : (per.get(o.code)?.percent ?? null),
        },
        ...(suppressed ? { suppressed: ['count', 'share', 'perRespondent'] } : {}),
      })),
    });
  }
  const numbers = dists.filter((f) => instrument.items.find((i) => i.id === f.itemId)?.type === 'number');
  if (numbers.length)
    out.push({
      id: `${opts.idPrefix}-tal`,
      title: `${opts.titlePrefix} – sifferfrågor`,
      chart: 'none',
      base: 'respondents',
      n: Math.max(0, ...numbers.map((f) => f.n)),
      notes: ['Medelvärde, median, lägsta och högsta av de svarandes angivna tal.'],
      columns: [textCol('item', 'Fråga'), countCol('n', 'n (svarande)'), { key: 'mean', label: 'Medel', format: 'value' }, { key: 'median', label: 'Median', format: 'value' }, { key: 'min', label: 'Lägsta', format: 'value' }, { key: 'max', label: 'Högsta', format: 'value' }],
      rows: numbers.map((f) => {
        const item = instrument.items.find((i) => i.id === f.itemId)!;
        const suppressed = opts.withheld(f.respondents);
        const s = f.numeric;
        return {
          key: item.id,
          label: itemShortLabel(item),
          cells: { item: item.text, n: f.n, mean: suppressed ? null : (s?.mean ?? null), median: suppressed ? null : (s?.median ?? null), min: suppressed ? null : (s?.min ?? null), max: suppressed ? null : (s?.max ?? null) },
          ...(suppressed ? { suppressed: ['mean', 'median', 'min', 'max'] } : {}),
        };
      }),
    });
  return out;
}

function statCells(s: RegionalStat, prefix = ''): Record<string, Cell> {
  return {
    [`${prefix}min`]: s.municipalityWeighted.min,
    [`${prefix}mean`]: s.municipalityWeighted.mean,
    [`${prefix}max`]: s.municipalityWeighted.max,
    [`${prefix}nMunicipalities`]: s.municipalityWeighted.n,
  };
}

/** Columns of a regional figure: lowest, mean and highest municipality, n municipalities, and the respondent-weighted mean with its n. */
function regionStatColumns(): Column[] {
  return [
    pctCol('min', 'Lägsta kommun', true, 'lowest'),
    pctCol('mean', 'Medel (kommuner)', true, 'mean'),
    pctCol('max', 'Högsta kommun', true, 'highest'),
    countCol('nMunicipalities', 'n (kommuner)'),
    pctCol('respondentMean', 'Medel (alla svarande)'),
    countCol('nRespondents', 'n (svarande)'),
  ];
}

/** The cells of regionStatColumns. */
function regionStatCells(s: RegionalStat): Record<string, Cell> {
  return { ...statCells(s), respondentMean: s.respondentWeighted.mean, nRespondents: s.respondentWeighted.n };
}

// ---------------------------------------------------------------------------------------------
// Regional view

/** Round facts for the viewer: which municipalities take part is only listed for the association (others: own ones). */
function roundFor(viewer: AnalysisViewer, round: RoundInfo): RoundInfo & { municipalityCount: number } {
  return {
    ...round,
    municipalities: isAssociation(viewer) ? round.municipalities : round.municipalities.filter((c) => isOwn(viewer, c)),
    municipalityCount: round.municipalities.length,
  };
}

function meta(ctx: AnalysisContext, viewer: AnalysisViewer, areas: { id: string; label: string }[], used: RoundAnalysis): ViewMeta {
  const vf = figuresFor(ctx, viewer);
  const assoc = vf.association;
  const leftOut = Object.keys(vf.leftOut).filter((c) => !vf.own(c)).length;
  const notes: string[] = [];
  notes.push(
    `Regionens värden: varje kommun väger lika (kommunens ${used.region.aggregation === 'median' ? 'median' : 'medelvärde'} av respondenternas svar, sedan min, medel och max över kommunerna). Respondentviktat medel redovisas bredvid.`,
  );
  notes.push('Poäng anges i procent av skalans maximum; "Vet ej" räknas inte in.');
  if (!assoc) notes.push(suppressionNote(ctx.suppressionMin));
  if (leftOut)
    notes.push(
      `${leftOut} ${leftOut === 1 ? 'kommun har' : 'kommuner har'} färre än ${ctx.suppressionMin} svarande och ingår inte i regionens siffror i den här vyn.`,
    );
  return {
    round: { ...roundFor(viewer, ctx.round), instrumentTitle: ctx.instrument.title, mode: ctx.instrument.mode },
    viewer: { role: viewer.role, description: viewerDescription(viewer) },
    filters: { ...ctx.filters, options: { respondentTypes: ctx.instrument.respondentTypes.map((t) => ({ id: t.id, label: t.label })), areas } },
    summary: {
      respondents: { base: 'respondents', n: used.respondents.n },
      municipalities: { base: 'municipalities', n: used.municipalities.n },
      leftOut: { base: 'municipalities', n: leftOut },
      suppressionMin: ctx.suppressionMin,
      aggregation: used.region.aggregation,
    },
    notes,
  };
}

/** The regional overview as the viewer may see it. */
/** A samverkanskandidat as one viewer may see it: the figures of their regional view and the municipalities they may name. */
export interface CandidateEvidence {
  itemId: string;
  label: string;
  threshold: number;
  weak: { base: 'municipalities'; count: number; n: number; percent: number | null };
  /** The association: every weak municipality; a kommunansvarig: their own weak ones; a läsare: none. */
  municipalities: string[];
}

/**
 * The candidate `itemId` of the viewer's regional view (the association's over all responses, others'
 * over the region as others see it), or null if the item is not a candidate there. A kommunansvarig's
 * own municipalities count as weak when their own score is at or below the candidate's threshold.
 */
export function candidateFor(ctx: AnalysisContext, viewer: AnalysisViewer, itemId: string): CandidateEvidence | null {
  const vf = figuresFor(ctx, viewer);
  const assoc = vf.association;
  const c = vf.region.samverkanskandidater.find((x) => x.itemId === itemId);
  const item = ctx.instrument.items.find((i) => i.id === itemId);
  if (!c || !item) return null;
  const own =
    viewer.role === 'kommunansvarig'
      ? ctx.full.municipalityScores
          .filter((m) => viewer.municipalities.includes(m.municipality))
          .filter((m) => typeof m.items[itemId]?.value === 'number' && (m.items[itemId].value as number) <= c.threshold + EPSILON)
          .map((m) => m.municipality)
      : [];
  return { itemId, label: item.text, threshold: c.threshold, weak: c.weak, municipalities: assoc ? [...c.municipalities] : own };
}

export function regionalView(ctx: AnalysisContext, viewer: AnalysisViewer, naming: Naming, areas: { id: string; label: string }[] = []): AnalysisView {
  assertCanViewRound(viewer, ctx.round);
  const vf = figuresFor(ctx, viewer, naming);
  const assoc = vf.association;
  const a = vf.region;
  const { instrument } = ctx;
  const figures: Figure[] = [];
  const scored = scoredItems(instrument);

  // 1. Region per item (radar: min, mean, max over municipalities).
  figures.push({
    id: 'region-fragor',
    title: 'Regionen per fråga (procent av skalans maximum)',
    chart: 'radar',
    base: 'municipalities',
    n: a.region.municipalities.n,
    notes: [
      `n = ${a.region.municipalities.n} kommuner med ${a.region.respondents.n} svarande. Min, medel och max över kommunerna; n kommuner anges per fråga.`,
    ],
    columns: [
      textCol('item', 'Fråga'),
      ...regionStatColumns(),
    ],
    rows: scored.map(({ item }) => {
      const r = a.region.items[item.id];
      return {
        key: item.id,
        label: itemShortLabel(item),
        ...radarGroup(instrument, item),
        cells: { item: itemText(item), ...regionStatCells(r.pct) },
      };
    }),
  });

  // 2. Groups and dimensions.
  const pctRows = [
    ...instrument.dimensions.map((d) => ({ id: d.id, kind: 'Dimension', s: a.region.dimensions[d.id] })),
    ...instrument.groups.map((g) => ({ id: g.id, kind: 'Grupp', s: a.region.groups[g.id] })),
  ];
  if (pctRows.length)
    figures.push({
      id: 'region-grupper',
      title: 'Regionen per dimension och grupp (procent av skalans maximum)',
      chart: 'bar',
      base: 'municipalities',
      n: a.region.municipalities.n,
      notes: ['Medel av frågornas procent per kommun; min, medel och max över kommunerna.'],
      columns: [
        textCol('name', 'Dimension / grupp'),
        textCol('kind', 'Typ'),
        ...regionStatColumns(),
      ],
      rows: pctRows.map((r) => ({
        key: r.id,
        label: short(groupLabel(instrument, r.id)),
        cells: {
          name: groupLabel(instrument, r.id),
          kind: r.kind,
          ...regionStatCells(r.s.pct),
        },
      })),
    });

  // 3. Distributions (regional).
  figures.push(...distributionFigures(instrument, a.distributions, { idPrefix: 'fordelning', titlePrefix: 'Svarsfördelning i regionen', withheld: (n) => vf.withholds(null, n) }));

  // 4. Municipalities overview (every municipality of the round; small ones suppressed for others).
  const byCode = new Map(ctx.full.municipalityScores.map((m) => [m.municipality, m]));
  const codes = orderCodes(viewer, naming, [...ctx.round.municipalities, ...ctx.full.municipalities.codes]);
  const dimCols = instrument.dimensions.map((d) => pctCol(`d:${d.id}`, d.label));
  const q = instrument.scoring?.quadrant;
  const overviewCols: Column[] = [
    textCol('municipality', 'Kommun'),
    countCol('n', 'n (svarande)'),
    pctCol('overall', 'Totalt', true),
    ...dimCols,
    ...(q ? [textCol('quadrant', 'Fält')] : []),
  ];
  const valueKeys = overviewCols.filter((c) => c.key !== 'municipality' && c.key !== 'n').map((c) => c.key);
  const overview: { code: string; row: Row }[] = codes.map((code) => {
    const m = byCode.get(code);
    const label = labelFor(vf, code);
    const own = vf.own(code);
    const n = m?.n ?? 0;
    const small = vf.withholds(code, n);
    const cells: Record<string, Cell> = { municipality: label, n };
    const suppressed: string[] = [];
    const put = (key: string, v: Cell, figN: number) => {
      if (vf.withholds(code, figN)) {
        cells[key] = null;
        suppressed.push(key);
      } else cells[key] = v;
    };
    if (small) for (const k of valueKeys) put(k, null, 0);
    else {
      put('overall', m?.overall.pct ?? null, m?.overall.n ?? 0);
      for (const d of instrument.dimensions) put(`d:${d.id}`, m?.dimensions[d.id]?.pct ?? null, m?.dimensions[d.id]?.n ?? 0);
      if (q) put('quadrant', m?.quadrant?.key ?? null, Math.min(m?.dimensions[q.x]?.n ?? 0, m?.dimensions[q.y]?.n ?? 0));
    }
    return { code, row: { key: assoc || own ? code : label, label, cells, ...(suppressed.length ? { suppressed } : {}), ...(own ? { own: true } : {}) } };
  });
  const overviewRows = overview.map((o) => o.row);
  const regionMean = a.region.overall.pct.municipalityWeighted.mean;
  figures.push({
    id: 'kommuner',
    title: 'Kommunerna (procent av skalans maximum)',
    chart: 'bar',
    sort: 'desc',
    ...(regionMean !== null ? { reference: { label: 'Regionens medel', value: regionMean, role: 'mean' as const } } : {}),
    base: 'respondents',
    n: a.respondents.n,
    notes: [
      assoc ? 'Kommunerna med namn (förbundets vy).' : 'Övriga kommuner är anonymiserade (Kommun 1…N); numreringen säger inget om kommunkod eller storlek.',
      'n = antal svarande i kommunen. Totalt = medel av dimensionernas procent (utan dimensioner: medel av frågornas procent).',
    ],
    columns: overviewCols,
    rows: overviewRows,
  });

  // 5. Quadrant matrix.
  if (q) {
    const qRows = overview.filter((o) => byCode.get(o.code)?.quadrant?.key && !(o.row.suppressed ?? []).includes('quadrant'));
    figures.push({
      id: 'kvadrant',
      title: 'Kvadrantmatris: digital förmåga och digitalt arv',
      chart: 'quadrant',
      base: 'municipalities',
      n: qRows.length,
      notes: [
        `Tröskel ${q.thresholds?.x ?? 50} % (x) och ${q.thresholds?.y ?? 50} % (y); ett värde på tröskeln räknas som högt.`,
        ...(assoc ? [] : ['Kommuner med för få svar visas inte i matrisen.']),
      ],
      columns: [textCol('municipality', 'Kommun'), pctCol('x', groupLabel(instrument, q.x), true), pctCol('y', groupLabel(instrument, q.y), true), textCol('quadrant', 'Fält'), textCol('phase', 'Fas'), countCol('n', 'n (svarande)')],
      rows: qRows.map(({ code, row: r }) => {
        const m = byCode.get(code);
        return {
          key: r.key,
          label: r.label,
          cells: {
            municipality: r.label,
            x: m?.quadrant?.x ?? null,
            y: m?.quadrant?.y ?? null,
            quadrant: m?.quadrant?.key ?? null,
            phase: m?.quadrant?.phase ?? null,
            n: m?.n ?? 0,
          },
          ...(r.own ? { own: true } : {}),
        };
      }),
      quadrant: quadrantAxes(instrument, q),
    });
    const counts = a.region.quadrantCounts;
    figures.push({
      id: 'kvadrant-antal',
      title: 'Antal kommuner per fält',
      chart: 'none',
      base: 'municipalities',
      n: counts?.n ?? 0,
      notes: [`n = ${counts?.n ?? 0} kommuner med värden i båda dimensionerna.`],
      columns: [textCol('quadrant', 'Fält'), textCol('label', 'Beskrivning'), textCol('phase', 'Fas'), countCol('count', 'Antal kommuner'), pctCol('share', 'Andel av kommunerna')],
      rows: (['A', 'B', 'C', 'D'] as const).map((k) => ({
        key: k,
        label: k,
        cells: {
          quadrant: k,
          label: q.quadrants[k].label,
          phase: q.quadrants[k].phase,
          count: counts?.counts[k] ?? 0,
          share: counts && counts.n > 0 ? (counts.counts[k] / counts.n) * 100 : null,
        },
      })),
    });
  }

  // 6. Heatmap items × municipalities (association only: names).
  if (assoc && scored.length) {
    const heatCodes = orderCodes(viewer, naming, ctx.full.municipalities.codes);
    figures.push({
      id: 'varmekarta',
      title: 'Värmekarta: frågor × kommuner (procent av skalans maximum)',
      chart: 'heatmap',
      base: 'respondents',
      n: ctx.full.respondents.n,
      notes: ['Bara förbundet ser värmekartan med kommunnamn. n = antal svarande i kommunen (i kolumnrubriken).'],
      columns: [textCol('item', 'Fråga'), ...heatCodes.map((c) => pctCol(`m:${c}`, `${naming.names[c] ?? c} (n = ${byCode.get(c)?.n ?? 0})`, true))],
      rows: scored.map(({ item }) => ({
        key: item.id,
        label: itemShortLabel(item),
        cells: { item: itemText(item), ...Object.fromEntries(heatCodes.map((c) => [`m:${c}`, byCode.get(c)?.items[item.id]?.pct ?? null])) },
      })),
    });
  }

  // 7. Samverkanskandidater.
  if (a.samverkanskandidater.length) {
    figures.push({
      id: 'samverkanskandidater',
      title: 'Samverkanskandidater: svaga förmågor i flera kommuner',
      chart: 'bar',
      base: 'municipalities',
      n: a.municipalities.n,
      notes: [`En fråga är samverkanskandidat när den är svag (på eller under tröskeln) i minst ${scoringSettings(instrument).samverkanMinMunicipalities} kommuner.`],
      columns: [
        textCol('item', 'Fråga'),
        countCol('count', 'Antal svaga kommuner', ),
        countCol('n', 'n (kommuner med värde)'),
        pctCol('share', 'Andel svaga', true),
        { key: 'threshold', label: 'Tröskel (skalvärde)', format: 'value' },
        ...(assoc ? [textCol('municipalities', 'Kommuner')] : []),
      ],
      rows: a.samverkanskandidater.map((c) => {
        const item = instrument.items.find((i) => i.id === c.itemId)!;
        return {
          key: c.itemId,
          label: itemShortLabel(item),
          cells: {
            item: item.text,
            count: c.weak.count,
            n: c.weak.n,
            share: c.weak.percent,
            threshold: c.threshold,
            ...(assoc ? { municipalities: orderCodes(viewer, naming, c.municipalities).map((m) => naming.names[m] ?? m).join(', ') } : {}),
          },
        };
      }),
    });
  }

  // 8. Gaps against targets.
  if (a.gapSummary.length)
    figures.push({
      id: 'malgap',
      title: 'Gap mot målnivån',
      chart: 'bar',
      base: 'municipalities',
      n: a.municipalities.n,
      notes: ['Kommuner under målnivån av kommunerna med ett värde; medelgap räknar kommuner på eller över målet som 0.'],
      columns: [
        textCol('item', 'Fråga'),
        { key: 'target', label: 'Målnivå', format: 'value' },
        textCol('marker', 'Markering'),
        countCol('count', 'Under målet (kommuner)'),
        countCol('n', 'n (kommuner med värde)'),
        pctCol('share', 'Andel under målet', true),
        { key: 'meanGap', label: 'Medelgap (skalsteg)', format: 'value' },
        { key: 'maxGap', label: 'Största gap (skalsteg)', format: 'value' },
      ],
      rows: a.gapSummary.map((g) => {
        const item = instrument.items.find((i) => i.id === g.itemId)!;
        return {
          key: g.itemId,
          label: itemShortLabel(item),
          cells: { item: item.text, target: g.target, marker: g.marker, count: g.belowTarget.count, n: g.belowTarget.n, share: g.belowTarget.percent, meanGap: g.meanGap, maxGap: g.maxGap },
        };
      }),
    });

  // 9. Free text (association only in the regional view).
  if (assoc) {
    const ft = freeTextFigure(instrument, ctx.responses, (code) => naming.names[code] ?? code, 'fritext', 'Fritextsvar (alla kommuner)');
    if (ft) figures.push(ft);
    if (ctx.full.quality.length)
      figures.push({
        id: 'datakvalitet',
        title: 'Datakvalitet: flaggade avvikelser',
        chart: 'none',
        base: 'respondents',
        n: ctx.full.respondents.n,
        notes: ['Flaggor publiceras inte automatiskt; de ska granskas.'],
        columns: [textCol('code', 'Avvikelse'), textCol('subject', 'Gäller'), textCol('message', 'Meddelande')],
        rows: ctx.full.quality.map((f, i) => ({
          key: String(i),
          label: QUALITY_FLAG_LABELS[f.code],
          cells: { code: QUALITY_FLAG_LABELS[f.code], subject: f.subject, message: f.message },
        })),
      });
  }

  return { kind: 'regional', ...meta(ctx, viewer, areas, a), figures };
}

function freeTextFigure(
  instrument: Instrument,
  responses: readonly AnalysisResponse[],
  label: (code: string) => string,
  id: string,
  title: string,
): Figure | null {
  const textItems = instrument.items.filter((i) => i.type === 'text');
  if (!textItems.length) return null;
  const rows: Row[] = [];
  let n = 0;
  for (const item of textItems)
    for (const r of responses) {
      const v = r.answers[item.id];
      if (typeof v !== 'string' || !v.trim()) continue;
      n++;
      rows.push({ key: `${item.id}:${r.responseId}`, label: itemShortLabel(item), cells: { municipality: label(r.municipality), item: item.text, text: v.trim() } });
    }
  return {
    id,
    title,
    chart: 'none',
    base: 'respondents',
    n,
    notes: [`n = ${n} fritextsvar. Fritext visas bara för förbundet och den egna kommunen; respondenternas namn visas aldrig.`],
    columns: [textCol('municipality', 'Kommun'), textCol('item', 'Fråga'), textCol('text', 'Svar')],
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// Municipality view: own results against the region

export function municipalityView(
  ctx: AnalysisContext,
  viewer: AnalysisViewer,
  code: string,
  naming: Naming,
  areas: { id: string; label: string }[] = [],
): AnalysisView {
  assertCanViewMunicipality(viewer, code);
  if (!ctx.round.municipalities.includes(code))
    throw new ViewAccessError('not_found', `Kommunen ${naming.names[code] ?? code} ingår inte i mätomgången`);
  const vf = figuresFor(ctx, viewer, naming);
  const assoc = vf.association;
  const region = vf.region;
  const { instrument } = ctx;
  const own = ctx.full.municipalityScores.find((m) => m.municipality === code) ?? null;
  const ownResponses = ctx.responses.filter((r) => r.municipality === code);
  const name = naming.names[code] ?? code;
  const figures: Figure[] = [];
  const scored = scoredItems(instrument);
  const regionN = region.region.municipalities.n;

  const diff = (a: number | null | undefined, b: number | null | undefined) => (typeof a === 'number' && typeof b === 'number' ? a - b : null);

  figures.push({
    id: 'kommun-mot-region',
    title: `${name} mot regionen per fråga (procent av skalans maximum)`,
    chart: 'radar',
    base: 'respondents',
    n: own?.n ?? 0,
    notes: [
      `${name}: n = ${own?.n ?? 0} svarande. Regionen: n = ${regionN} kommuner${assoc ? '' : ` med minst ${ctx.suppressionMin} svarande`} (min, medel och max över kommunerna).`,
    ],
    columns: [
      textCol('item', 'Fråga'),
      pctCol('own', name, true, 'own'),
      countCol('ownN', `n (${name})`),
      countCol('dontKnow', 'Vet ej'),
      pctCol('min', 'Regionens lägsta', true, 'lowest'),
      pctCol('mean', 'Regionens medel', true, 'mean'),
      pctCol('max', 'Regionens högsta', true, 'highest'),
      countCol('nMunicipalities', 'n (kommuner)'),
      { key: 'difference', label: 'Skillnad mot regionens medel (procentenheter)', format: 'pp' },
    ],
    rows: scored.map(({ item }) => {
      const o = own?.items[item.id];
      const r = region.region.items[item.id].pct;
      return {
        key: item.id,
        label: itemShortLabel(item),
        ...radarGroup(instrument, item),
        cells: {
          item: item.text,
          own: o?.pct ?? null,
          ownN: o?.n ?? 0,
          dontKnow: o?.dontKnow ?? 0,
          ...statCells(r),
          difference: diff(o?.pct, r.municipalityWeighted.mean),
        },
      };
    }),
  });

  const pctRows = [
    ...instrument.dimensions.map((d) => ({ id: d.id, kind: 'Dimension', own: own?.dimensions[d.id], r: region.region.dimensions[d.id] })),
    ...instrument.groups.map((g) => ({ id: g.id, kind: 'Grupp', own: own?.groups[g.id], r: region.region.groups[g.id] })),
    { id: 'overall', kind: 'Totalt', own: own?.overall, r: region.region.overall },
  ];
  figures.push({
    id: 'kommun-grupper',
    title: `${name} mot regionen per dimension och grupp`,
    chart: 'bar',
    base: 'respondents',
    n: own?.n ?? 0,
    notes: [`n = antal svarande i ${name} med minst ett poänggivande svar i gruppen. Regionen: n kommuner per rad.`],
    columns: [
      textCol('name', 'Dimension / grupp'),
      textCol('kind', 'Typ'),
      pctCol('own', name, true, 'own'),
      countCol('ownN', `n (${name})`),
      pctCol('min', 'Regionens lägsta'),
      pctCol('mean', 'Regionens medel', true, 'mean'),
      pctCol('max', 'Regionens högsta'),
      countCol('nMunicipalities', 'n (kommuner)'),
      { key: 'difference', label: 'Skillnad (procentenheter)', format: 'pp' },
    ],
    rows: pctRows.map((r) => ({
      key: r.id,
      label: r.id === 'overall' ? 'Totalt' : short(groupLabel(instrument, r.id)),
      cells: {
        name: r.id === 'overall' ? 'Totalt' : groupLabel(instrument, r.id),
        kind: r.kind,
        own: r.own?.pct ?? null,
        ownN: r.own?.n ?? 0,
        ...statCells(r.r.pct),
        difference: diff(r.own?.pct, r.r.pct.municipalityWeighted.mean),
      },
    })),
  });

  figures.push(...distributionFigures(instrument, distributions(instrument, ownResponses), { idPrefix: 'kommun-fordelning', titlePrefix: `Svarsfördelning i ${name}`, withheld: (n) => vf.withholds(code, n) }));

  const q = instrument.scoring?.quadrant;
  if (q) {
    const others = region.municipalityScores.filter((m) => m.municipality !== code && m.quadrant?.key);
    const point = (m: MunicipalityScores, label: string, isOwnRow: boolean): Row => ({
      key: isOwnRow || assoc ? m.municipality : label,
      label,
      cells: { municipality: label, x: m.quadrant?.x ?? null, y: m.quadrant?.y ?? null, quadrant: m.quadrant?.key ?? null, n: m.n },
      ...(isOwnRow ? { own: true } : {}),
    });
    const rows: Row[] = [];
    if (own) rows.push(point(own, name, true));
    for (const c of orderCodes(viewer, naming, others.map((m) => m.municipality))) {
      const m = others.find((x) => x.municipality === c)!;
      if (vf.withholds(c, Math.min(m.dimensions[q.x]?.n ?? 0, m.dimensions[q.y]?.n ?? 0))) continue;
      rows.push(point(m, vf.label(c), false));
    }
    figures.push({
      id: 'kommun-kvadrant',
      title: `${name} i kvadrantmatrisen`,
      chart: 'quadrant',
      base: 'municipalities',
      n: rows.length,
      notes: [`${name} markerad; övriga kommuner ${assoc ? 'med namn' : 'anonymiserade'}. n = antal svarande per kommun.`],
      columns: [textCol('municipality', 'Kommun'), pctCol('x', groupLabel(instrument, q.x), true), pctCol('y', groupLabel(instrument, q.y), true), textCol('quadrant', 'Fält'), countCol('n', 'n (svarande)')],
      rows,
      quadrant: quadrantAxes(instrument, q),
    });
  }

  const improvements = own ? improvementOf(instrument, ownResponses) : [];
  if (improvements.length)
    figures.push({
      id: 'kommun-forbattring',
      title: `Förbättringskandidater i ${name}`,
      chart: 'none',
      base: 'respondents',
      n: own?.n ?? 0,
      notes: ['Frågor där kommunens värde ligger på eller under tröskeln (nedersta fjärdedelen av skalan om instrumentet inte anger annat).'],
      columns: [textCol('item', 'Fråga'), { key: 'value', label: 'Värde (skalvärde)', format: 'value' }, pctCol('pct', 'Procent av skalan'), { key: 'threshold', label: 'Tröskel', format: 'value' }, countCol('n', 'n (svarande)')],
      rows: improvements.map((c) => {
        const item = instrument.items.find((i) => i.id === c.itemId)!;
        return { key: c.itemId, label: itemShortLabel(item), cells: { item: item.text, value: c.value, pct: c.pct, threshold: c.threshold, n: own?.items[c.itemId]?.n ?? 0 } };
      }),
    });

  const gaps = own ? gapsOf(instrument, ownResponses) : [];
  if (gaps.length)
    figures.push({
      id: 'kommun-malgap',
      title: `Gap mot målnivån i ${name}`,
      chart: 'bar',
      base: 'respondents',
      n: own?.n ?? 0,
      notes: ['Målnivå från instrumentet (målbild) eller, om den saknas, kommunens angivna mål.'],
      columns: [textCol('item', 'Fråga'), { key: 'current', label: 'Nuläge', format: 'value' }, { key: 'target', label: 'Mål', format: 'value' }, { key: 'gap', label: 'Gap (skalsteg)', format: 'value', series: true }, textCol('marker', 'Markering')],
      rows: gaps.map((g) => {
        const item = instrument.items.find((i) => i.id === g.itemId)!;
        return { key: g.itemId, label: itemShortLabel(item), cells: { item: item.text, current: g.current, target: g.target, gap: g.gap, marker: g.marker } };
      }),
    });

  const ft = freeTextFigure(instrument, ownResponses, () => name, 'kommun-fritext', `Fritextsvar i ${name}`);
  if (ft) figures.push(ft);

  const m = meta(ctx, viewer, areas, region);
  m.notes.unshift(`${name} visas i sin helhet (även grupper med färre än ${ctx.suppressionMin} svarande); regionen visas som ${assoc ? 'förbundet ser den' : 'andra kommuner ser den'}.`);
  return {
    kind: 'municipality',
    ...m,
    municipality: { code, name, n: own?.n ?? 0, quadrant: quadrantInfo(instrument, own?.quadrant?.key) },
    figures,
  };
}

// ---------------------------------------------------------------------------------------------
// Change between rounds

const CHANGE_SV = { increased: 'Ökad', unchanged: 'Oförändrad', decreased: 'Minskad' } as const;

export function measureLabel(instrument: Instrument, m: ChangeMeasure): string {
  switch (m.kind) {
    case 'overall':
      return 'Totalt (procent av skalans maximum)';
    case 'dimension':
    case 'group':
      return groupLabel(instrument, m.id);
    case 'item':
      return instrument.items.find((i) => i.id === m.id)?.text ?? m.id;
  }
}

/** Checks that a measure exists in the instrument; returns a Swedish message otherwise. */
export function measureError(instrument: Instrument, m: ChangeMeasure): string | null {
  if (m.kind === 'overall') return null;
  if (m.kind === 'dimension' && !instrument.dimensions.some((d) => d.id === m.id)) return `Dimensionen "${m.id}" finns inte i instrumentet`;
  if (m.kind === 'group' && !instrument.groups.some((g) => g.id === m.id)) return `Gruppen "${m.id}" finns inte i instrumentet`;
  if (m.kind === 'item' && !scoredItems(instrument).some((s) => s.item.id === m.id)) return `Frågan "${m.id}" finns inte eller ger inga poäng`;
  return null;
}

/**
 * Change between two rounds of the same instrument (before = the earlier round). Throws
 * IncompatibleRoundsError (change.ts) for rounds of different instruments or incompatible versions.
 * naming.labels must be made for this pair of rounds.
 */
export function compareView(
  before: AnalysisContext,
  after: AnalysisContext,
  viewer: AnalysisViewer,
  naming: Naming,
  measure: ChangeMeasure = { kind: 'overall' },
): CompareView {
  assertCanViewRound(viewer, before.round);
  assertCanViewRound(viewer, after.round);
  const bv = figuresFor(before, viewer, naming);
  const av = figuresFor(after, viewer, naming);
  const assoc = av.association;
  const min = Math.max(before.suppressionMin, after.suppressionMin);
  const change = compareScores(
    { instrument: before.instrument, municipalities: before.full.municipalityScores },
    { instrument: after.instrument, municipalities: after.full.municipalityScores },
    { measure },
  );
  const bN = new Map(before.full.municipalityScores.map((m) => [m.municipality, m.n]));
  const aN = new Map(after.full.municipalityScores.map((m) => [m.municipality, m.n]));
  // Municipalities with too few respondents in either round take no part for others (suppressed rows).
  const visible = (code: string) => !bv.withholds(code, bN.get(code) ?? 0) && !av.withholds(code, aN.get(code) ?? 0);
  const shown = change.municipalities.filter((m) => visible(m.municipality));
  const counts = { increased: 0, unchanged: 0, decreased: 0 };
  for (const m of shown) counts[m.classification]++;
  const increasedShare = { base: 'municipalities' as const, n: shown.length, count: counts.increased, percent: shown.length ? (counts.increased / shown.length) * 100 : null };
  const codes = orderCodes(viewer, naming, change.municipalities.map((m) => m.municipality));
  const byCode = new Map(change.municipalities.map((m) => [m.municipality, m]));
  const rows: Row[] = codes.map((code) => {
    const m = byCode.get(code)!;
    const label = labelFor(av, code);
    const own = av.own(code);
    const ok = visible(code);
    const keys = ['before', 'after', 'difference', 'classification'];
    return {
      key: assoc || own ? code : label,
      label,
      cells: {
        municipality: label,
        before: ok ? m.before : null,
        after: ok ? m.after : null,
        difference: ok ? m.differencePp : null,
        classification: ok ? CHANGE_SV[m.classification] : null,
        nBefore: bN.get(code) ?? 0,
        nAfter: aN.get(code) ?? 0,
      },
      ...(ok ? {} : { suppressed: keys }),
      ...(own ? { own: true } : {}),
    };
  });
  const label = measureLabel(after.instrument, measure);
  const figures: Figure[] = [
    {
      id: 'forandring',
      title: `Förändring per kommun: ${label}`,
      chart: 'bar',
      base: 'municipalities',
      n: shown.length,
      notes: [
        `Minsta meningsfulla förändring: ${change.minMeaningfulChange} procentenheter (exakt gränsvärdet räknas som förändring).`,
        `Andel kommuner som visar på ökad digital mognad: ${increasedShare.percent === null ? '–' : `${formatSv(increasedShare.percent)} %`} (${counts.increased} av ${shown.length} kommuner med värden i båda omgångarna).`,
        ...(assoc ? [] : [suppressionNote(min)]),
      ],
      columns: [
        textCol('municipality', 'Kommun'),
        pctCol('before', `${before.round.title}`),
        pctCol('after', `${after.round.title}`),
        { key: 'difference', label: 'Förändring (procentenheter)', format: 'pp', series: true },
        textCol('classification', 'Bedömning'),
        countCol('nBefore', 'n före (svarande)'),
        countCol('nAfter', 'n efter (svarande)'),
      ],
      rows,
    },
  ];

  // Per item: the region's municipality-weighted mean in each round.
  const bRegion = bv.region;
  const aRegion = av.region;
  const items = scoredItems(after.instrument).filter(({ item }) => bRegion.region.items[item.id]);
  figures.push({
    id: 'forandring-fragor',
    title: 'Förändring per fråga i regionen (medel över kommunerna, procent av skalans maximum)',
    chart: 'bar',
    base: 'municipalities',
    n: aRegion.region.municipalities.n,
    notes: ['n kommuner per omgång anges per fråga; kommunerna kan skilja sig mellan omgångarna.'],
    columns: [
      textCol('item', 'Fråga'),
      pctCol('before', before.round.title),
      countCol('nBefore', 'n före (kommuner)'),
      pctCol('after', after.round.title),
      countCol('nAfter', 'n efter (kommuner)'),
      { key: 'difference', label: 'Förändring (procentenheter)', format: 'pp', series: true },
    ],
    rows: items.map(({ item }) => {
      const b = bRegion.region.items[item.id].pct.municipalityWeighted;
      const a = aRegion.region.items[item.id].pct.municipalityWeighted;
      return {
        key: item.id,
        label: itemShortLabel(item),
        cells: { item: item.text, before: b.mean, nBefore: b.n, after: a.mean, nAfter: a.n, difference: b.mean !== null && a.mean !== null ? a.mean - b.mean : null },
      };
    }),
  });

  return {
    kind: 'compare',
    before: roundFor(viewer, before.round),
    after: roundFor(viewer, after.round),
    viewer: { role: viewer.role, description: viewerDescription(viewer) },
    measure: { ...measure, label },
    minMeaningfulChange: change.minMeaningfulChange,
    suppressionMin: min,
    increasedShare,
    counts,
    figures,
    notes: [
      `Jämförelse av ${before.round.title} (före) och ${after.round.title} (efter), samma instrument (${after.instrument.id}, version ${before.instrument.version} och ${after.instrument.version}).`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Presentation helpers (CSV and text)

const nf1 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const nf2 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
/** Swedish number formatting with a decimal comma; never "NaN". */
export function formatSv(x: number, decimals: 1 | 2 = 1): string {
  if (!Number.isFinite(x)) return '–';
  return (decimals === 1 ? nf1 : nf2).format(x).replace(/\u2212/g, '-');
}

/** Rounds a number for export: percentages and differences to 1 decimal, scale values to 2. */
function exportValue(v: Cell, format: ColumnFormat): Cell {
  if (typeof v !== 'number') return v;
  if (!Number.isFinite(v)) return null;
  if (format === 'pct' || format === 'pp') return Math.round(v * 10) / 10;
  if (format === 'value') return Math.round(v * 100) / 100;
  return v;
}

/**
 * A figure's table as CSV (semicolon-separated, UTF-8 with BOM; every cell neutralised against
 * formula injection by toCsv). A suppressed cell reads "för få svar", a missing value is empty.
 * The first column states base and n of the figure in its header.
 */
export function figureCsv(fig: Figure): string {
  const header = fig.columns.map((c) => (c.format === 'pct' ? `${c.label} (%)` : c.label));
  const rows = fig.rows.map((r) =>
    fig.columns.map((c) => ((r.suppressed ?? []).includes(c.key) ? SUPPRESSED_TEXT : exportValue(r.cells[c.key] ?? null, c.format))),
  );
  return toCsv([[`${fig.title} – bas: ${BASE_SV[fig.base]}, n = ${fig.n}`], header, ...rows]);
}

/** A short plain-text summary of a view for the CLI. */
export function viewText(view: AnalysisView | CompareView): string {
  const lines: string[] = [];
  if (view.kind === 'compare') {
    lines.push(`Förändring: ${view.before.title} → ${view.after.title} (${view.measure.label})`);
  } else {
    lines.push(`${view.round.title} (${view.round.instrumentTitle}, ${view.round.status})`);
    lines.push(`Svarande: n = ${view.summary.respondents.n}; kommuner: n = ${view.summary.municipalities.n}`);
    if (view.municipality) lines.push(`Kommun: ${view.municipality.name} (n = ${view.municipality.n} svarande)`);
  }
  for (const f of view.figures) {
    lines.push('', `${f.title} – bas: ${BASE_SV[f.base]}, n = ${f.n}`);
    for (const r of f.rows.slice(0, 60)) {
      const cells = f.columns.map((c) => {
        if ((r.suppressed ?? []).includes(c.key)) return `${c.label}: – (${SUPPRESSED_TEXT})`;
        const v = r.cells[c.key];
        if (v === null || v === undefined) return `${c.label}: –`;
        if (typeof v === 'number') return `${c.label}: ${c.format === 'count' ? v : formatSv(v, c.format === 'value' ? 2 : 1)}${c.format === 'pct' ? ' %' : c.format === 'pp' ? ' p.e.' : ''}`;
        return c.key === f.columns[0].key ? v : `${c.label}: ${v}`;
      });
      lines.push(`  ${cells.join('; ')}`);
    }
    if (f.rows.length > 60) lines.push(`  … ${f.rows.length - 60} rader till (använd --json)`);
  }
  return lines.join('\n');
}
