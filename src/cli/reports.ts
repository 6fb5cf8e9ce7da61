// CLI: `samverka report` – a round's regional report, one municipality's delrapport (--municipality)
// or all delrapporter as one zip (--all), as PDF, DOCX or XLSX. Output goes to "<out>.part" and is
// renamed when complete, so an interrupted run never leaves a half-written file under the given name.
// Progress of --all is written to stderr. `samverka group-report` writes a group's comparison report.
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { writeDelrapportZip } from '../reports/batch.ts';
import { municipalityCode } from '../contracts/endpoint.ts';
import { reportFormat } from '../contracts/reports.ts';
import type { ReportFormat } from '../reports/render/index.ts';
import { delrapportModel, loadRoundReportData, NotInRoundError, regionalModel, renderModel } from '../reports/service.ts';
import { AppError } from '../domain/errors.ts';
import { groupReportModel } from '../reports/group-report.ts';
import { ASSOCIATION_HELP, associationOf, groupIdOf, operatorIn, yearArg } from './args.ts';
import { CliError, print, validated, withDb } from './index.ts';
import { checkRoundAssociation } from './rounds.ts';

const positiveInt = (v: string) => {
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new CliError('Mätomgångens id ska vara ett positivt heltal');
  return Number(v);
};

function progressLine(done: number, total: number, current?: string): string {
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${current ? ` ${current}` : ''}`;
}

/** Writes to "<file>.part" and renames it when complete. */
async function writeAtomically(out: string, body: Buffer): Promise<void> {
  const part = `${out}.part`;
  try {
    await writeFile(part, body);
    await rename(part, out);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
}


export function registerReportCommands(program: Command): void {
  program
    .command('group-report')
    .description('Skapar rapporten "Jämförelse för en grupp kommuner" (it-budget, besparingspotential, it-kostnad mot riktmärket, kostnadsfördelning, risker) som PDF, DOCX eller XLSX')
    .requiredOption('--group <id>', 'gruppens nummer eller exakta namn')
    .option('--year <år>', 'året (förvalt: året då flest av gruppens kommuner har siffror)', yearArg())
    .option('--anonymised', 'som en läsare ser den: kommunerna som "Kommun N" om gruppen inte är publicerad med namn')
    .addOption(new Option('--format <format>', 'filformat').choices(reportFormat.options).default('pdf'))
    .requiredOption('--out <fil>', 'fil att skriva (skrivs först till <fil>.part och byter namn när den är klar)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut resultatet som JSON')
    .action(async (opts: { group: string; year?: number; anonymised?: boolean; format: ReportFormat; out: string; association?: string; json?: boolean }) => {
      const out = resolve(opts.out);
      try {
        const result = await withDb(async (db) => {
          // The operator sees the report as the association's admin does; --anonymised as its läsare do.
          const a = await associationOf(db, opts.association);
          const model = await groupReportModel(db, operatorIn(a, opts.anonymised ? 'lasare' : 'forbundsadmin'), await groupIdOf(db, opts.group, a.id), opts.year);
          const body = await renderModel(model, opts.format);
          await writeAtomically(out, body);
          return { file: out, format: opts.format, report: model.title, group: model.meta.facts?.find(([k]) => k === 'Grupp')?.[1] ?? '', bytes: body.length };
        });
        print(result, !!opts.json, () => `${result.report} (${result.group}) skriven till ${result.file}.`);
      } catch (e) {
        if (e instanceof AppError) throw new CliError(e.message);
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES')
          throw new CliError(`Filen kunde inte skrivas: ${(e as Error).message}`);
        throw e;
      }
    });

  program
    .command('report')
    .description('Skapar rapporter för en mätomgång: regional rapport, en kommuns delrapport (--municipality) eller alla delrapporter som zip (--all)')
    .requiredOption('--round <id>', 'mätomgångens id', positiveInt)
    .option('--municipality <kod>', 'kommunens SCB-kod (fyra siffror): kommunens delrapport')
    .option('--all', 'alla delrapporter i mätomgången, som en zip-fil')
    .addOption(new Option('--format <format>', 'filformat').choices(reportFormat.options).default('pdf'))
    .requiredOption('--out <fil>', 'fil att skriva (skrivs först till <fil>.part och byter namn när den är klar)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut resultatet som JSON')
    .action(async (opts: { round: number; municipality?: string; all?: boolean; format: ReportFormat; out: string; association?: string; json?: boolean }) => {
      if (opts.municipality !== undefined) validated(municipalityCode, opts.municipality);
      if (opts.municipality && opts.all) throw new CliError('Ange antingen --municipality eller --all, inte båda');
      const out = resolve(opts.out);
      try {
        const result = await withDb(async (db) => {
          // A round of another association than --association (else the default) is refused.
          await checkRoundAssociation(db, opts.association, opts.round);
          if (opts.all) {
            const tty = process.stderr.isTTY;
            const r = await writeDelrapportZip(db, opts.round, {
              format: opts.format,
              outFile: out,
              onProgress: (p) => {
                const line = `Delrapporter ${progressLine(p.done, p.total, p.current)}`;
                process.stderr.write(tty ? `\r${line.padEnd(78)}` : `${line}\n`);
              },
            });
            if (tty) process.stderr.write('\n');
            return { file: out, format: 'zip', reports: r.files, bytes: r.bytes };
          }
          const data = await loadRoundReportData(db, opts.round);
          const model = opts.municipality ? delrapportModel(data, opts.municipality) : regionalModel(data);
          const body = await renderModel(model, opts.format);
          await writeAtomically(out, body);
          return { file: out, format: opts.format, report: model.title, preliminary: model.preliminary, bytes: body.length };
        });
        print(result, !!opts.json, () =>
          'reports' in result && result.reports
            ? `${result.reports.length} delrapporter skrivna till ${result.file}.`
            : `${result.report}${result.preliminary ? ' (PRELIMINÄR)' : ''} skriven till ${result.file}.`,
        );
      } catch (e) {
        if (e instanceof NotInRoundError || e instanceof AppError) throw new CliError(e.message);
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EACCES')
          throw new CliError(`Filen kunde inte skrivas: ${(e as Error).message}`);
        throw e;
      }
    });
}
