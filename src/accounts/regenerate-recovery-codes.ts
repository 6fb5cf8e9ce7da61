// Mitt konto: new recovery codes, confirmed with a current code from the app; the old ones stop working.
import type { Db } from '../db/db.ts';
import { fieldError } from '../contracts/messages.ts';
import { conflict } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { acceptTotpCode, issueRecoveryCodes, NOT_ON, requireTotpState, WRONG_CODE, type Caller } from './totp-common.ts';

export async function regenerateRecoveryCodes(db: Db, caller: Caller, code: string): Promise<string[]> {
  const codes = await db.transaction(async (tx) => {
    const state = await requireTotpState(tx, caller.user.id);
    if (!state.enabled) throw conflict(NOT_ON);
    if (!(await acceptTotpCode(tx, caller.user.id, state, code))) return undefined;
    const codes = await issueRecoveryCodes(tx, caller.user.id);
    await audit(tx, { actor: caller.user.id, action: 'totp.recovery_regenerated', target: caller.user.email, ip: caller.ip });
    return codes;
  });
  if (!codes) throw fieldError('code', WRONG_CODE, null);
  return codes;
}
