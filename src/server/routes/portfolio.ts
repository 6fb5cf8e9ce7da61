// The portfolio's configuration and regional follow-up (DOMAIN.md §7, §10): thin handlers over the use
// cases in src/portfolio. Access: src/domain/portfolio/portfolio-policy.ts through the contracts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as api from '../../contracts/portfolio.ts';
import { handlingsplanReport } from '../../domain/reports/handlingsplan.ts';
import { indicatorsReport } from '../../domain/reports/indicators.ts';
import { createNetwork } from '../../portfolio/create-network.ts';
import { initiativeRanking } from '../../portfolio/initiative-ranking.ts';
import { overdueStatusReports } from '../../portfolio/overdue-status-reports.ts';
import { portfolioConfig } from '../../portfolio/portfolio-config.ts';
import { saveCriteria } from '../../portfolio/save-criteria.ts';
import { saveFundingProject } from '../../portfolio/save-funding-project.ts';
import { saveGates } from '../../portfolio/save-gates.ts';
import { fundingProjects, handlingsplanModel, indicatorReport } from '../../portfolio/service.ts';
import { setIndicatorValue } from '../../portfolio/set-indicator-value.ts';
import { updateNetwork } from '../../portfolio/update-network.ts';
import { CONTENT_TYPES, renderReport, type ReportFormat } from '../../reports/render/index.ts';
import { listNetworks } from '../../store/initiatives.ts';
import { forbidden } from '../../domain/errors.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';
import { NO_ASSOCIATION, viewerAssociation } from '../../domain/association-scope.ts';

const actorOf = (req: FastifyRequest) => ({ id: requireUser(req).id, ip: req.ip });
/** The association the caller works in: its lists, and where its new networks and gates go. */
const scopeOf = (req: FastifyRequest) => viewerAssociation(requireUser(req));
const today = () => new Date().toISOString().slice(0, 10);

/** The association whose follow-up the caller works in; the region's analyst has none (403: its page is /api/region). */
function ownAssociation(req: FastifyRequest): number {
  const id = viewerAssociation(requireUser(req));
  if (id === undefined || id === NO_ASSOCIATION) throw forbidden('Regionanalytikern läser förbundens indikatorer och medel under Regional uppföljning');
  return id;
}

function sendFile(reply: FastifyReply, buf: Buffer, format: ReportFormat, base: string) {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${base}.${format}"`)
    .header('cache-control', 'no-store')
    .send(buf);
}

export async function portfolioRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.getPortfolioConfig, (req) => portfolioConfig(db, scopeOf(req)));
  route(app, api.saveCriteria, async (req) => ({ criteria: await saveCriteria(db, actorOf(req), req.body.criteria) }));
  route(app, api.saveGates, async (req) => ({ gates: await saveGates(db, actorOf(req), req.body.gates, scopeOf(req)) }));
  route(app, api.getRanking, (req) => initiativeRanking(db, req.query.stages, scopeOf(req)));
  route(app, api.getOverdueReports, (req) => overdueStatusReports(db, { ...req.query, today: req.query.today ?? today() }, scopeOf(req)));

  route(app, api.getHandlingsplan, async (req, reply) => {
    const { from, to, format } = req.query;
    const model = await handlingsplanModel(db, from, to, new Date(), scopeOf(req));
    if (format === 'json') return { handlingsplan: model };
    // The file formats: the contract's response describes the JSON answer (see its summary).
    return sendFile(reply, await renderReport(handlingsplanReport(model), format), format, `handlingsplan-${from}-${to}`) as never;
  });

  // Indicators and funds: the caller's own association (the region's analyst reads them under /api/region).
  route(app, api.getIndicators, async (req) => {
    const { generatedAt: _at, ...r } = await indicatorReport(db, ownAssociation(req), req.query.year ?? new Date().getFullYear());
    return r;
  });
  route(app, api.exportIndicators, async (req, reply) => {
    const year = req.query.year ?? new Date().getFullYear();
    const r = await indicatorReport(db, ownAssociation(req), year);
    return sendFile(reply, await renderReport(indicatorsReport(r), req.query.format), req.query.format, `indikatorer-${r.association.shortId}-${year}`);
  });
  route(app, api.setIndicatorValue, (req) =>
    setIndicatorValue(db, actorOf(req), ownAssociation(req), req.params.year, req.params.indicator, req.body),
  );

  route(app, api.listFunding, async (req) => ({ projects: await fundingProjects(db, ownAssociation(req)) }));
  route(app, api.saveFunding, async (req) => ({ project: await saveFundingProject(db, actorOf(req), ownAssociation(req), req.body) }));

  route(app, api.listNetworks, async (req) => ({ networks: await listNetworks(db, scopeOf(req)) }));
  route(app, api.createNetwork, async (req, reply) => {
    reply.status(201);
    return { network: await createNetwork(db, actorOf(req), req.body, scopeOf(req)) };
  });
  route(app, api.updateNetwork, async (req) => ({ network: await updateNetwork(db, actorOf(req), req.params.id, req.body) }));
}
