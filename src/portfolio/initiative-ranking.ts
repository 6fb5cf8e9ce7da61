// The initiatives in the chosen stages ranked by weighted qualification score (qualification.ts).
import type { Queryable } from '../db/db.ts';
import { participating, rankInitiatives, STAGE_LABELS, type Stage } from '../domain/portfolio/index.ts';
import { listCriteria, listInitiatives } from '../store/initiatives.ts';

export const RANKING_FORMULA =
  'Viktad poäng = Σ(vikt × poäng) / Σ(vikt) över bedömda kriterier med vikt > 0 (skala 1–5); procent = (poäng − 1)/4 · 100.';

/** The ranking of one association's initiatives (without `associationId`: every association's). */
export async function initiativeRanking(db: Queryable, stages: readonly Stage[], associationId?: number) {
  const criteria = await listCriteria(db);
  const chosen = (await listInitiatives(db, associationId)).filter((i) => stages.includes(i.stage));
  const byId = new Map(chosen.map((i) => [i.id, i]));
  const ranking = rankInitiatives(
    chosen.map((i) => ({ id: i.id, title: i.title, scores: i.scores, participating: participating(i).length })),
    criteria,
  ).map((r) => {
    const i = byId.get(r.id)!;
    return { ...r, stage: i.stage, stageLabel: STAGE_LABELS[i.stage], scores: i.scores };
  });
  return { criteria, formula: RANKING_FORMULA, ranking };
}
