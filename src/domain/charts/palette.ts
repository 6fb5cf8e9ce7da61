// The one palette of every chart (web, PDF, DOCX): a fixed colour per series role, so lowest, mean,
// highest, own municipality and region look the same in every chart, and ordinal palettes for answer
// scales. Every fill and line reaches 3:1 against white and every text colour 4.5:1 (WCAG 2.1 AA,
// checked in test/charts.test.ts). Pure.
import type { ChartSeries, OrdinalKind, SeriesRole } from './spec.ts';

export const ROLE_COLOURS: Record<Exclude<SeriesRole, 'level'>, string> = {
  lowest: '#b2182b',
  mean: '#2166ac',
  highest: '#1b7837',
  own: '#b35806',
  region: '#5e3c99',
  target: '#595959',
  value: '#0b5cad',
  dontKnow: '#8c8c8c',
};

/** Text on the white chart background; axis labels and other secondary text. */
export const INK = '#1b1f24';
export const MUTED = '#595959';
/** Grid and axis lines (decorative: the values are labelled). */
export const GRID = '#d0d4d9';
/** The quadrant fields' letters A–D (large text). */
export const QUADRANT_LETTER = '#6b7684';
/** The quadrant fields' tints (decorative backgrounds behind the points). */
export const QUADRANT_FIELDS = { A: '#fbeeee', B: '#f5f5f5', C: '#f5f5f5', D: '#e8f1f8' } as const;
export const BACKGROUND = '#ffffff';

/** Anchors from weakest to strongest; the palettes interpolate between them. */
const ORDINAL_ANCHORS: Record<OrdinalKind, string[]> = {
  // Red – purple – blue: a neutral middle that is not the "Vet ej" grey.
  diverging: ['#b2182b', '#d6604d', '#9a6fb0', '#4393c3', '#2166ac'],
  // Teal to deep violet (viridis without its light end): darker = stronger.
  sequential: ['#1f9e89', '#26828e', '#31688e', '#3e4a89', '#482576'],
};

const hex = (n: number) => Math.round(n).toString(16).padStart(2, '0');
function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `#${pa.map((v, i) => hex(v + (pb[i] - v) * t)).join('')}`;
}

/** n colours from weakest to strongest. */
export function ordinalPalette(kind: OrdinalKind, n: number): string[] {
  const anchors = ORDINAL_ANCHORS[kind];
  if (n <= 1) return [anchors[anchors.length - 1]];
  return Array.from({ length: n }, (_, i) => {
    const pos = (i * (anchors.length - 1)) / (n - 1);
    const lo = Math.floor(pos);
    return lo >= anchors.length - 1 ? anchors[anchors.length - 1] : mix(anchors[lo], anchors[lo + 1], pos - lo);
  });
}

/** The colour of a series (levels: step `level` of an ordinal palette with `levels` steps). */
export function seriesColour(s: ChartSeries, scale: OrdinalKind = 'sequential', levels = 1): string {
  if (s.role === 'level') return ordinalPalette(scale, levels)[Math.max(0, Math.min(levels - 1, s.level ?? 0))];
  return ROLE_COLOURS[s.role];
}

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
export function luminance(colour: string): number {
  const n = parseInt(colour.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Text on a fill: white or black, whichever contrasts more (one of them always reaches 4.5:1). */
export function textOn(fill: string): string {
  return contrast(fill, '#ffffff') >= contrast(fill, '#000000') ? '#ffffff' : '#000000';
}
