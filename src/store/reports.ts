// Queries for the reports: the round's sample (for response rates) and the publishing association.
import type { Queryable } from '../db/db.ts';
import type { ReportableRound } from '../domain/reports/access.ts';
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

type ResponseCounts = Pick<ReportableRound, 'responses' | 'regionalMunicipalities' | 'published'>;

/** A round as the report access rule sees it, from countedResponses' figures (none = no responses). */
export function reportableRound(round: Pick<ReportableRound, 'status' | 'municipalities'>, counts?: ResponseCounts): ReportableRound {
  return {
    status: round.status,
    municipalities: round.municipalities,
    responses: counts?.responses ?? 0,
    regionalMunicipalities: counts?.regionalMunicipalities ?? 0,
    ...(counts?.published ? { published: true } : {}),
  };
}

/**
 * Counted responses (submitted or imported, see COUNTED) per round, and the number of municipalities
 * whose answers enter the regional values (at least the instrument's scoring.suppressionMin counted
 * responses, default 3); rounds without any response are absent.
 */
export async function countedResponses(db: Queryable, roundIds?: number[]): Promise<Map<number, ResponseCounts>> {
  const { rows } = await db.query<{ round_id: number; responses: number; municipalities: number }>(
    `SELECT c.round_id, sum(c.n)::int AS responses, (count(*) FILTER (WHERE c.n >= c.min))::int AS municipalities
       FROM (SELECT p.round_id, p.municipality_code, count(*)::int AS n,
                    coalesce((i.definition->'scoring'->>'suppressionMin')::int, 3) AS min
               FROM respondents p
               JOIN rounds r ON r.id = p.round_id
               LEFT JOIN instruments i ON i.id = r.instrument_id AND i.version = r.instrument_version
              WHERE ${COUNTED} AND ($1::int[] IS NULL OR p.round_id = ANY($1::int[]))
              GROUP BY 1, 2, 4) c
      GROUP BY c.round_id`,
    [roundIds ?? null],
  );
  const out = new Map<number, ResponseCounts>(rows.map((r) => [r.round_id, { responses: r.responses, regionalMunicipalities: r.municipalities }]));
  // Rounds holding published aggregates (issue 14) have a regional report even without responses.
  const pub = await db.query<{ round_id: number }>(
    'SELECT DISTINCT round_id FROM published_aggregates WHERE $1::int[] IS NULL OR round_id = ANY($1::int[])',
    [roundIds ?? null],
  );
  for (const { round_id } of pub.rows) out.set(round_id, { ...(out.get(round_id) ?? { responses: 0, regionalMunicipalities: 0 }), published: true });
  return out;
}
