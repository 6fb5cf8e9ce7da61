// The rounds contract (src/contracts/rounds.ts) describes what the server sends: every answer, for
// each role, parses with the endpoint's response schema to exactly itself (no field missing, none
// undeclared). And the round's schema gives the Swedish messages the routes, CLI and form show.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import * as api from '../src/contracts/rounds.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';

/** The answer is exactly what the schema declares: parsing keeps every field and adds none. */
function assertDescribed(schema: z.ZodType, body: unknown, what: string) {
  const r = schema.safeParse(body);
  assert.ok(r.success, `${what}: ${r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))}`);
  assert.deepEqual(r.data, body, `${what}: fält som kontraktet inte beskriver`);
}

describe('mätomgångarnas schema', () => {
  it('ger samma svenska meddelanden som tidigare', () => {
    const r = api.createRoundBody.safeParse({ instrument: 'statusenkat', title: ' ', periodStart: '2026-13-01', periodEnd: '2026-12-31', municipalities: ['146'] });
    assert.equal(r.success, false);
    assert.deepEqual(r.error!.issues.map((i) => [i.path.join('.'), i.message]), [
      ['title', 'Ange en rubrik'],
      ['periodStart', 'Ange datumet som ÅÅÅÅ-MM-DD'],
      ['municipalities.0', 'Kommunkoden ska vara fyra siffror (SCB-kod)'],
    ]);
    const edit = api.editRoundBody.safeParse({ municipalities: [], estimatedMinutes: 0 });
    assert.deepEqual(edit.error!.issues.map((i) => i.message), ['Beräknad tid: minst 1 minut', 'Kommuner: välj minst en kommun']);
    // Every field of an edit may be left out (= unchanged).
    assert.deepEqual(api.editRoundBody.parse({}), {});
  });
});

describe(`mätomgångarnas svar följer kontraktet (${backends[0].name})`, () => {
  let t: TestApp;
  let admin: Client;
  let mellerud: Client;
  let reader: Client;
  let demoRound: number;

  before(async () => {
    t = await startApp(backends[0]);
    [admin, mellerud, reader] = await Promise.all([loggedIn(t.app, DEMO.admin), loggedIn(t.app, DEMO.mellerud), loggedIn(t.app, DEMO.reader)]);
    demoRound = (await admin.get('/api/rounds')).body.rounds[0].id;
  });
  after(async () => t?.close());

  it('listan och en mätomgång för förbundsadmin, kommunansvarig och läsare', async () => {
    for (const [who, c] of [['förbundsadmin', admin], ['kommunansvarig', mellerud], ['läsare', reader]] as const) {
      const list = await c.get('/api/rounds');
      assert.equal(list.status, 200);
      assert.ok(list.body.rounds.length > 0, who);
      assertDescribed(api.listRounds.response, list.body, `${who}: GET /api/rounds`);
      const one = await c.get(`/api/rounds/${demoRound}`);
      assert.equal(one.status, 200, `${who}: ${JSON.stringify(one.body)}`);
      assertDescribed(api.getRound.response, one.body, `${who}: GET /api/rounds/:id`);
      // The läsare gets the public fields only; the others the progress per municipality.
      assert.equal('progress' in one.body.round, who !== 'läsare', who);
    }
    assertDescribed(api.getRoundRates.response, (await admin.get(`/api/rounds/${demoRound}/rates`)).body, 'GET /rates');
  });

  it('skapa, ändra, förhandsgranska, öppna, stänga och ta bort', async () => {
    const created = await admin.post('/api/rounds', {
      instrument: 'statusenkat',
      title: 'Kontraktsomgång',
      periodStart: '2026-09-01',
      periodEnd: '2026-10-31',
      municipalities: ['1461', '1460'],
      contactName: 'Anna',
    });
    assert.equal(created.status, 201);
    assertDescribed(api.createRound.response, created.body, 'POST /api/rounds');
    const id = created.body.round.id as number;
    assert.deepEqual(created.body.round.municipalities.map((m: { code: string }) => m.code), ['1460', '1461']);

    const edited = await admin.patch(`/api/rounds/${id}`, { title: 'Kontraktsomgång 2', removeMunicipalities: ['1460'] });
    assert.equal(edited.status, 200);
    assertDescribed(api.updateRound.response, edited.body, 'PATCH /api/rounds/:id');
    assert.deepEqual(edited.body.changes, ['title', 'removeMunicipalities']);

    const preview = await admin.get(`/api/rounds/${id}/preview/open`);
    assertDescribed(api.previewRoundStatus.response, preview.body, 'GET /preview/open');
    assert.equal(preview.body.preview.municipalities, 1);

    const opened = await admin.post(`/api/rounds/${id}/open`);
    assertDescribed(api.openRound.response, opened.body, 'POST /open');
    assert.equal(opened.body.round.status, 'open');
    const closed = await admin.post(`/api/rounds/${id}/close`);
    assertDescribed(api.closeRound.response, closed.body, 'POST /close');
    assert.equal(closed.body.round.status, 'closed');

    const draft = await admin.post('/api/rounds', { instrument: 'statusenkat', title: 'Tas bort', periodStart: '2026-09-01', periodEnd: '2026-10-31', municipalities: 'all' });
    const removed = await admin.request('DELETE', `/api/rounds/${draft.body.round.id}`);
    assertDescribed(api.deleteRound.response, removed.body, 'DELETE /api/rounds/:id');
    assert.equal(removed.body.deleted, draft.body.round.id);
  });

  it('en läsare kan inte skapa: 403 före valideringen', async () => {
    const r = await reader.post('/api/rounds', { title: '' });
    assert.equal(r.status, 403);
  });
});
