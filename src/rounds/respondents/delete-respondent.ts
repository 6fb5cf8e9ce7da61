// Removes a respondent who has not started answering, while the round is not closed.
import type { Db } from '../../db/db.ts';
import { conflict } from '../../domain/errors.ts';
import { sampleEditableMessage } from '../../domain/rounds.ts';
import { audit } from '../../store/audit.ts';
import { deleteRespondent as deleteStored } from '../../store/respondents.ts';
import { requireScopedRespondent, type ScopeUser } from './scope.ts';

export async function deleteRespondent(db: Db, user: ScopeUser, roundId: number, code: string, respondentId: number) {
  const { round, respondent } = await requireScopedRespondent(db, user, roundId, code, respondentId);
  const closed = sampleEditableMessage(round.status);
  if (closed) throw conflict(closed);
  await db.transaction(async (tx) => {
    if (!(await deleteStored(tx, respondent.id))) throw conflict('Respondenten har börjat svara och kan inte tas bort');
    await audit(tx, {
      actor: user.id,
      action: 'respondent.deleted',
      target: `respondent:${respondent.id}`,
      ip: user.ip,
      // The event log names the round and municipality after the respondent row is gone.
      details: { roundId: round.id, municipality: respondent.municipality, name: respondent.name },
    });
  });
  return { deleted: respondent.id };
}
