// A municipality's interest in or participation in an initiative, declared by its kommunansvarig or
// by the association; not once the initiative is closed.
import type { Db } from '../../db/db.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { canSetParticipation } from '../../domain/portfolio/initiative-policy.ts';
import { type InitiativeView, type ParticipationKind } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { setParticipation as saveParticipation } from '../../store/initiatives.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { requireAssociationMembers } from '../../associations/members.ts';
import { associationOfInitiative, requireOpenInitiative, viewById, type Caller } from './common.ts';

export async function setParticipation(db: Db, id: number, code: string, kind: ParticipationKind, caller: Caller): Promise<InitiativeView> {
  const { user } = caller;
  if (!canSetParticipation(user, code)) throw forbidden('Du kan bara anmäla intresse eller deltagande för din egen kommun');
  if (!(await getMunicipality(db, code))) throw notFound(`Kommunen med kod ${code} finns inte`);
  await requireOpenInitiative(db, id);
  // Only members of the initiative's association take part in it.
  await requireAssociationMembers(db, await associationOfInitiative(db, id), [code], 'code');
  await db.transaction(async (tx) => {
    await saveParticipation(tx, id, code, kind, user.id);
    await audit(tx, { actor: user.id, action: 'initiative.participation_set', target: String(id), ip: caller.ip, details: { municipality: code, kind } });
  });
  return viewById(db, user, id);
}
