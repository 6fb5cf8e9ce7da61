// The region's associations (kommunalförbund) and their members (migration 015): read, and resolved from what
// a person types (id, short id such as "gr", or the name, any case).
import type { Queryable } from '../db/db.ts';

export interface AssociationRow {
  id: number;
  shortId: string;
  name: string;
  region: string | null;
  /** "Antal delregionala aktörer" counts the member municipalities too (Fyrbodal) or only other actors (GR). */
  actorsIncludeMunicipalities: boolean;
  /** How the association defines its indicators, as published. */
  indicatorDefinition: string;
  /** Member municipalities' SCB codes. */
  members: string[];
}

const SELECT = `
  SELECT a.id, a.short_id AS "shortId", a.name, r.name AS region,
         a.actors_include_municipalities AS "actorsIncludeMunicipalities", a.indicator_definition AS "indicatorDefinition",
         ARRAY(SELECT m.code FROM municipalities m WHERE m.association_id = a.id ORDER BY m.code) AS members
    FROM associations a LEFT JOIN regions r ON r.id = a.region_id`;

const fix = (r: AssociationRow): AssociationRow => ({ ...r, id: Number(r.id), shortId: r.shortId ?? String(r.id) });

export async function listAssociations(db: Queryable): Promise<AssociationRow[]> {
  return (await db.query<AssociationRow>(`${SELECT} ORDER BY a.id`)).rows.map(fix);
}

export async function getAssociation(db: Queryable, id: number): Promise<AssociationRow | null> {
  const r = (await db.query<AssociationRow>(`${SELECT} WHERE a.id = $1`, [id])).rows[0];
  return r ? fix(r) : null;
}

/** The association an e-mail address belongs to (SQL address_association, migration 020). */
export async function addressAssociation(db: Queryable, address: string): Promise<number> {
  return Number((await db.query<{ id: number }>('SELECT address_association($1::text) AS id', [address])).rows[0].id);
}

/** The association `ref` names: its id, its short id ("fyrbodal", "gr", "sjuharad", "skaraborg") or its name, any case. */
export async function findAssociation(db: Queryable, ref: string): Promise<AssociationRow | null> {
  const t = ref.trim();
  const r = (
    await db.query<AssociationRow>(
      `${SELECT} WHERE ($1 ~ '^[0-9]+$' AND a.id = $1::int) OR lower(a.short_id) = lower($1) OR lower(a.name) = lower($1)`,
      [t],
    )
  ).rows[0];
  return r ? fix(r) : null;
}

/** The instance's default association (the first one): the CLI's when no --association is given. */
export async function defaultAssociationId(db: Queryable): Promise<number> {
  return Number((await db.query<{ id: number }>('SELECT default_association_id() AS id')).rows[0].id);
}

/** The association a municipality is a member of, or null (unknown code, or no association). */
export async function associationOfMunicipality(db: Queryable, code: string): Promise<number | null> {
  const r = (await db.query<{ id: number | null }>('SELECT association_id AS id FROM municipalities WHERE code = $1', [code])).rows[0];
  return r?.id == null ? null : Number(r.id);
}
