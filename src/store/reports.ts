// Queries for the reports: the round's sample (for response rates) and the publishing association.
import type { Queryable } from '../db/db.ts';
import type { SampleRow } from '../domain/reports/common.ts';
import { COUNTED } from './analysis.ts';

/** Every respondent of a round with municipality and progress (all sources). */
export async function roundSample(db: Queryable, roundId: number): Promise<SampleRow[]> {
  return (
    await db.query<SampleRow>(
      `SELECT municipality_code AS municipality, respondent_type AS "respondentType", area,
              invited_at IS NOT NULL AS invited,
              (started_at IS NOT NULL OR completed_at IS NOT NULL) AS started,
              (completed_at IS NOT NULL OR source = 'import') AS completed
         FROM respondents WHERE round_id = $1 ORDER BY municipality_code, id`,
      [roundId],
    )
  ).rows;
}

/** The association the round's municipalities belong to (the most common one), or null. */
export async function roundAssociation(db: Queryable, codes: string[]): Promise<string | null> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT a.name FROM municipalities m JOIN associations a ON a.id = m.association_id
      WHERE m.code = ANY($1::text[]) GROUP BY a.name ORDER BY count(*) DESC, a.name LIMIT 1`,
    [codes],
  );
  return rows[0]?.name ?? null;
}

/** Counted responses (submitted or imported, see COUNTED) per round; rounds without any are absent. */
export async function countedResponses(db: Queryable, roundIds?: number[]): Promise<Map<number, number>> {
  const { rows } = await db.query<{ round_id: number; n: number }>(
    `SELECT p.round_id, count(*)::int AS n FROM respondents p
      WHERE ${COUNTED} AND ($1::int[] IS NULL OR p.round_id = ANY($1::int[]))
      GROUP BY p.round_id`,
    [roundIds ?? null],
  );
  return new Map(rows.map((r) => [r.round_id, r.n]));
}
