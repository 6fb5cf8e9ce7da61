// Swedish formatting of the economics figures: kronor (reusing the portfolio's formatSek: "12 496 743 kr")
// and shares in percent with two decimals ("1,82 %"). Plain spaces and hyphen-minus, like formatSek,
// so every renderer and font has them. Pure.
import { formatSek } from '../portfolio/types.ts';

export { formatSek };

const nf2 = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
const nfMax2 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, useGrouping: false });
const plain = (s: string) => s.replace(/\u2212/g, '-');

/** A change in kronor with its sign: "+4 703 257 kr", "-120 kr", "0 kr". */
export function formatSekChange(n: number): string {
  const r = Math.round(n);
  return `${r > 0 ? '+' : ''}${formatSek(r)}`;
}

/** A share with two decimals: "1,82 %"; null or not finite → "–". */
export function formatShare(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${plain(nf2.format(x))} %`;
}

/** A percentage as a rule writes it, at most two decimals: "30 %", "2,5 %", "12,25 %". */
export function formatPercent(x: number): string {
  return `${plain(nfMax2.format(x))} %`;
}
