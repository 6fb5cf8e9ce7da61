// A round's responses as CSV (export.ts), as src/domain/round-policy.ts allows: förbundsadmin all
// municipalities, a kommunansvarig one of their own (which must be in the round).
import type { Queryable } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { responsesExportRefusal, type Viewer } from '../domain/round-policy.ts';
import { roundAnswersCsv } from './export.ts';
import { requireRound, requireRoundMunicipality } from './service.ts';

export async function exportRoundResponses(db: Queryable, user: Viewer, id: number, municipality?: string) {
  const round = await requireRound(db, id);
  const refusal = responsesExportRefusal(user, municipality);
  if (refusal) throw forbidden(refusal);
  if (municipality) requireRoundMunicipality(round, municipality);
  return { csv: await roundAnswersCsv(db, round, municipality), filename: `matomgang-${id}${municipality ? `-${municipality}` : ''}.csv` };
}
