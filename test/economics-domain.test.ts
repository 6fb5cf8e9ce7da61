// IT economics computations (issue 12, Deliver 2 and 3), with expectations computed by hand from the
// sources' own numbers: Förstudierapport 4D (2024) tabell 3 (budgets), 4 (30 % savings) and 5 (net cost,
// 2,5 % benchmark), and Delrapport Mellerud (2021) figur 10 (TBM pools 2019) and figur 12 (inside shares).
// Fixtures are typed here from the reports, not imported from the demo data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { costSharingView, economicsYearView, groupComparison, savingsView, type GroupForComparison } from '../src/domain/economics/compute.ts';
import { formatSek, formatSekChange, formatShare } from '../src/domain/economics/format.ts';
import {
  costSharingInput,
  DEFAULT_CATEGORIES,
  economicsYearInput,
  savingsScenarioInput,
  type Benchmark,
  type EconomicsYear,
  type TbmPool,
} from '../src/domain/economics/schema.ts';

const B = '1460'; // Bengtsfors
const F = '1439'; // Färgelanda
const M = '1461'; // Mellerud
const A = '1492'; // Åmål
const NAMES: Record<string, string> = { [B]: 'Bengtsfors', [F]: 'Färgelanda', [M]: 'Mellerud', [A]: 'Åmål' };
const nameOf = (code: string) => NAMES[code] ?? `Kommun ${code}`;
const T4D = 'Förstudierapport 4D (2024)';

const benchmark: Benchmark = { year: 2024, share: 2.5, source: `${T4D}, tabell 5`, researchShare: 2, researchSource: 'Delrapport Mellerud', note: '' };

/** Tabell 3's lines for one municipality, category → amount (blank cells left out). */
function year2024(code: string, lines: Record<string, number>, netCost: number | null, extra: Partial<Parameters<typeof economicsYearInput.parse>[0]> = {}): EconomicsYear {
  return economicsYearInput.parse({
    municipalityCode: code,
    year: 2024,
    netCost: netCost === null ? null : { amount: netCost, source: `${T4D}, tabell 5` },
    budgetLines: Object.entries(lines).map(([category, amount]) => {
      const c = DEFAULT_CATEGORIES.find((d) => d.id === category);
      assert.ok(c, category);
      return { category, label: c.label, pool: c.pool, amount, source: `${T4D}, tabell 3` };
    }),
    ...extra,
  });
}

const TABLE3: Record<string, Record<string, number>> = {
  [B]: { it_tjanster: 3_245_000, it_utrustning: 1_244_000, it_kommunikation: 645_000, konsultstod: 430_000, personalkostnad: 5_452_793, omkostnad: 1_479_950 },
  [F]: { it_tjanster: 2_538_000, it_utrustning: 1_143_000, it_kommunikation: 900_000, konsultstod: 1_488_000, personalkostnad: 2_307_000 },
  [M]: { it_tjanster: 3_150_000, it_utrustning: 969_400, it_kommunikation: 2_000_000, konsultstod: 298_764, personalkostnad: 5_358_088, oh: 760_000 },
  [A]: {
    it_tjanster: 2_400_000, it_utrustning: 735_000, it_kommunikation: 645_000, konsultstod: 1_500_000, fiber: 1_210_000,
    personalkostnad: 5_575_000, omkostnad: 114_000, oh: 5_000, lokaler: 347_000,
  },
};
const NET: Record<string, number> = { [B]: 688_000_000, [F]: 519_350_000, [M]: 720_000_000, [A]: 998_000_000 };
const STATED: Record<string, number> = { [B]: 12_496_743, [F]: 8_376_000, [M]: 12_536_252, [A]: 12_531_000 };
const records = [B, F, M, A].map((c) => year2024(c, TABLE3[c], NET[c], { statedTotal: { amount: STATED[c], source: `${T4D}, tabell 3` } }));

const FOUR = ['it_tjanster', 'it_utrustning', 'it_kommunikation', 'konsultstod'];
const scenario30 = {
  id: 1,
  ...savingsScenarioInput.parse({
    groupId: 1,
    year: 2024,
    name: 'Besparing 30 %',
    percentages: FOUR.map((category) => ({ category, percent: 30 })),
    source: `${T4D}, tabell 4`,
  }),
};
/** Tabell 4 as printed (column order Bengtsfors, Mellerud, Åmål, Färgelanda). */
const table4Published = {
  cells: [
    [B, 973_500, 373_200, 193_500, 129_000],
    [M, 945_000, 290_820, 600_000, 89_629],
    [A, 720_000, 220_500, 193_500, 450_000],
    [F, 761_400, 342_900, 270_000, 446_400],
  ].flatMap(([code, ...xs]) => xs.map((amount, i) => ({ municipalityCode: String(code), category: FOUR[i], amount: Number(amount) }))),
  municipalityTotals: [
    { municipalityCode: B, amount: 2_782_000 },
    { municipalityCode: M, amount: 3_209_082 },
    { municipalityCode: A, amount: 2_640_000 },
    { municipalityCode: F, amount: 3_034_500 },
  ],
  total: 6_999_349,
};

const group: GroupForComparison = {
  id: 1,
  name: '4D',
  members: [B, F, M, A],
  insideShares: [
    { pool: 'hardvara', insidePercent: 82, year: 2019, source: 'Delrapport Mellerud, figur 12' },
    { pool: 'mjukvara', insidePercent: 38, year: 2019, source: 'Delrapport Mellerud, figur 12' },
    { pool: 'telekom', insidePercent: 59, year: 2019, source: 'Delrapport Mellerud, figur 12' },
  ],
};

describe('one municipality-year (Förstudierapport 4D tabell 3 and 5)', () => {
  const view = (code: string) => economicsYearView(records.find((r) => r.municipalityCode === code)!, benchmark, nameOf);

  it('Bengtsfors: 12 496 743 kr of 688 000 000 kr = 1,82 %, 17 200 000 kr at 2,5 %, +4 703 257 kr', () => {
    const v = view(B);
    assert.equal(v.municipality, 'Bengtsfors');
    assert.equal(v.itCost, 12_496_743);
    assert.equal(v.itCostBasis, 'budget');
    assert.equal(v.netCost, 688_000_000);
    assert.equal(formatShare(v.itShare), '1,82 %');
    assert.ok(Math.abs(v.itShare! - 1.816387064) < 1e-8);
    assert.equal(v.budgetAtBenchmark, 17_200_000);
    assert.equal(v.changeToBenchmark, 4_703_257);
    assert.equal(v.budgetAtResearch, 13_760_000); // 688 000 000 × 2 %
    assert.equal(formatSek(v.itCost!), '12 496 743 kr');
    assert.equal(formatSekChange(v.changeToBenchmark!), '+4 703 257 kr');
    assert.deepEqual(v.flags, []); // the stated total equals its lines
  });

  it('the other three: shares 1,61 / 1,74 / 1,26 %, budgets at 2,5 % and changes as in tabell 5', () => {
    const expected: Array<[string, string, number, number]> = [
      [F, '1,61 %', 12_983_750, 4_607_750],
      [M, '1,74 %', 18_000_000, 5_463_748],
      [A, '1,26 %', 24_950_000, 12_419_000],
    ];
    for (const [code, share, atBenchmark, change] of expected) {
      const v = view(code);
      assert.equal(v.itCost, STATED[code], code);
      assert.equal(formatShare(v.itShare), share, code);
      assert.equal(v.budgetAtBenchmark, atBenchmark, code);
      assert.equal(v.changeToBenchmark, change, code);
      assert.deepEqual(v.flags, [], code);
    }
  });

  it('pools derived from the budget lines via the default mapping (Åmål: telekom = it-kommunikation + fiber)', () => {
    const v = view(A);
    const pool = (p: TbmPool) => v.pools.find((x) => x.pool === p);
    assert.equal(pool('telekom')?.amount, 645_000 + 1_210_000);
    assert.equal(pool('annat')?.amount, 114_000 + 5_000); // omkostnad + OH
    assert.equal(pool('anlaggningar_energi')?.amount, 347_000);
    assert.equal(pool('mjukvara'), undefined); // no line maps to it
    assert.equal(v.pools.reduce((s, p) => s + p.amount, 0), 12_531_000);
    assert.ok(Math.abs(v.pools.reduce((s, p) => s + p.share, 0) - 100) < 1e-9);
    assert.equal(pool('telekom')?.inside, null);
    assert.equal(v.inside, null);
  });

  it('a stated total that is not the sum of its lines is flagged naming both figures', () => {
    const r = year2024(B, TABLE3[B], NET[B], { statedTotal: { amount: 12_500_000, source: '' } });
    const v = economicsYearView(r, benchmark, nameOf);
    assert.equal(v.itCost, 12_496_743); // the lines, not the stated total
    const f = v.flags.find((x) => x.code === 'total_mismatch');
    assert.ok(f);
    assert.equal(f.stated, 12_500_000);
    assert.equal(f.computed, 12_496_743);
    assert.match(f.message, /12 500 000 kr/);
    assert.match(f.message, /12 496 743 kr/);
  });

  it('missing net cost: no share and a warning, never a division by nothing', () => {
    const v = economicsYearView(year2024(B, TABLE3[B], null), benchmark, nameOf);
    assert.equal(v.itShare, null);
    assert.equal(v.budgetAtBenchmark, null);
    assert.equal(v.changeToBenchmark, null);
    const f = v.flags.find((x) => x.code === 'missing_net_cost');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /nettokostnad saknas/);
  });

  it('only a stated total: the IT cost is the stated total', () => {
    const r = economicsYearInput.parse({ municipalityCode: B, year: 2024, netCost: { amount: 688_000_000 }, statedTotal: { amount: 12_496_743 } });
    const v = economicsYearView(r, benchmark, nameOf);
    assert.equal(v.itCostBasis, 'stated');
    assert.equal(v.itCost, 12_496_743);
    assert.equal(v.changeToBenchmark, 4_703_257);
  });
});

describe('Mellerud 2019 TBM pools (Delrapport Mellerud figur 10)', () => {
  const FIG10: Array<[TbmPool, number, number | null]> = [
    ['extern_arbetskraft', 632_000, null],
    ['anlaggningar_energi', 370_000, null],
    ['hardvara', 3_693_000, 3_000_000],
    ['intern_arbetskraft', 4_510_000, null],
    ['annat', 310_000, null],
    ['externa_tjanster', 11_000, null],
    ['telekom', 1_378_000, null],
    ['mjukvara', 7_194_000, 2_000_000],
  ];
  // The inside amounts for hårdvara and mjukvara are made up for this test (the report gives no split for Mellerud).
  const mellerud2019 = economicsYearInput.parse({
    municipalityCode: M,
    year: 2019,
    statedTotal: { amount: 18_098_000, source: 'Delrapport Mellerud, figur 10' },
    pools: FIG10.map(([pool, amount, insideCentralIt]) => ({ pool, amount, insideCentralIt })),
    population: { amount: 9_000 },
  });
  const v = economicsYearView(mellerud2019, { ...benchmark, year: 2019 }, nameOf);

  it('the IT cost is the sum of the pools, 18 098 000 kr, matching the stated total', () => {
    assert.equal(v.itCostBasis, 'pools');
    assert.equal(v.itCost, 18_098_000);
    assert.ok(!v.flags.some((f) => f.code === 'total_mismatch'));
    assert.deepEqual(v.pools.map((p) => p.pool), ['intern_arbetskraft', 'extern_arbetskraft', 'externa_tjanster', 'hardvara', 'mjukvara', 'anlaggningar_energi', 'telekom', 'annat']);
    assert.ok(Math.abs(v.pools.find((p) => p.pool === 'mjukvara')!.share - (7_194_000 / 18_098_000) * 100) < 1e-12);
  });

  it('no net cost for 2019: a warning, no share; cost per inhabitant = 18 098 000 / 9 000', () => {
    assert.equal(v.itShare, null);
    assert.ok(v.flags.some((f) => f.code === 'missing_net_cost'));
    assert.ok(Math.abs(v.costPerInhabitant! - 2010.888_888) < 1e-3);
  });

  it('inside/outside central IT per pool, and summed over the pools whose split is known', () => {
    const hw = v.pools.find((p) => p.pool === 'hardvara')!;
    assert.equal(hw.inside, 3_000_000);
    assert.equal(hw.outside, 693_000);
    assert.ok(Math.abs(hw.insideShare! - (3_000_000 / 3_693_000) * 100) < 1e-12);
    assert.equal(v.pools.find((p) => p.pool === 'telekom')!.inside, null);
    assert.equal(v.inside, 5_000_000);
    assert.equal(v.outside, 693_000 + 5_194_000);
  });

  it('pools and budget lines that disagree are flagged, and the pools are used', () => {
    const both = economicsYearInput.parse({
      ...mellerud2019,
      budgetLines: [{ category: 'it_tjanster', label: 'It-tjänster', pool: 'externa_tjanster', amount: 3_150_000 }],
      statedTotal: null,
    });
    const w = economicsYearView(both, benchmark, nameOf);
    assert.equal(w.itCost, 18_098_000);
    const f = w.flags.find((x) => x.code === 'pools_vs_budget');
    assert.ok(f);
    assert.match(f.message, /18 098 000 kr/);
    assert.match(f.message, /3 150 000 kr/);
  });
});

describe('savings scenario (Förstudierapport 4D tabell 4)', () => {
  const v = savingsView(scenario30, records, nameOf);
  const cell = (code: string, category: string) => v.cells.find((c) => c.municipalityCode === code && c.category === category);

  it('30 % of the four categories, each cell rounded to whole kronor', () => {
    assert.deepEqual(cell(B, 'it_tjanster'), { municipalityCode: B, municipality: 'Bengtsfors', category: 'it_tjanster', base: 3_245_000, saving: 973_500 });
    assert.equal(cell(M, 'konsultstod')?.base, 298_764);
    assert.equal(cell(M, 'konsultstod')?.saving, 89_629); // 89 629,2
    for (const p of table4Published.cells) assert.equal(cell(p.municipalityCode, p.category)?.saving, p.amount, `${p.municipalityCode} ${p.category}`);
    assert.equal(v.cells.length, 16);
  });

  it('category totals 3 399 900 / 1 227 420 / 1 257 000 / 1 115 029 kr, total 6 999 349 kr', () => {
    assert.deepEqual(v.perCategory.map((c) => [c.label, c.saving]), [
      ['It-tjänster', 3_399_900],
      ['It-utrustning', 1_227_420],
      ['It-kommunikation', 1_257_000],
      ['Konsultstöd', 1_115_029],
    ]);
    assert.equal(v.total, 6_999_349);
    assert.deepEqual(v.perMunicipality.map((m) => [m.municipality, m.saving]), [
      ['Bengtsfors', 1_669_200],
      ['Färgelanda', 1_820_700],
      ['Mellerud', 1_925_449],
      ['Åmål', 1_584_000],
    ]);
    assert.deepEqual(v.flags, []);
  });

  it('tabell 4 as published: each "Besparingspotential" is 50 % of the four categories, flagged naming both figures', () => {
    const p = savingsView({ ...scenario30, published: table4Published }, records, nameOf);
    assert.equal(p.total, 6_999_349); // samverka's own scenario uses the cells
    const flags = p.flags.filter((f) => f.code === 'published_savings_mismatch');
    assert.deepEqual(
      flags.map((f) => [f.municipalityCode, f.stated, f.computed]),
      [
        [B, 2_782_000, 1_669_200],
        [M, 3_209_082, 1_925_449],
        [A, 2_640_000, 1_584_000],
        [F, 3_034_500, 1_820_700],
      ],
    ); // no flag for a cell or for the overall 6 999 349 kr, which equals the cells
    const b = flags[0];
    assert.match(b.message, /Bengtsfors/);
    assert.match(b.message, /2 782 000 kr/);
    assert.match(b.message, /1 669 200 kr/);
    assert.match(b.message, /50 % av de fyra kategorierna \(5 564 000 kr\) medan cellerna är 30 %/);
  });

  it('a published total that differs from the cells, and a published cell that differs, are flagged', () => {
    const published = {
      cells: [{ municipalityCode: M, category: 'konsultstod', amount: 89_630 }],
      municipalityTotals: [],
      total: 7_000_000,
    };
    const p = savingsView({ ...scenario30, published }, records, nameOf);
    assert.deepEqual(p.flags.map((f) => [f.municipalityCode, f.stated, f.computed]), [
      [M, 89_630, 89_629],
      [undefined, 7_000_000, 6_999_349],
    ]);
    assert.match(p.flags[0].message, /Mellerud, Konsultstöd/);
    assert.doesNotMatch(p.flags[1].message, /ser ut att vara/); // 7 000 000 is no round percentage of the bases
  });

  it('a member without the category has base 0; records of another year are not used', () => {
    const fiber = { ...scenario30, percentages: [{ category: 'fiber', percent: 10 }] };
    const other = year2024(B, { fiber: 999_999 }, null);
    const p = savingsView(fiber, [...records, { ...other, year: 2023 }], nameOf);
    assert.deepEqual(p.perMunicipality.map((m) => m.saving), [0, 0, 0, 121_000]);
    assert.equal(p.perCategory[0].label, 'Fiber');
  });
});

describe('cost sharing (a base split equally plus charges by drivers)', () => {
  const model = {
    id: 7,
    ...costSharingInput.parse({
      groupId: 1,
      year: 2024,
      name: 'Fördelning',
      baseAmount: 1_000_000,
      charges: [
        { driver: 'anvandare', label: 'Användare', amount: 600_000 },
        { driver: 'enheter', label: 'Enheter', amount: 90_000 },
      ],
      quantities: [
        { municipalityCode: B, driver: 'anvandare', quantity: 100 },
        { municipalityCode: F, driver: 'anvandare', quantity: 200 },
        { municipalityCode: M, driver: 'anvandare', quantity: 300 },
        { municipalityCode: A, driver: 'anvandare', quantity: 0 },
        { municipalityCode: B, driver: 'enheter', quantity: 1 },
        { municipalityCode: M, driver: 'enheter', quantity: 2 },
      ],
    }),
  };

  it('by hand: base 250 000 each; users 600 000 × 100/600 = 100 000 …; devices 90 000 × 1/3 = 30 000 …', () => {
    const v = costSharingView(model, [B, F, M, A], nameOf);
    assert.deepEqual(v.members.map((m) => [m.municipality, m.base, m.byDriver.map((d) => d.charge), m.total]), [
      ['Bengtsfors', 250_000, [100_000, 30_000], 380_000],
      ['Färgelanda', 250_000, [200_000, 0], 450_000],
      ['Mellerud', 250_000, [300_000, 60_000], 610_000],
      ['Åmål', 250_000, [0, 0], 250_000],
    ]);
    assert.equal(v.total, 1_690_000);
    assert.deepEqual(v.flags, []);
  });

  it('a base that does not divide evenly is split to the öre: 100 000 / 3 = 33 333,33', () => {
    const v = costSharingView({ ...model, baseAmount: 100_000, charges: [] }, [B, F, M], nameOf);
    assert.deepEqual(v.members.map((m) => m.base), [33_333.33, 33_333.33, 33_333.33]);
    assert.ok(Math.abs(v.total - 100_000) <= 0.01);
  });

  it('a charge no member has a quantity for cannot be split: flagged, charged to no one', () => {
    const v = costSharingView({ ...model, charges: [...model.charges, { driver: 'invanare', label: 'Invånare', amount: 50_000 }] }, [B, F, M, A], nameOf);
    const f = v.flags.find((x) => x.code === 'unsplittable_charge');
    assert.ok(f);
    assert.equal(f.stated, 50_000);
    assert.match(f.message, /Invånare \(50 000 kr\)/);
    assert.equal(v.total, 1_690_000);
  });

  it('property: the members\' charges sum to base + charges (within rounding) when every charge has a quantity', () => {
    const code = fc.integer({ min: 1000, max: 9999 }).map(String);
    fc.assert(
      fc.property(
        fc.uniqueArray(code, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e8 }), { minLength: 0, maxLength: 4 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 100_000 })),
        (members, baseAmount, amounts, qs) => {
          const charges = amounts.map((amount, i) => ({ driver: `d${i}`, label: `D${i}`, amount }));
          const quantities = charges.flatMap((c) => members.map((m, j) => ({ municipalityCode: m, driver: c.driver, quantity: j === 0 ? 1 + qs.next().value : qs.next().value })));
          const v = costSharingView({ ...model, baseAmount, charges, quantities }, members, nameOf);
          const expected = baseAmount + amounts.reduce((s, a) => s + a, 0);
          const parts = members.length * (amounts.length + 1);
          assert.ok(Math.abs(v.total - expected) <= 0.005 * parts + 1e-6, `${v.total} vs ${expected}`);
          assert.ok(v.members.every((m) => m.total >= 0));
          assert.deepEqual(v.flags, []);
        },
      ),
    );
  });
});

describe('group comparison (Förstudierapport 4D tabell 5, the four municipalities 2024)', () => {
  const input = { group, year: 2024, records, benchmark, scenarios: [{ ...scenario30, published: table4Published }], costSharing: [], nameOf, named: true };

  it('totals 45 939 995 / 2 925 350 000 / 73 133 750 / +27 193 755 kr', () => {
    const g = groupComparison(input);
    assert.deepEqual(g.members.map((m) => m.municipality), ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål']);
    assert.equal(g.totals.itCost, 45_939_995);
    assert.equal(g.totals.netCost, 2_925_350_000);
    assert.equal(g.totals.budgetAtBenchmark, 73_133_750);
    assert.equal(g.totals.changeToBenchmark, 27_193_755);
    assert.equal(formatShare(g.totals.itShare), '1,57 %'); // 45 939 995 / 2 925 350 000
    assert.equal(g.totals.population, null);
    assert.deepEqual(g.flags, []);
    assert.equal(g.named, true);
  });

  it('the pool mix summed over members; published inside shares as published (82/38/59 %)', () => {
    const g = groupComparison(input);
    const pool = (p: TbmPool) => g.pools.find((x) => x.pool === p)!;
    assert.equal(pool('externa_tjanster').amount, 3_245_000 + 2_538_000 + 3_150_000 + 2_400_000);
    assert.equal(pool('intern_arbetskraft').amount, 5_452_793 + 2_307_000 + 5_358_088 + 5_575_000);
    assert.equal(g.pools.reduce((s, p) => s + p.amount, 0), 45_939_995);
    assert.deepEqual(g.publishedInsideShares.map((s) => [s.label, s.insidePercent]), [['Hårdvara', 82], ['Mjukvara', 38], ['Telekom', 59]]);
  });

  it('the year\'s savings scenario with its tabell 4 flags', () => {
    const g = groupComparison(input);
    assert.equal(g.savings.length, 1);
    assert.equal(g.savings[0].total, 6_999_349);
    assert.equal(g.savings[0].flags.length, 4);
    assert.equal(groupComparison({ ...input, year: 2023 }).savings.length, 0);
  });

  it('a member without a record for the year is named in a flag, not dropped silently; names come from nameOf', () => {
    const anon = (code: string) => `Kommun ${[B, F, M, A].indexOf(code) + 1}`;
    const g = groupComparison({ ...input, records: records.filter((r) => r.municipalityCode !== M), nameOf: anon, named: false });
    const f = g.flags.find((x) => x.code === 'missing_year');
    assert.ok(f);
    assert.match(f.message, /Kommun 3/);
    const shown = [...g.members.map((m) => m.municipality), ...g.savings.flatMap((v) => [...v.cells.map((c) => c.municipality), ...v.flags.map((x) => x.message)]), f.message];
    assert.deepEqual(g.members.map((m) => m.municipality), ['Kommun 1', 'Kommun 2', 'Kommun 4']);
    assert.doesNotMatch(shown.join(' '), /Mellerud|Bengtsfors|Färgelanda|Åmål/);
    assert.equal(g.totals.itCost, 45_939_995 - 12_536_252);
  });

  it('a member without net cost: totals over the complete members and a flag', () => {
    const g = groupComparison({ ...input, records: records.map((r) => (r.municipalityCode === A ? { ...r, netCost: null } : r)) });
    assert.equal(g.totals.changeToBenchmark, 4_703_257 + 4_607_750 + 5_463_748);
    assert.ok(g.flags.some((f) => f.code === 'group_partial' && /Åmål/.test(f.message)));
  });
});

describe('properties', () => {
  const line = fc.record({
    category: fc.constantFrom(...DEFAULT_CATEGORIES.map((c) => c.id)),
    amount: fc.integer({ min: 0, max: 1e9 }),
  });
  const record = fc
    .record({ lines: fc.uniqueArray(line, { selector: (l) => l.category, maxLength: 9 }), net: fc.integer({ min: 1, max: 1e11 }) })
    .map(({ lines, net }) => year2024(B, Object.fromEntries(lines.map((l) => [l.category, l.amount])), net));

  it('itShare × netCost / 100 = itCost', () => {
    fc.assert(
      fc.property(record, (r) => {
        const v = economicsYearView(r, benchmark, nameOf);
        if (v.itCost === null) return;
        assert.ok(Math.abs((v.itShare! * v.netCost!) / 100 - v.itCost) <= 1e-6 * Math.max(1, v.itCost));
        assert.ok(Math.abs(v.changeToBenchmark! - (v.budgetAtBenchmark! - v.itCost)) <= 0.01);
      }),
    );
  });

  it('a savings scenario at 0 % saves nothing; its sums are sums of its cells', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 100 }), (rs, pct) => {
        const members = rs.map((r, i) => ({ ...r, municipalityCode: String(1000 + i) }));
        const zero = savingsView({ ...scenario30, percentages: FOUR.map((category) => ({ category, percent: 0 })) }, members, nameOf);
        assert.equal(zero.total, 0);
        assert.ok(zero.cells.every((c) => c.saving === 0));
        const some = savingsView({ ...scenario30, percentages: FOUR.map((category) => ({ category, percent: pct })) }, members, nameOf);
        const cells = some.cells.reduce((s, c) => s + c.saving, 0);
        assert.equal(some.total, cells);
        assert.equal(some.perMunicipality.reduce((s, m) => s + m.saving, 0), cells);
        assert.equal(some.perCategory.reduce((s, c) => s + c.saving, 0), cells);
        assert.ok(some.cells.every((c) => Number.isInteger(c.saving) && c.saving <= c.base));
      }),
    );
  });
});
