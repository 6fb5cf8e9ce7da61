// CLI: respondents at scale — import from CSV/XLSX into a municipality's sample (same domain code
// as the web: src/import/respondents.ts). Added to the `respondents` command group.
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { configFromEnv } from '../config.ts';
import { formatRespondentImport, importRespondents } from '../import/respondents.ts';
import { syncInstruments } from '../rounds/service.ts';
import { AppError } from '../domain/errors.ts';
import { CliError, print, withDb } from './index.ts';

const positiveInt = (what: string) => (v: string) => {
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new CliError(`${what} ska vara ett positivt heltal`);
  return Number(v);
};

function municipalityCodeArg(v: string): string {
  if (!/^[0-9]{4}$/.test(v)) throw new CliError(`"${v}" är ingen kommunkod (fyra siffror, SCB-kod)`);
  return v;
}

export function registerRespondentCommands(program: Command): void {
  const respondents =
    program.commands.find((c) => c.name() === 'respondents') ?? program.command('respondents').description('Respondenter och personliga länkar');
  respondents
    .command('import')
    .description(
      'Importerar respondenter till en kommuns urval från CSV (UTF-8) eller XLSX: kolumnerna Namn, E-post, Respondenttyp och Verksamhetsområde ' +
        '(eller Name, Email, Type, Area); typ och område med id eller namn. Med fel sparas ingenting; dubbletter (samma e-post) läggs inte till igen.',
    )
    .requiredOption('--round <id>', 'mätomgångens id', positiveInt('Mätomgångens id'))
    .requiredOption('--municipality <kod>', 'kommunkod (SCB)', municipalityCodeArg)
    .requiredOption('--file <fil>', 'CSV- eller XLSX-fil')
    .option('--dry-run', 'kontrollera bara: visa vad som skulle läggas till och alla fel, utan att spara')
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; municipality: string; file: string; dryRun?: boolean; json?: boolean }) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(opts.file));
      } catch (e) {
        throw new CliError(`Filen ${opts.file} kunde inte läsas: ${(e as Error).message}`);
      }
      const config = configFromEnv();
      let report;
      try {
        report = await withDb(async (db) => {
          await syncInstruments(db);
          return importRespondents(db, config, opts.round, opts.municipality, { bytes, filename: opts.file }, { dryRun: opts.dryRun }, {
            id: null,
            name: 'Kommunansvarig',
          });
        });
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.message);
        throw e;
      }
      print(report, !!opts.json, () => formatRespondentImport(report));
      if (report.errors.length) process.exitCode = 1;
    });
}
