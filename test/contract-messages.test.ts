// Bad input to the endpoints of src/contracts keeps its Swedish messages: validated by the endpoint's
// schemas through route(), after the access check (a stranger gets 401, never a 400 that describes the input).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

const backend = backends[0];

describe(`svenska felmeddelanden från kontrakten (${backend.name})`, () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startApp(backend);
    admin = await loggedIn(t.app, DEMO.admin);
  });
  after(async () => t?.close());

  const error = async (res: Promise<{ status: number; body: { error: string } }>) => {
    const r = await res;
    return [r.status, r.body.error];
  };

  it('inloggning, återställning och felrapporter från webbappen', async () => {
    const anon = new Client(t.app);
    assert.deepEqual(await error(anon.post('/api/auth/login', { email: 'inte-en-adress', password: '' })), [
      400,
      'E-postadress: ange en giltig e-postadress; Lösenord: ange lösenord',
    ]);
    assert.deepEqual(await error(anon.post('/api/auth/password-reset', { email: 'x' })), [400, 'E-postadress: ange en giltig e-postadress']);
    assert.deepEqual(await error(anon.post('/api/auth/password-reset/confirm', { token: 'kort', password: 'kort' })), [
      400,
      'Länken: minst 10 tecken; Lösenordet ska ha minst 12 tecken',
    ]);
    assert.deepEqual(await error(anon.post('/api/client-errors', { message: ' ', route: '' })), [400, 'Felmeddelande: ange felmeddelandet; Sida: ange sidans adress']);
  });

  it('konton, översikt, analys, rapporter och instrument', async () => {
    assert.deepEqual(await error(admin.patch('/api/admin/users/1', { role: 'kung', reason: 'Test' })), [400, 'Rollen ska vara forbundsadmin, kommunansvarig, lasare eller regionanalytiker']);
    assert.deepEqual(await error(admin.get('/api/admin/audit?limit=0')), [400, 'Antal rader: minst 1']);
    assert.deepEqual(await error(admin.get('/api/dashboard?threshold=150')), [400, 'Gräns för svarsfrekvens: svarsfrekvensgränsen ska vara 0–100 procent']);
    assert.deepEqual(await error(admin.get('/api/dashboard?threshold=mycket')), [400, 'Gräns för svarsfrekvens: svarsfrekvensgränsen ska vara ett tal']);
    assert.deepEqual(await error(admin.get('/api/rounds/1/analysis?format=xml')), [400, 'Formatet ska vara json eller csv']);
    assert.deepEqual(await error(admin.get('/api/rounds/1/analysis?area=Ö')), [400, 'Verksamhetsområde: ogiltigt id (a–z, 0–9, _, . och -)']);
    assert.deepEqual(await error(admin.get('/api/rounds/abc/analysis')), [400, 'Nummer i adressen: ange ett tal']);
    assert.deepEqual(await error(admin.get('/api/rounds/1/reports/regional?format=odt')), [400, 'Formatet ska vara pdf, docx, xlsx eller json']);
    assert.deepEqual(await error(admin.post('/api/rounds/1/reports/batch', { format: 'odt' })), [400, 'Formatet ska vara pdf, docx eller xlsx']);
    assert.deepEqual(await error(admin.post('/api/instruments/upload', { text: 'x', format: 'xml' })), [400, 'Formatet ska vara json eller yaml']);
    assert.deepEqual(await error(admin.post('/api/instruments/a/versions/1.0/duplicate', { title: '' })), [400, 'Titel: ange en titel']);
    assert.deepEqual(await error(admin.get('/api/instruments/A!')), [400, 'Nummer i adressen: ogiltigt instrument-id']);
  });

  it('behörigheten prövas före indata: en okänd får 401, en läsare 403, utan beskrivning av fälten', async () => {
    assert.deepEqual(await error(new Client(t.app).post('/api/admin/users', { email: 'x' })), [401, 'Du behöver logga in']);
    const reader = await loggedIn(t.app, DEMO.reader);
    const [status, message] = await error(reader.patch('/api/admin/users/1', { role: 'kung' }));
    assert.equal(status, 403);
    assert.doesNotMatch(String(message), /Roll/);
  });
});
