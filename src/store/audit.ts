import type { Db, Queryable } from '../db/db.ts';
import {
  auditActionLabel,
  auditActionsOf,
  describeAuditDetails,
  describeAuditTarget,
  parseAuditTarget,
  type AuditCategory,
  type AuditLookups,
} from '../domain/audit.ts';
import { auditPeriod, auditRetentionCutoff } from '../domain/audit-period.ts';
import { getSecuritySettings } from './identity.ts';

/**
 * Logs an event in the caller's transaction. The entry belongs to an association (migration 020): the one
 * given as `association` (a use case run from the command line names the association it worked in), else
 * the actor's; without actor the target's (SQL address_association, migration 020: the account's, else the
 * one claiming the address's domain, else the instance's home association, whose admins run the instance).
 */
export async function audit(
  db: Queryable,
  entry: { actor?: number | null; action: string; target?: string; details?: Record<string, unknown>; ip?: string; association?: number | null },
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_user_id, action, target, details, ip, association_id)
     VALUES ($1, $2, $3, $4, $5, COALESCE($6::int,
       (SELECT association_id FROM users WHERE id = $1::int),
       CASE WHEN $1::int IS NULL THEN address_association($3::text) END,
       default_association_id()))`,
    [entry.actor ?? null, entry.action, entry.target ?? null, JSON.stringify(entry.details ?? {}), entry.ip ?? null, entry.association ?? null],
  );
}

export async function listAudit(db: Queryable, limit = 200) {
  return (
    await db.query<{ id: number; at: string; actor_email: string | null; action: string; target: string | null; details: unknown; ip: string | null }>(
      `SELECT a.id, a.at, u.email AS actor_email, a.action, a.target, a.details, a.ip
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
        ORDER BY a.at DESC, a.id DESC LIMIT $1`,
      [limit],
    )
  ).rows;
}

/** One event-log row as people read it: Swedish event name, the actor's name, the target's title. */
export interface AuditEntryView {
  id: number;
  at: string;
  /** The stored action code (for programs); `actionLabel` is what people read. */
  action: string;
  actionLabel: string;
  actorName: string | null;
  actorEmail: string | null;
  /** The stored target (for programs); `targetLabel` names it with titles and municipality names. */
  target: string | null;
  targetLabel: string;
  /** A short Swedish summary of the details ('' when the event name says it all). */
  detail: string;
  ip: string | null;
}

const nums = (xs: Array<number | undefined>) => [...new Set(xs.filter((x): x is number => typeof x === 'number' && Number.isSafeInteger(x)))];

/** What the event log is filtered by (Administration → Logg, `samverka audit list`); every field optional. */
export interface AuditFilter {
  /** The actor's user id. */
  person?: number;
  /** One action code. */
  action?: string;
  category?: AuditCategory;
  /** A municipality code: the entries that concern it (see MUNICIPALITY_RULE). */
  municipality?: string;
  /** Swedish days 'ÅÅÅÅ-MM-DD', both included. */
  from?: string;
  to?: string;
  /**
   * Only the entries of this association (a förbundsadmin's log; see audit() for how an entry gets its
   * association). The CLI operator sees all.
   */
  association?: number;
}

/**
 * THE rule for "entries that concern a municipality" ($m is its code). An entry concerns it when
 *  1. its target is the municipality in a round (`round:7/1461`), or a respondent of the municipality
 *     (`respondent:12`, the respondent's row; a deleted respondent's municipality is in its details);
 *  2. its details name it: `municipality`, `municipalityCode`, or a list `municipalities` (also under
 *     `before`/`after`, as when an account's municipalities change);
 *  3. its actor is bound to it (a kommunansvarig of the municipality did it), or its target is the
 *     e-mail address of an account bound to it (the municipality's own people signing in, invited, …).
 * docs/audit.md says the same in Swedish.
 */
const MUNICIPALITY_RULE = `(
     a.target LIKE 'round:%/' || $m
  OR EXISTS (SELECT 1 FROM respondents r WHERE a.target = 'respondent:' || r.id AND r.municipality_code = $m)
  OR a.details->>'municipality' = $m
  OR a.details->>'municipalityCode' = $m
  OR a.details->'municipalities' @> to_jsonb($m::text)
  OR a.details->'before'->'municipalities' @> to_jsonb($m::text)
  OR a.details->'after'->'municipalities' @> to_jsonb($m::text)
  OR EXISTS (SELECT 1 FROM user_municipalities um WHERE um.user_id = a.actor_user_id AND um.municipality_code = $m)
  OR EXISTS (SELECT 1 FROM users tu JOIN user_municipalities tm ON tm.user_id = tu.id
              WHERE lower(tu.email) = lower(a.target) AND tm.municipality_code = $m)
)`;

/** The WHERE clause of a filter and its parameters (numbered from 1). */
function whereOf(f: AuditFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  const conds: string[] = [];
  if (f.association !== undefined) conds.push(`a.association_id = ${p(f.association)}`);
  if (f.person !== undefined) conds.push(`a.actor_user_id = ${p(f.person)}`);
  if (f.action) conds.push(`a.action = ${p(f.action)}`);
  if (f.category) conds.push(`a.action = ANY(${p(auditActionsOf(f.category))}::text[])`);
  if (f.municipality) conds.push(MUNICIPALITY_RULE.replaceAll('$m', () => `${p(f.municipality)}::text`));
  const { since, until } = auditPeriod(f.from, f.to);
  if (since) conds.push(`a.at >= ${p(since.toISOString())}::timestamptz`);
  if (until) conds.push(`a.at < ${p(until.toISOString())}::timestamptz`);
  return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}

/** The number of entries a filter matches. */
export async function countAuditEntries(db: Queryable, f: AuditFilter = {}): Promise<number> {
  const w = whereOf(f);
  return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log a ${w.sql}`, w.params)).rows[0].n);
}

/**
 * A page of the entries a filter matches, newest first, with names and titles resolved (one query per
 * kind of target). Without `limit`, every matching entry (the export).
 */
export async function listAuditEntries(db: Queryable, f: AuditFilter = {}, page: { limit?: number; offset?: number } = {}): Promise<AuditEntryView[]> {
  const w = whereOf(f);
  const limit = page.limit === undefined ? '' : `LIMIT $${w.params.push(page.limit)}`;
  const offset = page.offset ? `OFFSET $${w.params.push(page.offset)}` : '';
  const rows = (
    await db.query<{ id: number; at: string; actor_email: string | null; actor_name: string | null; action: string; target: string | null; details: unknown; ip: string | null }>(
      `SELECT a.id, a.at, u.email AS actor_email, u.name AS actor_name, a.action, a.target, a.details, a.ip
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
        ${w.sql}
        ORDER BY a.at DESC, a.id DESC ${limit} ${offset}`,
      w.params,
    )
  ).rows;
  const refs = rows.map((r) => parseAuditTarget(r.action, r.target));
  const detailsOf = (d: unknown) => (d && typeof d === 'object' ? (d as Record<string, unknown>) : {});
  const respondentIds = nums(refs.map((r) => (r.kind === 'respondent' ? r.respondentId : undefined)));
  const respondents: AuditLookups['respondents'] = {};
  if (respondentIds.length)
    for (const r of (
      await db.query<{ id: number; round_id: number; municipality_code: string; name: string | null }>(
        'SELECT id, round_id, municipality_code, name FROM respondents WHERE id = ANY($1::int[])',
        [respondentIds],
      )
    ).rows)
      respondents[r.id] = { roundId: r.round_id, municipality: r.municipality_code, name: r.name };
  // A deleted respondent: its round and municipality are in the entry's details.
  rows.forEach((row, i) => {
    const ref = refs[i];
    const d = detailsOf(row.details);
    if (ref.kind === 'respondent' && !respondents[ref.respondentId] && typeof d.roundId === 'number' && typeof d.municipality === 'string')
      respondents[ref.respondentId] = { roundId: d.roundId, municipality: d.municipality, name: typeof d.name === 'string' ? d.name : null };
  });
  const roundIds = nums([...refs.map((r) => (r.kind === 'round' ? r.roundId : undefined)), ...Object.values(respondents).map((r) => r.roundId)]);
  const initiativeIds = nums(refs.map((r) => (r.kind === 'initiative' ? r.initiativeId : undefined)));
  const emails = [...new Set(refs.flatMap((r) => (r.kind === 'user' ? [r.email.toLowerCase()] : [])))];
  const instrumentIds = [...new Set(refs.flatMap((r) => (r.kind === 'instrument' ? [r.instrument] : [])))];
  const [munis, rounds, initiatives, users, instruments] = await Promise.all([
    db.query<{ code: string; name: string }>('SELECT code, name FROM municipalities'),
    roundIds.length ? db.query<{ id: number; title: string }>('SELECT id, title FROM rounds WHERE id = ANY($1::int[])', [roundIds]) : { rows: [] },
    initiativeIds.length
      ? db.query<{ id: number; title: string }>('SELECT id, title FROM initiatives WHERE id = ANY($1::int[])', [initiativeIds])
      : { rows: [] },
    emails.length ? db.query<{ email: string; name: string }>('SELECT lower(email) AS email, name FROM users WHERE lower(email) = ANY($1::text[])', [emails]) : { rows: [] },
    instrumentIds.length
      ? db.query<{ id: string; title: string }>(
          `SELECT DISTINCT ON (id) id, definition->>'title' AS title FROM instruments WHERE id = ANY($1::text[]) ORDER BY id, updated_at DESC`,
          [instrumentIds],
        )
      : { rows: [] },
  ]);
  const lookups: AuditLookups = {
    municipalities: Object.fromEntries(munis.rows.map((m) => [m.code, m.name])),
    rounds: Object.fromEntries(rounds.rows.map((r) => [r.id, r.title])),
    respondents,
    initiatives: Object.fromEntries(initiatives.rows.map((r) => [r.id, r.title])),
    users: Object.fromEntries(users.rows.map((u) => [u.email, u.name])),
    instruments: Object.fromEntries(instruments.rows.map((r) => [r.id, r.title])),
  };
  return rows.map((r, i) => ({
    id: Number(r.id),
    at: r.at,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    actorName: r.actor_name,
    actorEmail: r.actor_email,
    target: r.target,
    targetLabel: describeAuditTarget(refs[i], lookups),
    detail: describeAuditDetails(r.action, r.details, lookups),
    ip: r.ip,
  }));
}

/**
 * Deletes the entries older than the association's retention (Administration → Säkerhet) and, when any
 * were deleted, logs `audit.pruned` with their number, in one transaction. Run at server start and daily
 * (src/ops/audit-retention.ts) and by `samverka audit prune`.
 */
export async function pruneAuditLog(db: Db, now = new Date()): Promise<{ deleted: number; before: Date; retentionDays: number }> {
  return db.transaction(async (tx) => {
    const { auditRetentionDays: retentionDays } = await getSecuritySettings(tx);
    const before = auditRetentionCutoff(now, retentionDays);
    const deleted = (await tx.query('DELETE FROM audit_log WHERE at < $1::timestamptz', [before.toISOString()])).rowCount;
    if (deleted > 0) await audit(tx, { action: 'audit.pruned', details: { count: deleted, retentionDays, before: before.toISOString() } });
    return { deleted, before, retentionDays };
  });
}
