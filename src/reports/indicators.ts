// The regional indicators and the funding follow-up as a workbook shaped like seeds/002
// (tables 1, 3, 5, 7: Indikatorer | Förväntat | Utfall; tables 2, 4, 6, 8: Ansökan | Rekvirerat | Kvarstår).
import type { FundingFollowUp, IndicatorRow } from '../domain/portfolio/indicators.ts';
import type { ReportDocument } from './document.ts';

export interface IndicatorReport {
  association: string;
  year: number;
  generatedAt: string;
  indicators: IndicatorRow[];
  funding: Array<{ name: string; reference: string; periodFrom: string | null; requisitionedUntil: string | null; followUp: FundingFollowUp }>;
}

export const INDICATOR_COLUMNS = ['Indikatorer', 'Förväntat', 'Utfall', 'Enhet', 'Beräknat i samverka', 'Underlag', 'Rapporterat utfall', 'Kommentar'];
export const FUNDING_COLUMNS = ['Kostnadsslag', 'Ansökan', 'Rekvirerat', 'Kvarstår'];

export function indicatorsDocument(r: IndicatorReport): ReportDocument {
  return {
    title: `Indikatorer ${r.year}`,
    subtitle: r.association,
    meta: [
      ['År', String(r.year)],
      ['Framtagen', r.generatedAt.slice(0, 10)],
    ],
    blocks: [
      { kind: 'heading', text: 'Indikatorer i beslut' },
      {
        kind: 'paragraph',
        text: 'Utfall markerade som beräknade är räknade ur samverkansportföljen (deltagande i initiativ, aktiva nätverk, mätomgångar); övriga är rapporterade uppgifter.',
      },
      {
        kind: 'table',
        sheet: 'Indikatorer',
        columns: [
          { header: INDICATOR_COLUMNS[0], width: 3 },
          { header: INDICATOR_COLUMNS[1], format: 'number', width: 0.8 },
          { header: INDICATOR_COLUMNS[2], format: 'number', width: 0.8 },
          { header: INDICATOR_COLUMNS[3], width: 0.7 },
          { header: INDICATOR_COLUMNS[4], width: 0.8 },
          { header: INDICATOR_COLUMNS[5], width: 3 },
          { header: INDICATOR_COLUMNS[6], format: 'number', width: 0.8 },
          { header: INDICATOR_COLUMNS[7], width: 2 },
        ],
        rows: r.indicators.map((i) => [
          i.label,
          i.expected,
          i.outcome,
          i.unit === 'procent' ? '%' : 'antal',
          i.computed ? 'Ja' : 'Nej',
          i.base,
          i.reported,
          i.note,
        ]),
      },
      ...r.funding.flatMap((p) => [
        { kind: 'heading' as const, text: `Rekvirerade medel: ${p.name}${p.reference ? ` (${p.reference})` : ''}` },
        {
          kind: 'table' as const,
          sheet: `Medel ${p.name}`,
          columns: [
            { header: FUNDING_COLUMNS[0], width: 1.5 },
            { header: FUNDING_COLUMNS[1], format: 'int' as const },
            {
              header: `${FUNDING_COLUMNS[2]}${p.periodFrom || p.requisitionedUntil ? ` ${p.periodFrom ?? ''}–${p.requisitionedUntil ?? ''}` : ''}`,
              format: 'int' as const,
            },
            { header: FUNDING_COLUMNS[3], format: 'signedSek' as const },
          ],
          rows: p.followUp.rows.map((x) => [x.label, x.applied, x.requisitioned, x.remaining]),
          totalRow: ['Totalt', p.followUp.total.applied, p.followUp.total.requisitioned, p.followUp.total.remaining],
        },
        ...(p.followUp.issues.length ? [{ kind: 'bullets' as const, items: p.followUp.issues }] : []),
      ]),
    ],
  };
}
