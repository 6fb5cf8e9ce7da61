// The region's follow-up on the demo (issue 14; "Delregionala digitaliseringsstrategier", VGR Analys 2025:40
// tables 1–8), hand-computed from the published tables:
// - domain: expected, published and computed outcome are three separate fields; a demo initiative makes the
//   computed share synthesised; a comparison of fewer rounds than members is incomplete;
// - per association: tables 1, 3, 5, 7 as published (expected 20 / 50 % / 1 [/ 50 %]; published per aug. 2025);
//   GR, Sjuhärad and Skaraborg have no maturity indicator; the definition travels with the figure (GR counts
//   other actors only);
// - Fyrbodal: computed 16 actors (the 11 + Mellerud through 4D = 12 municipalities + 4 other actors) beside the
//   published 15; computed 50 % maturity from the demo rounds (5 of 10 compared, synthesised and incomplete:
//   10 of 14 members) beside the published 75 % with its note (DiMiOS dropped, a subjective estimate);
// - funds: tables 2, 4, 6, 8 per cost type incl. Lokaler and Övriga kostnader, remaining = applied −
//   requisitioned, requisition periods, stated totals and units as published, and the flags: GR requisitioned
//   total +11 (2 024 005 vs rows 2 023 994) and remaining −11, Skaraborg −9 (1 838 459 vs 1 838 468) and its
//   remaining total 1 161 532 vs 3 000 000 − 1 838 459 = 1 161 541, Fyrbodal "(tkr)" over kronor, GR's "14
//   kommuner inklusive Kungsbacka" against 13 members; overspend on Fyrbodal Övriga (−3 373), GR OH (−59 107),
//   Sjuhärad OH (−27 654).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeIndicators, type IndicatorInput } from '../src/domain/portfolio/indicators.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, startApp, type TestApp } from './support/app.ts';

const T = (n: number) => `”Delregionala digitaliseringsstrategier (VGR Analys 2025:40)” (Västra Götalandsregionen, 2025), tabell ${n}`;

describe('indikatorer: tre skilda fält (domän)', () => {
  const input = (demo: boolean, networkDemo = false): IndicatorInput => ({
    year: 2025,
    members: ['A', 'B'],
    initiatives: [{ id: 1, stage: 'genomforande', scope: 'regional', startYear: 2024, endYear: 2026, participating: ['A'], actors: [], demo }],
    networks: [
      { active: true, startYear: null, endYear: null, demo: networkDemo },
      { active: false, startYear: null, endYear: null, demo: true }, // inactive: does not count, does not taint
    ],
    maturity: null,
    targets: {
      andel_lansgemensamma: { expected: 50, reported: 80, note: '', source: 'Rapport X, 2025', asOf: 'aug. 2025' },
      aktiva_natverk: { expected: 1, reported: null, note: '', source: 'ignoreras' },
    },
  });

  test('förväntat, publicerat och beräknat står bredvid varandra; demodata markeras', () => {
    const rows = Object.fromEntries(computeIndicators(input(true)).map((r) => [r.indicator, r]));
    const lans = rows.andel_lansgemensamma;
    assert.equal(lans.expected, 50);
    assert.deepEqual(lans.published, { value: 80, source: 'Rapport X, 2025', asOf: 'aug. 2025' });
    assert.deepEqual([lans.computed!.value, lans.computed!.n, lans.computed!.count, lans.computed!.synthesised, lans.computed!.incomplete], [50, 2, 1, true, false]);
    assert.equal('outcome' in lans, false);
    // 1 active network, not demo → not synthesised; no published value → null, its source is not shown.
    assert.deepEqual([rows.aktiva_natverk.computed!.value, rows.aktiva_natverk.computed!.synthesised, rows.aktiva_natverk.published], [1, false, null]);
    // No comparison, nothing expected or published: the maturity row is left out.
    assert.equal(rows.andel_okad_mognad, undefined);
    const real = Object.fromEntries(computeIndicators(input(false, true)).map((r) => [r.indicator, r]));
    assert.equal(real.andel_lansgemensamma.computed!.synthesised, false);
    assert.equal(real.aktiva_natverk.computed!.synthesised, true);
    const maturity = computeIndicators({ ...input(false), maturity: { increased: 1, n: 4, demo: true }, members: ['A', 'B', 'C', 'D', 'E'] }).find(
      (r) => r.indicator === 'andel_okad_mognad',
    )!;
    // 1 of 4 compared = 25 %; 4 of 5 members compared → incomplete.
    assert.deepEqual([maturity.computed!.value, maturity.computed!.synthesised, maturity.computed!.incomplete], [25, true, true]);
    assert.match(maturity.computed!.caveat, /4 av 5 medlemskommuner/);
  });

  test('utan initiativ i förbundet beräknas aktörer och andel inte, det publicerade står kvar', () => {
    const rows = Object.fromEntries(computeIndicators({ ...input(false), initiatives: [], networks: [] }).map((r) => [r.indicator, r]));
    assert.equal(rows.andel_lansgemensamma.computed, null);
    assert.match(rows.andel_lansgemensamma.notComputed, /inga initiativ/);
    assert.equal(rows.andel_lansgemensamma.published!.value, 80);
  });
});

for (const backend of backends)
  describe(`regional uppföljning på demodata (${backend.name})`, () => {
    let t: TestApp;
    let reader: Client;
    let region: Client;
    let follow: any;
    const of = (short: string) => follow.associations.find((a: any) => a.association.shortId === short);
    const ind = (short: string, key: string) => of(short).indicators.find((r: any) => r.indicator === key);
    before(async () => {
      t = await startApp(backend);
      reader = new Client(t.app);
      assert.equal((await reader.login(DEMO.reader)).status, 200);
      region = new Client(t.app);
      assert.equal((await region.login('region@demo.samverka.se')).status, 200);
      const r = await region.get('/api/region/follow-up?year=2025');
      assert.equal(r.status, 200);
      follow = r.body;
    });
    after(async () => t.close());

    test('fyra förbund med sina definitioner; GR räknar bara andra aktörer', () => {
      assert.deepEqual(
        follow.associations.map((a: any) => [a.association.shortId, a.association.members, a.association.actorsIncludeMunicipalities]),
        [
          ['fyrbodal', 14, true],
          ['gr', 13, false],
          ['sjuharad', 8, true],
          ['skaraborg', 15, true],
        ],
      );
      assert.match(ind('gr', 'aktorer').definition, /bara andra aktörer än kommunerna/);
      assert.match(ind('gr', 'aktorer').definition, /utöver kommunerna och GR själva/);
      assert.match(ind('fyrbodal', 'aktorer').definition, /räknar sina medlemskommuner bland aktörerna/);
    });

    test('tabell 1, 3, 5, 7: förväntat och publicerat utfall per aug. 2025; mognadsindikatorn bara i Fyrbodal', () => {
      const table = (short: string) =>
        of(short).indicators.map((r: any) => [r.indicator, r.expected, r.published?.value ?? null, r.published?.asOf ?? null, r.published?.source ?? null]);
      assert.deepEqual(table('fyrbodal'), [
        ['aktorer', 20, 15, 'aug. 2025', T(1)],
        ['andel_lansgemensamma', 50, 80, 'aug. 2025', T(1)],
        ['aktiva_natverk', 1, 4, 'aug. 2025', T(1)],
        ['andel_okad_mognad', 50, 75, 'aug. 2025', T(1)],
      ]);
      assert.deepEqual(table('gr'), [
        ['aktorer', 20, 15, 'aug. 2025', T(3)],
        ['andel_lansgemensamma', 50, 100, 'aug. 2025', T(3)],
        ['aktiva_natverk', 1, 1, 'aug. 2025', T(3)],
      ]);
      assert.deepEqual(table('sjuharad'), [
        ['aktorer', 20, 14, 'aug. 2025', T(5)],
        ['andel_lansgemensamma', 50, 100, 'aug. 2025', T(5)],
        ['aktiva_natverk', 1, 1, 'aug. 2025', T(5)],
      ]);
      assert.deepEqual(table('skaraborg'), [
        ['aktorer', 20, 21, 'aug. 2025', T(7)],
        ['andel_lansgemensamma', 50, 100, 'aug. 2025', T(7)],
        ['aktiva_natverk', 1, 1, 'aug. 2025', T(7)],
      ]);
      // The other associations have no portfolio in samverka: nothing is computed, the published figure stands.
      assert.equal(ind('gr', 'aktorer').computed, null);
    });

    test('Fyrbodal: beräknat 16 bredvid publicerat 15, beräknat 50 % (syntetiserat) bredvid publicerat 75 %', () => {
      const a = ind('fyrbodal', 'aktorer');
      assert.deepEqual([a.published.value, a.computed.value], [15, 16]);
      assert.match(a.computed.base, /12 deltagande medlemskommuner och 4 andra aktörer/);
      assert.match(a.note, /Dals-Ed, Uddevalla och Mellerud/);
      const m = ind('fyrbodal', 'andel_okad_mognad');
      assert.deepEqual([m.published.value, m.computed.value, m.computed.n, m.computed.synthesised, m.computed.incomplete], [75, 50, 10, true, true]);
      assert.match(m.note, /DiMiOS/);
      assert.match(m.note, /subjektiv/);
      // The association's own page answers the same three fields.
    });

    test('tabell 2, 4, 6, 8: rader per kostnadsslag, period, angivna summor och enhet som publicerat', () => {
      const project = (short: string) => of(short).funding[0];
      const rows = (short: string) => project(short).followUp.rows.map((r: any) => [r.label, r.applied, r.requisitioned, r.remaining]);
      assert.deepEqual(rows('fyrbodal'), [
        ['Lön', 1_992_000, 1_045_392, 946_608],
        ['OH', 400_000, 151_800, 248_200],
        ['Externa tjänster', 475_000, 308_151, 166_849],
        ['Resor', 40_000, 10_436, 29_564],
        ['Lokaler', 60_000, 7_250, 52_750],
        ['Övriga kostnader', 33_000, 36_373, -3_373],
      ]);
      assert.deepEqual(rows('gr').map((r: any) => r[3]), [649_666, -59_107, 271_425, 39_096, 43_010, 31_916]);
      assert.deepEqual(rows('sjuharad').map((r: any) => r[3]), [2_237_453, -27_654, 279_333, 27_295, 60_000, 12_931]);
      assert.deepEqual(rows('skaraborg').map((r: any) => r[3]), [13_561, 6_475, 1_059_045, 17_024, 47_100, 18_327]);
      assert.deepEqual(
        ['fyrbodal', 'gr', 'sjuharad', 'skaraborg'].map((s) => [project(s).requisitionedFrom, project(s).requisitionedUntil, project(s).followUp.unit]),
        [
          ['2023-10-01', '2025-03-31', 'tkr'],
          ['2023-10-01', '2025-06-30', 'kr'],
          ['2024-04-01', '2025-03-31', 'kr'],
          ['2023-10-01', '2025-03-31', 'kr'],
        ],
      );
      assert.deepEqual(project('gr').followUp.stated, { applied: 3_000_000, requisitioned: 2_024_005, remaining: 975_995 });
      assert.deepEqual(project('gr').followUp.total, { applied: 3_000_000, requisitioned: 2_023_994, remaining: 976_006 });
      assert.deepEqual(project('skaraborg').followUp.stated, { applied: 3_000_000, requisitioned: 1_838_459, remaining: 1_161_532 });
      assert.deepEqual(project('skaraborg').followUp.total, { applied: 3_000_000, requisitioned: 1_838_468, remaining: 1_161_532 });
    });

    test('flaggorna: GR +11 och −11, Skaraborg −9 och kvarstår, Fyrbodal tkr, GR:s 14 kommuner, överskridna kostnadsslag', () => {
      const flags = (short: string) => of(short).flags.map((f: any) => [f.code, f.subject, f.expected, f.actual, f.difference]);
      assert.deepEqual(flags('gr'), [
        ['MEMBER_COUNT', 'Antal delregionala aktörer som deltar genom projektet: antal medlemskommuner', 13, 14, 1],
        ['OVERSPENT', 'Tabell 4: OH', 163_000, 222_107, 59_107],
        ['TOTAL_MISMATCH', 'Tabell 4: Totalt / Rekvirerat', 2_023_994, 2_024_005, 11],
        ['TOTAL_MISMATCH', 'Tabell 4: Totalt / Kvarstår', 976_006, 975_995, -11],
      ]);
      assert.deepEqual(flags('skaraborg'), [
        ['TOTAL_MISMATCH', 'Tabell 8: Totalt / Rekvirerat', 1_838_468, 1_838_459, -9],
        ['TOTAL_MISMATCH', 'Tabell 8: Totalt / Kvarstår (Ansökan − Rekvirerat)', 1_161_541, 1_161_532, -9],
      ]);
      assert.deepEqual(flags('fyrbodal'), [
        ['OVERSPENT', 'Tabell 2: Övriga kostnader', 33_000, 36_373, 3_373],
        ['MONEY_UNIT', 'Tabell 2: Beloppens enhet', 3_000_000, 3_000_000_000, 2_997_000_000],
      ]);
      assert.deepEqual(flags('sjuharad'), [['OVERSPENT', 'Tabell 6: OH', 16_000, 43_654, 27_654]]);
      assert.match(of('gr').flags[0].message, /anger 14 kommuner, men Göteborgsregionen har 13 medlemskommuner/);
    });

    test('förbundets egen sida: samma tre fält för det egna förbundet', async () => {
      const r = await reader.get('/api/indicators?year=2025');
      assert.equal(r.status, 200);
      assert.equal(r.body.association.shortId, 'fyrbodal');
      const a = r.body.indicators.find((x: any) => x.indicator === 'aktorer');
      assert.deepEqual([a.expected, a.published.value, a.computed.value], [20, 15, 16]);
      assert.deepEqual(r.body.years, [2025]);
      assert.equal(r.body.flags.length, 2);
    });
  });
