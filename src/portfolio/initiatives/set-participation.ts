// A municipality's interest in or participation in an initiative: declared by its kommunansvarig
// or by the association, withdrawn the same way; not once the initiative is closed.
import type { Db, Queryable } from '../../db/db.ts';
import { conflict, forbidden, notFound } from '../../domain/errors.ts';
import { canSetParticipation, CLOSED_STAGES } from '../../domain/portfolio/initiative-policy.ts';
import { STAGE_LABELS, type InitiativeView, type ParticipationKind } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { removeParticipation as deleteParticipation, setParticipation as saveParticipation } from '../../store/initiatives.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { requireInitiative, viewById, type Caller } from './common.ts';

async function requireOpen(db: Queryable, id: number) {
  const i = await requireInitiative(db, id);
  if (CLOSED_STAGES.includes(i.stage)) throw conflict(`Initiativet är avslutat (${STAGE_LABELS[i.stage]}); deltagandet kan inte ändras`);
}

export async function setParticipation(db: Db, id: number, code: string, kind: ParticipationKind, caller: Caller): Promise<InitiativeView> {
  const { user } = caller;
  if (!canSetParticipation(user, code)) throw forbidden('Du kan bara anmäla intresse eller deltagande för din egen kommun');
  if (!(await getMunicipality(db, code))) throw notFound(`Kommunen med kod ${code} finns inte`);
  await requireOpen(db, id);
  await db.transaction(async (tx) => {
    await saveParticipation(tx, id, code, kind, user.id);
    await audit(tx, { actor: user.id, action: 'initiative.participation_set', target: String(id), ip: caller.ip, details: { municipality: code, kind } });
  });
  return viewById(db, user, id);
}

export async function removeParticipation(db: Db, id: number, code: string, caller: Caller): Promise<InitiativeView> {
  const { user } = caller;
  if (!canSetParticipation(user, code)) throw forbidden('Du kan bara ändra din egen kommuns deltagande');
  await requireOpen(db, id);
  await db.transaction(async (tx) => {
    if (!(await deleteParticipation(tx, id, code))) throw notFound('Kommunen är inte anmäld till initiativet');
    await audit(tx, { actor: user.id, action: 'initiative.participation_removed', target: String(id), ip: caller.ip, details: { municipality: code } });
  });
  return viewById(db, user, id);
}
