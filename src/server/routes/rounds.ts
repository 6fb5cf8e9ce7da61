// Measurement rounds (mätomgångar).
// (The instrument library is in instruments.ts.)
// - Förbundsadmin: creating rounds, open/close/reopen, import, all municipalities.
// - Kommunansvarig: the respondents, links, invitations and response rates of their own municipalities (municipality-respondents.ts).
// - Läsare: the list of rounds (id, title, instrument, status) only.
// Every round belongs to one association (issue 14): the list holds the caller's association's rounds only,
// a new round gets the creator's association, and a round id of another association is 404 (the contract's
// `owners`, src/server/association-guard.ts). The region's analyst sees no round.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
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
import { AppError, errorResult, uploadedFileOnDisk } from '../http.ts';

/** How often a progress line is sent while an import runs. */
const PROGRESS_INTERVAL_MS = 250;

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
    const actor = actorOf(req, requireUser(req));
    const opts = { dryRun: req.query.dryRun, skipInvalid: req.query.skipInvalid };
    if (!req.query.progress) {
      // The upload goes to a temporary file and is read from there as a stream (bounded memory).
      const file = await uploadedFileOnDisk(req);
      try {
        const { report, refusal } = await importRoundResponses(db, req.params.id, file, opts, actor);
        // Nothing saved because of errors: a 400 that carries the report (its errors by row and column).
        if (refusal) return reply.status(400).send({ error: refusal, ...report }) as never;
        return report;
      } finally {
        await file.remove();
      }
    }
    // With progress: 200 at once, then one JSON line per step (application/x-ndjson) and last the status
    // and body the request would otherwise have had. The state travels with the request itself, so any
    // instance behind a load balancer can serve it and nothing is kept between requests.
    if (!req.isMultipart()) throw new AppError('unsupported_media', 'Skicka filen som multipart/form-data i fältet "file"');
    const out = new PassThrough();
    const line = (v: unknown) => out.write(`${JSON.stringify(v)}\n`);
    const totalBytes = Number(req.headers['content-length']) || 0;
    let last = 0;
    const progress = (p: { phase: string; bytes: number; totalBytes: number; rows: number; written: number }, force = false) => {
      const now = Date.now();
      if (!force && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      line({ progress: p });
    };
    void (async () => {
      let result: { status: number; body: unknown };
      let file: Awaited<ReturnType<typeof uploadedFileOnDisk>> | undefined;
      try {
        file = await uploadedFileOnDisk(req, (bytes) => progress({ phase: 'upload', bytes, totalBytes, rows: 0, written: 0 }));
        progress({ phase: 'upload', bytes: totalBytes, totalBytes, rows: 0, written: 0 }, true);
        const { report, refusal } = await importRoundResponses(db, req.params.id, file, { ...opts, onProgress: (p) => progress(p, p.phase === 'done') }, actor);
        result = refusal ? { status: 400, body: { error: refusal, ...report } } : { status: 200, body: report };
      } catch (e) {
        result = errorResult(e, req);
      } finally {
        await file?.remove();
      }
      line(result);
      out.end();
    })();
    return reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').header('x-accel-buffering', 'no').send(out) as never;
  });

  route(app, api.roundResponsesCsv, async (req, reply) => {
    const user = requireUser(req);
    const { csv, filename } = await exportRoundResponses(db, user, actorOf(req, user), req.params.id, req.query.municipality);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
  });
}
