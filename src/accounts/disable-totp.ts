// Mitt konto: switches TOTP off with the account's password, unless the association requires it of
// this account (förbundsadmin while "Kräv tvåstegsverifiering för förbundsadmin" is on).
import type { Db } from '../db/db.ts';
import { fieldError } from '../contracts/messages.ts';
import { conflict } from '../domain/errors.ts';
import { secondFactorNeeded } from '../domain/identity/policy.ts';
import { audit } from '../store/audit.ts';
import { getSecuritySettings } from '../store/identity.ts';
import { passwordMatches, removeTotp } from '../store/two-factor.ts';
import { NOT_ON, requireTotpState, type Caller } from './totp-common.ts';

export const TOTP_REQUIRED = 'Förbundet kräver tvåstegsverifiering för förbundsadministratörer. Den kan inte stängas av, men du kan byta app eller ta fram nya reservkoder.';

export async function disableTotp(db: Db, caller: Caller, password: string): Promise<void> {
  const state = await requireTotpState(db, caller.user.id);
  if (!state.enabled) throw conflict(NOT_ON);
  // Would a password sign-in of this account need to enrol again if it were off? Then it may not be.
  if (secondFactorNeeded({ role: caller.user.role, totpEnabled: false }, 'password', await getSecuritySettings(db)) === 'totp_setup')
    throw conflict(TOTP_REQUIRED);
  if (!(await passwordMatches(db, caller.user.id, password))) throw fieldError('password', 'Lösenordet stämmer inte');
  await db.transaction(async (tx) => {
    await removeTotp(tx, caller.user.id);
    await audit(tx, { actor: caller.user.id, action: 'totp.disabled', target: caller.user.email, ip: caller.ip });
  });
}
