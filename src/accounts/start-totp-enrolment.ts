// Starts adding an authenticator app to a password account: a new secret (not in force until a code
// from the app confirms it). An account that signs in by SSO relies on its provider's two-factor.
import type { Queryable } from '../db/db.ts';
import { conflict } from '../domain/errors.ts';
import { newTotpSecret } from '../domain/identity/totp.ts';
import { setPendingTotpSecret } from '../store/two-factor.ts';
import { ALREADY_ON, enrolmentOf, requireTotpState, SSO_ONLY, type Caller, type TotpEnrolment } from './totp-common.ts';

export async function startTotpEnrolment(db: Queryable, caller: Caller): Promise<TotpEnrolment> {
  const state = await requireTotpState(db, caller.user.id);
  if (!state.hasPassword) throw conflict(SSO_ONLY);
  if (state.enabled) throw conflict(ALREADY_ON);
  const secret = newTotpSecret();
  await setPendingTotpSecret(db, caller.user.id, secret);
  return enrolmentOf(secret, caller.user.email);
}
