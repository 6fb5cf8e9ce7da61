// The handlingsplan (DOMAIN.md §7) as a report model: the prioritised initiatives of a period in rank
// order, the needs behind them and the qualification criteria. Rendered to PDF, DOCX and XLSX by the
// same renderers as the round reports (src/reports/render). Pure.
import type { HandlingsplanModel } from '../portfolio/handlingsplan.ts';
import type { ReportModel } from './model.ts';

export const HANDLINGSPLAN_COLUMNS = [
  'Rang',
  'Initiativ',
  'Steg',
  'Omfattning',
  'Verksamhetsområde',
  'Period',
  'Deltagande kommuner',
  'Intresserade kommuner',
  'Andra aktörer',
  'Viktad poäng (1–5)',
  'Uppskattad kostnad (kr)',
  'Ekonomisk nytta (kr/år)',
  'Frigjord tid (timmar/år)',
  'Finansiering',
];

const list = (xs: string[]) => (xs.length ? xs.join(', ') : '–');

export function handlingsplanReport(m: HandlingsplanModel): ReportModel {
  const period = m.period.from === m.period.to ? String(m.period.from) : `${m.period.from}–${m.period.to}`;
  const date = m.generatedAt.slice(0, 10);
  const rows = m.rows.map((r) => [
    r.rank,
    r.title,
    r.stage,
    r.scope,
    r.area || '–',
    r.period,
    list(r.participating),
    list(r.interested),
    list(r.actors),
    r.weightedScore,
    r.estimatedCost,
    r.sekPerYear,
    r.hoursPerYear,
    r.funding || '–',
  ]);
  rows.push(['', 'Summa', '', '', '', '', '', '', '', null, m.totals.estimatedCost, m.totals.sekPerYear, m.totals.hoursPerYear, '']);
  const formats = ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'decimal', 'sek', 'sek', 'int', 'text'] as const;
  const widths = [0.6, 2.2, 1, 1, 1.2, 1, 1.8, 1.8, 1.2, 0.8, 1.1, 1.1, 0.9, 1.6];
  return {
    kind: 'handlingsplan',
    title: m.title,
    subtitle: m.association,
    landscape: true,
    preliminary: false,
    header: `Handlingsplan ${period}`,
    footer: `${m.association} · genererad ${date} med samverka`,
    municipality: null,
    meta: {
      generatedAt: date,
      facts: [
        ['Period', period],
        ['Framtagen', date],
        ['Antal initiativ', String(m.totals.initiatives)],
        ['Deltagande kommuner', String(m.totals.municipalities)],
      ],
    },
    sections: [
      {
        id: 'initiativ',
        heading: 'Prioriterade initiativ',
        sheet: 'Handlingsplan',
        blocks: [
          {
            kind: 'paragraph',
            text:
              'Initiativ i steget Prioriterad eller Genomförande vars planerade period överlappar handlingsplanens period, ' +
              'i rangordning efter viktad kvalificeringspoäng: summan av vikt × poäng (1–5) delad med summan av vikterna för de bedömda kriterierna. ' +
              'Initiativ som inte är bedömda på alla kriterier rangordnas efter de fullständigt bedömda.',
          },
          {
            kind: 'table',
            caption: `Handlingsplan ${period}`,
            columns: HANDLINGSPLAN_COLUMNS.map((label, i) => ({ label, format: formats[i], width: widths[i] })),
            rows,
            emphasis: [rows.length - 1],
          },
          ...(m.rows.some((r) => r.need)
            ? [{ kind: 'bullets' as const, title: 'Behov per initiativ', items: m.rows.filter((r) => r.need).map((r) => `${r.title}: ${r.need}`) }]
            : []),
        ],
      },
      {
        id: 'kriterier',
        heading: 'Kvalificeringskriterier',
        sheet: 'Kriterier',
        blocks: [
          {
            kind: 'table',
            caption: 'Kriterier och vikter',
            columns: [
              { label: 'Kriterium', width: 1.2 },
              { label: 'Vikt', format: 'decimal', width: 0.5 },
              { label: 'Beskrivning', width: 4 },
            ],
            rows: m.criteria.map((c) => [c.label, c.weight, c.description]),
          },
          ...(m.notes.length ? [{ kind: 'bullets' as const, title: 'Att observera', items: m.notes }] : []),
        ],
      },
    ],
  };
}
