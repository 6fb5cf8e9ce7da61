// Records an assessment of a risk (appended: earlier assessments stay as its history). In a group register
// the assessment is for one member municipality; in a municipality's register for none.
import { fieldError } from '../contracts/messages.ts';
import type { Db } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { canAssess } from '../domain/risk/policy.ts';
import type { AssessmentInput } from '../domain/risk/schema.ts';
import type { RiskView } from '../domain/risk/view.ts';
import { audit } from '../store/audit.ts';
import { insertAssessment } from '../store/risks.ts';
import { checkRiskReferences, requireGroup, requireRisk, riskViewById, type Caller } from './common.ts';

export const NOT_YOUR_ASSESSMENT = 'Du kan bara bedöma risker för din egen kommun';

export async function assessRisk(db: Db, caller: Caller, riskId: number, input: AssessmentInput): Promise<RiskView> {
  await db.transaction(async (tx) => {
    const r = await requireRisk(tx, riskId);
    const code = input.municipalityCode;
    if (code !== null) await checkRiskReferences(tx, { municipalityCode: code });
    if (r.scope.kind === 'group') {
      if (code === null) throw fieldError('municipalityCode', 'Ange vilken kommun bedömningen gäller (risken hör till en grupps register)');
      const group = await requireGroup(tx, r.scope.groupId);
      if (!group.members.includes(code)) throw fieldError('municipalityCode', `Kommunen ${code} ingår inte i gruppen ${group.name}`);
    } else if (code !== null && code !== r.scope.municipalityCode)
      throw fieldError('municipalityCode', `Risken hör till kommunen ${r.scope.municipalityCode}s register; ange samma kommun eller ingen`);
    if (!canAssess(caller.user, r.scope, code)) throw forbidden(NOT_YOUR_ASSESSMENT);
    const stored = { ...input, municipalityCode: r.scope.kind === 'group' ? code : null };
    const id = await insertAssessment(tx, riskId, stored, caller.user.id);
    await audit(tx, {
      actor: caller.user.id,
      action: 'risk.assessed',
      target: String(riskId),
      ip: caller.ip,
      details: { assessment: id, municipality: stored.municipalityCode, assessedOn: input.assessedOn, value: input.assessment },
    });
  });
  return riskViewById(db, caller.user, riskId);
}
