// Spreadsheet safety for every export (CSV, XLSX): cells that a spreadsheet program would
// read as a formula (= + - @, or a leading tab or carriage return) are prefixed with an
// apostrophe so they are shown as text (CSV/formula injection). Pure and IO-free.

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a text cell would be interpreted as a formula by a spreadsheet program. */
export function isFormulaLike(s: string): boolean {
  return FORMULA_START.test(s);
}

/**
 * Neutralises one cell for export: strings starting with = + - @, tab or CR get a leading `'`.
 * Numbers, booleans and null are returned unchanged (a negative number is data, not a formula).
 */
export function neutraliseCell<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return isFormulaLike(value) ? `'${value}` : value;
}

function csvField(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const s = String(neutraliseCell(value));
  return s.includes(delimiter) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Builds CSV text (UTF-8 with BOM so Excel reads å, ä, ö; semicolon-separated as Swedish Excel
 * expects) with every cell neutralised.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>, delimiter = ';'): string {
  return '\uFEFF' + rows.map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
