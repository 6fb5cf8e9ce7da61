// Test databases: every integration test runs against the embedded PGlite and, when
// TEST_DATABASE_URL is set (always in CI), against PostgreSQL in a fresh schema.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Db>;
}

export const backends: Backend[] = [
  {
    name: 'pglite',
    open: async () => {
      const db = await openDb({});
      await migrate(db);
      return db;
    },
  },
];

const url = process.env.TEST_DATABASE_URL;
if (url) {
  backends.push({
    name: 'postgres',
    open: async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const db = await openDb({ url, schema });
      await migrate(db);
      const close = db.close.bind(db);
      // Drop the test schema when the test closes its database.
      return Object.assign(db, {
        close: async () => {
          await close();
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await c.end();
        },
      });
    },
  });
} else if (process.env.CI) {
  throw new Error('CI kräver TEST_DATABASE_URL: testerna ska köras mot PostgreSQL');
}
