// The regional view with its large figures deferred (issue 15: the web page does not load what it does
// not draw): defer=true leaves out the rows and columns of figures with more than DEFER_CELLS cells,
// and GET /api/rounds/:id/analysis/figures/:figure answers with one figure exactly as the viewer's full
// regional view has it (same access, anonymisation, suppression and filters). Data: test/support/analysis-seed.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFER_CELLS, deferLargeFigures } from '../src/domain/analysis/deferred.ts';
import type { Figure } from '../src/domain/analysis/views.ts';
import { loggedIn, DEMO, startApp, type Client, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';
import { AMAL, BENGTSFORS, MELLERUD, ROUND_2025, seedRound } from './support/analysis-seed.ts';

/** A figure of `rows` × `cols` cells. */
function figure(id: string, rows: number, cols: number): Figure {
  const columns = Array.from({ length: cols }, (_, i) => ({ key: `c${i}`, label: `C${i}`, format: 'pct' as const }));
  return {
    id,
    title: `Figur ${id}`,
    chart: 'heatmap',
    base: 'respondents',
    n: 7,
    notes: ['en not'],
    columns,
    rows: Array.from({ length: rows }, (_, r) => ({ key: `r${r}`, label: `R${r}`, cells: Object.fromEntries(columns.map((c) => [c.key, r])) })),
  };
}

describe('uppskjutna figurer (domän)', () => {
  it('figurer med fler än DEFER_CELLS celler skickas utan rader och kolumner, övriga orörda', () => {
    assert.equal(DEFER_CELLS, 1000);
    // 40 × 25 = 1000 cells: kept; 40 × 26 = 1040: deferred; 60 × 291 (a national heatmap): deferred.
    const edge = figure('kant', 40, 25);
    const over = figure('over', 40, 26);
    const heat = figure('varmekarta', 60, 291);
    const view = { kind: 'regional', figures: [edge, over, heat] };
    const out = deferLargeFigures(view);
    assert.deepEqual(out.deferred, ['over', 'varmekarta']);
    assert.equal(out.figures[0], edge);
    assert.deepEqual(out.figures[1], { ...over, rows: [], columns: [] });
    assert.deepEqual(
      [out.figures[2].title, out.figures[2].n, out.figures[2].notes, out.figures[2].chart, out.figures[2].rows.length, out.figures[2].columns.length],
      ['Figur varmekarta', 7, ['en not'], 'heatmap', 0, 0],
    );
    assert.equal(out.kind, 'regional');
    // The cached view it was made from is not changed.
    assert.equal(view.figures[2].rows.length, 60);
    assert.equal(view.figures[2].columns.length, 291);
    assert.deepEqual(deferLargeFigures({ figures: [edge] }).deferred, []);
  });
});

for (const backend of backends) {
  describe(`uppskjutna figurer över HTTP (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let reader: Client;
    let r2025: number;

    before(async () => {
      t = await startApp(backend);
      r2025 = await seedRound(t.db, { title: 'Analysrunda 2025', periodStart: '2025-01-01', periodEnd: '2025-12-31', respondents: ROUND_2025 });
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      reader = await loggedIn(t.app, DEMO.reader);
    });
    after(() => t?.close());

    it('en figur är densamma som i användarens hela regionala vy, med samma filter', async () => {
      for (const [who, c] of [['förbundet', admin], ['kommunansvarig', mellerud], ['läsare', reader]] as const) {
        for (const query of ['', '?respondentType=it']) {
          const full = await c.get(`/api/rounds/${r2025}/analysis${query}`);
          assert.equal(full.status, 200);
          for (const f of full.body.figures) {
            const one = await c.get(`/api/rounds/${r2025}/analysis/figures/${f.id}${query}`);
            assert.equal(one.status, 200, `${who}/${f.id}${query}`);
            assert.deepEqual(one.body, { figure: f }, `${who}/${f.id}${query}`);
          }
        }
      }
      // The names the kommunansvarig and the läsare do not see are not in their figure either.
      const k = await mellerud.get(`/api/rounds/${r2025}/analysis/figures/kommuner`);
      const names = k.body.figure.rows.map((r: any) => r.cells.municipality);
      assert.equal(names[0], 'Mellerud (egen kommun)');
      assert.deepEqual(names.slice(1).map((n: string) => /^Kommun \d$/.test(n)), [true, true]);
      const rd = await reader.get(`/api/rounds/${r2025}/analysis/figures/kommuner`);
      const json = JSON.stringify(rd.body);
      for (const s of ['Mellerud', 'Bengtsfors', 'Åmål', MELLERUD, BENGTSFORS, AMAL]) assert.ok(!json.includes(s), `läsaren ser "${s}"`);
      // Åmål (2 answers) is suppressed for the läsare: one row without an overall score.
      assert.equal(rd.body.figure.rows.filter((r: any) => r.cells.overall === null && r.suppressed?.includes('overall')).length, 1);
    });

    it('åtkomst: inloggning krävs; figurer utanför användarens vy, okänd omgång och fel filter ger 404 eller 400', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/rounds/${r2025}/analysis/figures/kommuner` })).statusCode, 401);
      // The heatmap (with names) is the association's: a kommunansvarig and a läsare have none.
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis/figures/varmekarta`)).status, 200);
      for (const c of [mellerud, reader]) {
        const r = await c.get(`/api/rounds/${r2025}/analysis/figures/varmekarta`);
        assert.equal(r.status, 404);
        assert.match(r.body.error, /Figuren "varmekarta" finns inte/);
      }
      assert.equal((await reader.get(`/api/rounds/${r2025}/analysis/figures/fritext`)).status, 404);
      assert.equal((await admin.get(`/api/rounds/999999/analysis/figures/kommuner`)).status, 404);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis/figures/ok%C3%A4nd`)).status, 400);
      const bad = await admin.get(`/api/rounds/${r2025}/analysis/figures/kommuner?respondentType=politiker`);
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /Okänd respondenttyp "politiker"/);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis/figures/kommuner?measure=overall`)).status, 400);
    });

    it('defer=true: en liten vy skickas hel, med en tom lista över uppskjutna figurer; CSV som förut', async () => {
      const full = await admin.get(`/api/rounds/${r2025}/analysis`);
      const deferred = await admin.get(`/api/rounds/${r2025}/analysis?defer=true`);
      assert.equal(deferred.status, 200);
      assert.deepEqual(deferred.body, { ...full.body, deferred: [] });
      assert.equal(full.body.deferred, undefined);
      const csv = await admin.get(`/api/rounds/${r2025}/analysis?defer=true&format=csv&figure=kommuner`);
      assert.equal(csv.status, 200);
      assert.match(String(csv.body), /Mellerud;4;71\.9/);
      assert.equal((await admin.get(`/api/rounds/${r2025}/analysis?defer=ja`)).status, 400);
    });
  });
}
