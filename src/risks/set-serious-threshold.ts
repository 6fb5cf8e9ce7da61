// Sets the value above which a risk is serious (the association; Bilaga 5 uses 7).
import type { Db } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { canConfigure } from '../domain/risk/policy.ts';
import { audit } from '../store/audit.ts';
import { getSeriousAbove, setSeriousAbove } from '../store/risks.ts';
import type { Caller } from './common.ts';
import { ADMIN_ONLY } from './save-themes.ts';

export async function setSeriousThreshold(db: Db, caller: Caller, seriousAbove: number): Promise<number> {
  if (!canConfigure(caller.user)) throw forbidden(ADMIN_ONLY);
  return db.transaction(async (tx) => {
    const before = await getSeriousAbove(tx);
    await setSeriousAbove(tx, seriousAbove);
    await audit(tx, { actor: caller.user.id, action: 'risk.threshold_changed', ip: caller.ip, details: { before, after: seriousAbove } });
    return seriousAbove;
  });
}
