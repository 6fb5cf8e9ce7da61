// Matching a municipality name as a source writes it to the municipality it means (DOMAIN.md §12):
// an exact name, or one that differs only in case, diacritics or a one-letter slip ("Ämål" for Åmål),
// matched with a warning; never silently dropped. Pure.

export interface NameMatch {
  code: string;
  name: string;
  /** True when the name was not written exactly as the municipality's name. */
  approximate: boolean;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+kommun$/, '')
    .replace(/s$/, '')
    .replace(/[^a-z0-9]/g, '');

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/**
 * The municipality a written name means, or null when none is close enough or two are equally close.
 * Exact (trimmed) names match without a warning; "Melleruds kommun", "amal" or "Ämål" match approximately.
 */
export function matchMunicipality(written: string, municipalities: ReadonlyArray<{ code: string; name: string }>): NameMatch | null {
  const w = written.trim();
  const exact = municipalities.find((m) => m.name === w);
  if (exact) return { code: exact.code, name: exact.name, approximate: false };
  const f = fold(w);
  if (!f) return null;
  const folded = municipalities.filter((m) => fold(m.name) === f);
  if (folded.length === 1) return { code: folded[0].code, name: folded[0].name, approximate: true };
  if (folded.length > 1) return null;
  const near = municipalities.map((m) => ({ m, d: distance(fold(m.name), f) })).filter((x) => x.d <= 1);
  if (near.length === 1) return { code: near[0].m.code, name: near[0].m.name, approximate: true };
  return null;
}

/** The warning shown where a name was matched approximately. */
export const nameMatchedMessage = (written: string, name: string) =>
  `Kommunnamnet "${written}" stämmer inte exakt; det har tolkats som ${name}`;
