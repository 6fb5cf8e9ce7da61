// Bulk writing of imported responses (issue 15): the accepted rows of an import in batches, inside
// the import's transaction. Respondents go in with one multi-row INSERT per batch (ON CONFLICT on
// respondents_import_ref: a row of the same file imported before is skipped and counted), their
// answers with one COPY per batch (pg-copy-streams on PostgreSQL, COPY FROM '/dev/blob' on PGlite).
// The rows stored are the same as insertImportedResponse / importSelfAssessment store one by one.
import { copyField, type Transaction } from '../db/db.ts';
import type { AnswerValue } from '../domain/instruments/schema.ts';
import { newRespondentToken } from './respondents.ts';

export interface BulkRow {
  /** Row number in the file: with the file's hash it is the row's import_ref. */
  row: number;
  municipality: string;
  respondentType: string | null;
  area: string | null;
  answers: Record<string, AnswerValue>;
}

const ANSWER_COLUMNS = ['respondent_id', 'item_id', 'value'] as const;

/** COPY text of the answers of the given respondents. */
function answersText(rows: ReadonlyArray<{ id: number; answers: Record<string, AnswerValue> }>): string {
  const lines: string[] = [];
  for (const r of rows)
    for (const [item, value] of Object.entries(r.answers)) lines.push(`${r.id}\t${copyField(item)}\t${copyField(JSON.stringify(value))}\n`);
  return lines.join('');
}

/**
 * Stores a batch of survey rows as completed respondents without a link (source 'import'). Returns
 * how many were written and how many were skipped because `fileRef:row` was imported before.
 */
export async function insertImportedBatch(
  tx: Transaction,
  roundId: number,
  fileRef: string,
  rows: readonly BulkRow[],
): Promise<{ written: number; alreadyImported: number }> {
  if (!rows.length) return { written: 0, alreadyImported: 0 };
  const refs = rows.map((r) => `${fileRef}:${r.row}`);
  const ins = await tx.query<{ id: number; import_ref: string }>(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, import_ref, started_at, completed_at)
     SELECT $1, t.municipality, 'import', t.respondent_type, t.area, t.import_ref, now(), now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(municipality, respondent_type, area, import_ref, n)
      ORDER BY t.n
     ON CONFLICT (round_id, import_ref) WHERE import_ref IS NOT NULL DO NOTHING
     RETURNING id, import_ref`,
    [roundId, rows.map((r) => r.municipality), rows.map((r) => r.respondentType), rows.map((r) => r.area), refs],
  );
  const idOf = new Map(ins.rows.map((r) => [r.import_ref, r.id]));
  const stored = rows.flatMap((r, i) => {
    const id = idOf.get(refs[i]);
    return id === undefined ? [] : [{ id, answers: r.answers }];
  });
  if (stored.length) await tx.copyFrom('answers', ANSWER_COLUMNS, answersText(stored));
  return { written: stored.length, alreadyImported: rows.length - stored.length };
}

/**
 * Stores a batch of self-assessments (one row per municipality, checked by the validation): each
 * municipality's single self respondent, created on first use, gets the row's answers in place of
 * its earlier ones, the row's area when it has one, and is completed (times set once).
 */
export async function importSelfAssessmentBatch(tx: Transaction, roundId: number, rows: readonly BulkRow[]): Promise<number> {
  if (!rows.length) return 0;
  const codes = rows.map((r) => r.municipality);
  await tx.query(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, token)
     SELECT $1, t.code, 'self', 'kommunansvarig', t.token FROM unnest($2::text[], $3::text[]) AS t(code, token)
     ON CONFLICT (round_id, municipality_code) WHERE source = 'self' DO NOTHING`,
    [roundId, codes, codes.map(() => newRespondentToken())],
  );
  const ids = await tx.query<{ id: number; code: string }>(
    `UPDATE respondents p SET area = COALESCE(t.area, p.area), started_at = COALESCE(p.started_at, now()), completed_at = COALESCE(p.completed_at, now())
       FROM unnest($2::text[], $3::text[]) AS t(code, area)
      WHERE p.round_id = $1 AND p.source = 'self' AND p.municipality_code = t.code
     RETURNING p.id, p.municipality_code AS code`,
    [roundId, codes, rows.map((r) => r.area)],
  );
  const idOf = new Map(ids.rows.map((r) => [r.code, r.id]));
  const stored = rows.map((r) => ({ id: idOf.get(r.municipality)!, answers: r.answers }));
  await tx.query('DELETE FROM answers WHERE respondent_id = ANY($1::int[])', [stored.map((r) => r.id)]);
  await tx.copyFrom('answers', ANSWER_COLUMNS, answersText(stored));
  return stored.length;
}
