// The portfolio's initiatives of the viewer's association, filtered by stage, scope or municipality
// (proposing or taking part).
import type { Queryable } from '../../db/db.ts';
import type { Viewer } from '../../domain/portfolio/initiative-policy.ts';
import type { InitiativeView, Scope, Stage } from '../../domain/portfolio/index.ts';
import { listCriteria, listInitiatives as loadAll } from '../../store/initiatives.ts';
import { viewOf } from './common.ts';
import { viewerAssociation } from '../../domain/association-scope.ts';

export interface InitiativeFilter {
  stage?: Stage;
  scope?: Scope;
  municipality?: string;
}

export async function listInitiatives(db: Queryable, viewer: Viewer, f: InitiativeFilter = {}): Promise<InitiativeView[]> {
  const criteria = await listCriteria(db);
  return (await loadAll(db, viewerAssociation(viewer ?? { role: 'lasare' })))
    .filter(
      (i) =>
        (!f.stage || i.stage === f.stage) &&
        (!f.scope || i.scope === f.scope) &&
        (!f.municipality || i.proposingMunicipality === f.municipality || i.participations.some((p) => p.municipality === f.municipality)),
    )
    .map((i) => viewOf(viewer, i, criteria));
}
