// Opening the configured database with migrations applied: shared by the server and the CLI.
// PostgreSQL that is not up yet (the service starts before the database, or it restarts for a patch)
// is retried with back-off for SAMVERKA_DB_WAIT_S seconds, one line per attempt, then a DbStartError
// with a readable reason: the CLI prints it without a stack trace and exits with 1.
import { resolve } from 'node:path';
import type { Config } from './config.ts';
import { DbStartError, describeDbError, isConnectionError, startRetryDelayMs } from './db/availability.ts';
import { openDb, type Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';

export interface OpenOptions {
  /** One line per failed attempt and per lost connection (default: standard error). */
  log?: (line: string) => void;
}

/** Host and port of a postgres:// address, without the user or password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export async function openConfiguredDb(config: Config, opts: OpenOptions = {}): Promise<Db> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!config.databaseUrl) {
    const db = await openDb({ dataDir: resolve(config.dataDir) });
    await migrate(db);
    return db;
  }
  const url = config.databaseUrl;
  const where = describeUrl(url);
  const waitMs = config.dbWaitSeconds * 1000;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const db = await openDb({
      url,
      onConnectionError: (reason) => log(`Databasanslutningen bröts (${reason}); den kasseras och en ny öppnas vid nästa förfrågan.`),
    });
    try {
      await migrate(db);
      if (attempt > 1) log(`Databasen ${where} svarar (försök ${attempt}).`);
      return db;
    } catch (e) {
      await db.close().catch(() => undefined);
      if (!isConnectionError(e)) throw new DbStartError(`Databasen ${where} kunde inte användas: ${describeDbError(e)}`);
      const left = waitMs - (Date.now() - started);
      if (left <= 0)
        throw new DbStartError(
          `Kunde inte ansluta till databasen ${where} inom ${config.dbWaitSeconds} s (${describeDbError(e)}). ` +
            'Kontrollera att PostgreSQL kör och att DATABASE_URL stämmer; SAMVERKA_DB_WAIT_S anger hur länge samverka väntar.',
        );
      const delay = startRetryDelayMs(attempt, left);
      log(`Databasen ${where} svarar inte (${describeDbError(e)}); försök ${attempt}, nytt försök om ${(delay / 1000).toLocaleString('sv-SE')} s.`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
