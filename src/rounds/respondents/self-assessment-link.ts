// Self-assessment instruments: the kommunansvarig's own link (the respondent is created on first call).
import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { badRequest, conflict } from '../../domain/errors.ts';
import { respondentView } from '../../domain/respondent-schema.ts';
import { sampleEditableMessage } from '../../domain/rounds.ts';
import { audit } from '../../store/audit.ts';
import { ensureSelfAssessmentRespondent, listRespondents, type RespondentWithToken } from '../../store/respondents.ts';
import { lockRound } from '../../store/rounds.ts';
import { instrumentOfRound, requireRound, requireRoundMunicipality, respondentLink, type Actor } from '../service.ts';
import { requireMunicipalityScope, type ScopeUser } from './scope.ts';

/** The kommunansvarig's single self-assessment respondent for a self-assessment round. */
export async function selfAssessmentRespondent(db: Db, roundId: number, code: string, actor: Actor): Promise<RespondentWithToken> {
  const round = await requireRound(db, roundId);
  requireRoundMunicipality(round, code);
  const instrument = await instrumentOfRound(db, round);
  if (instrument.mode !== 'self-assessment')
    throw badRequest(`Instrumentet ”${instrument.title}” är en enkät till flera respondenter, inte en självskattning`);
  return db.transaction(async (tx) => {
    const existing = (await listRespondents(tx, roundId, code)).find((r) => r.source === 'self');
    if (existing) return existing;
    const locked = (await lockRound(tx, roundId))!;
    const blocked = sampleEditableMessage(locked.status);
    if (blocked) throw conflict(blocked);
    const r = await ensureSelfAssessmentRespondent(tx, roundId, code);
    await audit(tx, { actor: actor.id, action: 'self_assessment.created', target: `round:${roundId}/${code}`, ip: actor.ip });
    return r;
  });
}

export async function selfAssessmentLink(db: Db, config: Pick<Config, 'baseUrl'>, user: ScopeUser, roundId: number, code: string) {
  await requireMunicipalityScope(db, user, roundId, code);
  const r = await selfAssessmentRespondent(db, roundId, code, user);
  return { respondent: respondentView(r), link: respondentLink(config, r.token!), token: r.token! };
}
