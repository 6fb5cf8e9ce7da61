// Actors beyond the municipalities (academia, business, networks, the region) and their part in an
// initiative: the association's to add and remove.
import type { Db } from '../../db/db.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import type { InitiativeView } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { createActor as insertActor, getActor, removeActorParticipation, setActorParticipation } from '../../store/initiatives.ts';
import { requireInitiative, viewById, type Caller } from './common.ts';

export async function createActor(db: Db, input: { name: string; kind: string }, caller: Caller) {
  return db.transaction(async (tx) => {
    const a = await insertActor(tx, input.name, input.kind);
    if (!a) throw conflict('Det finns redan en aktör med det namnet');
    await audit(tx, { actor: caller.user.id, action: 'actor.created', target: a.name, ip: caller.ip });
    return a;
  });
}

export async function setInitiativeActor(db: Db, id: number, actorId: number, role: string, caller: Caller): Promise<InitiativeView> {
  await requireInitiative(db, id);
  if (!(await getActor(db, actorId))) throw notFound('Aktören finns inte');
  await db.transaction(async (tx) => {
    await setActorParticipation(tx, id, actorId, role, caller.user.id);
    await audit(tx, { actor: caller.user.id, action: 'initiative.actor_set', target: String(id), ip: caller.ip, details: { actorId } });
  });
  return viewById(db, caller.user, id);
}

export async function removeInitiativeActor(db: Db, id: number, actorId: number, caller: Caller): Promise<InitiativeView> {
  await requireInitiative(db, id);
  await db.transaction(async (tx) => {
    if (!(await removeActorParticipation(tx, id, actorId))) throw notFound('Aktören deltar inte i initiativet');
    await audit(tx, { actor: caller.user.id, action: 'initiative.actor_removed', target: String(id), ip: caller.ip, details: { actorId } });
  });
  return viewById(db, caller.user, id);
}
