// `samverka serve`: the web server. Waits for PostgreSQL at start (runtime.ts), loads the demo region
// into an empty database, and shuts down gracefully on SIGTERM/SIGINT: it stops accepting connections,
// lets in-flight requests finish (at most SAMVERKA_SHUTDOWN_S seconds), waits for a nightly backup in
// progress (SAMVERKA_BACKUP_DIR), then closes the pool or PGlite. Deletes event-log entries older than
// the retention at start and daily (ops/audit-retention.ts).
import type { Command } from 'commander';
import { configFromEnv } from '../config.ts';
import { isEmpty, loadDemo } from '../demo/index.ts';
import { openConfiguredDb } from '../runtime.ts';
import { nextBackupAt } from '../domain/backup-schedule.ts';
import { startAuditRetention } from '../ops/audit-retention.ts';
import { startBackupSchedule } from '../ops/scheduled-backup.ts';
import { buildApp } from '../server/app.ts';
import { loggerOptions } from '../server/logging.ts';
import { CliError, demoBanner } from './index.ts';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('Startar webbservern (PORT, HOST, DATABASE_URL, SAMVERKA_DATA_DIR); läser in demoregionen i en tom databas')
    .option('--no-demo', 'läs inte in demodata i en tom databas')
    .action(async (opts: { demo: boolean }) => {
      const config = configFromEnv();
      let logger: ReturnType<typeof loggerOptions>;
      try {
        logger = loggerOptions();
        if (config.backup) nextBackupAt(new Date(), config.backup.at); // refuses a malformed SAMVERKA_BACKUP_AT before anything starts
      } catch (e) {
        throw new CliError((e as Error).message);
      }
      const db = await openConfiguredDb(config);
      if (opts.demo && (await isEmpty(db))) {
        await loadDemo(db, (m) => console.log(m));
        console.log(demoBanner());
      }
      const app = await buildApp(db, config, { logger });
      const stopBackups = config.backup
        ? startBackupSchedule(db, config.backup, (level, msg) => app.log[level](msg))
        : async () => undefined;
      const stopRetention = startAuditRetention(db, (level, msg) => app.log[level](msg));
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`samverka stoppas (${signal}): tar inte emot nya anrop och väntar högst ${config.shutdownSeconds} s på pågående.`);
        const force = setTimeout(() => {
          console.error(`Pågående anrop blev inte klara inom ${config.shutdownSeconds} s; samverka avslutas ändå.`);
          process.exit(1);
        }, config.shutdownSeconds * 1000);
        force.unref();
        try {
          await app.close();
          await stopBackups();
          await stopRetention();
          await db.close();
        } catch (e) {
          console.error(`Fel vid avslut: ${(e as Error).message}`);
          process.exit(1);
        }
        clearTimeout(force);
        console.log('samverka har stoppats.');
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      console.log(`samverka kör på ${config.baseUrl} (databas: ${db.kind === 'pglite' ? `inbäddad, ${config.dataDir}` : 'PostgreSQL'})`);
    });
}
