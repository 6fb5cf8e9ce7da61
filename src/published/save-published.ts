// Enters or replaces one item's published aggregate (förbundsadmin): refused with a Swedish message
// naming the field when the item or an option is unknown, a share is outside 0–100 or a base of 0 has
// shares — nothing is written. Audited in the same transaction. Answers with the round's view and flags.
import type { Db } from '../db/db.ts';
import { fieldError } from '../contracts/messages.ts';
import { validatePublished, type PublishedAggregate } from '../domain/published.ts';
import type { Actor } from '../rounds/service.ts';
import { audit } from '../store/audit.ts';
import { upsertPublished } from '../store/published.ts';
import { lockRound } from '../store/rounds.ts';
import { notFound } from '../domain/errors.ts';
import { publishedView, roundAndInstrument, type PublishedView } from './common.ts';

export async function savePublishedAggregate(db: Db, roundId: number, input: PublishedAggregate, actor: Actor): Promise<PublishedView & { replaced: boolean }> {
  const { instrument } = await roundAndInstrument(db, roundId);
  const errors = validatePublished(instrument, input);
  if (errors.length) throw fieldError(errors[0].field, errors[0].message);
  const replaced = await db.transaction(async (tx) => {
    if (!(await lockRound(tx, roundId))) throw notFound(`Mätomgången ${roundId} finns inte`);
    const r = await upsertPublished(tx, roundId, input, actor.id);
    await audit(tx, {
      actor: actor.id,
      action: 'published.saved',
      target: `round:${roundId}`,
      ip: actor.ip,
      details: { item: input.itemId, figure: input.figure, source: input.source.title, replaced: r },
    });
    return r;
  });
  return { ...(await publishedView(db, roundId)), replaced };
}
