// Association administration: accounts and roles, audit log, mail outbox. Förbundsadmin only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../domain/organisation.ts';
import { createUser, findUserIdByEmail, getUser, listUsers, setUserMunicipalities, setUserRole } from '../../store/accounts.ts';
import { audit, listAuditEntries } from '../../store/audit.ts';
import { listOutbox } from '../../store/mail.ts';
import { getMunicipality } from '../../store/organisation.ts';
import { requireRole } from '../auth.ts';
import { badRequest, conflict, idParam, municipalityCode, notFound, parse } from '../http.ts';
import { passwordRule } from '../../domain/accounts.ts';

const roleSchema = z.enum(ROLES, { error: 'Rollen ska vara forbundsadmin, kommunansvarig eller lasare' });

/** A user's municipalities: a code given twice counts once (it would break the unique key otherwise). */
const municipalityList = z
  .array(municipalityCode)
  .max(50)
  .transform((codes) => [...new Set(codes)]);

export async function adminRoutes(app: FastifyInstance) {
  const { db } = app;

  async function checkMunicipalities(codes: string[]) {
    for (const c of codes) if (!(await getMunicipality(db, c))) throw notFound(`Kommunen med kod ${c} finns inte`);
  }

  app.get('/admin/users', async (req) => {
    requireRole(req, 'forbundsadmin');
    return { users: await listUsers(db) };
  });

  app.post('/admin/users', async (req, reply) => {
    const admin = requireRole(req, 'forbundsadmin');
    const body = parse(
      z.object({
        email: z.string().trim().email('Ange en giltig e-postadress').max(254),
        name: z.string().trim().min(1, 'Ange ett namn').max(200),
        password: passwordRule,
        role: roleSchema,
        municipalities: municipalityList.default([]),
      }),
      req.body,
    );
    if (body.role === 'kommunansvarig' && body.municipalities.length === 0)
      throw badRequest('En kommunansvarig måste kopplas till minst en kommun');
    await checkMunicipalities(body.municipalities);
    if (await findUserIdByEmail(db, body.email)) throw conflict('Det finns redan ett konto med den e-postadressen');
    const user = await db.transaction(async (tx) => {
      const u = await createUser(tx, body);
      await audit(tx, { actor: admin.id, action: 'user.created', target: u.email, ip: req.ip, details: { role: u.role, municipalities: u.municipalities } });
      return u;
    });
    return reply.status(201).send({ user });
  });

  app.patch('/admin/users/:id', async (req) => {
    const admin = requireRole(req, 'forbundsadmin');
    const { id } = parse(z.object({ id: idParam }), req.params);
    const body = parse(
      z.object({ role: roleSchema.optional(), municipalities: municipalityList.optional() }),
      req.body,
    );
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

  app.get('/admin/audit', async (req) => {
    requireRole(req, 'forbundsadmin');
    const q = parse(z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }), req.query);
    // Swedish event names, people's names and object titles (domain/audit.ts); codes kept for programs.
    return { entries: await listAuditEntries(db, q.limit) };
  });

  app.get('/admin/outbox', async (req) => {
    requireRole(req, 'forbundsadmin');
    return { messages: await listOutbox(db) };
  });
}
