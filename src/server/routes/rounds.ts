// Measurement rounds (mätomgångar).
// (The instrument library is in instruments.ts.)
// - Förbundsadmin: creating rounds, open/close/reopen, import, all municipalities.
// - Kommunansvarig: the respondents, links, invitations and response rates of their own municipalities (municipality-respondents.ts).
// - Läsare: the list of rounds (id, title, instrument, status) only.
// Every round belongs to one association (issue 14): the list holds the caller's association's rounds only,
// a new round gets the creator's association, and a round id of another association is 404 (the contract's
// `owners`, src/server/association-guard.ts). The region's analyst sees no round.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/rounds.ts';
import type { RoundAction } from '../../domain/rounds.ts';
import { changeRoundStatus } from '../../rounds/change-round-status.ts';
import { createRoundChecked } from '../../rounds/create-round.ts';
import { deleteRoundChecked } from '../../rounds/delete-round.ts';
import { editRound } from '../../rounds/edit-round.ts';
import { exportRoundResponses } from '../../rounds/export-round-responses.ts';
import { getRoundFor } from '../../rounds/get-round.ts';
import { importRoundResponses } from '../../rounds/import-round-responses.ts';
import { listRoundsFor } from '../../rounds/list-rounds.ts';
import { previewTransition } from '../../rounds/preview-transition.ts';
import { roundRates } from '../../rounds/round-rates.ts';
import { fullRound } from '../../rounds/round-view.ts';
import { roundAssociationOf, syncInstruments, type Actor } from '../../rounds/service.ts';
import type { User } from '../../store/accounts.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';
import { uploadedFile } from '../http.ts';

export async function roundRoutes(app: FastifyInstance) {
  const { db } = app;
  // Built-in instrument files are synced on start so rounds can reference their versions.
  await syncInstruments(db);

  const actorOf = (req: FastifyRequest, user: User | undefined): Actor => ({ id: user?.id ?? null, name: user?.name, ip: req.ip });

  // ---- Rounds ------------------------------------------------------------------------------

  route(app, api.listRounds, async (req) => ({ rounds: await listRoundsFor(db, requireUser(req)) }));

  route(app, api.createRound, async (req, reply) => {
    const user = requireUser(req);
    // The round belongs to the creator's association; its municipalities must be members of it.
    const round = await createRoundChecked(db, req.body, actorOf(req, user), await roundAssociationOf(db, user));
    reply.status(201);
    return { round: await fullRound(db, round) };
  });

  route(app, api.getRound, async (req) => ({ round: await getRoundFor(db, requireUser(req), req.params.id) }));

  route(app, api.updateRound, async (req) => {
    const r = await editRound(db, req.params.id, req.body, actorOf(req, requireUser(req)));
    return { round: await fullRound(db, r.round), changes: r.changes, removedRespondents: r.removedRespondents };
  });

  route(app, api.deleteRound, async (req) => {
    await deleteRoundChecked(db, req.params.id, actorOf(req, requireUser(req)));
    return { deleted: req.params.id };
  });

  route(app, api.previewRoundStatus, async (req) => ({ preview: await previewTransition(db, req.params.id, req.params.action) }));

  for (const [action, ep] of Object.entries(api.roundStatusEndpoints) as Array<[RoundAction, (typeof api.roundStatusEndpoints)[RoundAction]]>)
    route(app, ep, async (req) => ({ round: await fullRound(db, await changeRoundStatus(db, req.params.id, action, actorOf(req, requireUser(req)))) }));

  route(app, api.getRoundRates, async (req) => roundRates(db, req.params.id));

  // ---- Import and export -------------------------------------------------------------------

  route(app, api.importResponses, async (req, reply) => {
    const file = await uploadedFile(req);
    const { report, refusal } = await importRoundResponses(db, req.params.id, file, req.query, actorOf(req, requireUser(req)));
    // Nothing saved because of errors: a 400 that carries the report (its errors by row and column).
    if (refusal) return reply.status(400).send({ error: refusal, ...report }) as never;
    return report;
  });

  route(app, api.roundResponsesCsv, async (req, reply) => {
    const user = requireUser(req);
    const { csv, filename } = await exportRoundResponses(db, user, actorOf(req, user), req.params.id, req.query.municipality);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
  });
}
