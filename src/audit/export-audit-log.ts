// The event log as a file for an IT auditor (CSV or XLSX, Swedish headers and local times), with the
// same filters as Administration → Logg. The export is itself logged (`audit.exported`, with the filter
// and the number of rows), after the file is made, so it is not in its own file.
import type { Queryable } from '../db/db.ts';
import { stockholmTimeText } from '../domain/audit-period.ts';
import { toCsv } from '../domain/export.ts';
import { tableXlsx } from '../reports/render/table-xlsx.ts';
import { audit, listAuditEntries, type AuditEntryView, type AuditFilter } from '../store/audit.ts';

export const AUDIT_EXPORT_COLUMNS = ['Tid', 'Händelse', 'Händelsekod', 'Vem', 'E-post', 'Gäller', 'Uppgifter', 'IP-adress'];

export const auditExportRow = (e: AuditEntryView): string[] => [
  stockholmTimeText(e.at),
  e.actionLabel,
  e.action,
  e.actorName ?? e.actorEmail ?? 'Systemet',
  e.actorEmail ?? '',
  e.targetLabel,
  e.detail,
  e.ip ?? '',
];

export interface AuditExport {
  body: Buffer;
  filename: string;
  rows: number;
}

export async function exportAuditLog(
  db: Queryable,
  filter: AuditFilter,
  format: 'csv' | 'xlsx',
  actor: { id: number; ip?: string } | null,
  now = new Date(),
): Promise<AuditExport> {
  const entries = await listAuditEntries(db, filter);
  const table = [AUDIT_EXPORT_COLUMNS, ...entries.map(auditExportRow)];
  const body = format === 'csv' ? Buffer.from(toCsv(table), 'utf8') : await tableXlsx(table, 'Händelselogg');
  // The association the log was limited to is the entry's own (audit_log.association_id), not a filter the person chose.
  const { association, ...chosen } = filter;
  await audit(db, {
    actor: actor?.id,
    action: 'audit.exported',
    ip: actor?.ip,
    association,
    details: { filter: chosen, rows: entries.length, format, ...(actor ? {} : { via: 'cli' }) },
  });
  return { body, filename: `handelselogg-${stockholmTimeText(now).slice(0, 10)}.${format}`, rows: entries.length };
}
