// A municipality's respondents in a round (kommunansvarig of the municipality, or förbundsadmin): the
// sample, personal links, invitations and reminders, response rates and the self-assessment link.
// The use cases are in src/rounds/respondents.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as api from '../../contracts/respondents.ts';
import { addRespondents } from '../../rounds/respondents/add-respondents.ts';
import { deleteRespondent } from '../../rounds/respondents/delete-respondent.ts';
import { respondentLinks } from '../../rounds/respondents/list-respondent-links.ts';
import { listRespondents } from '../../rounds/respondents/list-respondents.ts';
import { mailRespondents } from '../../rounds/respondents/mail-respondents.ts';
import { renewRespondentLink } from '../../rounds/respondents/renew-respondent-link.ts';
import { requireMunicipalityScope, type ScopeUser } from '../../rounds/respondents/scope.ts';
import { selfAssessmentLink } from '../../rounds/respondents/self-assessment-link.ts';
import { updateRespondent } from '../../rounds/respondents/update-respondent.ts';
import { rateReport } from '../../rounds/service.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

/** The signed-in user as the use cases see them (their access was checked by the endpoint). */
export const scopeUser = (req: FastifyRequest): ScopeUser => ({ ...requireUser(req), ip: req.ip });

export async function municipalityRespondentRoutes(app: FastifyInstance) {
  const { db, config } = app;

  route(app, api.listRespondents, async (req) => listRespondents(db, scopeUser(req), req.params.id, req.params.code));

  route(app, api.addRespondents, async (req, reply) => {
    reply.status(201);
    return addRespondents(db, config, scopeUser(req), req.params.id, req.params.code, req.body);
  });

  route(app, api.updateRespondent, async (req) => updateRespondent(db, scopeUser(req), req.params.id, req.params.code, req.params.rid, req.body));

  route(app, api.deleteRespondent, async (req) => deleteRespondent(db, scopeUser(req), req.params.id, req.params.code, req.params.rid));

  route(app, api.newRespondentLink, async (req) => renewRespondentLink(db, config, scopeUser(req), req.params.id, req.params.code, req.params.rid));

  for (const [ep, kind] of [
    [api.inviteRespondents, 'invite'],
    [api.remindRespondents, 'remind'],
  ] as const)
    route(app, ep, async (req) => {
      const user = scopeUser(req);
      await requireMunicipalityScope(db, user, req.params.id, req.params.code);
      return mailRespondents(db, config, req.params.id, req.params.code, kind, req.body?.ids, user);
    });

  route(app, api.listRespondentLinks, async (req) => {
    await requireMunicipalityScope(db, scopeUser(req), req.params.id, req.params.code);
    return { links: await respondentLinks(db, config, req.params.id, req.params.code) };
  });

  route(app, api.municipalityRates, async (req) => {
    const { round, code } = await requireMunicipalityScope(db, scopeUser(req), req.params.id, req.params.code);
    return { rates: await rateReport(db, round, code) };
  });

  route(app, api.selfAssessmentLink, async (req) => selfAssessmentLink(db, config, scopeUser(req), req.params.id, req.params.code));
}
