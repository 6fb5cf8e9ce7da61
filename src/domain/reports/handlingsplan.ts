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
/** Estimates in whole kronor and hours, scores with two decimals: no floating-point tails in sums or in Excel. */
const whole = (v: number | null) => (v === null ? null : Math.round(v));
const score = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

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
    score(r.weightedScore),
    whole(r.estimatedCost),
    whole(r.sekPerYear),
    whole(r.hoursPerYear),
    r.funding || '–',
  ]);
  const data = rows.map((r, i) => [...r, m.rows[i].need || '']);
  // The sums of the rounded figures, so that the Summa row adds up in the table and in Excel.
  const sum = (k: number) => rows.reduce((s, r) => s + ((r[k] as number | null) ?? 0), 0);
  rows.push(['', 'Summa', '', '', '', '', '', '', '', null, sum(10), sum(11), sum(12), '']);
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
    data: {
      sheet: 'Data',
      columns: [...HANDLINGSPLAN_COLUMNS.map((label, i) => ({ label, format: formats[i] })), { label: 'Behov' }],
      rows: data,
      note: 'En rad per initiativ i handlingsplanen (utan summarad).',
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
