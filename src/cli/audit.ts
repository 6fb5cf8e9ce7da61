// CLI: the event log — list it with the web's filters, export it for an IT auditor (CSV/XLSX, the export
// logged as audit.exported), and delete what is older than the retention (as the server does daily).
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exportAuditLog } from '../audit/export-audit-log.ts';
import * as api from '../contracts/audit.ts';
import type { Db } from '../db/db.ts';
import { AUDIT_CATEGORY_IDS } from '../domain/audit.ts';
import { stockholmTimeText } from '../domain/audit-period.ts';
import { findUserIdByEmail } from '../store/accounts.ts';
import { countAuditEntries, listAuditEntries, pruneAuditLog, type AuditFilter } from '../store/audit.ts';
import { CliError, print, validated, withDb } from './index.ts';

interface FilterOpts {
  from?: string;
  to?: string;
  person?: string;
  action?: string;
  category?: string;
  municipality?: string;
}

function filterOptions(cmd: Command): Command {
  return cmd
    .option('--from <datum>', 'från och med dagen, ÅÅÅÅ-MM-DD (svensk tid)')
    .option('--to <datum>', 'till och med dagen, ÅÅÅÅ-MM-DD')
    .option('--person <e-post|nummer>', 'händelser som personen gjorde')
    .option('--action <kod>', 'en händelsekod, t.ex. login.failed')
    .option('--category <typ>', `en händelsetyp: ${AUDIT_CATEGORY_IDS.join(', ')}`)
    .option('--municipality <kod>', 'händelser som gäller kommunen (SCB-kod)');
}

/** The filter checked with the API's schema; a person given by e-mail is looked up. */
async function filterOf(db: Db, o: FilterOpts): Promise<AuditFilter> {
  let person = o.person;
  if (person !== undefined && !/^[0-9]+$/.test(person)) {
    const id = await findUserIdByEmail(db, person);
    if (!id) throw new CliError(`Det finns inget konto med e-postadressen ${person}`);
    person = String(id);
  }
  const q = validated(api.auditFilterQuery, { ...o, person });
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Händelseloggen: lista, exportera, rensa gamla händelser');

  filterOptions(audit.command('list').description('Händelserna, senaste först, med samma filter som webben'))
    .option('--limit <n>', 'högst så många (1–1000)', '50')
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: FilterOpts & { limit: string; json?: boolean }) => {
      const result = await withDb(async (db) => {
        const filter = await filterOf(db, opts);
        const { limit } = validated(api.listAudit.query, { limit: opts.limit });
        return { total: await countAuditEntries(db, filter), entries: await listAuditEntries(db, filter, { limit }) };
      });
      print(result, !!opts.json, () =>
        [
          `${result.total} händelser${result.total > result.entries.length ? ` (de ${result.entries.length} senaste visas)` : ''}`,
          ...result.entries.map(
            (e) => `${stockholmTimeText(e.at)}  ${e.actionLabel}  ${e.actorName ?? e.actorEmail ?? 'Systemet'}  ${e.targetLabel}${e.detail ? `  (${e.detail})` : ''}`,
          ),
        ].join('\n'),
      );
    });

  filterOptions(audit.command('export').description('Sparar händelserna som CSV eller Excel till en it-revisor; exporten loggas'))
    .requiredOption('--format <format>', 'csv eller xlsx')
    .requiredOption('--out <fil>', 'filen att skriva')
    .option('--json', 'skriv ut en sammanfattning som JSON')
    .action(async (opts: FilterOpts & { format: string; out: string; json?: boolean }) => {
      const file = await withDb(async (db) => {
        const { format } = validated(api.exportAudit.query, { format: opts.format });
        return exportAuditLog(db, await filterOf(db, opts), format, null);
      });
      await writeFile(opts.out, file.body);
      print({ file: opts.out, rows: file.rows, bytes: file.body.length }, !!opts.json, () => `${file.rows} händelser sparade i ${opts.out}`);
    });

  audit
    .command('prune')
    .description('Raderar händelser äldre än förbundets sparandetid (Administration → Säkerhet); servern gör det varje dygn')
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { json?: boolean }) => {
      const r = await withDb((db) => pruneAuditLog(db));
      print({ deleted: r.deleted, before: r.before.toISOString(), retentionDays: r.retentionDays }, !!opts.json, () =>
        r.deleted
          ? `${r.deleted} händelser äldre än ${r.retentionDays} dagar (före ${stockholmTimeText(r.before)}) raderade.`
          : `Inga händelser äldre än ${r.retentionDays} dagar.`,
      );
    });
}
