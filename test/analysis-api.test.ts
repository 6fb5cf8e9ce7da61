// The analysis API over HTTP on both databases: what the association, a kommunansvarig and a läsare
// are given (DOMAIN.md §1, §5), bad input, CSV downloads. Expected numbers are hand-computed in
// test/support/analysis-seed.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loggedIn, DEMO, startApp, type Client, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';
import { AMAL, BENGTSFORS, MELLERUD, ROUND_2023, ROUND_2025, seedRound } from './support/analysis-seed.ts';

const rowOf = (body: any, figure: string, key: string) => {
  const f = body.figures.find((x: any) => x.id === figure);
  assert.ok(f, `figur ${figure} saknas`);
  const r = f.rows.find((x: any) => x.key === key);
  assert.ok(r, `rad ${key} saknas i ${figure}: ${f.rows.map((x: any) => x.key).join(', ')}`);
  return r;
};

for (const backend of backends) {
  describe(`analys-API (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let smlIt: Client;
    let reader: Client;
    let r2025: number;
    let r2023: number;
    let openEmpty: number;
    let otherInstrument: number;

    before(async () => {
      t = await startApp(backend);
      r2025 = await seedRound(t.db, { title: 'Analysrunda 2025', periodStart: '2025-01-01', periodEnd: '2025-12-31', respondents: ROUND_2025 });
      r2023 = await seedRound(t.db, { title: 'Analysrunda 2023', periodStart: '2023-01-01', periodEnd: '2023-12-31', respondents: ROUND_2023 });
      openEmpty = await seedRound(t.db, {
        title: 'Tom runda 2026',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        respondents: [],
        status: 'open',
        municipalities: [MELLERUD, BENGTSFORS],
      });
      // A closed demo round of another instrument.
      otherInstrument = (await t.db.query<{ id: number }>(`SELECT id FROM rounds WHERE instrument_id = 'formagekarta' ORDER BY id LIMIT 1`)).rows[0].id;
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      smlIt = await loggedIn(t.app, DEMO.smlIt);
      reader = await loggedIn(t.app, DEMO.reader);
    });
    after(() => t?.close());

    it('kräver inloggning', async () => {
      const anon = await t.app.inject({ method: 'GET', url: `/api/rounds/${r2025}/analysis` });
      assert.equal(anon.statusCode, 401);
    });

    it('förbundet ser kommunnamn, värmekarta och fritext', async () => {
      const r = await admin.get(`/api/rounds/${r2025}/analysis`);
      assert.equal(r.status, 200);
      const names = r.body.figures.find((f: any) => f.id === 'kommuner').rows.map((x: any) => [x.cells.municipality, x.cells.n, x.cells.overall]);
      assert.deepEqual(names, [
        ['Bengtsfors', 3, 31.25],
        ['Mellerud', 4, 71.875],
        ['Åmål', 2, 53.125],
      ]);
      const q1 = rowOf(r.body, 'region-fragor', 'q1').cells;
      assert.deepEqual([q1.min, q1.mean, q1.max, q1.nMunicipalities], [50, 75, 100, 3]);
      assert.ok(r.body.figures.some((f: any) => f.id === 'varmekarta'));
      assert.ok(JSON.stringify(r.body).includes('Bengtsfors hemliga plan'));
      // The started, unsubmitted respondent is not counted.
      assert.ok(!JSON.stringify(r.body).includes('Ej inskickat utkast'));
      assert.equal(r.body.summary.respondents.n, 9);
    });

    it('Melleruds kommunansvariga: egen kommun i klartext, övriga anonymiserade, Åmål (2 svar) undertryckt', async () => {
      const r = await mellerud.get(`/api/rounds/${r2025}/analysis`);
      assert.equal(r.status, 200);
      const json = JSON.stringify(r.body);
      for (const s of ['Bengtsfors', 'Åmål', BENGTSFORS, AMAL, 'hemliga plan', 'Åmål fritext']) assert.ok(!json.includes(s), `ser "${s}"`);
      const rows = r.body.figures.find((f: any) => f.id === 'kommuner').rows;
      assert.equal(rows[0].cells.municipality, 'Mellerud (egen kommun)');
      assert.equal(rows[0].cells.overall, 71.875);
      const others = rows.slice(1);
      assert.deepEqual(others.map((x: any) => /^Kommun \d$/.test(x.cells.municipality)), [true, true]);
      const small = others.find((x: any) => x.cells.n === 2);
      assert.equal(small.cells.overall, null);
      assert.ok(small.suppressed.includes('overall'));
      assert.equal(others.find((x: any) => x.cells.n === 3).cells.overall, 31.25);
      assert.ok(!r.body.figures.some((f: any) => f.id === 'varmekarta'));
      // Region as others see it: without Åmål.
      const q1 = rowOf(r.body, 'region-fragor', 'q1').cells;
      assert.deepEqual([q1.min, q1.mean, q1.max, q1.nMunicipalities], [50, 62.5, 75, 2]);

      const own = await mellerud.get(`/api/rounds/${r2025}/analysis/municipalities/${MELLERUD}`);
      assert.equal(own.status, 200);
      const oq1 = rowOf(own.body, 'kommun-mot-region', 'q1').cells;
      assert.deepEqual([oq1.own, oq1.ownN, oq1.mean, oq1.difference], [75, 3, 62.5, 12.5]);
      const texts = own.body.figures.find((f: any) => f.id === 'kommun-fritext').rows.map((x: any) => x.cells.text).sort();
      assert.deepEqual(texts, ['=1+1', 'Gemensam e-arkivlösning']);
      assert.ok(!JSON.stringify(own.body).includes('Bengtsfors'));
    });

    it('självskattning (it-kompetenser 4D, suppressionMin 1): kommunansvarig ser regionens min, medel och max, anonymiserat', async () => {
      // Förstudierapport gemensam it-organisation 2024 Bilaga 2, It-ledning: Bengtsfors 3, Färgelanda 1, Mellerud 1, Åmål 2 on the 1–3 scale, i.e.
      // 100, 0, 0 and 50 % of the scale: min 0, mean 37.5, max 100 over 4 municipalities.
      const id = (await t.db.query<{ id: number }>(`SELECT id FROM rounds WHERE instrument_id = 'it-kompetens' AND is_demo`)).rows[0].id;
      const r = await mellerud.get(`/api/rounds/${id}/analysis`);
      assert.equal(r.status, 200);
      const c = rowOf(r.body, 'region-fragor', 'it-ledning').cells;
      assert.deepEqual([c.min, c.mean, c.max, c.nMunicipalities], [0, 37.5, 100, 4]);
      const json = JSON.stringify(r.body);
      for (const s of ['Bengtsfors', 'Färgelanda', 'Åmål']) assert.ok(!json.includes(s), `ser "${s}"`);
    });

    it('läsaren: anonymiserat och undertryckt, ingen fritext, inga namn', async () => {
      const r = await reader.get(`/api/rounds/${r2025}/analysis`);
      assert.equal(r.status, 200);
      const json = JSON.stringify(r.body);
      for (const s of ['Mellerud', 'Bengtsfors', 'Åmål', MELLERUD, BENGTSFORS, AMAL, 'e-arkiv', 'hemliga plan', '=1+1']) assert.ok(!json.includes(s), `läsaren ser "${s}"`);
      const rows = r.body.figures.find((f: any) => f.id === 'kommuner').rows;
      assert.equal(rows.length, 3);
      assert.equal(rows.filter((x: any) => x.cells.overall === null).length, 1);
      assert.ok(!r.body.figures.some((f: any) => f.id === 'varmekarta' || f.id === 'fritext'));
      const dist = rowOf(r.body, 'fordelning-s04', 'q1').cells;
      assert.equal(dist.n, 7);
      assert.ok(Math.abs(dist['o:2'] - 200 / 7) < 1e-9);
    });

    it('403 för en annan kommuns kommunansvarig och för läsare; 404 för okänd omgång och kommun', async () => {
      assert.equal((await mellerud.get(`/api/rounds/${r2025}/analysis/municipalities/${BENGTSFORS}`)).status, 403);
      assert.equal((await smlIt.get(`/api/rounds/${r2025}/analysis/municipalities/${MELLERUD}`)).status, 403);
      const rd = await reader.get(`/api/rounds/${r2025}/analysis/municipalities/${MELLERUD}`);
      assert.equal(rd.status, 403);
      assert.match(rd.body.error, /behörighet/);
      const unknownRound = await admin.get(`/api/rounds/999999/analysis`);
      assert.equal(unknownRound.status, 404);
      assert.match(unknownRound.body.error, /Mätomgången 999999 finns inte/);
      assert.equal((await admin.get(`/api/rounds/999999/analysis/municipalities/${MELLERUD}`)).status, 404);
      const unknownMuni = await admin.get(`/api/rounds/${r2025}/analysis/municipalities/9999`);
      assert.equal(unknownMuni.status, 404);
      assert.match(unknownMuni.body.error, /9999 finns inte/);
      const notInRound = await admin.get(`/api/rounds/${r2025}/analysis/municipalities/1488`);
      assert.equal(notInRound.status, 404);
      assert.match(notInRound.body.error, /Trollhättan ingår inte i mätomgången/);
      assert.equal((await admin.get(`/api/rounds/abc/analysis`)).status, 400);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis/municipalities/12`)).status, 400);
    });

    it('filter: okänd respondenttyp eller verksamhetsområde ger 400; giltigt filter räknar bara de svaren', async () => {
      const bad = await admin.get(`/api/rounds/${r2025}/analysis?respondentType=politiker`);
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /Okänd respondenttyp "politiker"/);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis?area=rymden`)).status, 400);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis?okand=1`)).status, 400);
      const it = await admin.get(`/api/rounds/${r2025}/analysis?respondentType=it`);
      assert.equal(it.status, 200);
      // IT respondents: Mellerud 2 (q1 4, 3 → 3.5 → 87.5 %), Bengtsfors 1, Åmål 1.
      assert.equal(it.body.summary.respondents.n, 4);
      assert.equal(rowOf(it.body, 'varmekarta', 'q1').cells[`m:${MELLERUD}`], 87.5);
      // Readers: every municipality has fewer than 3 IT respondents → nothing but n.
      const rit = await reader.get(`/api/rounds/${r2025}/analysis?respondentType=it&area=it`);
      assert.equal(rit.status, 200);
      assert.equal(rit.body.summary.municipalities.n, 0);
      assert.equal(rowOf(rit.body, 'region-fragor', 'q1').cells.mean, null);
    });

    it('förändring: samma instrument jämförs, annat instrument ger ett tydligt 400-fel', async () => {
      const c = await admin.get(`/api/rounds/${r2025}/analysis/compare/${r2023}`);
      assert.equal(c.status, 200);
      assert.deepEqual([c.body.before.id, c.body.after.id], [r2023, r2025]);
      assert.equal(rowOf(c.body, 'forandring', MELLERUD).cells.difference, 15.625);
      assert.deepEqual([c.body.increasedShare.count, c.body.increasedShare.n], [1, 3]);
      const rc = await reader.get(`/api/rounds/${r2023}/analysis/compare/${r2025}`);
      assert.equal(rc.status, 200);
      assert.deepEqual([rc.body.increasedShare.count, rc.body.increasedShare.n, rc.body.increasedShare.percent], [1, 2, 50]);
      const bad = await admin.get(`/api/rounds/${r2025}/analysis/compare/${otherInstrument}`);
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /kan inte jämföras/);
      assert.match(bad.body.error, /instrumentet/);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis/compare/${r2025}`)).status, 400);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis/compare/999999`)).status, 404);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis/compare/${r2023}?measure=dimension:finns-inte`)).status, 400);
      const dim = await admin.get(`/api/rounds/${r2025}/analysis/compare/${r2023}?measure=dimension:arv`);
      // Mellerud arv 75 → 87.5.
      assert.equal(rowOf(dim.body, 'forandring', MELLERUD).cells.difference, 12.5);
    });

    it('tom omgång: n = 0, inga NaN; läsaren får inte se en öppen omgång', async () => {
      const r = await admin.request('GET', `/api/rounds/${openEmpty}/analysis`);
      assert.equal(r.status, 200);
      assert.equal(r.body.summary.respondents.n, 0);
      const text = JSON.stringify(r.body);
      assert.ok(!text.includes('NaN'));
      assert.equal(rowOf(r.body, 'region-fragor', 'q1').cells.mean, null);
      assert.ok(r.body.figures.find((f: any) => f.id === 'kommuner').rows.every((x: any) => x.cells.n === 0 && x.cells.overall === null));
      const m = await mellerud.get(`/api/rounds/${openEmpty}/analysis/municipalities/${MELLERUD}`);
      assert.equal(m.status, 200);
      assert.equal(m.body.municipality.n, 0);
      assert.equal(rowOf(m.body, 'kommun-mot-region', 'q1').cells.difference, null);
      const csv = await admin.get(`/api/rounds/${openEmpty}/analysis?format=csv&figure=region-fragor`);
      assert.equal(csv.status, 200);
      assert.ok(!String(csv.body).includes('NaN'));
      assert.equal((await reader.get(`/api/rounds/${openEmpty}/analysis`)).status, 403);
    });

    it('omgångar att välja: läsaren ser bara stängda, kommunansvarig även egna öppna', async () => {
      const a = await admin.get('/api/analysis/rounds');
      const rd = await reader.get('/api/analysis/rounds');
      const m = await mellerud.get('/api/analysis/rounds');
      assert.ok(a.body.rounds.some((x: any) => x.id === openEmpty));
      assert.ok(!rd.body.rounds.some((x: any) => x.id === openEmpty));
      assert.ok(rd.body.rounds.some((x: any) => x.id === r2025));
      assert.ok(rd.body.rounds.every((x: any) => x.status === 'closed'));
      assert.ok(m.body.rounds.some((x: any) => x.id === openEmpty));
      assert.deepEqual(m.body.rounds.find((x: any) => x.id === r2025).ownMunicipalities, [MELLERUD]);
    });

    it('CSV: varje figur kan laddas ned, formler neutraliseras, läsarens CSV saknar namn', async () => {
      const ft = await admin.get(`/api/rounds/${r2025}/analysis?format=csv&figure=fritext`);
      assert.equal(ft.status, 200);
      assert.match(String(ft.headers['content-type']), /text\/csv/);
      assert.match(String(ft.headers['content-disposition']), /attachment; filename="resultat-\d+-fritext.csv"/);
      assert.ok(String(ft.body).includes("'=1+1"));
      const rcsv = await reader.get(`/api/rounds/${r2025}/analysis?format=csv&figure=kommuner`);
      assert.equal(rcsv.status, 200);
      assert.ok(!/Mellerud|Bengtsfors|Åmål/.test(String(rcsv.body)));
      assert.ok(String(rcsv.body).includes('för få svar'));
      // Figures the viewer does not get are not downloadable either.
      assert.equal((await reader.get(`/api/rounds/${r2025}/analysis?format=csv&figure=varmekarta`)).status, 404);
      assert.equal((await reader.get(`/api/rounds/${r2025}/analysis?format=csv&figure=fritext`)).status, 404);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis?format=csv`)).status, 400);
      const own = await mellerud.get(`/api/rounds/${r2025}/analysis/municipalities/${MELLERUD}?format=csv&figure=kommun-mot-region`);
      assert.equal(own.status, 200);
      assert.match(String(own.body), /Mellerud mot regionen/);
      const ch = await admin.get(`/api/rounds/${r2025}/analysis/compare/${r2023}?format=csv&figure=forandring`);
      assert.equal(ch.status, 200);
      assert.match(String(ch.body), /Mellerud;56\.3;71\.9;15\.6;Ökad;3;4/);
    });

    it('cachen följer nya svar: ett nytt inskickat svar syns direkt', async () => {
      const before = await admin.get(`/api/rounds/${r2025}/analysis`);
      assert.equal(before.body.summary.respondents.n, 9);
      const p = await t.db.query<{ id: number }>(
        `INSERT INTO respondents (round_id, municipality_code, source, respondent_type, area, started_at, completed_at)
         VALUES ($1, $2, 'link', 'it', 'it', now(), now()) RETURNING id`,
        [r2025, AMAL],
      );
      await t.db.query(`INSERT INTO answers (respondent_id, item_id, value) VALUES ($1, 'q1', '"0"')`, [p.rows[0].id]);
      const after = await reader.get(`/api/rounds/${r2025}/analysis`);
      assert.equal(after.body.summary.respondents.n, 10);
      // Åmål now has 3 respondents (q1 [4,4,0] → 4 → 100 %) and is part of the readers' region: q1 min 50, max 100.
      const q1 = rowOf(after.body, 'region-fragor', 'q1').cells;
      assert.deepEqual([q1.min, q1.max, q1.nMunicipalities], [50, 100, 3]);
    });
  });
}
