// A municipality's respondents at scale (förbundsadmin, or the kommunansvarig of the municipality):
// import from CSV, XLSX or pasted Excel rows (dry run = preview, then commit), the personal links
// as CSV/XLSX, the rendered invitation/reminder for a respondent and the summary of who would get mail.
import type { FastifyInstance } from 'fastify';
import * as api from '../../contracts/respondents.ts';
import { importRespondents, type RespondentInputSource } from '../../import/respondents.ts';
import { exportLinks } from '../../rounds/links-export.ts';
import { mailRespondents } from '../../rounds/respondents/mail-respondents.ts';
import { previewMail } from '../../rounds/respondents/preview-mail.ts';
import { requireMunicipalityScope } from '../../rounds/respondents/scope.ts';
import { badRequest, uploadedFile } from '../http.ts';
import { route } from '../route.ts';
import { scopeUser } from './municipality-respondents.ts';

export async function respondentImportRoutes(app: FastifyInstance) {
  const { db, config } = app;

  /**
   * Imports respondents: multipart/form-data with the file in "file" (CSV or XLSX), or JSON
   * `{ "text": "…" }` with rows pasted from Excel. `?dryRun=true` only validates (the preview).
   * Errors block the whole import (400 with the report); duplicates by e-mail are left out.
   */
  route(app, api.importRespondents, async (req, reply) => {
    const user = scopeUser(req);
    const { round, code } = await requireMunicipalityScope(db, user, req.params.id, req.params.code);
    const { dryRun } = req.query;
    let source: RespondentInputSource;
    if (req.isMultipart()) source = await uploadedFile(req);
    else {
      const text = req.body?.text;
      if (!text?.trim()) throw badRequest('Klistra in raderna från Excel');
      source = { text };
    }
    const report = await importRespondents(db, config, round.id, code, source, { dryRun }, user);
    // The report goes with the refusal, so that the form can mark every row.
    if (!dryRun && report.errors.length)
      return reply.status(400).send({ error: `Importen innehåller ${report.errors.length} fel; inget har sparats.`, ...report }) as never;
    reply.status(!dryRun && report.written ? 201 : 200);
    return report;
  });

  for (const [ep, format] of [
    [api.linksCsv, 'csv'],
    [api.linksXlsx, 'xlsx'],
  ] as const)
    route(app, ep, async (req, reply) => {
      const user = scopeUser(req);
      const { round, code } = await requireMunicipalityScope(db, user, req.params.id, req.params.code);
      const body = await exportLinks(db, config, round, code, format, user);
      reply.header('content-disposition', `attachment; filename="lankar-matomgang-${round.id}-${code}.${format}"`).header('cache-control', 'no-store');
      return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(body);
    });

  route(app, api.mailPreview, async (req) => previewMail(db, config, scopeUser(req), req.params.id, req.params.code, req.body));

  /** Who would get the invitation or reminder (nothing is sent): for the confirmation summary. */
  route(app, api.mailSummary, async (req) => {
    const user = scopeUser(req);
    await requireMunicipalityScope(db, user, req.params.id, req.params.code);
    return mailRespondents(db, config, req.params.id, req.params.code, req.body.kind, req.body.ids, user, { dryRun: true });
  });
}
