// The association guard (issue 14): before an endpoint's input is validated, every path parameter its
// contract declares in `owners` is resolved to the association that owns it, and a caller of another
// association (or the region's analyst) gets 404, as if the aggregate did not exist. Unknown or malformed
// values pass on to validation and the use case, which answer 400 or 404 as before. The rule itself is
// canUseAssociation (src/domain/association-scope.ts).
import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import type { Queryable } from '../db/db.ts';
import { canUseAssociation, type OwnerKind } from '../domain/association-scope.ts';
import { AppError } from './http.ts';

const INT = /^[0-9]{1,9}$/;

/** One statement per kind: the owning association of the aggregate `$1` addresses, no row when unknown. */
const OWNER_SQL: Record<OwnerKind, { sql: string; valid: RegExp }> = {
  round: { sql: 'SELECT association_id AS a FROM rounds WHERE id = $1::int', valid: INT },
  initiative: { sql: 'SELECT association_id AS a FROM initiatives WHERE id = $1::int', valid: INT },
  network: { sql: 'SELECT association_id AS a FROM networks WHERE id = $1::int', valid: INT },
  fundingProject: { sql: 'SELECT association_id AS a FROM funding_projects WHERE id = $1::int', valid: INT },
  group: { sql: 'SELECT association_id AS a FROM municipality_groups WHERE id = $1::int', valid: INT },
  risk: {
    sql: `SELECT COALESCE(m.association_id, g.association_id) AS a FROM risks r
            LEFT JOIN municipalities m ON m.code = r.municipality_code LEFT JOIN municipality_groups g ON g.id = r.group_id
           WHERE r.id = $1::int`,
    valid: INT,
  },
  municipality: { sql: 'SELECT association_id AS a FROM municipalities WHERE code = $1', valid: /^[0-9]{4}$/ },
  user: { sql: 'SELECT association_id AS a FROM users WHERE id = $1::int', valid: INT },
  signInDomain: { sql: 'SELECT association_id AS a FROM sign_in_domains WHERE domain = lower($1)', valid: /^.{1,253}$/ },
};

/** The association owning the aggregate, null when there is none (unknown id, or owned by no association). */
export async function ownerAssociation(db: Queryable, kind: OwnerKind, value: string): Promise<number | null | undefined> {
  const o = OWNER_SQL[kind];
  if (!o.valid.test(value)) return undefined;
  const row = (await db.query<{ a: number | null }>(o.sql, [value])).rows[0];
  return row === undefined ? undefined : row.a === null ? null : Number(row.a);
}

/** The preValidation hook for an endpoint's `owners`; undefined when it declares none. */
export function associationGuard(db: Queryable, owners: readonly { kind: OwnerKind; param: string }[] | undefined): preValidationHookHandler | undefined {
  if (!owners?.length) return undefined;
  return async (req: FastifyRequest) => {
    const user = req.user;
    if (!user) return;
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    for (const { kind, param } of owners) {
      const value = params[param];
      if (value === undefined) continue;
      const a = await ownerAssociation(db, kind, value);
      // An aggregate owned by an association the caller does not work in does not exist for the caller.
      if (a !== undefined && a !== null && !canUseAssociation(user, a)) throw new AppError('not_found', 'Finns inte, eller syns inte för dig');
      if (a === null && user.role === 'regionanalytiker') throw new AppError('not_found', 'Finns inte, eller syns inte för dig');
    }
  };
}
