// Text form of a table cell by its column format (PDF, DOCX, web preview). Pure and browser-safe.
import type { Cell, ColumnFormat } from '../../domain/reports/model.ts';
import { fmtDec, fmtInt, fmtNum, fmtPct, fmtPct2, fmtPp } from '../../domain/reports/swedish.ts';

export function formatCell(v: Cell, format: ColumnFormat = 'text'): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  switch (format) {
    case 'int':
      return fmtInt(v);
    case 'percent':
      return fmtPct(v);
    case 'percent2':
      return fmtPct2(v);
    case 'pp':
      return fmtPp(v);
    case 'sek':
      return `${fmtInt(v)}\u00a0kr`;
    case 'signed':
      return `${v > 0 ? '+' : ''}${fmtInt(v)}`;
    case 'decimal':
      return Number.isInteger(v) ? fmtNum(v) : fmtDec(v);
    default:
      return fmtNum(v);
  }
}
