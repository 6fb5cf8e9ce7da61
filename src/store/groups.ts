// Groups of municipalities compared together (municipality_groups and their members), the one place for
// them: the IT economics (comparisons, savings scenarios, cost sharing) and the risk register (group
// registers, heatmaps) read and write groups here. A group belongs to one association (migration 015;
// names are unique per association) and its members are that association's members (checked by the use
// cases, src/associations/members.ts). Without an association id a list holds every association's groups,
// and a name is looked up and created in the instance's default association.
import type { Queryable } from '../db/db.ts';
import { groupInput, type GroupInput } from '../domain/economics/schema.ts';

export type GroupRecord = GroupInput & { id: number; associationId: number };
/** A group as the risk register reads it (the same record). */
export type GroupRow = GroupRecord;

interface Row {
  id: number;
  name: string;
  description: string;
  named_published: boolean;
  inside_shares: unknown;
  association_id: number;
  members: string[];
}

const GROUP_SELECT = `
  SELECT g.id, g.name, g.description, g.named_published, g.inside_shares, g.association_id,
         COALESCE(array_agg(gm.municipality_code ORDER BY gm.municipality_code) FILTER (WHERE gm.municipality_code IS NOT NULL), '{}') AS members
    FROM municipality_groups g LEFT JOIN municipality_group_members gm ON gm.group_id = g.id`;

const groupOf = (r: Row): GroupRecord => ({
  id: Number(r.id),
  name: r.name,
  description: r.description,
  members: r.members,
  namedPublished: r.named_published,
  insideShares: groupInput.shape.insideShares.parse(r.inside_shares),
  associationId: Number(r.association_id),
});

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The groups of one association (without `associationId`: every association's), by name. */
export async function listGroups(db: Queryable, associationId?: number): Promise<GroupRecord[]> {
  return (await db.query<Row>(`${GROUP_SELECT} WHERE ($1::int IS NULL OR g.association_id = $1) GROUP BY g.id ORDER BY g.name`, [associationId ?? null])).rows.map(
    groupOf,
  );
}

export async function getGroup(db: Queryable, id: number): Promise<GroupRecord | null> {
  const { rows } = await db.query<Row>(`${GROUP_SELECT} WHERE g.id = $1 GROUP BY g.id`, [id]);
  return rows[0] ? groupOf(rows[0]) : null;
}

/** The association's group with exactly this name (default: the instance's default association), or null. */
export async function findGroupByName(db: Queryable, name: string, associationId?: number): Promise<GroupRecord | null> {
  const { rows } = await db.query<Row>(`${GROUP_SELECT} WHERE g.name = $1 AND g.association_id = COALESCE($2::int, default_association_id()) GROUP BY g.id`, [
    name.trim(),
    associationId ?? null,
  ]);
  return rows[0] ? groupOf(rows[0]) : null;
}

/** Whether another group of the association (default: the instance's default association) has the name. */
export async function groupNameTaken(db: Queryable, name: string, exceptId?: number, associationId?: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM municipality_groups WHERE name = $1 AND id <> $2 AND association_id = COALESCE($3::int, default_association_id())', [
    name.trim(),
    exceptId ?? 0,
    associationId ?? null,
  ]);
  return rows.length > 0;
}

async function setMembers(db: Queryable, id: number, members: readonly string[]): Promise<void> {
  await db.query('DELETE FROM municipality_group_members WHERE group_id = $1', [id]);
  await db.query('INSERT INTO municipality_group_members (group_id, municipality_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [id, [...members]]);
}

/** Creates a group in an association (default: the instance's default association); its id. */
export async function createGroup(db: Queryable, g: GroupInput, associationId?: number): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO municipality_groups (name, description, named_published, inside_shares, association_id)
     VALUES ($1, $2, $3, $4::jsonb, COALESCE($5::int, default_association_id())) RETURNING id`,
    [g.name, g.description, g.namedPublished, json(g.insideShares), associationId ?? null],
  );
  await setMembers(db, rows[0].id, g.members);
  return Number(rows[0].id);
}

/** Replaces a group's fields and members (its association stays); whether the group exists. */
export async function updateGroup(db: Queryable, id: number, g: GroupInput): Promise<boolean> {
  const r = await db.query('UPDATE municipality_groups SET name = $2, description = $3, named_published = $4, inside_shares = $5::jsonb WHERE id = $1', [
    id,
    g.name,
    g.description,
    g.namedPublished,
    json(g.insideShares),
  ]);
  if (r.rowCount === 0) return false;
  await setMembers(db, id, g.members);
  return true;
}

/**
 * The association's group named `name` (default association without `associationId`), created if missing,
 * with `members` added (existing members kept). The demo steps use it.
 */
export async function ensureGroup(
  db: Queryable,
  g: { name: string; description?: string; namedPublished?: boolean; members: readonly string[] },
  associationId?: number,
): Promise<number> {
  await db.query(
    `INSERT INTO municipality_groups (name, description, named_published, association_id) VALUES ($1, $2, $3, COALESCE($4::int, default_association_id()))
     ON CONFLICT (association_id, name) DO NOTHING`,
    [g.name, g.description ?? '', g.namedPublished ?? false, associationId ?? null],
  );
  const id = Number(
    (await db.query<{ id: number }>('SELECT id FROM municipality_groups WHERE name = $1 AND association_id = COALESCE($2::int, default_association_id())', [g.name, associationId ?? null]))
      .rows[0].id,
  );
  for (const code of g.members)
    await db.query('INSERT INTO municipality_group_members (group_id, municipality_code) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, code]);
  return id;
}
