// The respondents' and answers' contracts describe what the server really sends: each answer parses
// with its endpoint's response schema, and nothing is left out (parsing strips unknown keys, so the
// parsed value equals the answer only when the schema names every field).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import * as answers from '../src/contracts/answers.ts';
import * as respondents from '../src/contracts/respondents.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';

const backend = backends[0];

function matches(schema: z.ZodType, body: unknown, what: string) {
  const r = schema.safeParse(body);
  assert.ok(r.success, `${what}: ${r.error?.message}`);
  assert.deepEqual(r.data, body, `${what}: fält som schemat inte beskriver`);
}

describe(`respondenternas och svarens kontrakt mot verkliga svar (${backend.name})`, () => {
  let t: TestApp;
  let mellerud: Client;
  let base: string;
  before(async () => {
    t = await startApp(backend, { config: { respondentRateLimit: 1_000_000 } });
    mellerud = await loggedIn(t.app, DEMO.mellerud);
    const open = (await mellerud.get('/api/rounds')).body.rounds.find((r: { status: string }) => r.status === 'open');
    base = `/api/rounds/${open.id}/municipalities/1461`;
  });
  after(() => t.close());

  it('urval, tillägg, länkar, svarsfrekvens och e-post', async () => {
    const list = await mellerud.get(`${base}/respondents`);
    assert.equal(list.status, 200);
    assert.ok(list.body.respondents.length > 0);
    matches(respondents.listRespondents.response, list.body, 'urvalet');
    const added = await mellerud.post(`${base}/respondents`, { respondentType: list.body.round.respondentTypes[0].id, name: 'Ny Person', email: 'ny@mellerud.example' });
    assert.equal(added.status, 201);
    matches(respondents.addRespondents.response, added.body, 'tillägget');
    const rid = added.body.respondents[0].id;
    const changed = await mellerud.request('PATCH', `${base}/respondents/${rid}`, { name: 'Ändrad Person' });
    assert.equal(changed.body.respondent.name, 'Ändrad Person');
    matches(respondents.updateRespondent.response, changed.body, 'ändringen');
    matches(respondents.newRespondentLink.response, (await mellerud.post(`${base}/respondents/${rid}/new-link`, {})).body, 'ny länk');
    matches(respondents.listRespondentLinks.response, (await mellerud.get(`${base}/links`)).body, 'länkarna');
    matches(respondents.municipalityRates.response, (await mellerud.get(`${base}/rates`)).body, 'svarsfrekvensen');
    matches(respondents.mailPreview.response, (await mellerud.post(`${base}/mail-preview`, { kind: 'invite' })).body, 'förhandsvisningen');
    matches(respondents.mailSummary.response, (await mellerud.post(`${base}/mail-summary`, { kind: 'remind' })).body, 'sammanfattningen');
    const removed = await mellerud.request('DELETE', `${base}/respondents/${rid}`);
    assert.deepEqual(removed.body, { deleted: rid });
    matches(respondents.deleteRespondent.response, removed.body, 'borttagningen');
  });

  it('svarslänken: enkäten, ett sparat svar, ett borttaget svar och inskickningen', async () => {
    const added = await mellerud.post(`${base}/respondents`, { respondentType: 'it-nara' });
    const token = String(added.body.respondents[0].link).split('/svar/')[1];
    const form = await mellerud.get(`/api/r/${token}`);
    assert.equal(form.status, 200);
    matches(answers.getRespondentForm.response, form.body, 'enkäten');
    const item = form.body.round.instrument.items.find((i: { type: string }) => i.type === 'text');
    const saved = await mellerud.request('PUT', `/api/r/${token}/answers/${item.id}`, { value: 'Ett svar' });
    assert.deepEqual(saved.body, { itemId: item.id, value: 'Ett svar', saved: true });
    matches(answers.saveAnswer.response, saved.body, 'det sparade svaret');
    const again = await mellerud.get(`/api/r/${token}`);
    matches(answers.getRespondentForm.response, again.body, 'enkäten med svar');
    assert.deepEqual(again.body.answers, { [item.id]: 'Ett svar' });
    const cleared = await mellerud.request('DELETE', `/api/r/${token}/answers/${item.id}`);
    assert.deepEqual(cleared.body, { itemId: item.id, deleted: true });
    matches(answers.deleteAnswer.response, cleared.body, 'det borttagna svaret');
    await mellerud.request('PUT', `/api/r/${token}/answers/${item.id}`, { value: 'Igen' });
    const submitted = await mellerud.post(`/api/r/${token}/submit`, {});
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    matches(answers.submitAnswers.response, submitted.body, 'inskickningen');
  });
});
