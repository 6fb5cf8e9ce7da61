// IT economics (contracts in src/contracts/economics.ts): each route hands its validated input to one
// use case of src/economics/, where the rules are.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/economics.ts';
import type { Caller } from '../../economics/common.ts';
import { deleteEconomicsYear } from '../../economics/delete-economics-year.ts';
import { benchmarkOfYear } from '../../economics/get-benchmark.ts';
import { getEconomicsYearView, listEconomics } from '../../economics/get-economics.ts';
import { getGroupComparison } from '../../economics/get-group-comparison.ts';
import { listGroups } from '../../economics/list-groups.ts';
import { saveBenchmark } from '../../economics/save-benchmark.ts';
import { saveCostSharing } from '../../economics/save-cost-sharing.ts';
import { saveEconomicsYear } from '../../economics/save-economics-year.ts';
import { saveGroup } from '../../economics/save-group.ts';
import { saveSavingsScenario } from '../../economics/save-savings-scenario.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

const caller = (req: FastifyRequest): Caller => ({ user: requireUser(req), ip: req.ip });

export async function economicsRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.getEconomicsConfig, async () => api.economicsConfig());
  route(app, api.listEconomics, async (req) => ({ years: await listEconomics(db, requireUser(req), req.query) }));
  route(app, api.getEconomicsYear, (req) => getEconomicsYearView(db, requireUser(req), req.params.municipality, req.params.year));
  route(app, api.saveEconomicsYear, async (req) => ({
    economics: await saveEconomicsYear(db, caller(req), { ...req.body, municipalityCode: req.params.municipality, year: req.params.year }),
  }));
  route(app, api.deleteEconomicsYear, async (req) => {
    await deleteEconomicsYear(db, caller(req), req.params.municipality, req.params.year);
    return { ok: true as const };
  });

  route(app, api.getBenchmark, (req) => benchmarkOfYear(db, req.params.year));
  route(app, api.saveBenchmark, async (req) => ({ benchmark: await saveBenchmark(db, caller(req), { ...req.body, year: req.params.year }) }));

  route(app, api.listGroups, async (req) => ({ groups: await listGroups(db, requireUser(req)) }));
  route(app, api.createGroup, async (req, reply) => {
    reply.status(201);
    return { group: await saveGroup(db, caller(req), null, req.body) };
  });
  route(app, api.updateGroup, async (req) => ({ group: await saveGroup(db, caller(req), req.params.id, req.body) }));
  route(app, api.getGroupComparison, async (req) => ({ comparison: await getGroupComparison(db, requireUser(req), req.params.id, req.query.year) }));
  route(app, api.saveSavingsScenario, async (req) => ({ savings: await saveSavingsScenario(db, caller(req), req.params.id, req.body) }));
  route(app, api.saveCostSharing, async (req) => ({ costSharing: await saveCostSharing(db, caller(req), req.params.id, req.body) }));
}
