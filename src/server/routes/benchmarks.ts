// Benchmarks (contracts in src/contracts/benchmarks.ts): reference series and the comparisons; each route
// hands its validated input to one use case of src/benchmarks/.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../../benchmarks/common.ts';
import { deleteReference } from '../../benchmarks/delete-reference.ts';
import { getBenchmarks } from '../../benchmarks/get-benchmarks.ts';
import { listReferences } from '../../benchmarks/list-references.ts';
import { saveReference } from '../../benchmarks/save-reference.ts';
import * as api from '../../contracts/benchmarks.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

const caller = (req: FastifyRequest): Caller => ({ user: requireUser(req), ip: req.ip });

export async function benchmarkRoutes(app: FastifyInstance) {
  const { db } = app;
  route(app, api.listReferences, () => listReferences(db));
  route(app, api.createReference, async (req, reply) => {
    reply.status(201);
    return { reference: await saveReference(db, caller(req), null, req.body) };
  });
  route(app, api.updateReference, async (req) => ({ reference: await saveReference(db, caller(req), req.params.id, req.body) }));
  route(app, api.deleteReference, async (req) => {
    await deleteReference(db, caller(req), req.params.id);
    return { ok: true as const };
  });
  route(app, api.getBenchmarks, async (req) => ({ comparison: await getBenchmarks(db, requireUser(req), req.query) }));
}
