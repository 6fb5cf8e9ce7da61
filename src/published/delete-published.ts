// Deletes one item's published aggregate (förbundsadmin); 404 when the round holds none for the item. Audited.
import type { Db } from '../db/db.ts';
import { notFound } from '../domain/errors.ts';
import type { Actor } from '../rounds/service.ts';
import { audit } from '../store/audit.ts';
import { deletePublished } from '../store/published.ts';

export async function deletePublishedAggregate(db: Db, roundId: number, itemId: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deletePublished(tx, roundId, itemId))) throw notFound(`Mätomgången ${roundId} har inget publicerat aggregat för frågan "${itemId}"`);
    await audit(tx, { actor: actor.id, action: 'published.deleted', target: `round:${roundId}`, ip: actor.ip, details: { item: itemId } });
  });
}
