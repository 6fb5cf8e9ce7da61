// CLI: accounts — list them, invite a person (the link is printed when no SMTP is configured), deactivate,
// reactivate and change role, each change with a reason for the event log. The same use cases as the web.
import { Option, type Command } from 'commander';
import { changePermissions } from '../accounts/change-permissions.ts';
import type { AccountCaller } from '../accounts/common.ts';
import { deactivateUser } from '../accounts/deactivate-user.ts';
import { inviteUser } from '../accounts/invite-user.ts';
import { reactivateUser } from '../accounts/reactivate-user.ts';
import { configFromEnv } from '../config.ts';
import * as api from '../contracts/accounts.ts';
import type { Db } from '../db/db.ts';
import type { User } from '../domain/accounts.ts';
import { AppError } from '../domain/errors.ts';
import { ACCOUNT_STATE_LABELS } from '../domain/identity/policy.ts';
import { ROLE_LABELS, ROLES, type Role } from '../domain/organisation.ts';
import { findUserIdByEmail, listUsers } from '../store/accounts.ts';
import { ASSOCIATION_HELP, associationOf } from './args.ts';
import { CliError, print, validated, withDb } from './index.ts';

/** The operator at the command line: no account of their own. */
const CLI: AccountCaller = { userId: null };

const line = (u: User) =>
  `${u.email.padEnd(36)} ${u.name.padEnd(28)} ${ROLE_LABELS[u.role].padEnd(15)} ${ACCOUNT_STATE_LABELS[u.status].padEnd(12)}` +
  `${u.municipalities.join(',')}${u.ssoProviders.length ? ' SSO' : ''}${u.totpEnabled ? ' tvåsteg' : ''}`;

async function idOf(db: Db, email: string): Promise<number> {
  const id = await findUserIdByEmail(db, email);
  if (id === undefined) throw new CliError(`Det finns inget konto med e-postadressen ${email}`);
  return id;
}

/** Runs a use case; its Swedish errors become the CLI's. */
async function run<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await withDb(fn);
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message);
    throw e;
  }
}

const reasonOption = () => new Option('--reason <text>', 'motivering (sparas i händelseloggen)').makeOptionMandatory();

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Konton: lista, bjud in, avaktivera, återaktivera, ändra roll');

  users
    .command('list')
    .description('Listar kontona med roll, status (inbjuden/aktivt/avaktiverat) och kommuner: ett förbunds konton och regionanalytikerna')
    .option('--association <förbund>', ASSOCIATION_HELP)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { association?: string; json?: boolean }) => {
      const rows = await run(async (db) => listUsers(db, (await associationOf(db, opts.association)).id));
      print(rows, !!opts.json, () => rows.map(line).join('\n'));
    });

  users
    .command('invite')
    .description('Bjuder in en person: kontot skapas utan lösenord och en länk (giltig 7 dagar) mejlas. Utan SMTP skrivs länken ut.')
    .requiredOption('--email <email>', 'e-postadress')
    .requiredOption('--name <namn>', 'namn')
    .addOption(new Option('--role <roll>', 'roll').choices([...ROLES]).makeOptionMandatory())
    .option('--municipality <kod...>', 'kommunkod(er) för en kommunansvarig (medlemmar i förbundet)')
    .option('--association <förbund>', `${ASSOCIATION_HELP} (en regionanalytiker hör inte till något förbund)`)
    .option('--json', 'skriv ut som JSON')
    .action(async (opts: { email: string; name: string; role: Role; municipality?: string[]; association?: string; json?: boolean }) => {
      const body = validated(api.inviteUser.body, { email: opts.email, name: opts.name, role: opts.role, municipalities: opts.municipality ?? [] });
      const config = configFromEnv();
      const r = await run(async (db) => {
        const sent = await inviteUser(db, config, { ...CLI, associationId: (await associationOf(db, opts.association)).id }, body);
        await sent.send(db);
        return sent;
      });
      const data = { user: r.user, expiresAt: r.expiresAt, ...(config.smtp ? {} : { link: r.link }) };
      print(data, !!opts.json, () =>
        config.smtp
          ? `Inbjudan är mejlad till ${r.user.email}; länken gäller till ${new Date(r.expiresAt).toLocaleString('sv-SE')}.`
          : `Ingen SMTP är inställd: inbjudan ligger i utkorgen. Skicka länken till ${r.user.email} själv (gäller till ${new Date(r.expiresAt).toLocaleString('sv-SE')}):\n${r.link}`,
      );
    });

  users
    .command('deactivate <email>')
    .description('Avaktiverar ett konto: alla dess sessioner avslutas och det kan inte logga in på något sätt')
    .addOption(reasonOption())
    .option('--json', 'skriv ut som JSON')
    .action(async (email: string, opts: { reason: string; json?: boolean }) => {
      const { reason } = validated(api.deactivateUser.body, { reason: opts.reason });
      const user = await run(async (db) => deactivateUser(db, CLI, await idOf(db, email), reason));
      print(user, !!opts.json, () => `${user.email} är avaktiverat.`);
    });

  users
    .command('reactivate <email>')
    .description('Återaktiverar ett avaktiverat konto')
    .addOption(reasonOption())
    .option('--json', 'skriv ut som JSON')
    .action(async (email: string, opts: { reason: string; json?: boolean }) => {
      const { reason } = validated(api.reactivateUser.body, { reason: opts.reason });
      const user = await run(async (db) => reactivateUser(db, CLI, await idOf(db, email), reason));
      print(user, !!opts.json, () => `${user.email} är återaktiverat (${ACCOUNT_STATE_LABELS[user.status].toLowerCase()}).`);
    });

  users
    .command('set-role <email>')
    .description('Ändrar ett kontos roll och kommuner (en kommunansvarig kopplas till minst en kommun)')
    .addOption(new Option('--role <roll>', 'roll').choices([...ROLES]).makeOptionMandatory())
    .option('--municipality <kod...>', 'kommunkod(er) för en kommunansvarig (medlemmar i kontots förbund)')
    .option('--association <förbund>', `förbundet för en regionanalytiker som får en annan roll: ${ASSOCIATION_HELP}`)
    .addOption(reasonOption())
    .option('--json', 'skriv ut som JSON')
    .action(async (email: string, opts: { role: Role; municipality?: string[]; association?: string; reason: string; json?: boolean }) => {
      const body = validated(api.updateUser.body, { role: opts.role, municipalities: opts.municipality, reason: opts.reason });
      const user = await run(async (db) =>
        changePermissions(db, { ...CLI, associationId: (await associationOf(db, opts.association)).id }, await idOf(db, email), body),
      );
      print(user, !!opts.json, () => `${user.email}: ${ROLE_LABELS[user.role]}${user.municipalities.length ? ` (${user.municipalities.join(', ')})` : ''}.`);
    });
}
