// Deletes a reference series (förbundsadmin; audited in the same transaction).
import type { Db } from '../db/db.ts';
import { notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { deleteReferenceSeries, getReferenceSeries } from '../store/references.ts';
import { requireReferenceAdmin, type Caller } from './common.ts';

export async function deleteReference(db: Db, caller: Caller, id: number): Promise<void> {
  requireReferenceAdmin(caller.user);
  await db.transaction(async (tx) => {
    const s = await getReferenceSeries(tx, id);
    if (!s) throw notFound('Referensserien finns inte');
    await deleteReferenceSeries(tx, id);
    await audit(tx, { actor: caller.user.id, action: 'reference.deleted', target: `Referensserie ${s.name}`, ip: caller.ip, details: { ...s } });
  });
}
