import type { Queryable } from '../db/db.ts';
import { auditActionLabel, describeAuditDetails, describeAuditTarget, parseAuditTarget, type AuditLookups } from '../domain/audit.ts';

export async function audit(
  db: Queryable,
  entry: { actor?: number | null; action: string; target?: string; details?: Record<string, unknown>; ip?: string },
): Promise<void> {
  await db.query('INSERT INTO audit_log (actor_user_id, action, target, details, ip) VALUES ($1, $2, $3, $4, $5)', [
    entry.actor ?? null,
    entry.action,
    entry.target ?? null,
    JSON.stringify(entry.details ?? {}),
    entry.ip ?? null,
  ]);
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

/** The latest entries with names and titles resolved (one query per kind of target). */
export async function listAuditEntries(db: Queryable, limit = 200): Promise<AuditEntryView[]> {
  const rows = (
    await db.query<{ id: number; at: string; actor_email: string | null; actor_name: string | null; action: string; target: string | null; details: unknown; ip: string | null }>(
      `SELECT a.id, a.at, u.email AS actor_email, u.name AS actor_name, a.action, a.target, a.details, a.ip
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
        ORDER BY a.at DESC, a.id DESC LIMIT $1`,
      [limit],
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
