// The regional report (DOMAIN.md §6, Analysrapport 2024): anonymised. Method (instrument, round, period,
// response rates, what each base means), one section per area with charts, a generated sentence per
// figure with its base, "Utmaningar", a summary per area; for maturity instruments the spider chart
// (regional min / mean / max) and the quadrant matrix; samverkanskandidater; gaps against target;
// data-quality notes; appendix tables. No municipality name or code appears anywhere: municipalities
// are "Kommun 1…N" (the labels of the report's view, analysis/viewer.ts). Pure.
import { quadrantKey, type Item } from '../instruments/schema.ts';
import type { DistributionFigure, RegionalStat } from '../analysis/index.ts';
import {
  areasOf,
  basesBullets,
  degreeLabels,
  distributionTable,
  distributionSentence,
  extremes,
  instrumentParagraph,
  isScoredType,
  makeCtx,
  modelShell,
  quadrantChart,
  radarGroups,
  quadrantModel,
  qualityBlocks,
  rateTable,
  roundParagraph,
  selectionText,
  smallNote,
  stackedChart,
  stackedChartBlock,
  stackedFamilies,
  suppressedSentence,
  visible,
  redactMunicipalities,
  redactionFor,
  type Area,
  type Ctx,
  type ReportInput,
} from './common.ts';
import { regionalFlatData } from './flat.ts';
import { publishedMethodBlocks, publishedSection } from './published.ts';
import type { Block, Column, ReportModel, Section, TableBlock } from './model.ts';
import { cap, count, fmtInt, fmtPct, joinSv, kommuner, q, svarande, truncate } from './swedish.ts';

export function buildRegionalReport(input: ReportInput): ReportModel {
  const ctx = makeCtx(input);
  const labels = Object.fromEntries(input.round.municipalities.map((c) => [c, input.view.label(c)]));
  const sections: Section[] = [];
  const areas = areasOf(ctx.ins);
  const challenges = new Map<string, string[]>();
  const areaSections = areas.map((a) => areaSection(ctx, a, labels, challenges));

  sections.push(summarySection(ctx, challenges));
  const method = methodSection(ctx);
  // Published aggregates (issue 14): said and cited in the method section, with their flags, and shown as published.
  const published = input.published?.figures.length ? input.published : null;
  if (published) method.blocks.push(...publishedMethodBlocks(published));
  sections.push(method);
  const pubSection = published ? publishedSection(published) : null;
  if (pubSection) sections.push(pubSection);
  const maturity = maturitySection(ctx, labels);
  if (maturity) sections.push(maturity);
  // A round with only published aggregates has no answers to compute the area sections from.
  if (!(published && !input.responses.length)) sections.push(...areaSections);
  const samverkan = samverkanSection(ctx);
  if (samverkan) sections.push(samverkan);
  const gap = gapSection(ctx);
  if (gap) sections.push(gap);
  sections.push({ id: 'datakvalitet', heading: 'Datakvalitet', blocks: qualityBlocks(ctx, 'region') });
  sections.push(appendixSection(ctx));

  const r = input.round;
  const model = modelShell(
    ctx,
    'regional',
    `${ctx.ins.title} – regional rapport`,
    `${r.title} · ${r.periodStart} – ${r.periodEnd} · ${input.association}`,
    `${ctx.ins.title} – regional rapport`,
    null,
    sections,
  );
  model.data = regionalFlatData(ctx, labels);
  // No municipality is named: every known municipality and those of the round.
  return redactMunicipalities(model, redactionFor(input));
}

function respondingMunicipalities(ctx: Ctx): number {
  return new Set(ctx.input.responses.map((r) => r.municipality)).size;
}

function summarySection(ctx: Ctx, challenges: Map<string, string[]>): Section {
  const r = ctx.input.round;
  const m = respondingMunicipalities(ctx);
  const blocks: Block[] = [];
  const small = Object.keys(ctx.input.view.leftOut).length;
  const who = ctx.selfAssessment
    ? `${cap(count(m, 'kommun', 'kommuner'))} av ${fmtInt(r.municipalities.length)} i mätomgången har lämnat sin självskattning.`
    : ctx.input.published?.figures.length && !ctx.input.responses.length
      ? `Mätomgången innehåller publicerade aggregat ur ${joinSv(ctx.input.published.sources.map((s) => `”${s}”`))} och inga enskilda svar; siffrorna återges som de publicerades.`
      : `Av ${kommuner(r.municipalities.length)} i mätomgången har ${fmtInt(m)} lämnat svar, sammanlagt ${svarande(ctx.input.responses.length)}.`;
  blocks.push({
    kind: 'paragraph',
    style: 'lead',
    text: `Rapporten redovisar resultatet av mätomgången ${q(r.title)} med instrumentet ${q(ctx.ins.title)}. ${who} Resultatet redovisas utan kommunnamn; varje deltagande kommun får en egen delrapport där kommunens resultat jämförs med det samlade resultatet.`,
  });
  if (small) blocks.push({ kind: 'paragraph', text: smallNote(ctx, small) });
  const bullets: string[] = [];
  const overall = ctx.analysis.region.overall.pct.municipalityWeighted;
  if (overall.mean !== null && (ctx.ins.dimensions.length || ctx.ins.groups.length))
    bullets.push(
      `Sammantaget når kommunerna i genomsnitt ${fmtPct(overall.mean)} av skalans maximum (${kommuner(overall.n)}; lägst ${fmtPct(overall.min)}, högst ${fmtPct(overall.max)}).`,
    );
  const qc = ctx.analysis.region.quadrantCounts;
  if (qc && qc.n > 0)
    bullets.push(`Av ${kommuner(qc.n)} placeras ${joinSv(quadrantKey.options.map((k) => `${fmtInt(qc.counts[k])} i fält ${k}`))}.`);
  const cands = ctx.analysis.samverkanskandidater.slice(0, 3);
  if (cands.length)
    bullets.push(
      `Samverkanskandidater – svaga i flest kommuner: ${joinSv(cands.map((c) => `${ctx.labels.get(c.itemId)} (${fmtInt(c.weak.count)} av ${kommuner(c.weak.n)})`))}.`,
    );
  const allChallenges = [...challenges.values()].flat();
  if (allChallenges.length) bullets.push(`Områden med utmaningar: ${joinSv([...challenges.keys()].map((k) => k.toLowerCase()))} (se avsnitten).`);
  if (r.status !== 'closed') bullets.push('Mätomgången är inte stängd; alla siffror är preliminära.');
  if (bullets.length) blocks.push({ kind: 'bullets', title: 'I korthet', items: bullets });
  return { id: 'sammanfattning', heading: 'Sammanfattning', blocks };
}

function methodSection(ctx: Ctx): Section {
  const r = ctx.input.round;
  const m = respondingMunicipalities(ctx);
  const small = Object.keys(ctx.input.view.leftOut).length;
  return {
    id: 'metod',
    heading: 'Metod och underlag',
    blocks: [
      { kind: 'paragraph', text: instrumentParagraph(ctx) },
      { kind: 'paragraph', text: roundParagraph(ctx) },
      {
        kind: 'paragraph',
        text: `${cap(kommuner(r.municipalities.length))} ingick i mätomgången och ${fmtInt(m + small)} har lämnat svar${small ? `, varav ${fmtInt(m)} ingår i de regionala värdena` : ''}. ${selectionText(ctx)}`,
      },
      rateTable(ctx, ctx.input.sample, 'Svarsfrekvens per respondenttyp'),
      { kind: 'bullets', title: 'Vad underlaget (basen) betyder', items: basesBullets(ctx, true) },
      {
        kind: 'paragraph',
        style: 'note',
        text: 'Som utmaning redovisas en fråga där minst en fjärdedel anger de lägsta svarsalternativen och fler anger de lägsta än de högsta, samt de vanligaste hindren i flervalsfrågor om hinder.',
      },
    ],
  };
}

/** Per area: charts, a sentence per question, "Utmaningar" and a summary. */
function areaSection(ctx: Ctx, area: Area, labels: Record<string, string>, challengesOut: Map<string, string[]>): Section {
  const blocks: Block[] = [];
  if (area.description) blocks.push({ kind: 'paragraph', text: area.description });
  const baseText = ctx.selfAssessment ? 'kommunerna' : 'de svarande';

  // Charts: one stacked-bar chart per scale family, one bar chart per multi-select question.
  for (const fam of stackedFamilies(ctx.ins, area.items)) {
    const rows = fam.items
      .map((item) => ({ item, fig: ctx.dist.get(item.id) }))
      .filter((r): r is { item: Item; fig: DistributionFigure } => !!r.fig && r.fig.n > 0 && !!visible(ctx, r.fig));
    for (let i = 0; i < rows.length; i += 20) {
      const chunk = rows.slice(i, i + 20);
      const scaleLabel = ctx.ins.scales.find((s) => s.id === fam.items[0].scale)?.label;
      const caption = `${area.label}: svarsfördelning${scaleLabel ? ` (${scaleLabel.toLowerCase()})` : ''}${rows.length > 20 ? `, del ${i / 20 + 1}` : ''}`;
      blocks.push(stackedChartBlock(caption, stackedChart(ctx, fam, chunk), baseText));
    }
  }
  if (ctx.selfAssessment) {
    const heat = heatmapBlock(ctx, area, labels);
    if (heat) blocks.push(heat);
  }

  // A sentence per question.
  for (const item of area.items) {
    const fig = ctx.dist.get(item.id);
    if (!fig) continue;
    blocks.push({ kind: 'subheading', text: truncate(item.text, 160) });
    const shown = fig.n > 0 ? visible(ctx, fig) : fig;
    if (!shown) {
      blocks.push({ kind: 'paragraph', text: suppressedSentence(ctx, fig) });
      continue;
    }
    const munis = ctx.answeringMunicipalities.get(item.id)?.size ?? 0;
    blocks.push({ kind: 'paragraph', text: distributionSentence(ctx, item, fig, munis, 'region', degreeLabels(ctx.ins, item, ctx.input.responses)) });
    if (item.type === 'multi' && fig.perRespondent && fig.n > 0) {
      blocks.push({
        kind: 'chart',
        caption: `${ctx.labels.get(item.id)}: andel av de svarande som anger alternativet`,
        alt: `Stapeldiagram: andel av ${svarande(fig.perRespondent.n)} som anger respektive alternativ. ${fig.perRespondent.options.map((o) => `${o.label} ${fmtPct(o.percent)}`).join(', ')}.`,
        chart: {
          type: 'bars',
          categories: fig.perRespondent.options.map((o) => o.label),
          series: [{ label: `Andel av de svarande (n = ${fmtInt(fig.perRespondent.n)})`, role: 'value' }],
          values: fig.perRespondent.options.map((o) => [o.percent]),
          max: 100,
          unit: '%',
        },
      });
    }
  }

  // Utmaningar.
  const challenges = areaChallenges(ctx, area);
  if (challenges.length) challengesOut.set(area.label, challenges);
  blocks.push({ kind: 'bullets', title: 'Utmaningar', items: challenges.length ? challenges : ['Inga frågor i området uppfyller kriteriet för utmaning.'] });

  // Summary of the area.
  const summary = areaSummary(ctx, area);
  if (summary) blocks.push({ kind: 'paragraph', style: 'lead', text: summary });
  return { id: `omrade-${area.id}`, heading: area.label, blocks };
}

function areaChallenges(ctx: Ctx, area: Area): string[] {
  const scored: Array<{ share: number; text: string }> = [];
  const out: string[] = [];
  for (const item of area.items) {
    const fig = ctx.dist.get(item.id);
    if (!fig || fig.n === 0 || !visible(ctx, fig)) continue;
    const label = ctx.labels.get(item.id) ?? item.id;
    if (isScoredType(item)) {
      const { low, high } = extremes(ctx.ins, item, fig.options);
      const lowN = low.reduce((s, o) => s + o.count, 0);
      const highN = high.reduce((s, o) => s + o.count, 0);
      if (lowN / fig.n >= 0.25 && lowN > highN) {
        const base = fig.base === 'municipalities' ? kommuner(fig.n) : svarande(fig.n);
        scored.push({
          share: lowN / fig.n,
          text: `${label}: ${fmtInt(lowN)} av ${base} (${fmtPct((lowN / fig.n) * 100)}) anger ${joinSv(low.map((o) => q(o.label)), 'eller')}.`,
        });
      }
    } else if (item.type === 'yesno_degree') {
      const nej = fig.options.find((o) => o.code === 'nej')?.count ?? 0;
      if (nej / fig.n >= 0.25) {
        const base = fig.base === 'municipalities' ? kommuner(fig.n) : svarande(fig.n);
        scored.push({ share: nej / fig.n, text: `${truncate(item.text, 110)} ${fmtInt(nej)} av ${base} (${fmtPct((nej / fig.n) * 100)}) svarar ”Nej”.` });
      }
    } else if (item.type === 'multi' && /hinder/i.test(item.text) && fig.perRespondent) {
      const top = [...fig.perRespondent.options].filter((o) => o.count > 0).sort((a, b) => b.count - a.count).slice(0, 2);
      if (top.length)
        out.push(
          `${label}: vanligast är ${joinSv(top.map((o) => `${q(o.label)} (${fmtInt(o.count)} av ${svarande(fig.perRespondent!.n)})`))}.`,
        );
    }
  }
  scored.sort((a, b) => b.share - a.share);
  return [...scored.slice(0, 6).map((s) => s.text), ...out];
}

function areaSummary(ctx: Ctx, area: Area): string | null {
  const g = ctx.analysis.region.groups[area.id]?.pct.municipalityWeighted;
  const items = area.items
    .map((i) => ({ i, pct: ctx.analysis.region.items[i.id]?.pct.municipalityWeighted.mean ?? null }))
    .filter((x): x is { i: Item; pct: number } => x.pct !== null);
  const parts: string[] = [];
  if (g && g.mean !== null)
    parts.push(
      `Området ${area.label.toLowerCase()} når i genomsnitt ${fmtPct(g.mean)} av skalans maximum (medelvärdet av ${kommuner(g.n)}s värden; lägst ${fmtPct(g.min)}, högst ${fmtPct(g.max)}).`,
    );
  if (items.length >= 2) {
    const sorted = [...items].sort((a, b) => b.pct - a.pct);
    const best = sorted[0];
    const worst = sorted[sorted.length - 1];
    parts.push(`Starkast är ${ctx.labels.get(best.i.id)} (${fmtPct(best.pct)}), svagast ${ctx.labels.get(worst.i.id)} (${fmtPct(worst.pct)}).`);
  }
  return parts.length ? `Sammanfattning: ${parts.join(' ')}` : null;
}

/** Heatmap of items × anonymised municipalities (self-assessment instruments). */
function heatmapBlock(ctx: Ctx, area: Area, labels: Record<string, string>): Block | null {
  const items = area.items.filter(isScoredType);
  const munis = ctx.analysis.municipalityScores.filter((m) => m.n > 0);
  if (!items.length || munis.length < 2) return null;
  const order = [...munis].sort((a, b) => Number(labels[a.municipality].slice(7)) - Number(labels[b.municipality].slice(7)));
  const scale = ctx.ins.scales.find((s) => s.id === items[0].scale);
  const scored = (scale?.options ?? []).filter((o) => o.value !== null);
  const values = scored.map((o) => o.value as number);
  return {
    kind: 'chart',
    caption: `${area.label}: bedömning per kommun (anonymiserad)`,
    alt: `Värmekarta med ${count(items.length, 'förmåga', 'förmågor')} som rader och ${kommuner(order.length)} (Kommun 1–${order.length}) som kolumner; färgen visar kommunens bedömning från ${scored[0]?.label ?? 'lägst'} till ${scored[scored.length - 1]?.label ?? 'högst'}.`,
    chart: {
      type: 'heatmap',
      rows: items.map((i) => ctx.labels.get(i.id) ?? i.id),
      columns: order.map((m) => labels[m.municipality].replace('Kommun ', 'K')),
      values: items.map((i) => order.map((m) => m.items[i.id]?.value ?? null)),
      min: values.length ? Math.min(...values) : 0,
      max: values.length ? Math.max(...values) : 1,
      legend: scored.map((o) => ({ value: o.value as number, label: o.label })),
      scale: 'sequential',
    },
  };
}

/** Maturity (instruments with dimensions): dimension table, spider chart and quadrant matrix. */
function maturitySection(ctx: Ctx, labels: Record<string, string>): Section | null {
  const ins = ctx.ins;
  if (!ins.dimensions.length) return null;
  const reg = ctx.analysis.region;
  const blocks: Block[] = [];
  blocks.push({
    kind: 'paragraph',
    text: `Mognaden redovisas i ${count(ins.dimensions.length, 'dimension', 'dimensioner')} – ${joinSv(ins.dimensions.map((d) => d.label.toLowerCase()))} – som procent av skalans maximum. Regionens värde är medelvärdet av kommunernas värden; det respondentviktade medelvärdet (alla svar sammanslagna) visas för jämförelse.`,
  });
  blocks.push(
    statTable(
      'Dimensioner: procent av skalans maximum',
      { label: 'Dimension', width: 2 },
      ins.dimensions.map((d) => [d.label, reg.dimensions[d.id]?.pct]),
      false,
    ),
  );
  const items = ins.items.filter((i) => reg.items[i.id]);
  if (items.length >= 3) {
    const stat = (i: Item) => reg.items[i.id].pct.municipalityWeighted;
    blocks.push({
      kind: 'chart',
      caption: 'Spindeldiagram: lägsta, genomsnittliga och högsta värdet bland kommunerna per förmåga (procent av skalan)',
      alt: `Spindeldiagram över ${count(items.length, 'förmåga', 'förmågor')} med kommunernas lägsta, genomsnittliga och högsta värde i procent av skalan (${kommuner(reg.municipalities.n)}). ${items
        .map((i) => `${ctx.labels.get(i.id)} ${fmtPct(stat(i).mean)}`)
        .join(', ')}.`,
      chart: {
        type: 'radar',
        axes: items.map((i) => ctx.labels.get(i.id) ?? i.id),
        ...radarGroups(ins, items),
        max: 100,
        unit: '%',
        series: [
          { label: 'Lägst', values: items.map((i) => stat(i).min), role: 'lowest' },
          { label: 'Genomsnitt', values: items.map((i) => stat(i).mean), role: 'mean' },
          { label: 'Högst', values: items.map((i) => stat(i).max), role: 'highest' },
        ],
      },
    });
  }
  const model = quadrantModel(ins);
  if (model) {
    const { quad, xs, ys } = model;
    const eligible = ctx.analysis.municipalityScores.filter(
      (m) => m.quadrant?.key && m.quadrant.x !== null && m.quadrant.y !== null && !ctx.input.view.withholds(m.municipality, m.n),
    );
    const hidden = ctx.analysis.municipalityScores.filter((m) => m.quadrant?.key).length - eligible.length;
    const points = eligible
      .map((m) => ({ label: labels[m.municipality], x: m.quadrant!.x as number, y: m.quadrant!.y as number }))
      .sort((a, b) => Number(a.label.slice(7)) - Number(b.label.slice(7)));
    blocks.push({
      kind: 'chart',
      caption: `Matris: kommunerna placerade efter ${xs.toLowerCase()} och ${ys.toLowerCase()} (anonymiserad)`,
      alt: `Kvadrantmatris med ${kommuner(points.length)}; x-axeln är ${xs.toLowerCase()}, y-axeln ${ys.toLowerCase()}, gränser vid ${fmtPct(quad.thresholds.x)} och ${fmtPct(quad.thresholds.y)}. ${points
        .map((p) => `${p.label}: ${fmtPct(p.x)}, ${fmtPct(p.y)}`)
        .join('; ')}.`,
      chart: quadrantChart(model, points),
    });
    const qc = reg.quadrantCounts;
    if (qc && qc.n > 0)
      blocks.push({
        kind: 'paragraph',
        text: `Av ${kommuner(qc.n)} placeras ${joinSv(quadrantKey.options.map((k) => `${fmtInt(qc.counts[k])} i fält ${k} (${quad.quadrants[k].label.toLowerCase()})`))}.${
          hidden > 0 ? ` ${cap(count(hidden, 'kommun', 'kommuner'))} med färre än ${ctx.suppressionMin} svarande visas inte som egna punkter i matrisen men ingår i antalen.` : ''
        }`,
      });
    blocks.push({
      kind: 'table',
      caption: 'Fälten i matrisen',
      columns: [
        { label: 'Fält', width: 0.4 },
        { label: 'Benämning', width: 1.6 },
        { label: 'Beskrivning', width: 3.4 },
        { label: 'Fas', width: 1.2 },
        { label: 'Kommuner', format: 'int', width: 0.8 },
      ],
      rows: quadrantKey.options.map((k) => [k, quad.quadrants[k].label, quad.quadrants[k].description, quad.quadrants[k].phase, qc?.counts[k] ?? 0]),
    });
  }
  return { id: 'mognad', heading: 'Samlad mognad', blocks };
}

function samverkanSection(ctx: Ctx): Section | null {
  const cands = ctx.analysis.samverkanskandidater;
  const hasWeakness = ctx.ins.items.some((i) => i.type === 'capability');
  if (!cands.length && !hasWeakness) return null;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Samverkanskandidater är förmågor eller frågor som är svaga i minst ${kommuner(ctx.ins.scoring?.samverkanMinMunicipalities ?? 3)}. De är en utgångspunkt för gemensamma initiativ (samverkansportföljen).`,
    },
  ];
  if (!cands.length) blocks.push({ kind: 'paragraph', text: 'Ingen förmåga är svag i tillräckligt många kommuner för att bli samverkanskandidat.' });
  else {
    for (const c of cands.slice(0, 10)) {
      const item = ctx.ins.items.find((i) => i.id === c.itemId);
      const opt = item ? ctx.ins.scales.find((s) => s.id === item.scale)?.options.filter((o) => o.value !== null && o.value <= c.threshold).map((o) => o.label) : [];
      blocks.push({
        kind: 'paragraph',
        text: `Av ${kommuner(c.weak.n)} bedömer ${fmtInt(c.weak.count)} (${fmtPct(c.weak.percent)}) ${q(ctx.labels.get(c.itemId) ?? c.itemId)} som svag${opt?.length ? ` (${joinSv(opt.map(q), 'eller')})` : ''}.`,
      });
    }
    const t: TableBlock = {
      kind: 'table',
      caption: 'Samverkanskandidater (bas: kommuner med en bedömning)',
      columns: [
        { label: 'Förmåga/fråga', width: 3 },
        { label: 'Svag i', format: 'int' },
        { label: 'Av kommuner', format: 'int' },
        { label: 'Andel', format: 'percent' },
        { label: 'Gräns (högst)', format: 'decimal' },
      ],
      rows: cands.map((c) => [ctx.labels.get(c.itemId) ?? c.itemId, c.weak.count, c.weak.n, c.weak.percent, c.threshold]),
    };
    blocks.push(t);
  }
  return { id: 'samverkan', heading: 'Samverkanskandidater', blocks };
}

function gapSection(ctx: Ctx): Section | null {
  const gs = ctx.analysis.gapSummary;
  if (!gs.length) return null;
  const blocks: Block[] = [];
  const critical = gs.filter((g) => g.marker === '**' && g.belowTarget.count > 0);
  blocks.push({
    kind: 'paragraph',
    text: `Målnivån (målbilden) anges i instrumentet per ${ctx.ins.items.some((i) => i.type === 'capability') ? 'förmåga' : 'fråga'}; ** markerar en kritisk förmåga och * en förmåga som kräver kontinuerligt lärande. ${
      critical.length
        ? `Under målnivån för kritiska förmågor: ${joinSv(critical.map((g) => `${ctx.labels.get(g.itemId)} (${fmtInt(g.belowTarget.count)} av ${kommuner(g.belowTarget.n)})`))}.`
        : 'Ingen kommun ligger under målnivån för en kritisk förmåga.'
    }`,
  });
  blocks.push({
    kind: 'table',
    caption: 'Gap mot målnivå (bas: kommuner med en bedömning)',
    columns: [
      { label: 'Förmåga', width: 3 },
      { label: 'Målnivå', format: 'decimal' },
      { label: 'Markering', width: 0.8 },
      { label: 'Under mål', format: 'int' },
      { label: 'Av kommuner', format: 'int' },
      { label: 'Andel', format: 'percent' },
      { label: 'Medelgap', format: 'decimal' },
      { label: 'Största gap', format: 'decimal' },
    ],
    rows: gs.map((g) => [ctx.labels.get(g.itemId) ?? g.itemId, g.target, g.marker ?? '', g.belowTarget.count, g.belowTarget.n, g.belowTarget.percent, g.meanGap, g.maxGap]),
  });
  return { id: 'gap', heading: 'Gap mot målnivå', blocks };
}

function appendixSection(ctx: Ctx): Section {
  const blocks: Block[] = [
    distributionTable(
      ctx,
      'Svarsfördelning per fråga',
      'Bas: svarande (kommuner för självskattningar) som besvarat frågan, ”Vet ej” inräknat; för flervalsfrågor andel av de svarande (kan summera till mer än 100 %).',
      (item) => {
        const fig = ctx.dist.get(item.id);
        return fig && fig.n > 0 && visible(ctx, fig) ? fig : null;
      },
    ),
  ];
  const numberItems = ctx.ins.items.filter((i) => i.type === 'number');
  for (const item of numberItems) {
    const fig = ctx.dist.get(item.id);
    if (!fig?.numeric || fig.n === 0 || !visible(ctx, fig)) continue;
    blocks.push({
      kind: 'table',
      caption: `${ctx.labels.get(item.id)}${item.unit ? ` (${item.unit})` : ''}`,
      columns: [{ label: 'Mått', width: 2 }, { label: 'Värde', format: 'decimal' }],
      rows: [
        ['Antal svar', fig.numeric.n],
        ['Median', fig.numeric.median],
        ['Medelvärde', fig.numeric.mean],
        ['Lägst', fig.numeric.min],
        ['Högst', fig.numeric.max],
      ],
    });
  }
  const reg = ctx.analysis.region;
  const scored = ctx.ins.items.filter((i) => reg.items[i.id]);
  if (scored.length)
    blocks.push(
      statTable(
        'Resultat per fråga: procent av skalan (bas: kommuner; respondentviktat för jämförelse)',
        { label: 'Fråga', width: 3 },
        scored.map((i) => [ctx.labels.get(i.id) ?? i.id, reg.items[i.id].pct]),
        true,
      ),
    );
  return { id: 'bilaga', heading: 'Bilaga: tabeller', blocks };
}

/**
 * Regional statistics (percent of scale) per row: municipalities, mean, median (optional), lowest,
 * highest and the respondent-weighted mean; a row without a statistic shows 0 municipalities.
 */
function statTable(caption: string, first: Column, rows: Array<[string, RegionalStat | undefined]>, withMedian: boolean): TableBlock {
  const pct = (label: string): Column => ({ label, format: 'percent' });
  return {
    kind: 'table',
    caption,
    columns: [first, { label: 'Kommuner', format: 'int' }, pct('Medel'), ...(withMedian ? [pct('Median')] : []), pct('Lägst'), pct('Högst'), pct('Respondentviktat')],
    rows: rows.map(([label, s]) => {
      const m = s?.municipalityWeighted;
      return [label, m?.n ?? 0, m?.mean ?? null, ...(withMedian ? [m?.median ?? null] : []), m?.min ?? null, m?.max ?? null, s?.respondentWeighted.mean ?? null];
    }),
  };
}
