// Changes the fields of a network that are sent (förbundsadmin); the years stay in order and the name unique.
import type { Db } from '../db/db.ts';
import { badRequest, conflict, notFound } from '../domain/errors.ts';
import { END_BEFORE_START, yearsInOrder } from '../domain/portfolio/field-schemas.ts';
import type { Network } from '../domain/portfolio/index.ts';
import type { NetworkPatch } from '../domain/portfolio/portfolio-schema.ts';
import { audit } from '../store/audit.ts';
import { getNetwork, networkAssociation, networkNameTaken, updateNetwork as storeNetwork } from '../store/initiatives.ts';
import type { Actor } from './actor.ts';
import { NETWORK_NAME_TAKEN } from './create-network.ts';

export async function updateNetwork(db: Db, actor: Actor, id: number, patch: NetworkPatch): Promise<Network> {
  return db.transaction(async (tx) => {
    const existing = await getNetwork(tx, id);
    if (!existing) throw notFound('Nätverket finns inte');
    const next = { ...existing, ...patch };
    if (!yearsInOrder(next)) throw badRequest(END_BEFORE_START, [{ path: 'endYear', label: 'Slutår', message: END_BEFORE_START }]);
    // Names are unique within the network's own association.
    if (patch.name && (await networkNameTaken(tx, patch.name, id, (await networkAssociation(tx, id)) ?? undefined))) throw conflict(NETWORK_NAME_TAKEN);
    await storeNetwork(tx, id, next);
    await audit(tx, { actor: actor.id, action: 'network.updated', target: next.name, ip: actor.ip, details: patch });
    return (await getNetwork(tx, id))!;
  });
}
