// Removes an actor from an initiative: the association's to do.
import type { Db } from '../../db/db.ts';
import { notFound } from '../../domain/errors.ts';
import type { InitiativeView } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { removeActorParticipation } from '../../store/initiatives.ts';
import { requireInitiative, viewById, type Caller } from './common.ts';

export async function removeInitiativeActor(db: Db, id: number, actorId: number, caller: Caller): Promise<InitiativeView> {
  await requireInitiative(db, id);
  await db.transaction(async (tx) => {
    if (!(await removeActorParticipation(tx, id, actorId))) throw notFound('Aktören deltar inte i initiativet');
    await audit(tx, { actor: caller.user.id, action: 'initiative.actor_removed', target: String(id), ip: caller.ip, details: { actorId } });
  });
  return viewById(db, caller.user, id);
}
