// A new actor beyond the municipalities (academia, business, networks, the region): the association's to add.
import type { Db } from '../../db/db.ts';
import { conflict } from '../../domain/errors.ts';
import { audit } from '../../store/audit.ts';
import { createActor as insertActor } from '../../store/initiatives.ts';
import type { Caller } from './common.ts';

export async function createActor(db: Db, input: { name: string; kind: string }, caller: Caller) {
  return db.transaction(async (tx) => {
    const a = await insertActor(tx, input.name, input.kind);
    if (!a) throw conflict('Det finns redan en aktör med det namnet');
    await audit(tx, { actor: caller.user.id, action: 'actor.created', target: a.name, ip: caller.ip });
    return a;
  });
}
