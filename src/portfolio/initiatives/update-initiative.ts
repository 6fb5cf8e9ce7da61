// Changes an initiative's fields, if the caller may and nobody else saved since they opened it
// (optimistic concurrency on the version).
import type { Db } from '../../db/db.ts';
import { conflict, forbidden } from '../../domain/errors.ts';
import { editRefusal } from '../../domain/portfolio/initiative-policy.ts';
import { END_BEFORE_START, fieldsOf, mergeFields, type InitiativeChanges, type InitiativeView } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { updateInitiative as saveFields } from '../../store/initiatives.ts';
import { fieldError } from '../../contracts/messages.ts';
import { associationOfInitiative, checkReferences, CONCURRENT_EDIT_MESSAGE, requireInitiative, viewById, type Caller } from './common.ts';

export async function updateInitiative(db: Db, id: number, input: InitiativeChanges & { version: number }, caller: Caller): Promise<InitiativeView> {
  const { user } = caller;
  const { version, ...changes } = input;
  await db.transaction(async (tx) => {
    const i = await requireInitiative(tx, id);
    const refusal = editRefusal(user, i, changes.proposingMunicipality);
    if (refusal) throw forbidden(refusal);
    if (version !== i.version) throw conflict(CONCURRENT_EDIT_MESSAGE, { currentVersion: i.version, yourVersion: version });
    await checkReferences(tx, changes, await associationOfInitiative(tx, id));
    const { fields, endBeforeStart } = mergeFields(fieldsOf(i), changes);
    if (endBeforeStart) throw fieldError('endYear', END_BEFORE_START);
    const v = await saveFields(tx, id, version, fields, user.id);
    if (v === null) throw conflict(CONCURRENT_EDIT_MESSAGE);
    await audit(tx, { actor: user.id, action: 'initiative.updated', target: String(id), ip: caller.ip, details: { fields: Object.keys(changes), version: v } });
  });
  return viewById(db, user, id);
}
