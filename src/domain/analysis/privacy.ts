// Privacy (DOMAIN.md §1, §5): anonymisation of municipalities. Which figures a viewer sees, and which
// municipalities they may name, is decided in one place: viewer.ts (viewerFigures).
//
// Anonymisation: municipality codes become "Kommun 1…N". The order is by a hash of (seed, code), not by
// code or name, so the numbering reveals neither; the same seed (e.g. the round id) and the same set of
// municipalities always give the same labels, so a round's regional report, charts and Excel agree.
// With a seed that is public and only 14 municipalities the mapping can be recomputed by anyone who
// knows the set — use a seed that is not published (e.g. the round's internal id plus an installation
// secret) when that matters.

/** cyrb53: a small, fast, well-distributed 53-bit string hash (pure; not cryptographic). */
function hash53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Maps municipality codes to "Kommun 1…N" (code → label). Stable for the same seed and set of codes,
 * independent of the input order; the numbering follows hash(seed, code).
 */
export function anonymiseMunicipalities(codes: Iterable<string>, seed: string): Record<string, string> {
  const unique = [...new Set(codes)];
  const keyed = unique.map((code) => ({ code, h: hash53(`${seed}\u0000${code}`) }));
  keyed.sort((a, b) => a.h - b.h || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: Record<string, string> = {};
  keyed.forEach((k, i) => (out[k.code] = `Kommun ${i + 1}`));
  return out;
}

function labelNumber(label: unknown): number {
  const m = typeof label === 'string' ? /^Kommun (\d+)$/.exec(label) : null;
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

/**
 * Replaces municipality codes in analysis output by their labels: the fields `municipality`,
 * `municipalities` / `onlyBefore` / `onlyAfter` (string arrays), and `groupKey` of figures grouped by
 * municipality. Arrays of such objects (and those string arrays) are re-sorted by label number, so that
 * the output order does not reveal the code order. Codes not in the mapping are kept. Returns a copy.
 */
export function anonymise<T>(data: T, mapping: Record<string, string>): T {
  const map = (code: unknown) => (typeof code === 'string' && code in mapping ? mapping[code] : code);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const arr = v.map(walk);
      const muniOf = (x: unknown): unknown => {
        if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
        const o = x as Record<string, unknown>;
        if ('municipality' in o) return o.municipality;
        return o.groupBy === 'municipality' ? o.groupKey : undefined;
      };
      if (arr.length > 0 && arr.every((x) => muniOf(x) !== undefined))
        arr.sort((a, b) => labelNumber(muniOf(a)) - labelNumber(muniOf(b)));
      return arr;
    }
    if (v && typeof v === 'object') {
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(src)) {
        if (k === 'municipality') out[k] = map(x);
        else if ((k === 'municipalities' || k === 'onlyBefore' || k === 'onlyAfter') && Array.isArray(x) && x.every((y) => typeof y === 'string'))
          out[k] = (x as string[]).map((y) => map(y)).sort((a, b) => labelNumber(a) - labelNumber(b));
        else if (k === 'groupKey' && src.groupBy === 'municipality') out[k] = map(x);
        else out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return walk(data) as T;
}
