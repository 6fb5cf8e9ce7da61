// A municipality's respondents at scale (förbundsadmin, or the kommunansvarig of the municipality):
// import from CSV, XLSX or pasted Excel rows (dry run = preview, then commit), the personal links
// as CSV/XLSX, the rendered invitation/reminder for a respondent and the summary of who would get mail.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PLACEHOLDERS, placeholderError, renderMail } from '../../domain/mail-template.ts';
import { importRespondents, type RespondentInputSource } from '../../import/respondents.ts';
import { linksCsv, linksTable, linksXlsx } from '../../rounds/links-export.ts';
import {
  instrumentOfRound,
  mailRespondents,
  mailValues,
  requireRound,
  requireRoundMunicipality,
  respondentLink,
} from '../../rounds/service.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { listRespondents } from '../../store/respondents.ts';
import { requireMunicipalityAccess } from '../auth.ts';
import { badRequest, idParam, municipalityCode, parse, uploadedFile } from '../http.ts';

const scopedParams = z.object({ id: idParam, code: municipalityCode });
const flag = z
  .enum(['true', 'false', '1', '0', ''], { error: 'Ange true eller false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');
const kind = z.enum(['invite', 'remind'], { error: 'Ange invite (inbjudan) eller remind (påminnelse)' });

export async function respondentImportRoutes(app: FastifyInstance) {
  const { db, config } = app;

  /** Round + municipality: 404 unknown round, 403 other municipality, 404 not in round. */
  async function scoped(req: FastifyRequest) {
    const { id, code } = parse(scopedParams, req.params);
    const round = await requireRound(db, id);
    const user = requireMunicipalityAccess(req, code);
    requireRoundMunicipality(round, code);
    return { round, code, user };
  }

  /**
   * Imports respondents: multipart/form-data with the file in "file" (CSV or XLSX), or JSON
   * `{ "text": "…" }` with rows pasted from Excel. `?dryRun=true` only validates (the preview).
   * Errors block the whole import (400 with the report); duplicates by e-mail are left out.
   */
  app.post('/rounds/:id/municipalities/:code/respondents/import', async (req, reply) => {
    const { round, code, user } = await scoped(req);
    const { dryRun } = parse(z.object({ dryRun: flag }), req.query);
    let source: RespondentInputSource;
    if (req.isMultipart()) {
      source = await uploadedFile(req);
    } else {
      const body = parse(
        z.object({ text: z.string({ error: 'Klistra in raderna från Excel' }).max(900_000, 'Den inklistrade texten är för lång') }),
        req.body ?? {},
      );
      if (!body.text.trim()) throw badRequest('Klistra in raderna från Excel');
      source = { text: body.text };
    }
    const report = await importRespondents(db, config, round.id, code, source, { dryRun }, { id: user.id, name: user.name, ip: req.ip });
    if (!dryRun && report.errors.length)
      return reply.status(400).send({ error: `Importen innehåller ${report.errors.length} fel; inget har sparats.`, ...report });
    return reply.status(!dryRun && report.written ? 201 : 200).send(report);
  });

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/rounds/:id/municipalities/:code/links.${format}`, async (req, reply) => {
      const { round, code } = await scoped(req);
      const table = await linksTable(db, config, round, code);
      const filename = `lankar-matomgang-${round.id}-${code}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(linksCsv(table));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await linksXlsx(table));
    });

  /**
   * The invitation or reminder as a respondent gets it: the round's texts, or the given draft texts
   * (validated: unknown placeholders are listed). The example is the given respondent, else the first.
   */
  app.post('/rounds/:id/municipalities/:code/mail-preview', async (req) => {
    const { round, code, user } = await scoped(req);
    const body = parse(
      z.object({
        kind,
        subject: z.string().max(200, 'Ämnesraden får vara högst 200 tecken').nullish(),
        body: z.string().max(10000, 'Texten får vara högst 10000 tecken').nullish(),
        respondentId: idParam.optional(),
      }),
      req.body ?? {},
    );
    const errors = [placeholderError('Ämnesrad', body.subject), placeholderError('Text', body.body)].filter((e): e is string => !!e);
    const respondents = (await listRespondents(db, round.id, code)).filter((r) => r.token);
    const example = (body.respondentId ? respondents.find((r) => r.id === body.respondentId) : undefined) ?? respondents[0];
    const [instrument, municipality] = await Promise.all([instrumentOfRound(db, round), getMunicipality(db, code)]);
    const texts =
      body.kind === 'invite'
        ? { invitationSubject: body.subject !== undefined ? body.subject : round.invitationSubject, invitationBody: body.body !== undefined ? body.body : round.invitationBody }
        : { reminderSubject: body.subject !== undefined ? body.subject : round.reminderSubject, reminderBody: body.body !== undefined ? body.body : round.reminderBody };
    const mail = renderMail(
      body.kind,
      texts,
      mailValues({
        name: example ? example.name : 'Anna Andersson',
        link: example ? respondentLink(config, example.token!) : respondentLink(config, 'exempel'),
        round,
        instrumentTitle: instrument.title,
        municipality: municipality?.name ?? code,
        sender: user.name,
      }),
    );
    return {
      ...mail,
      to: example ? example.email : null,
      respondentId: example?.id ?? null,
      errors,
      placeholders: PLACEHOLDERS.map((p) => ({ name: `{${p.names[0]}}`, aliases: p.names.slice(1).map((n) => `{${n}}`), description: p.description })),
    };
  });

  /** Who would get the invitation or reminder (nothing is sent): for the confirmation summary. */
  app.post('/rounds/:id/municipalities/:code/mail-summary', async (req) => {
    const { round, code, user } = await scoped(req);
    const body = parse(z.object({ kind, ids: z.array(idParam).max(5000).optional() }), req.body ?? {});
    return mailRespondents(db, config, round.id, code, body.kind, body.ids, { id: user.id, name: user.name, ip: req.ip }, { dryRun: true });
  });
}
