// Deterministic pseudo-random numbers for synthesised demo data (same seed → same data on every
// installation and every load). mulberry32: a small 32-bit generator, good enough for demo data and
// never used for anything secret.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(xs: readonly T[]): T[];
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    shuffle: (xs) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
  return rng;
}

/**
 * Splits n into whole counts proportional to the weights (largest-remainder method; ties go to the
 * earlier key). The counts always sum to n.
 */
export function allocate(weights: Record<string, number>, n: number): Record<string, number> {
  const keys = Object.keys(weights);
  const total = keys.reduce((s, k) => s + weights[k], 0);
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  if (n <= 0 || total <= 0) return out;
  const raw = keys.map((k, i) => ({ k, i, v: (weights[k] / total) * n }));
  let given = 0;
  for (const r of raw) {
    out[r.k] = Math.floor(r.v);
    given += out[r.k];
  }
  const byRemainder = [...raw].sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)) || a.i - b.i);
  for (let j = 0; given < n; j++, given++) out[byRemainder[j % byRemainder.length].k]++;
  return out;
}
