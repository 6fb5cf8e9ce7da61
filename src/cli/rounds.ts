// CLI: instruments, measurement rounds and import of responses (respondents: respondents.ts).
import type { Command } from 'commander';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { InstrumentLoadError, loadInstrumentFile } from '../domain/instruments/catalog.ts';
import { ROUND_STATUS_LABELS, type RoundAction } from '../domain/rounds.ts';
import type { ImportReport } from '../import/responses.ts';
import { importRoundResponses } from '../rounds/import-round-responses.ts';
import {
  requireRound,
  syncInstruments,
} from '../rounds/service.ts';
import { changeRoundStatus } from '../rounds/change-round-status.ts';
import { createRoundChecked } from '../rounds/create-round.ts';
import { createRoundBody } from '../contracts/rounds.ts';
import { AppError } from '../domain/errors.ts';
import { getInstrument, listInstruments } from '../store/instruments.ts';
import { duplicateVersion, storeDefinition, versionCompatibility } from '../instruments/service.ts';
import { COMPATIBILITY_CHANGE_LABELS, ITEM_COMPATIBILITY_LABELS } from '../domain/instruments/library.ts';
import { getAssociation, type AssociationRow } from '../store/associations.ts';
import { listRounds, roundProgress, type Round } from '../store/rounds.ts';
import { ASSOCIATION_HELP, associationOf } from './args.ts';
import { importProgressBar } from './import-progress.ts';
import { CliError, print, withDb } from './index.ts';

export const CLI_ACTOR = { id: null, name: 'Kommunansvarig' };

export { ASSOCIATION_HELP };

/**
 * The round `id` of the association the command works in (--association, else the default association).
 * A round of another association is refused with a message naming the round's association.
 */
export async function roundIn(db: Db, association: AssociationRow, id: number): Promise<Round> {
  const round = await requireRound(db, id);
  if (round.associationId !== association.id) {
    const owner = await getAssociation(db, round.associationId);
    throw new CliError(
      `Mätomgång ${id} tillhör ${owner?.name ?? `förbund ${round.associationId}`}, inte ${association.name}. ` +
        `Ange --association ${owner?.shortId ?? round.associationId} för att arbeta med den.`,
    );
  }
  return round;
}

/** withRounds, after checking that the rounds belong to the association of `--association` (`arg`). */
export function withRoundsOf<T>(arg: string | undefined, ids: readonly number[], fn: (db: Db) => Promise<T>): Promise<T> {
  return withRounds(async (db) => {
    await checkRoundAssociation(db, arg, ...ids);
    return fn(db);
  });
}

/** Checks that the round belongs to the association of the `--association` argument; returns the association. */
export async function checkRoundAssociation(db: Db, arg: string | undefined, ...ids: number[]): Promise<AssociationRow> {
  const association = await associationOf(db, arg);
  for (const id of ids) await roundIn(db, association, id);
  return association;
}

/** Opens the database with the built-in instruments synced; rule violations become CliError. */
export async function withRounds<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await withDb(async (db) => {
      await syncInstruments(db);
      return fn(db);
    });
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

const positiveInt = (what: string) => (v: string) => {
  if (!/^[0-9]+$/.test(v) || Number(v) < 1) throw new CliError(`${what} ska vara ett positivt heltal`);
  return Number(v);
};
const roundId = positiveInt('Mätomgångens id');

/** Input checked with the API's schema (the same Swedish messages); errors become CliError. */
function validated<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new CliError([...new Set(r.error.issues.map((i) => i.message))].join('; '));
}

export function formatImportReport(r: ImportReport): string {
  const lines = [
    `${r.dryRun ? 'Provkörning: ' : ''}${r.rows} rader lästa, ${r.accepted} godkända, ${r.errors.length} fel.`,
    ...r.errors.map((e) => `  ${e.row ? `Rad ${e.row}` : 'Filen'}${e.column ? `, kolumn ${e.column}` : ''}: ${e.message}`),
  ];
  if (r.dryRun) lines.push('Inget har sparats (--dry-run).');
  else if (r.written || r.alreadyImported)
    lines.push(`${r.written} svar sparade.${r.alreadyImported ? ` ${r.alreadyImported} rader var redan importerade från samma fil.` : ''}`);
  else if (r.errors.length) lines.push('Inget har sparats. Rätta felen, eller använd --skip-invalid för att importera de godkända raderna.');
  return lines.join('\n');
}

export function registerRoundCommands(program: Command): void {
  // ---- instruments ----
  const instruments = program.command('instruments').description('Instrument (bedömningsramverk)');
  instruments
    .command('list')
    .description('Listar instrumenten med senaste version')
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withRounds(listInstruments);
      print(rows, !!opts.json, () =>
        rows.map((i) => `${i.id.padEnd(22)} ${i.version.padEnd(8)} ${i.mode === 'survey' ? 'enkät  ' : 'självsk.'} ${i.title}`).join('\n'),
      );
    });

  instruments
    .command('show <id>')
    .description('Visar ett instruments definition (senaste versionen om inte --version anges)')
    .option('--version <version>', 'en viss version')
    .option('--json', 'skriv ut som JSON')
    .action(async (id: string, opts: { version?: string; json?: boolean }) => {
      const ins = await withRounds((db) => getInstrument(db, id, opts.version));
      if (!ins) throw new CliError(opts.version ? `Instrumentet ${id} version ${opts.version} finns inte` : `Instrumentet ${id} finns inte`);
      print(ins, !!opts.json, () =>
        [
          `${ins.title} (${ins.id} ${ins.version}, ${ins.mode === 'survey' ? 'enkät' : 'självskattning'})`,
          ins.description,
          ...ins.items.map((i) => `  ${i.id.padEnd(36)} ${i.type.padEnd(12)} ${i.text}`),
        ].join('\n'),
      );
    });

  instruments
    .command('validate <fil>')
    .description('Kontrollerar en instrumentfil (JSON eller YAML); skriver ut varje fel med sökväg, slutkod 1 om filen är ogiltig')
    .option('--json', 'skriv ut som JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      try {
        const ins = await loadInstrumentFile(file);
        print({ valid: true, id: ins.id, version: ins.version, items: ins.items.length }, !!opts.json, () =>
          `Instrumentet ${ins.id} version ${ins.version} är giltigt (${ins.items.length} frågor).`,
        );
      } catch (e) {
        if (!(e instanceof InstrumentLoadError)) throw e;
        print({ valid: false, errors: e.errors }, !!opts.json, () =>
          [`Filen är ogiltig (${e.errors.length} fel):`, ...e.errors.map((x) => `  ${x.path}: ${x.message}`)].join('\n'),
        );
        process.exitCode = 1;
      }
    });

  instruments
    .command('import <fil>')
    .description('Lägger till ett instrument eller en ny version från en JSON- eller YAML-fil (.json, .yaml, .yml)')
    .option('--json', 'skriv ut som JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let ins;
      try {
        ins = await loadInstrumentFile(file);
      } catch (e) {
        if (e instanceof InstrumentLoadError) throw new CliError(e.message);
        throw e;
      }
      const { result } = await withRounds((db) => storeDefinition(db, ins, { id: null }));
      const text = { created: 'är tillagt', updated: 'är uppdaterat', unchanged: 'fanns redan oförändrat' } as const;
      print({ id: ins.id, version: ins.version, result }, !!opts.json, () => `Instrumentet ${ins.id} version ${ins.version} ${text[result]}.`);
    });

  instruments
    .command('duplicate <id> <version>')
    .description('Kopierar en version till ett utkast med ett nytt versionsnummer (som standard nästa lediga, t.ex. 2024.1 → 2024.2)')
    .option('--to <version>', 'versionsnummer för kopian')
    .option('--json', 'skriv ut som JSON')
    .action(async (id: string, version: string, opts: { to?: string; json?: boolean }) => {
      const d = await withRounds((db) => duplicateVersion(db, id, version, { version: opts.to }, { id: null }));
      print({ id: d.id, version: d.version, basedOn: d.basedOn }, !!opts.json, () => `Utkastet ${d.id} version ${d.version} är skapat som kopia av version ${version}.`);
    });

  instruments
    .command('compare <id> <från> <till>')
    .description('Visar vilka frågor i två versioner som kan jämföras mellan mätomgångar')
    .option('--json', 'skriv ut som JSON')
    .action(async (id: string, from: string, to: string, opts: { json?: boolean }) => {
      const c = await withRounds((db) => versionCompatibility(db, id, from, to));
      print(c, !!opts.json, () =>
        [
          c.roundsComparable
            ? `Mätomgångar på version ${from} och ${to} kan jämföras.`
            : (c.reason ?? 'Mätomgångarna kan inte jämföras.'),
          ...c.items.map(
            (i) =>
              `  ${i.id.padEnd(36)} ${ITEM_COMPATIBILITY_LABELS[i.status]}${i.changes.length ? ` (${i.changes.map((x) => COMPATIBILITY_CHANGE_LABELS[x].toLowerCase()).join('; ')})` : ''}`,
          ),
        ].join('\n'),
      );
    });

  // ---- rounds ----
  const rounds = program.command('rounds').description('Mätomgångar');
  rounds
    .command('list')
    .description('Listar förbundets mätomgångar (id, instrument, rubrik, status)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { association?: string; json?: boolean }) => {
      const rows = await withRounds(async (db) => listRounds(db, { associationId: (await associationOf(db, opts.association)).id }));
      const data = rows.map((r) => ({
        id: r.id,
        instrument: r.instrument,
        instrumentVersion: r.instrumentVersion,
        title: r.title,
        status: r.status,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        municipalities: r.municipalities,
      }));
      print(data, !!opts.json, () =>
        data.length
          ? data.map((r) => `${String(r.id).padStart(4)}  ${ROUND_STATUS_LABELS[r.status].padEnd(7)} ${r.instrument.padEnd(22)} ${r.title}`).join('\n')
          : 'Inga mätomgångar.',
      );
    });

  rounds
    .command('show <id>')
    .description('Visar en mätomgång med svarsläget per kommun')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (id: string, opts: { association?: string; json?: boolean }) => {
      const data = await withRounds(async (db) => {
        const round = await roundIn(db, await associationOf(db, opts.association), roundId(id));
        return { ...round, progress: await roundProgress(db, round.id) };
      });
      print(data, !!opts.json, () =>
        [
          `${data.title} (${data.instrument} ${data.instrumentVersion}) – ${ROUND_STATUS_LABELS[data.status]}, ${data.periodStart}–${data.periodEnd}`,
          ...data.progress.map((p) => `  ${p.municipality} ${p.name.padEnd(12)} urval ${p.total}, inbjudna ${p.invited}, påbörjade ${p.started}, inskickade ${p.completed}`),
        ].join('\n'),
      );
    });

  rounds
    .command('create')
    .description('Skapar en mätomgång för ett instrument, kommuner och en period i förbundet (kommunerna ska vara förbundets medlemmar)')
    .requiredOption('--instrument <id>', 'instrumentets id (se instruments list)')
    .option('--instrument-version <version>', 'instrumentversion (förvalt: senaste)')
    .requiredOption('--title <rubrik>', 'rubrik')
    .requiredOption('--municipalities <koder...>', 'kommunkoder (SCB), åtskilda med mellanslag eller komma, eller "all"')
    .requiredOption('--start <datum>', 'periodens första dag (ÅÅÅÅ-MM-DD)')
    .requiredOption('--end <datum>', 'periodens sista dag (ÅÅÅÅ-MM-DD)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(
      async (opts: {
        instrument: string;
        instrumentVersion?: string;
        title: string;
        municipalities: string[];
        start: string;
        end: string;
        association?: string;
        json?: boolean;
      }) => {
        const codes = opts.municipalities.flatMap((m) => m.split(',')).map((m) => m.trim()).filter(Boolean);
        const input = validated(createRoundBody, {
          instrument: opts.instrument,
          instrumentVersion: opts.instrumentVersion,
          title: opts.title,
          periodStart: opts.start,
          periodEnd: opts.end,
          municipalities: codes.length === 1 && codes[0].toLowerCase() === 'all' ? 'all' : codes,
        });
        const round = await withRounds(async (db) => createRoundChecked(db, input, CLI_ACTOR, (await associationOf(db, opts.association)).id));
        print(round, !!opts.json, () => `Mätomgång ${round.id} "${round.title}" är skapad (utkast) för ${round.municipalities.length} kommuner.`);
      },
    );

  const statusCommands: Array<[RoundAction, string, string]> = [
    ['open', 'Öppnar en mätomgång (utkast → öppen)', 'är öppen'],
    ['close', 'Stänger en öppen mätomgång', 'är stängd'],
    ['reopen', 'Öppnar en stängd mätomgång igen', 'är öppen igen'],
  ];
  for (const [action, description, done] of statusCommands) {
    rounds
      .command(`${action} <id>`)
      .description(description)
      .option('--association <förbund>', ASSOCIATION_HELP)
      .option('--json', 'skriv ut som JSON')
      .action(async (id: string, opts: { association?: string; json?: boolean }) => {
        const round = await withRounds(async (db) => {
          await checkRoundAssociation(db, opts.association, roundId(id));
          return changeRoundStatus(db, roundId(id), action, CLI_ACTOR);
        });
        print(round, !!opts.json, () => `Mätomgång ${round.id} ${done}.`);
      });
  }

  // ---- import ----
  const imports = program.command('import').description('Import av data');
  imports
    .command('responses')
    .description('Importerar svar från CSV (UTF-8) eller XLSX: en rad per respondent med kommun, respondenttyp, verksamhetsområde och en kolumn per fråga')
    .requiredOption('--round <id>', 'mätomgångens id', roundId)
    .requiredOption('--file <fil>', 'CSV- eller XLSX-fil')
    .option('--dry-run', 'kontrollera bara: rapportera godkända rader och fel utan att spara')
    .option('--skip-invalid', 'spara de godkända raderna även om andra rader har fel')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { round: number; file: string; dryRun?: boolean; skipInvalid?: boolean; association?: string; json?: boolean }) => {
      // The file is read as a stream by the import (a CSV is never held in memory whole).
      try {
        await access(opts.file, constants.R_OK);
        if (!(await stat(opts.file)).isFile()) throw new Error('det är ingen vanlig fil');
      } catch (e) {
        throw new CliError(`Filen ${opts.file} kunde inte läsas: ${(e as Error).message}`);
      }
      const bar = importProgressBar();
      const { report } = await withRounds(async (db) => {
        await checkRoundAssociation(db, opts.association, opts.round);
        try {
          return await importRoundResponses(
            db,
            opts.round,
            { path: opts.file, filename: opts.file },
            { dryRun: !!opts.dryRun, skipInvalid: !!opts.skipInvalid, onProgress: bar.onProgress },
            CLI_ACTOR,
          );
        } finally {
          bar.stop();
        }
      });
      print(report, !!opts.json, () => formatImportReport(report));
      if (report.errors.length && (report.dryRun || !report.skipInvalid || report.written === 0)) process.exitCode = 1;
    });
}
