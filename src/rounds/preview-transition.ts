// What opening, closing or reopening a round will do: the counts for the confirmation. Changes nothing.
import type { Queryable } from '../db/db.ts';
import { transitionPreview, type TransitionPreview } from '../domain/round-edit.ts';
import { nextStatus, type RoundAction } from '../domain/rounds.ts';
import { conflict } from '../domain/errors.ts';
import { sampleCounts } from '../store/round-edit.ts';
import { todayInSweden } from './edit-round.ts';
import { instrumentOfRound, requireRound } from './service.ts';

/** What opening, closing or reopening would do (409 when the change is not possible in the round's status). */
export async function previewTransition(db: Queryable, id: number, action: RoundAction, today = todayInSweden()): Promise<TransitionPreview> {
  const round = await requireRound(db, id);
  const next = nextStatus(round.status, action);
  if (!next.ok) throw conflict(next.message);
  const instrument = await instrumentOfRound(db, round);
  return transitionPreview(action, next.status, { periodEnd: round.periodEnd, mode: instrument.mode }, await sampleCounts(db, id), today);
}

