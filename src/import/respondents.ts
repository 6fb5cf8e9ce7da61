// Import of respondents into a municipality's sample from CSV, XLSX or rows pasted from Excel.
// Reads the file (the same readers as the response import), validates every row with the pure
// domain (src/domain/respondent-import.ts) and, unless it is a dry run or errors remain, adds the
// rows with their personal links in one transaction with the audit entry. Shared by HTTP and CLI.
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { ImportError } from '../domain/import.ts';
import {
  parsePastedRows,
  validateRespondentImport,
  type RespondentDuplicate,
  type RespondentField,
  type RespondentImportContext,
  type RespondentImportRow,
} from '../domain/respondent-import.ts';
import { sampleEditableMessage } from '../domain/rounds.ts';
import { badRequest, conflict } from '../domain/errors.ts';
import { audit } from '../store/audit.ts';
import { listAreas } from '../store/organisation.ts';
import { addRespondentsBulk, listRespondents } from '../store/respondents.ts';
import { lockRound, type Round } from '../store/rounds.ts';
import { instrumentOfRound, requireRound, requireRoundMunicipality, respondentLink, type Actor } from '../rounds/service.ts';
import { parseResponsesFile } from './responses.ts';

export type RespondentInputSource = { bytes: Uint8Array; filename?: string } | { text: string };

export interface RespondentImportReport {
  roundId: number;
  municipality: string;
  format: 'csv' | 'xlsx' | 'paste' | null;
  dryRun: boolean;
  /** Data rows read. */
  rowCount: number;
  /** Rows that will be (or were) added. */
  rows: RespondentImportRow[];
  duplicates: RespondentDuplicate[];
  /** Every error by row and column; nothing is written while any remains. */
  errors: ImportError[];
  columns: Partial<Record<RespondentField, string>>;
  ignoredColumns: string[];
  /** Row number of the header: errors there are about the file. */
  headerRow: number | null;
  /** Respondents added by this call (0 on a dry run or with errors). */
  written: number;
  /** The added respondents with their links. */
  added: Array<{ id: number; row: number; link: string }>;
}

/** The import context of a round's municipality: its types (narrowed by the round), areas, existing e-mail addresses. */
async function importContext(db: Queryable, round: Round, code: string): Promise<RespondentImportContext> {
  const instrument = await instrumentOfRound(db, round);
  const included = round.respondentTypes ? new Set(round.respondentTypes) : null;
  const all = instrument.respondentTypes.map((t) => ({ id: t.id, label: t.label }));
  return {
    respondentTypes: included ? all.filter((t) => included.has(t.id)) : all,
    excludedTypes: included ? all.filter((t) => !included.has(t.id)) : [],
    areas: await listAreas(db),
    existingEmails: (await listRespondents(db, round.id, code)).flatMap((r) => (r.email ? [r.email] : [])),
  };
}

async function checkImportable(db: Queryable, round: Round): Promise<void> {
  const instrument = await instrumentOfRound(db, round);
  if (instrument.mode === 'self-assessment')
    throw badRequest('Självskattningen besvaras en gång per kommun av den kommunansvarige; respondenter kan inte importeras');
  const blocked = sampleEditableMessage(round.status);
  if (blocked) throw conflict(blocked);
}

/** Validates (and unless dryRun or errors remain, adds) the respondents of a file or pasted text. */
export async function importRespondents(
  db: Db,
  config: Pick<Config, 'baseUrl'>,
  roundId: number,
  code: string,
  source: RespondentInputSource,
  opts: { dryRun?: boolean },
  actor: Actor,
): Promise<RespondentImportReport> {
  const dryRun = !!opts.dryRun;
  const round = await requireRound(db, roundId);
  requireRoundMunicipality(round, code);
  await checkImportable(db, round);
  const base = { roundId, municipality: code, dryRun, written: 0, added: [] };

  let table;
  let format: RespondentImportReport['format'];
  if ('text' in source) {
    format = 'paste';
    table = parsePastedRows(source.text);
  } else {
    const parsed = await parseResponsesFile(source.bytes, source.filename);
    format = parsed.format;
    if (!parsed.ok)
      return { ...base, format, rowCount: 0, rows: [], duplicates: [], errors: parsed.errors, columns: {}, ignoredColumns: [], headerRow: null };
    table = parsed.table;
  }

  const v = validateRespondentImport(table, await importContext(db, round, code));
  const report: RespondentImportReport = { ...base, format, ...v };
  if (dryRun || v.errors.length || !v.rows.length) return report;

  return db.transaction(async (tx) => {
    const locked = (await lockRound(tx, roundId))!;
    await checkImportable(tx, locked);
    // Validated again under the lock: respondents added meanwhile count as duplicates.
    const fresh = validateRespondentImport(table, await importContext(tx, locked, code));
    if (fresh.errors.length) return { ...report, ...fresh };
    const inserted = await addRespondentsBulk(tx, roundId, code, fresh.rows);
    const added: RespondentImportReport['added'] = inserted.map((p, i) => ({ id: p.id, row: fresh.rows[i].row, link: respondentLink(config, p.token) }));
    await audit(tx, {
      actor: actor.id,
      action: 'respondents.imported',
      target: `round:${roundId}/${code}`,
      ip: actor.ip,
      details: { format, added: added.length, duplicates: fresh.duplicates.length, ...('filename' in source && source.filename ? { file: source.filename } : {}) },
    });
    return { ...report, ...fresh, written: added.length, added };
  });
}

/** A short Swedish summary of a report, with every error by row and column (for the CLI and 400 messages). */
export function formatRespondentImport(r: RespondentImportReport): string {
  const lines = [
    `${r.dryRun ? 'Provkörning: ' : ''}${r.rowCount} rader lästa, ${r.rows.length} respondenter att lägga till, ${r.duplicates.length} dubbletter, ${r.errors.length} fel.`,
    ...r.errors.map((e) => `  ${e.row ? `Rad ${e.row}` : 'Filen'}${e.column ? `, kolumn ${e.column}` : ''}: ${e.message}`),
    ...r.duplicates.map(
      (d) => `  Rad ${d.row}: ${d.email} ${d.firstRow === null ? 'finns redan bland kommunens respondenter' : `finns redan på rad ${d.firstRow}`}; läggs inte till igen`,
    ),
  ];
  if (r.ignoredColumns.length) lines.push(`Okända kolumner som inte läses: ${r.ignoredColumns.join(', ')}`);
  if (r.errors.length) lines.push('Inget har sparats. Rätta felen och försök igen.');
  else if (r.dryRun) lines.push('Inget har sparats (--dry-run).');
  else lines.push(`${r.written} respondenter tillagda.`);
  return lines.join('\n');
}
