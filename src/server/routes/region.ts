// The region's associations and follow-up (issue 14): GET /api/associations, GET /api/region/follow-up and
// the region report. Thin handlers over src/portfolio/follow-up.ts and the report model.
import type { FastifyInstance } from 'fastify';
import { listAssociations as listAssociationsEndpoint } from '../../contracts/associations.ts';
import { exportRegionReport, getRegionFollowUp } from '../../contracts/region.ts';
import { regionReport } from '../../domain/reports/region.ts';
import { regionFollowUp } from '../../portfolio/follow-up.ts';
import { CONTENT_TYPES, renderReport } from '../../reports/render/index.ts';
import { listAssociations } from '../../store/associations.ts';
import { route } from '../route.ts';

export async function regionRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, listAssociationsEndpoint, async () => {
    const all = await listAssociations(db);
    return {
      region: all.find((a) => a.region)?.region ?? null,
      associations: all.map((a) => ({
        id: a.id,
        shortId: a.shortId,
        name: a.name,
        members: a.members,
        indicatorDefinition: a.indicatorDefinition,
        actorsIncludeMunicipalities: a.actorsIncludeMunicipalities,
      })),
    };
  });

  route(app, getRegionFollowUp, async (req) => {
    return regionFollowUp(db, req.query.year ?? new Date().getFullYear());
  });

  route(app, exportRegionReport, async (req, reply) => {
    const year = req.query.year ?? new Date().getFullYear();
    const r = await regionFollowUp(db, year);
    const buf = await renderReport(regionReport(r), req.query.format);
    return reply
      .header('content-type', CONTENT_TYPES[req.query.format])
      .header('content-disposition', `attachment; filename="regional-uppfoljning-${year}.${req.query.format}"`)
      .header('cache-control', 'no-store')
      .send(buf);
  });
}
