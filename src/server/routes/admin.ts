// Association administration: accounts and roles, mail outbox (the event log: audit.ts). Förbundsadmin only.
import type { FastifyInstance } from 'fastify';
import * as api from '../../contracts/accounts.ts';
import { createUser, findUserIdByEmail, getUser, listUsers, setUserMunicipalities, setUserRole } from '../../store/accounts.ts';
import { audit } from '../../store/audit.ts';
import { listOutbox } from '../../store/mail.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { requireUser } from '../auth.ts';
import { badRequest, conflict, notFound } from '../http.ts';
import { route } from '../route.ts';

export async function adminRoutes(app: FastifyInstance) {
  const { db } = app;

  async function checkMunicipalities(codes: string[]) {
    for (const c of codes) if (!(await getMunicipality(db, c))) throw notFound(`Kommunen med kod ${c} finns inte`);
  }

  route(app, api.listUsers, async () => {
    return { users: await listUsers(db) };
  });

  route(app, api.createUser, async (req, reply) => {
    const admin = requireUser(req);
    const { body } = req;
    if (body.role === 'kommunansvarig' && body.municipalities.length === 0)
      throw badRequest('En kommunansvarig måste kopplas till minst en kommun');
    await checkMunicipalities(body.municipalities);
    if (await findUserIdByEmail(db, body.email)) throw conflict('Det finns redan ett konto med den e-postadressen');
    const user = await db.transaction(async (tx) => {
      const u = await createUser(tx, body);
      await audit(tx, { actor: admin.id, action: 'user.created', target: u.email, ip: req.ip, details: { role: u.role, municipalities: u.municipalities } });
      return u;
    });
    reply.status(201);
    return { user };
  });

  route(app, api.updateUser, async (req) => {
    const admin = requireUser(req);
    const { params: { id }, body } = req;
    const before = await getUser(db, id);
    if (!before) throw notFound('Kontot finns inte');
    if (body.municipalities) await checkMunicipalities(body.municipalities);
    const role = body.role ?? before.role;
    const municipalities = body.municipalities ?? before.municipalities;
    if (role === 'kommunansvarig' && municipalities.length === 0)
      throw badRequest('En kommunansvarig måste kopplas till minst en kommun');
    if (before.id === admin.id && role !== 'forbundsadmin') throw badRequest('Du kan inte ta bort din egen administratörsroll');
    const user = await db.transaction(async (tx) => {
      await setUserRole(tx, id, role);
      await setUserMunicipalities(tx, id, role === 'kommunansvarig' ? municipalities : []);
      const after = (await getUser(tx, id))!;
      await audit(tx, {
        actor: admin.id,
        action: 'user.permissions_changed',
        target: after.email,
        ip: req.ip,
        details: { before: { role: before.role, municipalities: before.municipalities }, after: { role: after.role, municipalities: after.municipalities } },
      });
      return after;
    });
    return { user };
  });

  route(app, api.listOutbox, async () => {
    return { messages: await listOutbox(db) };
  });
}
