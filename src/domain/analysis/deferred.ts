// The regional view without what the first screen does not draw (issue 15): at national scale a
// view's large figures (the heatmap of 60 items × 290 municipalities, the per-municipality bars and
// quadrant) are most of its bytes and of the page's work, and sit far below the first screen. With
// defer=true the API sends those figures without rows and columns and lists them in `deferred`; the
// page fetches each whole figure (the same figure of the same cached view) when it comes into view.
import type { Figure } from './views.ts';

/** Figures with more cells (rows × columns) than this are deferred: the same limit as the page's eager tables. */
export const DEFER_CELLS = 1000;

export const isLarge = (f: Figure) => f.rows.length * f.columns.length > DEFER_CELLS;

/** The view with its large figures' rows and columns left out (title, base, n and notes kept), and their ids. */
export function deferLargeFigures<V extends { figures: Figure[] }>(view: V): V & { deferred: string[] } {
  const deferred = view.figures.filter(isLarge).map((f) => f.id);
  if (!deferred.length) return { ...view, deferred };
  return { ...view, figures: view.figures.map((f) => (isLarge(f) ? { ...f, rows: [], columns: [] } : f)), deferred };
}
