// Mitt konto: is two-factor available to the account (password accounts only), on, required of it,
// and how many recovery codes are left.
import type { Queryable } from '../db/db.ts';
import { secondFactorNeeded } from '../domain/identity/policy.ts';
import { getSecuritySettings } from '../store/identity.ts';
import { unusedRecoveryCodes } from '../store/two-factor.ts';
import { requireTotpState, type Caller } from './totp-common.ts';

export async function getTotpStatus(db: Queryable, caller: Caller) {
  const state = await requireTotpState(db, caller.user.id);
  const required = secondFactorNeeded({ role: caller.user.role, totpEnabled: false }, 'password', await getSecuritySettings(db)) === 'totp_setup';
  return {
    available: state.hasPassword,
    enabled: state.enabled,
    required: state.hasPassword && required,
    recoveryCodesLeft: state.enabled ? await unusedRecoveryCodes(db, caller.user.id) : 0,
  };
}
