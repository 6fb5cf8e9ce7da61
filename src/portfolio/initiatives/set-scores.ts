// The association's qualification of an initiative: a score 1–5 with a justification per criterion.
import type { Db } from '../../db/db.ts';
import { conflict } from '../../domain/errors.ts';
import { CLOSED_STAGES } from '../../domain/portfolio/initiative-policy.ts';
import { STAGE_LABELS, type CriterionScore, type InitiativeView } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { listCriteria, setScores as saveScores } from '../../store/initiatives.ts';
import { fieldError, requireInitiative, viewById, type Caller } from './common.ts';

export async function setScores(db: Db, id: number, scores: CriterionScore[], caller: Caller): Promise<InitiativeView> {
  const i = await requireInitiative(db, id);
  if (CLOSED_STAGES.includes(i.stage)) throw conflict(`Initiativet är avslutat (${STAGE_LABELS[i.stage]}) och kan inte bedömas`);
  const known = new Set((await listCriteria(db)).map((c) => c.id));
  const unknown = scores.filter((s) => !known.has(s.criterionId)).map((s) => s.criterionId);
  if (unknown.length) throw fieldError('scores', 'Poäng', `Okänt kriterium: ${unknown.join(', ')}`);
  const ids = scores.map((s) => s.criterionId);
  if (new Set(ids).size !== ids.length) throw fieldError('scores', 'Poäng', 'Varje kriterium får bedömas en gång');
  await db.transaction(async (tx) => {
    await saveScores(tx, id, scores, caller.user.id);
    await audit(tx, { actor: caller.user.id, action: 'initiative.scored', target: String(id), ip: caller.ip, details: { scores } });
  });
  return viewById(db, caller.user, id);
}
