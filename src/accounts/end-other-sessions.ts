// A person ends all their sessions but the one they ask from (e.g. after signing in on a shared computer).
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { audit } from '../store/audit.ts';
import { endOtherSessions as endOthers } from '../store/sessions.ts';

export async function endOtherSessions(db: Db, caller: { user: User; sessionToken: string; ip: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await endOthers(tx, caller.user.id, caller.sessionToken);
    await audit(tx, { actor: caller.user.id, action: 'session.ended', target: caller.user.email, ip: caller.ip, details: { others: true, count: ended } });
    return ended;
  });
}
