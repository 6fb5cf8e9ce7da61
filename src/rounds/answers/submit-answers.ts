// Submits the answers: at least one, and every required item routed to the respondent. A replayed
// submit returns the first result and changes nothing.
import type { Db } from '../../db/db.ts';
import { AppError, badRequest } from '../../domain/errors.ts';
import { visibleItems } from '../../domain/instruments/answers.ts';
import { completeRespondent, getAnswers } from '../../store/respondents.ts';
import { lockForAnswer, requireAnswerable, requireTokenShape, type InstrumentOf } from './link.ts';

export function submitAnswers(db: Db, instrumentOf: InstrumentOf, token: string) {
  requireTokenShape(token);
  return db.transaction(async (tx) => {
    const respondent = await lockForAnswer(tx, token);
    if (respondent.completedAt) return { completed: true as const, completedAt: respondent.completedAt };
    requireAnswerable(respondent);
    const instrument = await instrumentOf(tx, respondent);
    const answers = await getAnswers(tx, respondent.id);
    const visible = visibleItems(instrument, respondent.respondentType);
    if (!visible.some((i) => answers[i.id] !== undefined)) throw badRequest('Besvara minst en fråga innan du skickar in');
    const missing = visible.filter((i) => i.required && answers[i.id] === undefined);
    if (missing.length)
      throw new AppError(
        'invalid',
        `Obligatoriska frågor saknar svar: ${missing.map((i) => i.text).join('; ')}`,
        missing.map((i) => ({ itemId: i.id, message: 'Svar krävs' })),
      );
    return { completed: true as const, completedAt: await completeRespondent(tx, respondent.id) };
  });
}
