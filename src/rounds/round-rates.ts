// Response rates of a whole round (the association): by role and area, and per municipality.
import type { Queryable } from '../db/db.ts';
import { roundProgress } from '../store/rounds.ts';
import { rateReport, requireRound } from './service.ts';

export async function roundRates(db: Queryable, id: number) {
  const round = await requireRound(db, id);
  return { rates: await rateReport(db, round), municipalities: await roundProgress(db, id) };
}
