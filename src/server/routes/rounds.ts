// Measurement rounds (mätomgångar).
// (The instrument library is in instruments.ts.)
// - Förbundsadmin: creating rounds, open/close/reopen, import, all municipalities.
// - Kommunansvarig: the respondents, links, invitations and response rates of their own municipalities.
// - Läsare: the list of rounds (id, title, instrument, status) only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import * as api from '../../contracts/rounds.ts';
import { sampleEditableMessage, type RoundAction } from '../../domain/rounds.ts';
import { includedRespondentTypes, respondentTypeRefusal } from '../../domain/round-edit.ts';
import { optionalRef } from '../../domain/text.ts';
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
import {
  addRespondentsChecked,
  checkRespondentInput,
  instrumentOfRound,
  mailRespondents,
  rateReport,
  requireRound,
  requireRoundMunicipality,
  respondentLink,
  respondentLinks,
  selfAssessmentRespondent,
  syncInstruments,
  type Actor,
} from '../../rounds/service.ts';
import type { User } from '../../store/accounts.ts';
import { audit } from '../../store/audit.ts';
import {
  deleteRespondent,
  getRespondent,
  listRespondents,
  regenerateToken,
  updateRespondent,
  type RespondentWithToken,
} from '../../store/respondents.ts';
import { requireMunicipalityAccess, requireUser } from '../auth.ts';
import { route } from '../route.ts';
import { respondentRoutes } from './respondent.ts';
import { badRequest, conflict, idParam, municipalityCode, notFound, parse, uploadedFile } from '../http.ts';

const optionalText = (max: number, msg: string) =>
  z
    .string()
    .trim()
    .max(max, msg)
    .nullish()
    .transform((s) => (s ? s : null));
const respondentBody = z.object({
  // Empty = not given (a form's "none" option); a type or area that does not exist is a 400 (checkRespondentInput).
  respondentType: optionalRef(z.string().trim().max(100)),
  area: optionalRef(z.string().trim().max(100)),
  name: optionalText(200, 'Namnet får vara högst 200 tecken'),
  email: z
    .union([z.literal(''), z.string().trim().email('Ange en giltig e-postadress').max(254)])
    .nullish()
    .transform((s) => (s ? s : null)),
});
const idsBody = z.object({ ids: z.array(idParam).max(5000).optional() }).default({});
const scopedParams = z.object({ id: idParam, code: municipalityCode });
const respondentParams = z.object({ id: idParam, code: municipalityCode, rid: idParam });
/** A respondent for the kommunansvarig's list (no token: links are fetched separately). */
const respondentView = (r: RespondentWithToken) => ({
  id: r.id,
  source: r.source,
  respondentType: r.respondentType,
  area: r.area,
  name: r.name,
  email: r.email,
  createdAt: r.createdAt,
  invitedAt: r.invitedAt,
  remindedAt: r.remindedAt,
  reminderCount: r.reminderCount,
  startedAt: r.startedAt,
  completedAt: r.completedAt,
  answerCount: r.answerCount,
});

export async function roundRoutes(app: FastifyInstance) {
  const { db, config } = app;
  // Built-in instrument files are synced on start so rounds can reference their versions.
  await syncInstruments(db);
  // The respondents' token routes (/api/r/…) belong to the same capability.
  await app.register(respondentRoutes);

  const actorOf = (req: FastifyRequest, user: User | undefined): Actor => ({ id: user?.id ?? null, name: user?.name, ip: req.ip });

  /** Round + municipality of a kommunansvarig route: 404 unknown round, 403 other municipality, 404 not in round. */
  async function scoped(req: FastifyRequest) {
    const { id, code } = parse(scopedParams, req.params);
    const round = await requireRound(db, id);
    const user = requireMunicipalityAccess(req, code);
    requireRoundMunicipality(round, code);
    return { round, code, user };
  }

  async function scopedRespondent(req: FastifyRequest) {
    const { rid } = parse(respondentParams, req.params);
    const s = await scoped(req);
    const r = await getRespondent(db, rid);
    if (!r || r.roundId !== s.round.id || r.municipality !== s.code) throw notFound('Respondenten finns inte');
    return { ...s, respondent: r };
  }

  // ---- Rounds ------------------------------------------------------------------------------

  route(app, api.listRounds, async (req) => ({ rounds: await listRoundsFor(db, requireUser(req)) }));

  route(app, api.createRound, async (req, reply) => {
    const round = await createRoundChecked(db, req.body, actorOf(req, requireUser(req)));
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
    const { csv, filename } = await exportRoundResponses(db, requireUser(req), req.params.id, req.query.municipality);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
  });

  // ---- A municipality's respondents (kommunansvarig) --------------------------------------

  app.get('/rounds/:id/municipalities/:code/respondents', async (req) => {
    const { round, code } = await scoped(req);
    const ins = await instrumentOfRound(db, round);
    return {
      // Only the respondent types the round includes are offered.
      round: { id: round.id, title: round.title, status: round.status, mode: ins.mode, respondentTypes: includedRespondentTypes(ins.respondentTypes, round.respondentTypes) },
      editable: sampleEditableMessage(round.status) === null,
      respondents: (await listRespondents(db, round.id, code)).map(respondentView),
    };
  });

  app.post('/rounds/:id/municipalities/:code/respondents', async (req, reply) => {
    const { round, code, user } = await scoped(req);
    const body = parse(respondentBody.extend({ count: z.number().int().min(1).max(200).optional() }), req.body);
    const added = await addRespondentsChecked(db, round.id, code, body, actorOf(req, user));
    return reply.status(201).send({ respondents: added.map((r) => ({ ...respondentView(r), link: respondentLink(config, r.token!) })) });
  });

  app.patch('/rounds/:id/municipalities/:code/respondents/:rid', async (req) => {
    const { round, respondent, user } = await scopedRespondent(req);
    const body = parse(respondentBody.partial(), req.body);
    if (respondent.source !== 'link') throw conflict('Den här respondenten kan inte ändras');
    if (sampleEditableMessage(round.status)) throw conflict(sampleEditableMessage(round.status)!);
    const ins = await instrumentOfRound(db, round);
    const patch: Parameters<typeof updateRespondent>[2] = { name: body.name, email: body.email };
    if (body.respondentType !== undefined || body.area !== undefined) {
      if (respondent.startedAt) throw conflict('Respondenten har börjat svara; roll och verksamhetsområde kan inte ändras');
      const checked = await checkRespondentInput(db, ins, {
        respondentType: body.respondentType !== undefined ? body.respondentType : respondent.respondentType,
        area: body.area !== undefined ? body.area : respondent.area,
      });
      const refused = respondentTypeRefusal(checked.respondentType, round.respondentTypes);
      if (refused) throw badRequest(refused);
      Object.assign(patch, checked);
    }
    await db.transaction(async (tx) => {
      await updateRespondent(tx, respondent.id, patch);
      await audit(tx, { actor: user.id, action: 'respondent.updated', target: `respondent:${respondent.id}`, ip: req.ip });
    });
    return { respondent: respondentView((await getRespondent(db, respondent.id))!) };
  });

  app.delete('/rounds/:id/municipalities/:code/respondents/:rid', async (req) => {
    const { round, respondent, user } = await scopedRespondent(req);
    if (sampleEditableMessage(round.status)) throw conflict(sampleEditableMessage(round.status)!);
    await db.transaction(async (tx) => {
      if (!(await deleteRespondent(tx, respondent.id))) throw conflict('Respondenten har börjat svara och kan inte tas bort');
      await audit(tx, {
        actor: user.id,
        action: 'respondent.deleted',
        target: `respondent:${respondent.id}`,
        ip: req.ip,
        // The event log names the round and municipality after the respondent row is gone.
        details: { roundId: round.id, municipality: respondent.municipality, name: respondent.name },
      });
    });
    return { deleted: respondent.id };
  });

  /** Replaces a respondent's link (e.g. when it was sent to the wrong person); the old link stops working. */
  app.post('/rounds/:id/municipalities/:code/respondents/:rid/new-link', async (req) => {
    const { round, respondent, user } = await scopedRespondent(req);
    if (!respondent.token) throw conflict('Importerade svar har ingen länk');
    if (respondent.completedAt) throw conflict('Respondenten har redan skickat in sina svar');
    if (sampleEditableMessage(round.status)) throw conflict(sampleEditableMessage(round.status)!);
    const token = await regenerateToken(db, respondent.id);
    await audit(db, { actor: user.id, action: 'respondent.new_link', target: `respondent:${respondent.id}`, ip: req.ip });
    return { id: respondent.id, link: respondentLink(config, token) };
  });

  app.post('/rounds/:id/municipalities/:code/respondents/invite', async (req) => {
    const { round, code, user } = await scoped(req);
    const { ids } = parse(idsBody, req.body ?? {});
    return mailRespondents(db, config, round.id, code, 'invite', ids, actorOf(req, user));
  });

  app.post('/rounds/:id/municipalities/:code/respondents/remind', async (req) => {
    const { round, code, user } = await scoped(req);
    const { ids } = parse(idsBody, req.body ?? {});
    return mailRespondents(db, config, round.id, code, 'remind', ids, actorOf(req, user));
  });

  app.get('/rounds/:id/municipalities/:code/links', async (req) => {
    const { round, code } = await scoped(req);
    return { links: await respondentLinks(db, config, round.id, code) };
  });

  app.get('/rounds/:id/municipalities/:code/rates', async (req) => {
    const { round, code } = await scoped(req);
    return { rates: await rateReport(db, round, code) };
  });

  /** Self-assessment instruments: the kommunansvarig's own link (created on first call). */
  app.post('/rounds/:id/municipalities/:code/self-assessment', async (req) => {
    const { round, code, user } = await scoped(req);
    const r = await selfAssessmentRespondent(db, round.id, code, actorOf(req, user));
    return { respondent: respondentView(r), link: respondentLink(config, r.token!), token: r.token };
  });
}
