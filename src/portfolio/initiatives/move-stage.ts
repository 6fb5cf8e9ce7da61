// The association's stage decision: allowed transitions only, the target stage's gate fulfilled,
// logged with its reason.
import type { Db } from '../../db/db.ts';
import { AppError, conflict, notFound } from '../../domain/errors.ts';
import { checkGate, STAGE_LABELS, transitionError, type InitiativeView, type Stage } from '../../domain/portfolio/index.ts';
import { audit } from '../../store/audit.ts';
import { getGates, getInitiative, lockInitiative, moveStage as saveStage } from '../../store/initiatives.ts';
import { associationOfInitiative, CONCURRENT_EDIT_MESSAGE, gateContext, stageLogActor, viewById, type Caller } from './common.ts';

export async function moveStage(db: Db, id: number, input: { to: Stage; reason: string; version?: number }, caller: Caller): Promise<InitiativeView> {
  // The gates of the initiative's own association.
  const gates = await getGates(db, await associationOfInitiative(db, id));
  await db.transaction(async (tx) => {
    const cur = await lockInitiative(tx, id);
    if (!cur) throw notFound('Initiativet finns inte');
    if (input.version !== undefined && input.version !== cur.version) throw conflict(CONCURRENT_EDIT_MESSAGE, { currentVersion: cur.version });
    const err = transitionError(cur.stage, input.to);
    if (err) throw conflict(err);
    const i = (await getInitiative(tx, id))!;
    const missing = checkGate(i, input.to, gates, await gateContext(tx, i));
    if (missing.length)
      throw new AppError('unprocessable', `Initiativet kan inte flyttas till ${STAGE_LABELS[input.to]}. Det saknas: ${missing.join('; ')}.`, { missing });
    const v = await saveStage(tx, id, cur.version, cur.stage, input.to, input.reason, stageLogActor(caller));
    if (v === null) throw conflict(CONCURRENT_EDIT_MESSAGE);
    await audit(tx, {
      actor: caller.user.id,
      action: 'initiative.stage_moved',
      target: String(id),
      ip: caller.ip,
      details: { from: cur.stage, to: input.to, reason: input.reason },
    });
  });
  return viewById(db, caller.user, id);
}
