// The regional indicator "andel kommuner som visar på ökad digital mognad" computed from measurement
// rounds (src/portfolio/maturity.ts) on both backends, over HTTP and in the indicator export.
//
// Hand-computed from the demo (src/demo/data/digital-mognad.ts, src/demo/rounds.ts): the closed rounds
// of 'digital-mognad' are "Digital mognad 2020" (period ends 2020-12-11, 13 municipalities) and "Digital
// mognad 2025" (ends 2025-12-12, ten of the 13). Overall score change 2020 → 2025 against the minimum
// meaningful change of 5 pp: Bengtsfors +7, Färgelanda +7.5, Munkedal +7.5, Mellerud +8, Uddevalla +8
// (increased); Sotenäs, Åmål, Lysekil, Tanum within ±1 (unchanged); Vänersborg −8 (decreased):
// 5 of 10 = 50 %. For 2021–2024 only the 2020 round has ended: nothing to compare.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readXlsx, tableAt } from './support/xlsx.ts';
import { DEMO_ROUNDS } from '../src/demo/rounds.ts';
import { maturityChange } from '../src/portfolio/maturity.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';

const byIndicator = (body: any) => Object.fromEntries(body.indicators.map((x: any) => [x.indicator, x]));

for (const backend of backends) {
  describe(`mognadsindikatorn beräknas ur mätomgångarna (${backend.name})`, () => {
    let t: TestApp;
    let reader: Client;
    let admin: Client;

    before(async () => {
      t = await startApp(backend);
      reader = await loggedIn(t.app, DEMO.reader);
      admin = await loggedIn(t.app, DEMO.admin);
    });
    after(async () => {
      await t?.close();
    });

    it('2025: 5 av 10 jämförda kommuner visar ökad mognad = 50 %, beräknad och inte rapporterad', async () => {
      const r = await reader.get('/api/indicators?year=2025');
      assert.equal(r.status, 200);
      assert.equal(r.body.year, 2025);
      const m = byIndicator(r.body).andel_okad_mognad;
      assert.equal(m.computed.value, 50);
      assert.equal(m.computed.n, 10);
      assert.equal(m.computed.count, 5);
      assert.match(m.computed.base, /5 av 10/);
      // From demo rounds, and 10 of Fyrbodal's 14 members compared: both marks.
      assert.deepEqual([m.computed.synthesised, m.computed.incomplete], [true, true]);
      // The published (subjective) 75 % of VGR Analys 2025:40 table 1 stays visible beside the computed value.
      assert.equal(m.published.value, 75);
      assert.equal(m.expected, 50);
    });

    it('jämförelsen är 2020 mot 2025 och bara stängda omgångar räknas', async () => {
      const c = await maturityChange(t.db, 2025);
      assert.ok(c);
      assert.equal(c.before.title, DEMO_ROUNDS.dimios2020.title);
      assert.equal(c.after.title, DEMO_ROUNDS.dimios2025.title);
      assert.deepEqual([c.increased, c.n], [5, 10]);
      // A later year still compares with the latest closed round (2025).
      const r2026 = byIndicator((await reader.get('/api/indicators?year=2026')).body).andel_okad_mognad;
      assert.deepEqual([r2026.computed.value, r2026.computed.n], [50, 10]);

      // Reopening the 2025 round takes it out of the indicator; closing it again brings it back.
      const id = (await t.db.query<{ id: number }>('SELECT id FROM rounds WHERE title = $1', [DEMO_ROUNDS.dimios2025.title])).rows[0].id;
      assert.equal((await admin.post(`/api/rounds/${id}/reopen`)).status, 200);
      const reopened = byIndicator((await reader.get('/api/indicators?year=2025')).body).andel_okad_mognad;
      assert.equal(reopened.computed, null);
      assert.equal(reopened.published.value, 75); // the published value, on its own
      assert.match(reopened.notComputed, /ingen jämförelse/);
      assert.equal((await admin.post(`/api/rounds/${id}/close`)).status, 200);
      const closed = byIndicator((await reader.get('/api/indicators?year=2025')).body).andel_okad_mognad;
      assert.deepEqual([closed.computed.value, closed.computed.n], [50, 10]);
    });

    it('före en andra mätomgång (2021, 2024) och före den första (2019) beräknas indikatorn inte', async () => {
      for (const year of [2019, 2021, 2024]) {
        const r = await reader.get(`/api/indicators?year=${year}`);
        assert.equal(r.status, 200);
        // Nothing expected, published or computed: the row is left out.
        assert.equal(byIndicator(r.body).andel_okad_mognad, undefined, `år ${year}`);
        assert.equal(await maturityChange(t.db, year), null, `år ${year}`);
      }
    });

    it('indikatorexporten (XLSX) har det beräknade värdet 50 för 2025', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/indicators/export?year=2025&format=xlsx', headers: { cookie: reader.cookie! } });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const rows = tableAt(await readXlsx(res.rawPayload), 'Indikatorer', 'Indikatorer');
      assert.deepEqual(rows[4].slice(0, 4), ['Andel kommuner som visar på ökad digital mognad', '50 %', '75 % (per aug. 2025)', '50 % – syntetiserade demodata, ofullständigt underlag']);
    });
  });
}
