// The handlingsplan as a document (DOCX, PDF, XLSX) from the pure model in
// src/domain/portfolio/handlingsplan.ts, through the generic renderers in document.ts.
import type { HandlingsplanModel } from '../domain/portfolio/handlingsplan.ts';
import { renderDocx, renderPdf, renderXlsx, type ReportDocument } from './document.ts';

export const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

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

export function handlingsplanDocument(m: HandlingsplanModel): ReportDocument {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : '–');
  return {
    title: m.title,
    subtitle: m.association,
    meta: [
      ['Period', m.period.from === m.period.to ? String(m.period.from) : `${m.period.from}–${m.period.to}`],
      ['Framtagen', m.generatedAt.slice(0, 10)],
      ['Antal initiativ', String(m.totals.initiatives)],
      ['Deltagande kommuner', String(m.totals.municipalities)],
    ],
    blocks: [
      { kind: 'heading', text: 'Prioriterade initiativ' },
      {
        kind: 'paragraph',
        text:
          'Initiativ i steget Prioriterad eller Genomförande vars planerade period överlappar handlingsplanens period, ' +
          'i rangordning efter viktad kvalificeringspoäng: summan av vikt × poäng (1–5) delad med summan av vikterna för de bedömda kriterierna. ' +
          'Initiativ som inte är bedömda på alla kriterier rangordnas efter de fullständigt bedömda.',
      },
      {
        kind: 'table',
        sheet: 'Handlingsplan',
        columns: [
          { header: HANDLINGSPLAN_COLUMNS[0], format: 'int', width: 0.6 },
          { header: HANDLINGSPLAN_COLUMNS[1], width: 2.2 },
          { header: HANDLINGSPLAN_COLUMNS[2], width: 1 },
          { header: HANDLINGSPLAN_COLUMNS[3], width: 1 },
          { header: HANDLINGSPLAN_COLUMNS[4], width: 1.2 },
          { header: HANDLINGSPLAN_COLUMNS[5], width: 1 },
          { header: HANDLINGSPLAN_COLUMNS[6], width: 1.8 },
          { header: HANDLINGSPLAN_COLUMNS[7], width: 1.3 },
          { header: HANDLINGSPLAN_COLUMNS[8], width: 1.2 },
          { header: HANDLINGSPLAN_COLUMNS[9], format: 'decimal', width: 0.8 },
          { header: HANDLINGSPLAN_COLUMNS[10], format: 'sek', width: 1.1 },
          { header: HANDLINGSPLAN_COLUMNS[11], format: 'sek', width: 1.1 },
          { header: HANDLINGSPLAN_COLUMNS[12], format: 'int', width: 0.9 },
          { header: HANDLINGSPLAN_COLUMNS[13], width: 1.6 },
        ],
        rows: m.rows.map((r) => [
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
        ]),
        totalRow: ['', 'Summa', '', '', '', '', '', '', '', null, m.totals.estimatedCost, m.totals.sekPerYear, m.totals.hoursPerYear, ''],
      },
      ...(m.rows.some((r) => r.need)
        ? [
            { kind: 'heading' as const, text: 'Behov per initiativ', level: 2 as const },
            { kind: 'bullets' as const, items: m.rows.filter((r) => r.need).map((r) => `${r.title}: ${r.need}`) },
          ]
        : []),
      { kind: 'heading', text: 'Kvalificeringskriterier' },
      {
        kind: 'table',
        sheet: 'Kriterier',
        columns: [
          { header: 'Kriterium', width: 1.2 },
          { header: 'Vikt', format: 'number', width: 0.5 },
          { header: 'Beskrivning', width: 4 },
        ],
        rows: m.criteria.map((c) => [c.label, c.weight, c.description]),
      },
      ...(m.notes.length ? [{ kind: 'heading' as const, text: 'Att observera', level: 2 as const }, { kind: 'bullets' as const, items: m.notes }] : []),
    ],
  };
}

export function renderReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
  return format === 'pdf' ? renderPdf(doc) : format === 'docx' ? renderDocx(doc) : renderXlsx(doc);
}

export const renderHandlingsplan = (m: HandlingsplanModel, format: ReportFormat) => renderReport(handlingsplanDocument(m), format);
