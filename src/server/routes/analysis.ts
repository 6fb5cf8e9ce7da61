// Results of measurement rounds (DOMAIN.md §5): regional overview, a municipality against the
// region, change between rounds. What each role sees is decided by domain/analysis/views.ts:
// - förbundsadmin: everything with names; kommunansvarig: own municipality in full, the rest
//   anonymised and suppressed; läsare: the anonymised, suppressed regional view of closed rounds.
//
//   GET /api/analysis/rounds                                   rounds the user may open
//   GET /api/rounds/:id/analysis                               regional view
//   GET /api/rounds/:id/analysis/municipalities/:code          own municipality against the region
//   GET /api/rounds/:id/analysis/compare/:otherId              change between two rounds
// Query: respondentType, area (filters); compare also measure = overall | dimension:<id> | group:<id> | item:<id>.
// format=csv&figure=<figure id> returns that figure's table as CSV (cells neutralised against formulas).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  getCandidate,
  getCompareView,
  getMunicipalityView,
  getRegionalView,
  parseMeasure,
  visibleRounds,
} from '../../analysis/service.ts';
import { figureCsv, type AnalysisViewer, type Figure } from '../../domain/analysis/views.ts';
import { requireUser } from '../auth.ts';
import { badRequest, idParam, municipalityCode, notFound, parse } from '../http.ts';

const filterId = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Ogiltigt id (a–z, 0–9, _, . och -)');

const querySchema = z
  .object({
    respondentType: z.union([filterId, z.literal('')]).optional(),
    area: z.union([filterId, z.literal('')]).optional(),
    format: z.enum(['json', 'csv'], { error: 'Formatet ska vara json eller csv' }).optional(),
    figure: z
      .string()
      .max(200)
      .regex(/^[a-z0-9:_.-]+$/i, 'Ogiltigt figur-id')
      .optional(),
    measure: z.string().max(200).optional(),
  })
  .strict();

function viewerOf(req: FastifyRequest): AnalysisViewer {
  const user = requireUser(req);
  return { role: user.role, municipalities: user.municipalities };
}

function filtersOf(q: z.infer<typeof querySchema>) {
  return { respondentType: q.respondentType || null, area: q.area || null };
}


/** JSON, or with format=csv the table of one figure. */
function respond(reply: FastifyReply, q: z.infer<typeof querySchema>, view: { figures: Figure[] }, fileStem: string) {
  if (q.format !== 'csv') return view;
  if (!q.figure) throw badRequest('Ange vilken figur som ska laddas ned (figure=…)');
  const fig = view.figures.find((f) => f.id === q.figure);
  if (!fig) throw notFound(`Figuren "${q.figure}" finns inte i den här vyn`);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileStem}-${fig.id.replace(/[^a-z0-9_-]/gi, '_')}.csv"`)
    .send(figureCsv(fig));
}

export async function analysisRoutes(app: FastifyInstance) {
  const { db } = app;

  app.get('/analysis/rounds', async (req) => {
    const viewer = viewerOf(req);
    parse(z.object({}).strict(), req.query ?? {});
    return { rounds: await visibleRounds(db, viewer) };
  });

  app.get('/rounds/:id/analysis', async (req, reply) => {
    const viewer = viewerOf(req);
    const { id } = parse(z.object({ id: idParam }), req.params);
    const q = parse(querySchema, req.query ?? {});
    if (q.measure !== undefined) throw badRequest('Ett jämförelsemått kan bara anges när två mätomgångar jämförs');
    const view = await getRegionalView(db, viewer, { roundId: id, filters: filtersOf(q) });
    return respond(reply, q, view, `resultat-${id}`);
  });

  // A samverkanskandidat as the user may see it: the evidence an initiative proposal starts from.
  app.get('/rounds/:id/candidates/:itemId', async (req) => {
    const viewer = viewerOf(req);
    const { id, itemId } = parse(z.object({ id: idParam, itemId: z.string().trim().min(1).max(100) }), req.params);
    const q = parse(querySchema.pick({ respondentType: true, area: true }).strict(), req.query ?? {});
    return getCandidate(db, viewer, { roundId: id, itemId, filters: filtersOf(q) });
  });

  app.get('/rounds/:id/analysis/municipalities/:code', async (req, reply) => {
    const viewer = viewerOf(req);
    const { id, code } = parse(z.object({ id: idParam, code: municipalityCode }), req.params);
    const q = parse(querySchema, req.query ?? {});
    if (q.measure !== undefined) throw badRequest('Ett jämförelsemått kan bara anges när två mätomgångar jämförs');
    const view = await getMunicipalityView(db, viewer, { roundId: id, municipality: code, filters: filtersOf(q) });
    return respond(reply, q, view, `resultat-${id}-${code}`);
  });

  app.get('/rounds/:id/analysis/compare/:otherId', async (req, reply) => {
    const viewer = viewerOf(req);
    const { id, otherId } = parse(z.object({ id: idParam, otherId: idParam }), req.params);
    const q = parse(querySchema, req.query ?? {});
    const measure = parseMeasure(q.measure);
    if (!measure) throw badRequest('Okänt jämförelsemått: välj hela instrumentet, en dimension, ett område eller en fråga');
    const view = await getCompareView(db, viewer, { roundId: id, otherId, measure, filters: filtersOf(q) });
    return respond(reply, q, view, `forandring-${id}-${otherId}`);
  });
}
