// A signed-in person changes their own password. With a password already, the current one must be
// given (guessing is held back by the route's strict rate limit, like password reset; a wrong guess
// does not slow the person's own sign-in). An SSO account without one may choose one when its e-mail
// domain allows password sign-in (ownPasswordRefusal). The account's other sessions end; the one
// that asked is kept.
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { badRequest, forbidden } from '../domain/errors.ts';
import { ownPasswordRefusal, ruleForEmail } from '../domain/identity/policy.ts';
import { checkPassword, setPassword } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { listDomainRules } from '../store/identity.ts';
import { endOtherSessions } from '../store/sessions.ts';

const WRONG_CURRENT_PASSWORD = 'Nuvarande lösenord: lösenordet stämmer inte';

export async function changeOwnPassword(
  db: Db,
  caller: { user: User; sessionToken: string; ip: string },
  input: { currentPassword?: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const { user } = caller;
  const refusal = ownPasswordRefusal(ruleForEmail(user.email, await listDomainRules(db)));
  if (refusal) throw forbidden(refusal);
  if (user.hasPassword) {
    if (!input.currentPassword) throw badRequest('Nuvarande lösenord: ange ditt nuvarande lösenord', [{ path: 'currentPassword', label: 'Nuvarande lösenord', message: 'Ange ditt nuvarande lösenord' }]);
    if (!(await checkPassword(db, user.id, input.currentPassword)))
      throw badRequest(WRONG_CURRENT_PASSWORD, [{ path: 'currentPassword', label: 'Nuvarande lösenord', message: 'Lösenordet stämmer inte' }]);
  }
  return db.transaction(async (tx) => {
    const ended = await endOtherSessions(tx, user.id, caller.sessionToken);
    await setPassword(tx, user.id, input.newPassword, { keepSession: caller.sessionToken });
    await audit(tx, { actor: user.id, action: 'password.changed', target: user.email, ip: caller.ip, details: { endedSessions: ended, hadPassword: user.hasPassword } });
    return { endedSessions: ended };
  });
}
