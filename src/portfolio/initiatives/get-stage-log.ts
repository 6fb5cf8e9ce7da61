// The initiative's decision log: every stage move with its reason, who decided and when.
import type { Queryable } from '../../db/db.ts';
import { STAGE_LABELS } from '../../domain/portfolio/index.ts';
import { stageLog } from '../../store/initiatives.ts';
import { requireInitiative } from './common.ts';

export async function getStageLog(db: Queryable, id: number) {
  await requireInitiative(db, id);
  return (await stageLog(db, id)).map((e) => ({ ...e, fromLabel: e.from ? STAGE_LABELS[e.from] : null, toLabel: STAGE_LABELS[e.to] }));
}
