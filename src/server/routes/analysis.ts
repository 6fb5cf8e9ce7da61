// Results of measurement rounds (DOMAIN.md §5): regional overview, a municipality against the
// region, change between rounds (src/contracts/analysis.ts). What each role sees is decided by
// domain/analysis/views.ts:
// - förbundsadmin: everything with names; kommunansvarig: own municipality in full, the rest
//   anonymised and suppressed; läsare: the anonymised, suppressed regional view of closed rounds.
// format=csv&figure=<figure id> returns that figure's table as CSV (cells neutralised against formulas).
// defer=true leaves the regional view's large figures out (domain/analysis/deferred.ts); the figure
// endpoint answers with one figure of the same view, so access and suppression are the view's own.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import * as api from '../../contracts/analysis.ts';
import { getCandidate, getCompareView, getMunicipalityView, getRegionalView, parseMeasure, visibleRounds } from '../../analysis/service.ts';
import { figureCsv, type AnalysisViewer, type Figure } from '../../domain/analysis/views.ts';
import { deferLargeFigures } from '../../domain/analysis/deferred.ts';
import { requireUser } from '../auth.ts';
import { badRequest, notFound } from '../http.ts';
import { route } from '../route.ts';

type Query = z.output<typeof api.analysisQuery>;

function viewerOf(req: FastifyRequest): AnalysisViewer {
  const user = requireUser(req);
  // The association decides which rounds exist for the viewer (issue 14); the region's analyst sees none.
  return { role: user.role, municipalities: user.municipalities, associationId: user.associationId, associationMembers: user.associationMembers };
}

function filtersOf(q: z.output<typeof api.analysisFilters>) {
  return { respondentType: q.respondentType || null, area: q.area || null };
}

const noMeasure = (q: Query) => {
  if (q.measure !== undefined) throw badRequest('Ett jämförelsemått kan bara anges när två mätomgångar jämförs');
};

/**
 * The view as JSON, or with format=csv the table of one figure. The CSV is sent on the reply, and the
 * sent reply is what the handler returns (Fastify then sends nothing more).
 */
function respond<V extends { figures: Figure[] }>(reply: FastifyReply, q: Query, view: V, fileStem: string, req?: FastifyRequest): V {
  if (q.format !== 'csv') return req ? sendJson(req, reply, view) : view;
  if (!q.figure) throw badRequest('Ange vilken figur som ska laddas ned (figure=…)');
  const fig = view.figures.find((f) => f.id === q.figure);
  if (!fig) throw notFound(`Figuren "${q.figure}" finns inte i den här vyn`);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileStem}-${fig.id.replace(/[^a-z0-9_-]/gi, '_')}.csv"`)
    .send(figureCsv(fig)) as never;
}

/**
 * A cached view (src/analysis/service.ts keeps the same object while nothing it is made of changed) as
 * JSON, serialised and gzip-compressed once per view object rather than once per request (issue 15:
 * many readers of one national view).
 */
const encoded = new WeakMap<object, { json: string; gzip?: Buffer }>();
function sendJson<V extends object>(req: FastifyRequest, reply: FastifyReply, view: V): V {
  let e = encoded.get(view);
  if (!e) encoded.set(view, (e = { json: JSON.stringify(view) }));
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && e.json.length > 1024) {
    e.gzip ??= gzipSync(e.json);
    return reply.header('content-encoding', 'gzip').send(e.gzip) as never;
  }
  return reply.send(e.json) as never;
}

/** Derived answers of a cached view (the view without its large figures, one figure), made once per view object. */
const derived = new WeakMap<object, Map<string, object>>();
function derive<T extends object>(view: object, key: string, make: () => T): T {
  let m = derived.get(view);
  if (!m) derived.set(view, (m = new Map()));
  let d = m.get(key) as T | undefined;
  if (!d) m.set(key, (d = make()));
  return d;
}

export async function analysisRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.listAnalysisRounds, async (req) => ({ rounds: await visibleRounds(db, viewerOf(req)) }));

  route(app, api.regionalAnalysis, async (req, reply) => {
    const { params, query } = req;
    noMeasure(query);
    const view = await getRegionalView(db, viewerOf(req), { roundId: params.id, filters: filtersOf(query) });
    if (query.defer && query.format !== 'csv') return sendJson(req, reply, derive(view, 'deferred', () => deferLargeFigures(view)));
    return respond(reply, query, view, `resultat-${params.id}`, req);
  });

  // One figure of the regional view, whole: the same view (access, anonymisation, suppression) as above.
  route(app, api.regionalFigure, async (req, reply) => {
    const { params, query } = req;
    const view = await getRegionalView(db, viewerOf(req), { roundId: params.id, filters: filtersOf(query) });
    const figure = view.figures.find((f) => f.id === params.figure);
    if (!figure) throw notFound(`Figuren "${params.figure}" finns inte i den här vyn`);
    return sendJson(req, reply, derive(view, `figure:${figure.id}`, () => ({ figure })));
  });

  // A samverkanskandidat as the user may see it: the evidence an initiative proposal starts from.
  route(app, api.getCandidate, async (req) => {
    const { id, itemId } = req.params;
    return getCandidate(db, viewerOf(req), { roundId: id, itemId, filters: filtersOf(req.query) });
  });

  route(app, api.municipalityAnalysis, async (req, reply) => {
    const { params, query } = req;
    noMeasure(query);
    const view = await getMunicipalityView(db, viewerOf(req), { roundId: params.id, municipality: params.code, filters: filtersOf(query) });
    return respond(reply, query, view, `resultat-${params.id}-${params.code}`, req);
  });

  route(app, api.compareAnalysis, async (req, reply) => {
    const { params, query } = req;
    const measure = parseMeasure(query.measure);
    if (!measure) throw badRequest('Okänt jämförelsemått: välj hela instrumentet, en dimension, ett område eller en fråga');
    const view = await getCompareView(db, viewerOf(req), { roundId: params.id, otherId: params.otherId, measure, filters: filtersOf(query) });
    return respond(reply, query, view, `forandring-${params.id}-${params.otherId}`);
  });
}
