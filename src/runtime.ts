// Opening the configured database with migrations applied: shared by the server and the CLI.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './config.ts';
import { openDb, type Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';

export async function openConfiguredDb(config: Config): Promise<Db> {
  let db: Db;
  if (config.databaseUrl) db = await openDb({ url: config.databaseUrl });
  else {
    const dir = resolve(config.dataDir);
    mkdirSync(dir, { recursive: true });
    db = await openDb({ dataDir: dir });
  }
  await migrate(db);
  return db;
}
