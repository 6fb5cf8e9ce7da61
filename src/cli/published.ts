// CLI: `samverka published import --round <id> --file x.csv|xlsx [--dry-run] [--json]` imports published
// aggregates into a round (errors by row and column, nothing saved while any remains);
// `samverka published list --round <id> [--json]` lists them with their data-quality flags;
// `samverka published template --round <id> --out <fil>` writes the CSV template. The round must belong to
// the association (`--association`, default: the instance's default association).
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import type { Db } from '../db/db.ts';
import { AppError } from '../domain/errors.ts';
import { publishedTemplateCsv } from '../domain/published-template.ts';
import { publishedNotes } from '../domain/analysis/published-view.ts';
import { roundAndInstrument } from '../published/common.ts';
import { importPublishedAggregates, type PublishedImportReport } from '../published/import-published.ts';
import { listPublishedAggregates } from '../published/list-published.ts';
import { ASSOCIATION_HELP, associationOf } from './args.ts';
import { CliError, print, withDb } from './index.ts';

const roundArg = (v: string) => {
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new CliError('Mätomgångens id ska vara ett positivt heltal');
  return Number(v);
};

/** The round, when it belongs to the association the command works in (else the same message as an unknown round). */
async function ownRound(db: Db, roundId: number, association: string | undefined): Promise<void> {
  const a = await associationOf(db, association);
  const { rows } = await db.query<{ association_id: number }>('SELECT association_id FROM rounds WHERE id = $1', [roundId]);
  if (!rows.length || rows[0].association_id !== a.id) throw new CliError(`Mätomgången ${roundId} finns inte i ${a.name}`);
}

const fmtPct = (x: number | null) => (x === null ? '–' : `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(x)} %`);

export function formatPublishedImport(r: PublishedImportReport): string {
  const lines = [`${r.dryRun ? 'Förhandsgranskning' : 'Import'} av publicerade aggregat${r.file ? ` från ${r.file}` : ''}`];
  for (const i of r.items) lines.push(`  ${i.figure ? `${i.figure}: ` : ''}${i.itemId} (${i.values} värden, rad ${i.row}${i.replaces ? ', ersätter' : ''})`);
  if (r.errors.length) {
    lines.push(`${r.errors.length} fel – inget sparades:`);
    for (const e of r.errors) lines.push(`  rad ${e.row}${e.column ? `, kolumn ${e.column}` : ''}: ${e.message}`);
  }
  if (r.flags.length) {
    lines.push(`Datakvalitetsflaggor (${r.flags.length}):`);
    for (const f of r.flags) lines.push(`  [${f.code}] ${f.message}`);
  }
  if (!r.errors.length) lines.push(r.dryRun ? 'Inget sparades (--dry-run).' : `${r.written} frågor sparade.`);
  return lines.join('\n');
}

export function registerPublishedCommands(program: Command): void {
  const cmd = program.command('published').description('Publicerade aggregat: en rapports siffror som publicerade, per fråga i en mätomgång');

  cmd
    .command('import')
    .description('Importerar publicerade aggregat från CSV eller XLSX (mallen i docs/published-figures.md). Fel anges per rad och kolumn; inget sparas så länge fel finns.')
    .requiredOption('--round <id>', 'mätomgångens id', roundArg)
    .requiredOption('--file <fil>', 'CSV- eller XLSX-filen')
    .option('--dry-run', 'kontrollera bara: visa frågor, fel och flaggor utan att spara')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; file: string; dryRun?: boolean; association?: string; json?: boolean }) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(opts.file));
      } catch (e) {
        throw new CliError(`Filen ${opts.file} kunde inte läsas: ${(e as Error).message}`);
      }
      const report = await withDb(async (db) => {
        await ownRound(db, opts.round, opts.association);
        try {
          return await importPublishedAggregates(db, opts.round, { bytes, filename: opts.file.split('/').pop() }, { dryRun: !!opts.dryRun }, { id: null });
        } catch (e) {
          if (e instanceof AppError) throw new CliError(e.message);
          throw e;
        }
      });
      print(report, !!opts.json, () => formatPublishedImport(report));
      if (report.errors.length) process.exitCode = 1;
    });

  cmd
    .command('list')
    .description('Visar mätomgångens publicerade aggregat med bas, källa och datakvalitetsflaggor')
    .requiredOption('--round <id>', 'mätomgångens id', roundArg)
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; association?: string; json?: boolean }) => {
      const view = await withDb(async (db) => {
        await ownRound(db, opts.round, opts.association);
        return listPublishedAggregates(db, opts.round);
      });
      print(view, !!opts.json, () => {
        const lines = [`${view.round.title} – publicerade aggregat (${view.figures.length} frågor)`];
        for (const f of view.figures) {
          lines.push('', `${f.figure ? `${f.figure}: ` : ''}${f.itemText} [${f.itemId}]`);
          for (const r of f.rows) lines.push(`  ${r.label}: ${fmtPct(r.percent)}${r.count !== null ? ` (${r.count})` : ''}`);
          for (const n of publishedNotes(f)) lines.push(`  ${n}`);
        }
        lines.push('', view.flags.length ? `Datakvalitetsflaggor (${view.flags.length}):` : 'Inga datakvalitetsflaggor.');
        for (const fl of view.flags) lines.push(`  [${fl.code}] ${fl.message}`);
        return lines.join('\n');
      });
    });

  cmd
    .command('template')
    .description('Skriver CSV-mallen för publicerade aggregat med mätomgångens frågor och alternativ')
    .requiredOption('--round <id>', 'mätomgångens id', roundArg)
    .requiredOption('--out <fil>', 'filen att skriva')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .action(async (opts: { round: number; out: string; association?: string }) => {
      const csv = await withDb(async (db) => {
        await ownRound(db, opts.round, opts.association);
        return publishedTemplateCsv((await roundAndInstrument(db, opts.round)).instrument);
      });
      await writeFile(opts.out, csv);
      process.stdout.write(`Mallen är sparad i ${opts.out}\n`);
    });
}
