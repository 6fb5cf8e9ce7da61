// Single sign-on against a real OpenID Provider (oidc-provider in-process, test/support/oidc-provider.ts):
// the whole redirect flow over HTTP on both backends, the happy path and a refusal in Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../src/domain/organisation.ts';
import { createUser } from '../src/store/accounts.ts';
import { findAssociation } from '../src/store/associations.ts';
import { issueInvitation } from '../src/store/invitations.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { assertAccessible, browserSuite, signIn as signInWithPassword } from './support/browser.ts';
import { backends } from './support/db.ts';
import { startTestOp, type TestOp, type TestPerson } from './support/oidc-provider.ts';

const CALLBACK = '/api/auth/oidc/callback';

function useProvider(app: FastifyInstance, op: TestOp, id = 'default', clientId = op.clientId) {
  app.config.oidcProviders.push({ id, issuer: op.issuer, clientId, clientSecret: op.clientSecret, label: `Logga in via ${id}` });
}

/** Cookies as a browser keeps them for one host (the provider's), by name. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  toString() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

interface Started {
  /** samverka's state cookie for the callback ("samverka_oidc=…"). */
  cookie: string;
  /** The callback path and query the provider sends the browser to. */
  callback: string;
  state: string;
}

/** Starts a sign-in at samverka and goes through the provider as a browser would, up to the callback. */
async function throughProvider(app: FastifyInstance, op: TestOp, person: TestPerson, provider = 'default'): Promise<Started> {
  op.signInAs(person);
  const start = await app.inject({ url: `/api/auth/oidc/login?provider=${provider}&returnTo=/rundor` });
  assert.equal(start.statusCode, 302, start.body);
  const state = start.cookies.find((c) => c.name === 'samverka_oidc')!;
  assert.equal(state.httpOnly, true);
  assert.equal(state.sameSite, 'Lax');
  let location = start.headers.location as string;
  assert.ok(location.startsWith(op.issuer), location);
  const jar = new Jar();
  for (let hops = 0; hops < 10; hops++) {
    const res = await fetch(location, { redirect: 'manual', headers: { cookie: jar.toString() } });
    jar.take(res);
    const next = res.headers.get('location');
    assert.ok(next, `${res.status} at ${location}: ${await res.text()}`);
    location = new URL(next, location).toString();
    if (location.startsWith(app.config.baseUrl + CALLBACK)) {
      const url = new URL(location);
      return { cookie: `samverka_oidc=${state.value}`, callback: url.pathname + url.search, state: state.value };
    }
  }
  throw new Error('the provider never sent the browser back');
}

async function callback(app: FastifyInstance, s: Pick<Started, 'cookie' | 'callback'>) {
  const res = await app.inject({ url: s.callback, headers: { cookie: s.cookie } });
  const sid = res.cookies.find((c) => c.name === 'samverka_sid' && c.value);
  return { status: res.statusCode, body: res.body, location: res.headers.location, sid: sid?.value };
}

/** The whole sign-in; the session cookie when it succeeded. */
async function signIn(app: FastifyInstance, op: TestOp, person: TestPerson, provider?: string) {
  return callback(app, await throughProvider(app, op, person, provider));
}

async function me(app: FastifyInstance, sid: string) {
  return JSON.parse((await app.inject({ url: '/api/auth/me', headers: { cookie: `samverka_sid=${sid}` } })).body).user;
}

const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0].n);

for (const backend of backends) {
  describe(`SSO med en riktig OpenID-leverantör (${backend.name})`, () => {
    let t: TestApp;
    let op: TestOp;
    before(async () => {
      t = await startApp(backend);
      op = await startTestOp([`http://samverka.test${CALLBACK}`]);
      useProvider(t.app, op);
      const admin = await loggedIn(t.app, DEMO.admin);
      assert.equal((await admin.request('PUT', '/api/admin/sign-in/domains/mellerud.se', { provisioning: 'create', municipalityCode: '1461', passwordSignIn: true })).status, 200);
      assert.equal((await admin.request('PUT', '/api/admin/sign-in/domains/amal.se', { provisioning: 'refuse', municipalityCode: null, passwordSignIn: true })).status, 200);
    });
    after(async () => {
      await op?.close();
      await t?.close();
    });

    const anna = { sub: 'anna-1', email: 'anna@it.mellerud.se', email_verified: true, name: 'Anna Andersson' };

    test('första inloggningen skapar en läsare i domänens kommun; nästa återanvänder kontot', async () => {
      const first = await signIn(t.app, op, anna);
      assert.equal(first.status, 302, first.body);
      assert.equal(first.location, '/rundor');
      const user = await me(t.app, first.sid!);
      assert.deepEqual([user.email, user.name, user.role, user.municipalities, user.hasPassword, user.status], ['anna@it.mellerud.se', 'Anna Andersson', 'lasare', ['1461'], false, 'active']);
      assert.deepEqual(user.ssoProviders, ['default']);
      const second = await signIn(t.app, op, { ...anna, name: 'Anna Nyttnamn' });
      assert.equal(second.status, 302);
      assert.notEqual(second.sid, first.sid);
      const again = await me(t.app, second.sid!);
      assert.equal(again.id, user.id);
      assert.equal(again.name, 'Anna Andersson', 'samverka keeps its own name');
      assert.equal(await count(t, "users WHERE email = 'anna@it.mellerud.se'"), 1);
      assert.equal(await count(t, "audit_log WHERE action = 'sso.account_created'"), 1);
      assert.equal(await count(t, "audit_log WHERE action = 'login' AND details->>'method' = 'oidc'"), 2);
    });

    test('okänd domän och domän som nekas: 403 på svenska, inget konto', async () => {
      for (const email of ['per@okand.se', 'per@amal.se']) {
        const r = await signIn(t.app, op, { sub: `per-${email}`, email, email_verified: true });
        assert.equal(r.status, 403);
        assert.equal(r.sid, undefined);
        assert.match(r.body, /<html lang="sv">/);
        assert.match(r.body, /Din e-postdomän har inte tillgång till samverka\. Kontakta förbundets administratör/);
        assert.match(r.body, /mailto:admin@demo\.samverka\.se/);
        assert.doesNotMatch(r.body, /<script/);
        assert.equal(await count(t, 'users WHERE email = $1', [email]), 0);
      }
      assert.equal(await count(t, "audit_log WHERE action = 'sso.refused' AND details->>'reason' = 'domain_refused'"), 2);
    });

    test('nekad i ett annat förbunds domän: det förbundets administratörer som kontakt, händelsen i dess logg', async () => {
      const gr = (await findAssociation(t.db, 'gr'))!.id;
      const grAdminEmail = 'admin@goteborgsregionen.test';
      await createUser(t.db, { email: grAdminEmail, name: 'GR:s förbundsadmin', password: DEMO_PASSWORD, role: 'forbundsadmin', associationId: gr });
      const grAdmin = await loggedIn(t.app, grAdminEmail);
      const put = await grAdmin.request('PUT', '/api/admin/sign-in/domains/partille.se', { provisioning: 'refuse', municipalityCode: null, passwordSignIn: true });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const r = await signIn(t.app, op, { sub: 'lisa-partille', email: 'lisa@partille.se', email_verified: true });
      assert.equal(r.status, 403);
      assert.match(r.body, /mailto:admin@goteborgsregionen\.test/);
      assert.doesNotMatch(r.body, /mailto:admin@demo\.samverka\.se/, 'inte Fyrbodals administratör');
      const grLog = (await grAdmin.get('/api/admin/audit?action=sso.refused')).body.entries;
      assert.ok(grLog.some((e: any) => e.target === 'lisa@partille.se'), 'i GR:s logg');
      const fyLog = (await (await loggedIn(t.app, DEMO.admin)).get('/api/admin/audit?action=sso.refused')).body.entries;
      assert.ok(!fyLog.some((e: any) => e.target === 'lisa@partille.se'), 'inte i Fyrbodals logg');
      assert.ok(fyLog.some((e: any) => e.target === 'per@okand.se'), 'en okänd domän hör till instansens hemförbund');
    });

    test('bekräftad e-post kopplar till ett befintligt konto; obekräftad nekas utan att något skapas', async () => {
      const unverified = await signIn(t.app, op, { sub: 'mel-1', email: DEMO.mellerud, email_verified: false });
      assert.equal(unverified.status, 403);
      assert.match(unverified.body, /inte bekräftat e-postadressen/);
      const unverifiedNew = await signIn(t.app, op, { sub: 'ny-1', email: 'ny@mellerud.se' });
      assert.equal(unverifiedNew.status, 403);
      assert.equal(await count(t, "users WHERE email = 'ny@mellerud.se'"), 0);
      assert.equal(await count(t, "user_identities WHERE subject IN ('mel-1', 'ny-1')"), 0);

      const linked = await signIn(t.app, op, { sub: 'mel-1', email: DEMO.mellerud.toUpperCase(), email_verified: true });
      assert.equal(linked.status, 302, linked.body);
      const user = await me(t.app, linked.sid!);
      assert.equal(user.email, DEMO.mellerud);
      assert.equal(user.role, 'kommunansvarig', 'the role stays samverka’s');
      assert.equal(await count(t, "audit_log WHERE action = 'sso.identity_linked' AND target = $1", [DEMO.mellerud]), 1);
    });

    test('avaktiverat konto nekas; inbjudet konto tas emot genom SSO-inloggningen', async () => {
      await t.db.query("UPDATE users SET deactivated_at = now() WHERE email = $1", [DEMO.reader]);
      const gone = await signIn(t.app, op, { sub: 'reader-1', email: DEMO.reader, email_verified: true });
      assert.equal(gone.status, 403);
      assert.match(gone.body, /Kontot är avaktiverat/);

      const invited = await createUser(t.db, { email: 'bo@mellerud.se', name: 'Bo Inbjuden', role: 'kommunansvarig', municipalities: ['1461'], invited: true });
      const noInvitation = await signIn(t.app, op, { sub: 'bo-1', email: 'bo@mellerud.se', email_verified: true });
      assert.equal(noInvitation.status, 403, 'an invited account without an open invitation');
      assert.match(noInvitation.body, /inte aktiverat ännu/);
      await issueInvitation(t.db, invited.id, null);
      const accepted = await signIn(t.app, op, { sub: 'bo-1', email: 'bo@mellerud.se', email_verified: true });
      assert.equal(accepted.status, 302, accepted.body);
      const user = await me(t.app, accepted.sid!);
      assert.deepEqual([user.id, user.status, user.role], [invited.id, 'active', 'kommunansvarig']);
      assert.equal(await count(t, 'invitations WHERE user_id = $1 AND accepted_at IS NOT NULL', [invited.id]), 1);
      assert.equal(await count(t, "audit_log WHERE action = 'invitation.accepted' AND target = 'bo@mellerud.se'"), 1);
    });

    test('state saknas, är någon annans, har gått ut eller används två gånger: 400 utan session', async () => {
      const none = await callback(t.app, { callback: `${CALLBACK}?code=abc`, cookie: '' });
      assert.equal(none.status, 400);
      assert.match(none.body, /Inloggningen kunde inte slutföras/);

      const mine = await throughProvider(t.app, op, anna);
      const theirs = await throughProvider(t.app, op, { sub: 'eve', email: 'eve@mellerud.se', email_verified: true });
      const foreign = await callback(t.app, { callback: theirs.callback, cookie: mine.cookie });
      assert.deepEqual([foreign.status, foreign.sid], [400, undefined]);
      assert.match(foreign.body, /startades inte i den här webbläsaren/);
      assert.equal(await count(t, "users WHERE email = 'eve@mellerud.se'"), 0);

      const ok = await callback(t.app, mine);
      assert.equal(ok.status, 302);
      const replay = await callback(t.app, mine);
      assert.deepEqual([replay.status, replay.sid], [400, undefined]);
      assert.match(replay.body, /redan använd/);

      // The same code presented with a fresh flow of the same browser: the provider refuses it.
      const fresh = await throughProvider(t.app, op, anna);
      const code = new URLSearchParams(mine.callback.split('?')[1]).get('code')!;
      const replayedCode = await callback(t.app, { cookie: fresh.cookie, callback: `${CALLBACK}?code=${encodeURIComponent(code)}&state=${fresh.state}&iss=${encodeURIComponent(op.issuer)}` });
      assert.deepEqual([replayedCode.status, replayedCode.sid], [401, undefined]);

      const late = await throughProvider(t.app, op, anna);
      await t.db.query("UPDATE oidc_flows SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL");
      const expired = await callback(t.app, late);
      assert.deepEqual([expired.status, expired.sid], [400, undefined]);
      assert.match(expired.body, /tog för lång tid/);
      assert.ok((await count(t, "audit_log WHERE action = 'login.failed' AND details->>'method' = 'oidc'")) >= 5);
    });

    test('ändrad nonce, leverantörens fel, fel mottagare och okänd nyckel: 401 utan session eller konto', async () => {
      const nobody = { sub: 'nora', email: 'nora@mellerud.se', email_verified: true };
      const rejected = () => count(t, "audit_log WHERE action = 'login.failed' AND details->>'reason' = 'token_rejected'");
      const rejectedBefore = await rejected();
      /** Why openid-client refused the last callback (the audit entry's detail). */
      const why = async () =>
        (await t.db.query<{ d: string }>("SELECT details->>'detail' AS d FROM audit_log WHERE details->>'reason' = 'token_rejected' ORDER BY id DESC LIMIT 1")).rows[0].d;
      const tampered = await throughProvider(t.app, op, nobody);
      await t.db.query("UPDATE oidc_flows SET nonce = 'ändrad' WHERE used_at IS NULL");
      const nonce = await callback(t.app, tampered);
      assert.deepEqual([nonce.status, nonce.sid], [401, undefined]);
      assert.match(nonce.body, /kunde inte bekräftas/);
      assert.match(await why(), /\(nonce\)/);

      const denied = await throughProvider(t.app, op, nobody);
      const error = await callback(t.app, { cookie: denied.cookie, callback: `${CALLBACK}?error=access_denied&state=${denied.state}&iss=${encodeURIComponent(op.issuer)}` });
      assert.deepEqual([error.status, error.sid], [401, undefined]);

      // samverka is registered as "samverka-other", but the provider's ID token is for "samverka".
      useProvider(t.app, op, 'other', 'samverka-other');
      op.aliasClient('samverka-other');
      try {
        const audience = await signIn(t.app, op, nobody, 'other');
        assert.deepEqual([audience.status, audience.sid], [401, undefined]);
        assert.match(await why(), /\(aud\)/);
      } finally {
        op.aliasClient(undefined);
      }

      op.useUnknownKey(true);
      try {
        const unknownKey = await signIn(t.app, op, nobody);
        assert.deepEqual([unknownKey.status, unknownKey.sid], [401, undefined]);
        assert.match(await why(), /no applicable keys found/);
      } finally {
        op.useUnknownKey(false);
      }
      assert.equal(await count(t, "users WHERE email = 'nora@mellerud.se'"), 0);
      assert.equal((await rejected()) - rejectedBefore, 4);
      // The same person, now through the provider as it should be: signed in (so nothing above was refused by chance).
      assert.equal((await signIn(t.app, op, nobody)).status, 302);
    });

    test('lösenordsinloggning avstängd för en domän; administrationen av domänreglerna', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const put = await admin.request('PUT', '/api/admin/sign-in/domains/demo.samverka.se', { provisioning: 'refuse', municipalityCode: null, passwordSignIn: false });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const refused = await new Client(t.app).login(DEMO.smlIt);
      assert.equal(refused.status, 403);
      assert.match(refused.body.error, /loggar in med sitt eget konto/);
      const settings = await admin.get('/api/admin/sign-in');
      assert.deepEqual(settings.body.providers.map((p: { id: string }) => p.id), ['default', 'other']);
      assert.equal(JSON.stringify(settings.body).includes(op.clientSecret), false, 'no secret');
      assert.deepEqual(settings.body.domains.map((d: { domain: string }) => d.domain), ['amal.se', 'demo.samverka.se', 'mellerud.se']);
      const unknown = await admin.request('PUT', '/api/admin/sign-in/domains/x.se', { provisioning: 'create', municipalityCode: '9999', passwordSignIn: true });
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.error, /Kommunen med kod 9999 finns inte/);
      assert.equal((await admin.request('DELETE', '/api/admin/sign-in/domains/demo.samverka.se')).status, 200);
      assert.equal((await admin.request('DELETE', '/api/admin/sign-in/domains/demo.samverka.se')).status, 404);
      assert.equal((await new Client(t.app).login(DEMO.smlIt)).status, 200);
      // Fyrbodal's four (GR's rule for partille.se, saved above, is GR's).
      assert.equal(await count(t, "audit_log WHERE action IN ('sign_in_domain.saved', 'sign_in_domain.deleted') AND target <> 'partille.se'"), 4);
      assert.deepEqual(JSON.parse((await t.app.inject({ url: '/api/auth/providers' })).body), [
        { id: 'default', label: 'Logga in via default' },
        { id: 'other', label: 'Logga in via other' },
      ]);
    });
  });
}

describe('SSO i webbläsaren', () => {
  const suite = browserSuite();
  let op: TestOp;
  before(async () => {
    suite.t.app.config.baseUrl = suite.base;
    op = await startTestOp([`${suite.base}${CALLBACK}`]);
    useProvider(suite.t.app, op);
    suite.t.app.config.oidcProviders[0].label = 'Logga in med kommunens konto';
    await suite.t.db.query("INSERT INTO sign_in_domains (domain, provisioning, municipality_code) VALUES ('mellerud.se', 'create', '1461')");
  });
  after(async () => op?.close());

  test('första och andra inloggningen genom leverantören, och en domän som inte får logga in', async () => {
    const person = { sub: 'web-1', email: 'webb@mellerud.se', email_verified: true, name: 'Webb Användare' };
    const ids: number[] = [];
    for (let round = 0; round < 2; round++) {
      op.signInAs(person);
      const page = await suite.newPage();
      await page.goto(`${suite.base}/logga-in`);
      if (round === 0) {
        await page.getByRole('link', { name: 'Logga in med kommunens konto' }).waitFor();
        await assertAccessible(page, 'inloggningen med knappen för organisationens konto');
      }
      await page.getByRole('link', { name: 'Logga in med kommunens konto' }).click();
      await page.getByRole('heading', { name: 'Översikt', level: 1 }).waitFor();
      ids.push((await (await page.request.get(`${suite.base}/api/auth/me`)).json()).user.id);
      await page.context().close();
    }
    assert.equal(ids[0], ids[1]);

    op.signInAs({ sub: 'web-2', email: 'webb@okand.se', email_verified: true });
    const page = await suite.newPage();
    await page.goto(`${suite.base}/logga-in`);
    await page.getByRole('link', { name: 'Logga in med kommunens konto' }).click();
    await page.getByRole('heading', { name: 'Du kan inte logga in i samverka', level: 1 }).waitFor();
    assert.match(await page.locator('main').innerText(), /Kontakta förbundets administratör/);
    assert.equal((await page.context().cookies()).some((c) => c.name === 'samverka_sid'), false);
    await assertAccessible(page, 'sidan för en nekad inloggning');
    await page.context().close();
  });

  test('Administration → Inloggning visar leverantören och domänreglerna', async () => {
    const page = await suite.newPage();
    await signInWithPassword(page, suite.base, DEMO.admin);
    await page.goto(`${suite.base}/admin/inloggning`);
    await page.getByRole('rowheader', { name: 'mellerud.se' }).waitFor();
    assert.ok(await page.getByRole('cell', { name: 'Logga in med kommunens konto' }).isVisible());
    await page.getByLabel('Domän', { exact: true }).fill('amal.se');
    await page.getByLabel('Lösenordsinloggning tillåten för domänens konton').uncheck();
    await page.getByRole('button', { name: 'Spara regeln' }).click();
    await page.getByRole('rowheader', { name: 'amal.se' }).waitFor();
    await assertAccessible(page, 'Administration → Inloggning');
    const rule = (await suite.t.db.query('SELECT provisioning, password_sign_in FROM sign_in_domains WHERE domain = $1', ['amal.se'])).rows[0];
    assert.deepEqual(rule, { provisioning: 'refuse', password_sign_in: false });
    await page.context().close();
  });
});
