// A municipality's 4 × 4 matrix over its own register and the group registers it is a member of, from each
// risk's current assessment (the association; a kommunansvarig for their own municipality).
import type { Db } from '../db/db.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import { currentFor, riskMatrix } from '../domain/risk/assess.ts';
import { canSeeMatrix, type RiskViewer } from '../domain/risk/policy.ts';
import type { RiskMatrixView } from '../domain/risk/view.ts';
import { listRiskRecords } from '../store/risks.ts';
import { lookup, unknownMunicipality } from './common.ts';

export async function getRiskMatrix(db: Db, viewer: RiskViewer, code: string, themeId?: string): Promise<RiskMatrixView> {
  const l = await lookup(db);
  const name = l.municipalities.get(code);
  if (!name) throw notFound(unknownMunicipality(code));
  if (!canSeeMatrix(viewer, code)) throw forbidden('Du kan bara se riskmatrisen för din egen kommun');
  const records = await listRiskRecords(db, { municipalityCode: code, ...(themeId ? { themeId } : {}) });
  const items = records.map((r) => ({ riskId: r.id, assessment: currentFor(r, r.scope.kind === 'municipality' ? null : code)?.assessment ?? null }));
  return riskMatrix({ code, name }, items, l.seriousAbove);
}
