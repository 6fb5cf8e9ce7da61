import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listActors, listAreas, listItOrganisations, getMunicipality, listMunicipalities } from '../../store/organisation.ts';
import { listUsers } from '../../store/accounts.ts';
import { requireMunicipalityAccess, requireUser } from '../auth.ts';
import { municipalityCode, notFound, parse } from '../http.ts';

export async function organisationRoutes(app: FastifyInstance) {
  const { db } = app;

  // Names and codes of member municipalities are public facts; results are not.
  app.get('/municipalities', async (req) => {
    requireUser(req);
    return { municipalities: await listMunicipalities(db) };
  });

  app.get('/municipalities/:code', async (req) => {
    requireUser(req);
    const { code } = parse(z.object({ code: municipalityCode }), req.params);
    const m = await getMunicipality(db, code);
    if (!m) throw notFound(`Kommunen med kod ${code} finns inte`);
    return { municipality: m };
  });

  app.get('/organisation', async (req) => {
    requireUser(req);
    const [areas, itOrganisations, actors] = await Promise.all([listAreas(db), listItOrganisations(db), listActors(db)]);
    return { areas, itOrganisations, actors };
  });

  // The municipality's own contacts (kommunansvariga): identifiable, so own municipality or association only.
  app.get('/municipalities/:code/contacts', async (req) => {
    const { code } = parse(z.object({ code: municipalityCode }), req.params);
    if (!(await getMunicipality(db, code))) throw notFound(`Kommunen med kod ${code} finns inte`);
    requireMunicipalityAccess(req, code);
    const users = (await listUsers(db)).filter((u) => u.role === 'kommunansvarig' && u.municipalities.includes(code));
    return { contacts: users.map((u) => ({ name: u.name, email: u.email, isDemo: u.isDemo })) };
  });
}
