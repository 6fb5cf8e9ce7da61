// The web app's error reports (POST /api/client-errors) and the session probe (GET /api/auth/me):
// a report is validated, logged with the Fastify logger and answered 204, never 500; the rate limit
// is tight; signed out, /api/auth/me answers 200 with no user (no red 401 on public pages).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { configFromEnv } from '../src/config.ts';
import type { Db } from '../src/db/db.ts';
import { buildApp } from '../src/server/app.ts';
import { CLIENT_ERROR_RATE, CLIENT_ERROR_STACK_MAX } from '../src/server/routes/client-errors.ts';
import { createUser } from '../src/store/accounts.ts';
import { Client } from './support/app.ts';
import { backends } from './support/db.ts';

for (const backend of backends) {
  describe(`felrapporter från webbappen och sessionsfrågan (${backend.name})`, () => {
    let db: Db;
    let app: Awaited<ReturnType<typeof buildApp>>;
    const lines: Array<Record<string, any>> = [];
    before(async () => {
      db = await backend.open();
      await createUser(db, { email: 'anna@example.se', name: 'Anna Andersson', password: 'ett-långt-lösenord', role: 'lasare' });
      const stream = new Writable({
        write(chunk, _enc, done) {
          for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
          done();
        },
      });
      const config = { ...configFromEnv({}), baseUrl: 'http://samverka.test', rateLimit: 100000, authRateLimit: 100000 };
      app = await buildApp(db, config, { logger: { level: 'warn', stream } });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    /** A report from the address `ip` (the rate limit counts per address), with the client's session. */
    const report = async (c: Client, body: unknown, ip = '10.0.0.1') => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/client-errors',
        remoteAddress: ip,
        payload: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...(c.cookie ? { cookie: c.cookie } : {}) },
      });
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : '' };
    };

    it('utloggad: /api/auth/me svarar 200 utan användare; inloggad: användaren och CSRF-token', async () => {
      const anon = new Client(app);
      const me = await anon.get('/api/auth/me');
      assert.equal(me.status, 200);
      assert.deepEqual(me.body, { user: null });
      const c = new Client(app);
      assert.equal((await c.login('anna@example.se', 'ett-långt-lösenord')).status, 200);
      const signedIn = await c.get('/api/auth/me');
      assert.equal(signedIn.status, 200);
      assert.equal(signedIn.body.user.email, 'anna@example.se');
      assert.equal(signedIn.body.user.role, 'lasare');
      assert.equal(signedIn.body.csrfToken, c.csrf);
    });

    it('en felrapport loggas som varning med sida, meddelande och användare och besvaras med 204', async () => {
      const c = new Client(app);
      await c.login('anna@example.se', 'ett-långt-lösenord');
      const stack = `TypeError: x\n${'    at f (a.js:1:1)\n'.repeat(400)}`;
      assert.ok(stack.length > CLIENT_ERROR_STACK_MAX);
      const r = await report(c, {
        message: "Cannot read properties of undefined (reading 'completed')",
        stack,
        route: '/matomgangar',
        userAgent: 'Testwebbläsare/1.0',
      });
      assert.equal(r.status, 204);
      assert.equal(r.body, '');
      const line = lines.find((l) => l.clientError?.route === '/matomgangar');
      assert.ok(line, 'raden i loggen');
      assert.equal(line.level, 40); // pino: warn
      assert.equal(line.clientError.message, "Cannot read properties of undefined (reading 'completed')");
      assert.equal(line.clientError.userAgent, 'Testwebbläsare/1.0');
      assert.equal(typeof line.clientError.user, 'number');
      assert.equal(line.clientError.stack.length, CLIENT_ERROR_STACK_MAX);
    });

    it('en felaktig rapport ger 400 på svenska, aldrig 500', async () => {
      const c = new Client(app);
      const missing = await report(c, { route: '/x' }, '10.0.0.2');
      assert.equal(missing.status, 400);
      assert.match(missing.body.error, /^Felmeddelande: /);
      const long = await report(c, { message: 'x'.repeat(1001), route: '/x' }, '10.0.0.2');
      assert.equal(long.status, 400);
      assert.match(long.body.error, /högst 1000 tecken/);
      const wrongType = await report(c, { message: 'fel', route: 7 }, '10.0.0.2');
      assert.equal(wrongType.status, 400);
      const notJson = await report(c, '{', '10.0.0.2');
      assert.equal(notJson.status, 400);
    });

    it(`högst ${CLIENT_ERROR_RATE} rapporter i minuten per adress`, async () => {
      const c = new Client(app);
      const statuses: number[] = [];
      for (let i = 0; i < CLIENT_ERROR_RATE + 2; i++) statuses.push((await report(c, { message: `fel ${i}`, route: '/' }, '10.0.0.3')).status);
      assert.deepEqual(statuses, [...Array(CLIENT_ERROR_RATE).fill(204), 429, 429]);
      // Another address is not affected.
      assert.equal((await report(c, { message: 'fel', route: '/' }, '10.0.0.4')).status, 204);
    });
  });
}
