// Measurement rounds and their municipalities.
import type { Queryable } from '../db/db.ts';
import type { RoundDetails } from '../domain/round-details.ts';
import type { Round } from '../domain/round-schema.ts';
import type { RoundStatus } from '../domain/rounds.ts';

export type { Round } from '../domain/round-schema.ts';

const ROUND_SELECT = `
  SELECT r.id, r.instrument_id AS instrument, r.instrument_version AS "instrumentVersion", r.title, r.status,
         to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd",
         r.created_at AS "createdAt", r.opened_at AS "openedAt", r.closed_at AS "closedAt",
         r.is_demo AS "isDemo", r.demo_note AS "demoNote", r.association_id AS "associationId",
         r.introduction, r.contact_name AS "contactName", r.contact_email AS "contactEmail",
         r.estimated_minutes AS "estimatedMinutes", r.respondent_types AS "respondentTypes",
         r.invitation_subject AS "invitationSubject", r.invitation_body AS "invitationBody",
         r.reminder_subject AS "reminderSubject", r.reminder_body AS "reminderBody",
         COALESCE(array_agg(rm.municipality_code ORDER BY rm.municipality_code) FILTER (WHERE rm.municipality_code IS NOT NULL), '{}') AS municipalities
    FROM rounds r LEFT JOIN round_municipalities rm ON rm.round_id = r.id`;

export async function createRound(
  db: Queryable,
  r: {
    instrument: string;
    instrumentVersion: string;
    title: string;
    periodStart: string;
    periodEnd: string;
    municipalities: string[];
    createdBy?: number | null;
    isDemo?: boolean;
    demoNote?: string | null;
    /** The owning association (kommunalförbund); without it the instance's default association. */
    associationId?: number;
  } & Partial<RoundDetails>,
): Promise<Round> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO rounds (instrument_id, instrument_version, title, period_start, period_end, created_by, is_demo, demo_note, association_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::int, default_association_id())) RETURNING id`,
    [r.instrument, r.instrumentVersion, r.title, r.periodStart, r.periodEnd, r.createdBy ?? null, r.isDemo ?? false, r.demoNote ?? null, r.associationId ?? null],
  );
  await updateRoundDetails(db, rows[0].id, r);
  await addRoundMunicipalities(db, rows[0].id, r.municipalities);
  return (await getRound(db, rows[0].id))!;
}

export async function addRoundMunicipalities(db: Queryable, roundId: number, codes: string[]): Promise<void> {
  for (const code of codes)
    await db.query('INSERT INTO round_municipalities (round_id, municipality_code) VALUES ($1, $2) ON CONFLICT DO NOTHING', [roundId, code]);
}

export async function getRound(db: Queryable, id: number): Promise<Round | undefined> {
  return (await db.query<Round>(`${ROUND_SELECT} WHERE r.id = $1 GROUP BY r.id`, [id])).rows[0];
}

/**
 * The class of the round's advisory lock (the first key of pg_advisory_xact_lock(int, int), the round id
 * the second): answers through a link hold it shared while they check the round and store the answer
 * (save_link_answer in migration 026, lockRespondentForAnswer), lockRound exclusively. Shared advisory
 * locks write nothing, unlike FOR SHARE on the round row, which rewrites the row's multixact for every
 * answer in flight. The same number is written in migration 026.
 */
export const ROUND_ANSWER_LOCK = 726837601;

/**
 * Locks the round for the rest of the transaction (status changes, edits, samples, imports): first its
 * advisory lock exclusively, so that answers in flight are stored before and answers after see the
 * change, then the row.
 */
export async function lockRound(tx: Queryable, id: number): Promise<Round | undefined> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [ROUND_ANSWER_LOCK, id]);
  const locked = await tx.query('SELECT id FROM rounds WHERE id = $1 FOR UPDATE', [id]);
  if (!locked.rows.length) return undefined;
  return getRound(tx, id);
}

/**
 * Rounds, newest first. `associationId` limits to one association's rounds (domain/association-scope.ts
 * viewerAssociation: the region's analyst's NO_ASSOCIATION matches none); `municipalities` to rounds
 * including any of those codes.
 */
export async function listRounds(db: Queryable, filter: { municipalities?: readonly string[]; associationId?: number } = {}): Promise<Round[]> {
  return (
    await db.query<Round>(
      `${ROUND_SELECT}
        WHERE ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM round_municipalities x WHERE x.round_id = r.id AND x.municipality_code = ANY($1::text[])))
          AND ($2::int IS NULL OR r.association_id = $2::int)
        GROUP BY r.id ORDER BY r.created_at DESC, r.id DESC`,
      [filter.municipalities ?? null, filter.associationId ?? null],
    )
  ).rows;
}

export async function updateRound(db: Queryable, id: number, patch: { title?: string; periodStart?: string; periodEnd?: string }): Promise<void> {
  await db.query(
    `UPDATE rounds SET title = COALESCE($2, title), period_start = COALESCE($3::date, period_start), period_end = COALESCE($4::date, period_end)
      WHERE id = $1`,
    [id, patch.title ?? null, patch.periodStart ?? null, patch.periodEnd ?? null],
  );
}

const DETAIL_COLUMNS: Record<keyof RoundDetails, string> = {
  introduction: 'introduction',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  estimatedMinutes: 'estimated_minutes',
  respondentTypes: 'respondent_types',
  invitationSubject: 'invitation_subject',
  invitationBody: 'invitation_body',
  reminderSubject: 'reminder_subject',
  reminderBody: 'reminder_body',
};

/** Sets the given details (a field given as null clears it; a missing field is left as it is). */
export async function updateRoundDetails(db: Queryable, id: number, patch: Partial<RoundDetails>): Promise<void> {
  const keys = (Object.keys(DETAIL_COLUMNS) as Array<keyof RoundDetails>).filter((k) => patch[k] !== undefined);
  if (!keys.length) return;
  await db.query(
    `UPDATE rounds SET ${keys.map((k, i) => `${DETAIL_COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [id, ...keys.map((k) => patch[k])],
  );
}

/** Sets the status; opening stamps opened_at the first time, closing stamps closed_at, reopening clears it. */
export async function setRoundStatus(db: Queryable, id: number, status: RoundStatus): Promise<void> {
  await db.query(
    `UPDATE rounds SET status = $2::text,
            opened_at = CASE WHEN $2::text = 'open' THEN COALESCE(opened_at, now()) ELSE opened_at END,
            closed_at = CASE WHEN $2::text = 'closed' THEN now() WHEN $2::text = 'open' THEN NULL ELSE closed_at END
      WHERE id = $1`,
    [id, status],
  );
}

/** Respondents in the sample and completed, per round, over all municipalities or the given ones (one query). */
export async function responseTotals(db: Queryable, municipalities?: readonly string[]): Promise<Map<number, { total: number; completed: number }>> {
  const rows = (
    await db.query<{ round_id: number; total: number; completed: number }>(
      `SELECT p.round_id, count(*)::int AS total, count(p.completed_at)::int AS completed
         FROM respondents p
         JOIN round_municipalities rm ON rm.round_id = p.round_id AND rm.municipality_code = p.municipality_code
        WHERE $1::text[] IS NULL OR p.municipality_code = ANY($1::text[])
        GROUP BY p.round_id`,
      [municipalities ?? null],
    )
  ).rows;
  return new Map(rows.map((r) => [r.round_id, { total: r.total, completed: r.completed }]));
}

/** Per municipality of the round: respondents in the sample, invited, started, completed. */
export async function roundProgress(db: Queryable, roundId: number) {
  return (
    await db.query<{ municipality: string; name: string; total: number; invited: number; started: number; completed: number }>(
      `SELECT rm.municipality_code AS municipality, m.name,
              count(p.id)::int AS total,
              count(p.invited_at)::int AS invited,
              count(*) FILTER (WHERE p.started_at IS NOT NULL OR p.completed_at IS NOT NULL)::int AS started,
              count(p.completed_at)::int AS completed
         FROM round_municipalities rm
         JOIN municipalities m ON m.code = rm.municipality_code
         LEFT JOIN respondents p ON p.round_id = rm.round_id AND p.municipality_code = rm.municipality_code
        WHERE rm.round_id = $1
        GROUP BY rm.municipality_code, m.name ORDER BY m.name`,
      [roundId],
    )
  ).rows;
}
