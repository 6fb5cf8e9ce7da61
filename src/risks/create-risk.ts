// Adds a risk to a municipality's or a group's register (the association; a kommunansvarig in their own
// municipality's register). The four themes of Bilaga 5 are stored on first use.
import type { Db } from '../db/db.ts';
import { forbidden } from '../domain/errors.ts';
import { canEditRisk } from '../domain/risk/policy.ts';
import type { RiskInput } from '../domain/risk/schema.ts';
import type { RiskView } from '../domain/risk/view.ts';
import { audit } from '../store/audit.ts';
import { ensureDefaultThemes, insertRisk } from '../store/risks.ts';
import { checkRiskReferences, riskViewById, type Caller } from './common.ts';
import { viewerAssociation } from '../domain/association-scope.ts';

export const NOT_YOUR_REGISTER = 'Du kan bara ändra risker i din egen kommuns register';

export async function createRisk(db: Db, caller: Caller, input: RiskInput): Promise<RiskView> {
  if (!canEditRisk(caller.user, input.scope)) throw forbidden(NOT_YOUR_REGISTER);
  const id = await db.transaction(async (tx) => {
    await ensureDefaultThemes(tx);
    // The register is one of the caller's association: a member municipality's or one of its groups.
    await checkRiskReferences(
      tx,
      {
        themeId: input.themeId,
        initiativeId: input.initiativeId,
        ...(input.scope.kind === 'municipality' ? { municipalityCode: input.scope.municipalityCode } : { groupId: input.scope.groupId }),
      },
      viewerAssociation(caller.user),
    );
    const id = await insertRisk(tx, input);
    await audit(tx, { actor: caller.user.id, action: 'risk.created', target: String(id), ip: caller.ip, details: { title: input.title, scope: input.scope } });
    return id;
  });
  return riskViewById(db, caller.user, id);
}
