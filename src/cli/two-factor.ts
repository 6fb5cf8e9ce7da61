// CLI: two-factor authentication — the operator resets an account's TOTP (a lost phone, and no
// förbundsadmin who can sign in to do it in the web).
import type { Command } from 'commander';
import { resetTotp } from '../accounts/reset-totp.ts';
import { AppError } from '../domain/errors.ts';
import { findUserIdByEmail } from '../store/accounts.ts';
import { CliError, print, withDb } from './index.ts';

export function registerTwoFactorCommands(program: Command): void {
  const totp = program.command('totp').description('Tvåstegsverifiering (autentiseringsapp) för konton med lösenord');
  totp
    .command('reset <email>')
    .description('Stänger av ett kontos tvåstegsverifiering och tar bort dess reservkoder (t.ex. efter en borttappad telefon)')
    .option('--json', 'skriv ut som JSON')
    .action(async (email: string, opts: { json?: boolean }) => {
      const user = await withDb(async (db) => {
        const id = await findUserIdByEmail(db, email);
        if (id === undefined) throw new CliError(`Det finns inget konto med e-postadressen ${email}`);
        try {
          return await resetTotp(db, { id: null }, id);
        } catch (e) {
          if (e instanceof AppError) throw new CliError(e.message);
          throw e;
        }
      });
      print(user, !!opts.json, () => `Tvåstegsverifieringen för ${user.email} är återställd. Kontot loggar in med lösenord och kan lägga till en app igen.`);
    });
}
