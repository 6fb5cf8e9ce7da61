// Respondents of a round, their personal links and their answers.
//
// Link tokens are 32 random bytes (256 bits) in base64url. They are stored in plain text (not
// hashed) because the kommunansvarig must be able to print the links again (`respondents links`,
// GET …/links); they are only ever returned by routes that check the user's municipality and by
// the CLI. A leaked link can be replaced with regenerateToken.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import type { AnswerValue } from '../domain/instruments/schema.ts';
import type { RespondentView } from '../domain/respondent-schema.ts';
import type { RespondentProgress } from '../domain/rounds.ts';
import { ROUND_ANSWER_LOCK } from './rounds.ts';

export const TOKEN_BYTES = 32;
export const newRespondentToken = () => randomBytes(TOKEN_BYTES).toString('base64url');
/** The shape of a link token (43 base64url characters); anything else is not looked up. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type RespondentSource = RespondentView['source'];

/** A respondent as the API shows it (src/domain/respondent-schema.ts), with its round and municipality. */
export interface Respondent extends RespondentView {
  roundId: number;
  municipality: string;
}

export interface RespondentWithToken extends Respondent {
  token: string | null;
}

const RESPONDENT_SELECT = `
  SELECT p.id, p.round_id AS "roundId", p.municipality_code AS municipality, p.source, p.respondent_type AS "respondentType",
         p.area, p.name, p.email, p.token, p.created_at AS "createdAt", p.invited_at AS "invitedAt",
         p.reminded_at AS "remindedAt", p.reminder_count AS "reminderCount", p.started_at AS "startedAt",
         p.completed_at AS "completedAt",
         (SELECT count(*)::int FROM answers a WHERE a.respondent_id = p.id) AS "answerCount"
    FROM respondents p`;

export interface NewRespondent {
  roundId: number;
  municipality: string;
  source?: RespondentSource;
  respondentType: string | null;
  area: string | null;
  name?: string | null;
  email?: string | null;
}

export async function addRespondent(db: Queryable, r: NewRespondent): Promise<RespondentWithToken> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, name, email, token)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [r.roundId, r.municipality, r.source ?? 'link', r.respondentType, r.area, r.name ?? null, r.email ?? null, newRespondentToken()],
  );
  return (await getRespondent(db, rows[0].id))!;
}

/**
 * Adds many link respondents to one municipality in one statement (an import); returns their ids and
 * tokens in the order given.
 */
export async function addRespondentsBulk(
  db: Queryable,
  roundId: number,
  municipality: string,
  rows: ReadonlyArray<{ respondentType: string | null; area: string | null; name: string | null; email: string | null }>,
): Promise<Array<{ id: number; token: string }>> {
  if (!rows.length) return [];
  const tokens = rows.map(() => newRespondentToken());
  const { rows: out } = await db.query<{ id: number; token: string }>(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, name, email, token)
     SELECT $1, $2, 'link', t.respondent_type, t.area, t.name, t.email, t.token
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(respondent_type, area, name, email, token, n)
      ORDER BY t.n
     RETURNING id, token`,
    [roundId, municipality, rows.map((r) => r.respondentType), rows.map((r) => r.area), rows.map((r) => r.name), rows.map((r) => r.email), tokens],
  );
  const byToken = new Map(out.map((r) => [r.token, r.id]));
  return tokens.map((token) => ({ id: byToken.get(token)!, token }));
}

export async function getRespondent(db: Queryable, id: number): Promise<RespondentWithToken | undefined> {
  return (await db.query<RespondentWithToken>(`${RESPONDENT_SELECT} WHERE p.id = $1`, [id])).rows[0];
}

/** The municipality's respondents in a round, in the order they were added. */
export async function listRespondents(db: Queryable, roundId: number, municipality: string): Promise<RespondentWithToken[]> {
  return (
    await db.query<RespondentWithToken>(`${RESPONDENT_SELECT} WHERE p.round_id = $1 AND p.municipality_code = $2 ORDER BY p.id`, [
      roundId,
      municipality,
    ])
  ).rows;
}

export async function updateRespondent(
  db: Queryable,
  id: number,
  patch: { respondentType?: string | null; area?: string | null; name?: string | null; email?: string | null },
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const col = { respondentType: 'respondent_type', area: 'area', name: 'name', email: 'email' } as const;
  for (const key of Object.keys(col) as Array<keyof typeof col>) {
    if (patch[key] === undefined) continue;
    params.push(patch[key]);
    sets.push(`${col[key]} = $${params.length}`);
  }
  if (sets.length) await db.query(`UPDATE respondents SET ${sets.join(', ')} WHERE id = $1`, params);
}

/** Deletes a respondent who has not started answering; returns false otherwise. */
export async function deleteRespondent(db: Queryable, id: number): Promise<boolean> {
  const r = await db.query('DELETE FROM respondents WHERE id = $1 AND started_at IS NULL AND completed_at IS NULL', [id]);
  return r.rowCount > 0;
}

/** Replaces a respondent's link; the old link stops working at once. */
export async function regenerateToken(db: Queryable, id: number): Promise<string> {
  const token = newRespondentToken();
  await db.query('UPDATE respondents SET token = $2 WHERE id = $1', [id, token]);
  return token;
}

/** The single self-assessment respondent of a municipality in a round, created on first use. */
export async function ensureSelfAssessmentRespondent(db: Queryable, roundId: number, municipality: string): Promise<RespondentWithToken> {
  await db.query(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, token)
     VALUES ($1, $2, 'self', 'kommunansvarig', $3)
     ON CONFLICT (round_id, municipality_code) WHERE source = 'self' DO NOTHING`,
    [roundId, municipality, newRespondentToken()],
  );
  return (await db.query<RespondentWithToken>(`${RESPONDENT_SELECT} WHERE p.round_id = $1 AND p.municipality_code = $2 AND p.source = 'self'`, [
    roundId,
    municipality,
  ])).rows[0];
}

export async function markInvited(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE respondents SET invited_at = COALESCE(invited_at, now()) WHERE id = $1', [id]);
}

export async function markReminded(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE respondents SET reminded_at = now(), reminder_count = reminder_count + 1 WHERE id = $1', [id]);
}

/** Looks up a link. With a transaction, `lock` holds the respondent row until it ends. */
export async function findByToken(db: Queryable, token: string, opts: { lock?: boolean } = {}): Promise<RespondentWithToken | undefined> {
  if (opts.lock) {
    const r = await db.query<{ id: number }>('SELECT id FROM respondents WHERE token = $1 FOR UPDATE', [token]);
    if (!r.rows.length) return undefined;
    return getRespondent(db, r.rows[0].id);
  }
  return (await db.query<RespondentWithToken>(`${RESPONDENT_SELECT} WHERE p.token = $1`, [token])).rows[0];
}

/** A link's respondent locked for an answer, with its round's status and instrument version. */
export interface LockedRespondent {
  id: number;
  roundId: number;
  respondentType: string | null;
  startedAt: string | null;
  completedAt: string | null;
  roundStatus: 'draft' | 'open' | 'closed';
  instrument: string;
  instrumentVersion: string;
}

/**
 * Looks up a link and locks it for an answer for the rest of the transaction: the round's advisory lock
 * shared (store/rounds.ts ROUND_ANSWER_LOCK: a concurrent close, edit or import waits until the answer is
 * stored, or the answer sees its change), then, in a statement of its own so that it sees what such a
 * change committed while this one waited, the respondent FOR UPDATE with its round's status and
 * instrument version. Undefined for an unknown link.
 */
export async function lockRespondentForAnswer(tx: Queryable, token: string): Promise<LockedRespondent | undefined> {
  const found = await tx.query('SELECT pg_advisory_xact_lock_shared($2::int, round_id) FROM respondents WHERE token = $1', [token, ROUND_ANSWER_LOCK]);
  if (!found.rows.length) return undefined;
  return (
    await tx.query<LockedRespondent>(
      `SELECT p.id, p.round_id AS "roundId", p.respondent_type AS "respondentType", p.started_at AS "startedAt",
              p.completed_at AS "completedAt", r.status AS "roundStatus", r.instrument_id AS instrument,
              r.instrument_version AS "instrumentVersion"
         FROM respondents p JOIN rounds r ON r.id = p.round_id
        WHERE p.token = $1
          FOR UPDATE OF p`,
      [token],
    )
  ).rows[0];
}

/** A link's round and the instrument version it is answered in (not locked; save_link_answer checks both again). */
export async function findLinkRound(db: Queryable, token: string): Promise<{ roundId: number; instrument: string; instrumentVersion: string } | undefined> {
  return (
    await db.query<{ roundId: number; instrument: string; instrumentVersion: string }>(
      `SELECT p.round_id AS "roundId", r.instrument_id AS instrument, r.instrument_version AS "instrumentVersion"
         FROM respondents p JOIN rounds r ON r.id = p.round_id WHERE p.token = $1`,
      [token],
    )
  ).rows[0];
}

export async function getAnswers(db: Queryable, respondentId: number): Promise<Record<string, AnswerValue>> {
  const rows = (
    await db.query<{ item_id: string; value: AnswerValue }>('SELECT item_id, value FROM answers WHERE respondent_id = $1 ORDER BY item_id', [
      respondentId,
    ])
  ).rows;
  return Object.fromEntries(rows.map((r) => [r.item_id, r.value]));
}

/**
 * Saves one answer (insert or replace) and marks the respondent as started, in one statement; the
 * respondent row is only rewritten the first time (started_at stays as it was once set).
 */
export async function saveAnswer(db: Queryable, respondentId: number, itemId: string, value: AnswerValue): Promise<void> {
  await db.query(
    `WITH saved AS (
       INSERT INTO answers (respondent_id, item_id, value) VALUES ($1, $2, $3::text::jsonb)
       ON CONFLICT (respondent_id, item_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
     )
     UPDATE respondents SET started_at = now() WHERE id = $1 AND started_at IS NULL`,
    [respondentId, itemId, JSON.stringify(value)],
  );
}

export async function deleteAnswer(db: Queryable, respondentId: number, itemId: string): Promise<boolean> {
  return (await db.query('DELETE FROM answers WHERE respondent_id = $1 AND item_id = $2', [respondentId, itemId])).rowCount > 0;
}

/** Marks the respondent as completed once; returns the (first) completion time. */
export async function completeRespondent(db: Queryable, respondentId: number): Promise<string> {
  const r = await db.query<{ completed_at: string }>(
    `UPDATE respondents SET completed_at = now(), started_at = COALESCE(started_at, now())
      WHERE id = $1 AND completed_at IS NULL RETURNING completed_at`,
    [respondentId],
  );
  if (r.rows.length) return r.rows[0].completed_at;
  return (await db.query<{ completed_at: string }>('SELECT completed_at FROM respondents WHERE id = $1', [respondentId])).rows[0].completed_at;
}

/** Progress of the respondents of a round (optionally one municipality) for response rates. */
export async function respondentProgress(db: Queryable, roundId: number, municipality?: string): Promise<RespondentProgress[]> {
  return (
    await db.query<RespondentProgress>(
      `SELECT respondent_type AS "respondentType", area,
              invited_at IS NOT NULL AS invited, started_at IS NOT NULL AS started, completed_at IS NOT NULL AS completed
         FROM respondents WHERE round_id = $1 AND ($2::text IS NULL OR municipality_code = $2::text)`,
      [roundId, municipality ?? null],
    )
  ).rows;
}

/**
 * Stores one imported response as a completed respondent without a link. `importRef` identifies
 * the file and row; a row already imported is skipped (returns null).
 */
export async function insertImportedResponse(
  db: Queryable,
  r: { roundId: number; municipality: string; respondentType: string | null; area: string | null; importRef: string; answers: Record<string, AnswerValue> },
): Promise<number | null> {
  const ins = await db.query<{ id: number }>(
    `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, import_ref, started_at, completed_at)
     VALUES ($1, $2, 'import', $3, $4, $5, now(), now())
     ON CONFLICT (round_id, import_ref) WHERE import_ref IS NOT NULL DO NOTHING RETURNING id`,
    [r.roundId, r.municipality, r.respondentType, r.area, r.importRef],
  );
  if (!ins.rows.length) return null;
  const id = ins.rows[0].id;
  for (const [itemId, value] of Object.entries(r.answers)) await saveAnswer(db, id, itemId, value);
  return id;
}

/** Stores an imported self-assessment: the municipality's single self respondent, answers replaced, completed. */
export async function importSelfAssessment(
  db: Queryable,
  r: { roundId: number; municipality: string; area: string | null; answers: Record<string, AnswerValue> },
): Promise<number> {
  const p = await ensureSelfAssessmentRespondent(db, r.roundId, r.municipality);
  await db.query('DELETE FROM answers WHERE respondent_id = $1', [p.id]);
  for (const [itemId, value] of Object.entries(r.answers)) await saveAnswer(db, p.id, itemId, value);
  if (r.area) await db.query('UPDATE respondents SET area = $2 WHERE id = $1', [p.id, r.area]);
  await completeRespondent(db, p.id);
  return p.id;
}

/** Every answer of a round with its respondent (for exports and analysis). */
export async function roundAnswers(db: Queryable, roundId: number, municipality?: string) {
  return (
    await db.query<{
      respondentId: number;
      municipality: string;
      respondentType: string | null;
      area: string | null;
      completed: boolean;
      itemId: string;
      value: AnswerValue;
    }>(
      `SELECT p.id AS "respondentId", p.municipality_code AS municipality, p.respondent_type AS "respondentType", p.area,
              p.completed_at IS NOT NULL AS completed, a.item_id AS "itemId", a.value
         FROM respondents p JOIN answers a ON a.respondent_id = p.id
        WHERE p.round_id = $1 AND ($2::text IS NULL OR p.municipality_code = $2::text)
        ORDER BY p.municipality_code, p.id, a.item_id`,
      [roundId, municipality ?? null],
    )
  ).rows;
}
