// Deactivates an account: its sessions end in the same transaction and it cannot sign in by any method
// (src/domain/identity/policy.ts signInRefusal; getSession refuses it too). Open invitations are revoked.
// Not one's own account, and never the last active förbundsadmin.
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { conflict } from '../domain/errors.ts';
import { deactivationRefusal } from '../domain/identity/policy.ts';
import { countOtherActiveAdmins, getUser, setDeactivated } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { revokeInvitations } from '../store/invitations.ts';
import { requireAccount, type AccountCaller } from './common.ts';

export async function deactivateUser(db: Db, caller: AccountCaller, userId: number, reason: string): Promise<User> {
  return db.transaction(async (tx) => {
    // Serialises deactivations, so two admins cannot each deactivate the other one at once.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('samverka.deactivate', 0))`);
    const before = await requireAccount(tx, userId);
    const refusal = deactivationRefusal({ id: before.id, role: before.role, state: before.status }, caller.userId, await countOtherActiveAdmins(tx, before.id));
    if (refusal) throw conflict(refusal);
    await setDeactivated(tx, userId, true);
    await revokeInvitations(tx, userId);
    await audit(tx, { actor: caller.userId, action: 'user.deactivated', target: before.email, ip: caller.ip, details: { reason, before: before.status } });
    return (await getUser(tx, userId))!;
  });
}
