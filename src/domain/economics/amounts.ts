// Arithmetic on kronor shared by the economics computations. Pure.

/** Rounded to öre, so sums of amounts carry no binary noise (0.1 + 0.2 → 0.3). */
export const ore = (x: number) => Math.round(x * 100) / 100;

/** The sum of some amounts, rounded to öre. */
export const sum = (xs: Iterable<number>) => {
  let s = 0;
  for (const x of xs) s += x;
  return ore(s);
};

/** Whether two amounts are the same to the öre. */
export const sameAmount = (a: number, b: number) => Math.round(a * 100) === Math.round(b * 100);

/** `part` as a percentage of `whole` (unrounded); 0 when the whole is 0. */
export const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : (part / whole) * 100);

/** `amount` × `percent` / 100, multiplied first so whole-kronor results stay exact (688 000 000 × 2,5 %). */
export const atPercent = (amount: number, percent: number) => ore((amount * percent) / 100);

/**
 * Splits `total` kronor by `weights` into parts rounded to öre that add up to the total exactly
 * (largest remainder: the öre left over go to the parts whose exact share lost most in rounding).
 * All weights 0 → all parts 0.
 */
export function splitExactly(total: number, weights: readonly number[]): number[] {
  const cents = Math.round(total * 100);
  const all = weights.reduce((a, b) => a + b, 0);
  if (all <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (cents * w) / all);
  const parts = exact.map(Math.floor);
  let left = cents - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts.map((c) => c / 100);
}
