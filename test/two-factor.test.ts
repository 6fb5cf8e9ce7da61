// Two-factor authentication through the API (issue 13): enrolling an authenticator app, a password
// sign-in's second step (right, wrong, replayed and recovery codes, attempts), enrolment at sign-in
// when the association requires it of admins, turning it off, and the förbundsadmin's reset.
// The codes are made in the test by otplib from the secret the API returned (the secret is random;
// our own check is compared with the RFC vectors in totp-domain.test.ts). The clock (Date) is mocked
// so that each new code belongs to a later time step, as it would a little later in real life.
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { generateSync } from 'otplib';
import { DEFAULT_SECURITY_SETTINGS } from '../src/domain/identity/policy.ts';
import { DEMO_PASSWORD } from '../src/domain/organisation.ts';
import { createSession, createUser } from '../src/store/accounts.ts';
import { saveSecuritySettings } from '../src/store/identity.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';

const PASSWORD = 'ett-långt-lösenord';
/** The app's code for the mocked now. */
const codeNow = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
/** A different six-digit code: certainly wrong. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** Half a minute later: the next time step. */
const later = () => mock.timers.tick(30_000);

for (const backend of backends) {
  describe(`tvåstegsverifiering (${backend.name})`, () => {
    let t: TestApp;
    let secret = '';
    let recoveryCodes: string[] = [];
    let userId = 0;
    const email = 'tva-steg@mellerud.se';

    before(async () => {
      t = await startApp(backend);
      userId = (await createUser(t.db, { email, name: 'Tove Tvåsteg', password: PASSWORD, role: 'kommunansvarig', municipalities: ['1461'] })).id;
      mock.timers.enable({ apis: ['Date'], now: Date.now() });
    });
    after(async () => {
      mock.timers.reset();
      await t.close();
    });

    const actions = async (action: string) =>
      (await t.db.query<{ target: string; details: any }>('SELECT target, details FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;
    const signedInAs = async (c: Client) => (await c.get('/api/auth/me')).body.user?.email ?? null;
    /** The first step: the right password; answers the challenge of the second. */
    const firstStep = async (c: Client, who = email, password = PASSWORD) => {
      const r = await c.login(who, password);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body as { secondFactor?: string; challenge?: string; csrfToken?: string };
    };
    /** The test account signed in (while it has no TOTP). */
    const ownSession = async () => {
      const c = new Client(t.app);
      assert.ok((await firstStep(c)).csrfToken);
      return c;
    };
    const secondStep = async (c: Client, body: Record<string, string>) => {
      const r = await c.post('/api/auth/login/totp', body);
      if (r.status === 200) c.csrf = r.body.csrfToken;
      return r;
    };

    it('enrols an app: secret, otpauth URI and QR code; a wrong first code is refused, the right one switches it on with 10 recovery codes', async () => {
      const c = await ownSession();
      assert.deepEqual((await c.get('/api/account/totp')).body, { available: true, enabled: false, required: false, recoveryCodesLeft: 0 });
      const start = await c.post('/api/account/totp/start');
      assert.equal(start.status, 200, JSON.stringify(start.body));
      secret = start.body.secret;
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.equal(start.body.otpauthUri, `otpauth://totp/samverka:tva-steg%40mellerud.se?secret=${secret}&issuer=samverka`);
      assert.match(start.body.qrSvg, /^<svg[\s\S]*<\/svg>$/);
      assert.equal(start.body.secretGrouped.replaceAll(' ', ''), secret);

      const bad = await c.post('/api/account/totp/confirm', { code: wrong(codeNow(secret)) });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /Fel kod/);
      assert.equal((await c.get('/api/account/totp')).body.enabled, false);

      const ok = await c.post('/api/account/totp/confirm', { code: codeNow(secret) });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      recoveryCodes = ok.body.recoveryCodes;
      assert.equal(recoveryCodes.length, 10);
      for (const code of recoveryCodes) assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/);
      assert.deepEqual((await c.get('/api/account/totp')).body, { available: true, enabled: true, required: false, recoveryCodesLeft: 10 });
      assert.deepEqual((await actions('totp.enabled')).map((a) => a.target), [email]);
      // Enrolled once: starting again is refused (the secret in force stays).
      assert.equal((await c.post('/api/account/totp/start')).status, 409);
    });

    it('a password sign-in now needs the code: no session until then; a wrong code is 401 and logged; the right one signs in once', async () => {
      const c = new Client(t.app);
      const first = await firstStep(c);
      assert.equal(first.secondFactor, 'totp');
      assert.equal(first.csrfToken, undefined);
      assert.equal(c.cookie, undefined);
      assert.equal(await signedInAs(c), null);

      later();
      const code = codeNow(secret);
      const bad = await secondStep(c, { challenge: first.challenge!, code: wrong(code) });
      assert.equal(bad.status, 401);
      assert.match(bad.body.error, /^Fel kod/);
      assert.equal(c.cookie, undefined);
      assert.equal(await signedInAs(c), null);
      assert.equal((await actions('login.second_factor_failed')).at(-1)?.target, email);

      const ok = await secondStep(c, { challenge: first.challenge!, code: code.replace(/^(\d{3})/, '$1 ') });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(await signedInAs(c), email);
      assert.deepEqual((await actions('login')).at(-1)?.details, { method: 'password', secondFactor: 'totp' });
      // The challenge was used up.
      assert.equal((await secondStep(new Client(t.app), { challenge: first.challenge!, code })).status, 401);

      // The same code again (same time step), with a fresh challenge: refused as used.
      const c2 = new Client(t.app);
      const again = await firstStep(c2);
      const replay = await secondStep(c2, { challenge: again.challenge!, code });
      assert.equal(replay.status, 401);
      assert.equal(await signedInAs(c2), null);
    });

    it('a recovery code signs in once (typed in any case and spacing); used again it is refused', async () => {
      const c = new Client(t.app);
      const typed = recoveryCodes[3].toUpperCase().replaceAll('-', ' ');
      const ok = await secondStep(c, { challenge: (await firstStep(c)).challenge!, recoveryCode: typed });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(await signedInAs(c), email);
      assert.deepEqual((await actions('totp.recovery_used')).map((a) => [a.target, a.details.left]), [[email, 9]]);
      assert.deepEqual((await actions('login')).at(-1)?.details, { method: 'password', secondFactor: 'recovery_code' });
      assert.equal((await c.get('/api/account/totp')).body.recoveryCodesLeft, 9);

      const c2 = new Client(t.app);
      const reused = await secondStep(c2, { challenge: (await firstStep(c2)).challenge!, recoveryCode: recoveryCodes[3] });
      assert.equal(reused.status, 401);
      assert.equal(await signedInAs(c2), null);
    });

    it('a challenge is dead after 5 wrong codes, even for the right one', async () => {
      const c = new Client(t.app);
      const { challenge } = await firstStep(c);
      later();
      const code = codeNow(secret);
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await secondStep(c, { challenge: challenge!, code: wrong(code) }));
      assert.deepEqual(answers.map((a) => a.status), [401, 401, 401, 401, 401]);
      assert.match(answers[0].body.error, /4 försök kvar/);
      assert.match(answers[4].body.error, /För många felaktiga försök/);
      const late = await secondStep(c, { challenge: challenge!, code });
      assert.equal(late.status, 401);
      assert.match(late.body.error, /Logga in igen/);
      assert.equal(await signedInAs(c), null);
      // Malformed input is a 400 naming the field, not an attempt.
      assert.equal((await c.post('/api/auth/login/totp', { challenge, code: '12ab' })).status, 400);
    });

    it('new recovery codes need a current code; the old ones stop working', async () => {
      const c = new Client(t.app);
      later();
      assert.equal((await secondStep(c, { challenge: (await firstStep(c)).challenge!, code: codeNow(secret) })).status, 200);
      const old = recoveryCodes;
      later();
      assert.equal((await c.post('/api/account/totp/recovery-codes', { code: wrong(codeNow(secret)) })).status, 400);
      const r = await c.post('/api/account/totp/recovery-codes', { code: codeNow(secret) });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      recoveryCodes = r.body.recoveryCodes;
      assert.equal(recoveryCodes.length, 10);
      assert.equal((await actions('totp.recovery_regenerated')).length, 1);
      const c2 = new Client(t.app);
      assert.equal((await secondStep(c2, { challenge: (await firstStep(c2)).challenge!, recoveryCode: old[0] })).status, 401);
    });

    it('the association requires it of admins: an admin without it enrols at sign-in, gets a session and recovery codes; läsare are not asked', async () => {
      await saveSecuritySettings(t.db, { ...DEFAULT_SECURITY_SETTINGS, requireTotpForAdmins: true });
      const c = new Client(t.app);
      const first = await firstStep(c, DEMO.admin, DEMO_PASSWORD);
      assert.equal(first.secondFactor, 'totp_setup');
      assert.equal(await signedInAs(c), null);
      // The setup challenge is not a code challenge.
      assert.equal((await secondStep(new Client(t.app), { challenge: first.challenge!, code: '123456' })).status, 401);

      const setup = await c.post('/api/auth/login/totp-setup', { challenge: first.challenge });
      assert.equal(setup.status, 200, JSON.stringify(setup.body));
      assert.match(setup.body.otpauthUri, /^otpauth:\/\/totp\/samverka:admin%40demo\.samverka\.se\?/);
      const adminSecret = setup.body.secret as string;
      const bad = await c.post('/api/auth/login/totp-setup/confirm', { challenge: first.challenge, code: wrong(codeNow(adminSecret)) });
      assert.equal(bad.status, 401);
      assert.equal(await signedInAs(c), null);
      const ok = await c.post('/api/auth/login/totp-setup/confirm', { challenge: first.challenge, code: codeNow(adminSecret) });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      c.csrf = ok.body.csrfToken;
      assert.equal(ok.body.user.totpEnabled, true);
      assert.equal(ok.body.recoveryCodes.length, 10);
      assert.equal(await signedInAs(c), DEMO.admin);
      // Single use.
      assert.equal((await c.post('/api/auth/login/totp-setup', { challenge: first.challenge })).status, 401);

      // Required: the admin cannot switch it off.
      assert.equal((await c.get('/api/account/totp')).body.required, true);
      const off = await c.post('/api/account/totp/disable', { password: DEMO_PASSWORD });
      assert.equal(off.status, 409);
      assert.match(off.body.error, /kräver tvåstegsverifiering/);

      // A läsare and a kommunansvarig without TOTP sign in as before.
      for (const who of [DEMO.reader, DEMO.mellerud]) assert.equal((await loggedIn(t.app, who)).csrf !== undefined, true);
    });

    it('the förbundsadmin resets a lost phone (audited); the account then signs in with its password only', async () => {
      const admin = new Client(t.app);
      later();
      const adminSecret = (await t.db.query<{ s: string }>("SELECT totp_secret AS s FROM users WHERE email = $1", [DEMO.admin])).rows[0].s;
      const r = await secondStep(admin, { challenge: (await firstStep(admin, DEMO.admin, DEMO_PASSWORD)).challenge!, code: codeNow(adminSecret) });
      assert.equal(r.status, 200, JSON.stringify(r.body));

      const reader = await loggedIn(t.app, DEMO.reader);
      assert.equal((await reader.post(`/api/admin/users/${userId}/totp/reset`)).status, 403);
      const reset = await admin.post(`/api/admin/users/${userId}/totp/reset`);
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
      assert.equal(reset.body.user.totpEnabled, false);
      assert.deepEqual((await actions('totp.reset')).map((a) => a.target), [email]);
      assert.equal((await admin.post(`/api/admin/users/${userId}/totp/reset`)).status, 409);
      assert.equal((await admin.post('/api/admin/users/999999/totp/reset')).status, 404);

      const c = new Client(t.app);
      assert.ok((await firstStep(c)).csrfToken);
      assert.equal(await signedInAs(c), email);
      assert.equal((await t.db.query('SELECT 1 FROM totp_recovery_codes WHERE user_id = $1', [userId])).rows.length, 0);
    });

    it('a kommunansvarig switches it off with the password (a wrong one is refused); an SSO-only account cannot enrol', async () => {
      const c = await ownSession();
      await c.post('/api/account/totp/start').then(async (s) => {
        later();
        assert.equal((await c.post('/api/account/totp/confirm', { code: codeNow(s.body.secret) })).status, 200);
      });
      const badPassword = await c.post('/api/account/totp/disable', { password: 'fel-lösenord' });
      assert.equal(badPassword.status, 400);
      assert.match(badPassword.body.error, /^Lösenordet stämmer inte/);
      const off = await c.post('/api/account/totp/disable', { password: PASSWORD });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.deepEqual((await actions('totp.disabled')).map((a) => a.target), [email]);
      assert.equal((await firstStep(new Client(t.app))).secondFactor, undefined);

      const sso = await createUser(t.db, { email: 'sso@mellerud.se', name: 'Sara SSO', role: 'forbundsadmin' });
      const s = await createSession(t.db, sso.id, 3600, { method: 'oidc' });
      const sc = new Client(t.app);
      sc.cookie = `samverka_sid=${s.token}`;
      sc.csrf = s.csrfToken;
      assert.deepEqual((await sc.get('/api/account/totp')).body, { available: false, enabled: false, required: false, recoveryCodesLeft: 0 });
      const start = await sc.post('/api/account/totp/start');
      assert.equal(start.status, 409);
      assert.equal(start.body.error, 'Ditt konto loggar in via organisationens konto och deras tvåstegsverifiering');
    });
  });
}
