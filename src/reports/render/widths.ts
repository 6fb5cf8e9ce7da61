// Table column widths for the paged renderers (PDF, DOCX): no column narrower than its longest word
// (header words bold; numeric cells whole), so that words are never broken inside; columns no wider
// than their longest line needs; the rest of the page width shared by the columns' relative widths.
// When the longest words do not fit at the preferred font size, smaller sizes are tried (wide tables such
// as the handlingsplan). Pure apart from the text measure passed in.
import type { TableBlock } from '../../domain/reports/model.ts';
import { formatCell } from './format.ts';

/** Width of a text in points at the given size. */
export type Measure = (text: string, bold: boolean, size: number) => number;

export interface TableFit {
  /** Font size (pt) the widths are computed for. */
  size: number;
  /** Column widths in points, summing to the available width. */
  widths: number[];
  /** True when every column is at least as wide as its longest word. */
  fits: boolean;
}

/** Words a line may break between: at spaces, and after a hyphen or slash (as PDF and Word break). */
export function words(text: string): string[] {
  return text.split(/\s+|(?<=[-/–])/).filter(Boolean);
}

const numeric = (t: TableBlock, i: number) => !!t.columns[i].format && t.columns[i].format !== 'text';

/** Cell texts of a column as rendered, and whether they are bold (emphasised rows). */
function cellTexts(t: TableBlock, i: number, clean: (s: string) => string): Array<[string, boolean]> {
  return t.rows.map((r, ri) => [clean(formatCell(r[i], t.columns[i].format)), !!t.emphasis?.includes(ri)]);
}

/**
 * Fits the table into `full` points. `pad` is the horizontal padding per cell side. `sizes` are the font
 * sizes to try, preferred first. `clean` maps a text as the renderer will show it (e.g. WinAnsi for PDF).
 */
export function fitColumns(t: TableBlock, full: number, measure: Measure, pad: number, sizes: number[], clean: (s: string) => string = (s) => s): TableFit {
  const n = t.columns.length;
  const weights = t.columns.map((c) => c.width ?? 1);
  let last: { size: number; min: number[]; nat: number[] } | null = null;
  for (const size of sizes) {
    const min: number[] = [];
    const nat: number[] = [];
    for (let i = 0; i < n; i++) {
      const label = clean(t.columns[i].label);
      let lo = Math.max(0, ...words(label).map((w) => measure(w, true, size)));
      let hi = measure(label, true, size);
      for (const [txt, bold] of cellTexts(t, i, clean)) {
        const whole = measure(txt, bold, size);
        lo = Math.max(lo, numeric(t, i) ? whole : Math.max(0, ...words(txt).map((w) => measure(w, bold, size))));
        hi = Math.max(hi, whole);
      }
      min.push(lo + 2 * pad + 1);
      nat.push(Math.max(lo, hi) + 2 * pad + 1);
    }
    last = { size, min, nat };
    if (min.reduce((s, w) => s + w, 0) <= full) return { size, widths: share(full, min, nat, weights), fits: true };
  }
  // Even the smallest size does not fit every longest word: scale the minimum widths down to the page.
  const { size, min } = last!;
  const total = min.reduce((s, w) => s + w, 0);
  return { size, widths: min.map((w) => (w / total) * full), fits: false };
}

/**
 * Starts every column at its minimum and hands out the remaining width by the relative weights, never
 * beyond a column's natural width while other columns still want more; what is left after every column
 * has its natural width goes to all columns by weight.
 */
function share(full: number, min: number[], nat: number[], weights: number[]): number[] {
  const w = [...min];
  let left = full - w.reduce((s, x) => s + x, 0);
  for (let pass = 0; pass < 50 && left > 0.01; pass++) {
    const open = w.map((x, i) => x < nat[i] - 0.01);
    const totalWeight = weights.reduce((s, x, i) => s + (open[i] ? x : 0), 0);
    if (totalWeight === 0) break;
    let given = 0;
    for (let i = 0; i < w.length; i++) {
      if (!open[i]) continue;
      const add = Math.min((left * weights[i]) / totalWeight, nat[i] - w[i]);
      w[i] += add;
      given += add;
    }
    left -= given;
    if (given < 0.01) break;
  }
  if (left > 0.01) {
    const totalWeight = weights.reduce((s, x) => s + x, 0);
    for (let i = 0; i < w.length; i++) w[i] += (left * weights[i]) / totalWeight;
  }
  return w;
}
