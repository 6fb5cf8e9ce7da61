// Production HTTP (issue 10): a server log an operator can use without it leaking link tokens, passwords,
// cookies or e-mail addresses; request ids; liveness and readiness; compression; cache headers; Secure
// cookies behind https.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { configFromEnv } from '../src/config.ts';
import type { Db } from '../src/db/db.ts';
import { migrationFiles } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/index.ts';
import { DEMO_PASSWORD } from '../src/domain/organisation.ts';
import { buildApp, WEB_DIR } from '../src/server/app.ts';
import { AppError } from '../src/domain/errors.ts';
import { genReqId, logLevelFromEnv, loggerOptions, redactUrl } from '../src/server/logging.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';

const TOKEN = 'WSFvyyw0MWRoCvxPMuXcYG3rAmBOQ77gVm20dSKMDeE';

describe('redactUrl', () => {
  it('döljer svarslänkar, återställningstoken och e-postadresser men inget annat', () => {
    assert.equal(redactUrl(`/api/r/${TOKEN}/answers/portfoljstyrning`), '/api/r/[dold]/answers/portfoljstyrning');
    assert.equal(redactUrl(`/api/r/${TOKEN}`), '/api/r/[dold]');
    assert.equal(redactUrl('/svar/abc-DEF_123?x=1'), '/svar/[dold]?x=1');
    assert.equal(redactUrl('/aterstall-losenord?token=abc123&x=1'), '/aterstall-losenord?token=[dold]&x=1');
    assert.equal(redactUrl('/x?a=1&token=hemligt#top'), '/x?a=1&token=[dold]#top');
    assert.equal(redactUrl('/api/users?email=anna%40example.se&q=1'), '/api/users?email=[e-post]&q=1');
    assert.equal(redactUrl('Key (email)=(anna.andersson@kommun.se) already exists'), 'Key (email)=([e-post]) already exists');
    assert.equal(redactUrl('{"url":"/svar/' + TOKEN + '","msg":"till a.b@c.d.se"}'), '{"url":"/svar/[dold]","msg":"till [e-post]"}');
    assert.equal(redactUrl('/api/rounds/3/reports/regional?format=pdf'), '/api/rounds/3/reports/regional?format=pdf');
    assert.equal(redactUrl('/api/r/'), '/api/r/');
    assert.equal(redactUrl('/rounds?tokens=2'), '/rounds?tokens=2');
  });

  it('loggnivån kommer från SAMVERKA_LOG_LEVEL, info utan den, och en okänd nivå avvisas', () => {
    assert.equal(logLevelFromEnv({}), 'info');
    assert.equal(logLevelFromEnv({ SAMVERKA_LOG_LEVEL: 'DEBUG' }), 'debug');
    assert.equal(logLevelFromEnv({ SAMVERKA_LOG_LEVEL: 'silent' }), 'silent');
    assert.throws(() => logLevelFromEnv({ SAMVERKA_LOG_LEVEL: 'verbose' }), /SAMVERKA_LOG_LEVEL ska vara en av fatal, error, warn, info, debug, trace, silent/);
    assert.equal(loggerOptions({}).level, 'info');
  });

  it('ett rimligt x-request-id behålls, annars skapas ett nytt', () => {
    const req = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as never;
    assert.equal(genReqId(req('lb-7f3a:01')), 'lb-7f3a:01');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    assert.match(genReqId(req('rad\nbrytning')), uuid);
    assert.match(genReqId(req('x'.repeat(129))), uuid);
    assert.match(genReqId(req()), uuid);
  });

  it('Secure-kakor när SAMVERKA_BASE_URL är https, om de inte uttryckligen slagits av', () => {
    assert.equal(configFromEnv({ SAMVERKA_BASE_URL: 'https://samverka.fyrbodal.se' }).secureCookies, true);
    assert.equal(configFromEnv({ SAMVERKA_BASE_URL: 'HTTPS://samverka.fyrbodal.se' }).secureCookies, true);
    assert.equal(configFromEnv({ SAMVERKA_BASE_URL: 'https://samverka.fyrbodal.se', SAMVERKA_SECURE_COOKIES: 'false' }).secureCookies, false);
    assert.equal(configFromEnv({ SAMVERKA_BASE_URL: 'http://intern:3000' }).secureCookies, false);
    assert.equal(configFromEnv({ SAMVERKA_BASE_URL: 'http://intern:3000', SAMVERKA_SECURE_COOKIES: 'true' }).secureCookies, true);
    assert.equal(configFromEnv({}).secureCookies, false);
  });
});

for (const backend of backends) {
  describe(`serverloggen (${backend.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    let out = '';
    const lines = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    before(async () => {
      db = await backend.open();
      await loadDemo(db);
      const stream = new Writable({
        write(chunk, _enc, done) {
          out += String(chunk);
          done();
        },
      });
      const config = { ...configFromEnv({}), baseUrl: 'http://samverka.test', rateLimit: 100000, authRateLimit: 100000 };
      app = await buildApp(db, config, { logger: loggerOptions({}, stream) });
      // Test-only routes: an unexpected error and a deliberate 503, both with personal data in the message.
      app.get('/api/test/krasch', async () => {
        throw new Error('Krasch för anna.andersson@kommun.se');
      });
      app.get('/api/test/otillganglig', async () => {
        throw new AppError('unavailable', 'Tjänsten är tillfälligt otillgänglig');
      });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    it('loggar förfrågningar med id och adress men aldrig token, lösenord, kakor eller e-postadresser', async () => {
      const token = (await db.query<{ token: string }>('SELECT token FROM respondents WHERE token IS NOT NULL ORDER BY id LIMIT 1')).rows[0].token;
      const link = await app.inject({ method: 'GET', url: `/api/r/${token}`, headers: { 'x-request-id': 'test-req-42' } });
      assert.equal(link.statusCode, 200, link.body.slice(0, 200));
      assert.equal(link.headers['x-request-id'], 'test-req-42');
      const page = await app.inject({ method: 'GET', url: `/svar/${token}` });
      assert.equal(page.statusCode, 200);
      const resetToken = 'aterstallning-abcdefghijklmnop';
      assert.equal((await app.inject({ method: 'GET', url: `/aterstall-losenord?token=${resetToken}` })).statusCode, 200);
      const confirm = await app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token: resetToken, password: 'ett-nytt-hemligt-lösenord' },
      });
      assert.equal(confirm.statusCode, 400);
      const c = new Client(app);
      assert.equal((await c.login(DEMO.admin, DEMO_PASSWORD)).status, 200);
      const sessionToken = c.cookie!.split('=')[1];
      assert.ok(sessionToken.length >= 20, 'sessionskakan har ett värde');
      assert.equal((await c.get('/api/municipalities')).status, 200);
      assert.equal((await new Client(app).login(DEMO.admin, 'fel-lösenord-999')).status, 401);
      await app.inject({ method: 'GET', url: `/api/users?email=${encodeURIComponent('bo.berg@kommun.se')}` });
      const report = await app.inject({
        method: 'POST',
        url: '/api/client-errors',
        payload: { message: 'Fel för bo.berg@kommun.se', stack: `at /svar/${token}`, route: `/svar/${token}` },
      });
      assert.equal(report.statusCode, 204);

      for (const secret of [token, resetToken, 'ett-nytt-hemligt-lösenord', DEMO_PASSWORD, 'fel-lösenord-999', sessionToken, DEMO.admin, 'bo.berg', 'bo.berg%40kommun.se'])
        assert.ok(!out.includes(secret), `loggen innehåller ${secret}`);
      const all = lines();
      const urls = all.filter((l) => l.req).map((l) => l.req.url as string);
      assert.ok(urls.includes('/api/r/[dold]'), `svarslänken loggas dold: ${urls.join(' ')}`);
      assert.ok(urls.includes('/svar/[dold]'), 'webbsidan för svarslänken loggas dold');
      assert.ok(urls.includes('/aterstall-losenord?token=[dold]'), 'återställningslänken loggas dold');
      assert.ok(urls.includes('/api/users?email=[e-post]'), 'e-postadressen i adressen loggas dold');
      const linkLines = all.filter((l) => l.reqId === 'test-req-42');
      // A link's call is logged with one line when it is done (the request, status and time); other calls when they come and when they are done.
      assert.equal(linkLines.length, 1, 'svarslänkens förfrågan loggas på en rad med förfrågans id');
      assert.equal(linkLines[0].req?.url, '/api/r/[dold]');
      assert.ok(linkLines[0].res?.statusCode === 200 && typeof linkLines[0].responseTime === 'number', 'svarets status och tid loggas');
      const loginLines = all.filter((l) => l.req?.url === '/api/auth/login' || (l.res && all.some((m) => m.reqId === l.reqId && m.req?.url === '/api/auth/login')));
      assert.ok(loginLines.some((l) => l.msg === 'incoming request') && loginLines.some((l) => l.res?.statusCode === 200), 'andra förfrågningar loggas när de kommer och när de är klara');
      const clientError = all.find((l) => l.clientError);
      assert.ok(clientError, 'felrapporten från webbappen loggas');
      assert.equal(clientError.clientError.message, 'Fel för [e-post]');
      assert.equal(clientError.clientError.route, '/svar/[dold]');
    });

    it('ett oväntat fel och ett avsiktligt 503 loggas på nivå error med stack, och svaret avslöjar inget', async () => {
      const before = lines().length;
      const crash = await app.inject({ method: 'GET', url: '/api/test/krasch' });
      assert.equal(crash.statusCode, 500);
      assert.deepEqual(JSON.parse(crash.body), { error: 'Ett oväntat fel inträffade' });
      const unavailable = await app.inject({ method: 'GET', url: '/api/test/otillganglig' });
      assert.equal(unavailable.statusCode, 503);
      const errors = lines()
        .slice(before)
        .filter((l) => l.level === 50);
      assert.equal(errors.length, 2, JSON.stringify(errors));
      assert.equal(errors[0].err.message, 'Krasch för [e-post]');
      assert.match(errors[0].err.stack, /^Error: Krasch för \[e-post\]\n\s+at /);
      assert.equal(errors[0].reqId, crash.headers['x-request-id']);
      assert.equal(errors[1].err.message, 'Tjänsten är tillfälligt otillgänglig');
      assert.match(errors[1].err.stack, /\n\s+at .*http-operations\.test\.ts/);
      assert.ok(!out.includes('anna.andersson'), 'e-postadressen i felmeddelandet loggas inte');
    });
  });

  describe(`hälsa och beredskap (${backend.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp(backend, { demo: false });
    });
    after(() => t.close());

    it('/api/health och /api/ready svarar 200 utan session, utan hastighetsgräns och utan cache', async () => {
      const health = await new Client(t.app).get('/api/health');
      assert.equal(health.status, 200);
      assert.equal(health.body.status, 'ok');
      const ready = await new Client(t.app).get('/api/ready');
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body, { status: 'ready', database: backend.name });
      for (const r of [health, ready]) {
        assert.equal(r.headers['cache-control'], 'no-store');
        assert.equal(r.headers['x-ratelimit-limit'], undefined);
      }
    });

    it('503 med Retry-After när en migrering saknas, 200 igen när den finns', async () => {
      const files = await migrationFiles();
      const last = files[files.length - 1];
      assert.match(last, /^\d{3}_.+\.sql$/);
      await t.db.query('DELETE FROM schema_migrations WHERE name = $1', [last]);
      const r = await new Client(t.app).get('/api/ready');
      assert.equal(r.status, 503);
      assert.equal(r.headers['retry-after'], '5');
      assert.equal(r.body.status, 'unavailable');
      assert.equal(r.body.reason, `Databasen saknar 1 migrering: ${last}. Starta om samverka så att de körs.`);
      assert.equal((await new Client(t.app).get('/api/health')).status, 200);
      await t.db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [last]);
      assert.equal((await new Client(t.app).get('/api/ready')).status, 200);
    });

    it('med stängd databas: /api/health 200, /api/ready 503 (inte 500)', async () => {
      const db = await backend.open();
      const app = await buildApp(db, { ...configFromEnv({}), baseUrl: 'http://samverka.test' });
      await app.ready();
      try {
        await db.close();
        const health = await app.inject({ method: 'GET', url: '/api/health', headers: { cookie: 'samverka_sid=gammal' } });
        assert.equal(health.statusCode, 200);
        const ready = await app.inject({ method: 'GET', url: '/api/ready', headers: { cookie: 'samverka_sid=gammal' } });
        assert.equal(ready.statusCode, 503);
        assert.equal(ready.headers['retry-after'], '5');
        assert.deepEqual(JSON.parse(ready.body), { status: 'unavailable', reason: 'Databasen går inte att nå.' });
      } finally {
        await app.close();
      }
    });
  });

  describe(`komprimering, cachning och kakor (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
    });
    after(() => t.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

    it('index.html och SPA-reserven revalideras (no-cache); fingeravtryckta filer cachas ett år och komprimeras', async () => {
      const html = readFileSync(`${WEB_DIR}index.html`, 'utf8');
      for (const url of ['/', '/index.html', '/rounds']) {
        const r = await get(url);
        assert.equal(r.statusCode, 200, url);
        assert.match(String(r.headers['content-type']), /^text\/html/, url);
        assert.equal(r.headers['cache-control'], 'no-cache', url);
        assert.equal(r.body, html, url);
      }
      const asset = html.match(/\/assets\/index-[\w-]+\.js/)?.[0];
      assert.ok(asset, 'index.html pekar på webbappens skript');
      const file = readFileSync(`${WEB_DIR}${asset.slice(1)}`);
      assert.ok(file.length > 1024, 'skriptet är större än tröskeln');
      const plain = await get(asset);
      assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(plain.headers['content-encoding'], undefined);
      const br = await get(asset, { 'accept-encoding': 'br' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.ok(brotliDecompressSync(br.rawPayload).equals(file), 'brotli ger tillbaka filen');
      const gz = await get(asset, { 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.ok(gunzipSync(gz.rawPayload).equals(file), 'gzip ger tillbaka filen');
      assert.ok(gz.rawPayload.length < file.length / 2, 'komprimerat är mindre än hälften');
    });

    it('API-svar: no-store, stor JSON komprimeras', async () => {
      const headers = { cookie: admin.cookie! };
      const plain = await get('/api/municipalities', headers);
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.headers['cache-control'], 'no-store');
      assert.ok(plain.body.length > 1024, `JSON-svaret är större än tröskeln (${plain.body.length} byte)`);
      const gz = await get('/api/municipalities', { ...headers, 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gz.headers['cache-control'], 'no-store');
      assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString()), JSON.parse(plain.body));
      const br = await get('/api/municipalities', { ...headers, 'accept-encoding': 'br, gzip' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.deepEqual(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), JSON.parse(plain.body));
      // Compressed request bodies are not unpacked (no zip bombs): gzip bytes are not JSON.
      const packed = await t.app.inject({
        method: 'POST',
        url: '/api/client-errors',
        payload: gzipSync(JSON.stringify({ message: 'x', route: '/' })),
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      assert.equal(packed.statusCode, 400);
      assert.deepEqual(JSON.parse(packed.body), { error: 'Ogiltig JSON i förfrågan' });
      const missing = await get('/api/finns-inte', headers);
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.headers['cache-control'], 'no-store');
    });

    it('en rapportfil (XLSX) skickas okomprimerad och utan cache', async () => {
      const rounds = (await admin.get('/api/reports/rounds')).body.rounds as Array<{ id: number; regional: boolean; regionalWithheld: string | null }>;
      const round = rounds.find((r) => r.regional && !r.regionalWithheld);
      assert.ok(round, 'demon har en stängd mätomgång med regional rapport');
      const r = await get(`/api/rounds/${round.id}/reports/regional?format=xlsx`, { cookie: admin.cookie!, 'accept-encoding': 'br, gzip' });
      assert.equal(r.statusCode, 200, r.body.slice(0, 200));
      assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(r.headers['content-encoding'], undefined);
      assert.equal(r.headers['cache-control'], 'private, no-store');
      assert.equal(r.rawPayload.subarray(0, 2).toString(), 'PK');
    });

    it('sessionskakan är Secure när SAMVERKA_BASE_URL är https, annars inte', async () => {
      const plain = await new Client(t.app).request('POST', '/api/auth/login', { email: DEMO.admin, password: DEMO_PASSWORD });
      assert.equal(plain.status, 200);
      assert.doesNotMatch(String(plain.headers['set-cookie']), /Secure/);
      const https = configFromEnv({ SAMVERKA_BASE_URL: 'https://samverka.fyrbodal.se' });
      const app = await buildApp(t.db, { ...https, rateLimit: 100000, authRateLimit: 100000 });
      try {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.admin, password: DEMO_PASSWORD } });
        assert.equal(r.statusCode, 200);
        assert.match(String(r.headers['set-cookie']), /^samverka_sid=[^;]+;.*; Secure/);
        assert.match(String(r.headers['set-cookie']), /HttpOnly/);
      } finally {
        await app.close();
      }
    });
  });
}
