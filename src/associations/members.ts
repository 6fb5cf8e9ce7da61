// Municipality codes in a request must be members of the association it works in (issue 14): a
// participant of an initiative, a member of a group, a risk's municipality, a kommunansvarig's
// municipalities. Otherwise a 400 naming the field, the code and the association, before anything is written.
import { fieldError } from '../contracts/messages.ts';
import type { Queryable } from '../db/db.ts';
import { notMemberMessage } from '../domain/association-scope.ts';

/**
 * A 400 (naming `field`) when any of `codes` is unknown or not a member of association `associationId`;
 * without an association id (every association), only unknown codes are refused.
 */
export async function requireAssociationMembers(db: Queryable, associationId: number | undefined, codes: Iterable<string>, field: string): Promise<void> {
  const list = [...new Set(codes)];
  if (!list.length) return;
  const { rows } = await db.query<{ code: string; name: string; association_id: number | null; association: string | null }>(
    `SELECT m.code, m.name, m.association_id, a.name AS association FROM municipalities m LEFT JOIN associations a ON a.id = m.association_id
      WHERE m.code = ANY($1::text[])`,
    [list],
  );
  for (const code of list) {
    const m = rows.find((r) => r.code === code);
    if (!m) throw fieldError(field, `Kommunen med kod ${code} finns inte`);
    if (associationId !== undefined && Number(m.association_id) !== associationId) {
      const a = (await db.query<{ name: string }>('SELECT name FROM associations WHERE id = $1', [associationId])).rows[0];
      throw fieldError(field, notMemberMessage(m, a?.name ?? `förbundet ${associationId}`));
    }
  }
}
