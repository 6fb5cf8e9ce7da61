// The risk register (DOMAIN.md §9): thin handlers over the use cases in src/risks. Access: the contracts
// (roles) and src/domain/risk/policy.ts (own municipality, anonymised groups) in the use cases.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/risks.ts';
import { RISK_STATUS_LABELS, RISK_STATUSES } from '../../domain/risk/schema.ts';
import { assessRisk } from '../../risks/assess-risk.ts';
import { themesOrDefault } from '../../risks/common.ts';
import { createRisk } from '../../risks/create-risk.ts';
import { deleteRisk } from '../../risks/delete-risk.ts';
import { getRisk } from '../../risks/get-risk.ts';
import { getRiskHeatmap } from '../../risks/get-risk-heatmap.ts';
import { getRiskMatrix } from '../../risks/get-risk-matrix.ts';
import { listRisks } from '../../risks/list-risks.ts';
import { saveThemes } from '../../risks/save-themes.ts';
import { setSeriousThreshold } from '../../risks/set-serious-threshold.ts';
import { updateRisk } from '../../risks/update-risk.ts';
import { viewerAssociation } from '../../domain/association-scope.ts';
import { listGroups } from '../../store/groups.ts';
import { getSeriousAbove } from '../../store/risks.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

const callerOf = (req: FastifyRequest) => ({ user: requireUser(req), ip: req.ip });

export async function riskRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.getRiskConfig, async (req) => ({
    themes: await themesOrDefault(db),
    statuses: RISK_STATUSES.map((id) => ({ id, label: RISK_STATUS_LABELS[id] })),
    seriousAbove: await getSeriousAbove(db),
    groups: (await listGroups(db, viewerAssociation(requireUser(req)))).map(({ id, name, namedPublished, members }) => ({ id, name, namedPublished, members })),
  }));
  route(app, api.saveRiskThemes, async (req) => ({ themes: await saveThemes(db, callerOf(req), req.body.themes) }));
  route(app, api.setRiskThreshold, async (req) => ({ seriousAbove: await setSeriousThreshold(db, callerOf(req), req.body.seriousAbove) }));

  route(app, api.listRisks, (req) =>
    listRisks(db, requireUser(req), {
      themeId: req.query.theme,
      municipalityCode: req.query.municipality,
      groupId: req.query.group,
      initiativeId: req.query.initiative,
    }),
  );
  route(app, api.createRisk, async (req, reply) => {
    const risk = await createRisk(db, callerOf(req), req.body);
    reply.status(201);
    return { risk };
  });
  route(app, api.getRisk, async (req) => ({ risk: await getRisk(db, requireUser(req), req.params.id) }));
  route(app, api.updateRisk, async (req) => ({ risk: await updateRisk(db, callerOf(req), req.params.id, req.body) }));
  route(app, api.deleteRisk, async (req) => {
    await deleteRisk(db, callerOf(req), req.params.id);
    return { id: req.params.id, deleted: true };
  });
  route(app, api.assessRisk, async (req, reply) => {
    const risk = await assessRisk(db, callerOf(req), req.params.id, req.body);
    reply.status(201);
    return { risk };
  });
  route(app, api.getRiskMatrix, async (req) => ({ matrix: await getRiskMatrix(db, requireUser(req), req.params.municipality, req.query.theme) }));
  route(app, api.getRiskHeatmap, async (req) => ({ heatmap: await getRiskHeatmap(db, requireUser(req), req.params.group, req.query.theme) }));
}
