// An actor's part in an initiative, with its role: the association's to set.
import type { Db } from '../../db/db.ts';
import { notFound } from '../../domain/errors.ts';
import type { InitiativeView } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { getActor, setActorParticipation } from '../../store/initiatives.ts';
import { requireInitiative, viewById, type Caller } from './common.ts';

export async function setInitiativeActor(db: Db, id: number, actorId: number, role: string, caller: Caller): Promise<InitiativeView> {
  await requireInitiative(db, id);
  if (!(await getActor(db, actorId))) throw notFound('Aktören finns inte');
  await db.transaction(async (tx) => {
    await setActorParticipation(tx, id, actorId, role, caller.user.id);
    await audit(tx, { actor: caller.user.id, action: 'initiative.actor_set', target: String(id), ip: caller.ip, details: { actorId } });
  });
  return viewById(db, caller.user, id);
}
