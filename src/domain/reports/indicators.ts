// The regional follow-up (DOMAIN.md §10) as a report model shaped like VGR Analys 2025:40: per association an
// indicator table (Indikatorer | Förväntat | Utfall (publicerat) | Beräknat utfall | Bas; tables 1, 3, 5, 7) and a
// funding table (Ansökan | Rekvirerat period | Kvarstår; tables 2, 4, 6, 8), with the flags in a method and
// quality appendix. One association (indicatorsReport: the association's own export) or the region's four
// (regionReport in region.ts). Rendered by src/reports/render like every other report. Pure.
import {
  FOLLOW_UP_FLAG_LABELS,
  YES_NO_INDICATORS,
  yesNo,
  type AssociationFollowUp,
  type FundingProjectView,
  type IndicatorRow,
} from '../portfolio/indicators.ts';
import type { Block, Cell, ReportModel, Section } from './model.ts';

export const INDICATOR_COLUMNS = ['Indikatorer', 'Förväntat', 'Utfall (publicerat)', 'Beräknat utfall', 'Bas'];
export const FUNDING_COLUMNS = ['Kostnadsslag', 'Ansökan', 'Rekvirerat', 'Kvarstår'];

export const SYNTHESISED_NOTE =
  'Utfall beräknade ur syntetiserade demodata (påhittat deltagande, demonätverk eller fiktiva mätomgångar) visar hur indikatorn räknas, inte verkliga förhållanden; jämför med det publicerade utfallet och dess källa.';

/** The marks on a computed outcome: "syntetiserade demodata", "ofullständigt underlag". */
export const computedMarks = (i: IndicatorRow): string[] =>
  i.computed ? [...(i.computed.synthesised ? ['syntetiserade demodata'] : []), ...(i.computed.incomplete ? ['ofullständigt underlag'] : [])] : [];

/** A figure as the published tables write it: "15", "50 %"; a yes/no indicator "Ja (4)" with its count; null stays null. */
export function indicatorText(i: Pick<IndicatorRow, 'indicator' | 'unit'>, v: number | null): string | null {
  if (v === null) return null;
  if (YES_NO_INDICATORS.has(i.indicator)) return `${yesNo(v)} (${String(v).replace('.', ',')})`;
  return i.unit === 'procent' ? `${String(v).replace('.', ',')} %` : String(v).replace('.', ',');
}

/** "15 (per aug. 2025)" for the published outcome. */
export const publishedText = (i: IndicatorRow): string | null =>
  i.published ? `${indicatorText(i, i.published.value)}${i.published.asOf ? ` (per ${i.published.asOf})` : ''}` : null;

/** "16 – syntetiserade demodata" for the computed outcome; "ej beräknat" without one. */
export const computedText = (i: IndicatorRow): string => {
  if (!i.computed) return 'ej beräknat';
  const marks = computedMarks(i);
  return `${indicatorText(i, i.computed.value) ?? '–'}${marks.length ? ` – ${marks.join(', ')}` : ''}`;
};

/** The base of the computed outcome ("aktörer: 12 deltagande medlemskommuner och 4 andra aktörer; n = 14"). */
export const baseText = (i: IndicatorRow): string =>
  i.computed ? `${i.computed.base}${i.computed.n !== null ? `; n = ${i.computed.n}` : ''}` : i.notComputed;

const period = (p: FundingProjectView) =>
  p.requisitionedFrom || p.requisitionedUntil ? `${p.requisitionedFrom ?? '…'}–${p.requisitionedUntil ?? '…'}` : '';

/** The published sources of an association's figures (indicator outcomes and funding tables), distinct. */
export function sourcesOf(f: AssociationFollowUp): string[] {
  return [...new Set([...f.indicators.map((i) => i.published?.source ?? ''), ...f.funding.map((p) => p.source)].filter(Boolean))];
}

/** The indicator table and the funding tables of one association. */
export function associationBlocks(f: AssociationFollowUp, tableNumbers?: { indicators: string; funding: string }): Block[] {
  const asOf = [...new Set(f.indicators.map((i) => i.published?.asOf).filter(Boolean))].join(', ');
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Definition: ${f.association.indicatorDefinition || 'ingen egen definition angiven'} ${f.association.actorsIncludeMunicipalities ? 'Medlemskommunerna räknas bland aktörerna.' : 'Kommunerna och förbundet självt räknas inte bland aktörerna.'} Förbundet har ${f.association.members} medlemskommuner.`, style: 'note' },
  ];
  if (f.indicators.length)
    blocks.push({
      kind: 'table',
      caption: `${tableNumbers ? `${tableNumbers.indicators}: ` : ''}Indikatorer i beslut för ${f.association.name} ${f.year}${asOf ? ` – utfall per ${asOf}` : ''}`,
      columns: [
        { label: INDICATOR_COLUMNS[0], width: 2.6 },
        { label: INDICATOR_COLUMNS[1], width: 0.8 },
        { label: INDICATOR_COLUMNS[2], width: 1.1 },
        { label: INDICATOR_COLUMNS[3], width: 1.3 },
        { label: INDICATOR_COLUMNS[4], width: 2.6 },
      ],
      rows: f.indicators.map((i) => [i.label, indicatorText(i, i.expected), publishedText(i), computedText(i), baseText(i)]),
      note: [...new Set(f.indicators.map((i) => i.published?.source).filter(Boolean))].map((s) => `Publicerat utfall: ${s}.`).join(' ') || undefined,
    });
  else blocks.push({ kind: 'paragraph', text: `Inga indikatorer är registrerade för ${f.year}.` });
  const notes = f.indicators.filter((i) => i.note).map((i) => `${i.label}: ${i.note}`);
  if (notes.length) blocks.push({ kind: 'bullets', title: 'Kommentarer till publicerat utfall', items: notes });
  for (const [k, p] of f.funding.entries()) {
    const rows: Cell[][] = p.followUp.rows.map((x) => [x.label, x.applied, x.requisitioned, x.remaining]);
    rows.push(['Totalt (summa av raderna)', p.followUp.total.applied, p.followUp.total.requisitioned, p.followUp.total.remaining]);
    const s = p.followUp.stated;
    if (s) rows.push(['Totalt (som publicerat)', s.applied, s.requisitioned, s.remaining]);
    const unit = p.followUp.unit === 'kr' ? '' : `; källans tabell anger ${p.followUp.unit}`;
    blocks.push({
      kind: 'table',
      caption: `${tableNumbers && f.funding.length === 1 ? `${tableNumbers.funding}: ` : ''}Rekvirerade medel: ${p.name}${p.reference ? ` (${p.reference})` : ''}, ${f.association.name} (kr${unit})`,
      columns: [
        { label: FUNDING_COLUMNS[0], width: 1.6 },
        { label: FUNDING_COLUMNS[1], format: 'int' },
        { label: `${FUNDING_COLUMNS[2]}${period(p) ? ` ${period(p)}` : ''}`, format: 'int' },
        { label: FUNDING_COLUMNS[3], format: 'signed' },
      ],
      rows,
      emphasis: s ? [rows.length - 2, rows.length - 1] : [rows.length - 1],
      note: [p.caption ? `Publicerad tabell: ${p.caption}.` : '', p.source ? `Källa: ${p.source}.` : '', k === 0 && p.followUp.rows.some((r) => r.overspent) ? 'Negativt Kvarstår = mer rekvirerat än ansökt.' : '']
        .filter(Boolean)
        .join(' ') || undefined,
    });
  }
  if (!f.funding.length) blocks.push({ kind: 'paragraph', text: 'Inga projektmedel är registrerade.' });
  return blocks;
}

/** The method and quality appendix: definitions, marks and every flag with figure, expected and found value. */
export function methodSection(all: AssociationFollowUp[]): Section {
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: 'Tre skilda uppgifter visas för varje indikator: förväntat värde i beslutet, utfallet som det publicerats (med källa och datum) och utfallet som samverka beräknar ur sina egna data (med bas). Ingen ersätter någon annan. Ett beräknat utfall markeras när det vilar på syntetiserade demodata eller på ofullständigt underlag.',
    },
    {
      kind: 'paragraph',
      text: 'Medlen: Kvarstår = Ansökan − Rekvirerat per kostnadsslag; negativt Kvarstår flaggas. Tabellens Totalt-rad och enhet behålls som publicerade och kontrolleras mot raderna, mot Ansökan − Rekvirerat och mot de beslutade medlen.',
    },
  ];
  if (all.some((f) => f.indicators.some((i) => i.computed?.synthesised))) blocks.push({ kind: 'paragraph', text: SYNTHESISED_NOTE, style: 'note' });
  const flagRows: Cell[][] = all.flatMap((f) =>
    f.flags.map((x) => [f.association.name, FOLLOW_UP_FLAG_LABELS[x.code], x.subject, x.expected ?? null, x.actual ?? null, x.difference ?? null, x.message]),
  );
  blocks.push(
    flagRows.length
      ? {
          kind: 'table',
          caption: 'Kvalitetsflaggor: siffra, förväntat och funnet värde',
          columns: [
            { label: 'Förbund', width: 1.4 },
            { label: 'Flagga', width: 1.4 },
            { label: 'Siffra', width: 1.8 },
            { label: 'Förväntat', format: 'int' },
            { label: 'Funnet', format: 'int' },
            { label: 'Differens', format: 'signed' },
            { label: 'Beskrivning', width: 3.2 },
          ],
          rows: flagRows,
        }
      : { kind: 'paragraph', text: 'Inga kvalitetsflaggor.' },
  );
  const definitions = all.flatMap((f) => f.indicators.map((i) => `${f.association.name} – ${i.label}: ${i.definition}`));
  if (definitions.length) blocks.push({ kind: 'bullets', title: 'Definitioner', items: definitions });
  const sources = [...new Set(all.flatMap(sourcesOf))];
  if (sources.length) blocks.push({ kind: 'bullets', title: 'Källor', items: sources });
  return { id: 'metod', heading: 'Metod och datakvalitet', sheet: 'Metod och kvalitet', blocks };
}

/** The flat data sheet: one row per association and indicator, the three figures in their own columns. */
export function indicatorData(all: AssociationFollowUp[]): NonNullable<ReportModel['data']> {
  return {
    sheet: 'Data',
    columns: [
      { label: 'Förbund' },
      { label: 'Indikator' },
      { label: 'Enhet' },
      { label: 'Förväntat', format: 'decimal' },
      { label: 'Publicerat utfall', format: 'decimal' },
      { label: 'Publicerat per' },
      { label: 'Källa för publicerat utfall' },
      { label: 'Beräknat utfall', format: 'decimal' },
      { label: 'Bas' },
      { label: 'n', format: 'int' },
      { label: 'Antal', format: 'int' },
      { label: 'Syntetiserade demodata' },
      { label: 'Ofullständigt underlag' },
      { label: 'Definition' },
      { label: 'Kommentar' },
    ],
    rows: all.flatMap((f) =>
      f.indicators.map((i) => [
        f.association.name,
        i.label,
        YES_NO_INDICATORS.has(i.indicator) ? 'ja/nej (antal)' : i.unit === 'procent' ? '%' : 'antal',
        i.expected,
        i.published?.value ?? null,
        i.published?.asOf ?? '',
        i.published?.source ?? '',
        i.computed?.value ?? null,
        baseText(i),
        i.computed?.n ?? null,
        i.computed?.count ?? null,
        i.computed ? (i.computed.synthesised ? 'Ja' : 'Nej') : '',
        i.computed ? (i.computed.incomplete ? 'Ja' : 'Nej') : '',
        i.definition,
        i.note,
      ]),
    ),
    note: 'En rad per förbund och indikator: förväntat, publicerat och beräknat utfall i var sin kolumn.',
  };
}

/** One association's indicators and funds (its own export from the indicator page and the CLI). */
export function indicatorsReport(r: AssociationFollowUp & { generatedAt: string }): ReportModel {
  const date = r.generatedAt.slice(0, 10);
  return {
    kind: 'indicators',
    title: `Indikatorer och rekvirerade medel ${r.year}`,
    subtitle: r.association.name,
    landscape: true,
    preliminary: false,
    header: `Indikatorer ${r.year}`,
    footer: `${r.association.name} · genererad ${date} med samverka`,
    municipality: null,
    meta: { generatedAt: date, facts: [['Förbund', r.association.name], ['År', String(r.year)], ['Framtagen', date]] },
    data: indicatorData([r]),
    sections: [{ id: 'indikatorer', heading: `Indikatorer och medel: ${r.association.name}`, sheet: 'Indikatorer', blocks: associationBlocks(r) }, methodSection([r])],
  };
}

/** Re-exported for the pages: what a row's computed outcome is marked with. */
export const computedLabel = (i: IndicatorRow) => (i.computed ? (computedMarks(i).length ? `Ja, ur ${computedMarks(i).join(' och ')}` : 'Ja') : 'Nej');
