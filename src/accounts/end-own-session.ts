// A person ends one of their own sessions (Mitt konto → Inloggningar). Another person's session is
// not found, the same as an unknown one.
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { notFound } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { endUserSession } from '../store/sessions.ts';

/** Returns whether the ended session was the caller's own current one (then they are signed out). */
export async function endOwnSession(db: Db, caller: { user: User; sessionToken: string; ip: string }, sessionId: number): Promise<{ current: boolean }> {
  return db.transaction(async (tx) => {
    const ended = await endUserSession(tx, caller.user.id, sessionId, caller.sessionToken);
    if (!ended) throw notFound('Inloggningen finns inte eller har redan avslutats');
    await audit(tx, { actor: caller.user.id, action: 'session.ended', target: caller.user.email, ip: caller.ip, details: { sessionId, current: ended.current } });
    return ended;
  });
}
