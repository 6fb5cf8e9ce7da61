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
