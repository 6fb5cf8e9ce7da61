// The API description: /api/openapi.json is a valid OpenAPI 3.1 document generated from the
// endpoints, it lists every registered API route with its access, and /api/docs shows it readably.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { backends } from './support/db.ts';
import { startApp, type TestApp } from './support/app.ts';

const backend = backends[0];

describe(`API-beskrivningen (${backend.name})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startApp(backend, { demo: false });
  });
  after(async () => t?.close());

  it('är ett giltigt OpenAPI 3.1-dokument', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 3000));
  });

  it('tar med varje registrerad API-adress, med behörighet och felsvar', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { description?: string; responses?: object }>>))
      for (const [method, op] of Object.entries(item)) {
        documented.add(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
        assert.match(op.description ?? '', /^Behörighet: /, `${method} ${path}`);
        assert.ok(Object.keys(op.responses ?? {}).includes('503'), `${method} ${path} saknar 503`);
      }
    const api = t.app.routeList.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/*');
    assert.ok(api.length > 90, `bara ${api.length} rutter`);
    const missing = api.map((r) => `${r.method} ${r.url}`).filter((k) => !documented.has(k));
    assert.deepEqual(missing, []);
  });

  it('beskriver ett exempel rätt: kommunens kontakter kräver inloggning, kod med fyra siffror', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/municipalities/{code}/contacts'].get;
    assert.equal(op.tags[0], 'Organisation');
    assert.match(op.description, /kommunansvarig för kommunen/);
    const code = op.parameters.find((p: { name: string }) => p.name === 'code');
    assert.equal(code.in, 'path');
    assert.equal(code.schema.pattern, '^[0-9]{4}$');
    assert.deepEqual(Object.keys(op.responses).sort(), ['200', '400', '401', '403', '404', '503']);
    assert.deepEqual(op.responses['200'].content['application/json'].schema.required, ['contacts']);
  });

  it('visar en läsbar sida på svenska utan skript', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /<html lang="sv">/);
    assert.match(res.body, /<code>\/api\/municipalities\/\{code\}\/contacts<\/code>/);
    assert.doesNotMatch(res.body, /<script/);
  });
});
