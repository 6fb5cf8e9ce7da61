// One round as the user may see it: läsare the public fields; a kommunansvarig only a round with
// one of their municipalities (403 otherwise), with the progress of those; förbundsadmin all.
import type { Queryable } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { canSeeMunicipality, type Role } from '../domain/organisation.ts';
import { fullRound, publicRound } from './round-view.ts';
import { instrumentOfRound, requireRound } from './service.ts';

export async function getRoundFor(db: Queryable, user: { role: Role; municipalities: string[] }, id: number) {
  const round = await requireRound(db, id);
  if (user.role === 'lasare') return publicRound(round, (await instrumentOfRound(db, round)).title);
  if (user.role === 'kommunansvarig' && !round.municipalities.some((c) => user.municipalities.includes(c)))
    throw forbidden('Mätomgången omfattar inte din kommun');
  return fullRound(db, round, (code) => canSeeMunicipality(user, code));
}
