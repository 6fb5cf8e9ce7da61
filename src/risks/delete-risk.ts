// Removes a risk with its assessments (the association; a kommunansvarig in their own municipality's register).
import type { Db } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { canEditRisk } from '../domain/risk/policy.ts';
import { audit } from '../store/audit.ts';
import { deleteRisk as removeRisk } from '../store/risks.ts';
import { requireRisk, type Caller } from './common.ts';
import { NOT_YOUR_REGISTER } from './create-risk.ts';

export async function deleteRisk(db: Db, caller: Caller, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await requireRisk(tx, id);
    if (!canEditRisk(caller.user, r.scope)) throw forbidden(NOT_YOUR_REGISTER);
    await removeRisk(tx, id);
    await audit(tx, { actor: caller.user.id, action: 'risk.deleted', target: String(id), ip: caller.ip, details: { title: r.title } });
  });
}
