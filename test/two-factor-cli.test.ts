// `samverka totp reset <email>`: the operator switches off an account's two-factor (a lost phone),
// audited; an unknown address is a Swedish error and exit code 1.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { migrate } from '../src/db/migrate.ts';
import { createUser } from '../src/store/accounts.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const { envs } = await cliEnvironments('totp_cli');
const EMAIL = 'telefon-borta@fyrbodal.example.se';

for (const e of envs) {
  describe(`CLI totp reset (${e.name})`, () => {
    after(e.cleanup);

    it('resets an account with TOTP, audited; refuses an unknown address', async () => {
      const db = await e.open();
      try {
        await migrate(db);
        await createUser(db, { email: EMAIL, name: 'Tappad Telefon', password: 'ett-långt-lösenord', role: 'lasare' });
        await db.query("UPDATE users SET totp_secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_enabled_at = now() WHERE email = $1", [EMAIL]);
        await db.query("INSERT INTO totp_recovery_codes (user_id, code_hash) SELECT id, 'x' FROM users WHERE email = $1", [EMAIL]);
      } finally {
        await db.close();
      }
      const r = await samverka(e.env, 'totp', 'reset', EMAIL, '--json');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).totpEnabled, false);

      const unknown = await samverka(e.env, 'totp', 'reset', 'ingen@example.se');
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /Det finns inget konto/);

      const check = await e.open();
      try {
        const audit = (await check.query<{ target: string; details: any }>("SELECT target, details FROM audit_log WHERE action = 'totp.reset'")).rows;
        assert.deepEqual(audit.map((a) => [a.target, a.details.via]), [[EMAIL, 'cli']]);
        assert.equal((await check.query('SELECT 1 FROM totp_recovery_codes')).rows.length, 0);
      } finally {
        await check.close();
      }
    });
  });
}
