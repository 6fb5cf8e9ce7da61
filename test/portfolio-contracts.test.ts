// The portfolio's response schemas describe what the server really sends: every answer parses with its
// endpoint's schema and parsing drops nothing (no field the schema does not name), on demo data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import * as api from '../src/contracts/portfolio.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';

/** The body parses with `schema` to exactly itself (JSON has no undefined: compare as JSON). */
function conforms(schema: z.ZodType, body: unknown, what: string) {
  const r = schema.safeParse(body);
  assert.ok(r.success, `${what}: ${JSON.stringify(r.error?.issues.slice(0, 3))}`);
  assert.deepEqual(JSON.parse(JSON.stringify(r.data)), body, `${what}: svaret har fält som schemat inte beskriver`);
}

describe(`portföljens svar följer kontrakten (${backends[0].name})`, () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startApp(backends[0]);
    admin = await loggedIn(t.app, DEMO.admin);
  });
  after(async () => t?.close());

  it('läsningarna', async () => {
    const reads: Array<[z.ZodType, string]> = [
      [api.getPortfolioConfig.response, '/api/portfolio/config'],
      [api.getRanking.response, '/api/initiatives/ranking?stages=kvalificering,prioriterad,genomforande'],
      [api.getOverdueReports.response, '/api/followup/overdue?period=2025-Q2&today=2025-08-15'],
      [api.getHandlingsplan.response, '/api/handlingsplan?from=2025&to=2026'],
      [api.getIndicators.response, '/api/indicators?year=2025'],
      [api.listFunding.response, '/api/funding'],
      [api.listNetworks.response, '/api/networks'],
    ];
    for (const [schema, url] of reads) {
      const r = await admin.get(url);
      assert.equal(r.status, 200, url);
      conforms(schema, r.body, url);
    }
    const ranking = (await admin.get('/api/initiatives/ranking')).body;
    assert.ok(ranking.ranking.length > 0 && ranking.ranking.some((x: { scores: unknown[] }) => x.scores.length > 0), 'rangordningen har bedömningar att jämföra');
    assert.ok((await admin.get('/api/followup/overdue?period=2025-Q2&today=2025-08-15')).body.overdue.length > 0, 'försenade rapporter att jämföra');
  });

  it('ändringarna', async () => {
    const config = (await admin.get('/api/portfolio/config')).body;
    const changes: Array<[z.ZodType, string, string, unknown, number]> = [
      [api.saveCriteria.response, 'PUT', '/api/portfolio/criteria', { criteria: config.criteria }, 200],
      [api.saveGates.response, 'PUT', '/api/portfolio/gates', { gates: config.gates }, 200],
      [api.setIndicatorValue.response, 'PUT', '/api/indicators/2025/aktorer', { expected: 20 }, 200],
      [api.saveFunding.response, 'PUT', '/api/funding', { name: 'Testprojekt', rows: [{ costType: 'lon', applied: 100, requisitioned: 150 }] }, 200],
      [api.createNetwork.response, 'POST', '/api/networks', { name: 'Kontraktsnätverket', startYear: 2025 }, 201],
    ];
    for (const [schema, method, url, body, status] of changes) {
      const r = await admin.request(method, url, body);
      assert.equal(r.status, status, `${method} ${url}: ${JSON.stringify(r.body)}`);
      conforms(schema, r.body, `${method} ${url}`);
    }
    const id = (await admin.get('/api/networks')).body.networks.find((n: { name: string }) => n.name === 'Kontraktsnätverket').id;
    const patched = await admin.request('PATCH', `/api/networks/${id}`, { active: false });
    conforms(api.updateNetwork.response, patched.body, 'PATCH /api/networks/:id');
    assert.equal(patched.body.network.active, false);
  });
});
