import type { FastifyInstance } from 'fastify';
import * as api from '../../contracts/organisation.ts';
import { listActors, listAreas, listItOrganisations, getMunicipality, listMunicipalities } from '../../store/organisation.ts';
import { listUsers } from '../../store/accounts.ts';
import { requireMunicipalityAccess } from '../auth.ts';
import { notFound } from '../http.ts';
import { route } from '../route.ts';

export async function organisationRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.listMunicipalities, async () => ({ municipalities: await listMunicipalities(db) }));

  route(app, api.getMunicipality, async (req) => {
    const m = await getMunicipality(db, req.params.code);
    if (!m) throw notFound(`Kommunen med kod ${req.params.code} finns inte`);
    return { municipality: m };
  });

  route(app, api.getOrganisation, async () => {
    const [areas, itOrganisations, actors] = await Promise.all([listAreas(db), listItOrganisations(db), listActors(db)]);
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
