// Opens, closes or reopens a round (draft → open → closed → open); 409 with the reason when the
// status does not allow it. Audited in the same transaction.
import type { Db } from '../db/db.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { nextStatus, type RoundAction } from '../domain/rounds.ts';
import { audit } from '../store/audit.ts';
import { getRound, lockRound, setRoundStatus, type Round } from '../store/rounds.ts';
import type { Actor } from './service.ts';

export async function changeRoundStatus(db: Db, id: number, action: RoundAction, actor: Actor): Promise<Round> {
  return db.transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (!round) throw notFound(`Mätomgång ${id} finns inte`);
    const next = nextStatus(round.status, action);
    if (!next.ok) throw conflict(next.message);
    await setRoundStatus(tx, id, next.status);
    await audit(tx, { actor: actor.id, action: `round.${action}`, target: `round:${id}`, ip: actor.ip, details: { from: round.status, to: next.status } });
    return (await getRound(tx, id))!;
  });
}

