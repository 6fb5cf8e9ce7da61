// Imports published aggregates from CSV or XLSX (the template of docs/published-figures.md) into a
// round: every error by row and column, nothing written while any remains; a dry run only reports.
// Items in the file replace the round's aggregates of the same items; others are kept. One audit entry.
// Shared by HTTP and CLI.
import type { Db } from '../db/db.ts';
import type { QualityFlag } from '../domain/analysis/quality.ts';
import type { ImportError } from '../domain/import.ts';
import { parsePublishedTable } from '../domain/published-import.ts';
import { publishedQualityFlags, type PublishedAggregate } from '../domain/published.ts';
import { parseResponsesFile } from '../import/responses.ts';
import type { Actor } from '../rounds/service.ts';
import { audit } from '../store/audit.ts';
import { listPublished, upsertPublished } from '../store/published.ts';
import { roundAndInstrument } from './common.ts';

export interface PublishedImportReport {
  file: string | null;
  format: 'csv' | 'xlsx' | null;
  dryRun: boolean;
  items: Array<{ itemId: string; figure: string | null; row: number; values: number; replaces: boolean }>;
  /** The flags the round's aggregates will carry after the import. */
  flags: QualityFlag[];
  errors: ImportError[];
  written: number;
}

export async function importPublishedAggregates(
  db: Db,
  roundId: number,
  file: { bytes: Uint8Array; filename?: string },
  opts: { dryRun?: boolean },
  actor: Actor,
): Promise<PublishedImportReport> {
  const { instrument } = await roundAndInstrument(db, roundId);
  const report: PublishedImportReport = { file: file.filename ?? null, format: null, dryRun: !!opts.dryRun, items: [], flags: [], errors: [], written: 0 };
  const parsed = await parseResponsesFile(file.bytes, file.filename);
  report.format = parsed.format;
  if (!parsed.ok) return { ...report, errors: parsed.errors };
  const { aggregates, rows, errors } = parsePublishedTable(parsed.table, instrument);
  const existing = await listPublished(db, roundId);
  const have = new Set(existing.map((a) => a.itemId));
  report.items = aggregates.map((a) => ({ itemId: a.itemId, figure: a.figure, row: rows[a.itemId], values: a.values.length, replaces: have.has(a.itemId) }));
  if (!aggregates.length && !errors.length) errors.push({ row: 0, column: null, message: 'Filen innehåller inga publicerade aggregat' });
  report.errors = errors;
  const imported = new Set(aggregates.map((a) => a.itemId));
  const after: PublishedAggregate[] = [...existing.filter((a) => !imported.has(a.itemId)), ...aggregates];
  report.flags = publishedQualityFlags(instrument, after);
  if (errors.length || opts.dryRun) return report;
  await db.transaction(async (tx) => {
    for (const a of aggregates) await upsertPublished(tx, roundId, a, actor.id);
    await audit(tx, {
      actor: actor.id,
      action: 'published.imported',
      target: `round:${roundId}`,
      ip: actor.ip,
      details: { file: report.file, items: aggregates.length, flags: report.flags.length },
    });
  });
  report.written = aggregates.length;
  return report;
}
