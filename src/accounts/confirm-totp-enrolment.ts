// Mitt konto: switches TOTP on with the first code from the app; answers the recovery codes (shown once).
import type { Db } from '../db/db.ts';
import { fieldError } from '../contracts/messages.ts';
import { enableWithCode, WRONG_CODE, type Caller } from './totp-common.ts';

export async function confirmTotpEnrolment(db: Db, caller: Caller, code: string): Promise<string[]> {
  const codes = await db.transaction((tx) => enableWithCode(tx, caller, code));
  if (!codes) throw fieldError('code', WRONG_CODE, null);
  return codes;
}
