// Groups of municipalities compared together (municipality_groups, shared by the IT economics and the risk
// register): read a group with its members, and create one by name if missing (the demo steps).
import type { Queryable } from '../db/db.ts';

export interface GroupRow {
  id: number;
  name: string;
  description: string;
  namedPublished: boolean;
  members: string[];
}

const GROUP_SELECT = `
  SELECT g.id, g.name, g.description, g.named_published,
         COALESCE(array_agg(m.municipality_code ORDER BY m.municipality_code) FILTER (WHERE m.municipality_code IS NOT NULL), '{}') AS members
    FROM municipality_groups g LEFT JOIN municipality_group_members m ON m.group_id = g.id`;

type Row = { id: number; name: string; description: string; named_published: boolean; members: string[] };
const toGroup = (r: Row): GroupRow => ({ id: Number(r.id), name: r.name, description: r.description, namedPublished: r.named_published, members: r.members });

export async function getGroup(db: Queryable, id: number): Promise<GroupRow | null> {
  const r = (await db.query<Row>(`${GROUP_SELECT} WHERE g.id = $1 GROUP BY g.id`, [id])).rows[0];
  return r ? toGroup(r) : null;
}

export async function listGroupsBrief(db: Queryable): Promise<GroupRow[]> {
  return (await db.query<Row>(`${GROUP_SELECT} GROUP BY g.id ORDER BY g.name`)).rows.map(toGroup);
}

/** The group named `name`, created if missing (name is unique), with `members` added (existing members kept). */
export async function ensureGroup(
  db: Queryable,
  g: { name: string; description?: string; namedPublished?: boolean; members: readonly string[] },
): Promise<number> {
  await db.query(
    `INSERT INTO municipality_groups (name, description, named_published) VALUES ($1, $2, $3) ON CONFLICT (association_id, name) DO NOTHING`,
    [g.name, g.description ?? '', g.namedPublished ?? false],
  );
  const id = Number((await db.query<{ id: number }>('SELECT id FROM municipality_groups WHERE name = $1', [g.name])).rows[0].id);
  for (const code of g.members)
    await db.query('INSERT INTO municipality_group_members (group_id, municipality_code) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, code]);
  return id;
}
