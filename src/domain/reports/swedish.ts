// Swedish text helpers for generated report sentences: numbers, percentages, singular/plural,
// lists ("a, b och c"). Pure.

const NBSP = '\u00a0';

const nf0 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const nfMax1 = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** sv-SE uses U+2212 for minus; keep a plain hyphen-minus so every renderer and font has it. */
const plain = (s: string) => s.replace(/\u2212/g, '-');

/** An integer with Swedish thousands separators (non-breaking space). */
export function fmtInt(x: number): string {
  const r = Math.round(x);
  // Below a thousand there is no separator: the digits as they are (what Intl writes, minus as "-"),
  // without Intl's cost (reports format tens of thousands of such numbers). -0 is written "-0" by Intl.
  if (r > -1000 && r < 1000 && !Object.is(r, -0)) return String(r);
  return plain(nf0.format(r));
}

/** A number with at most one decimal ("2,5", "3"). */
export function fmtNum(x: number): string {
  return plain(nfMax1.format(x));
}

/** A number with exactly one decimal ("2,0"). */
export function fmtDec(x: number): string {
  return plain(nf1.format(x));
}

/** A 0–100 percentage, rounded to whole percent: "33 %". */
export function fmtPct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${fmtInt(x)}${NBSP}%`;
}

const nf2 = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A 0–100 percentage with two decimals: "1,82 %" (an IT share of net cost). */
export function fmtPct2(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${plain(nf2.format(x))}${NBSP}%`;
}

/** A difference in percentage points with sign: "+5 p.e.", "-12 p.e.", "±0 p.e.". */
export function fmtPp(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const r = Math.round(x);
  const sign = r > 0 ? '+' : r < 0 ? '-' : '±';
  return `${sign}${fmtInt(Math.abs(r))}${NBSP}p.e.`;
}

/** "1 kommun" / "3 kommuner". */
export function count(n: number, singular: string, plural: string): string {
  return `${fmtInt(n)} ${n === 1 ? singular : plural}`;
}

export const kommuner = (n: number) => count(n, 'kommun', 'kommuner');
export const svarande = (n: number) => count(n, 'svarande', 'svarande');
export const respondenter = (n: number) => count(n, 'respondent', 'respondenter');
export const omnamnanden = (n: number) => count(n, 'omnämnande', 'omnämnanden');

/** "a", "a och b", "a, b och c". */
export function joinSv(parts: string[], conj = 'och'): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} ${conj} ${parts[parts.length - 1]}`;
}

/** Quoted option label: ”Vet ej”. */
export const q = (s: string) => `”${s}”`;

/** Capitalises the first letter. */
export const cap = (s: string) => (s ? s[0].toLocaleUpperCase('sv-SE') + s.slice(1) : s);

/** Lower-cases the first letter unless the word starts with an acronym ("IT-chef" stays). */
export function lowerFirst(s: string): string {
  if (s.length > 1 && s[1] === s[1].toLocaleUpperCase('sv-SE') && /\p{L}/u.test(s[1])) return s;
  return s ? s[0].toLocaleLowerCase('sv-SE') + s.slice(1) : s;
}

// Plural forms of the words that respondent-type labels are made of. A label's words are pluralised one
// by one ("Övrig chef eller medarbetare" → "övriga chefer eller medarbetare"); compound words are
// matched on their last part ("förvaltningschef" → "förvaltningschefer").
const PLURAL_WORDS: Array<[string, string]> = [
  ['kommunansvarig', 'kommunansvariga'],
  ['ansvarig', 'ansvariga'],
  ['övrig', 'övriga'],
  ['annan', 'andra'],
  ['chef', 'chefer'],
  ['strateg', 'strateger'],
  ['samordnare', 'samordnare'],
  ['medarbetare', 'medarbetare'],
  ['handläggare', 'handläggare'],
  ['förvaltare', 'förvaltare'],
  ['ledare', 'ledare'],
  ['arkitekt', 'arkitekter'],
  ['respondent', 'respondenter'],
  ['politiker', 'politiker'],
  ['tekniker', 'tekniker'],
  ['person', 'personer'],
  ['representant', 'representanter'],
  ['användare', 'användare'],
];
const PLURAL_KEEP = new Set(['eller', 'och', 'i', 'för', 'på', 'med', 'inom']);

function pluralWord(w: string): string | null {
  const lower = w.toLocaleLowerCase('sv-SE');
  if (PLURAL_KEEP.has(lower)) return w;
  for (const [sg, pl] of PLURAL_WORDS) if (lower.endsWith(sg)) return w.slice(0, w.length - sg.length) + pl;
  return null;
}

/**
 * "2 förvaltningschefer", "1 IT-chef", "3 IT-nära respondenter". A label that is an adjective (e.g.
 * "IT-nära") gets "respondent(er)"; a label we cannot inflect is given as "N svarande med rollen ”X”".
 */
export function respondentTypePhrase(n: number, label: string): string {
  const words = label.trim().split(/\s+/);
  const base = words.map(lowerFirst);
  if (/(nära|a|ig)$/i.test(base[base.length - 1]) && !pluralWord(base[base.length - 1])) {
    return `${fmtInt(n)} ${base.join(' ')} ${n === 1 ? 'respondent' : 'respondenter'}`;
  }
  if (n === 1) return `${fmtInt(n)} ${base.join(' ')}`;
  const plural = base.map((w) => pluralWord(w));
  if (plural.some((w) => w === null)) return `${fmtInt(n)} svarande med rollen ${q(label)}`;
  return `${fmtInt(n)} ${plural.join(' ')}`;
}

/** Shortens a text to at most `max` characters at a word boundary, with "…". */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > max / 2 ? cut.slice(0, sp) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** ISO date (YYYY-MM-DD) of a Date in local time. */
export function isoDate(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
