// The event log (Administration → Logg: filters, paging, export for an IT auditor) and the
// association's security settings (Administration → Säkerhet). Förbundsadmin only.
import { z } from 'zod';
import { AUDIT_CATEGORY_IDS } from '../domain/audit.ts';
import { securitySettingsSchema } from '../domain/identity/schema.ts';
import { endpoint, fileResponse, idParam, municipalityCode, timestamp } from './endpoint.ts';

const TAG = 'Administration';
const ADMIN = ['forbundsadmin'] as const;

const day = z.iso.date({ error: 'Ange datumet som ÅÅÅÅ-MM-DD' });

/** The filters of the log, shared by the list, the export and the CLI. */
const filterShape = {
  person: idParam.optional().describe('Vem: kontots nummer'),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z_.-]+$/, 'Ange en händelsekod, till exempel login.failed')
    .optional()
    .describe('En händelsekod'),
  category: z.enum(AUDIT_CATEGORY_IDS, { error: `Välj en av händelsetyperna ${AUDIT_CATEGORY_IDS.join(', ')}` }).optional(),
  municipality: municipalityCode.optional().describe('Händelser som gäller kommunen (se docs/audit.md)'),
  from: day.optional().describe('Från och med dagen (svensk tid)'),
  to: day.optional().describe('Till och med dagen (svensk tid)'),
};
const LABELS = { person: 'Vem', action: 'Händelsekod', category: 'Händelsetyp', from: 'Från och med', to: 'Till och med', offset: 'Hoppa över' };

/** The period must not be reversed. */
const periodOk = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const PERIOD_ORDER = { message: 'Från-datumet ligger efter till-datumet', path: ['to'] };

export const auditFilterQuery = z.object(filterShape).refine(periodOk, PERIOD_ORDER);

export const auditEntry = z.object({
  id: z.number(),
  at: timestamp,
  action: z.string().describe('Händelsens kod (för program)'),
  actionLabel: z.string().describe('Händelsen på svenska'),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  target: z.string().nullable(),
  targetLabel: z.string(),
  detail: z.string(),
  ip: z.string().nullable(),
});

export const listAudit = endpoint({
  method: 'GET',
  path: '/api/admin/audit',
  summary: 'Händelseloggen, senaste först, filtrerad på person, händelse, kommun och period',
  tag: TAG,
  access: ADMIN,
  query: z
    .object({
      ...filterShape,
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0, 'Ange 0 eller mer').max(10_000_000).default(0),
    })
    .refine(periodOk, PERIOD_ORDER),
  labels: LABELS,
  response: z.object({
    entries: z.array(auditEntry),
    total: z.number().describe('Antal händelser som matchar filtret'),
    limit: z.number(),
    offset: z.number(),
    retentionDays: z.number().describe('Händelser äldre än så raderas automatiskt'),
  }),
});

export const AUDIT_EXPORT_TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export const exportAudit = endpoint({
  method: 'GET',
  path: '/api/admin/audit/export',
  summary: 'Händelseloggen som CSV eller Excel (XLSX) med samma filter som listan; exporten loggas',
  tag: TAG,
  access: ADMIN,
  query: z.object({ ...filterShape, format: z.enum(['csv', 'xlsx'], { error: 'Formatet ska vara csv eller xlsx' }).default('csv') }).refine(periodOk, PERIOD_ORDER),
  labels: LABELS,
  response: fileResponse(...Object.values(AUDIT_EXPORT_TYPES)),
});

const securitySettings = z.object({
  requireTotpForAdmins: securitySettingsSchema.shape.requireTotpForAdmins.unwrap(),
  auditRetentionDays: securitySettingsSchema.shape.auditRetentionDays.unwrap(),
});
const SETTINGS_LABELS = { requireTotpForAdmins: 'Tvåstegsverifiering för förbundsadmin', auditRetentionDays: 'Hur länge händelseloggen sparas' };

export const getSecurity = endpoint({
  method: 'GET',
  path: '/api/admin/security',
  summary: 'Förbundets säkerhetsinställningar',
  tag: TAG,
  access: ADMIN,
  response: z.object({ settings: securitySettings }),
});

export const putSecurity = endpoint({
  method: 'PUT',
  path: '/api/admin/security',
  summary: 'Ändrar säkerhetsinställningarna (loggas med före och efter)',
  tag: TAG,
  access: ADMIN,
  body: securitySettings,
  labels: SETTINGS_LABELS,
  response: z.object({
    settings: securitySettings,
    warnings: z.array(z.string()).describe('Sådant att tänka på, på svenska (t.ex. att du själv saknar tvåstegsverifiering)'),
  }),
});
