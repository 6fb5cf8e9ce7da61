// Imports responses from a file into a round (förbundsadmin): a dry run previews, otherwise the
// accepted rows are written (all or nothing unless skipInvalid). Audited when rows were written.
import type { Db } from '../db/db.ts';
import { AppError } from '../domain/errors.ts';
import { importResponses, ImportRefused, type ImportProgress, type ImportReport, type ImportSource } from '../import/responses.ts';
import { audit } from '../store/audit.ts';
import type { Actor } from './service.ts';

/** The report, and the Swedish message when nothing could be saved because of errors (the caller's 400). */
export async function importRoundResponses(
  db: Db,
  id: number,
  file: ImportSource,
  opts: { dryRun: boolean; skipInvalid: boolean; onProgress?: (p: ImportProgress) => void },
  actor: Actor,
): Promise<{ report: ImportReport; refusal?: string }> {
  let report: ImportReport;
  try {
    report = await importResponses(db, id, file, opts);
  } catch (e) {
    if (e instanceof ImportRefused) throw new AppError(e.kind === 'not-found' ? 'not_found' : 'conflict', e.message);
    throw e;
  }
  if (report.written > 0)
    await audit(db, {
      actor: actor.id,
      action: 'responses.imported',
      target: `round:${id}`,
      ip: actor.ip,
      details: { file: file.filename, written: report.written, errors: report.errors.length, skipInvalid: opts.skipInvalid },
    });
  const blocked = !report.dryRun && report.errors.length > 0 && report.written === 0 && report.alreadyImported === 0;
  if (!blocked) return { report };
  const refusal =
    report.accepted > 0 && !report.skipInvalid
      ? `Importen innehåller ${report.errors.length} fel; inget har sparats. Rätta felen eller välj att importera bara de godkända raderna.`
      : `Importen innehåller ${report.errors.length} fel; inget har sparats.`;
  return { report, refusal };
}
