import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { loadDemo } from '../src/demo/index.ts';
import { DEMO_ACCOUNTS, FYRBODAL } from '../src/domain/organisation.ts';
import { listMunicipalities } from '../src/store/organisation.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

for (const backend of backends) {
  describe(`plattformen (${backend.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend);
    });
    after(() => t.close());

    it('svarar på /api/health med JSON', async () => {
      const r = await new Client(t.app).get('/api/health');
      assert.equal(r.status, 200);
      assert.equal(r.body.status, 'ok');
      assert.equal(r.body.database, backend.name);
    });

    it('sätter säkerhetshuvuden', async () => {
      const r = await new Client(t.app).get('/api/health');
      assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
    });

    it('demoregionen har Fyrbodals 14 kommuner, tio verksamhetsområden och SML-IT', async () => {
      const c = await loggedIn(t.app, DEMO.admin);
      const m = await c.get('/api/municipalities');
      assert.equal(m.body.municipalities.length, 14);
      const mellerud = m.body.municipalities.find((x: any) => x.code === '1461');
      assert.equal(mellerud.name, 'Mellerud');
      const o = await c.get('/api/organisation');
      assert.equal(o.body.areas.length, 10);
      const sml = o.body.itOrganisations.find((x: any) => x.name === 'SML-IT');
      assert.deepEqual(sml.members, ['1427', '1430', '1484']);
    });

    it('demo load är idempotent', async () => {
      await loadDemo(t.db);
      await loadDemo(t.db);
      // The region's 50 municipalities are reference data (migration 015); the demo adds none of its own.
      const n = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM municipalities')).rows[0].n;
      assert.equal(n, 50);
      const fyrbodal = (
        await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM municipalities m JOIN associations a ON a.id = m.association_id WHERE a.short_id = 'fyrbodal'`,
        )
      ).rows[0].n;
      assert.equal(fyrbodal, FYRBODAL.length);
      const u = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n;
      assert.equal(u, DEMO_ACCOUNTS.length);
    });

    it('kommunerna kommer i svensk bokstavsordning (å, ä, ö efter z), oavsett databasens sortering', async () => {
      // In byte order (the embedded database's collation) Ä (C3 84) comes before Å (C3 85).
      await t.db.query(`INSERT INTO municipalities (code, name) VALUES ('9991', 'Älvängen (test)')`);
      try {
        const names = (await listMunicipalities(t.db)).map((m) => m.name);
        const at = (n: string) => names.indexOf(n);
        assert.ok(at('Ale') < at('Vänersborg'));
        assert.ok(at('Vänersborg') < at('Åmål'), names.join(', '));
        assert.ok(at('Åmål') < at('Älvängen (test)'), names.join(', '));
        assert.ok(at('Älvängen (test)') < at('Öckerö'), names.join(', '));
        assert.equal(names.at(-1), 'Öckerö');
      } finally {
        await t.db.query(`DELETE FROM municipalities WHERE code = '9991'`);
      }
    });

    it('kräver inloggning', async () => {
      const r = await new Client(t.app).get('/api/municipalities');
      assert.equal(r.status, 401);
      assert.match(r.body.error, /logga in/);
    });

    it('okänd kommunkod ger 404, felaktig kod 400', async () => {
      const c = await loggedIn(t.app, DEMO.admin);
      assert.equal((await c.get('/api/municipalities/9999')).status, 404);
      const bad = await c.get('/api/municipalities/abc');
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /fyra siffror/);
    });

    it('kommunansvarig för Mellerud får 403 på en annan kommuns identifierbara uppgifter', async () => {
      const c = await loggedIn(t.app, DEMO.mellerud);
      assert.equal((await c.get('/api/municipalities/1461/contacts')).status, 200);
      const other = await c.get('/api/municipalities/1460/contacts');
      assert.equal(other.status, 403);
      assert.match(other.body.error, /behörighet/);
      const reader = await loggedIn(t.app, DEMO.reader);
      assert.equal((await reader.get('/api/municipalities/1461/contacts')).status, 403);
      const admin = await loggedIn(t.app, DEMO.admin);
      assert.equal((await admin.get('/api/municipalities/1460/contacts')).status, 200);
    });

    it('endast förbundsadmin når administrationen', async () => {
      for (const who of [DEMO.mellerud, DEMO.reader]) {
        const c = await loggedIn(t.app, who);
        assert.equal((await c.get('/api/admin/users')).status, 403);
        assert.equal((await c.post('/api/admin/users', {})).status, 403);
      }
    });

    it('felaktig JSON och fel typ ger 400 på svenska utan ändring', async () => {
      const c = await loggedIn(t.app, DEMO.admin);
      const before = (await c.get('/api/admin/users')).body.users.length;
      const bad = await c.request('POST', '/api/admin/users', '{"email": ', { 'content-type': 'application/json' });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /Ogiltig JSON/);
      const wrongType = await c.post('/api/admin/users', { email: 'x@y.se', name: 5, password: 'a-long-password-1', role: 'lasare' });
      assert.equal(wrongType.status, 400);
      assert.match(wrongType.body.error, /Namn/);
      const wrongRole = await c.post('/api/admin/users', { email: 'x@y.se', name: 'X', password: 'a-long-password-1', role: 'kung' });
      assert.equal(wrongRole.status, 400);
      assert.match(wrongRole.body.error, /Rollen/);
      assert.equal((await c.get('/api/admin/users')).body.users.length, before);
    });

    it('för stor kropp ger 413', async () => {
      const c = await loggedIn(t.app, DEMO.admin);
      const r = await c.request('POST', '/api/admin/users', JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), {
        'content-type': 'application/json',
      });
      assert.equal(r.status, 413);
      assert.match(r.body.error, /för stor/);
    });

    it('admin skapar en kommunansvarig och ändrar behörighet; båda loggas', async () => {
      const c = await loggedIn(t.app, DEMO.admin);
      const created = await c.post('/api/admin/users', {
        email: 'it-chef@amal.example.se',
        name: 'IT-chef Åmål',
        password: 'ett-långt-lösenord',
        role: 'kommunansvarig',
        municipalities: ['1492'],
      });
      assert.equal(created.status, 201);
      const dup = await c.post('/api/admin/users', { email: 'IT-CHEF@amal.example.se', name: 'X', password: 'ett-långt-lösenord', role: 'lasare' });
      assert.equal(dup.status, 409);
      const upd = await c.patch(`/api/admin/users/${created.body.user.id}`, { municipalities: ['1492', '1460'], reason: 'Ansvarar även för Bengtsfors' });
      assert.equal(upd.status, 200);
      assert.deepEqual(upd.body.user.municipalities, ['1460', '1492']);
      const unknownMunicipality = await c.patch(`/api/admin/users/${created.body.user.id}`, { municipalities: ['9999'], reason: 'Test' });
      assert.equal(unknownMunicipality.status, 404);
      const log = (await c.get('/api/admin/audit')).body.entries.map((e: any) => e.action);
      assert.ok(log.includes('user.created'));
      assert.ok(log.includes('user.permissions_changed'));
      assert.ok(log.includes('login'));
      const amal = new Client(t.app);
      assert.equal((await amal.login('it-chef@amal.example.se', 'ett-långt-lösenord')).status, 200);
      assert.equal((await amal.get('/api/municipalities/1460/contacts')).status, 200);
      assert.equal((await amal.get('/api/municipalities/1461/contacts')).status, 403);
    });

    it('muterande anrop utan CSRF-token avvisas', async () => {
      const c = await loggedIn(t.app, DEMO.admin);
      c.csrf = undefined;
      const r = await c.post('/api/admin/users', { email: 'a@b.se', name: 'A', password: 'ett-långt-lösenord', role: 'lasare' });
      assert.equal(r.status, 403);
      assert.match(r.body.error, /CSRF/);
    });

    it('en sessionskaka från en utloggad session avvisas', async () => {
      const c = await loggedIn(t.app, DEMO.reader);
      const cookie = c.cookie;
      assert.equal((await c.post('/api/auth/logout')).status, 200);
      const replay = new Client(t.app);
      replay.cookie = cookie;
      const me = await replay.get('/api/auth/me');
      assert.equal(me.status, 200);
      assert.deepEqual(me.body, { user: null });
      assert.equal((await replay.get('/api/municipalities')).status, 401);
    });

    it('upprepade felaktiga lösenord bromsar adressen med tydligt meddelande, även för rätt lösenord', async () => {
      const c = new Client(t.app);
      for (let i = 0; i < 4; i++) assert.equal((await c.login(DEMO.smlIt, 'fel-lösenord')).status, 401, `försök ${i + 1}`);
      // Two more failures from the same address, just now: six → 4 s from the last one.
      for (let i = 0; i < 2; i++) await t.db.query("INSERT INTO login_failures (email, ip) VALUES ($1, '127.0.0.1')", [DEMO.smlIt]);
      const held = await c.login(DEMO.smlIt);
      assert.equal(held.status, 429, 'bromsad');
      assert.match(held.body.error, /^För många misslyckade inloggningsförsök\. Vänta [1-4] sekunde?r? och försök igen/);
      assert.match(String(held.headers['retry-after']), /^[1-4]$/);
      const admin = await loggedIn(t.app, DEMO.admin);
      const failed = (await admin.get('/api/admin/audit')).body.entries.filter((e: any) => e.action === 'login.failed');
      assert.ok(failed.length >= 5, `${failed.length} misslyckade inloggningar i loggen`);
    });

    it('återställning av lösenord via e-postlänk i utkorgen', async () => {
      const anon = new Client(t.app);
      const req = await anon.post('/api/auth/password-reset', { email: DEMO.reader });
      assert.equal(req.status, 202);
      const unknown = await anon.post('/api/auth/password-reset', { email: 'finns-inte@example.se' });
      assert.equal(unknown.status, 202);
      const admin = await loggedIn(t.app, DEMO.admin);
      const mail = (await admin.get('/api/admin/outbox')).body.messages.find((m: any) => m.to_address === DEMO.reader);
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.body)![1];
      assert.match(mail.body, /^http|http:\/\/samverka\.test\/aterstall-losenord\?token=/m);
      const weak = await anon.post('/api/auth/password-reset/confirm', { token, password: 'kort' });
      assert.equal(weak.status, 400);
      assert.match(weak.body.error, /minst 12 tecken/);
      const ok = await anon.post('/api/auth/password-reset/confirm', { token, password: 'mitt-nya-lösenord' });
      assert.equal(ok.status, 200);
      const again = await anon.post('/api/auth/password-reset/confirm', { token, password: 'mitt-nya-lösenord2' });
      assert.equal(again.status, 400);
      assert.equal((await new Client(t.app).login(DEMO.reader)).status, 401);
      assert.equal((await new Client(t.app).login(DEMO.reader, 'mitt-nya-lösenord')).status, 200);
    });

    it('okänd API-adress ger 404 på svenska', async () => {
      const r = await new Client(t.app).get('/api/finns-inte');
      assert.equal(r.status, 404);
      assert.match(r.body.error, /Okänd adress/);
    });
  });
}
