// A round's responses as CSV (export.ts), as src/domain/round-policy.ts allows: förbundsadmin all
// municipalities, a kommunansvarig one of their own (which must be in the round). Free-text answers
// may hold personal data: the export is logged as `personal_data.exported`.
import type { Queryable } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { responsesExportRefusal, type Viewer } from '../domain/round-policy.ts';
import { audit } from '../store/audit.ts';
import { roundAnswersRows } from './export.ts';
import { toCsv } from '../domain/export.ts';
import { requireRoundMunicipality, requireVisibleRound, type Actor } from './service.ts';

export async function exportRoundResponses(db: Queryable, user: Viewer, actor: Actor, id: number, municipality?: string) {
  const round = await requireVisibleRound(db, user, id);
  const refusal = responsesExportRefusal(user, municipality);
  if (refusal) throw forbidden(refusal);
  if (municipality) requireRoundMunicipality(round, municipality);
  const rows = await roundAnswersRows(db, round, municipality);
  await audit(db, {
    actor: actor.id,
    action: 'personal_data.exported',
    target: municipality ? `round:${id}/${municipality}` : `round:${id}`,
    ip: actor.ip,
    details: { what: 'responses', roundId: id, ...(municipality ? { municipality } : {}), rows: rows.length - 1, format: 'csv' },
  });
  return { csv: toCsv(rows), filename: `matomgang-${id}${municipality ? `-${municipality}` : ''}.csv` };
}
