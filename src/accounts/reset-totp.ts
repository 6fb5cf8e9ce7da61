// Förbundsadmin (or the operator at the command line) switches off another account's TOTP, e.g. after
// a lost phone: the secret and recovery codes go; the person enrols again (at sign-in when required).
import type { Db } from '../db/db.ts';
import { conflict, notFound } from '../domain/errors.ts';
import { getUser, type User } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { getTotpState, removeTotp } from '../store/two-factor.ts';

export async function resetTotp(db: Db, actor: { id: number | null; ip?: string }, userId: number): Promise<User> {
  return db.transaction(async (tx) => {
    const user = await getUser(tx, userId);
    const state = await getTotpState(tx, userId);
    if (!user || !state) throw notFound('Kontot finns inte');
    if (!state.enabled && !state.secret) throw conflict(`${user.email} har ingen tvåstegsverifiering att återställa.`);
    await removeTotp(tx, userId);
    await audit(tx, { actor: actor.id, action: 'totp.reset', target: user.email, ip: actor.ip, details: actor.id === null ? { via: 'cli' } : {} });
    return (await getUser(tx, userId))!;
  });
}
