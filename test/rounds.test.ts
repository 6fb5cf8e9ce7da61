// Measurement rounds over HTTP on every backend: an administrator creates and opens a round,
// Mellerud's kommunansvarig builds a sample, invites, and watches respondents answer through
// personal links. Expected values are hand-counted from the steps of the test.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { estimateMinutes, respondentMinutes } from '../src/domain/round-details.ts';
import { nextStatus, responseRates } from '../src/domain/rounds.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

describe('mätomgångar: domänregler', () => {
  it('status: utkast → öppen → stängd → öppen igen, inget annat', () => {
    assert.deepEqual(nextStatus('draft', 'open'), { ok: true, status: 'open' });
    assert.deepEqual(nextStatus('open', 'close'), { ok: true, status: 'closed' });
    assert.deepEqual(nextStatus('closed', 'reopen'), { ok: true, status: 'open' });
    for (const [from, action] of [
      ['draft', 'close'],
      ['draft', 'reopen'],
      ['open', 'open'],
      ['open', 'reopen'],
      ['closed', 'close'],
      ['closed', 'open'],
    ] as const) {
      const r = nextStatus(from, action);
      assert.equal(r.ok, false, `${from} → ${action}`);
      if (!r.ok) assert.match(r.message, /Mätomgången|stängd|öppen/);
    }
  });

  it('beräknad tid: 20 s per fråga, 90 s per fritextfråga, uppåt till hela minuter; angiven tid gäller före beräkningen', () => {
    const items = [{ type: 'scale' }, { type: 'single' }, { type: 'multi' }, { type: 'text' }];
    assert.equal(estimateMinutes(items), 3); // 3 × 20 + 90 = 150 s → 3 min
    assert.equal(estimateMinutes([{ type: 'scale' }]), 1);
    assert.equal(estimateMinutes([]), 1);
    assert.equal(respondentMinutes({ estimatedMinutes: 12 }, items), 12);
    assert.equal(respondentMinutes({ estimatedMinutes: null }, items), 3);
  });

  it('svarsfrekvens per roll och område med urvalet som bas', () => {
    const p = (respondentType: string | null, area: string | null, invited: boolean, started: boolean, completed: boolean) => ({
      respondentType,
      area,
      invited,
      started,
      completed,
    });
    const r = responseRates(
      [p('a', 'x', true, true, true), p('a', 'y', true, false, false), p('b', 'x', false, false, false), p(null, null, true, true, false)],
      { respondentTypes: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], areas: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }] },
    );
    assert.deepEqual(r.total, { key: null, label: 'Totalt', total: 4, invited: 3, started: 2, completed: 1, responseRate: 25 });
    assert.deepEqual(
      r.byRespondentType.map((x) => [x.key, x.total, x.invited, x.started, x.completed]),
      [
        ['a', 2, 2, 1, 1],
        ['b', 1, 0, 0, 0],
        ['c', 0, 0, 0, 0],
        [null, 1, 1, 1, 0],
      ],
    );
    assert.equal(r.byRespondentType[2].responseRate, null);
    assert.deepEqual(
      r.byArea.map((x) => [x.key, x.total, x.completed, x.responseRate]),
      [
        ['x', 2, 1, 50],
        ['y', 1, 0, 0],
        [null, 1, 0, 0],
      ],
    );
  });
});

const TOKEN_SHAPE = /^http:\/\/samverka\.test\/svar\/([A-Za-z0-9_-]{43})$/;
const tokenOf = (link: string) => {
  const m = TOKEN_SHAPE.exec(link);
  assert.ok(m, `oväntad länk: ${link}`);
  return m[1];
};

for (const backend of backends) {
  describe(`mätomgångar över HTTP (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let reader: Client;
    let sml: Client;
    let anon: Client;
    let roundId: number;
    let selfRoundId: number;
    const tokens: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
    const ids: Record<'A' | 'B' | 'C', number> = { A: 0, B: 0, C: 0 };

    const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;
    const answersOf = async (respondentId: number) =>
      Object.fromEntries(
        (await t.db.query<{ item_id: string; value: unknown }>('SELECT item_id, value FROM answers WHERE respondent_id = $1', [respondentId])).rows.map((r) => [
          r.item_id,
          r.value,
        ]),
      );

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      reader = await loggedIn(t.app, DEMO.reader);
      sml = await loggedIn(t.app, DEMO.smlIt);
      anon = new Client(t.app);
    });
    after(() => t.close());

    it('instrumenten finns i databasen och kan läsas av inloggade', async () => {
      const r = await reader.get('/api/instruments');
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.instruments.map((i: any) => i.id).sort(),
        ['digital-mognad', 'formagekarta', 'informationssakerhet', 'it-kompetens', 'statusenkat'],
      );
      const s = await reader.get('/api/instruments/statusenkat');
      assert.equal(s.body.instrument.id, 'statusenkat');
      assert.equal(s.body.instrument.mode, 'survey');
      assert.equal((await reader.get('/api/instruments/finns-inte')).status, 404);
      assert.equal((await anon.get('/api/instruments')).status, 401);
    });

    it('förbundsadmin lägger till ett instrument; en version som används av en omgång ändras inte', async () => {
      const def = {
        id: 'test-enkat',
        version: '1',
        title: 'Testenkät',
        mode: 'survey',
        scales: [{ id: 'jn', label: 'Ja/nej', options: [{ code: 'ja', label: 'Ja', value: 1 }, { code: 'nej', label: 'Nej', value: 0 }] }],
        items: [{ id: 'q1', type: 'scale', scale: 'jn', text: 'Fråga 1', short: 'Fråga 1' }],
      };
      assert.equal((await mellerud.post('/api/instruments', def)).status, 403);
      const bad = await admin.post('/api/instruments', { ...def, items: [{ id: 'q1', type: 'scale', scale: 'saknas', text: 'Fråga 1', short: 'Fråga 1' }] });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /items\[0\]\.scale: Okänd skala "saknas"/);
      assert.equal((await admin.post('/api/instruments', def)).status, 201);
      assert.equal((await admin.post('/api/instruments', def)).body.result, 'unchanged');
      const r = await admin.post('/api/rounds', { instrument: 'test-enkat', title: 'T', periodStart: '2026-01-01', periodEnd: '2026-01-31', municipalities: ['1461'] });
      assert.equal(r.status, 201);
      const changed = await admin.post('/api/instruments', { ...def, title: 'Ändrad titel' });
      assert.equal(changed.status, 409);
      assert.match(changed.body.error, /nytt versionsnummer/);
      assert.equal((await admin.get('/api/instruments/test-enkat')).body.instrument.title, 'Testenkät');
      assert.equal((await admin.post('/api/instruments', { ...def, version: '2', title: 'Ändrad titel' })).status, 201);
      const latest = await admin.get('/api/instruments/test-enkat');
      assert.equal(latest.body.instrument.version, '2');
      assert.equal((await admin.get('/api/instruments/test-enkat?version=1')).body.instrument.title, 'Testenkät');
    });

    it('bara förbundsadmin skapar mätomgångar; felaktig indata ger 400/404 med svenskt meddelande', async () => {
      const body = {
        instrument: 'statusenkat',
        title: 'Testomgång status 2026',
        periodStart: '2026-02-01',
        periodEnd: '2026-03-31',
        municipalities: ['1461', '1460', '1439'],
        introduction: 'Enkäten kartlägger hur kommunerna arbetar med digitalisering.',
        contactName: 'Anna Strateg',
        contactEmail: 'anna.strateg@fyrbodal.example',
        estimatedMinutes: 15,
      };
      const roundsBefore = await count('SELECT count(*)::int AS n FROM rounds');
      assert.equal((await mellerud.post('/api/rounds', body)).status, 403);
      assert.equal((await reader.post('/api/rounds', body)).status, 403);
      const backwards = await admin.post('/api/rounds', { ...body, periodStart: '2026-04-01' });
      assert.equal(backwards.status, 400);
      assert.match(backwards.body.error, /slutdatum ligger före/);
      const badDate = await admin.post('/api/rounds', { ...body, periodEnd: '2026-02-30' });
      assert.equal(badDate.status, 400);
      assert.match(badDate.body.error, /ÅÅÅÅ-MM-DD/);
      assert.equal((await admin.post('/api/rounds', { ...body, municipalities: ['9999'] })).status, 404);
      assert.equal((await admin.post('/api/rounds', { ...body, instrument: 'okant' })).status, 404);
      const badContact = await admin.post('/api/rounds', { ...body, contactEmail: 'inte-en-adress' });
      assert.equal(badContact.status, 400);
      assert.match(badContact.body.error, /Kontaktpersonens e-postadress: ange en giltig e-postadress/);
      const badType = await admin.post('/api/rounds', { ...body, respondentTypes: ['it-nara', 'okand-typ'] });
      assert.equal(badType.status, 400);
      assert.match(badType.body.error, /okand-typ/);
      assert.equal(await count('SELECT count(*)::int AS n FROM rounds'), roundsBefore, 'inget sparat');

      const r = await admin.post('/api/rounds', body);
      assert.equal(r.status, 201);
      assert.equal(await count('SELECT count(*)::int AS n FROM rounds'), roundsBefore + 1);
      assert.equal(r.body.round.status, 'draft');
      assert.equal(r.body.round.instrument, 'statusenkat');
      assert.equal(r.body.round.instrumentVersion, '2024.1');
      assert.deepEqual(
        r.body.round.municipalities.map((m: any) => m.name),
        ['Färgelanda', 'Bengtsfors', 'Mellerud'],
      );
      roundId = r.body.round.id;
    });

    it('öppna, och inte öppna två gånger', async () => {
      assert.equal((await mellerud.post(`/api/rounds/${roundId}/open`)).status, 403);
      const r = await admin.post(`/api/rounds/${roundId}/open`);
      assert.equal(r.status, 200);
      assert.equal(r.body.round.status, 'open');
      assert.ok(r.body.round.openedAt);
      const again = await admin.post(`/api/rounds/${roundId}/open`);
      assert.equal(again.status, 409);
      assert.match(again.body.error, /redan öppen/);
    });

    it('kommunansvarig i Mellerud lägger till respondenter med roll och område och får personliga länkar', async () => {
      const url = `/api/rounds/${roundId}/municipalities/1461/respondents`;
      const a = await mellerud.post(url, { respondentType: 'it-nara', area: 'it', name: 'Anna IT', email: 'anna@mellerud.example' });
      assert.equal(a.status, 201);
      const b = await mellerud.post(url, { respondentType: 'verksamhetsnara', area: 'socialtjanst', email: 'bo@mellerud.example' });
      const c = await mellerud.post(url, { respondentType: 'verksamhetsnara', area: 'utbildning' });
      assert.equal(b.status, 201);
      assert.equal(c.status, 201);
      for (const [k, res] of [['A', a], ['B', b], ['C', c]] as const) {
        tokens[k] = tokenOf(res.body.respondents[0].link);
        ids[k] = res.body.respondents[0].id;
      }
      // 43 base64url characters = 32 random bytes = 256 bits (at least 128 required).
      for (const tok of Object.values(tokens)) assert.equal(Buffer.from(tok, 'base64url').length, 32);
      assert.equal(new Set(Object.values(tokens)).size, 3);

      const unknownType = await mellerud.post(url, { respondentType: 'chef' });
      assert.equal(unknownType.status, 400);
      assert.match(unknownType.body.error, /Okänd respondenttyp/);
      const noType = await mellerud.post(url, { area: 'it' });
      assert.equal(noType.status, 400);
      assert.match(noType.body.error, /respondenttyp/);
      const badArea = await mellerud.post(url, { respondentType: 'it-nara', area: 'rymdfart' });
      assert.equal(badArea.status, 400);
      assert.match(badArea.body.error, /verksamhetsområde/);
      const badEmail = await mellerud.post(url, { respondentType: 'it-nara', email: 'inte-en-adress' });
      assert.equal(badEmail.status, 400);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]), 3);

      const list = await mellerud.get(url);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.respondents.map((r: any) => [r.respondentType, r.area]),
        [
          ['it-nara', 'it'],
          ['verksamhetsnara', 'socialtjanst'],
          ['verksamhetsnara', 'utbildning'],
        ],
      );
      assert.equal(list.body.respondents[0].token, undefined, 'listan visar inte länkarna');
      const links = await mellerud.get(`/api/rounds/${roundId}/municipalities/1461/links`);
      assert.deepEqual(
        links.body.links.map((l: any) => tokenOf(l.link)),
        [tokens.A, tokens.B, tokens.C],
      );
    });

    it('Mellerud kommer inte åt Bengtsfors respondenter; läsaren ser inga respondenter', async () => {
      const base = `/api/rounds/${roundId}/municipalities/1460`;
      assert.equal((await mellerud.get(`${base}/respondents`)).status, 403);
      assert.equal((await mellerud.post(`${base}/respondents`, { respondentType: 'it-nara' })).status, 403);
      assert.equal((await mellerud.get(`${base}/links`)).status, 403);
      assert.equal((await mellerud.get(`${base}/rates`)).status, 403);
      assert.equal((await mellerud.post(`${base}/respondents/invite`, {})).status, 403);
      assert.equal((await mellerud.request('DELETE', `/api/rounds/${roundId}/municipalities/1460/respondents/${ids.A}`)).status, 403);
      // Mellerud's respondent cannot be reached through another municipality's path either.
      assert.equal((await admin.request('DELETE', `${base}/respondents/${ids.A}`)).status, 404);
      for (const path of ['respondents', 'links', 'rates'])
        assert.equal((await reader.get(`/api/rounds/${roundId}/municipalities/1461/${path}`)).status, 403);
      assert.equal((await sml.get(`/api/rounds/${roundId}/municipalities/1461/respondents`)).status, 403);
      assert.equal((await admin.get(`${base}/respondents`)).status, 200);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1 AND municipality_code = $2', [roundId, '1460']), 0);
    });

    it('läsaren listar mätomgångar (id, rubrik, instrument, status) men inget mer', async () => {
      const r = await reader.get('/api/rounds');
      assert.equal(r.status, 200);
      const round = r.body.rounds.find((x: any) => x.id === roundId);
      assert.equal(round.title, 'Testomgång status 2026');
      assert.equal(round.instrument, 'statusenkat');
      assert.equal(round.status, 'open');
      assert.equal(round.municipalities, undefined);
      assert.equal(round.progress, undefined);
      assert.equal(round.responses, undefined);
      const one = await reader.get(`/api/rounds/${roundId}`);
      assert.equal(one.body.round.progress, undefined);
      // SML-IT's municipalities are not in the round.
      assert.ok(!(await sml.get('/api/rounds')).body.rounds.some((x: any) => x.id === roundId));
      assert.equal((await sml.get(`/api/rounds/${roundId}`)).status, 403);
      // The list's response counts: Mellerud's own respondents for its kommunansvarig, every municipality's for the association.
      const sample = async (codes: string[]) => [
        await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1 AND municipality_code = ANY($2)', [roundId, codes]),
        await count('SELECT count(completed_at)::int AS n FROM respondents WHERE round_id = $1 AND municipality_code = ANY($2)', [roundId, codes]),
      ];
      const listed = async (c: typeof admin) => {
        const x = (await c.get('/api/rounds')).body.rounds.find((y: any) => y.id === roundId).responses;
        return [x.total, x.completed];
      };
      const mellerudSample = await sample(['1461']);
      assert.ok(mellerudSample[0] > 0);
      assert.deepEqual(await listed(mellerud), mellerudSample);
      const inRound = (await t.db.query<{ c: string }>('SELECT municipality_code AS c FROM round_municipalities WHERE round_id = $1', [roundId])).rows;
      assert.ok(inRound.length > 1);
      assert.deepEqual(await listed(admin), await sample(inRound.map((r) => r.c)));
      const own = await mellerud.get(`/api/rounds/${roundId}`);
      assert.deepEqual(
        own.body.round.progress.map((p: any) => p.municipality),
        ['1461'],
      );
    });

    it('inbjudningar går till de ej inbjudna med e-post, med länken, via utkorgen', async () => {
      const r = await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents/invite`, {});
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.sent, [ids.A, ids.B]);
      assert.deepEqual(r.body.withoutEmail, [ids.C]);
      const outbox = (await admin.get('/api/admin/outbox')).body.messages;
      const toAnna = outbox.find((m: any) => m.to_address === 'anna@mellerud.example');
      assert.ok(toAnna, 'inbjudan till Anna saknas');
      assert.match(toAnna.subject, /^Inbjudan: Testomgång status 2026/);
      assert.ok(toAnna.body.includes(`http://samverka.test/svar/${tokens.A}`));
      assert.match(toAnna.body, /Hej Anna IT!/);
      assert.ok(outbox.find((m: any) => m.to_address === 'bo@mellerud.example').body.includes(`/svar/${tokens.B}`));
      // Nobody is left to invite: a second call sends nothing.
      const again = await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents/invite`, {});
      assert.deepEqual(again.body.sent, []);
      assert.equal(await count(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'Inbjudan: Testomgång status 2026'`), 2);
    });

    it('en respondent sparar svar ett i taget och kan fortsätta från samma länk', async () => {
      const first = await anon.get(`/api/r/${tokens.A}`);
      assert.equal(first.status, 200);
      assert.equal(first.body.round.title, 'Testomgång status 2026');
      assert.equal(first.body.round.status, 'open');
      assert.equal(first.body.respondent.respondentType, 'it-nara');
      assert.equal(first.body.respondent.municipalityName, 'Mellerud');
      assert.equal(first.body.round.introduction, 'Enkäten kartlägger hur kommunerna arbetar med digitalisering.');
      assert.deepEqual(first.body.round.contact, { name: 'Anna Strateg', email: 'anna.strateg@fyrbodal.example' });
      assert.equal(first.body.round.estimatedMinutes, 15);
      const itemIds = first.body.round.instrument.items.map((i: any) => i.id);
      assert.ok(itemIds.includes('bestallarkompetens'), 'IT-nära ser beställarkompetens');
      assert.ok(!itemIds.includes('digital-kompetens'), 'IT-nära ser inte frågan till verksamhetsnära');
      assert.deepEqual(first.body.answers, {});
      assert.equal(first.body.completed, false);

      const put = (tok: string, item: string, value: unknown) => anon.request('PUT', `/api/r/${tok}/answers/${item}`, { value });
      const saved = await put(tokens.A, 'portfoljstyrning', 'delvis-etablerad');
      assert.equal(saved.status, 200);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE id = $1 AND started_at IS NOT NULL', [ids.A]), 1);
      assert.equal((await put(tokens.A, 'forum', ['it-rad', 'arkitekturrad'])).status, 200);
      assert.equal((await put(tokens.A, 'samverkan-initiativ', '  Gemensam e-arkivlösning  ')).status, 200);
      // Changing an answer replaces it.
      assert.equal((await put(tokens.A, 'portfoljstyrning', 'val-fungerande')).status, 200);

      const resumed = await anon.get(`/api/r/${tokens.A}`);
      assert.deepEqual(resumed.body.answers, {
        portfoljstyrning: 'val-fungerande',
        forum: ['it-rad', 'arkitekturrad'],
        'samverkan-initiativ': 'Gemensam e-arkivlösning',
      });
    });

    it('ogiltiga svar ger 400 på svenska och inget sparas', async () => {
      const put = (item: string, value: unknown) => anon.request('PUT', `/api/r/${tokens.A}/answers/${item}`, { value });
      const before = await answersOf(ids.A);

      const badOption = await put('portfoljstyrning', 'jattebra');
      assert.equal(badOption.status, 400);
      assert.match(badOption.body.error, /Alternativet finns inte i skalan/);
      const badMulti = await put('forum', ['it-rad', 'kafferad']);
      assert.equal(badMulti.status, 400);
      assert.match(badMulti.body.error, /"kafferad" finns inte/);
      const unknownItem = await put('finns-inte', 'x');
      assert.equal(unknownItem.status, 400);
      assert.match(unknownItem.body.error, /Frågan finns inte i enkäten/);
      const routedAway = await put('digital-kompetens', 'medel');
      assert.equal(routedAway.status, 400);
      assert.match(routedAway.body.error, /ingår inte i din enkät/);
      const noValue = await anon.request('PUT', `/api/r/${tokens.A}/answers/portfoljstyrning`, {});
      assert.equal(noValue.status, 400);
      assert.match(noValue.body.error, /Svar saknas/);
      const badJson = await anon.request('PUT', `/api/r/${tokens.A}/answers/portfoljstyrning`, '{"value":', { 'content-type': 'application/json' });
      assert.equal(badJson.status, 400);
      const huge = await anon.request('PUT', `/api/r/${tokens.A}/answers/samverkan-initiativ`, { value: 'x'.repeat(1024 * 1024 + 10) });
      assert.equal(huge.status, 413);

      assert.deepEqual(await answersOf(ids.A), before);
    });

    it('inskickning är idempotent; efter inskickning kan svaren inte ändras', async () => {
      const s1 = await anon.post(`/api/r/${tokens.A}/submit`);
      assert.equal(s1.status, 200);
      assert.equal(s1.body.completed, true);
      assert.ok(s1.body.completedAt);
      const stored = (await t.db.query<{ c: string }>('SELECT completed_at::text AS c FROM respondents WHERE id = $1', [ids.A])).rows[0].c;
      const s2 = await anon.post(`/api/r/${tokens.A}/submit`);
      assert.equal(s2.status, 200);
      assert.equal(s2.body.completedAt, s1.body.completedAt);
      assert.equal((await t.db.query<{ c: string }>('SELECT completed_at::text AS c FROM respondents WHERE id = $1', [ids.A])).rows[0].c, stored);

      const late = await anon.request('PUT', `/api/r/${tokens.A}/answers/portfoljstyrning`, { value: 'ostrukturerad' });
      assert.equal(late.status, 409);
      assert.match(late.body.error, /redan inskickad/);
      assert.equal((await anon.request('DELETE', `/api/r/${tokens.A}/answers/portfoljstyrning`)).status, 409);
      const view = await anon.get(`/api/r/${tokens.A}`);
      assert.equal(view.body.completed, true);
      assert.equal(view.body.canAnswer, false);
      assert.match(view.body.message, /redan inskickad/);
      assert.equal(view.body.answers.portfoljstyrning, 'val-fungerande');
    });

    it('inskickning utan svar avvisas', async () => {
      const r = await anon.post(`/api/r/${tokens.C}/submit`);
      assert.equal(r.status, 400);
      assert.match(r.body.error, /minst en fråga/);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE id = $1 AND completed_at IS NOT NULL', [ids.C]), 0);
    });

    it('svarsfrekvens: inbjudna / påbörjade / inskickade per roll och område', async () => {
      // B (verksamhetsnära, socialtjänst, invited) starts; C (verksamhetsnära, utbildning) is not invited.
      assert.equal((await anon.request('PUT', `/api/r/${tokens.B}/answers/digital-kompetens`, { value: 'medel' })).status, 200);
      const r = await mellerud.get(`/api/rounds/${roundId}/municipalities/1461/rates`);
      assert.equal(r.status, 200);
      const rates = r.body.rates;
      assert.equal(rates.base, 'respondents');
      const pick = (x: any) => [x.total, x.invited, x.started, x.completed];
      assert.deepEqual(pick(rates.total), [3, 2, 2, 1]);
      assert.ok(Math.abs(rates.total.responseRate - 100 / 3) < 1e-9);
      const byType = Object.fromEntries(rates.byRespondentType.map((x: any) => [x.key, pick(x)]));
      assert.deepEqual(byType, { 'it-nara': [1, 1, 1, 1], verksamhetsnara: [2, 1, 1, 0] });
      const byArea = Object.fromEntries(rates.byArea.filter((x: any) => x.total > 0).map((x: any) => [x.key, pick(x)]));
      assert.deepEqual(byArea, { it: [1, 1, 1, 1], socialtjanst: [1, 1, 1, 0], utbildning: [1, 0, 0, 0] });
      // The association sees the same counts per municipality in the round overview.
      const overview = await admin.get(`/api/rounds/${roundId}`);
      const mel = overview.body.round.progress.find((p: any) => p.municipality === '1461');
      assert.deepEqual(pick(mel), [3, 2, 2, 1]);
      assert.deepEqual(pick(overview.body.round.progress.find((p: any) => p.municipality === '1460')), [0, 0, 0, 0]);
    });

    it('påminnelser går bara till inbjudna som inte har skickat in', async () => {
      const r = await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents/remind`, {});
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.sent, [ids.B]);
      const reminders = (await t.db.query<{ to_address: string; body: string }>(`SELECT to_address, body FROM outbox WHERE subject = 'Påminnelse: Testomgång status 2026'`)).rows;
      assert.deepEqual(
        reminders.map((m) => m.to_address),
        ['bo@mellerud.example'],
      );
      assert.ok(reminders[0].body.includes(`/svar/${tokens.B}`));
    });

    it('en respondent som har börjat svara kan inte tas bort; en som inte har börjat kan det', async () => {
      const base = `/api/rounds/${roundId}/municipalities/1461/respondents`;
      const started = await mellerud.request('DELETE', `${base}/${ids.B}`);
      assert.equal(started.status, 409);
      assert.match(started.body.error, /börjat svara/);
      const extra = await mellerud.post(base, { respondentType: 'it-nara', area: 'ekonomi' });
      const del = await mellerud.request('DELETE', `${base}/${extra.body.respondents[0].id}`);
      assert.equal(del.status, 200);
      assert.equal(await count('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId]), 3);
      const gone = await anon.get(`/api/r/${tokenOf(extra.body.respondents[0].link)}`);
      assert.equal(gone.status, 404);
    });

    it('länkarnas anrop har en egen gräns per IP och länk', async () => {
      const r = await anon.get(`/api/r/${tokens.A}`);
      assert.equal(r.headers['x-ratelimit-limit'], '600');
      // The rest of the API keeps the global limit (100000 in the test configuration).
      assert.equal((await anon.get('/api/auth/me')).headers['x-ratelimit-limit'], '100000');
    });

    it('okänd eller felformad länk ger 404', async () => {
      const unknown = await anon.get(`/api/r/${'A'.repeat(43)}`);
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.error, /Länken är ogiltig/);
      assert.equal((await anon.get('/api/r/kort')).status, 404);
      assert.equal((await anon.request('PUT', `/api/r/${'B'.repeat(43)}/answers/portfoljstyrning`, { value: 'val-fungerande' })).status, 404);
      assert.equal((await anon.post(`/api/r/${'C'.repeat(43)}/submit`)).status, 404);
    });

    it('självskattning: en länk per kommun för kommunansvarig; tal utanför intervallet avvisas', async () => {
      const created = await admin.post('/api/rounds', {
        instrument: 'informationssakerhet',
        title: 'Informationssäkerhet 2026',
        periodStart: '2026-02-01',
        periodEnd: '2026-04-30',
        municipalities: ['1461', '1460'],
      });
      assert.equal(created.status, 201);
      selfRoundId = created.body.round.id;
      assert.equal((await admin.post(`/api/rounds/${selfRoundId}/open`)).status, 200);
      const url = `/api/rounds/${selfRoundId}/municipalities/1461/self-assessment`;
      const s1 = await mellerud.post(url);
      assert.equal(s1.status, 200);
      const s2 = await mellerud.post(url);
      assert.equal(s2.body.link, s1.body.link, 'samma länk varje gång');
      assert.equal((await mellerud.post(`/api/rounds/${selfRoundId}/municipalities/1460/self-assessment`)).status, 403);
      const add = await mellerud.post(`/api/rounds/${selfRoundId}/municipalities/1461/respondents`, { area: 'it' });
      assert.equal(add.status, 400);
      assert.match(add.body.error, /Självskattningen besvaras/);
      const selfToken = tokenOf(s1.body.link);

      const view = await anon.get(`/api/r/${selfToken}`);
      assert.equal(view.body.round.id, selfRoundId);
      assert.equal(view.body.respondent.respondentType, 'kommunansvarig');
      assert.equal(view.body.round.instrument.items.length, 9, 'alla nio frågor i informationssäkerhet');

      const put = (item: string, value: unknown) => anon.request('PUT', `/api/r/${selfToken}/answers/${item}`, { value });
      for (const bad of [41, -1, 'tio']) {
        const r = await put('ciso-timmar', bad);
        assert.equal(r.status, 400, `värdet ${bad}`);
        assert.match(r.body.error, /mellan 0 och 40|ett tal/);
      }
      const degreeOnNo = await put('riskhantering', { answer: 'nej', degree: 'hog-grad' });
      assert.equal(degreeOnNo.status, 400);
      assert.equal(await count('SELECT count(*)::int AS n FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.round_id = $1', [selfRoundId]), 0);
      assert.equal((await put('ciso-timmar', 10)).status, 200);
      assert.equal((await put('ciso', { answer: 'ja' })).status, 200);
      assert.equal((await put('riskhantering', { answer: 'ja', degree: 'viss-grad' })).status, 200);
      const stored = await answersOf(s1.body.respondent.id);
      assert.deepEqual(stored, { 'ciso-timmar': 10, ciso: { answer: 'ja' }, riskhantering: { answer: 'ja', degree: 'viss-grad' } });

      const rates = (await mellerud.get(`/api/rounds/${selfRoundId}/municipalities/1461/rates`)).body.rates;
      const self = rates.byRespondentType.find((x: any) => x.key === 'kommunansvarig');
      assert.deepEqual([self.label, self.total, self.invited, self.started, self.completed], ['Kommunansvarig', 1, 0, 1, 0]);
    });

    it('en länk når bara sin egen mätomgång', async () => {
      const selfToken = tokenOf((await mellerud.post(`/api/rounds/${selfRoundId}/municipalities/1461/self-assessment`)).body.link);
      const a = await anon.get(`/api/r/${tokens.B}`);
      assert.equal(a.body.round.id, roundId);
      assert.ok(!a.body.round.instrument.items.some((i: any) => i.id === 'ciso-timmar'));
      // The status survey's item does not exist in the self-assessment round that the token belongs to.
      const cross = await anon.request('PUT', `/api/r/${selfToken}/answers/portfoljstyrning`, { value: 'val-fungerande' });
      assert.equal(cross.status, 400);
      const crossB = await anon.request('PUT', `/api/r/${tokens.B}/answers/ciso-timmar`, { value: 5 });
      assert.equal(crossB.status, 400);
      assert.equal(
        await count(
          `SELECT count(*)::int AS n FROM answers a JOIN respondents p ON p.id = a.respondent_id
            WHERE a.item_id = 'portfoljstyrning' AND p.round_id IN ($1, $2) AND p.id <> $3`,
          [roundId, selfRoundId, ids.A],
        ),
        0,
      );
      assert.equal(await count(`SELECT count(*)::int AS n FROM answers WHERE item_id = 'ciso-timmar' AND respondent_id = $1`, [ids.B]), 0);
    });

    it('stängd mätomgång: 409 på svar och inskickning, läsbar länk; öppna igen tar emot svar', async () => {
      assert.equal((await mellerud.post(`/api/rounds/${roundId}/close`)).status, 403);
      const closed = await admin.post(`/api/rounds/${roundId}/close`);
      assert.equal(closed.status, 200);
      assert.equal(closed.body.round.status, 'closed');
      const before = await answersOf(ids.B);
      const put = await anon.request('PUT', `/api/r/${tokens.B}/answers/digital-kompetens`, { value: 'hog' });
      assert.equal(put.status, 409);
      assert.match(put.body.error, /Mätomgången är stängd/);
      const submit = await anon.post(`/api/r/${tokens.B}/submit`);
      assert.equal(submit.status, 409);
      assert.deepEqual(await answersOf(ids.B), before);
      const view = await anon.get(`/api/r/${tokens.B}`);
      assert.equal(view.status, 200);
      assert.equal(view.body.canAnswer, false);
      assert.match(view.body.message, /stängd/);
      // The sample is frozen and no mail goes out while closed.
      assert.equal((await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents`, { respondentType: 'it-nara' })).status, 409);
      assert.equal((await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents/remind`, {})).status, 409);
      // A replayed submit of a completed link still answers 200 with the first time.
      assert.equal((await anon.post(`/api/r/${tokens.A}/submit`)).status, 200);

      assert.equal((await admin.post(`/api/rounds/${roundId}/close`)).status, 409);
      const reopened = await admin.post(`/api/rounds/${roundId}/reopen`);
      assert.equal(reopened.body.round.status, 'open');
      assert.equal(reopened.body.round.closedAt, null);
      assert.equal((await anon.request('PUT', `/api/r/${tokens.B}/answers/digital-kompetens`, { value: 'hog' })).status, 200);
      assert.equal((await anon.post(`/api/r/${tokens.B}/submit`)).status, 200);
      assert.deepEqual(await answersOf(ids.B), { 'digital-kompetens': 'hog' });
    });

    it('en mätomgång i utkast tar inte emot svar', async () => {
      const draft = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        title: 'Utkast',
        periodStart: '2026-05-01',
        periodEnd: '2026-05-31',
        municipalities: ['1461'],
      });
      const add = await mellerud.post(`/api/rounds/${draft.body.round.id}/municipalities/1461/respondents`, { respondentType: 'it-nara' });
      assert.equal(add.status, 201);
      const tok = tokenOf(add.body.respondents[0].link);
      const r = await anon.request('PUT', `/api/r/${tok}/answers/portfoljstyrning`, { value: 'val-fungerande' });
      assert.equal(r.status, 409);
      assert.match(r.body.error, /inte öppnats/);
      const inv = await mellerud.post(`/api/rounds/${draft.body.round.id}/municipalities/1461/respondents/invite`, {});
      assert.equal(inv.status, 409);
    });

    it('kommunansvarig kan komplettera e-post och bjuda in en vald respondent', async () => {
      const base = `/api/rounds/${roundId}/municipalities/1461/respondents`;
      const p = await mellerud.patch(`${base}/${ids.C}`, { email: 'cecilia@mellerud.example' });
      assert.equal(p.status, 200);
      assert.equal(p.body.respondent.email, 'cecilia@mellerud.example');
      assert.equal(p.body.respondent.area, 'utbildning', 'oförändrat fält behålls');
      const badArea = await mellerud.patch(`${base}/${ids.C}`, { area: 'rymdfart' });
      assert.equal(badArea.status, 400);
      // B has started: role and area are fixed.
      assert.equal((await mellerud.patch(`${base}/${ids.B}`, { area: 'it' })).status, 409);
      const inv = await mellerud.post(`${base}/invite`, { ids: [ids.C, ids.A] });
      assert.equal(inv.status, 200);
      assert.deepEqual(inv.body.sent, [ids.C]);
      assert.deepEqual(inv.body.skipped, [ids.A], 'A har redan skickat in');
      assert.equal((await mellerud.post(`${base}/invite`, { ids: [999999] })).status, 404);
      assert.equal(await count(`SELECT count(*)::int AS n FROM outbox WHERE to_address = 'cecilia@mellerud.example'`), 1);
    });

    it('ny länk ersätter den gamla', async () => {
      const base = `/api/rounds/${roundId}/municipalities/1461/respondents/${ids.C}/new-link`;
      const r = await mellerud.post(base);
      assert.equal(r.status, 200);
      const fresh = tokenOf(r.body.link);
      assert.notEqual(fresh, tokens.C);
      assert.equal((await anon.get(`/api/r/${tokens.C}`)).status, 404);
      assert.equal((await anon.get(`/api/r/${fresh}`)).status, 200);
      assert.equal((await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents/${ids.A}/new-link`)).status, 409);
    });
  });
}
