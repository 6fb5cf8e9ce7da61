// Shared renderers of the report model (DOMAIN.md §6): PDF, DOCX, XLSX. Any document that can be
// expressed as a ReportModel (regional report, delrapport, handlingsplan …) uses these.
import type { ReportModel } from '../../domain/reports/model.ts';
import { renderDocx } from './docx.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat | 'json' | 'zip', string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
};

export function renderReport(model: ReportModel, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderPdf(model);
    case 'docx':
      return renderDocx(model);
    case 'xlsx':
      return renderXlsx(model);
  }
}

/** An ASCII file name part: "Åmål" → "amal", spaces → "-". */
export function slug(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'rapport'
  );
}
