// The initiatives of the samverkansportfölj (contracts in src/contracts/initiatives.ts): each route
// hands its validated input to one use case of src/portfolio/initiatives/, where the rules are.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/initiatives.ts';
import type { Caller } from '../../portfolio/initiatives/common.ts';
import { createActor } from '../../portfolio/initiatives/create-actor.ts';
import { createFromCandidate } from '../../portfolio/initiatives/create-from-candidate.ts';
import { createInitiative } from '../../portfolio/initiatives/create-initiative.ts';
import { getInitiativeDetail } from '../../portfolio/initiatives/get-initiative.ts';
import { getStageLog } from '../../portfolio/initiatives/get-stage-log.ts';
import { listInitiatives } from '../../portfolio/initiatives/list-initiatives.ts';
import { statusReportsOf } from '../../portfolio/initiatives/list-status-reports.ts';
import { moveStage } from '../../portfolio/initiatives/move-stage.ts';
import { removeInitiativeActor } from '../../portfolio/initiatives/remove-initiative-actor.ts';
import { removeParticipation } from '../../portfolio/initiatives/remove-participation.ts';
import { reportStatus } from '../../portfolio/initiatives/report-status.ts';
import { setScores } from '../../portfolio/initiatives/set-scores.ts';
import { setInitiativeActor } from '../../portfolio/initiatives/set-initiative-actor.ts';
import { setParticipation } from '../../portfolio/initiatives/set-participation.ts';
import { updateInitiative } from '../../portfolio/initiatives/update-initiative.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

const caller = (req: FastifyRequest): Caller => ({ user: requireUser(req), ip: req.ip });

export async function initiativeRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.listInitiatives, async (req) => ({ initiatives: await listInitiatives(db, requireUser(req), req.query) }));
  route(app, api.getInitiative, async (req) => getInitiativeDetail(db, requireUser(req), req.params.id));
  route(app, api.getInitiativeLog, async (req) => ({ log: await getStageLog(db, req.params.id) }));

  route(app, api.createInitiative, async (req, reply) => {
    reply.status(201);
    return { initiative: await createInitiative(db, req.body, caller(req)) };
  });
  route(app, api.createFromCandidate, async (req, reply) => {
    reply.status(201);
    return { initiative: await createFromCandidate(db, req.body, caller(req)) };
  });
  route(app, api.updateInitiative, async (req) => ({ initiative: await updateInitiative(db, req.params.id, req.body, caller(req)) }));
  route(app, api.moveStage, async (req) => ({ initiative: await moveStage(db, req.params.id, req.body, caller(req)) }));

  route(app, api.setParticipation, async (req) => ({
    initiative: await setParticipation(db, req.params.id, req.params.code, req.body.kind, caller(req)),
  }));
  route(app, api.removeParticipation, async (req) => ({ initiative: await removeParticipation(db, req.params.id, req.params.code, caller(req)) }));

  route(app, api.createActor, async (req, reply) => {
    reply.status(201);
    return { actor: await createActor(db, req.body, caller(req)) };
  });
  route(app, api.setActor, async (req) => ({ initiative: await setInitiativeActor(db, req.params.id, req.params.actorId, req.body.role, caller(req)) }));
  route(app, api.removeActor, async (req) => ({ initiative: await removeInitiativeActor(db, req.params.id, req.params.actorId, caller(req)) }));

  route(app, api.setScores, async (req) => ({ initiative: await setScores(db, req.params.id, req.body.scores, caller(req)) }));
  route(app, api.listReports, async (req) => statusReportsOf(db, req.params.id));
  route(app, api.reportStatus, async (req) => reportStatus(db, req.params.id, req.params.period, req.body, caller(req)));
}
