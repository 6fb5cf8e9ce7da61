// Replaces a respondent's link (e.g. when it was sent to the wrong person); the old link stops working.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { conflict } from '../../domain/errors.ts';
import { sampleEditableMessage } from '../../domain/rounds.ts';
import { audit } from '../../store/audit.ts';
import { regenerateToken } from '../../store/respondents.ts';
import { respondentLink } from '../service.ts';
import { requireScopedRespondent, type ScopeUser } from './scope.ts';

export async function renewRespondentLink(db: Db, config: Pick<Config, 'baseUrl'>, user: ScopeUser, roundId: number, code: string, respondentId: number) {
  const { round, respondent } = await requireScopedRespondent(db, user, roundId, code, respondentId);
  if (!respondent.token) throw conflict('Importerade svar har ingen länk');
  if (respondent.completedAt) throw conflict('Respondenten har redan skickat in sina svar');
  const closed = sampleEditableMessage(round.status);
  if (closed) throw conflict(closed);
  return db.transaction(async (tx) => {
    const token = await regenerateToken(tx, respondent.id);
    await audit(tx, { actor: user.id, action: 'respondent.new_link', target: `respondent:${respondent.id}`, ip: user.ip });
    return { id: respondent.id, link: respondentLink(config, token) };
  });
}
