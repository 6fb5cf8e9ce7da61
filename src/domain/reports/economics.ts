// The delrapport's "IT-ekonomi" section (DOMAIN.md §8, Delrapport Mellerud 2021 §3.3) and the economics
// tables and charts the group report shares with it: TBM cost pools with shares, inside vs outside
// central IT, IT cost as a share of net cost against the benchmark and against the group, each figure
// with its year and source; quality flags as note paragraphs; synthesised figures labelled. Pure.
import type { BarsChart, StackedBarsChart } from '../charts/spec.ts';
import { POOL_LABELS } from '../economics/schema.ts';
import type { EconomicsYearView, GroupComparisonView, QualityFlag } from '../economics/view.ts';
import type { Block, Cell, ChartBlock, Column, ParagraphBlock, Section, TableBlock } from './model.ts';
import { fmtInt, fmtNum, fmtPct2, joinSv } from './swedish.ts';

export const SYNTHESISED_LABEL = 'syntetiska uppgifter';
export const SYNTHESISED_ECONOMICS_NOTE =
  'Syntetiska uppgifter: siffror markerade så är påhittade för demonstrationen (inte publicerade) och visar hur beräkningen görs, inte verkliga förhållanden.';

/** A benchmark share as published: "2,5 %", "2 %". */
const pctText = (v: number) => `${fmtNum(v)}\u00a0%`;
const kr = (v: number | null) => (v === null ? '–' : `${fmtInt(v)}\u00a0kr`);
const whole = (v: number | null) => (v === null ? null : Math.round(v));
/** " (syntetiska uppgifter)" after a caption whose figures are (partly) synthesised. */
export const synthSuffix = (synthesised: boolean) => (synthesised ? ` (${SYNTHESISED_LABEL})` : '');
const signedKr = (v: number) => `${v > 0 ? '+' : ''}${fmtInt(v)}\u00a0kr`;
const basisText: Record<NonNullable<EconomicsYearView['itCostBasis']>, string> = {
  pools: 'summan av kostnadspoolerna',
  budget: 'summan av budgetposterna',
  stated: 'den angivna totalsumman',
};

/** Quality flags as note paragraphs ("Att observera: …"), each message once. */
export function flagNotes(flags: readonly QualityFlag[]): ParagraphBlock[] {
  const seen = new Set<string>();
  const out: ParagraphBlock[] = [];
  for (const f of flags) {
    if (seen.has(f.message)) continue;
    seen.add(f.message);
    out.push({ kind: 'paragraph', style: 'note', text: `${f.severity === 'error' ? 'Fel i underlaget' : 'Att observera'}: ${f.message}` });
  }
  return out;
}

export const SHARE_COLUMNS: Column[] = [
  { label: 'Kommun', width: 1.4 },
  { label: 'År', format: 'text', width: 0.5 },
  { label: 'It-kostnad', format: 'sek' },
  { label: 'Verksamhetens nettokostnad', format: 'sek', width: 1.3 },
  { label: 'It-kostnad som andel av nettokostnaden', format: 'percent2' },
  { label: 'It-budget vid riktmärket', format: 'sek' },
  { label: 'Förändring till riktmärket', format: 'sek' },
];

/** Förstudierapporten's tabell 5, one row per municipality (and the group's totals): IT cost, net cost, share, budget at the benchmark and the change. */
export function shareTable(members: readonly EconomicsYearView[], totals: GroupComparisonView['totals'] | null, caption: string, year: number): TableBlock {
  const rows: Cell[][] = members.map((m) => [m.municipality, String(m.year), whole(m.itCost), whole(m.netCost), m.itShare, whole(m.budgetAtBenchmark), whole(m.changeToBenchmark)]);
  if (totals) rows.push(['Totalt', String(year), whole(totals.itCost), whole(totals.netCost), totals.itShare, whole(totals.budgetAtBenchmark), whole(totals.changeToBenchmark)]);
  const b = members[0]?.benchmark;
  return {
    kind: 'table',
    caption,
    columns: SHARE_COLUMNS.map((c) => (c.label === 'It-budget vid riktmärket' && b ? { ...c, label: `It-budget vid riktmärket (${fmtNum(b.share)}\u00a0%)` } : c)),
    rows,
    ...(totals ? { emphasis: [rows.length - 1] } : {}),
    ...(b ? { note: `Riktmärke ${fmtNum(b.share)}\u00a0% av verksamhetens nettokostnad (${b.year}): ${b.source}.` } : {}),
  };
}

/** IT share per municipality against the benchmark (a reference line); `own` drawn in the own colour, the group's share as its own bar. */
export function shareChart(members: readonly EconomicsYearView[], group: { label: string; share: number | null } | null, ownName: string | null, caption: string): ChartBlock {
  const rows = members.filter((m) => m.itShare !== null);
  const categories = [...rows.map((m) => m.municipality), ...(group && group.share !== null ? [group.label] : [])];
  const values = [...rows.map((m) => [m.itShare]), ...(group && group.share !== null ? [[group.share]] : [])];
  const b = rows[0]?.benchmark ?? members[0]?.benchmark;
  const chart: BarsChart = {
    type: 'bars',
    categories,
    series: [{ label: 'It-kostnad som andel av nettokostnaden', role: 'value' }],
    values,
    // Room for the benchmark line even when every share is below it.
    max: Math.ceil(Math.max(b?.share ?? 0, ...values.map((v) => v[0] ?? 0)) * 1.2 * 2) / 2,
    unit: '%',
    decimals: 2,
    ...(b ? { reference: { label: 'Riktmärke', value: b.share, role: 'target' as const } } : {}),
    ...(ownName ? { own: [ownName] } : {}),
  };
  const parts = rows.map((m) => `${m.municipality} ${fmtPct2(m.itShare)}`);
  if (group && group.share !== null) parts.push(`${group.label} ${fmtPct2(group.share)}`);
  return {
    kind: 'chart',
    caption,
    alt: `It-kostnaden som andel av verksamhetens nettokostnad: ${joinSv(parts)}${b ? `; riktmärket ${pctText(b.share)} (${b.year})` : ''}.`,
    chart,
  };
}

/** The pool mix (share of the IT cost per TBM pool) of one or more municipalities as 100 % bars. */
export function poolMixChart(members: readonly EconomicsYearView[], caption: string): ChartBlock | null {
  const withPools = members.filter((m) => m.pools.length);
  if (!withPools.length) return null;
  const alt = `Andel av it-kostnaden per kostnadspool: ${withPools
    .map((m) => `${m.municipality}: ${m.pools.map((p) => `${p.label.toLowerCase()} ${fmtPct2(p.share)}`).join(', ')}`)
    .join('; ')}.`;
  if (withPools.length === 1) {
    // One municipality: its pools as bars, largest first.
    const only = withPools[0];
    const chart: BarsChart = { type: 'bars', categories: only.pools.map((p) => p.label), series: [{ label: 'Andel av it-kostnaden', role: 'value' }], values: only.pools.map((p) => [p.share]), max: 0, unit: '%', sort: 'desc' };
    return { kind: 'chart', caption, alt, chart };
  }
  const pools = [...new Map(withPools.flatMap((m) => m.pools.map((p) => [p.pool, p.label] as const))).entries()];
  const chart: StackedBarsChart = {
    type: 'stackedBars',
    categories: withPools.map((m) => m.municipality),
    series: pools.map(([, label], i) => ({ label, role: 'level', level: i })),
    values: withPools.map((m) => pools.map(([pool]) => m.pools.find((p) => p.pool === pool)?.share ?? 0)),
    scale: 'sequential',
    levels: pools.length,
  };
  return { kind: 'chart', caption, alt, chart };
}

/** Inside vs outside central IT per pool: the municipality's own split where known, else the group's published shares. */
export function insideOutsideBlocks(view: EconomicsYearView | null, group: GroupComparisonView | null, caption: string): Block[] {
  const own = (view?.pools ?? []).filter((p) => p.insideShare !== null);
  const rows: Array<{ label: string; inside: number; source: string; year: number }> = own.length
    ? own.map((p) => ({ label: p.label, inside: p.insideShare as number, source: p.source || view!.source, year: view!.year }))
    : (group?.publishedInsideShares ?? []).map((p) => ({ label: p.label, inside: p.insidePercent, source: p.source, year: p.year }));
  if (!rows.length) return [];
  const sources = [...new Set(rows.map((r) => r.source).filter(Boolean))];
  const years = [...new Set(rows.map((r) => r.year))];
  const chart: StackedBarsChart = {
    type: 'stackedBars',
    categories: rows.map((r) => r.label),
    series: [
      { label: 'Inom central IT', role: 'level', level: 1 },
      { label: 'Utanför central IT', role: 'level', level: 0 },
    ],
    values: rows.map((r) => [r.inside, 100 - r.inside]),
    scale: 'sequential',
    levels: 2,
  };
  const whose = own.length ? '' : ` (${group!.group}, publicerade andelar)`;
  return [
    {
      kind: 'table',
      caption: `${caption}${whose}`,
      columns: [
        { label: 'Kostnadspool', width: 1.6 },
        { label: 'Inom central IT', format: 'percent' },
        { label: 'Utanför central IT', format: 'percent' },
        { label: 'År', format: 'text', width: 0.5 },
      ],
      rows: rows.map((r) => [r.label, r.inside, 100 - r.inside, String(r.year)]),
      ...(sources.length ? { note: `Källa: ${sources.join('; ')}.` } : {}),
    },
    {
      kind: 'chart',
      caption: `${caption}${whose}`,
      alt: `Andel av kostnaden inom och utanför central IT per kostnadspool (${years.join(', ')}): ${rows.map((r) => `${r.label.toLowerCase()} ${fmtInt(r.inside)}/${fmtInt(100 - r.inside)} %`).join(', ')}.`,
      chart,
    },
  ];
}

/** Other members of a group as "Kommun N" (the delrapport names only its own municipality). */
function anonymisedOthers(group: GroupComparisonView, ownCode: string): EconomicsYearView[] {
  let n = 0;
  return group.members.map((m) => (m.municipalityCode === ownCode ? m : { ...m, municipality: group.named ? `Kommun ${++n}` : m.municipality }));
}

export interface EconomicsSectionInput {
  /** The municipality's own year (its name shown). */
  view: EconomicsYearView;
  /** A group the municipality belongs to, for the same year; other members are shown anonymised. */
  group: GroupComparisonView | null;
  /** The round's year: when the economics year differs, the section says so. */
  roundYear?: number;
}

/** The delrapport's "IT-ekonomi" section. */
export function economicsSection({ view, group, roundYear }: EconomicsSectionInput): Section {
  const name = view.municipality;
  const y = view.year;
  const synth = view.synthesised;
  const blocks: Block[] = [];
  const cost =
    view.itCost === null
      ? `För ${name} finns inga it-kostnader för ${y}.`
      : `It-kostnaden för ${name} ${y} är ${kr(view.itCost)} (${view.itCostBasis ? basisText[view.itCostBasis] : 'angiven'}).`;
  const share =
    view.itShare === null
      ? ' Andelen av verksamhetens nettokostnad kan inte beräknas (nettokostnaden saknas).'
      : ` Det är ${fmtPct2(view.itShare)} av verksamhetens nettokostnad (${kr(view.netCost)}${view.netCostSource ? `, ${view.netCostSource}` : ''}).`;
  const bench =
    view.budgetAtBenchmark !== null && view.changeToBenchmark !== null
      ? ` Vid riktmärket ${pctText(view.benchmark.share)} (${view.benchmark.year}) vore it-budgeten ${kr(view.budgetAtBenchmark)}, en förändring med ${signedKr(Math.round(view.changeToBenchmark))}${
          view.budgetAtResearch !== null && view.benchmark.researchShare !== null ? `; vid forskningens ungefärliga ${pctText(view.benchmark.researchShare)} ${kr(view.budgetAtResearch)}` : ''
        }.`
      : '';
  const perInhabitant = view.costPerInhabitant !== null && view.population !== null ? ` Per invånare (${fmtInt(view.population)} invånare) är it-kostnaden ${kr(view.costPerInhabitant)}.` : '';
  blocks.push({ kind: 'paragraph', style: 'lead', text: `${cost}${view.itCost === null ? '' : share + bench + perInhabitant}` });
  if (roundYear !== undefined && roundYear !== y)
    blocks.push({
      kind: 'paragraph',
      style: 'note',
      text: y < roundYear ? `Uppgifterna gäller ${y}, det senaste året med it-ekonomi för kommunen före mätomgångens år ${roundYear}.` : `Det finns ingen it-ekonomi för kommunen för ${roundYear} eller tidigare; uppgifterna gäller ${y}, det senaste året.`,
    });
  if (synth) blocks.push({ kind: 'paragraph', style: 'note', text: SYNTHESISED_ECONOMICS_NOTE });

  if (view.pools.length) {
    const total = view.pools.reduce((s, p) => s + p.amount, 0);
    const rows: Cell[][] = view.pools.map((p) => [p.label, whole(p.amount), p.share, whole(p.inside), whole(p.outside)]);
    rows.push(['Totalt', whole(total), 100, view.inside === null ? null : whole(view.inside), view.outside === null ? null : whole(view.outside)]);
    blocks.push({ kind: 'subheading', text: 'Kostnadspooler' });
    blocks.push({
      kind: 'table',
      caption: `It-kostnader per kostnadspool (TBM) ${y}${synthSuffix(synth)}`,
      columns: [
        { label: 'Kostnadspool', width: 1.6 },
        { label: 'Belopp', format: 'sek' },
        { label: 'Andel', format: 'percent' },
        { label: 'Inom central IT', format: 'sek' },
        { label: 'Utanför central IT', format: 'sek' },
      ],
      rows,
      emphasis: [rows.length - 1],
      note: `Källa: ${view.source || 'ej angiven'}.${view.note ? ` ${view.note}` : ''}`,
    });
    const mix = poolMixChart([view], `Kostnadspoolernas andel av it-kostnaden ${y}${synthSuffix(synth)}`);
    if (mix) blocks.push(mix);
  }
  const io = insideOutsideBlocks(view, group, `Kostnad inom och utanför central IT per kostnadspool`);
  if (io.length) blocks.push({ kind: 'subheading', text: 'Inom och utanför central IT' }, ...io);
  if (view.towers.length) {
    blocks.push({
      kind: 'table',
      caption: `It-kostnader per arbetsområde ${y}${synthSuffix(synth)}`,
      columns: [{ label: 'Arbetsområde', width: 1.6 }, { label: 'Belopp', format: 'sek' }, { label: 'Andel', format: 'percent' }],
      rows: view.towers.map((t) => [t.label, whole(t.amount), t.share]),
    });
  }
  if (view.budgetLines.length) {
    const rows: Cell[][] = view.budgetLines.map((l) => [l.label, l.pool, whole(l.amount)]);
    rows.push(['Totalsumma', '', whole(view.budgetLines.reduce((s, l) => s + l.amount, 0))]);
    blocks.push({ kind: 'subheading', text: 'Budget per kostnadskategori' });
    blocks.push({
      kind: 'table',
      caption: `It-budget ${y} per kostnadskategori${synthSuffix(synth)}`,
      columns: [{ label: 'Kostnadskategori', width: 1.6 }, { label: 'TBM-kostnadspool', width: 1.4 }, { label: 'Belopp', format: 'sek' }],
      rows: rows.map((r, i) => (i < view.budgetLines.length ? [r[0], POOL_LABELS[view.budgetLines[i].pool], r[2]] : r)),
      emphasis: [rows.length - 1],
      note: `Källa: ${[...new Set(view.budgetLines.map((l) => l.source).filter(Boolean))].join('; ') || view.source || 'ej angiven'}.`,
    });
  }

  if (view.itShare !== null) {
    const members = group ? anonymisedOthers(group, view.municipalityCode).filter((m) => m.itShare !== null) : [view];
    const others = members.filter((m) => m.municipalityCode !== view.municipalityCode);
    blocks.push({ kind: 'subheading', text: others.length ? `Andel av nettokostnaden jämfört med riktmärket och ${group!.group}` : 'Andel av nettokostnaden jämfört med riktmärket' });
    if (others.length) {
      const mean = members.reduce((s, m) => s + (m.itShare as number), 0) / members.length;
      blocks.push({
        kind: 'paragraph',
        text: `I ${group!.group} (${members.length} kommuner, ${y}) är it-kostnaden ${fmtPct2(group!.totals.itShare)} av den sammanlagda nettokostnaden; medelvärdet av kommunernas andelar är ${fmtPct2(mean)}. ${name}: ${fmtPct2(view.itShare)}.`,
      });
    }
    const ownFirst = [view, ...others];
    blocks.push(shareTable(ownFirst, others.length ? group!.totals : null, `It-kostnad som andel av verksamhetens nettokostnad ${y}${synthSuffix(ownFirst.some((m) => m.synthesised))}`, y));
    blocks.push(
      shareChart(ownFirst, others.length ? { label: `${group!.group} totalt`, share: group!.totals.itShare } : null, name, `It-kostnad som andel av nettokostnaden jämfört med riktmärket ${y}${synthSuffix(ownFirst.some((m) => m.synthesised))}`),
    );
  }
  const flags = [...view.flags, ...(group?.flags ?? []).filter((f) => !f.municipalityCode || f.municipalityCode === view.municipalityCode)];
  blocks.push(...flagNotes(flags));
  blocks.push({
    kind: 'paragraph',
    style: 'note',
    text: `Underlag: ${[view.source, view.netCostSource && `nettokostnad: ${view.netCostSource}`, `riktmärke: ${view.benchmark.source}`, view.benchmark.researchSource && `forskningens riktvärde: ${view.benchmark.researchSource}`]
      .filter(Boolean)
      .join('; ')}.`,
  });
  return { id: 'it-ekonomi', heading: 'IT-ekonomi', blocks };
}
