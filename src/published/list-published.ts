// Lists a round's published aggregates with their figures and data-quality flags (any signed-in user
// of the round's association; the association guard answers 404 for another association's round).
import type { Queryable } from '../db/db.ts';
import { publishedView, type PublishedView } from './common.ts';

export async function listPublishedAggregates(db: Queryable, roundId: number): Promise<PublishedView> {
  return publishedView(db, roundId);
}
