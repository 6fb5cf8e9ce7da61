// Shared pieces of the report builders: the input shape, the per-item figures and the generated
// Swedish sentences ("Av 18 svarande i 11 kommuner anger 6 (33 %) …"), the method text that states
// what every base means, chart specs and the data-quality notes. Pure.
import type { PublishedReportInput } from './published.ts';
import type { Instrument, Item, Option } from '../instruments/schema.ts';
import { itemShortLabel } from '../instruments/short.ts';
import {
  analyseRound,
  distribution,
  isAnswered,
  itemOptions,
  itemRange,
  scoringSettings,
  splitOptions,
  type AnalysisResponse,
  type DistributionFigure,
  type OptionCount,
  type RoundAnalysis,
} from '../analysis/index.ts';
import { responseRates, ROUND_STATUS_LABELS, SELF_ASSESSMENT_TYPE, type RoundStatus } from '../rounds.ts';
import { SOURCES } from '../sources.ts';
import { MIN_REGIONAL_MUNICIPALITIES } from './access.ts';
import type { Block, ChartBlock, ChartSeries, QuadrantChart, ReportModel, Section, StackedBarsChart, TableBlock } from './model.ts';
import { PRELIMINARY_NOTE } from './model.ts';
import { ordinalKindOf } from '../charts/spec.ts';
import type { ViewerFigures } from '../analysis/viewer.ts';
import { count, fmtInt, fmtNum, fmtPct, joinSv, kommuner, omnamnanden, q, svarande } from './swedish.ts';

export interface RoundMeta {
  id: number;
  title: string;
  status: RoundStatus;
  periodStart: string;
  periodEnd: string;
  /** SCB codes of the municipalities in the round. */
  municipalities: string[];
  isDemo?: boolean;
  demoNote?: string | null;
}

/** One respondent of the round's sample (all municipalities), for response rates. */
export interface SampleRow {
  municipality: string;
  respondentType: string | null;
  area: string | null;
  invited: boolean;
  started: boolean;
  completed: boolean;
}

export interface ReportInput {
  round: RoundMeta;
  instrument: Instrument;
  /** The responses the analysis counts (see `responseSelection`). */
  responses: AnalysisResponse[];
  sample: SampleRow[];
  areas: ReadonlyArray<{ id: string; name: string }>;
  /** Publisher, e.g. "Fyrbodals kommunalförbund". */
  association: string;
  /** ISO date of generation. */
  generatedAt: string;
  /** Which responses are in `responses`: only submitted ones, or also started ones. */
  responseSelection?: 'completed' | 'all';
  /** Precomputed analysis of `responses` (computed when absent). */
  analysis?: RoundAnalysis;
  /**
   * What the report's readers see of the round (analysis/viewer.ts, for the regional report or the
   * delrapport): the region, the municipalities left out of it, which figures are withheld and how
   * municipalities are named. The builders ask it and never apply the rule themselves.
   */
  view: ViewerFigures;
  /**
   * Every known municipality (code → name). Names and codes of municipalities a report must not name
   * are redacted from all its texts (instrument texts, sources, titles, free text), see redactMunicipalities.
   */
  municipalityNames?: Record<string, string>;
  /** The round's published aggregates with their data-quality flags (reports/published.ts), if it holds any. */
  published?: PublishedReportInput;
}

export interface Ctx {
  input: ReportInput;
  ins: Instrument;
  analysis: RoundAnalysis;
  suppressionMin: number;
  selfAssessment: boolean;
  /** Overall distribution per item (all responses). */
  dist: Map<string, DistributionFigure>;
  /** Municipalities with at least one answer, per item. */
  answeringMunicipalities: Map<string, Set<string>>;
  labels: Map<string, string>;
}

export function makeCtx(input: ReportInput): Ctx {
  const ins = input.instrument;
  const analysis = input.analysis ?? analyseRound(ins, input.responses);
  const dist = new Map(analysis.distributions.filter((d) => d.groupBy === 'all').map((d) => [d.itemId, d]));
  // Per question, the municipalities with an answer: a pass over every answer of the round, so made
  // only when a report asks (the regional report; a delrapport of a national round never does).
  let answeringMunicipalities: Map<string, Set<string>> | undefined;
  const answering = () => {
    if (answeringMunicipalities) return answeringMunicipalities;
    answeringMunicipalities = new Map();
    for (const item of ins.items) {
      const set = new Set<string>();
      for (const r of input.responses) if (isAnswered(ins, item, r.answers[item.id])) set.add(r.municipality);
      answeringMunicipalities.set(item.id, set);
    }
    return answeringMunicipalities;
  };
  return {
    input,
    ins,
    analysis,
    suppressionMin: scoringSettings(ins).suppressionMin,
    selfAssessment: ins.mode === 'self-assessment',
    dist,
    get answeringMunicipalities() {
      return answering();
    },
    labels: new Map(ins.items.map((i) => [i.id, itemShortLabel(i)])),
  };
}

export const isScoredType = (item: Item) => ['scale', 'single', 'capability'].includes(item.type);

/** Oriented value of an option (reversed items mirrored so that high is good). */
function oriented(ins: Instrument, item: Item, v: number): number {
  const r = itemRange(ins, item);
  return item.reversed && r ? r.min + r.max - v : v;
}

/** The lowest and highest scored options of an item: a third of the scale each (one when ≤ 3 options). */
export function extremes(ins: Instrument, item: Item, options: OptionCount[]): { low: OptionCount[]; high: OptionCount[] } {
  const scored = options.filter((o) => o.value !== null);
  const k = scored.length;
  if (k < 2) return { low: [], high: [] };
  const g = k <= 3 ? 1 : Math.ceil(k / 3);
  const sorted = [...scored].sort((a, b) => oriented(ins, item, a.value as number) - oriented(ins, item, b.value as number));
  return { low: sorted.slice(0, g), high: sorted.slice(k - g) };
}

const sumCount = (os: OptionCount[]) => os.reduce((s, o) => s + o.count, 0);
const pctOf = (c: number, n: number) => (n > 0 ? (c / n) * 100 : null);
const labelsOr = (os: OptionCount[]) => joinSv(os.map((o) => q(o.label)), 'eller');

/** "Av 18 svarande i 11 kommuner" / "Av 11 kommuner" / "Av 2 svarande i er kommun". */
export function basePrefix(fig: DistributionFigure, municipalities: number, scope: 'region' | 'own'): string {
  if (scope === 'own') return `Av ${svarande(fig.respondents)} i er kommun`;
  if (fig.base === 'municipalities') return `Av ${kommuner(fig.respondents)}`;
  return `Av ${svarande(fig.respondents)} i ${kommuner(municipalities)}`;
}

/** "6 (33 %)". */
const cp = (c: number, n: number) => `${fmtInt(c)} (${fmtPct(pctOf(c, n))})`;

/**
 * The sentence for one question's distribution, with its base. `degreeAnswers`: yesno_degree only, the
 * degree option labels of the "Ja" answers.
 */
export function distributionSentence(
  ctx: Ctx,
  item: Item,
  fig: DistributionFigure,
  municipalities: number,
  scope: 'region' | 'own',
  degreeAnswers: string[] = [],
): string {
  const ins = ctx.ins;
  if (fig.n === 0) return scope === 'own' ? 'Frågan har inte besvarats av någon i er kommun.' : 'Ingen har besvarat frågan.';
  const prefix = basePrefix(fig, municipalities, scope);
  const n = fig.n;
  const dk = fig.dontKnow.filter((o) => o.count > 0);
  const dkText = dk.length ? ` ${joinSv(dk.map((o) => `${cp(o.count, n)} svarar ${q(o.label)}`))}.` : '';
  switch (item.type) {
    case 'text':
      return scope === 'own'
        ? `${cap1(svarande(fig.respondents))} i er kommun har lämnat frisvar; de återges i bilagan.`
        : `${fmtInt(fig.respondents)} frisvar har lämnats. Frisvar redovisas inte i den regionala rapporten.`;
    case 'number': {
      const s = fig.numeric;
      if (!s || s.median === null) return 'Ingen har besvarat frågan.';
      const unit = item.unit ? ` ${item.unit}` : '';
      return `${prefix} är medianen ${fmtNum(s.median)}${unit} (lägst ${fmtNum(s.min as number)}, högst ${fmtNum(s.max as number)}).`;
    }
    case 'multi': {
      const per = fig.perRespondent;
      const resp = per?.n ?? fig.respondents;
      const top = [...(per?.options ?? fig.options)].filter((o) => o.count > 0).sort((a, b) => b.count - a.count).slice(0, 3);
      if (!top.length) return `${prefix} anger ingen något av alternativen.`;
      const parts = top.map((o) => `${cp(o.count, resp)} ${q(o.label)}`);
      return `${prefix} anger ${joinSv(parts)} (andel av de svarande; en svarande kan välja flera alternativ). Sammanlagt ${omnamnanden(fig.n)}.`;
    }
    case 'yesno_degree': {
      const ja = fig.options.find((o) => o.code === 'ja')?.count ?? 0;
      const nej = fig.options.find((o) => o.code === 'nej')?.count ?? 0;
      let s = `${prefix} anger ${cp(ja, n)} ${q('Ja')} och ${cp(nej, n)} ${q('Nej')}.${dkText}`;
      if (degreeAnswers.length) {
        const byLabel = new Map<string, number>();
        for (const d of degreeAnswers) byLabel.set(d, (byLabel.get(d) ?? 0) + 1);
        s += ` Införandegrad bland Ja-svaren: ${joinSv([...byLabel].map(([l, c]) => `${q(l)} ${fmtInt(c)}`))}.`;
      }
      return s;
    }
    default: {
      const { low, high } = extremes(ins, item, fig.options);
      if (!high.length) return `${prefix} har svarat.${dkText}`;
      return `${prefix} anger ${cp(sumCount(high), n)} ${labelsOr(high)} och ${cp(sumCount(low), n)} ${labelsOr(low)}.${dkText}`;
    }
  }
}

const cap1 = (s: string) => s[0].toUpperCase() + s.slice(1);

/** The degree labels of the "Ja" answers to a yesno_degree item. */
export function degreeLabels(ins: Instrument, item: Item, responses: readonly AnalysisResponse[]): string[] {
  if (item.type !== 'yesno_degree' || !item.scale) return [];
  const opts = ins.scales.find((s) => s.id === item.scale)?.options ?? [];
  const out: string[] = [];
  for (const r of responses) {
    const a = r.answers[item.id];
    if (a && typeof a === 'object' && !Array.isArray(a) && 'answer' in a && a.answer === 'ja' && a.degree) {
      const o = opts.find((x) => x.code === a.degree);
      if (o) out.push(o.label);
    }
  }
  return out;
}

/** A figure about `municipality` (null: the region) as the report's readers may see it, or null when it is withheld. */
export function visible(ctx: Ctx, fig: DistributionFigure, municipality: string | null = null): DistributionFigure | null {
  return ctx.input.view.withholds(municipality, fig.respondents) ? null : fig;
}

export function suppressedSentence(ctx: Ctx, fig: DistributionFigure): string {
  return `Färre än ${ctx.suppressionMin} har besvarat frågan (${fig.base === 'municipalities' ? kommuner(fig.respondents) : svarande(fig.respondents)}); resultatet redovisas inte.`;
}

// --- sections (areas) ---------------------------------------------------------------------------

export interface Area {
  id: string;
  label: string;
  description?: string;
  items: Item[];
}

/** The instrument's groups in order (items without group last, as "Övriga frågor"). */
export function areasOf(ins: Instrument): Area[] {
  const out: Area[] = ins.groups
    .map((g) => ({ id: g.id, label: g.label, description: g.description, items: ins.items.filter((i) => i.group === g.id) }))
    .filter((a) => a.items.length);
  const rest = ins.items.filter((i) => !i.group || !ins.groups.some((g) => g.id === i.group));
  if (rest.length) out.push({ id: 'ovrigt', label: out.length ? 'Övriga frågor' : 'Resultat', items: rest });
  return out;
}

// --- charts ------------------------------------------------------------------------------------

/** Chart families within an area: items sharing scale and direction go in one stacked-bar chart. */
export function stackedFamilies(ins: Instrument, items: Item[]): Array<{ options: Option[]; reversed: boolean; items: Item[] }> {
  const out: Array<{ key: string; options: Option[]; reversed: boolean; items: Item[] }> = [];
  for (const item of items) {
    if (!isScoredType(item) && item.type !== 'yesno_degree') continue;
    const options = itemOptions(ins, item);
    const key = `${item.type === 'yesno_degree' ? 'yesno' : (item.scale ?? JSON.stringify(options.map((o) => o.code)))}|${!!item.reversed}`;
    let fam = out.find((f) => f.key === key);
    if (!fam) out.push((fam = { key, options, reversed: !!item.reversed, items: [] }));
    fam.items.push(item);
  }
  return out;
}

/** Stacked 100 % bars of the given items' distributions (options in scale order, "Vet ej" last, grey). */
export function stackedChart(
  ctx: Ctx,
  fam: { options: Option[]; reversed: boolean },
  rows: Array<{ item: Item; fig: DistributionFigure }>,
): StackedBarsChart {
  const { answers: scored, dontKnow: unscored } = splitOptions(fam.options);
  const byValue = [...scored].sort((a, b) => (a.value as number) - (b.value as number));
  const levelOf = (o: Option) => {
    const i = byValue.indexOf(o);
    return fam.reversed ? scored.length - 1 - i : i;
  };
  const series: ChartSeries[] = [
    ...scored.map((o): ChartSeries => ({ label: o.label, role: 'level', level: levelOf(o) })),
    ...unscored.map((o): ChartSeries => ({ label: o.label, role: 'dontKnow' })),
  ];
  const codes = [...scored, ...unscored].map((o) => o.code);
  return {
    type: 'stackedBars',
    categories: rows.map((r) => ctx.labels.get(r.item.id) ?? r.item.id),
    series,
    values: rows.map(({ fig }) => codes.map((c) => [...fig.options, ...fig.dontKnow].find((o) => o.code === c)?.percent ?? 0)),
    n: rows.map((r) => r.fig.n),
    scale: ordinalKindOf(fam.options.map((o) => o.label)),
    levels: scored.length,
  };
}

export function stackedChartBlock(caption: string, chart: StackedBarsChart, baseText: string): ChartBlock {
  const parts = chart.categories.map((c, i) => {
    const best = chart.values[i].map((v, j) => ({ v, l: chart.series[j].label })).sort((a, b) => b.v - a.v)[0];
    return `${c}: vanligast ${q(best.l)} (${fmtPct(best.v)})`;
  });
  return {
    kind: 'chart',
    caption,
    alt: `Staplat diagram över svarsfördelningen i procent av ${baseText}. ${parts.join('; ')}.`,
    chart,
  };
}

// --- method, response rates, bases --------------------------------------------------------------

export function statusText(status: RoundStatus): string {
  if (status === 'closed') return 'stängd';
  return `${ROUND_STATUS_LABELS[status].toLowerCase()} – resultatet är preliminärt`;
}

export function rateTable(ctx: Ctx, sample: SampleRow[], caption: string): TableBlock {
  const ins = ctx.ins;
  const types = ins.respondentTypes.map((t) => ({ id: t.id, label: t.label }));
  if (ctx.selfAssessment) types.push({ id: SELF_ASSESSMENT_TYPE, label: 'Kommunansvarig' });
  const rates = responseRates(sample, { respondentTypes: types, areas: ctx.input.areas.map((a) => ({ id: a.id, label: a.name })) });
  const rows = [rates.total, ...rates.byRespondentType.filter((r) => r.total > 0 || !ctx.selfAssessment)];
  return {
    kind: 'table',
    caption,
    columns: [
      { label: 'Grupp', width: 2.4 },
      { label: 'I urvalet', format: 'int' },
      { label: 'Påbörjade', format: 'int' },
      { label: 'Inskickade', format: 'int' },
      { label: 'Svarsfrekvens', format: 'percent' },
    ],
    rows: rows.map((r) => [r.label, r.total, r.started, r.completed, r.responseRate]),
    note: 'Svarsfrekvens = inskickade av antalet i urvalet (bas: respondenter i urvalet).',
  };
}

export function basesBullets(ctx: Ctx, regional: boolean): string[] {
  const agg = scoringSettings(ctx.ins).aggregation === 'mean' ? 'medelvärdet' : 'medianen';
  const out = ctx.selfAssessment
    ? [
        'Självskattning: instrumentet besvaras med en självskattning per kommun, så varje svar är en kommun. ”Av 11 kommuner” betyder att 11 kommuner har besvarat frågan.',
        'Kommuner: varje kommun räknas en gång; regionens värde är medelvärdet (eller medianen, där det anges) av kommunernas värden.',
      ]
    : [
        'Svarande: antalet personer som besvarat frågan. ”Av 18 svarande i 11 kommuner” betyder att 18 personer i 11 kommuner har besvarat frågan. Frågor som bara ställs till vissa respondenttyper har ett mindre underlag.',
        `Kommuner: varje kommun räknas en gång. Kommunens värde är ${agg} av dess svar; regionens värde är medelvärdet av kommunernas värden, så att stora kommuner inte väger tyngre än små.`,
      ];
  if (ctx.ins.items.some((i) => i.type === 'multi'))
    out.push('Omnämnanden: vid flervalsfrågor kan en svarande välja flera alternativ. Andelar av omnämnandena summerar till 100 %, andelar av de svarande gör det inte; rapporten anger vilken bas som används.');
  if (ctx.ins.scales.some((s) => s.options.some((o) => o.value === null)) || ctx.ins.items.some((i) => i.type === 'yesno_degree'))
    out.push('”Vet ej” räknas och redovisas men ingår inte i medianer, medelvärden eller procent av skalan.');
  out.push('Procent av skalan: (värde − skalans lägsta värde) / (skalans högsta − lägsta värde) × 100.');
  if (regional) {
    out.push(`Grupper med färre än ${ctx.suppressionMin} svarande redovisas inte. Fritextsvar redovisas inte i den regionala rapporten.`);
    out.push('Kommunerna redovisas som Kommun 1, Kommun 2 … i en ordning som varken följer namn eller kommunkod.');
  }
  return out;
}

export function instrumentParagraph(ctx: Ctx): string {
  const ins = ctx.ins;
  const who = ctx.selfAssessment ? 'en självskattning som kommunansvarig gör för sin kommun' : 'en enkät till respondenter i kommunerna';
  const types = ins.respondentTypes.length ? ` Respondenttyper: ${joinSv(ins.respondentTypes.map((t) => t.label))}.` : '';
  return `Instrument: ${ins.title} (version ${ins.version}), ${who} med ${count(ins.items.length, 'fråga', 'frågor')}.${types}${ins.source ? ` Källa: ${ins.source}.` : ''}${ins.methodNote ? ` ${ins.methodNote}` : ''}`;
}

export function roundParagraph(ctx: Ctx): string {
  const r = ctx.input.round;
  return `Mätomgång: ${r.title}, period ${r.periodStart} – ${r.periodEnd}, status ${statusText(r.status)}.`;
}

export function selectionText(ctx: Ctx): string {
  return ctx.input.responseSelection === 'completed'
    ? 'Underlaget är de inskickade svaren; påbörjade men inte inskickade svar ingår inte.'
    : 'Underlaget är alla sparade svar, både inskickade och påbörjade (delvis ifyllda svar sparas och räknas för de frågor som besvarats).';
}

/** Data-quality notes shared by both reports. */
export function qualityBlocks(ctx: Ctx, scope: 'region' | 'own', ownResponses?: AnalysisResponse[]): Block[] {
  const notes: string[] = [];
  if (ctx.input.round.status !== 'closed') notes.push(`${PRELIMINARY_NOTE}.`);
  if (ctx.input.round.isDemo) notes.push(`Demodata: ${ctx.input.round.demoNote ?? 'uppgifterna är demodata, delvis syntetiserade.'}`);
  for (const f of ctx.analysis.quality) notes.push(f.message);
  if (scope === 'region') for (const f of ctx.input.published?.flags ?? []) notes.push(`Publicerade aggregat: ${f.message}`);
  const ns = ctx.ins.items
    .filter((i) => i.type !== 'text')
    .map((i) => ctx.dist.get(i.id)?.respondents ?? 0)
    .filter((n) => n > 0);
  if (ns.length && Math.min(...ns) !== Math.max(...ns))
    notes.push(
      `Underlaget varierar mellan frågorna (${fmtInt(Math.min(...ns))}–${fmtInt(Math.max(...ns))} ${ctx.selfAssessment ? 'kommuner' : 'svarande'}), eftersom frågor riktas till olika respondenttyper och delvis ifyllda svar räknas för de frågor som besvarats. Varje figur anger sin egen bas.`,
    );
  const withAnswers = new Set(ctx.input.responses.map((r) => r.municipality));
  const excluded = ctx.input.view.leftOut;
  const missing = ctx.input.round.municipalities.filter((m) => !withAnswers.has(m) && !(m in excluded)).length;
  if (missing)
    notes.push(`${cap1(count(missing, 'kommun', 'kommuner'))} av ${fmtInt(ctx.input.round.municipalities.length)} i mätomgången saknar svar och ingår inte i de regionala värdena.`);
  const small = Object.keys(excluded).length;
  if (small) notes.push(smallNote(ctx, small));
  if (scope === 'region') {
    const suppressed = ctx.ins.items.filter((i) => {
      const f = ctx.dist.get(i.id);
      return f && f.n > 0 && !visible(ctx, f);
    });
    if (suppressed.length) notes.push(`${cap1(count(suppressed.length, 'fråga', 'frågor'))} har för litet underlag och redovisas inte.`);
  }
  if (scope === 'own' && ownResponses && !ctx.selfAssessment && ownResponses.length < ctx.suppressionMin)
    notes.push(`Er kommuns resultat bygger på ${svarande(ownResponses.length)}; tolka det med försiktighet. I andra kommuners och läsares vyer redovisas så små grupper inte.`);
  if (!notes.length) notes.push('Inga avvikelser i underlaget har upptäckts.');
  return [{ kind: 'bullets', items: notes }];
}

/** "2 kommuner med färre än 3 svarande ingår inte i de regionala värdena …". */
export function smallNote(ctx: Ctx, small: number): string {
  return `${cap1(count(small, 'kommun', 'kommuner'))} med svar men färre än ${ctx.suppressionMin} svarande ingår inte i de regionala värdena, eftersom så små grupper inte redovisas i rapporter som andra kommuner och läsare kan se.${
    ctx.selfAssessment ? ' En självskattning har ett svar per kommun; instrumentets definition kan ange en lägre minsta gruppstorlek om anonymiserade självskattningar får visas.' : ''
  }`;
}

export function modelShell(ctx: Ctx, kind: ReportModel['kind'], title: string, subtitle: string, header: string, municipality: ReportModel['municipality'], sections: Section[]): ReportModel {
  const r = ctx.input.round;
  return {
    kind,
    title,
    subtitle,
    preliminary: r.status !== 'closed',
    header,
    footer: `${ctx.input.association} · genererad ${ctx.input.generatedAt} med samverka`,
    municipality,
    meta: { roundId: r.id, roundTitle: r.title, instrument: `${ctx.ins.title}, version ${ctx.ins.version}`, generatedAt: ctx.input.generatedAt, demo: !!r.isDemo },
    sections,
  };
}

/** The distribution of one item over a subset of responses (e.g. the own municipality). */
export function distributionOf(ctx: Ctx, item: Item, responses: readonly AnalysisResponse[]): DistributionFigure {
  return distribution(ctx.ins, item.id, responses);
}

/** Option rows of a distribution for appendix tables: [question, option, count, percent]. */
export function distributionRows(ctx: Ctx, item: Item, fig: DistributionFigure): Array<[string, string, number, number | null, number]> {
  const label = ctx.labels.get(item.id) ?? item.id;
  if (item.type === 'multi' && fig.perRespondent)
    return fig.perRespondent.options.map((o) => [label, o.label, o.count, o.percent, fig.perRespondent!.n]);
  return [...fig.options, ...fig.dontKnow].map((o) => [label, o.label, o.count, o.percent, fig.n]);
}

/**
 * Appendix table of answer distributions: the option rows of every choice question whose figure
 * `figureOf` returns with n > 0 (null: the question is left out).
 */
export function distributionTable(ctx: Ctx, caption: string, note: string, figureOf: (item: Item) => DistributionFigure | null): TableBlock {
  const rows: Array<[string, string, number, number | null, number]> = [];
  for (const item of ctx.ins.items) {
    if (item.type === 'text' || item.type === 'number') continue;
    const fig = figureOf(item);
    if (!fig || fig.n === 0) continue;
    rows.push(...distributionRows(ctx, item, fig));
  }
  return {
    kind: 'table',
    caption,
    columns: [
      { label: 'Fråga', width: 2.6 },
      { label: 'Svarsalternativ', width: 2.4 },
      { label: 'Antal', format: 'int', width: 0.7 },
      { label: 'Andel', format: 'percent', width: 0.7 },
      { label: 'Bas (n)', format: 'int', width: 0.7 },
    ],
    rows,
    note,
  };
}

/** The instrument's quadrant model with the labels of its two dimensions (x, y), or null without one. */
export function quadrantModel(ins: Instrument) {
  const quad = ins.scoring?.quadrant;
  if (!quad) return null;
  const label = (id: string) => ins.dimensions.find((d) => d.id === id)?.label ?? id;
  return { quad, xs: label(quad.x), ys: label(quad.y) };
}

/** The quadrant matrix chart of the model with the given points. */
/** The group of each item (for splitting a large radar), or nothing when an item has none. */
export function radarGroups(ins: Instrument, items: Item[]): { groups?: string[] } {
  const groups = items.map((i) => ins.groups.find((g) => g.id === i.group)?.label);
  return groups.every((g) => g !== undefined) ? { groups: groups as string[] } : {};
}

export function quadrantChart({ quad, xs, ys }: NonNullable<ReturnType<typeof quadrantModel>>, points: QuadrantChart['points']): QuadrantChart {
  return {
    type: 'quadrant',
    xLabel: `${xs} (%)`,
    yLabel: `${ys} (%)`,
    thresholds: quad.thresholds,
    fields: { A: quad.quadrants.A.label, B: quad.quadrants.B.label, C: quad.quadrants.C.label, D: quad.quadrants.D.label },
    points,
  };
}

// --- anonymity guard ---------------------------------------------------------------------------

/** What a report must not name: every known municipality and those of the round, except `keep` (a delrapport's own). */
export function redactionFor(input: ReportInput, keep?: string): Record<string, string> {
  const redact: Record<string, string> = { ...(input.municipalityNames ?? {}) };
  for (const c of input.round.municipalities) redact[c] ??= '';
  if (keep !== undefined) delete redact[keep];
  return redact;
}

const noRegion = new WeakMap<Ctx, RoundAnalysis>();

/**
 * A delrapport's comparison region: the region as others see it (small municipalities left out),
 * else the full analysis; an empty analysis when fewer than MIN_REGIONAL_MUNICIPALITIES
 * municipalities enter it: with two, each could work out the other's results from its own and the
 * region's, and with one "the region" is itself.
 */
export function regionOf(ctx: Ctx): RoundAnalysis {
  const region = ctx.input.view.region;
  if (region.municipalities.n >= MIN_REGIONAL_MUNICIPALITIES) return region;
  if (!noRegion.has(ctx)) noRegion.set(ctx, analyseRound(ctx.ins, []));
  return noRegion.get(ctx)!;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The source reports' titles, short titles and publishers, longest first, as one capturing pattern. */
const CITATION_RE = new RegExp(
  `(${[...new Set(Object.values(SOURCES).flatMap((x) => [x.title, x.short, x.publisher]))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})`,
  'u',
);

/**
 * Replaces the names (also in genitive, "Åmåls") and SCB codes of the given municipalities in every
 * text of the model by "(kommun)" / "(kommunkod)". The last line of defence for anonymity: instrument
 * texts and sources, round titles and free text may mention municipalities. `municipality` (the
 * delrapport's own) is left as it is, and so are the published source reports' titles, short titles
 * and publishers (SOURCES): a citation is quoted as published ("Delrapport Mellerud"), and it says
 * nothing about the round's answers.
 */
export function redactMunicipalities(model: ReportModel, redact: Record<string, string>): ReportModel {
  const names = Object.values(redact).filter((n) => n.trim().length > 1).sort((a, b) => b.length - a.length);
  const codes = Object.keys(redact).filter((c) => /^[0-9]{4}$/.test(c));
  if (!names.length && !codes.length) return model;
  const nameRe = names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRe).join('|')})s?(?![\\p{L}\\p{N}])`, 'gu') : null;
  const codeRe = codes.length ? new RegExp(`(?<![0-9])(?:${codes.join('|')})(?![0-9])`, 'g') : null;
  const redactPart = (s: string) => {
    let out = s;
    if (nameRe) out = out.replace(nameRe, '(kommun)');
    if (codeRe) out = out.replace(codeRe, '(kommunkod)');
    return out;
  };
  // split() with a capturing group: the citations stand at the odd indexes and are kept as they are.
  const fix = (s: string) => s.split(CITATION_RE).map((part, i) => (i % 2 ? part : redactPart(part))).join('');
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return key === 'color' ? v : fix(v);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = k === 'municipality' ? x : walk(x, k);
      return out;
    }
    return v;
  };
  return walk(model) as ReportModel;
}
