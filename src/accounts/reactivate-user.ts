// Reactivates a deactivated account: it may sign in again as before (an account deactivated before it
// accepted its invitation is invited again and needs a new link).
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { conflict } from '../domain/errors.ts';
import { getUser, setDeactivated } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { requireAccount, type AccountCaller } from './common.ts';

export async function reactivateUser(db: Db, caller: AccountCaller, userId: number, reason: string): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await requireAccount(tx, userId);
    if (before.status !== 'deactivated') throw conflict('Kontot är inte avaktiverat');
    await setDeactivated(tx, userId, false);
    const after = (await getUser(tx, userId))!;
    await audit(tx, { actor: caller.userId, action: 'user.reactivated', target: after.email, ip: caller.ip, details: { reason, after: after.status } });
    return after;
  });
}
