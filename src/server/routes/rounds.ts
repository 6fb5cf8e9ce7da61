// Measurement rounds (mätomgångar).
// (The instrument library is in instruments.ts.)
// - Förbundsadmin: creating rounds, open/close/reopen, import, all municipalities.
// - Kommunansvarig: the respondents, links, invitations and response rates of their own municipalities.
// - Läsare: the list of rounds (id, title, instrument, status) only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { roundAnswersCsv } from '../../rounds/export.ts';
import { roundDetailsSchema } from '../../domain/round-details.ts';
import { ROUND_ACTIONS, type RoundAction } from '../../domain/rounds.ts';
import { canSeeMunicipality } from '../../domain/organisation.ts';
import { importResponses, ImportRefused } from '../../import/responses.ts';
import {
  changeRoundStatus,
  createRoundChecked,
  instrumentOfRound,
  rateReport,
  requireRound,
  requireRoundMunicipality,
  syncInstruments,
  type Actor,
} from '../../rounds/service.ts';
import type { User } from '../../store/accounts.ts';
import { audit } from '../../store/audit.ts';
import { listInstruments } from '../../store/instruments.ts';
import { listMunicipalities } from '../../store/organisation.ts';
import { listRounds, responseTotals, roundProgress, type Round } from '../../store/rounds.ts';
import { deleteRoundChecked, editRound, previewTransition, selfAssessmentStates } from '../../rounds/edit.ts';
import { answerFacts } from '../../store/round-edit.ts';
import { requireMunicipalityAccess, requireRole, requireUser } from '../auth.ts';
import { forbidden, AppError, idParam, municipalityCode, parse, uploadedFile } from '../http.ts';

const instrumentId = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'Ogiltigt instrument-id').max(100);
const isoDate = z.iso.date({ error: 'Ange datumet som ÅÅÅÅ-MM-DD' });
const title = z.string().trim().min(1, 'Ange en rubrik').max(200, 'Rubriken får vara högst 200 tecken');
const roundParams = z.object({ id: idParam });
const flag = z
  .enum(['true', 'false', '1', '0', ''], { error: 'Ange true eller false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** What a reader may see of a round. */
const publicRound = (r: Round, instrumentTitle?: string) => ({
  id: r.id,
  title: r.title,
  instrument: r.instrument,
  instrumentTitle,
  status: r.status,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
});

export async function roundRoutes(app: FastifyInstance) {
  const { db } = app;
  // Built-in instrument files are synced on start so rounds can reference their versions.
  await syncInstruments(db);

  const actorOf = (req: FastifyRequest, user: User | undefined): Actor => ({ id: user?.id ?? null, name: user?.name, ip: req.ip });
  const titles = async () => new Map((await listInstruments(db)).map((i) => [i.id, i.title]));
  const municipalityNames = async () => new Map((await listMunicipalities(db)).map((m) => [m.code, m.name]));

  async function fullRound(r: Round, visibleCodes: (code: string) => boolean) {
    const [ins, names, progress, facts] = await Promise.all([instrumentOfRound(db, r), municipalityNames(), roundProgress(db, r.id), answerFacts(db, r.id)]);
    const self = ins.mode === 'self-assessment' ? await selfAssessmentStates(db, r) : undefined;
    return {
      ...r,
      instrumentTitle: ins.title,
      mode: ins.mode,
      // respondentTypes: the round's selection (null = all); the instrument's types with their labels beside it.
      instrumentRespondentTypes: ins.respondentTypes,
      municipalities: r.municipalities.map((code) => ({ code, name: names.get(code) ?? code })),
      progress: progress
        .filter((p) => visibleCodes(p.municipality))
        .map((p) => (self ? { ...p, selfAssessment: self.get(p.municipality) } : p)),
      /** Respondents with at least one answer (all municipalities): CSV and deletion depend on it. */
      answeredRespondents: facts.answeredRespondents,
    };
  }

  // ---- Rounds ------------------------------------------------------------------------------

  app.get('/rounds', async (req) => {
    const user = requireUser(req);
    const t = await titles();
    if (user.role === 'lasare') return { rounds: (await listRounds(db)).map((r) => publicRound(r, t.get(r.instrument))) };
    const own = user.role === 'forbundsadmin' ? undefined : user.municipalities;
    const [rounds, totals] = await Promise.all([listRounds(db, { municipalities: own }), responseTotals(db, own)]);
    return {
      rounds: rounds.map((r) => ({
        ...r,
        instrumentTitle: t.get(r.instrument),
        // Completed of the respondents in the sample, over the municipalities the user may see.
        responses: totals.get(r.id) ?? { total: 0, completed: 0 },
        // A kommunansvarig sees which of their own municipalities take part.
        ownMunicipalities: user.role === 'kommunansvarig' ? r.municipalities.filter((c) => user.municipalities.includes(c)) : undefined,
      })),
    };
  });

  app.post('/rounds', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin');
    const body = parse(
      z.object({
        instrument: instrumentId,
        instrumentVersion: z.string().max(50).optional(),
        title,
        periodStart: isoDate,
        periodEnd: isoDate,
        municipalities: z.union([z.literal('all'), z.array(municipalityCode).min(1, 'Välj minst en kommun').max(500)]),
      }).extend(roundDetailsSchema.partial().shape),
      req.body,
    );
    const round = await createRoundChecked(db, body, actorOf(req, user));
    return reply.status(201).send({ round: await fullRound(round, () => true) });
  });

  app.get('/rounds/:id', async (req) => {
    const user = requireUser(req);
    const { id } = parse(roundParams, req.params);
    const round = await requireRound(db, id);
    if (user.role === 'lasare') return { round: publicRound(round, (await instrumentOfRound(db, round)).title) };
    if (user.role === 'kommunansvarig' && !round.municipalities.some((c) => user.municipalities.includes(c)))
      throw forbidden('Mätomgången omfattar inte din kommun');
    return { round: await fullRound(round, (code) => canSeeMunicipality(user, code)) };
  });

  // Edits a round; what may change depends on its status (src/domain/round-edit.ts): 409 with the reason.
  app.patch('/rounds/:id', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id } = parse(roundParams, req.params);
    const body = parse(
      z.object({
        instrument: instrumentId.optional(),
        instrumentVersion: z.string().max(50).optional(),
        title: title.optional(),
        periodStart: isoDate.optional(),
        periodEnd: isoDate.optional(),
        municipalities: z.array(municipalityCode).min(1, 'Kommuner: välj minst en kommun').max(500).optional(),
        addMunicipalities: z.array(municipalityCode).max(500).optional(),
        removeMunicipalities: z.array(municipalityCode).max(500).optional(),
      }).extend(roundDetailsSchema.partial().shape),
      req.body,
    );
    const r = await editRound(db, id, body, actorOf(req, user));
    return { round: await fullRound(r.round, () => true), changes: r.changes, removedRespondents: r.removedRespondents };
  });

  /** Deletes a draft round without answers; 409 with the reason otherwise. */
  app.delete('/rounds/:id', async (req) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id } = parse(roundParams, req.params);
    await deleteRoundChecked(db, id, actorOf(req, user));
    return { deleted: id };
  });

  /** What opening, closing or reopening will do: counts for the confirmation (nothing is changed). */
  app.get('/rounds/:id/preview/:action', async (req) => {
    requireRole(req, 'forbundsadmin');
    const { id, action } = parse(z.object({ id: idParam, action: z.enum(ROUND_ACTIONS, { error: 'Ange open, close eller reopen' }) }), req.params);
    return { preview: await previewTransition(db, id, action) };
  });

  for (const action of ROUND_ACTIONS) {
    app.post(`/rounds/:id/${action}`, async (req) => {
      const user = requireRole(req, 'forbundsadmin');
      const { id } = parse(roundParams, req.params);
      const round = await changeRoundStatus(db, id, action as RoundAction, actorOf(req, user));
      return { round: await fullRound(round, () => true) };
    });
  }

  /** Response rates of the whole round (association) by role and area. */
  app.get('/rounds/:id/rates', async (req) => {
    requireRole(req, 'forbundsadmin');
    const { id } = parse(roundParams, req.params);
    const round = await requireRound(db, id);
    return { rates: await rateReport(db, round), municipalities: await roundProgress(db, id) };
  });

  // ---- Import and export -------------------------------------------------------------------

  app.post('/rounds/:id/import', async (req, reply) => {
    const user = requireRole(req, 'forbundsadmin');
    const { id } = parse(roundParams, req.params);
    const q = parse(z.object({ dryRun: flag, skipInvalid: flag }), req.query);
    const file = await uploadedFile(req);
    let report;
    try {
      report = await importResponses(db, id, file, q);
    } catch (e) {
      if (e instanceof ImportRefused) throw new AppError(e.kind === 'not-found' ? 'not_found' : 'conflict', e.message);
      throw e;
    }
    if (report.written > 0)
      await audit(db, {
        actor: user.id,
        action: 'responses.imported',
        target: `round:${id}`,
        ip: req.ip,
        details: { file: file.filename, written: report.written, errors: report.errors.length, skipInvalid: q.skipInvalid },
      });
    const blocked = !report.dryRun && report.errors.length > 0 && report.written === 0 && report.alreadyImported === 0;
    if (blocked)
      return reply.status(400).send({
        error: report.accepted > 0 && !report.skipInvalid
          ? `Importen innehåller ${report.errors.length} fel; inget har sparats. Rätta felen eller välj att importera bara de godkända raderna.`
          : `Importen innehåller ${report.errors.length} fel; inget har sparats.`,
        ...report,
      });
    return report;
  });

  /** Responses as CSV in the import format (codes; every cell neutralised against formula injection). */
  app.get('/rounds/:id/responses.csv', async (req, reply) => {
    const user = requireUser(req);
    const { id } = parse(roundParams, req.params);
    const { municipality } = parse(z.object({ municipality: municipalityCode.optional() }), req.query);
    const round = await requireRound(db, id);
    if (municipality) {
      requireMunicipalityAccess(req, municipality);
      requireRoundMunicipality(round, municipality);
    } else if (user.role !== 'forbundsadmin') throw forbidden('Ange din kommun för att hämta svaren');
    const csv = await roundAnswersCsv(db, round, municipality);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="matomgang-${id}${municipality ? `-${municipality}` : ''}.csv"`)
      .send(csv);
  });
}
