// One initiative with the stages it may move to (and what their gates still miss), its status
// reports and the follow-up of its benefits.
import type { Queryable } from '../../db/db.ts';
import type { Viewer } from '../../domain/portfolio/initiative-policy.ts';
import { benefitFollowUp, checkGate, STAGE_LABELS, TRANSITIONS } from '../../domain/portfolio/index.ts';
import { getGates, listCriteria, listStatusReports } from '../../store/initiatives.ts';
import { associationOfInitiative, gateContext, requireInitiative, viewOf } from './common.ts';

export async function getInitiativeDetail(db: Queryable, viewer: Viewer, id: number) {
  const i = await requireInitiative(db, id);
  const criteria = await listCriteria(db);
  const gates = await getGates(db, await associationOfInitiative(db, id));
  const ctx = await gateContext(db, i);
  const reports = await listStatusReports(db, id);
  return {
    initiative: viewOf(viewer, i, criteria),
    nextStages: TRANSITIONS[i.stage].map((s) => ({ stage: s, label: STAGE_LABELS[s], missing: checkGate(i, s, gates, ctx) })),
    reports,
    followUp: benefitFollowUp(i.benefits, reports),
  };
}
