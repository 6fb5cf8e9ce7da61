// One risk with its current assessments and history, as the viewer may see it (a risk the viewer may not
// see is "not found", as if it did not exist).
import type { Db } from '../db/db.ts';
import { notFound } from '../domain/errors.ts';
import { canSeeRisk, type RiskViewer } from '../domain/risk/policy.ts';
import type { RiskView } from '../domain/risk/view.ts';
import { lookup, requireRisk, RISK_NOT_FOUND, viewFor } from './common.ts';

export async function getRisk(db: Db, viewer: RiskViewer, id: number): Promise<RiskView> {
  const r = await requireRisk(db, id);
  if (!canSeeRisk(viewer, r.scope)) throw notFound(RISK_NOT_FOUND);
  return viewFor(viewer, r, await lookup(db));
}
