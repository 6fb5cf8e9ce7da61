// Swedish number formatting shared by the pages and the charts: '–' where there is no value, never NaN.
import { numberFormat } from '../../domain/number-format.ts';

export const dash = '–';

/** A Swedish number format made on first use (making one costs more than many formats; a page uses few). */
const nf = (min: number, max: number) => {
  let f: Intl.NumberFormat | undefined;
  return { format: (n: number) => (f ??= numberFormat('sv-SE', { minimumFractionDigits: min, maximumFractionDigits: max })).format(n) };
};
/** 1 992 000 */
export const intFormat = nf(0, 0);
/** 4,09 or 3 */
export const decFormat = nf(0, 2);
/** 27,3 or 50 */
export const oneFormat = nf(0, 1);
/** 50,0 */
export const fixed1Format = nf(1, 1);
/** 3,55 or 3,00 */
export const fixed2Format = nf(2, 2);

type Value = number | null | undefined;
const orDash =
  (f: (n: number) => string) =>
  (n: Value): string =>
    n === null || n === undefined || !Number.isFinite(n) ? dash : f(n);

/** "1 992 000 kr" */
export const kr = orDash((n) => `${intFormat.format(n)} kr`);
/** "2 000 h" */
export const hours = orDash((n) => `${intFormat.format(n)} h`);
/** "1 992 000" */
export const int = orDash((n) => intFormat.format(n));
/** "4,09" */
export const dec = orDash((n) => decFormat.format(n));
/** "27,3 %" */
export const pct = orDash((n) => `${oneFormat.format(n)} %`);
