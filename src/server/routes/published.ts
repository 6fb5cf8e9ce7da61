// Published aggregates of a round (contracts in src/contracts/published.ts), each handed to its use case.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/published.ts';
import { publishedTemplateCsv } from '../../domain/published-template.ts';
import { roundAndInstrument } from '../../published/common.ts';
import { deletePublishedAggregate } from '../../published/delete-published.ts';
import { importPublishedAggregates } from '../../published/import-published.ts';
import { listPublishedAggregates } from '../../published/list-published.ts';
import { savePublishedAggregate } from '../../published/save-published.ts';
import type { Actor } from '../../rounds/service.ts';
import { requireUser } from '../auth.ts';
import { uploadedFile } from '../http.ts';
import { route } from '../route.ts';

export async function publishedRoutes(app: FastifyInstance) {
  const { db } = app;
  const actor = (req: FastifyRequest): Actor => {
    const u = requireUser(req);
    return { id: u.id, name: u.name, ip: req.ip };
  };

  route(app, api.listPublished, async (req) => listPublishedAggregates(db, req.params.id));

  route(app, api.savePublished, async (req) =>
    savePublishedAggregate(db, req.params.id, { ...req.body, itemId: req.params.itemId }, actor(req)),
  );

  route(app, api.deletePublished, async (req) => {
    await deletePublishedAggregate(db, req.params.id, req.params.itemId, actor(req));
    return { deleted: true as const };
  });

  route(app, api.importPublished, async (req, reply) => {
    const a = actor(req);
    const file = await uploadedFile(req);
    const report = await importPublishedAggregates(db, req.params.id, file, { dryRun: req.query.dryRun }, a);
    if (report.errors.length)
      // The errors by row and column also as `details`, where every client reads a refusal's particulars.
      return reply.status(400).send({ error: `Importen innehåller ${report.errors.length} fel; inget sparades`, details: { errors: report.errors }, ...report }) as never;
    return report;
  });

  route(app, api.publishedTemplate, async (req, reply) => {
    const { round, instrument } = await roundAndInstrument(db, req.params.id);
    return reply
      .type(api.CSV_TYPE)
      .header('content-disposition', `attachment; filename="publicerade-aggregat-omgang-${round.id}.csv"`)
      .send(publishedTemplateCsv(instrument));
  });
}
