// `samverka backup` and `samverka restore`: a logical, compressed dump of the whole configured
// database (DATABASE_URL or SAMVERKA_DATA_DIR) and its restore; docs/operations.md.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BackupError, restoreBackup, writeBackup } from '../ops/backup.ts';
import { CliError, print, withDb } from './index.ts';

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`).replace('.', ',');

/** Operator errors as CliError: a Swedish line on stderr and exit code 1, no stack trace. */
async function asCliError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof BackupError) throw new CliError(e.message);
    throw e;
  }
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Skriver en konsistent, komprimerad säkerhetskopia av hela databasen till en fil')
    .requiredOption('--out <fil>', 'fil att skriva (skrivs först till <fil>.part och byter namn när den är klar)')
    .option('--json', 'skriv ut en sammanfattning som JSON')
    .action(async (opts: { out: string; json?: boolean }) => {
      const out = resolve(opts.out);
      const summary = await asCliError(() => withDb((db) => writeBackup(db, out)));
      print(summary, !!opts.json, () => `Säkerhetskopian är skriven: ${summary.file} (${summary.tables.length} tabeller, ${summary.rows} rader, ${size(summary.bytes)})`);
    });

  program
    .command('restore')
    .description('Återställer en säkerhetskopia till en tom databas; med --force ersätts allt innehåll')
    .requiredOption('--file <fil>', 'säkerhetskopian att läsa (från samverka backup)')
    .option('--force', 'töm databasen först och ersätt allt innehåll med säkerhetskopian')
    .option('--json', 'skriv ut en sammanfattning som JSON')
    .action(async (opts: { file: string; force?: boolean; json?: boolean }) => {
      const file = resolve(opts.file);
      // Before opening the database: a typo must not create an empty embedded database.
      if (!existsSync(file)) throw new CliError(`Filen ${file} finns inte`);
      const summary = await asCliError(() => withDb((db) => restoreBackup(db, file, { force: !!opts.force })));
      print(
        summary,
        !!opts.json,
        () =>
          `Säkerhetskopian är återställd: ${summary.tables.length} tabeller, ${summary.rows} rader (kopian gjordes ${summary.from.createdAt} från ${summary.from.database === 'pglite' ? 'den inbäddade databasen' : 'PostgreSQL'}).`,
      );
    });
}
