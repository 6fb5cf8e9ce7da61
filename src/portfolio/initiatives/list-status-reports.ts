// The initiative's status reports and the follow-up of its benefits.
import type { Queryable } from '../../db/db.ts';
import { benefitFollowUp } from '../../domain/portfolio/index.ts';
import { listStatusReports } from '../../store/initiatives.ts';
import { requireInitiative } from './common.ts';

export async function statusReportsOf(db: Queryable, id: number) {
  const i = await requireInitiative(db, id);
  const reports = await listStatusReports(db, id);
  return { reports, followUp: benefitFollowUp(i.benefits, reports) };
}
