// A municipality's sample in a round: the round's facts the page needs and the respondents (no tokens).
import type { Queryable } from '../../db/db.ts';
import { respondentView } from '../../domain/respondent-schema.ts';
import { includedRespondentTypes } from '../../domain/round-edit.ts';
import { sampleEditableMessage } from '../../domain/rounds.ts';
import { listRespondents as listStored } from '../../store/respondents.ts';
import { instrumentOfRound } from '../service.ts';
import { requireMunicipalityScope, type ScopeUser } from './scope.ts';

export async function listRespondents(db: Queryable, user: ScopeUser, roundId: number, code: string) {
  const { round } = await requireMunicipalityScope(db, user, roundId, code);
  const ins = await instrumentOfRound(db, round);
  return {
    // Only the respondent types the round includes are offered.
    round: { id: round.id, title: round.title, status: round.status, mode: ins.mode, respondentTypes: includedRespondentTypes(ins.respondentTypes, round.respondentTypes) },
    editable: sampleEditableMessage(round.status) === null,
    respondents: (await listStored(db, round.id, code)).map(respondentView),
  };
}
