// A new initiative in stage Idé: proposed by a kommunansvarig for one of their municipalities, or
// registered by the association.
import type { Db } from '../../db/db.ts';
import { forbidden } from '../../domain/errors.ts';
import { proposingMunicipalityFor } from '../../domain/portfolio/initiative-policy.ts';
import { EMPTY_INITIATIVE_FIELDS, END_BEFORE_START, mergeFields, type InitiativeChanges, type InitiativeView } from '../../domain/portfolio/index.ts';
import { viewerAssociation } from '../../domain/association-scope.ts';
import { audit } from '../../store/audit.ts';
import { createInitiative as insertInitiative } from '../../store/initiatives.ts';
import { fieldError } from '../../contracts/messages.ts';
import { checkReferences, stageLogActor, viewById, type Caller } from './common.ts';

export async function createInitiative(db: Db, input: InitiativeChanges & { title: string }, caller: Caller): Promise<InitiativeView> {
  const { user } = caller;
  const proposing = proposingMunicipalityFor(user, input.proposingMunicipality);
  if ('refusal' in proposing)
    throw proposing.field ? fieldError(proposing.field, proposing.refusal) : forbidden(proposing.refusal);
  const changes = { ...input, proposingMunicipality: proposing.code };
  // The initiative belongs to the caller's association; its proposing municipality must be a member.
  const associationId = viewerAssociation(user);
  await checkReferences(db, changes, associationId);
  const { fields, endBeforeStart } = mergeFields({ title: input.title, ...EMPTY_INITIATIVE_FIELDS }, changes);
  if (endBeforeStart) throw fieldError('endYear', END_BEFORE_START);
  const id = await db.transaction(async (tx) => {
    const newId = await insertInitiative(tx, fields, stageLogActor(caller), {
      reason: user.role === 'kommunansvarig' ? 'Förslag från kommunansvarig' : 'Registrerat av förbundet',
      associationId,
    });
    await audit(tx, { actor: user.id, action: 'initiative.created', target: String(newId), ip: caller.ip, details: { title: fields.title } });
    return newId;
  });
  return viewById(db, user, id);
}
