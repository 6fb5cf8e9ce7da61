// Changes an account's role or municipalities, with the reason kept in the event log beside the
// before and after. A kommunansvarig keeps at least one municipality; other roles have none.
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { badRequest, conflict } from '../domain/errors.ts';
import type { Role } from '../domain/organisation.ts';
import { countOtherActiveAdmins, getUser, setUserMunicipalities, setUserRole } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { checkPermissions, requireAccount, type AccountCaller } from './common.ts';

export async function changePermissions(
  db: Db,
  caller: AccountCaller,
  userId: number,
  change: { role?: Role; municipalities?: string[]; reason: string },
): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await requireAccount(tx, userId);
    const role = change.role ?? before.role;
    const municipalities = role === 'kommunansvarig' ? (change.municipalities ?? before.municipalities) : [];
    // The account's own association (a former regionanalytiker gets the caller's).
    const associationId = before.associationId ?? caller.associationId;
    await checkPermissions(tx, role, role === 'kommunansvarig' ? (change.municipalities ?? municipalities) : [], associationId);
    if (before.id === caller.userId && role !== 'forbundsadmin') throw badRequest('Du kan inte ta bort din egen administratörsroll');
    if (before.role === 'forbundsadmin' && role !== 'forbundsadmin' && before.status === 'active' && (await countOtherActiveAdmins(tx, before.id)) === 0)
      throw conflict('Det sista aktiva förbundsadmin-kontot kan inte få en annan roll');
    await setUserRole(tx, userId, role, associationId);
    await setUserMunicipalities(tx, userId, municipalities);
    const after = (await getUser(tx, userId))!;
    await audit(tx, {
      actor: caller.userId,
      action: 'user.permissions_changed',
      target: after.email,
      ip: caller.ip,
      details: {
        before: { role: before.role, municipalities: before.municipalities },
        after: { role: after.role, municipalities: after.municipalities },
        reason: change.reason,
      },
    });
    return after;
  });
}
