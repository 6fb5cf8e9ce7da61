// Sign-in hardening: throttling per (IP, account) instead of an account lock anyone can hold, equal
// timing for unknown accounts, reset links that supersede each other, resets that end sessions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../src/domain/organisation.ts';
import {
  consumePasswordReset,
  requestPasswordReset,
  createSession,
  createUser,
  getSession,
  hashToken,
  setPassword,
} from '../src/store/accounts.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

interface Attempt {
  status: number;
  body: any;
  retryAfter?: string;
  ms: number;
}

/** A sign-in from a given address (inject's remoteAddress is what req.ip reports). */
async function login(app: FastifyInstance, email: string, password: string, ip: string): Promise<Attempt> {
  const t0 = process.hrtime.bigint();
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const retryAfter = res.headers['retry-after'];
  return { status: res.statusCode, body: res.json(), retryAfter: retryAfter === undefined ? undefined : String(retryAfter), ms };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const WRONG = 'fel-lösenord-123';
const UNKNOWN = 'finns-inte@example.se';

for (const backend of backends) {
  describe(`inloggningsskydd (${backend.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend);
    });
    after(() => t.close());

    const failuresOf = async (email: string, ip?: string) =>
      (
        await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM login_failures WHERE lower(email) = lower($1) AND ($2::text IS NULL OR ip = $2)',
          [email, ip ?? null],
        )
      ).rows[0].n;
    // Six more failures stamped now, as if sent in quick succession: with four before, ten → 64 s.
    const addFailures = async (email: string, ip: string, n: number) => {
      for (let i = 0; i < n; i++) await t.db.query('INSERT INTO login_failures (email, ip) VALUES ($1, $2)', [email, ip]);
    };

    it('misslyckanden bromsar samma adress för samma konto, utan att titta på lösenordet, lika för okända konton', async () => {
      const A = '192.0.2.1';
      for (const email of [DEMO.smlIt, UNKNOWN]) {
        // Three failures are free and the fourth attempt is still answered normally.
        for (let i = 0; i < 4; i++) assert.equal((await login(t.app, email, WRONG, A)).status, 401, `${email}: försök ${i + 1}`);
        assert.equal(await failuresOf(email, A), 4, `${email}: fyra misslyckanden sparade`);
        await addFailures(email, A, 6);
        // Ten failures: 2^(10-4) = 64 s from the last. Even the right password is held back (no oracle).
        const held = await login(t.app, email, email === UNKNOWN ? WRONG : DEMO_PASSWORD, A);
        assert.equal(held.status, 429, `${email}: hålls tillbaka`);
        const wait = Number(held.retryAfter);
        // 64 s minus the time since the rows were written (well under four seconds).
        assert.ok(wait >= 60 && wait <= 64, `${email}: Retry-After ${held.retryAfter}`);
        assert.equal(
          held.body.error,
          `För många misslyckade inloggningsförsök. Vänta ${wait} sekunder och försök igen, eller återställ ditt lösenord.`,
        );
        // A held-back attempt is not a failure: the count stays.
        assert.equal(await failuresOf(email, A), 10, `${email}: inget nytt misslyckande`);
      }
      // Another address is not held back: the right password works from there at once.
      const B = '198.51.100.2';
      assert.equal((await login(t.app, DEMO.smlIt, DEMO_PASSWORD, B)).status, 200, 'annan adress släpps in');
      assert.equal((await login(t.app, UNKNOWN, WRONG, B)).status, 401, 'okänt konto från annan adress: vanligt fel');
      // The audit log names the reason in Swedish.
      const admin = await loggedIn(t.app, DEMO.admin);
      const entries = (await admin.get('/api/admin/audit?limit=1000')).body.entries.filter((e: any) => e.action === 'login.failed');
      assert.ok(entries.some((e: any) => e.target === DEMO.smlIt && /^För många försök, fick vänta \d+ s$/.test(e.detail)), 'spärrad post');
      assert.ok(entries.some((e: any) => e.target === UNKNOWN && e.detail === 'Fel e-postadress eller lösenord'), 'felaktigt lösenord');
    });

    it('en skur av samtidiga försök från en adress tar sig inte förbi bromsen', async () => {
      const E = '192.0.2.20';
      const burst = await Promise.all(Array.from({ length: 10 }, () => login(t.app, DEMO.admin, WRONG, E)));
      const statuses = burst.map((r) => r.status).sort();
      // The first four see 0–3 earlier attempts (free); the fifth sees four within the last second.
      assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429, 429, 429, 429, 429], statuses.join(','));
      assert.equal(await failuresOf(DEMO.admin, E), 4, 'fyra prövade försök');
    });

    it('en lyckad inloggning glömmer adressens misslyckanden för kontot, inte andra adressers', async () => {
      const C = '203.0.113.3';
      const D = '203.0.113.4';
      for (let i = 0; i < 3; i++) assert.equal((await login(t.app, DEMO.mellerud, WRONG, C)).status, 401, 'fel lösenord');
      for (let i = 0; i < 2; i++) assert.equal((await login(t.app, DEMO.mellerud, WRONG, D)).status, 401, 'fel lösenord');
      assert.equal((await login(t.app, DEMO.mellerud, DEMO_PASSWORD, C)).status, 200, 'rätt lösenord');
      assert.equal(await failuresOf(DEMO.mellerud, C), 0, 'glömda för C');
      assert.equal(await failuresOf(DEMO.mellerud, D), 2, 'kvar för D');
    });

    it('en återställning av lösenordet häver bromsen från alla adresser och avslutar alla sessioner', async () => {
      const email = 'reset-sessions@example.se';
      await createUser(t.db, { email, name: 'Återställ Sessioner', password: 'ett-gammalt-lösenord', role: 'lasare' });
      const one = new Client(t.app);
      const two = new Client(t.app);
      assert.equal((await one.login(email, 'ett-gammalt-lösenord')).status, 200, 'session 1');
      assert.equal((await two.login(email, 'ett-gammalt-lösenord')).status, 200, 'session 2');
      await addFailures(email, '192.0.2.10', 12);
      await addFailures(email, '192.0.2.11', 5);
      assert.equal((await login(t.app, email, 'ett-gammalt-lösenord', '192.0.2.10')).status, 429, 'bromsad före');

      const anon = new Client(t.app);
      assert.equal((await anon.post('/api/auth/password-reset', { email })).status, 202, 'begäran');
      const admin = await loggedIn(t.app, DEMO.admin);
      const mail = (await admin.get('/api/admin/outbox')).body.messages.find((m: any) => m.to_address === email);
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.body)![1];
      assert.equal((await anon.post('/api/auth/password-reset/confirm', { token, password: 'ett-nytt-lösenord' })).status, 200, 'bytt');

      assert.equal(await failuresOf(email), 0, 'alla misslyckanden glömda');
      for (const c of [one, two]) assert.deepEqual((await c.get('/api/auth/me')).body, { user: null }, 'sessionen är avslutad');
      assert.equal((await login(t.app, email, 'ett-nytt-lösenord', '192.0.2.10')).status, 200, 'släpps in från den bromsade adressen');
      const entry = (await admin.get('/api/admin/audit')).body.entries.find((e: any) => e.action === 'password.reset');
      assert.equal(entry.target, email, 'loggen säger vems lösenord');
    });

    it('en ny återställningslänk gör äldre oanvända länkar ogiltiga', async () => {
      const email = 'two-links@example.se';
      await createUser(t.db, { email, name: 'Två Länkar', password: 'ett-gammalt-lösenord', role: 'lasare' });
      const anon = new Client(t.app);
      for (let i = 0; i < 2; i++) assert.equal((await anon.post('/api/auth/password-reset', { email })).status, 202, 'begäran');
      const admin = await loggedIn(t.app, DEMO.admin);
      // Newest first.
      const [newer, older] = (await admin.get('/api/admin/outbox')).body.messages
        .filter((m: any) => m.to_address === email)
        .map((m: any) => /token=([A-Za-z0-9_-]+)/.exec(m.body)![1]);
      assert.ok(newer && older && newer !== older, 'två länkar');
      const old = await anon.post('/api/auth/password-reset/confirm', { token: older, password: 'ett-nytt-lösenord' });
      assert.equal(old.status, 400, 'den äldre länken fungerar inte');
      assert.equal(old.body.error, 'Länken är ogiltig, redan använd eller har gått ut. Begär en ny.');
      assert.equal((await anon.post('/api/auth/password-reset/confirm', { token: newer, password: 'ett-nytt-lösenord' })).status, 200, 'den nya fungerar');
    });

    it('att använda en länk gör kontots alla andra länkar ogiltiga', async () => {
      const user = await createUser(t.db, { email: 'consume@example.se', name: 'Förbruka', password: 'ett-gammalt-lösenord', role: 'lasare' });
      const { token: used } = await requestPasswordReset(t.db, user.email);
      // A second live link, as issued before links superseded each other.
      await t.db.query(`INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
        hashToken('en-tidigare-lank-0123456789'),
        user.id,
      ]);
      assert.equal(await consumePasswordReset(t.db, used), user.id, 'den ena förbrukas');
      assert.equal(await consumePasswordReset(t.db, 'en-tidigare-lank-0123456789'), undefined, 'den andra fungerar inte längre');
    });

    it('ett lösenordsbyte med kvarhållen session avslutar kontots övriga sessioner', async () => {
      const user = await createUser(t.db, { email: 'change@example.se', name: 'Byte', password: 'ett-gammalt-lösenord', role: 'lasare' });
      const mine = await createSession(t.db, user.id);
      const other = await createSession(t.db, user.id);
      await setPassword(t.db, user.id, 'ett-nytt-lösenord', { keepSession: mine.token });
      assert.ok(await getSession(t.db, mine.token), 'den egna sessionen lever');
      assert.equal(await getSession(t.db, other.token), undefined, 'den andra är avslutad');
      await setPassword(t.db, user.id, 'ett-tredje-lösenord');
      assert.equal(await getSession(t.db, mine.token), undefined, 'utan kvarhållen session avslutas alla');
    });

    it('begäran om ny länk: samma svar för kända och okända adresser, mejl bara till kända', async () => {
      const anon = new Client(t.app);
      const known = await anon.post('/api/auth/password-reset', { email: DEMO.reader });
      const unknown = await anon.post('/api/auth/password-reset', { email: 'ingen-alls@example.se' });
      assert.equal(known.status, 202, 'känd');
      assert.equal(unknown.status, 202, 'okänd');
      assert.deepEqual(unknown.body, known.body, 'samma svar');
      assert.deepEqual(known.body, { message: 'Om adressen finns skickas en länk för att återställa lösenordet.' });
      const admin = await loggedIn(t.app, DEMO.admin);
      const to = (await admin.get('/api/admin/outbox')).body.messages.map((m: any) => m.to_address);
      assert.ok(to.includes(DEMO.reader), 'mejl till känd adress');
      assert.ok(!to.includes('ingen-alls@example.se'), 'inget mejl till okänd adress');
      const requests = (await admin.get('/api/admin/audit')).body.entries.filter((e: any) => e.action === 'password.reset_requested');
      assert.equal(requests.find((e: any) => e.target === 'ingen-alls@example.se')?.detail, 'Adressen hör inte till något konto; inget mejl skickades');
      assert.equal(requests.find((e: any) => e.target === DEMO.reader)?.detail, '', 'känd adress');
    });

    it('fel lösenord tar lika lång tid för okända som för befintliga konton (medianer av 20, skillnad under 20 %)', async (tc) => {
      // One of each first: the dummy hash is made on the first unknown address.
      await login(t.app, UNKNOWN, WRONG, '10.1.0.1');
      await login(t.app, DEMO.reader, WRONG, '10.1.0.2');
      const known: number[] = [];
      const unknown: number[] = [];
      // A new address per attempt keeps the throttle out of it; interleaved so that load hits both alike.
      for (let i = 0; i < 20; i++) {
        const k = await login(t.app, DEMO.reader, WRONG, `10.2.${i}.1`);
        const u = await login(t.app, `okand-${i}@example.se`, WRONG, `10.3.${i}.1`);
        assert.equal(k.status, 401, 'befintligt konto: fel lösenord');
        assert.equal(u.status, 401, 'okänt konto');
        known.push(k.ms);
        unknown.push(u.ms);
      }
      const mk = median(known);
      const mu = median(unknown);
      const diff = Math.abs(mk - mu) / Math.max(mk, mu);
      tc.diagnostic(`median befintligt ${mk.toFixed(1)} ms, okänt ${mu.toFixed(1)} ms`);
      assert.ok(diff < 0.2, `median befintligt ${mk.toFixed(1)} ms, okänt ${mu.toFixed(1)} ms (skillnad ${(diff * 100).toFixed(1)} %)`);
    });
  });
}
