// The event log and the security settings (Administration → Logg, Säkerhet). Förbundsadmin only.
//
//   GET /api/admin/audit?person=&action=&category=&municipality=&from=&to=&limit=&offset=   a page of entries and the total
//   GET /api/admin/audit/export?format=csv|xlsx&<same filters>                              the file (logged as audit.exported)
//   GET /api/admin/security, PUT /api/admin/security                                        the security settings
import type { FastifyInstance } from 'fastify';
import { exportAuditLog } from '../../audit/export-audit-log.ts';
import { saveSecurity } from '../../audit/save-security-settings.ts';
import * as api from '../../contracts/audit.ts';
import { countAuditEntries, listAuditEntries, type AuditFilter } from '../../store/audit.ts';
import { getSecuritySettings } from '../../store/identity.ts';
import { NO_ASSOCIATION, viewerAssociation } from '../../domain/association-scope.ts';
import type { Viewer } from '../../domain/organisation.ts';
import { requireUser } from '../auth.ts';
import { route } from '../route.ts';

/** The query's filters, limited to the caller's association: a förbundsadmin reads its own association's log only. */
const filterOf = (q: AuditFilter, viewer: Viewer): AuditFilter => {
  const f: AuditFilter = Object.fromEntries(
    (['person', 'action', 'category', 'municipality', 'from', 'to'] as const).flatMap((k) => (q[k] === undefined ? [] : [[k, q[k]]])),
  );
  // The region's analyst has no log of its own: no entry matches NO_ASSOCIATION.
  return { ...f, association: viewerAssociation(viewer) ?? NO_ASSOCIATION };
};

export async function auditRoutes(app: FastifyInstance) {
  const { db } = app;

  route(app, api.listAudit, async (req) => {
    const { limit, offset } = req.query;
    const filter = filterOf(req.query, requireUser(req));
    // Swedish event names, people's names and object titles (domain/audit.ts); codes kept for programs.
    const [entries, total, settings] = await Promise.all([
      listAuditEntries(db, filter, { limit, offset }),
      countAuditEntries(db, filter),
      getSecuritySettings(db),
    ]);
    return { entries, total, limit, offset, retentionDays: settings.auditRetentionDays };
  });

  route(app, api.exportAudit, async (req, reply) => {
    const user = requireUser(req);
    const { format } = req.query;
    const file = await exportAuditLog(db, filterOf(req.query, user), format, { id: user.id, ip: req.ip });
    return reply
      .type(format === 'csv' ? `${api.AUDIT_EXPORT_TYPES.csv}; charset=utf-8` : api.AUDIT_EXPORT_TYPES.xlsx)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(file.body);
  });

  route(app, api.getSecurity, async () => ({ settings: await getSecuritySettings(db) }));

  route(app, api.putSecurity, async (req) => {
    const user = requireUser(req);
    return saveSecurity(db, { id: user.id, ip: req.ip }, req.body);
  });
}
