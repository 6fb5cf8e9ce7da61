// Adds a sub-regional network to the admin's association (förbundsadmin); its name is unique in the association.
import type { Db } from '../db/db.ts';
import { conflict } from '../domain/errors.ts';
import type { Network } from '../domain/portfolio/index.ts';
import { audit } from '../store/audit.ts';
import { createNetwork as storeNetwork, getNetwork, networkNameTaken } from '../store/initiatives.ts';
import type { Actor } from './actor.ts';

export const NETWORK_NAME_TAKEN = 'Det finns redan ett nätverk med det namnet';

export async function createNetwork(
  db: Db,
  actor: Actor,
  input: Partial<Omit<Network, 'id'>> & { name: string },
  associationId?: number,
): Promise<Network> {
  const network = { description: '', active: true, startYear: null, endYear: null, ...input };
  return db.transaction(async (tx) => {
    if (await networkNameTaken(tx, network.name, undefined, associationId)) throw conflict(NETWORK_NAME_TAKEN);
    const id = await storeNetwork(tx, network, false, associationId);
    if (id === null) throw conflict(NETWORK_NAME_TAKEN);
    await audit(tx, { actor: actor.id, action: 'network.created', target: network.name, ip: actor.ip, association: associationId });
    return (await getNetwork(tx, id))!;
  });
}
