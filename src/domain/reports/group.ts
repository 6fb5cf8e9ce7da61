// The group report "Jämförelse för en grupp kommuner" (DOMAIN.md §8–9): the Förstudierapport 4D's
// tabell 3 (IT budget per category and municipality with Totalsumma), tabell 4 (the savings scenario,
// computed from its cells and, where a published table was imported, the published row beside it with
// the flag naming both figures), tabell 5 (IT cost, net cost, share, budget at the benchmark and change),
// the cost-sharing model and Bilaga 5 (risk × municipality), with charts and the quality flags.
// Municipalities are named only where the viewer may see names (the views say so: `named`); otherwise
// "Kommun N", and every real name in other texts is redacted. Pure.
import type { BarsChart } from '../charts/spec.ts';
import { DEFAULT_CATEGORIES, POOL_LABELS, type TbmPool } from '../economics/schema.ts';
import type { CostSharingView, EconomicsYearView, GroupComparisonView, QualityFlag, SavingsView } from '../economics/view.ts';
import type { RiskHeatmapView } from '../risk/view.ts';
import { redactMunicipalities } from './common.ts';
import { flagNotes, poolMixChart, shareChart, shareTable, synthSuffix, SYNTHESISED_ECONOMICS_NOTE } from './economics.ts';
import type { Block, Cell, ReportModel, Section, TableBlock } from './model.ts';
import { riskGroupBlocks } from './risks.ts';
import { fmtInt, fmtNum, joinSv, kommuner } from './swedish.ts';

export const GROUP_REPORT_TITLE = 'Jämförelse för en grupp kommuner';

export interface GroupReportInput {
  comparison: GroupComparisonView;
  /** Bilaga 5: the group's risk × municipality heatmap (null: no risks). */
  heatmap: RiskHeatmapView | null;
  association: string;
  generatedAt: string;
  /** Every member's real name by code: redacted from all texts when the comparison is not named. */
  memberNames: Record<string, string>;
  /** Data-quality warnings of the risk assessments (e.g. a municipality name the source misspells). */
  riskFlags?: readonly string[];
}

const kr = (v: number) => `${fmtInt(v)}\u00a0kr`;
const whole = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));
const sum = (xs: ReadonlyArray<number | null>) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
const memberColumns = (members: readonly { municipality: string }[]) => members.map((m) => ({ label: m.municipality, format: 'sek' as const }));

/** Local budget categories in the order of the default list, then the municipalities' own in order of appearance. */
function categoriesOf(members: readonly EconomicsYearView[]): Array<{ id: string; label: string; pool: TbmPool }> {
  const seen = new Map<string, { id: string; label: string; pool: TbmPool }>();
  for (const m of members) for (const l of m.budgetLines) if (!seen.has(l.category)) seen.set(l.category, { id: l.category, label: l.label, pool: l.pool });
  const order = (id: string) => {
    const i = DEFAULT_CATEGORIES.findIndex((c) => c.id === id);
    return i < 0 ? DEFAULT_CATEGORIES.length : i;
  };
  return [...seen.values()].sort((a, b) => order(a.id) - order(b.id));
}

/** Tabell 3: IT budget per category × municipality, Totalsumma (the parts' sum; a stated total that differs is flagged). */
export function budgetTable(c: GroupComparisonView): TableBlock {
  const cats = categoriesOf(c.members);
  const rows: Cell[][] = cats.map((cat) => {
    const cells = c.members.map((m) => whole(m.budgetLines.find((l) => l.category === cat.id)?.amount));
    return [cat.label, POOL_LABELS[cat.pool], ...cells, sum(cells)];
  });
  const totals = c.members.map((m) => whole(sum(m.budgetLines.map((l) => l.amount))));
  rows.push(['Totalsumma', '', ...totals, sum(totals)]);
  const synth = c.members.some((m) => m.synthesised);
  return {
    kind: 'table',
    caption: `Respektive kommuns it-budget för ${c.year}, klassificerad enligt TBM-ramverket${synthSuffix(synth)}`,
    columns: [{ label: 'Kostnadskategori', width: 1.4 }, { label: 'TBM-kostnadspool', width: 1.3 }, ...memberColumns(c.members), { label: 'Totalt', format: 'sek' }],
    rows,
    emphasis: [rows.length - 1],
    note: `Totalsumma = summan av kategorierna; en angiven totalsumma som avviker flaggas nedan. Källa: ${sourcesOf(c.members.flatMap((m) => [...m.budgetLines.map((l) => l.source), m.source]))}.`,
  };
}

const sourcesOf = (xs: readonly string[]) => [...new Set(xs.filter(Boolean))].join('; ') || 'ej angiven';

/** The published "Besparingspotential" figures that differ from the cells' sum (the flags naming both figures). */
const publishedFlags = (s: SavingsView) => s.flags.filter((f) => f.code.startsWith('published') && typeof f.stated === 'number');

/** Tabell 4 for one scenario: saving per category × municipality, the computed row and (if imported) the published row. */
export function savingsTable(s: SavingsView, members: readonly { municipalityCode: string; municipality: string }[]): TableBlock {
  const rows: Cell[][] = s.percentages.map((p) => {
    const cells = members.map((m) => whole(s.cells.find((x) => x.municipalityCode === m.municipalityCode && x.category === p.category)?.saving));
    return [`${p.label} (${fmtNum(p.percent)} %)`, ...cells, whole(s.perCategory.find((x) => x.category === p.category)?.saving) ?? sum(cells)];
  });
  const computed = members.map((m) => whole(s.perMunicipality.find((x) => x.municipalityCode === m.municipalityCode)?.saving));
  rows.push(['Besparingspotential (summan av cellerna)', ...computed, whole(s.total)]);
  const emphasis = [rows.length - 1];
  const pub = publishedFlags(s);
  const notes: string[] = [];
  if (pub.length) {
    const byCode = new Map(pub.filter((f) => f.municipalityCode).map((f) => [f.municipalityCode as string, f]));
    const total = pub.find((f) => !f.municipalityCode);
    rows.push(['Besparingspotential (publicerad)', ...members.map((m, i) => whole(byCode.get(m.municipalityCode)?.stated ?? computed[i])), whole(total?.stated ?? s.total)]);
    emphasis.push(rows.length - 1);
    for (const f of pub) {
      const who = f.municipalityCode ? (members.find((m) => m.municipalityCode === f.municipalityCode)?.municipality ?? f.municipalityCode) : 'Totalt';
      notes.push(`${who}: publicerad ${kr(f.stated as number)}, summan av cellerna ${kr(whole(f.computed) ?? 0)}`);
    }
  }
  return {
    kind: 'table',
    caption: `${s.name} ${s.year}: besparing per utgiftspost och kommun${synthSuffix(s.synthesised)}`,
    columns: [{ label: 'Utgiftspost', width: 1.8 }, ...memberColumns(members), { label: 'Totalsumma', format: 'sek' }],
    rows,
    emphasis,
    note: `${notes.length ? `Den publicerade raden avviker från cellerna (samverkas scenario använder cellerna): ${notes.join('; ')}. ` : ''}Varje cell är avrundad till hela kronor. Källa: ${s.source || 'ej angiven'}.`,
  };
}

function savingsChart(s: SavingsView, members: readonly { municipalityCode: string; municipality: string }[]): Block {
  const values = members.map((m) => [whole(s.perMunicipality.find((x) => x.municipalityCode === m.municipalityCode)?.saving)]);
  const chart: BarsChart = { type: 'bars', categories: members.map((m) => m.municipality), series: [{ label: 'Besparingspotential', role: 'value' }], values, max: 0, unit: 'kr' };
  return {
    kind: 'chart',
    caption: `${s.name} ${s.year}: besparingspotential per kommun${synthSuffix(s.synthesised)}`,
    alt: `Besparingspotential per kommun, summan av cellerna: ${members.map((m, i) => `${m.municipality} ${kr(values[i][0] ?? 0)}`).join(', ')}; totalt ${kr(whole(s.total) ?? 0)}.`,
    chart,
  };
}

/** The cost-sharing model: each member's base share, charges per driver and total. */
export function costSharingTable(cs: CostSharingView): TableBlock {
  const rows: Cell[][] = cs.members.map((m) => [m.municipality, whole(m.base), ...cs.charges.map((ch) => whole(m.byDriver.find((d) => d.driver === ch.driver)?.charge)), whole(m.total)]);
  rows.push(['Totalt', whole(sum(cs.members.map((m) => m.base))), ...cs.charges.map((ch) => whole(ch.amount)), whole(cs.total)]);
  return {
    kind: 'table',
    caption: `${cs.name} ${cs.year}: avgift per kommun${synthSuffix(cs.synthesised)}`,
    columns: [{ label: 'Kommun', width: 1.4 }, { label: 'Basfinansiering (lika delar)', format: 'sek' }, ...cs.charges.map((ch) => ({ label: `${ch.label} (efter förbrukning)`, format: 'sek' as const })), { label: 'Totalt', format: 'sek' }],
    rows,
    emphasis: [rows.length - 1],
    note: `Basbeloppet ${kr(cs.baseAmount)} delas lika; ${cs.charges.length ? `${cs.charges.map((c) => `${c.label.toLowerCase()} ${kr(c.amount)}`).join(', ')} fördelas efter respektive kommuns andel av drivaren` : 'inga förbrukningsbaserade avgifter'}. Källa: ${cs.source || 'ej angiven'}.`,
  };
}

/** Every quality flag of the comparison, each message once (members, scenarios, cost sharing, the group). */
export function allFlags(c: GroupComparisonView): QualityFlag[] {
  return [...c.flags, ...c.members.flatMap((m) => m.flags), ...c.savings.flatMap((s) => s.flags), ...c.costSharing.flatMap((x) => x.flags)];
}

export function buildGroupReport(input: GroupReportInput): ReportModel {
  const { comparison: c, heatmap } = input;
  const y = c.year;
  const members = c.members;
  const synth = members.some((m) => m.synthesised) || c.savings.some((s) => s.synthesised) || c.costSharing.some((x) => x.synthesised);
  const names = joinSv(members.map((m) => m.municipality));
  const flags = allFlags(c);
  const sections: Section[] = [];

  const about: Block[] = [
    {
      kind: 'paragraph',
      style: 'lead',
      text: `Jämförelsen gäller ${c.group}: ${kommuner(members.length)} (${names}), år ${y}. Den återger it-budgeten per kostnadskategori, en besparingsuppskattning, it-kostnaden som andel av verksamhetens nettokostnad mot riktmärket${
        c.costSharing.length ? ', en kostnadsfördelningsmodell' : ''
      }${heatmap ? ' och riskanalysen per kommun' : ''}.`,
    },
    {
      kind: 'paragraph',
      text: c.named
        ? 'Kommunerna redovisas med namn: förbundet har publicerat jämförelsen med namn, eller läsaren får se alla kommuners uppgifter.'
        : 'Kommunerna redovisas anonymiserade (Kommun 1…N): jämförelsen är inte publicerad med namn, och läsaren får inte se de andra kommunernas uppgifter med namn.',
    },
  ];
  if (synth) about.push({ kind: 'paragraph', style: 'note', text: SYNTHESISED_ECONOMICS_NOTE });
  if (flags.length) about.push({ kind: 'paragraph', style: 'note', text: `Underlaget har ${flags.length === 1 ? 'en kvalitetsflagga' : `${flags.length} kvalitetsflaggor`}; de står vid tabellerna och samlade under Datakvalitet.` });
  sections.push({ id: 'om', heading: 'Om jämförelsen', sheet: 'Om jämförelsen', blocks: about });

  if (members.some((m) => m.budgetLines.length)) {
    const budgetFlags = members.flatMap((m) => m.flags).filter((f) => f.code === 'total_mismatch' || f.code === 'pools_vs_budget');
    const mix = poolMixChart(members, `Kostnadspoolernas andel av it-kostnaden ${y}${synthSuffix(members.some((m) => m.synthesised))}`);
    sections.push({
      id: 'tabell-3',
      heading: 'It-budget per kostnadskategori',
      sheet: 'Tabell 3',
      blocks: [budgetTable(c), ...flagNotes(budgetFlags), ...(mix ? [mix] : [])],
    });
  }

  if (c.savings.length) {
    const blocks: Block[] = [];
    for (const s of c.savings) {
      blocks.push({ kind: 'subheading', text: s.name });
      if (s.note) blocks.push({ kind: 'paragraph', text: s.note });
      blocks.push(savingsTable(s, members), ...flagNotes(s.flags), savingsChart(s, members));
    }
    sections.push({ id: 'tabell-4', heading: 'Besparingspotential', sheet: 'Tabell 4', blocks });
  }

  if (members.some((m) => m.itCost !== null)) {
    const b = members[0].benchmark;
    const shareFlags = [...c.flags, ...members.flatMap((m) => m.flags)].filter((f) => f.code === 'missing_net_cost');
    sections.push({
      id: 'tabell-5',
      heading: 'It-kostnad som andel av nettokostnaden',
      sheet: 'Tabell 5',
      blocks: [
        {
          kind: 'paragraph',
          text: `It-kostnaden som andel av verksamhetens nettokostnad ${y}, och vad it-budgeten vore vid riktmärket ${fmtNum(b.share)} % (${b.year}; ${b.source})${
            b.researchShare !== null ? `. Forskningens ungefärliga riktvärde är ${fmtNum(b.researchShare)} %${b.researchSource ? ` (${b.researchSource})` : ''}` : ''
          }. Totalt är it-kostnaden ${kr(whole(c.totals.itCost) ?? 0)} av ${kr(whole(c.totals.netCost) ?? 0)}; vid riktmärket ${kr(whole(c.totals.budgetAtBenchmark) ?? 0)}, en förändring med ${kr(whole(c.totals.changeToBenchmark) ?? 0)}.`,
        },
        shareTable(members, c.totals, `It-enhetens kostnader som andel av verksamhetens nettokostnader ${y}${synthSuffix(members.some((m) => m.synthesised))}`, y),
        ...flagNotes(shareFlags),
        shareChart(members, { label: `${c.group} totalt`, share: c.totals.itShare }, null, `It-kostnad som andel av nettokostnaden jämfört med riktmärket ${y}`),
      ],
    });
  }

  if (c.costSharing.length)
    sections.push({
      id: 'kostnadsfordelning',
      heading: 'Kostnadsfördelning',
      sheet: 'Kostnadsfördelning',
      blocks: c.costSharing.flatMap((cs): Block[] => [
        { kind: 'subheading', text: cs.name },
        ...(cs.note ? [{ kind: 'paragraph' as const, text: cs.note }] : []),
        costSharingTable(cs),
        ...flagNotes(cs.flags),
      ]),
    });

  if (heatmap && heatmap.rows.length)
    sections.push({
      id: 'bilaga-5',
      heading: 'Risker vid utebliven samverkan',
      sheet: 'Bilaga 5',
      blocks: [
        {
          kind: 'paragraph',
          text: `${heatmap.rows.length} risker i ${heatmap.themes.length} teman, bedömda per kommun: ${heatmap.municipalities.map((m) => `${m.municipality} ${m.assessed} bedömda, ${m.serious} allvarliga`).join('; ')}.`,
        },
        ...riskGroupBlocks(heatmap),
      ],
    });

  sections.push({
    id: 'datakvalitet',
    heading: 'Datakvalitet',
    blocks:
      flags.length || input.riskFlags?.length
        ? [
            ...flagNotes(flags).map((p) => ({ ...p, style: 'normal' as const })),
            ...(input.riskFlags ?? []).map((text) => ({ kind: 'paragraph' as const, text: `Att observera (risker): ${text.replace(/\.?$/, '.')}` })),
          ]
        : [{ kind: 'paragraph', text: 'Inga avvikelser i underlaget har upptäckts: totalsummorna stämmer med sina delar.' }],
  });

  const model: ReportModel = {
    kind: 'group',
    title: GROUP_REPORT_TITLE,
    subtitle: `${c.group} · ${y} · ${input.association}`,
    landscape: members.length > 4,
    preliminary: false,
    header: `${GROUP_REPORT_TITLE}: ${c.group} ${y}`,
    footer: `${input.association} · genererad ${input.generatedAt} med samverka`,
    municipality: null,
    meta: {
      generatedAt: input.generatedAt,
      demo: synth || undefined,
      facts: [
        ['Grupp', c.group],
        ['År', String(y)],
        ['Kommuner', c.named ? names : `${kommuner(members.length)} (anonymiserade)`],
        ['Framtagen', input.generatedAt],
      ],
    },
    data: {
      sheet: 'Data',
      columns: [
        { label: 'Kommun' },
        { label: 'År', format: 'int' },
        { label: 'Kostnadskategori' },
        { label: 'TBM-kostnadspool' },
        { label: 'Belopp', format: 'sek' },
        { label: 'Källa' },
        { label: 'Syntetiska uppgifter' },
      ],
      rows: members.flatMap((m) => m.budgetLines.map((l): Cell[] => [m.municipality, m.year, l.label, POOL_LABELS[l.pool], l.amount, l.source || m.source, m.synthesised ? 'Ja' : 'Nej'])),
      note: 'En rad per kommun och budgetpost (utan summarader).',
    },
    sections,
  };
  if (model.meta.demo === undefined) delete model.meta.demo;
  return c.named ? model : redactMunicipalities(model, input.memberNames);
}
