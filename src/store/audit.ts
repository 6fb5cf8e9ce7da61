import type { Queryable } from '../db/db.ts';

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
