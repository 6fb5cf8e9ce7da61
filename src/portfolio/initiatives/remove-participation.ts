// Withdraws a municipality's interest or participation: its kommunansvarig or the association; not
// once the initiative is closed.
import type { Db } from '../../db/db.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { canSetParticipation } from '../../domain/portfolio/initiative-policy.ts';
import type { InitiativeView } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { removeParticipation as deleteParticipation } from '../../store/initiatives.ts';
import { requireOpenInitiative, viewById, type Caller } from './common.ts';

export async function removeParticipation(db: Db, id: number, code: string, caller: Caller): Promise<InitiativeView> {
  const { user } = caller;
  if (!canSetParticipation(user, code)) throw forbidden('Du kan bara ändra din egen kommuns deltagande');
  await requireOpenInitiative(db, id);
  await db.transaction(async (tx) => {
    if (!(await deleteParticipation(tx, id, code))) throw notFound('Kommunen är inte anmäld till initiativet');
    await audit(tx, { actor: user.id, action: 'initiative.participation_removed', target: String(id), ip: caller.ip, details: { municipality: code } });
  });
  return viewById(db, user, id);
}
