// The regional indicators and the funding follow-up (DOMAIN.md §10) as a report model shaped like
// VGR Analys 2025:40: tables 1, 3, 5, 7 (Indikatorer | Förväntat | Utfall) and tables 2, 4, 6, 8 (Ansökan |
// Rekvirerat | Kvarstår). Rendered by src/reports/render like every other report. Pure.
import { YES_NO_INDICATORS, yesNo, type FundingFollowUp, type IndicatorRow } from '../portfolio/indicators.ts';
import type { Cell, ReportModel } from './model.ts';

export interface IndicatorReport {
  association: string;
  year: number;
  generatedAt: string;
  indicators: IndicatorRow[];
  funding: Array<{ name: string; reference: string; periodFrom: string | null; requisitionedUntil: string | null; followUp: FundingFollowUp }>;
}

export const INDICATOR_COLUMNS = [
  'Indikatorer',
  'Förväntat',
  'Utfall',
  'Enhet',
  'Beräknat i samverka',
  'Underlag',
  'Publicerat utfall',
  'Källa för publicerat utfall',
  'Kommentar',
];

/** Whether the outcome is computed, and from what: "Ja", "Ja, ur syntetiserade demodata" or "Nej". */
export const computedLabel = (i: Pick<IndicatorRow, 'computed' | 'synthesised'>) => (i.computed ? (i.synthesised ? 'Ja, ur syntetiserade demodata' : 'Ja') : 'Nej');

export const SYNTHESISED_NOTE =
  'Utfall beräknade ur syntetiserade demodata (påhittat deltagande, demonätverk eller fiktiva mätomgångar) visar hur indikatorn räknas, inte verkliga förhållanden; jämför med det publicerade utfallet och dess källa.';
export const FUNDING_COLUMNS = ['Kostnadsslag', 'Ansökan', 'Rekvirerat', 'Kvarstår'];

/** A yes/no indicator (e.g. "Delregionalt digitaliseringsnätverk är aktivt") reads Ja/Nej, others their figure. */
const value = (i: IndicatorRow, v: number | null): Cell => (YES_NO_INDICATORS.has(i.indicator) ? yesNo(v) : v);
const unit = (i: IndicatorRow) => (YES_NO_INDICATORS.has(i.indicator) ? 'ja/nej' : i.unit === 'procent' ? '%' : 'antal');

export function indicatorsReport(r: IndicatorReport): ReportModel {
  const date = r.generatedAt.slice(0, 10);
  const widths = [3, 0.8, 0.8, 0.7, 1, 2.6, 0.8, 1.6, 2];
  const formats = ['text', 'decimal', 'decimal', 'text', 'text', 'text', 'decimal', 'text', 'text'] as const;
  const synthesised = r.indicators.some((i) => i.synthesised);
  return {
    kind: 'indicators',
    title: `Indikatorer ${r.year}`,
    subtitle: r.association,
    landscape: true,
    preliminary: false,
    header: `Indikatorer ${r.year}`,
    footer: `${r.association} · genererad ${date} med samverka`,
    municipality: null,
    meta: { generatedAt: date, facts: [['År', String(r.year)], ['Framtagen', date]] },
    data: {
      sheet: 'Data',
      columns: [
        { label: 'Indikator' },
        { label: 'Förväntat', format: 'decimal' },
        { label: 'Utfall', format: 'decimal' },
        { label: 'Enhet' },
        { label: 'Uppnått' },
        { label: 'Beräknat i samverka' },
        { label: 'Antal', format: 'int' },
        { label: 'Bas', format: 'int' },
        { label: 'Underlag' },
        { label: 'Publicerat utfall', format: 'decimal' },
        { label: 'Källa för publicerat utfall' },
        { label: 'Kommentar' },
      ],
      rows: r.indicators.map((i) => [
        i.label,
        value(i, i.expected),
        value(i, i.outcome),
        unit(i),
        i.met === null ? null : i.met ? 'Ja' : 'Nej',
        computedLabel(i),
        i.count,
        i.n,
        i.base,
        value(i, i.reported),
        i.reportedSource,
        i.note,
      ]),
      note: `En rad per indikator ${r.year}. Antal och bas är räknade ur samverkansportföljen där utfallet är beräknat.`,
    },
    sections: [
      {
        id: 'indikatorer',
        heading: 'Indikatorer i beslut',
        sheet: 'Indikatorer',
        blocks: [
          {
            kind: 'paragraph',
            text: 'Utfall markerade som beräknade är räknade ur samverkansportföljen (deltagande i initiativ, aktiva nätverk, mätomgångar); övriga är rapporterade uppgifter. Där ett publicerat utfall finns visas det bredvid, med sin källa.',
          },
          ...(synthesised ? [{ kind: 'paragraph' as const, text: SYNTHESISED_NOTE }] : []),
          {
            kind: 'table',
            caption: `Indikatorer ${r.year}: förväntat och utfall`,
            columns: INDICATOR_COLUMNS.map((label, i) => ({ label, format: formats[i], width: widths[i] })),
            rows: r.indicators.map((i) => [
              i.label,
              value(i, i.expected),
              value(i, i.outcome),
              unit(i),
              computedLabel(i),
              i.base,
              value(i, i.reported),
              i.reportedSource,
              i.note,
            ]),
          },
        ],
      },
      ...r.funding.map((p, k) => {
        const requisitioned = `${FUNDING_COLUMNS[2]}${p.periodFrom || p.requisitionedUntil ? ` ${p.periodFrom ?? ''}–${p.requisitionedUntil ?? ''}` : ''}`;
        const rows = p.followUp.rows.map((x) => [x.label, x.applied, x.requisitioned, x.remaining]);
        rows.push(['Totalt', p.followUp.total.applied, p.followUp.total.requisitioned, p.followUp.total.remaining]);
        return {
          id: `medel-${k + 1}`,
          heading: `Rekvirerade medel: ${p.name}${p.reference ? ` (${p.reference})` : ''}`,
          sheet: `Medel ${p.name}`,
          blocks: [
            {
              kind: 'table' as const,
              caption: `${p.name}: ansökt, rekvirerat och kvarstående per kostnadsslag (kr)`,
              columns: [
                { label: FUNDING_COLUMNS[0], width: 1.5 },
                { label: FUNDING_COLUMNS[1], format: 'int' as const },
                { label: requisitioned, format: 'int' as const },
                { label: FUNDING_COLUMNS[3], format: 'signed' as const },
              ],
              rows,
              emphasis: [rows.length - 1],
            },
            ...(p.followUp.issues.length ? [{ kind: 'bullets' as const, title: 'Att kontrollera', items: p.followUp.issues }] : []),
          ],
        };
      }),
    ],
  };
}
