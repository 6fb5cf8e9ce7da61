// Regional indicators beside their source (issue 9 item 7): a computed outcome that rests on synthesised
// demo data says so, and the published outcome is shown beside it with its source (title and year).
// Hand-computed:
// - domain: two members A, B; a regional demo initiative with A taking part → 1 of 2 = 50 %, synthesised;
//   the same initiative not demo → not synthesised; a reported value carries its source, none without it;
// - demo 2025 (Fyrbodal's indicator table, "Delregionala digitaliseringsstrategier", VGR Analys 2025:40):
//   expected 20 / 50 % / 1 / 50 %, published 15 / 80 % / 4 / 75 %; computed from demo initiatives,
//   demo networks and the demo maturity rounds, so all four computed outcomes are synthesised.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeIndicators, type IndicatorInput } from '../src/domain/portfolio/indicators.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, startApp, type TestApp } from './support/app.ts';
import { readXlsx, tableAt } from './support/xlsx.ts';

const SOURCE = 'Delregionala digitaliseringsstrategier (VGR Analys 2025:40), 2025';

describe('indicators: synthesised outcomes and published sources (domain)', () => {
  const input = (demo: boolean, networkDemo = false): IndicatorInput => ({
    year: 2025,
    members: ['A', 'B'],
    initiatives: [{ id: 1, stage: 'genomforande', scope: 'regional', startYear: 2024, endYear: 2026, participating: ['A'], actors: [], demo }],
    networks: [
      { active: true, startYear: null, endYear: null, demo: networkDemo },
      { active: false, startYear: null, endYear: null, demo: true }, // inactive: does not count, does not taint
    ],
    maturity: null,
    targets: { andel_lansgemensamma: { expected: 50, reported: 80, note: '', source: 'Rapport X, 2025' }, aktiva_natverk: { expected: 1, reported: null, note: '', source: 'ignoreras' } },
  });

  test('a demo initiative makes the computed share synthesised; the published value keeps its source', () => {
    const rows = Object.fromEntries(computeIndicators(input(true)).map((r) => [r.indicator, r]));
    assert.deepEqual(
      [rows.andel_lansgemensamma.outcome, rows.andel_lansgemensamma.synthesised, rows.andel_lansgemensamma.reported, rows.andel_lansgemensamma.reportedSource],
      [50, true, 80, 'Rapport X, 2025'],
    );
    // 1 active network, not demo → not synthesised; no reported value → no source.
    assert.deepEqual([rows.aktiva_natverk.outcome, rows.aktiva_natverk.synthesised, rows.aktiva_natverk.reportedSource], [1, false, '']);
    // Not computed (no maturity comparison) → never synthesised.
    assert.equal(rows.andel_okad_mognad.synthesised, false);
    const real = Object.fromEntries(computeIndicators(input(false, true)).map((r) => [r.indicator, r]));
    assert.equal(real.andel_lansgemensamma.synthesised, false);
    assert.equal(real.aktorer.synthesised, false);
    assert.equal(real.aktiva_natverk.synthesised, true);
    const maturity = computeIndicators({ ...input(false), maturity: { increased: 1, n: 4, demo: true } }).find((r) => r.indicator === 'andel_okad_mognad')!;
    assert.deepEqual([maturity.outcome, maturity.synthesised], [25, true]);
  });
});

for (const backend of backends)
  describe(`indicators on the demo (${backend.name})`, () => {
    let t: TestApp;
    let reader: Client;
    before(async () => {
      t = await startApp(backend);
      reader = new Client(t.app);
      assert.equal((await reader.login(DEMO.reader)).status, 200);
    });
    after(async () => t.close());

    test('2025: expected values from the source beside the computed outcome, published outcome with its source', async () => {
      const r = await reader.get('/api/indicators?year=2025');
      assert.equal(r.status, 200);
      const rows = r.body.indicators.map((x: any) => [x.indicator, x.expected, x.reported, x.reportedSource, x.computed, x.synthesised]);
      assert.deepEqual(rows, [
        ['aktorer', 20, 15, SOURCE, true, true],
        ['andel_lansgemensamma', 50, 80, SOURCE, true, true],
        ['aktiva_natverk', 1, 4, SOURCE, true, true],
        ['andel_okad_mognad', 50, 75, SOURCE, true, true],
      ]);
      assert.deepEqual(r.body.years, [2025]);
    });

    test('the XLSX export marks synthesised outcomes and names the published source', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/indicators/export?year=2025&format=xlsx', headers: { cookie: reader.cookie! } });
      assert.equal(res.statusCode, 200);
      const wb = await readXlsx(res.rawPayload);
      const table = tableAt(wb, 'Indikatorer', 'Indikatorer');
      assert.deepEqual(table[0].slice(4, 8), ['Beräknat i samverka', 'Underlag', 'Publicerat utfall', 'Källa för publicerat utfall']);
      const lans = table.find((row) => row[0] === 'Andel kommuner som deltar i länsgemensamma initiativ')!;
      assert.deepEqual([lans[1], lans[2], lans[4], lans[6], lans[7]], [50, 78.6, 'Ja, ur syntetiserade demodata', 80, SOURCE]);
      const ws = wb.getWorksheet('Indikatorer')!;
      const texts: string[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
      assert.ok(texts.some((s) => s.startsWith('Utfall beräknade ur syntetiserade demodata')), 'notisen om demodata');
    });
  });
