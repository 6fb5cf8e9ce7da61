import type { Queryable } from '../db/db.ts';

export interface MunicipalityRow {
  code: string;
  name: string;
  association: string | null;
  it_organisations: string[];
}

const MUNICIPALITY_SELECT = `
  SELECT m.code, m.name, a.name AS association,
         COALESCE(array_agg(o.name ORDER BY o.name) FILTER (WHERE o.name IS NOT NULL), '{}') AS it_organisations
    FROM municipalities m
    LEFT JOIN associations a ON a.id = m.association_id
    LEFT JOIN it_organisation_members om ON om.municipality_code = m.code
    LEFT JOIN it_organisations o ON o.id = om.it_organisation_id`;

/** The municipalities, by name; `associationId` limits to one association's members. */
/** Swedish alphabetical order (å, ä, ö after z), whatever the database's collation. */
const SV = new Intl.Collator('sv');

/** The municipalities in Swedish alphabetical order of name (the web app shows them in this order as it gets them). */
export async function listMunicipalities(db: Queryable, filter: { associationId?: number } = {}): Promise<MunicipalityRow[]> {
  return (
    await db.query<MunicipalityRow>(
      `${MUNICIPALITY_SELECT} WHERE $1::int IS NULL OR m.association_id = $1::int GROUP BY m.code, a.name ORDER BY m.name`,
      [filter.associationId ?? null],
    )
  ).rows.sort((a, b) => SV.compare(a.name, b.name) || (a.code < b.code ? -1 : 1));
}

export async function getMunicipality(db: Queryable, code: string): Promise<MunicipalityRow | undefined> {
  return (await db.query<MunicipalityRow>(`${MUNICIPALITY_SELECT} WHERE m.code = $1 GROUP BY m.code, a.name`, [code])).rows[0];
}

export async function listAreas(db: Queryable) {
  return (await db.query<{ id: string; name: string }>('SELECT id, name FROM areas ORDER BY sort, name')).rows;
}

/** The shared IT organisations; `associationId` limits to those with a member municipality in that association. */
export async function listItOrganisations(db: Queryable, filter: { associationId?: number } = {}) {
  return (
    await db.query<{ id: number; name: string; description: string; members: string[] }>(
      `SELECT o.id, o.name, o.description,
              COALESCE(array_agg(om.municipality_code ORDER BY om.municipality_code) FILTER (WHERE om.municipality_code IS NOT NULL), '{}') AS members
         FROM it_organisations o LEFT JOIN it_organisation_members om ON om.it_organisation_id = o.id
        WHERE $1::int IS NULL OR EXISTS (
                SELECT 1 FROM it_organisation_members x JOIN municipalities xm ON xm.code = x.municipality_code
                 WHERE x.it_organisation_id = o.id AND xm.association_id = $1::int)
        GROUP BY o.id ORDER BY o.name`,
      [filter.associationId ?? null],
    )
  ).rows;
}

export async function listActors(db: Queryable) {
  return (await db.query<{ id: number; name: string; kind: string }>('SELECT id, name, kind FROM actors ORDER BY name')).rows;
}
