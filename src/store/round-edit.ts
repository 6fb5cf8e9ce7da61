// Editing and deleting rounds: the facts the edit rules need (respondents and answers per
// municipality and type), removing municipalities, deleting a draft, the counts behind the
// confirmation summaries and the state of each municipality's self-assessment.
import type { Queryable } from '../db/db.ts';
import type { SampleCounts } from '../domain/round-edit.ts';

/** Respondents of a round and where answers exist (respondents with at least one answer). */
export async function answerFacts(db: Queryable, roundId: number) {
  const rows = (
    await db.query<{ municipality: string; respondent_type: string | null; respondents: number; answered: number }>(
      `SELECT p.municipality_code AS municipality, p.respondent_type,
              count(*)::int AS respondents,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = p.id))::int AS answered
         FROM respondents p WHERE p.round_id = $1
        GROUP BY p.municipality_code, p.respondent_type`,
      [roundId],
    )
  ).rows;
  const answered = rows.filter((r) => r.answered > 0);
  return {
    respondents: rows.reduce((s, r) => s + r.respondents, 0),
    answeredRespondents: rows.reduce((s, r) => s + r.answered, 0),
    answeredMunicipalities: [...new Set(answered.map((r) => r.municipality))].sort(),
    answeredTypes: [...new Set(answered.map((r) => r.respondent_type).filter((t): t is string => t !== null))].sort(),
  };
}

export async function setRoundInstrument(db: Queryable, roundId: number, instrument: string, version: string): Promise<void> {
  await db.query('UPDATE rounds SET instrument_id = $2, instrument_version = $3 WHERE id = $1', [roundId, instrument, version]);
}

/**
 * Removes municipalities from a round together with their respondents that have no answers
 * (the caller has checked that none has answers). Returns the number of respondents removed.
 */
export async function removeRoundMunicipalities(db: Queryable, roundId: number, codes: string[]): Promise<number> {
  if (!codes.length) return 0;
  const gone = await db.query(
    `DELETE FROM respondents p WHERE p.round_id = $1 AND p.municipality_code = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = p.id)`,
    [roundId, codes],
  );
  await db.query('DELETE FROM round_municipalities WHERE round_id = $1 AND municipality_code = ANY($2::text[])', [roundId, codes]);
  return gone.rowCount;
}

/** Removes the respondents without answers of the given types (types no longer included). */
export async function removeUnansweredOfTypes(db: Queryable, roundId: number, types: string[]): Promise<number> {
  if (!types.length) return 0;
  const gone = await db.query(
    `DELETE FROM respondents p WHERE p.round_id = $1 AND p.respondent_type = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = p.id)`,
    [roundId, types],
  );
  return gone.rowCount;
}

/** Deletes a round (its municipalities and respondents go with it, ON DELETE CASCADE). */
export async function deleteRound(db: Queryable, roundId: number): Promise<boolean> {
  return (await db.query('DELETE FROM rounds WHERE id = $1', [roundId])).rowCount > 0;
}

/** The counts behind the confirmation of opening, closing or reopening a round. */
export async function sampleCounts(db: Queryable, roundId: number): Promise<SampleCounts> {
  const { rows } = await db.query<SampleCounts>(
    `SELECT (SELECT count(*)::int FROM round_municipalities WHERE round_id = $1) AS municipalities,
            count(p.id)::int AS respondents,
            count(p.invited_at)::int AS invited,
            count(*) FILTER (WHERE p.invited_at IS NULL AND p.completed_at IS NULL AND p.email IS NOT NULL AND p.token IS NOT NULL)::int AS "notInvitedWithEmail",
            count(*) FILTER (WHERE p.started_at IS NOT NULL AND p.completed_at IS NULL)::int AS started,
            count(p.completed_at)::int AS completed,
            count(*) FILTER (WHERE p.token IS NOT NULL AND p.completed_at IS NULL)::int AS "openLinks"
       FROM respondents p WHERE p.round_id = $1`,
    [roundId],
  );
  return rows[0];
}

/** Per municipality of a self-assessment round: its self-assessment respondent, if any. */
export async function selfAssessmentRows(db: Queryable, roundId: number) {
  return (
    await db.query<{ municipality: string; startedAt: string | null; completedAt: string | null; answerCount: number }>(
      `SELECT p.municipality_code AS municipality, p.started_at AS "startedAt", p.completed_at AS "completedAt",
              (SELECT count(*)::int FROM answers a WHERE a.respondent_id = p.id) AS "answerCount"
         FROM respondents p WHERE p.round_id = $1 AND p.source = 'self'`,
      [roundId],
    )
  ).rows;
}
