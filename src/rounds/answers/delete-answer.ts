// Clears one answer (e.g. a radio button chosen by mistake), under the same rules as saving it.
import type { Db } from '../../db/db.ts';
import { deleteAnswer as deleteStored } from '../../store/respondents.ts';
import { lockForAnswer, requireAnswerable, requireTokenShape } from './link.ts';

export function deleteAnswer(db: Db, token: string, itemId: string) {
  requireTokenShape(token);
  return db.transaction(async (tx) => {
    const respondent = await lockForAnswer(tx, token);
    requireAnswerable(respondent);
    return { itemId, deleted: await deleteStored(tx, respondent.id, itemId) };
  });
}
