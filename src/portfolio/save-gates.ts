// Replaces the stage gates (förbundsadmin).
import type { Db } from '../db/db.ts';
import type { GateConfig } from '../domain/portfolio/index.ts';
import { audit } from '../store/audit.ts';
import { getGates, saveGates as storeGates } from '../store/initiatives.ts';
import type { Actor } from './actor.ts';

export async function saveGates(db: Db, actor: Actor, gates: GateConfig): Promise<GateConfig> {
  return db.transaction(async (tx) => {
    await storeGates(tx, gates);
    await audit(tx, { actor: actor.id, action: 'portfolio.gates_changed', ip: actor.ip, details: { gates } });
    return getGates(tx);
  });
}
