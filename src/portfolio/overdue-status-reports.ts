// Initiatives whose status report for a period is overdue (followup.ts), for the association.
import type { Queryable } from '../db/db.ts';
import { DEFAULT_GRACE_DAYS, lastEndedQuarter, overdueReports } from '../domain/portfolio/index.ts';
import { listInitiatives, listStatusReports } from '../store/initiatives.ts';

/** Overdue reports of one association's initiatives (`associationId`; without it every association's). */
export async function overdueStatusReports(db: Queryable, q: { period?: string; graceDays?: number; today: string }, associationId?: number) {
  const period = q.period ?? lastEndedQuarter(q.today);
  const graceDays = q.graceDays ?? DEFAULT_GRACE_DAYS;
  const overdue = overdueReports(await listInitiatives(db, associationId), await listStatusReports(db, undefined, associationId), period, { today: q.today, graceDays });
  return { period, today: q.today, graceDays, overdue };
}
