// A status report for one period (2025, 2025-H1, 2025-Q2): by the association or the kommunansvarig
// of a municipality that proposed or takes part in the initiative, while it is being carried out.
import type { Db } from '../../db/db.ts';
import { conflict, forbidden } from '../../domain/errors.ts';
import { canReport, REPORTABLE_STAGES } from '../../domain/portfolio/initiative-policy.ts';
import { STAGE_LABELS, type StatusReportInput } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { upsertStatusReport } from '../../store/initiatives.ts';
import { requireInitiative, type Caller } from './common.ts';
import { statusReportsOf } from './list-status-reports.ts';

export async function reportStatus(db: Db, id: number, period: string, report: StatusReportInput, caller: Caller) {
  const { user } = caller;
  const i = await requireInitiative(db, id);
  if (!canReport(user, i)) throw forbidden('Du kan bara rapportera för initiativ som din kommun föreslagit eller deltar i');
  if (!REPORTABLE_STAGES.includes(i.stage))
    throw conflict(`Statusrapporter lämnas för initiativ i Prioriterad, Genomförande eller Nyttohemtagning (nu ${STAGE_LABELS[i.stage]})`);
  await db.transaction(async (tx) => {
    await upsertStatusReport(tx, { initiativeId: id, period, ...report }, user.id);
    await audit(tx, { actor: user.id, action: 'initiative.status_reported', target: String(id), ip: caller.ip, details: { period, status: report.status } });
  });
  return statusReportsOf(db, id);
}
