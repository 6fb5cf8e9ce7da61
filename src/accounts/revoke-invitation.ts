// Revokes an invitation that was never accepted. The account, which never signed in and holds
// nothing, is deleted with it, so the address can be invited again later; the event log keeps the
// invitation and its revocation. An account that has accepted is deactivated instead (409 here).
import type { Db } from '../db/db.ts';
import { conflict } from '../domain/errors.ts';
import { deleteUser } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { getAccountFacts } from '../store/identity.ts';
import { revokeInvitations } from '../store/invitations.ts';
import { requireAccount, type AccountCaller } from './common.ts';

export async function revokeInvitation(db: Db, caller: AccountCaller, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await requireAccount(tx, userId);
    // Also an invited account that was deactivated before it accepted: it was never activated.
    if ((await getAccountFacts(tx, userId))!.activatedAt) throw conflict('Kontot har redan tagit emot sin inbjudan; avaktivera det i stället');
    await revokeInvitations(tx, userId);
    await deleteUser(tx, userId);
    await audit(tx, { actor: caller.userId, action: 'invitation.revoked', target: user.email, ip: caller.ip, details: { accountDeleted: true } });
  });
}
