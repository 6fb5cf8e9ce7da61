// Qualification scoring and ranking (DOMAIN.md §7).
//
// The association configures criteria with non-negative weights. Each initiative gets a score 1–5
// per criterion with a written justification; every criterion is oriented so that 5 is the most
// favourable (for "Risk", 5 = low risk).
//
// Formula (criteria with weight w_i > 0; S = the criteria the initiative has a score s_i for):
//   weighted score  W = Σ_{i∈S} w_i·s_i / Σ_{i∈S} w_i                  (on the 1–5 scale)
//   percent         P = (W − 1) / 4 · 100                               (0 % = all 1s, 100 % = all 5s)
//   coverage        C = Σ_{i∈S} w_i / Σ_i w_i                          (1 = fully scored)
// Ranking: fully scored initiatives first, then partly scored, then unscored; within each group by
// W descending, then by number of participating municipalities descending, then by title (Swedish
// collation). Ranks are positions 1…n. W and P are rounded to two decimals for display only.
import type { z } from 'zod';
import type { criterion } from './portfolio-schema.ts';

import type { weightedScoreSchema } from './initiative-schema.ts';

/** A qualification criterion (its schema: portfolio-schema.ts). */
export type Criterion = z.infer<typeof criterion>;

export interface CriterionScore {
  criterionId: string;
  score: number;
  justification: string;
}

export const DEFAULT_CRITERIA: Criterion[] = [
  { id: 'nytta', label: 'Nytta', description: 'Förväntad kvalitativ, ekonomisk och operationell nytta (5 = mycket stor nytta)', weight: 3 },
  { id: 'kommuner', label: 'Antal kommuner', description: 'Hur många kommuner som deltar eller har behovet (5 = alla)', weight: 2 },
  { id: 'volym', label: 'Volym och skala', description: 'Ärendevolym eller skalfördelar som samverkan ger (5 = stora volymer)', weight: 1 },
  { id: 'strategi', label: 'Strategisk passform', description: 'Stöd för förbundets och kommunernas digitaliseringsstrategi (5 = mycket god)', weight: 2 },
  { id: 'beredskap', label: 'Genomförandeberedskap', description: 'Mognad, kompetens och resurser att genomföra nu (5 = redo att starta)', weight: 1 },
  { id: 'finansiering', label: 'Finansiering', description: 'Tillgång till finansiering, egen eller extern (5 = säkrad)', weight: 1 },
  { id: 'risk', label: 'Risk', description: 'Samlad risk i genomförandet (5 = låg risk, 1 = hög risk)', weight: 1 },
];

export type WeightedScore = z.output<typeof weightedScoreSchema>;

const round2 = (x: number) => Math.round(x * 100) / 100;

function rawWeighted(scores: readonly CriterionScore[], criteria: readonly Criterion[]) {
  const weighted = criteria.filter((c) => c.weight > 0);
  const byId = new Map(scores.map((s) => [s.criterionId, s.score]));
  let sumW = 0;
  let sumWs = 0;
  let totalW = 0;
  const missing: string[] = [];
  for (const c of weighted) {
    totalW += c.weight;
    const s = byId.get(c.id);
    if (s === undefined) {
      missing.push(c.label);
      continue;
    }
    sumW += c.weight;
    sumWs += c.weight * s;
  }
  const w = sumW > 0 ? sumWs / sumW : null;
  return { w, coverage: totalW > 0 ? sumW / totalW : 0, missing, complete: weighted.length > 0 && missing.length === 0 };
}

export function weightedScore(scores: readonly CriterionScore[], criteria: readonly Criterion[]): WeightedScore {
  const r = rawWeighted(scores, criteria);
  return {
    score: r.w === null ? null : round2(r.w),
    percent: r.w === null ? null : round2(((r.w - 1) / 4) * 100),
    coverage: round2(r.coverage),
    complete: r.complete,
    missing: r.missing,
  };
}

export interface RankInput {
  id: number;
  title: string;
  scores: CriterionScore[];
  /** Number of participating municipalities (tie-breaker). */
  participating: number;
}

export interface RankedInitiative extends WeightedScore {
  rank: number;
  id: number;
  title: string;
  participating: number;
}

const group = (r: { w: number | null; complete: boolean }) => (r.complete ? 0 : r.w !== null ? 1 : 2);

/** Orders initiatives by the weighted score as documented above. */
export function rankInitiatives(items: readonly RankInput[], criteria: readonly Criterion[]): RankedInitiative[] {
  const scored = items.map((it) => ({ it, raw: rawWeighted(it.scores, criteria) }));
  scored.sort(
    (a, b) =>
      group(a.raw) - group(b.raw) ||
      (b.raw.w ?? 0) - (a.raw.w ?? 0) ||
      b.it.participating - a.it.participating ||
      a.it.title.localeCompare(b.it.title, 'sv'),
  );
  return scored.map(({ it }, i) => ({
    rank: i + 1,
    id: it.id,
    title: it.title,
    participating: it.participating,
    ...weightedScore(it.scores, criteria),
  }));
}
