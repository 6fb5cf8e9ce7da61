// Saves one answer as it is given: an upsert, so the same answer again changes nothing. Only while
// the round is open and the respondent has not submitted (409), only items routed to the respondent.
//
// The common case costs one statement (store/link-answers.ts saveLinkAnswer, migrations 026, 031): the value
// is validated here against the instrument of the link's round (cached per server), and the statement
// checks the link, the submission, the round's status and instrument and the routing under the round's
// shared lock before it stores the answer. Anything unusual (an invalid value, an unknown item, a round
// whose instrument changed) takes the transactional path, which checks in the documented order and
// gives the same answers as ever: 404 unknown link, 409 submitted, 409 round not open, 400 unknown or
// hidden item, 400 invalid value.
import type { Db } from '../../db/db.ts';
import { badRequest, conflict, notFound } from '../../domain/errors.ts';
import { validateAnswer, visibleItems } from '../../domain/instruments/answers.ts';
import type { AnswerValue } from '../../domain/instruments/schema.ts';
import { answeringBlockedMessage, COMPLETED_MESSAGE } from '../../domain/rounds.ts';
import { saveLinkAnswer } from '../../store/link-answers.ts';
import { saveAnswer as saveStored } from '../../store/respondents.ts';
import { lockForAnswer, requireAnswerable, requireTokenShape, UNKNOWN_LINK, type LinkCaches } from './link.ts';

export interface SavedAnswer {
  itemId: string;
  value: AnswerValue;
  saved: true;
}

export async function saveAnswer(db: Db, links: LinkCaches, token: string, itemId: string, value: unknown): Promise<SavedAnswer> {
  requireTokenShape(token);
  const link = await links.roundOf(db, token);
  if (!link) throw notFound(UNKNOWN_LINK);
  const item = link.instrument.items.find((i) => i.id === itemId);
  const v = item && validateAnswer(link.instrument, itemId, value);
  if (item && v?.ok) {
    const r = await saveLinkAnswer(db, {
      token,
      roundId: link.roundId,
      instrument: link.instrument.id,
      version: link.instrument.version,
      itemId,
      value: v.value,
      routedTo: item.respondentTypes?.length ? item.respondentTypes : null,
    });
    switch (r.outcome) {
      case 'saved':
        return { itemId, value: v.value, saved: true };
      case 'unknown':
        links.forget(token);
        throw notFound(UNKNOWN_LINK);
      case 'completed':
        throw conflict(COMPLETED_MESSAGE, { completedAt: r.completedAt });
      case 'draft':
      case 'closed':
        throw conflict(answeringBlockedMessage(r.outcome)!);
      case 'hidden':
        throw badRequest('Frågan ingår inte i din enkät');
      case 'stale':
        links.forget(token);
        break;
    }
  }
  return saveInTransaction(db, links, token, itemId, value);
}

/** The transactional path: every check in order under the locks of lockForAnswer. */
function saveInTransaction(db: Db, links: LinkCaches, token: string, itemId: string, value: unknown): Promise<SavedAnswer> {
  return db.transaction(async (tx) => {
    const respondent = await lockForAnswer(tx, token);
    requireAnswerable(respondent);
    const instrument = await links.instrumentOf(tx, respondent);
    if (!instrument.items.some((i) => i.id === itemId)) throw badRequest('Frågan finns inte i enkäten');
    if (!visibleItems(instrument, respondent.respondentType).some((i) => i.id === itemId)) throw badRequest('Frågan ingår inte i din enkät');
    const v = validateAnswer(instrument, itemId, value);
    if (!v.ok) throw badRequest(v.message);
    await saveStored(tx, respondent.id, itemId, v.value);
    return { itemId, value: v.value, saved: true as const };
  });
}
