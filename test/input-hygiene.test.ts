// Every bad input is a 400, never a 500 (issue 10): NUL and lone surrogates in any text (params,
// query, JSON body, uploaded files, instrument definitions), undecodable URLs, empty optional
// references, a reference that does not exist, a multipart body cut off mid-way. Each checks the
// status, the Swedish message and that nothing was stored. Expected values written out by hand.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

const UNSAFE = 'Texten innehåller ett otillåtet tecken (NUL eller ett ensamt surrogattecken)';

function multipart(filename: string, content: string, boundary = 'hygienBoundary') {
  return {
    body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

for (const backend of backends) {
  describe(`otillåten inmatning ger 400, aldrig 500 (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let roundId: number;
    let token: string;
    let itemId: string;
    const base = () => `/api/rounds/${roundId}/municipalities/1461`;
    const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      const r = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        title: 'Inmatningskontroll 2026',
        periodStart: '2026-02-01',
        periodEnd: '2026-03-31',
        municipalities: ['1461'],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      roundId = r.body.round.id;
      const added = await mellerud.post(`${base()}/respondents`, { respondentType: 'it-nara', name: 'Länkad', email: 'lankad@mellerud.se' });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      token = added.body.respondents[0].link.split('/').pop();
      assert.equal((await admin.post(`/api/rounds/${roundId}/open`)).status, 200, 'omgången öppnas');
      const form = await new Client(t.app).get(`/api/r/${token}`);
      assert.equal(form.status, 200, JSON.stringify(form.body));
      itemId = form.body.round.instrument.items.find((i: any) => i.type === 'text')?.id;
      assert.ok(itemId, 'statusenkäten har en fritextfråga');
    });
    after(() => t.close());

    it('NUL eller ensamt surrogattecken i ett svar via respondentlänken: 400 som nämner fältet, inget sparas', async () => {
      const anon = new Client(t.app);
      for (const value of ['a\u0000b', 'x\ud800', '\udc00']) {
        const r = await anon.request('PUT', `/api/r/${token}/answers/${itemId}`, JSON.stringify({ value }), { 'content-type': 'application/json' });
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.error, `Svar: ${UNSAFE.charAt(0).toLowerCase()}${UNSAFE.slice(1)}`);
        assert.equal(r.body.details[0].path, 'value');
      }
      assert.equal(await count('SELECT count(*)::int AS n FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.token = $1', [token]), 0);
      // A well-formed pair (an emoji) is fine.
      const ok = await anon.request('PUT', `/api/r/${token}/answers/${itemId}`, JSON.stringify({ value: 'Bra 😀' }), { 'content-type': 'application/json' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
    });

    it('NUL i en nyckel, i frågesträngen och i adressen: 400; en adress som inte går att avkoda: 400 eller 404', async () => {
      const key = await mellerud.request('POST', `${base()}/respondents`, '{"name":"A","\\u0000":1}', { 'content-type': 'application/json' });
      assert.equal(key.status, 400, JSON.stringify(key.body));
      assert.equal(key.body.error, UNSAFE);
      const query = await admin.get(`/api/instruments/statusenkat?version=%00`);
      assert.equal(query.status, 400, JSON.stringify(query.body));
      assert.equal(query.body.error, 'Version: texten innehåller ett otillåtet tecken (NUL eller ett ensamt surrogattecken)');
      for (const url of ['/api/r/%00', '/api/r/%ED%A0%80', `/api/r/${token}/answers/%ED%A0%80`, '/api/rounds/%00', '/api/r/%ZZ', '/api/municipalities/%C0%80']) {
        const r = await new Client(t.app).get(url);
        assert.ok(r.status === 400 || r.status === 404, `${url}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    });

    it('ett tomt verksamhetsområde räknas som inget; ett som inte finns ger 400', async () => {
      const empty = await mellerud.post(`${base()}/respondents`, { respondentType: 'it-nara', area: '', name: 'Utan område' });
      assert.equal(empty.status, 201, JSON.stringify(empty.body));
      assert.equal(empty.body.respondents[0].area, null);
      const blank = await mellerud.post(`${base()}/respondents`, { respondentType: 'it-nara', area: '   ' });
      assert.equal(blank.status, 201, JSON.stringify(blank.body));
      assert.equal(blank.body.respondents[0].area, null);
      const unknown = await mellerud.post(`${base()}/respondents`, { respondentType: 'it-nara', area: 'finns-inte' });
      assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
      assert.match(unknown.body.error, /^Okänt verksamhetsområde "finns-inte"/);
      // Changing a respondent's area to empty clears it.
      const id = empty.body.respondents[0].id;
      const set = await mellerud.patch(`${base()}/respondents/${id}`, { area: 'ekonomi' });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.equal(set.body.respondent.area, 'ekonomi');
      const cleared = await mellerud.patch(`${base()}/respondents/${id}`, { area: '' });
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
      assert.equal(cleared.body.respondent.area, null);
    });

    it('ett initiativ med tomt verksamhetsområde sparas utan område', async () => {
      const r = await admin.post('/api/initiatives', { title: 'Utan område', area: '' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.initiative.area, null);
      const bad = await admin.post('/api/initiatives', { title: 'Fel område', area: 'finns-inte' });
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
      assert.equal(bad.body.error, 'Verksamhetsområdet "finns-inte" finns inte');
    });

    it('en multipart-förfrågan som är avklippt eller felbyggd ger 400 och sparar inget', async () => {
      const before = await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]);
      const m = multipart('resp.csv', 'Namn;E-post\nAnna;anna@mellerud.se\n');
      for (const [body, what] of [
        [m.body.slice(0, 60), 'avklippt i rubrikerna'],
        [m.body.slice(0, m.body.length - 20), 'avklippt i filen'],
        ['inte multipart alls', 'utan gräns'],
      ] as const) {
        const r = await mellerud.request('POST', `${base()}/respondents/import`, body, m.headers);
        assert.equal(r.status, 400, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
        assert.ok(/^Filen kunde inte läsas|^Ingen fil skickades/.test(r.body.error), `${what}: ${r.body.error}`);
      }
      const responses = await admin.request('POST', `/api/rounds/${roundId}/import`, m.body.slice(0, 80), m.headers);
      assert.equal(responses.status, 400, JSON.stringify(responses.body));
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]), before);
    });

    it('en importerad fil med NUL i en cell ger 400 med raden och kolumnen, inget sparas', async () => {
      const before = await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]);
      const m = multipart('resp.csv', 'Namn;E-post;Roll\nAnna\u0000Ek;anna.ek@mellerud.se;it-nara\n');
      const r = await mellerud.request('POST', `${base()}/respondents/import`, m.body, m.headers);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.deepEqual(r.body.errors, [{ row: 2, column: 'Namn', message: UNSAFE }]);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]), before);
    });

    it('en instrumentdefinition med \\u0000 i en text ger 400 med sökvägen', async () => {
      const text = JSON.stringify({ id: 'nul-test', version: '1.0', title: 'NUL\u0000', items: [] });
      const r = await admin.post('/api/instruments/upload', { text, format: 'json' });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error, `Ogiltig instrumentdefinition (1 fel, inget har sparats): title: ${UNSAFE}`);
      assert.equal(await count(`SELECT count(*)::int AS n FROM instruments WHERE id = 'nul-test'`), 0);
    });

    it('en kommun angiven två gånger för ett konto räknas en gång (ingen krock i databasen)', async () => {
      const r = await admin.post('/api/admin/users', { email: 'dubbel@fuzz.test', name: 'Dubbel', password: 'ett-langt-losenord-1', role: 'kommunansvarig', municipalities: ['1461', '1461'] });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual(r.body.user.municipalities, ['1461']);
      const p = await admin.patch(`/api/admin/users/${r.body.user.id}`, { municipalities: ['1460', '1460', '1461'], reason: 'Test' });
      assert.equal(p.status, 200, JSON.stringify(p.body));
      assert.deepEqual([...p.body.user.municipalities].sort(), ['1460', '1461']);
    });

    it('ett id större än en int i databasen ger 400, inte 500', async () => {
      const r = await admin.get('/api/rounds/2147483648');
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error, 'Nummer i adressen: högst 2\u00a0147\u00a0483\u00a0647');
    });
  });
}
