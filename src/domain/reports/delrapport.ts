// The delrapport for one municipality (DOMAIN.md §6, Delrapport Mellerud 2021): the municipality's own results
// against the regional aggregate, the response statement ("För er kommun inkom svar från 2
// förvaltningschefer"), the quadrant with its description and phase, the capability table with ratings
// and improvement candidates, gaps against target (IT competences), the information-security answers
// with the recommendation for each "Nej", rule-based recommendations from the instrument, data quality
// and an appendix. Names only its own municipality: other municipalities appear only in counts. Pure.
import { quadrantKey, type Item } from '../instruments/schema.ts';
import { compareToRegion, improvementThreshold, itemRange, numericValue, type AnalysisResponse, type MunicipalityScores } from '../analysis/index.ts';
import { SELF_ASSESSMENT_TYPE } from '../rounds.ts';
import { MIN_REGIONAL_MUNICIPALITIES } from './access.ts';
import {
  areasOf,
  basesBullets,
  degreeLabels,
  distributionOf,
  distributionTable,
  distributionSentence,
  instrumentParagraph,
  makeCtx,
  modelShell,
  quadrantChart,
  radarGroups,
  quadrantModel,
  qualityBlocks,
  rateTable,
  redactMunicipalities,
  redactionFor,
  regionOf,
  roundParagraph,
  selectionText,
  type Ctx,
  type ReportInput,
} from './common.ts';
import { economicsSection, type EconomicsSectionInput } from './economics.ts';
import { delrapportFlatData } from './flat.ts';
import { risksSection, type RisksSectionInput } from './risks.ts';
import type { Block, QuadrantChart, ReportModel, Section, TableBlock } from './model.ts';
import { cap, count, fmtInt, fmtNum, fmtPct, fmtPp, joinSv, kommuner, lowerFirst, q, respondentTypePhrase, svarande, truncate } from './swedish.ts';

export interface DelrapportInput extends ReportInput {
  municipality: { code: string; name: string };
  /** The municipality's IT economics (and its group's comparison): the "IT-ekonomi" section. */
  economics?: EconomicsSectionInput | null;
  /** The municipality's risks and matrix: the "Risker" section. */
  risks?: RisksSectionInput | null;
}

/** Thrown when the municipality is not part of the round (routes answer 404). */
export class NotInRoundError extends Error {
  constructor(code: string) {
    super(`Kommunen ${code} ingår inte i mätomgången`);
    this.name = 'NotInRoundError';
  }
}

/** The six perspectives for analysing a weak capability (Delrapport Mellerud 2021, avsnitt 3.4.2). */
export const WEAK_CAPABILITY_PERSPECTIVES = [
  'Kompetens: har medarbetarna som utför arbetsuppgifterna inom förmågan rätt kompetens? Jämför gärna med organisationer som är mer framstående inom förmågan.',
  'Organisering: är alla intressenter involverade och finns tillräckligt med resurser för förmågan utifrån målsättningen?',
  'Regelverk: är förmågan följsam mot lagstiftningen, och finns antagna styrande dokument som reglerar den?',
  'Information: tillgodoser informationen i förmågan säkerhetskraven och tas den tillvara på ett optimerat sätt?',
  'Processer: är processerna väl beskrivna och kartlagda med dokumentation, så att till exempel flaskhalsar kan identifieras?',
  'IT-system: finns robusta, användarvänliga och effektiva IT-system som stödjer processerna utifrån målsättningen?',
];

export function buildDelrapport(input: DelrapportInput): ReportModel {
  const { code, name } = input.municipality;
  if (!input.round.municipalities.includes(code)) throw new NotInRoundError(code);
  const ctx = makeCtx(input);
  const own = input.responses.filter((r) => r.municipality === code);
  const scores = ctx.analysis.municipalityScores.find((m) => m.municipality === code) ?? null;
  const recommendations: string[] = [];

  const sections: Section[] = [];
  sections.push(summarySection(ctx, code, name, own, scores));
  sections.push(methodSection(ctx, code, own));
  const compare = compareSection(ctx, own, scores);
  if (compare) sections.push(compare);
  const quadrant = quadrantSection(ctx, scores, recommendations);
  if (quadrant) sections.push(quadrant);
  const caps = capabilitySection(ctx, code, scores, recommendations);
  if (caps) sections.push(caps);
  const gaps = gapSection(ctx, code);
  if (gaps) sections.push(gaps);
  const sec = securitySection(ctx, own, recommendations);
  if (sec) sections.push(sec);
  if (input.economics) sections.push(economicsSection(input.economics));
  if (input.risks) sections.push(risksSection(input.risks));
  sections.push(recommendationSection(ctx, code, scores, recommendations));
  sections.push({ id: 'datakvalitet', heading: 'Datakvalitet', blocks: qualityBlocks(ctx, 'own', own) });
  sections.push(appendixSection(ctx, own));

  const r = input.round;
  const model = modelShell(
    ctx,
    'delrapport',
    `${ctx.ins.title} – delrapport ${name}`,
    `${r.title} · ${r.periodStart} – ${r.periodEnd} · ${input.association}`,
    `Delrapport ${name}`,
    { code, name },
    sections,
  );
  model.data = delrapportFlatData(ctx, name, own);
  // Names only its own municipality: every other known municipality and those of the round are redacted.
  return redactMunicipalities(model, redactionFor(input, code));
}

/** Why the delrapport has no regional values (after "…: "), when regionOf is empty. */
function noRegionReason(ctx: Ctx): string {
  const n = ctx.input.view.region.municipalities.n;
  return n === 0
    ? `ingen kommun har minst ${ctx.suppressionMin} svarande`
    : `färre än ${MIN_REGIONAL_MUNICIPALITIES} kommuner har minst ${ctx.suppressionMin} svarande, och med så få skulle regionens värden visa enskilda kommuners resultat`;
}

/** "För er kommun inkom svar från 2 förvaltningschefer och 1 IT-chef." */
export function responseStatement(ctx: Ctx, own: readonly AnalysisResponse[]): string {
  if (!own.length) return ctx.selfAssessment ? 'För er kommun har inget svar inkommit.' : 'För er kommun har inga svar inkommit.';
  if (ctx.selfAssessment) return 'För er kommun har svar inkommit.';
  const types = ctx.ins.respondentTypes;
  const counts = new Map<string | null, number>();
  for (const r of own) {
    const t = r.respondentType && r.respondentType !== SELF_ASSESSMENT_TYPE ? r.respondentType : null;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const parts: string[] = [];
  for (const t of types) {
    const n = counts.get(t.id);
    if (n) parts.push(respondentTypePhrase(n, t.label));
  }
  for (const [t, n] of counts) {
    if (t !== null && !types.some((x) => x.id === t)) parts.push(respondentTypePhrase(n, t));
  }
  const none = counts.get(null);
  if (none) parts.push(parts.length ? `${fmtInt(none)} ${none === 1 ? 'respondent' : 'respondenter'} utan angiven roll` : count(none, 'respondent', 'respondenter'));
  return `För er kommun inkom svar från ${joinSv(parts)}.`;
}

function summarySection(ctx: Ctx, code: string, name: string, own: AnalysisResponse[], scores: MunicipalityScores | null): Section {
  const m = regionOf(ctx).municipalities.n;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      style: 'lead',
      text: `Denna delrapport återspeglar resultatet för ${name} i mätomgången ${q(ctx.input.round.title)} (${ctx.ins.title}). Den regionala rapporten redovisar inte kommunnamn; ${
        m > 0
          ? `här jämförs ert resultat med det samlade resultatet för ${m === 1 ? 'den enda kommun' : `de ${kommuner(m)}`} som ingår i de regionala värdena.`
          : `regionala jämförelsevärden kan inte redovisas: ${noRegionReason(ctx)}.`
      }`,
    },
  ];
  const bullets: string[] = [responseStatement(ctx, own)];
  const reg = regionOf(ctx).region.overall.pct.municipalityWeighted;
  if (scores?.overall.pct !== null && scores?.overall.pct !== undefined && reg.mean !== null && (ctx.ins.groups.length || ctx.ins.dimensions.length))
    bullets.push(`Sammantaget når ni ${fmtPct(scores.overall.pct)} av skalans maximum, jämfört med regionens genomsnitt ${fmtPct(reg.mean)} (${fmtPp(scores.overall.pct - reg.mean)}).`);
  if (scores?.quadrant?.key) bullets.push(`Ni har mognadsnivå ${scores.quadrant.key} (${scores.quadrant.label?.toLowerCase()}), fasen ${scores.quadrant.phase?.toLowerCase()}.`);
  const cands = ctx.analysis.improvementCandidates.filter((c) => c.municipality === code);
  if (cands.length && ctx.ins.items.some((i) => i.type === 'capability'))
    bullets.push(`${cap(count(cands.length, 'förmåga', 'förmågor'))} ${cands.length === 1 ? 'är en förbättringskandidat' : 'är förbättringskandidater'} (bedömda på skalans lägsta nivåer).`);
  const nej = ctx.ins.items.filter((i) => i.type === 'yesno_degree' && own.some((r) => answerOf(r, i) === 'nej'));
  if (nej.length) bullets.push(`${cap(count(nej.length, 'fråga', 'frågor'))} om informationssäkerhet besvaras med ”Nej”; rekommendationer finns för var och en.`);
  if (ctx.input.round.status !== 'closed') bullets.push('Mätomgången är inte stängd; alla siffror är preliminära.');
  blocks.push({ kind: 'bullets', title: 'I korthet', items: bullets });
  return { id: 'sammanfattning', heading: 'Sammanfattning', blocks };
}

function methodSection(ctx: Ctx, code: string, own: AnalysisResponse[]): Section {
  const sample = ctx.input.sample.filter((s) => s.municipality === code);
  const total = sample.length;
  const completed = sample.filter((s) => s.completed).length;
  const blocks: Block[] = [
    { kind: 'paragraph', text: instrumentParagraph(ctx) },
    { kind: 'paragraph', text: roundParagraph(ctx) },
    { kind: 'paragraph', style: 'lead', text: responseStatement(ctx, own) },
  ];
  if (!ctx.selfAssessment && total > 0) {
    blocks.push({
      kind: 'paragraph',
      text: `I ert urval fanns ${respondenterText(total)}; ${fmtInt(completed)} har skickat in sina svar (svarsfrekvens ${fmtPct((completed / total) * 100)}). ${selectionText(ctx)}`,
    });
    blocks.push(rateTable(ctx, sample, 'Svarsfrekvens i er kommun per respondenttyp'));
  } else blocks.push({ kind: 'paragraph', text: selectionText(ctx) });
  blocks.push({ kind: 'bullets', title: 'Vad underlaget (basen) betyder', items: basesBullets(ctx, false) });
  blocks.push({
    kind: 'paragraph',
    style: 'note',
    text: `Regionens värden är beräknade över de kommuner i mätomgången som har minst ${ctx.suppressionMin} svarande (er egen kommun inräknad om den har det), så att inga små grupper kan räknas fram, och redovisas bara när minst ${MIN_REGIONAL_MUNICIPALITIES} kommuner ingår. Enskilda andra kommuners resultat redovisas inte.`,
  });
  return { id: 'metod', heading: 'Metod och underlag', blocks };
}

const respondenterText = (n: number) => count(n, 'respondent', 'respondenter');

/** Own results vs region: per group/dimension and per item, with charts. */
function compareSection(ctx: Ctx, own: AnalysisResponse[], scores: MunicipalityScores | null): Section | null {
  const reg = regionOf(ctx).region;
  const blocks: Block[] = [];
  if (!scores) {
    blocks.push({ kind: 'paragraph', text: 'Er kommun har inga svar i mätomgången; det finns inget att jämföra med regionen.' });
    return { id: 'jamforelse', heading: 'Ert resultat jämfört med regionen', blocks };
  }
  const groupRows = [
    ...ctx.ins.dimensions.map((d) => ({ label: d.label, own: scores.dimensions[d.id], reg: reg.dimensions[d.id] })),
    ...ctx.ins.groups.map((g) => ({ label: g.label, own: scores.groups[g.id], reg: reg.groups[g.id] })),
  ].filter((r) => r.own && r.reg && r.own.pct !== null);
  const hasRegion = reg.municipalities.n > 0;
  if (!hasRegion)
    blocks.push({
      kind: 'paragraph',
      text: `Regionala jämförelsevärden saknas: ${noRegionReason(ctx)}. Nedan visas ert eget resultat.`,
    });
  if (groupRows.length && !hasRegion) {
    blocks.push({
      kind: 'table',
      caption: 'Område: procent av skalans maximum, er kommun',
      columns: [
        { label: 'Område', width: 3 },
        { label: 'Er kommun', format: 'percent' },
      ],
      rows: groupRows.map((r) => [r.label, r.own.pct]),
      note: `Bas: ${ctx.selfAssessment ? 'er självskattning' : svarande(scores.n)}.`,
    });
  } else if (groupRows.length) {
    blocks.push({
      kind: 'table',
      caption: 'Område: procent av skalans maximum, er kommun och regionen',
      columns: [
        { label: 'Område', width: 2.2 },
        { label: 'Er kommun', format: 'percent' },
        { label: 'Regionen (medel)', format: 'percent' },
        { label: 'Lägst', format: 'percent' },
        { label: 'Högst', format: 'percent' },
        { label: 'Skillnad', format: 'pp' },
      ],
      rows: groupRows.map((r) => {
        const s = r.reg.pct.municipalityWeighted;
        return [r.label, r.own.pct, s.mean, s.min, s.max, r.own.pct !== null && s.mean !== null ? r.own.pct - s.mean : null];
      }),
      note: `Bas för er kommun: ${svarande(scores.n)}; för regionen: ${kommuner(reg.municipalities.n)}, varje kommun räknas en gång.`,
    });
    blocks.push({
      kind: 'chart',
      caption: 'Er kommun jämfört med regionens genomsnitt per område (procent av skalan)',
      alt: `Stapeldiagram per område: ${groupRows.map((r) => `${r.label} er kommun ${fmtPct(r.own.pct)}, regionen ${fmtPct(r.reg.pct.municipalityWeighted.mean)}`).join('; ')}.`,
      chart: {
        type: 'bars',
        categories: groupRows.map((r) => r.label),
        series: [
          { label: 'Er kommun', role: 'own' },
          { label: 'Regionen (medel)', role: 'region' },
        ],
        values: groupRows.map((r) => [r.own.pct, r.reg.pct.municipalityWeighted.mean]),
        max: 100,
        unit: '%',
      },
    });
  }
  const cmp = compareToRegion(scores, reg).filter((c) => c.ownPct !== null || c.regionPct !== null);
  const items = cmp.map((c) => ({ c, item: ctx.ins.items.find((i) => i.id === c.itemId)! })).filter((x) => x.item);
  if (items.length >= 3 && ctx.ins.dimensions.length && hasRegion) {
    blocks.push({
      kind: 'chart',
      caption: 'Spindeldiagram: er kommun och regionens genomsnitt per förmåga (procent av skalan)',
      alt: `Spindeldiagram över ${count(items.length, 'förmåga', 'förmågor')}: ${items.map(({ c, item }) => `${ctx.labels.get(item.id)} er kommun ${fmtPct(c.ownPct)}, regionen ${fmtPct(c.regionPct)}`).join('; ')}.`,
      chart: {
        type: 'radar',
        axes: items.map(({ item }) => ctx.labels.get(item.id) ?? item.id),
        ...radarGroups(ctx.ins, items.map(({ item }) => item)),
        max: 100,
        unit: '%',
        series: [
          { label: 'Regionen (medel)', values: items.map(({ c }) => c.regionPct), role: 'region' },
          { label: 'Er kommun', values: items.map(({ c }) => c.ownPct), role: 'own' },
        ],
      },
    });
  }
  if (items.length && !ctx.selfAssessment && hasRegion) {
    blocks.push({
      kind: 'table',
      caption: 'Fråga för fråga: procent av skalan, er kommun och regionen',
      columns: [
        { label: 'Fråga', width: 3 },
        { label: 'Er kommun', format: 'percent' },
        { label: 'Svar (n)', format: 'int', width: 0.7 },
        { label: 'Regionen (medel)', format: 'percent' },
        { label: 'Skillnad', format: 'pp' },
      ],
      rows: items.map(({ c, item }) => [ctx.labels.get(item.id) ?? item.id, c.ownPct, scores.items[item.id]?.n ?? 0, c.regionPct, c.differencePp]),
    });
    const weaker = items.filter(({ c }) => c.differencePp !== null && c.differencePp <= -10).sort((a, b) => (a.c.differencePp as number) - (b.c.differencePp as number));
    const stronger = items.filter(({ c }) => c.differencePp !== null && c.differencePp >= 10).sort((a, b) => (b.c.differencePp as number) - (a.c.differencePp as number));
    blocks.push({
      kind: 'bullets',
      title: 'Utmaningar för er kommun',
      items: weaker.length
        ? weaker.slice(0, 8).map(({ c, item }) => `${ctx.labels.get(item.id)}: ${fmtPct(c.ownPct)} mot regionens ${fmtPct(c.regionPct)} (${fmtPp(c.differencePp)}).`)
        : ['Ingen fråga ligger 10 procentenheter eller mer under regionens genomsnitt.'],
    });
    if (stronger.length)
      blocks.push({
        kind: 'bullets',
        title: 'Styrkor jämfört med regionen',
        items: stronger.slice(0, 8).map(({ c, item }) => `${ctx.labels.get(item.id)}: ${fmtPct(c.ownPct)} mot regionens ${fmtPct(c.regionPct)} (${fmtPp(c.differencePp)}).`),
      });
  }
  // Sentences for the own answers (surveys): the same form as the regional report, with the own base.
  if (!ctx.selfAssessment) {
    for (const area of areasOf(ctx.ins)) {
      const sentences: string[] = [];
      for (const item of area.items) {
        if (item.type === 'text') continue;
        const fig = distributionOf(ctx, item, own);
        if (fig.n === 0) continue;
        sentences.push(`${ctx.labels.get(item.id)}: ${distributionSentence(ctx, item, fig, 1, 'own', degreeLabels(ctx.ins, item, own))}`);
      }
      if (sentences.length) {
        blocks.push({ kind: 'subheading', text: `${area.label}: era svar` });
        for (const s of sentences) blocks.push({ kind: 'paragraph', text: s });
      }
    }
  }
  if (!blocks.length) return null;
  return { id: 'jamforelse', heading: 'Ert resultat jämfört med regionen', blocks };
}

function quadrantSection(ctx: Ctx, scores: MunicipalityScores | null, recs: string[]): Section | null {
  const model = quadrantModel(ctx.ins);
  if (!model) return null;
  const { quad, xs, ys } = model;
  const blocks: Block[] = [];
  const regX = regionOf(ctx).region.dimensions[quad.x]?.pct.municipalityWeighted.mean ?? null;
  const regY = regionOf(ctx).region.dimensions[quad.y]?.pct.municipalityWeighted.mean ?? null;
  blocks.push({
    kind: 'paragraph',
    text: `Matrisen har två dimensioner: ${xs.toLowerCase()} (vågrätt) och ${ys.toLowerCase()} (lodrätt). Gränserna går vid ${fmtPct(quad.thresholds.x)} respektive ${fmtPct(quad.thresholds.y)} av skalans maximum och delar matrisen i fyra fält.`,
  });
  const points: QuadrantChart['points'] = [];
  if (regX !== null && regY !== null) points.push({ label: 'Regionen (medel)', x: regX, y: regY, role: 'region' });
  const qp = scores?.quadrant;
  if (qp && qp.x !== null && qp.y !== null) points.push({ label: 'Er kommun', x: qp.x, y: qp.y, role: 'own' });
  blocks.push({
    kind: 'chart',
    caption: `Matris: er kommun och regionens genomsnitt efter ${xs.toLowerCase()} och ${ys.toLowerCase()}`,
    alt: `Kvadrantmatris. ${points.map((p) => `${p.label}: ${xs.toLowerCase()} ${fmtPct(p.x)}, ${ys.toLowerCase()} ${fmtPct(p.y)}`).join('; ')}.`,
    chart: quadrantChart(model, points),
  });
  blocks.push({
    kind: 'table',
    caption: 'Fälten i matrisen',
    columns: [
      { label: 'Fält', width: 0.5 },
      { label: 'Beskrivning', width: 4.5 },
      { label: 'Fas', width: 1.4 },
    ],
    rows: quadrantKey.options.map((k) => [k, quad.quadrants[k].description, quad.quadrants[k].phase]),
    emphasis: qp?.key ? [quadrantKey.options.indexOf(qp.key)] : [],
  });
  if (qp?.key) {
    const info = quad.quadrants[qp.key];
    blocks.push({
      kind: 'paragraph',
      style: 'lead',
      text: `Ni har mognadsnivå ${qp.key}. Det innebär att respondenternas skattning placerar er i fältet ${lowerFirst(info.label)}: ${lowerFirst(info.description)} Ni befinner er i fasen ${info.phase.toLowerCase()}. Er kommun når ${fmtPct(qp.x)} i ${xs.toLowerCase()} och ${fmtPct(qp.y)} i ${ys.toLowerCase()}.`,
    });
    if (info.recommendations.length) {
      blocks.push({ kind: 'bullets', title: `Rekommendationer för fält ${qp.key}`, items: info.recommendations });
      recs.push(...info.recommendations);
    }
  } else blocks.push({ kind: 'paragraph', text: 'Er kommun kan inte placeras i matrisen eftersom det saknas skattade svar i någon av dimensionerna.' });
  return { id: 'kvadrant', heading: 'Mognadsnivå och fas', blocks };
}

function answerOf(r: AnalysisResponse, item: Item): string | null {
  const a = r.answers[item.id];
  return a && typeof a === 'object' && !Array.isArray(a) && 'answer' in a ? a.answer : null;
}

/** Capability table with ratings and improvement candidates (capability items). */
function capabilitySection(ctx: Ctx, code: string, scores: MunicipalityScores | null, recs: string[]): Section | null {
  const caps = ctx.ins.items.filter((i) => i.type === 'capability');
  if (!caps.length) return null;
  const reg = regionOf(ctx).region;
  const hasRegion = reg.municipalities.n > 0;
  const blocks: Block[] = [];
  const rows: TableBlock['rows'] = [];
  const emphasis: number[] = [];
  const candidates = new Set(ctx.analysis.improvementCandidates.filter((c) => c.municipality === code).map((c) => c.itemId));
  const ownResponses = ctx.input.responses.filter((r) => r.municipality === code);
  for (const item of caps) {
    const scale = ctx.ins.scales.find((s) => s.id === item.scale);
    const a = ownResponses[0]?.answers[item.id];
    const current = a && typeof a === 'object' && !Array.isArray(a) && 'current' in a ? scale?.options.find((o) => o.code === a.current) : undefined;
    const value = scores?.items[item.id]?.value ?? null;
    const label = ownResponses.length === 1 ? (current ? (current.value !== null ? `${current.value}. ${current.label}` : current.label) : '–') : value !== null ? fmtNum(value) : '–';
    if (candidates.has(item.id)) emphasis.push(rows.length);
    rows.push([
      item.text,
      item.description ?? '',
      label,
      ...(hasRegion ? [reg.items[item.id]?.value.municipalityWeighted.median ?? null] : []),
      candidates.has(item.id) ? 'Ja' : '',
    ]);
  }
  const range = caps[0] ? itemRange(ctx.ins, caps[0]) : null;
  const threshold = range ? improvementThreshold(ctx.ins, range) : null;
  const scale = ctx.ins.scales.find((s) => s.id === caps[0].scale);
  const weakLabels = (scale?.options ?? []).filter((o) => o.value !== null && threshold !== null && o.value <= threshold).map((o) => `${o.value}. ${o.label}`);
  blocks.push({
    kind: 'paragraph',
    text: `Tabellen visar samtliga ${count(caps.length, 'förmåga', 'förmågor')}, beskrivningen och er bedömning. ${
      hasRegion
        ? `Regionens median är medianen av kommunernas bedömningar (${kommuner(reg.municipalities.n)}).`
        : `Regionens median redovisas inte: ${noRegionReason(ctx)}.`
    } Förmågor bedömda som ${joinSv(weakLabels.map(q), 'eller')} är förbättringskandidater och är markerade.`,
  });
  blocks.push({
    kind: 'table',
    caption: hasRegion ? 'Förmågor: er bedömning och regionens median' : 'Förmågor: er bedömning',
    columns: [
      { label: 'Förmåga', width: 1.6 },
      { label: 'Beskrivning', width: 3.6 },
      { label: 'Er bedömning', width: 1.3 },
      ...(hasRegion ? [{ label: 'Regionens median', format: 'decimal' as const, width: 0.9 }] : []),
      { label: 'Kandidat för förbättring', width: 0.9 },
    ],
    rows,
    emphasis,
  });
  if (candidates.size) {
    blocks.push({
      kind: 'bullets',
      title: `Förbättringskandidater (${fmtInt(candidates.size)})`,
      items: caps.filter((i) => candidates.has(i.id)).map((i) => i.text),
    });
    blocks.push({
      kind: 'paragraph',
      text: 'För förbättringskandidaterna behöver ni förstå rotorsaken till att förmågan bedömts som svag. Väg in följande perspektiv:',
    });
    blocks.push({ kind: 'bullets', items: WEAK_CAPABILITY_PERSPECTIVES });
    recs.push(
      `Analysera rotorsaken för ${count(candidates.size, 'förbättringskandidat', 'förbättringskandidater')} (kompetens, organisering, regelverk, information, processer, IT-system) och besluta vilka som hanteras i den egna utvecklingsprocessen och vilka som lyfts för samverkan.`,
    );
  } else blocks.push({ kind: 'paragraph', text: 'Ingen förmåga är bedömd på skalans lägsta nivåer.' });
  return { id: 'formagor', heading: 'Förmågor', blocks };
}

/** Gaps against the instrument's target levels (e.g. IT competences with * and **). */
function gapSection(ctx: Ctx, code: string): Section | null {
  const targeted = ctx.ins.items.filter((i) => i.target);
  if (!targeted.length) return null;
  const own = ctx.analysis.gaps.filter((g) => g.municipality === code && g.targetSource === 'instrument');
  const scores = ctx.analysis.municipalityScores.find((m) => m.municipality === code);
  const blocks: Block[] = [];
  const critical = own.filter((g) => g.marker === '**');
  blocks.push({
    kind: 'paragraph',
    style: 'lead',
    text: own.length
      ? `Ni ligger under målnivån i ${fmtInt(own.length)} av ${fmtInt(targeted.length)} ${targeted.length === 1 ? 'kompetens' : 'kompetenser'}${critical.length ? `, varav ${fmtInt(critical.length)} ${critical.length === 1 ? 'kritisk' : 'kritiska'} (**): ${joinSv(critical.map((g) => ctx.labels.get(g.itemId) ?? g.itemId))}` : ''}.`
      : `Ni når målnivån i samtliga ${fmtInt(targeted.length)} kompetenser med en bedömning.`,
  });
  const rows: TableBlock['rows'] = [];
  const emphasis: number[] = [];
  for (const item of targeted) {
    const gap = own.find((g) => g.itemId === item.id);
    if (gap) emphasis.push(rows.length);
    const regBelow = regionOf(ctx).gapSummary.find((g) => g.itemId === item.id);
    rows.push([
      ctx.labels.get(item.id) ?? item.id,
      scores?.items[item.id]?.value ?? null,
      item.target!.level,
      item.target!.marker ?? '',
      gap?.gap ?? 0,
      regBelow ? regBelow.belowTarget.count : null,
      regBelow ? regBelow.belowTarget.n : null,
    ]);
  }
  blocks.push({
    kind: 'table',
    caption: 'Kompetenser: nuläge, målnivå och gap',
    columns: [
      { label: 'Kompetens', width: 2.6 },
      { label: 'Nuläge', format: 'decimal' },
      { label: 'Målnivå', format: 'decimal' },
      { label: 'Markering', width: 0.8 },
      { label: 'Gap', format: 'decimal' },
      { label: 'Kommuner under mål', format: 'int' },
      { label: 'Av kommuner', format: 'int' },
    ],
    rows,
    emphasis,
    note: '** kritisk förmåga; * kräver kontinuerligt lärande. Gap = målnivå − nuläge (0 när målnivån nås). Kolumnerna om kommuner under mål avser hela mätomgången.',
  });
  const gapItems = targeted.filter((i) => own.some((g) => g.itemId === i.id));
  if (gapItems.length >= 1)
    blocks.push({
      kind: 'chart',
      caption: 'Nuläge och målnivå för kompetenser med gap',
      alt: `Stapeldiagram: ${gapItems.map((i) => `${ctx.labels.get(i.id)} nuläge ${fmtNum(scores?.items[i.id]?.value ?? 0)}, mål ${fmtNum(i.target!.level)}`).join('; ')}.`,
      chart: {
        type: 'bars',
        categories: gapItems.map((i) => `${ctx.labels.get(i.id)}${i.target!.marker ? ` ${i.target!.marker}` : ''}`),
        series: [
          { label: 'Nuläge', role: 'own' },
          { label: 'Målnivå', role: 'target' },
        ],
        values: gapItems.map((i) => [scores?.items[i.id]?.value ?? null, i.target!.level]),
        max: Math.max(...gapItems.map((i) => itemRange(ctx.ins, i)?.max ?? i.target!.level)),
        unit: '',
      },
    });
  return { id: 'kompetensgap', heading: 'Kompetensgap', blocks };
}

/** Information security (yes/no with degree): answers, and the recommendation for each "Nej". */
function securitySection(ctx: Ctx, own: AnalysisResponse[], recs: string[]): Section | null {
  const yn = ctx.ins.items.filter((i) => i.type === 'yesno_degree');
  if (!yn.length) return null;
  const blocks: Block[] = [];
  const r = own[0];
  if (!r) {
    blocks.push({ kind: 'paragraph', text: 'Inga svar har inkommit från er kommun.' });
    return { id: 'informationssakerhet', heading: 'Svar och rekommendationer', blocks };
  }
  const rows: TableBlock['rows'] = [];
  const emphasis: number[] = [];
  const nejRecs: string[] = [];
  for (const item of ctx.ins.items) {
    if (item.type !== 'yesno_degree' && item.type !== 'number') continue;
    if (item.type === 'number') {
      const v = own.length === 1 ? r.answers[item.id] : undefined;
      // A band (e.g. "1–10 timmar") is shown as its label, as published.
      const band = typeof v === 'string' ? item.options?.find((o) => o.code === v) : undefined;
      rows.push([item.text, typeof v === 'number' ? `${fmtNum(v)}${item.unit ? ` ${item.unit}` : ''}` : band ? band.label : '–', '']);
      continue;
    }
    const answers = own.map((x) => x.answers[item.id]).filter((a) => a && typeof a === 'object' && !Array.isArray(a) && 'answer' in a) as Array<{ answer: string; degree?: string }>;
    const labelOf = (a: string) => (a === 'ja' ? 'Ja' : a === 'nej' ? 'Nej' : 'Vet ej');
    const answerText = answers.length ? joinSv([...new Set(answers.map((a) => labelOf(a.answer)))]) : '–';
    const scale = ctx.ins.scales.find((s) => s.id === item.scale);
    const degrees = answers.filter((a) => a.degree).map((a) => scale?.options.find((o) => o.code === a.degree)?.label ?? a.degree!);
    if (answers.some((a) => a.answer === 'nej')) {
      emphasis.push(rows.length);
      if (item.recommendation) nejRecs.push(item.recommendation);
    }
    rows.push([item.text, answerText, degrees.join(', ')]);
  }
  const nejCount = emphasis.length;
  const practices = yn.length;
  blocks.push({
    kind: 'paragraph',
    text: `Nedan följer svaren från ${own.length === 1 ? 'er kommun' : `${svarande(own.length)} i er kommun`}. ${nejCount ? `${cap(count(nejCount, 'fråga', 'frågor'))} av ${fmtInt(practices)} besvaras med ”Nej”; för varje ”Nej” finns en rekommendation nedan.` : 'Ingen fråga besvaras med ”Nej”.'}`,
  });
  blocks.push({
    kind: 'table',
    caption: 'Svar',
    columns: [
      { label: 'Fråga', width: 4.2 },
      { label: 'Svar', width: 1 },
      { label: 'Införandegrad', width: 1.3 },
    ],
    rows,
    emphasis,
  });
  // Rules on number items (e.g. CISO hours).
  for (const rule of ctx.ins.scoring?.rules ?? []) {
    const item = rule.item ? ctx.ins.items.find((i) => i.id === rule.item) : undefined;
    if (!item || item.type !== 'number') continue;
    const v = numericValue(ctx.ins, item, r.answers[item.id]);
    if (v !== null && v <= rule.max) nejRecs.unshift(rule.text);
  }
  if (nejRecs.length) {
    blocks.push({ kind: 'bullets', title: 'Rekommendationer', items: nejRecs });
    recs.push(...nejRecs);
  }
  return { id: 'informationssakerhet', heading: 'Svar och rekommendationer', blocks };
}

/** Rule-based recommendations from the instrument data, plus samverkan suggestions. */
function recommendationSection(ctx: Ctx, code: string, scores: MunicipalityScores | null, collected: string[]): Section {
  const out = [...collected];
  if (scores) {
    for (const rule of ctx.ins.scoring?.rules ?? []) {
      let hit = false;
      if (rule.item) {
        const item = ctx.ins.items.find((i) => i.id === rule.item);
        if (item?.type === 'number') continue; // handled with the answers
        const v = scores.items[rule.item]?.value;
        hit = v !== null && v !== undefined && v <= rule.max;
      } else if (rule.group) {
        const p = scores.groups[rule.group]?.pct;
        hit = p !== null && p !== undefined && p <= rule.max;
      }
      if (hit && !out.includes(rule.text)) out.push(rule.text);
    }
  }
  for (const c of regionOf(ctx).samverkanskandidater) {
    if (!c.municipalities.includes(code)) continue;
    const others = c.weak.count - 1;
    out.push(
      `${ctx.labels.get(c.itemId)} är svag även i ${count(others, 'annan kommun', 'andra kommuner')} i mätomgången – lyft den som samverkanskandidat i lämpligt forum.`,
    );
  }
  const unique = [...new Set(out)];
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: 'Rekommendationerna är framtagna regelbaserat ur instrumentets data: rekommendationer för ert fält i matrisen, för varje ”Nej”, för förbättringskandidater och för förmågor som är svaga i flera kommuner.',
    },
    { kind: 'bullets', items: unique.length ? unique : ['Inga regelbaserade rekommendationer utlöses av era svar.'] },
  ];
  return { id: 'rekommendationer', heading: 'Rekommendationer', blocks };
}

function appendixSection(ctx: Ctx, own: AnalysisResponse[]): Section {
  const blocks: Block[] = [];
  const table = distributionTable(
    ctx,
    'Era svar per fråga',
    'Bas: era svarande som besvarat frågan, ”Vet ej” inräknat; för flervalsfrågor andel av de svarande.',
    (item) => distributionOf(ctx, item, own),
  );
  if (table.rows.length) blocks.push(table);
  const texts = ctx.ins.items.filter((i) => i.type === 'text');
  for (const item of texts) {
    const answers = own.map((r) => r.answers[item.id]).filter((a): a is string => typeof a === 'string' && a.trim() !== '');
    if (!answers.length) continue;
    blocks.push({ kind: 'subheading', text: `Frisvar: ${truncate(item.text, 140)}` });
    blocks.push({ kind: 'bullets', items: answers.map((a) => a.trim()) });
  }
  if (!blocks.length) blocks.push({ kind: 'paragraph', text: 'Inga svar att redovisa.' });
  return { id: 'bilaga', heading: 'Bilaga: era svar', blocks };
}

