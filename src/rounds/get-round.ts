// One round as the user may see it (src/domain/round-policy.ts): 403 for a kommunansvarig whose
// municipalities are not in it.
import type { Queryable } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { roundVisibility, type Viewer } from '../domain/round-policy.ts';
import { fullRound, publicRound } from './round-view.ts';
import { instrumentOfRound, requireVisibleRound } from './service.ts';

export async function getRoundFor(db: Queryable, user: Viewer, id: number) {
  const round = await requireVisibleRound(db, user, id);
  const seen = roundVisibility(user, round);
  if (seen.view === 'none') throw forbidden(seen.message);
  if (seen.view === 'public') return publicRound(round, (await instrumentOfRound(db, round)).title);
  return fullRound(db, round, seen.municipality);
}
