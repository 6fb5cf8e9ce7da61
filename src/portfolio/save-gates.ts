// Replaces the stage gates of the admin's association (förbundsadmin); each association has its own.
import type { Db } from '../db/db.ts';
import type { GateConfig } from '../domain/portfolio/index.ts';
import { audit } from '../store/audit.ts';
import { getGates, saveGates as storeGates } from '../store/initiatives.ts';
import type { Actor } from './actor.ts';

/** Replaces one association's gates (without `associationId`: the default association's). */
export async function saveGates(db: Db, actor: Actor, gates: GateConfig, associationId?: number): Promise<GateConfig> {
  return db.transaction(async (tx) => {
    await storeGates(tx, gates, associationId);
    await audit(tx, { actor: actor.id, action: 'portfolio.gates_changed', ip: actor.ip, details: { gates }, association: associationId });
    return getGates(tx, associationId);
  });
}
