// Demo region (DOMAIN.md §11): Fyrbodal's organisation and demo accounts. Idempotent.
import type { Db } from '../db/db.ts';
import { createUser, findUserIdByEmail } from '../store/accounts.ts';
import {
  ACTORS,
  AREAS,
  ASSOCIATION,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  FYRBODAL,
  IT_ORGANISATIONS,
  OTHER_ASSOCIATIONS,
  REGION,
} from '../domain/organisation.ts';

export async function loadDemoOrganisation(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO regions (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [REGION]);
    for (const name of [ASSOCIATION, ...OTHER_ASSOCIATIONS])
      await tx.query(
        `INSERT INTO associations (region_id, name) SELECT id, $2 FROM regions WHERE name = $1 ON CONFLICT (name) DO NOTHING`,
        [REGION, name],
      );
    for (const m of FYRBODAL)
      await tx.query(
        `INSERT INTO municipalities (code, name, association_id) SELECT $1, $2, id FROM associations WHERE name = $3
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
        [m.code, m.name, ASSOCIATION],
      );
    for (const [i, a] of AREAS.entries())
      await tx.query('INSERT INTO areas (id, name, sort) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [a.id, a.name, i]);
    for (const o of IT_ORGANISATIONS) {
      await tx.query('INSERT INTO it_organisations (name, description) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        o.name,
        o.description,
      ]);
      for (const code of o.members)
        await tx.query(
          `INSERT INTO it_organisation_members (it_organisation_id, municipality_code)
           SELECT id, $2 FROM it_organisations WHERE name = $1 ON CONFLICT DO NOTHING`,
          [o.name, code],
        );
    }
    for (const a of ACTORS)
      await tx.query('INSERT INTO actors (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [a.name, a.kind]);
  });
  for (const a of DEMO_ACCOUNTS)
    if (!(await findUserIdByEmail(db, a.email)))
      await createUser(db, { ...a, password: DEMO_PASSWORD, isDemo: true });
}
