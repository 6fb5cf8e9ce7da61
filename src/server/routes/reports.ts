// Reports of a measurement round (DOMAIN.md §6) as PDF, DOCX, XLSX or the JSON model (web preview).
//
//   GET  /api/reports/rounds                                                   the rounds and reports the user may get
//   GET  /api/rounds/:id/reports/regional?format=pdf|docx|xlsx|json           anonymised regional report
//   GET  /api/rounds/:id/reports/municipalities/:code?format=…                 delrapport of one municipality
//   POST /api/rounds/:id/reports/batch            {format}                     all delrapporter as one zip (job)
//   GET  /api/rounds/:id/reports/batch/:job                                    progress {status, done, total}
//   GET  /api/rounds/:id/reports/batch/:job/download                           the finished zip
//   GET  /api/reports/groups/:id?year=&format=…                                 a group's comparison report
//
// Who (domain/reports/access.ts, the rule the reports page follows too): a draft round or a round without
// counted responses has no reports (409 with the reason). The regional report — the association; a
// kommunansvarig whose municipality takes part; anyone signed in (läsare) once the round is closed. A
// delrapport — the association and the municipality's own kommunansvarig; 404 when the municipality is
// not in the round. Batch — the association (every municipality) or a kommunansvarig (the own
// municipalities in the round); a job is only visible to the user who started it. A round that is not
// closed gives reports marked "PRELIMINÄR". Rounds belong to one association (issue 14): the list holds the
// user's association's rounds, another association's round is 404, and the region's analyst gets none.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as api from '../../contracts/reports.ts';
import { notReportableReason, regionalWithheldReason, reportAccess } from '../../domain/reports/access.ts';
import type { ReportModel } from '../../domain/reports/model.ts';
import { getBatchJob, jobZipStream, startBatchJob, stopBatchJobs, type BatchJob } from '../../reports/batch.ts';
import { groupReportModel } from '../../reports/group-report.ts';
import { CONTENT_TYPES, type ReportFormat } from '../../reports/render/index.ts';
import { delrapportModel, loadRoundReportData, regionalModel, renderModel, reportFileName } from '../../reports/service.ts';
import { requireRoundMunicipality, requireVisibleRound } from '../../rounds/service.ts';
import { viewerAssociation } from '../../domain/association-scope.ts';
import { audit } from '../../store/audit.ts';
import { listInstruments } from '../../store/instruments.ts';
import { listMunicipalities } from '../../store/organisation.ts';
import { countedResponses, reportableRound } from '../../store/reports.ts';
import { listRounds, type Round } from '../../store/rounds.ts';
import type { User } from '../../store/accounts.ts';
import { requireMunicipalityAccess, requireUser } from '../auth.ts';
import { conflict, forbidden, notFound } from '../http.ts';
import { route } from '../route.ts';

/** Content-Disposition with an ASCII name and the UTF-8 name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The JSON model, or the rendered file sent on the reply (the sent reply is returned; Fastify sends nothing more). */
async function send(reply: FastifyReply, model: ReportModel, format: ReportFormat | 'json'): Promise<{ report: ReportModel }> {
  if (format === 'json') return { report: model };
  const body = await renderModel(model, format);
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', disposition(reportFileName(model, format)))
    .header('cache-control', 'private, no-store')
    .send(body) as never;
}

const jobView = (j: BatchJob) => ({ id: j.id, roundId: j.roundId, format: j.format, status: j.status, done: j.done, total: j.total, error: j.error });

export async function reportRoutes(app: FastifyInstance) {
  const { db } = app;
  // Batch jobs are in the database (any instance follows and serves them); this instance renders the
  // ones it accepted, and marks them failed when it stops.
  const staleSeconds = app.config.reportJobStaleSeconds;
  app.addHook('onClose', async () => stopBatchJobs());

  /** A report made as a file (not the web preview) is logged as `report.generated`. */
  const logFile = async (req: FastifyRequest, user: User, format: ReportFormat | 'json', target: string, details: Record<string, unknown>) => {
    if (format !== 'json') await audit(db, { actor: user.id, action: 'report.generated', target, ip: req.ip, details: { ...details, format } });
  };

  /** The round's reports the user may get; 409 when the round has no reports (draft, no responses). */
  const accessTo = async (user: User, round: Round) => {
    const r = reportableRound(round, (await countedResponses(db, [round.id])).get(round.id));
    const reason = notReportableReason(r);
    if (reason) throw conflict(reason);
    return { ...reportAccess(user, r), regionalWithheld: regionalWithheldReason(r) };
  };

  // The rounds with at least one report the user may download, by title; delrapporter by municipality name.
  route(app, api.listReportRounds, async (req) => {
    const user = requireUser(req);
    // The user's association's rounds only; the region's analyst none (no municipality's survey data).
    const [rounds, counts, instruments, municipalities] = await Promise.all([
      listRounds(db, { associationId: viewerAssociation(user) }),
      countedResponses(db),
      listInstruments(db),
      listMunicipalities(db),
    ]);
    const title = new Map(instruments.map((i) => [i.id, i.title]));
    const name = new Map(municipalities.map((m) => [m.code, m.name]));
    const out = [];
    for (const r of rounds) {
      const reportable = reportableRound(r, counts.get(r.id));
      const access = reportAccess(user, reportable);
      if (!access.regional && !access.municipalities.length) continue;
      out.push({
        id: r.id,
        title: r.title,
        status: r.status,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        instrumentTitle: title.get(r.instrument) ?? r.instrument,
        regional: access.regional,
        /** Why the regional report is withheld (too few municipalities), for the page to say. */
        regionalWithheld: regionalWithheldReason(reportable),
        municipalities: access.municipalities
          .map((code) => ({ code, name: name.get(code) ?? code }))
          .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
      });
    }
    out.sort((a, b) => a.title.localeCompare(b.title, 'sv') || a.id - b.id);
    return { rounds: out };
  });

  route(app, api.regionalReport, async (req, reply) => {
    const user = requireUser(req);
    const { id } = req.params;
    const { format } = req.query;
    const round = await requireVisibleRound(db, user, id);
    const access = await accessTo(user, round);
    if (access.regionalWithheld) throw conflict(access.regionalWithheld);
    if (!access.regional) throw forbidden('Rapporten är inte publicerad ännu (mätomgången är inte stängd).');
    const model = regionalModel(await loadRoundReportData(db, id));
    await logFile(req, user, format, `round:${id}`, { report: 'regional', preliminary: model.preliminary });
    return send(reply, model, format);
  });

  route(app, api.municipalityReport, async (req, reply) => {
    const user = requireUser(req);
    const { id, code } = req.params;
    const { format } = req.query;
    const round = await requireVisibleRound(db, user, id);
    requireMunicipalityAccess(req, code);
    requireRoundMunicipality(round, code);
    if (!(await accessTo(user, round)).municipalities.includes(code)) throw forbidden('Du har inte behörighet till den här kommunens delrapport');
    const model = delrapportModel(await loadRoundReportData(db, id), code);
    await logFile(req, user, format, `round:${id}/${code}`, { report: 'delrapport', municipality: code, preliminary: model.preliminary });
    return send(reply, model, format);
  });

  // A group's comparison: every signed-in user; the use case names members only where the viewer may see them.
  route(app, api.groupReport, async (req, reply) => {
    const user = requireUser(req);
    const model = await groupReportModel(db, user, req.params.id, req.query.year);
    await logFile(req, user, req.query.format, model.title, { report: 'group', groupId: req.params.id });
    return send(reply, model, req.query.format);
  });

  route(app, api.startReportBatch, async (req, reply) => {
    const user = requireUser(req);
    const { id } = req.params;
    const { format } = req.body;
    const round = await requireVisibleRound(db, user, id);
    const codes = (await accessTo(user, round)).municipalities;
    if (!codes.length) throw forbidden('Du har inte behörighet till delrapporterna i den här mätomgången');
    const job = await startBatchJob(db, id, user.id, format, codes, { staleSeconds });
    await audit(db, { actor: user.id, action: 'report.batch', target: `round:${id}`, ip: req.ip, details: { format, municipalities: codes.length } });
    reply.status(202);
    return { job: jobView(job) };
  });

  const ownJob = async (userId: number, roundId: number, jobId: string) => {
    const job = await getBatchJob(db, jobId, staleSeconds);
    if (!job || job.userId !== userId || job.roundId !== roundId) throw notFound('Jobbet finns inte');
    return job;
  };

  route(app, api.getReportBatch, async (req) => {
    const user = requireUser(req);
    const { id, job } = req.params;
    return { job: jobView(await ownJob(user.id, id, job)) };
  });

  route(app, api.downloadReportBatch, async (req, reply) => {
    const user = requireUser(req);
    const { id, job: jobId } = req.params;
    const job = await ownJob(user.id, id, jobId);
    if (job.status === 'running') throw conflict(`Jobbet är inte klart (${job.done} av ${job.total})`);
    if (job.status === 'failed' || job.bytes === undefined) throw conflict(`Jobbet misslyckades: ${job.error ?? 'okänt fel'}`);
    return reply
      .header('content-type', CONTENT_TYPES.zip)
      .header('content-length', String(job.bytes))
      .header('content-disposition', disposition(job.fileName))
      .header('cache-control', 'private, no-store')
      .send(jobZipStream(db, job.id));
  });
}
