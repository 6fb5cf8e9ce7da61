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

export async function listMunicipalities(db: Queryable): Promise<MunicipalityRow[]> {
  return (await db.query<MunicipalityRow>(`${MUNICIPALITY_SELECT} GROUP BY m.code, a.name ORDER BY m.name`)).rows;
}

export async function getMunicipality(db: Queryable, code: string): Promise<MunicipalityRow | undefined> {
  return (await db.query<MunicipalityRow>(`${MUNICIPALITY_SELECT} WHERE m.code = $1 GROUP BY m.code, a.name`, [code])).rows[0];
}

export async function listAreas(db: Queryable) {
  return (await db.query<{ id: string; name: string }>('SELECT id, name FROM areas ORDER BY sort, name')).rows;
}

export async function listItOrganisations(db: Queryable) {
  return (
    await db.query<{ id: number; name: string; description: string; members: string[] }>(
      `SELECT o.id, o.name, o.description,
              COALESCE(array_agg(om.municipality_code ORDER BY om.municipality_code) FILTER (WHERE om.municipality_code IS NOT NULL), '{}') AS members
         FROM it_organisations o LEFT JOIN it_organisation_members om ON om.it_organisation_id = o.id
        GROUP BY o.id ORDER BY o.name`,
    )
  ).rows;
}

export async function listActors(db: Queryable) {
  return (await db.query<{ id: number; name: string; kind: string }>('SELECT id, name, kind FROM actors ORDER BY name')).rows;
}
