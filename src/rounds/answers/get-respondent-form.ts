// What the respondent's link opens: the round, the instrument as their type sees it, who they answer
// as, the answers saved so far and whether they can still answer.
import type { Queryable } from '../../db/db.ts';
import { notFound } from '../../domain/errors.ts';
import { respondentInstrument } from '../../domain/instruments/answers.ts';
import { respondentMinutes } from '../../domain/round-details.ts';
import { answeringBlockedMessage, COMPLETED_MESSAGE, SELF_ASSESSMENT_TYPE } from '../../domain/rounds.ts';
import { getMunicipality, listAreas } from '../../store/organisation.ts';
import { findByToken, getAnswers } from '../../store/respondents.ts';
import { instrumentOfRound, requireRound } from '../service.ts';
import { requireTokenShape, UNKNOWN_LINK } from './link.ts';

export async function getRespondentForm(db: Queryable, token: string) {
  requireTokenShape(token);
  const respondent = await findByToken(db, token);
  if (!respondent) throw notFound(UNKNOWN_LINK);
  const round = await requireRound(db, respondent.roundId);
  const instrument = await instrumentOfRound(db, round);
  const [answers, municipality, areas] = await Promise.all([getAnswers(db, respondent.id), getMunicipality(db, respondent.municipality), listAreas(db)]);
  const typeLabel =
    respondent.respondentType === SELF_ASSESSMENT_TYPE
      ? 'Kommunansvarig'
      : (instrument.respondentTypes.find((t) => t.id === respondent.respondentType)?.label ?? null);
  const blocked = respondent.completedAt ? COMPLETED_MESSAGE : answeringBlockedMessage(round.status);
  const shown = respondentInstrument(instrument, respondent.respondentType);
  return {
    round: {
      id: round.id,
      title: round.title,
      status: round.status,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      introduction: round.introduction,
      contact: round.contactName || round.contactEmail ? { name: round.contactName, email: round.contactEmail } : null,
      estimatedMinutes: respondentMinutes(round, shown.items),
      instrument: shown,
    },
    respondent: {
      respondentType: respondent.respondentType,
      respondentTypeLabel: typeLabel,
      area: respondent.area,
      areaName: areas.find((a) => a.id === respondent.area)?.name ?? null,
      municipality: respondent.municipality,
      municipalityName: municipality?.name ?? respondent.municipality,
      name: respondent.name,
    },
    answers,
    completed: !!respondent.completedAt,
    completedAt: respondent.completedAt,
    canAnswer: blocked === null,
    message: blocked,
  };
}
