// `npx samverka …`: the automation interface over the same code as the server.
import { Command, Option } from 'commander';
import type { z } from 'zod';
import { createUserBody } from '../contracts/accounts.ts';
import { ConfigError, configFromEnv } from '../config.ts';
import { DbStartError } from '../db/availability.ts';
import type { Db } from '../db/db.ts';
import { loadDemo } from '../demo/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ROLE_LABELS, ROLES, type Role } from '../domain/organisation.ts';
import { AppError } from '../domain/errors.ts';
import { openConfiguredDb } from '../runtime.ts';
import { parse } from '../server/http.ts';
import { createUser, findUserIdByEmail } from '../store/accounts.ts';
import { audit } from '../store/audit.ts';
import { listMunicipalities } from '../store/organisation.ts';
import { VERSION } from '../version.ts';
import { ASSOCIATION_HELP, associationOf } from './args.ts';
import { registerCommands } from './commands.ts';
import { registerServe } from './serve.ts';

export class CliError extends Error {}

/** Options checked with an endpoint's schema: the same Swedish messages as the API gives, as a CliError. */
export function validated<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  try {
    return parse(schema, data);
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Användning:',
  'Options:': 'Flaggor:',
  'Commands:': 'Kommandon:',
  'Arguments:': 'Argument:',
  'Global Options:': 'Globala flaggor:',
};

/** Opens the configured database, runs `fn` and closes it. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openConfiguredDb(configFromEnv());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export const print = (data: unknown, json: boolean, text: () => string) =>
  process.stdout.write((json ? JSON.stringify(data, null, 2) : text()) + '\n');

export function demoBanner(): string {
  const rows = DEMO_ACCOUNTS.map((a) => `  ${ROLE_LABELS[a.role].padEnd(16)} ${a.email}`).join('\n');
  return `DEMO: Demoregionen Fyrbodal är inläst. Demokonton (lösenord: ${DEMO_PASSWORD}):\n${rows}`;
}

export function buildCli(): Command {
  const program = new Command('samverka')
    .description('samverka – digital mognad, jämförelser och samverkan för kommunalförbund')
    .showHelpAfterError('(skriv --help för hjälp)')
    .version(VERSION, '-V, --version', 'visa versionen')
    .helpOption('-h, --help', 'visa hjälp för kommandot')
    .helpCommand('help [kommando]', 'visa hjälp för ett kommando')
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
    .configureOutput({ outputError: (str, write) => write(str.replace(/^error:/, 'fel:')) });

  registerServe(program);

  const municipalities = program.command('municipalities').description('Kommuner');
  municipalities
    .command('list')
    .description('Listar förbundets medlemskommuner med SCB-kod (--all: alla kommuner i instansen)')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--all', 'alla kommuner i instansen, med sitt förbund')
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { association?: string; all?: boolean; json?: boolean }) => {
      if (opts.all && opts.association) throw new CliError('Ange antingen --association eller --all, inte båda');
      const rows = await withDb(async (db) => listMunicipalities(db, opts.all ? {} : { associationId: (await associationOf(db, opts.association)).id }));
      print(rows, !!opts.json, () => rows.map((m) => `${m.code}  ${m.name}`).join('\n'));
    });

  const admin = program.command('admin').description('Administratörskonton');
  admin
    .command('create')
    .description('Skapar ett konto (förvalt: förbundsadmin). Lösenordet läses från --password eller SAMVERKA_PASSWORD')
    .requiredOption('--email <email>', 'e-postadress')
    .requiredOption('--name <namn>', 'namn')
    .option('--password <lösenord>', 'lösenord, minst 12 tecken (eller miljövariabeln SAMVERKA_PASSWORD)')
    .addOption(new Option('--role <roll>', 'roll').choices([...ROLES]).default('forbundsadmin'))
    .option('--municipality <kod...>', 'kommunkod(er) för en kommunansvarig (medlemmar i förbundet)')
    .option('--association <förbund>', `förbundet kontot hör till: ${ASSOCIATION_HELP} (en regionanalytiker hör inte till något)`)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { email: string; name: string; password?: string; role: Role; municipality?: string[]; association?: string; json?: boolean }) => {
      const password = opts.password ?? process.env.SAMVERKA_PASSWORD ?? '';
      const body = validated(createUserBody, { email: opts.email, name: opts.name, password, role: opts.role, municipalities: opts.municipality ?? [] });
      if (body.role === 'kommunansvarig' && !body.municipalities.length)
        throw new CliError('En kommunansvarig måste kopplas till minst en kommun (--municipality)');
      const user = await withDb(async (db) => {
        if (await findUserIdByEmail(db, body.email)) throw new CliError('Det finns redan ett konto med den e-postadressen');
        const codes = new Set((await listMunicipalities(db)).map((m) => m.code));
        for (const c of body.municipalities) if (!codes.has(c)) throw new CliError(`Kommunen med kod ${c} finns inte`);
        const association = await associationOf(db, opts.association);
        const outside = body.municipalities.filter((c) => !association.members.includes(c));
        if (outside.length) throw new CliError(`Kommunen med kod ${outside.join(', ')} är inte medlem i ${association.name}`);
        const u = await createUser(db, { ...body, associationId: association.id });
        await audit(db, { action: 'user.created', target: u.email, details: { role: u.role, via: 'cli' }, association: u.associationId });
        return u;
      });
      print(user, !!opts.json, () => `Kontot ${user.email} (${ROLE_LABELS[user.role]}) är skapat.`);
    });

  const demo = program.command('demo').description('Demoregionen');
  demo
    .command('load')
    .description('Läser in demoregionen Fyrbodal (idempotent: kan köras flera gånger)')
    .action(async () => {
      await withDb((db) => loadDemo(db, (m) => console.log(m)));
      console.log(demoBanner());
    });

  registerCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    if (e instanceof CliError || e instanceof DbStartError || e instanceof ConfigError) {
      process.stderr.write(`Fel: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}
