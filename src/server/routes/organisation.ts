import type { FastifyInstance } from 'fastify';
import * as api from '../../contracts/organisation.ts';
import { listActors, listAreas, listItOrganisations, getMunicipality, listMunicipalities } from '../../store/organisation.ts';
import { listUsers } from '../../store/accounts.ts';
import { isRegionAnalyst } from '../../domain/association-scope.ts';
import type { User } from '../../store/accounts.ts';
import { requireMunicipalityAccess, requireUser } from '../auth.ts';
import { notFound } from '../http.ts';
import { route } from '../route.ts';

/**
 * The association whose organisation a user sees (issue 14): the account's own; the region's analyst every
 * association's (municipalities' names and codes are public; their results are not).
 */
const scopeOf = (user: User): { associationId?: number } =>
  isRegionAnalyst(user) || user.associationId == null ? {} : { associationId: user.associationId };

export async function organisationRoutes(app: FastifyInstance) {
  const { db } = app;

  // The association's members (each still says its association); the region's analyst all of the region's.
  route(app, api.listMunicipalities, async (req) => ({ municipalities: await listMunicipalities(db, scopeOf(requireUser(req))) }));

  route(app, api.getMunicipality, async (req) => {
    const m = await getMunicipality(db, req.params.code);
    if (!m) throw notFound(`Kommunen med kod ${req.params.code} finns inte`);
    return { municipality: m };
  });

  // IT organisations with members in the user's association (the region's analyst: all).
  route(app, api.getOrganisation, async (req) => {
    const scope = scopeOf(requireUser(req));
    const [areas, itOrganisations, actors] = await Promise.all([listAreas(db), listItOrganisations(db, scope), listActors(db)]);
    return { areas, itOrganisations, actors };
  });

  // The municipality's own contacts (kommunansvariga): identifiable, so own municipality or association only.
  route(app, api.listMunicipalityContacts, async (req) => {
    const { code } = req.params;
    if (!(await getMunicipality(db, code))) throw notFound(`Kommunen med kod ${code} finns inte`);
    requireMunicipalityAccess(req, code);
    const users = (await listUsers(db)).filter((u) => u.role === 'kommunansvarig' && u.municipalities.includes(code));
    return { contacts: users.map((u) => ({ name: u.name, email: u.email, isDemo: u.isDemo })) };
  });
}
