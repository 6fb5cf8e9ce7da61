// Deletes a draft round without answers (förbundsadmin); 409 with the reason otherwise. Audited.
import type { Db } from '../db/db.ts';
import { deleteRefusal } from '../domain/round-edit.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { answerFacts, deleteRound } from '../store/round-edit.ts';
import { lockRound } from '../store/rounds.ts';
import type { Actor } from './service.ts';

/** Deletes a draft round without answers (409 with the reason otherwise). */
export async function deleteRoundChecked(db: Db, id: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const round = await lockRound(tx, id);
    if (!round) throw notFound(`Mätomgång ${id} finns inte`);
    const facts = await answerFacts(tx, id);
    const refusal = deleteRefusal(round.status, facts.answeredRespondents);
    if (refusal) throw conflict(refusal);
    await deleteRound(tx, id);
    await audit(tx, {
      actor: actor.id,
      action: 'round.deleted',
      target: `round:${id}`,
      ip: actor.ip,
      details: { title: round.title, instrument: `${round.instrument}@${round.instrumentVersion}`, respondents: facts.respondents },
    });
  });
}

