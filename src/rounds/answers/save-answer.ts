// Saves one answer as it is given: an upsert, so the same answer again changes nothing. Only while
// the round is open and the respondent has not submitted (409), only items routed to the respondent.
import type { Db } from '../../db/db.ts';
import { badRequest } from '../../domain/errors.ts';
import { validateAnswer, visibleItems } from '../../domain/instruments/answers.ts';
import { saveAnswer as saveStored } from '../../store/respondents.ts';
import { lockForAnswer, requireAnswerable, requireTokenShape, type InstrumentOf } from './link.ts';

export function saveAnswer(db: Db, instrumentOf: InstrumentOf, token: string, itemId: string, value: unknown) {
  requireTokenShape(token);
  return db.transaction(async (tx) => {
    const respondent = await lockForAnswer(tx, token);
    requireAnswerable(respondent);
    const instrument = await instrumentOf(tx, respondent);
    if (!instrument.items.some((i) => i.id === itemId)) throw badRequest('Frågan finns inte i enkäten');
    if (!visibleItems(instrument, respondent.respondentType).some((i) => i.id === itemId)) throw badRequest('Frågan ingår inte i din enkät');
    const v = validateAnswer(instrument, itemId, value);
    if (!v.ok) throw badRequest(v.message);
    await saveStored(tx, respondent.id, itemId, v.value);
    return { itemId, value: v.value, saved: true as const };
  });
}
