// Changes a risk's fields (not its register): the association, or a kommunansvarig in their own
// municipality's register. Fields not given keep their value.
import type { Db } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { canEditRisk } from '../domain/risk/policy.ts';
import type { RiskInput } from '../domain/risk/schema.ts';
import type { RiskView } from '../domain/risk/view.ts';
import { audit } from '../store/audit.ts';
import { updateRisk as saveRisk, type RiskFields } from '../store/risks.ts';
import { viewerAssociation } from '../domain/association-scope.ts';
import { checkRiskReferences, requireRisk, riskViewById, type Caller } from './common.ts';
import { NOT_YOUR_REGISTER } from './create-risk.ts';

export type RiskChanges = Partial<Omit<RiskInput, 'scope'>>;

export async function updateRisk(db: Db, caller: Caller, id: number, changes: RiskChanges): Promise<RiskView> {
  await db.transaction(async (tx) => {
    const r = await requireRisk(tx, id);
    if (!canEditRisk(caller.user, r.scope)) throw forbidden(NOT_YOUR_REGISTER);
    await checkRiskReferences(tx, { themeId: changes.themeId, initiativeId: changes.initiativeId }, viewerAssociation(caller.user));
    const fields: RiskFields = {
      themeId: r.themeId,
      title: r.title,
      owner: r.owner,
      measure: r.measure,
      status: r.status,
      reviewDate: r.reviewDate,
      initiativeId: r.initiativeId,
      source: r.source,
      note: r.note,
      synthesised: r.synthesised,
    };
    for (const [k, v] of Object.entries(changes)) if (v !== undefined) (fields as Record<string, unknown>)[k] = v;
    await saveRisk(tx, id, fields);
    await audit(tx, { actor: caller.user.id, action: 'risk.updated', target: String(id), ip: caller.ip, details: { fields: Object.keys(changes) } });
  });
  return riskViewById(db, caller.user, id);
}
