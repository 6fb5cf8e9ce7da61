// Changes a link respondent while the round is not closed: name and e-mail always, role and area only
// before the respondent has started answering (checked against the instrument and the round's types).
import type { Db } from '../../db/db.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import { respondentView, type RespondentInput } from '../../domain/respondent-schema.ts';
import { respondentTypeRefusal } from '../../domain/round-edit.ts';
import { sampleEditableMessage } from '../../domain/rounds.ts';
import { audit } from '../../store/audit.ts';
import { getRespondent, updateRespondent as updateStored } from '../../store/respondents.ts';
import { instrumentOfRound } from '../service.ts';
import { checkRespondentInput } from './respondent-input.ts';
import { requireScopedRespondent, type ScopeUser } from './scope.ts';

export async function updateRespondent(db: Db, user: ScopeUser, roundId: number, code: string, respondentId: number, input: Partial<RespondentInput>) {
  const { round, respondent } = await requireScopedRespondent(db, user, roundId, code, respondentId);
  if (respondent.source !== 'link') throw conflict('Den här respondenten kan inte ändras');
  const closed = sampleEditableMessage(round.status);
  if (closed) throw conflict(closed);
  const patch: Parameters<typeof updateStored>[2] = { name: input.name, email: input.email };
  if (input.respondentType !== undefined || input.area !== undefined) {
    if (respondent.startedAt) throw conflict('Respondenten har börjat svara; roll och verksamhetsområde kan inte ändras');
    const checked = await checkRespondentInput(db, await instrumentOfRound(db, round), {
      respondentType: input.respondentType !== undefined ? input.respondentType : respondent.respondentType,
      area: input.area !== undefined ? input.area : respondent.area,
    });
    const refused = respondentTypeRefusal(checked.respondentType, round.respondentTypes);
    if (refused) throw badRequest(refused);
    Object.assign(patch, checked);
  }
  await db.transaction(async (tx) => {
    await updateStored(tx, respondent.id, patch);
    await audit(tx, { actor: user.id, action: 'respondent.updated', target: `respondent:${respondent.id}`, ip: user.ip });
  });
  return { respondent: respondentView((await getRespondent(db, respondent.id))!) };
}
