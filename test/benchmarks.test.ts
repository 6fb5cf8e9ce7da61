// Benchmarks beyond the region (issue 14, deliver 6, and deliver 5's reference values and Mellerud's 2021
// information-security self-assessment): the pure comparison (hand-computed, property-based), reference
// series through the API (CRUD, Swedish 400s, audit), the maturity view's reference values with source,
// the comparisons per role, and the demo round as published (Delrapport Mellerud 2021, figur 6).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { compareBenchmarks, TOO_FEW_MUNICIPALITIES, type AssociationRound } from '../src/domain/benchmarks/comparison.ts';
import { referenceMarks } from '../src/domain/benchmarks/references.ts';
import type { MunicipalityScores } from '../src/domain/analysis/types.ts';
import { instrumentSchema, type Instrument } from '../src/domain/instruments/schema.ts';
import { loadBuiltInInstrumentsSync } from '../src/domain/instruments/catalog.ts';
import { numberBand, validateAnswer } from '../src/domain/instruments/answers.ts';
import { isAnswered } from '../src/domain/instruments/answered.ts';
import { cellToValue, valueToCell } from '../src/domain/import.ts';
import { DEMO_ROUNDS } from '../src/demo/rounds.ts';
import { backends } from './support/db.ts';
import { cliEnvironments, samverka } from './support/cli.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadDemoReferences } from '../src/demo/references.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';

// ---- A small instrument: two dimensions of one group each --------------------------------------

const INS: Instrument = instrumentSchema.parse({
  id: 'prov',
  version: '1.0',
  title: 'Prov',
  mode: 'survey',
  scales: [{ id: 's', label: 'S', options: [{ code: '0', label: '0', value: 0 }, { code: '4', label: '4', value: 4 }] }],
  dimensions: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }],
  groups: [{ id: 'gx', label: 'GX', dimension: 'x' }, { id: 'gy', label: 'GY', dimension: 'y' }],
  items: [
    { id: 'a', type: 'scale', scale: 's', group: 'gx', text: 'A', short: 'A' },
    { id: 'b', type: 'scale', scale: 's', group: 'gy', text: 'B', short: 'B' },
  ],
});

const pct = (p: number | null, n: number) => ({ pct: p, base: 'respondents' as const, n, items: p === null ? 0 : 1 });
function scores(code: string, n: number, x: number | null, y: number | null): MunicipalityScores {
  const overall = x !== null && y !== null ? (x + y) / 2 : (x ?? y);
  return {
    kind: 'municipality-scores',
    municipality: code,
    base: 'respondents',
    n,
    items: {
      a: { kind: 'item-score', itemId: 'a', base: 'respondents', n, value: x === null ? null : (x / 100) * 4, pct: x, dontKnow: 0 },
      b: { kind: 'item-score', itemId: 'b', base: 'respondents', n, value: y === null ? null : (y / 100) * 4, pct: y, dontKnow: 0 },
    },
    groups: { gx: pct(x, n), gy: pct(y, n) },
    dimensions: { x: pct(x, n), y: pct(y, n) },
    overall: pct(overall, n),
    quadrant: null,
  };
}
const round = (associationId: number, name: string, municipalities: MunicipalityScores[], region = 'Västra Götalandsregionen'): AssociationRound => ({
  associationId,
  associationName: name,
  regionName: region,
  round: { id: associationId * 10, title: `${name} 2025`, version: '1.0', periodEnd: '2025-12-12' },
  municipalities,
});
const SETTINGS = { minMunicipalities: 3, minRespondents: 3 };

describe('jämförelser: handräknade värden', () => {
  // Förbund 1: four municipalities, one with two respondents (left out). Förbund 2: two municipalities.
  const r1 = round(1, 'Förbund Ett', [scores('1001', 5, 40, 60), scores('1002', 3, 50, 70), scores('1003', 4, 60, 80), scores('1004', 2, 100, 100)]);
  const r2 = round(2, 'Förbund Två', [scores('2001', 6, 20, 40), scores('2002', 3, 30, 50)]);

  it('en kommun mot förbundet, regionen och alla kommuner', () => {
    const c = compareBenchmarks(INS, [r1, r2], { kind: 'municipality', code: '1002', name: 'Kommun Två', associationId: 1 }, SETTINGS);
    assert.deepEqual(c.own?.values.overall, 60); // (50 + 70) / 2
    const [assoc, region, all] = c.aggregates;
    assert.deepEqual([assoc.key, region.key, all.key], ['association', 'region', 'instance']);
    // Förbund Ett without 1004 (two respondents): overall 50, 60, 70 → 60; X 40, 50, 60 → 50.
    assert.equal(assoc.values.overall.value, 60);
    assert.equal(assoc.values['dimension:x'].value, 50);
    assert.equal(assoc.values['item:b'].value, 70);
    assert.equal(assoc.municipalities, 3);
    assert.equal(assoc.leftOut, 1);
    // The region: 50, 60, 70, 30, 40 → 50.
    assert.equal(region.values.overall.value, 50);
    assert.equal(region.values.overall.n, 5);
    assert.equal(all.values.overall.value, 50);
  });

  it('färre än tre kommuner: "för få kommuner" i stället för ett värde', () => {
    const c = compareBenchmarks(INS, [r1, r2], { kind: 'municipality', code: '2001', name: 'Kommun Tvåett', associationId: 2 }, SETTINGS);
    assert.equal(c.aggregates[0].label, 'Förbund Två');
    assert.equal(c.aggregates[0].values.overall.value, null);
    assert.equal(c.aggregates[0].values.overall.n, 2);
    assert.equal(c.aggregates[0].values.overall.withheld, TOO_FEW_MUNICIPALITIES);
    // The analyst: one value per association; Förbund Två withheld, Förbund Ett shown, no municipality.
    const a = compareBenchmarks(INS, [r1, r2], { kind: 'region' }, SETTINGS);
    assert.equal(a.own, null);
    assert.deepEqual(
      a.aggregates.map((x) => [x.label, x.values.overall.value]),
      [
        ['Förbund Ett', 60],
        ['Förbund Två', null],
        ['Västra Götalandsregionen', 50],
        ['Alla kommuner', 50],
      ],
    );
    // A higher minimum (a setting) withholds more.
    const strict = compareBenchmarks(INS, [r1, r2], { kind: 'region' }, { ...SETTINGS, minMunicipalities: 6 });
    assert.ok(strict.aggregates.every((x) => x.values.overall.value === null));
  });

  it('referensvärden följer med med källa och år', () => {
    const marks = referenceMarks(
      [
        {
          id: 7,
          name: 'DiMiOS nationell nivå',
          measure: 'prov:overall',
          measureLabel: '',
          values: [{ year: 2020, value: 47 }],
          source: { title: 'Digital motor Fyrbodal – Delrapport Mellerud', publisher: 'Fyrbodals kommunalförbund', date: '2021-03-31', location: 'avsnitt 3.1.3' },
          note: '',
          isDemo: true,
        },
      ],
      'prov',
    );
    assert.equal(marks[0].label, 'DiMiOS nationell nivå 2020');
    assert.equal(marks[0].source, '”Digital motor Fyrbodal – Delrapport Mellerud” (Fyrbodals kommunalförbund, 2021), avsnitt 3.1.3');
    assert.deepEqual(referenceMarks([], 'prov'), []);
  });
});

describe('jämförelser: egenskaper (fast-check)', () => {
  const muni = fc.record({
    n: fc.integer({ min: 0, max: 8 }),
    x: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
    y: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
  });
  const world = fc.record({
    associations: fc.array(fc.array(muni, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
    minMunicipalities: fc.integer({ min: 1, max: 6 }),
    minRespondents: fc.integer({ min: 1, max: 4 }),
    viewer: fc.nat(),
  });
  const build = (w: { associations: Array<Array<{ n: number; x: number | null; y: number | null }>> }) => {
    let k = 0;
    const names = new Map<string, string>();
    const rounds = w.associations.map((ms, i) =>
      round(
        i + 1,
        `Förbund ${i + 1}`,
        ms.map((m) => {
          const code = String(3000 + k++);
          names.set(code, `Ortnamn${code}x`);
          return scores(code, m.n, m.x, m.y);
        }),
      ),
    );
    return { rounds, names };
  };
  const strings = (v: unknown, out: string[] = []): string[] => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push(k), strings(x, out));
    return out;
  };

  it('inget värde vilar någonsin på färre än minsta antal kommuner', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { rounds } = build(w);
        const c = compareBenchmarks(INS, rounds, { kind: 'region' }, { minMunicipalities: w.minMunicipalities, minRespondents: w.minRespondents });
        for (const a of c.aggregates)
          for (const v of Object.values(a.values)) {
            if (v.value !== null) assert.ok(v.n >= w.minMunicipalities, `${a.label}: n ${v.n}`);
            else assert.equal(v.withheld, TOO_FEW_MUNICIPALITIES);
            assert.ok(v.n <= a.municipalities);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('anonymiserat: ingen annan kommuns kod eller namn än den egna', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { rounds, names } = build(w);
        const all = rounds.flatMap((r) => r.municipalities.map((m) => ({ code: m.municipality, associationId: r.associationId })));
        const settings = { minMunicipalities: w.minMunicipalities, minRespondents: w.minRespondents };
        const viewers = [
          { v: { kind: 'region' as const }, own: null as string | null },
          ...(all.length ? [all[w.viewer % all.length]].map((m) => ({ v: { kind: 'municipality' as const, code: m.code, name: names.get(m.code)!, associationId: m.associationId }, own: m.code })) : []),
        ];
        for (const { v, own } of viewers) {
          const text = strings(compareBenchmarks(INS, rounds, v, settings));
          for (const [code, name] of names) {
            if (code === own) continue;
            assert.ok(!text.some((s) => s.includes(code) || s.includes(name)), `${code} / ${name} syns för ${JSON.stringify(v)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('informationssäkerhet 2024.5: CISO:s tid som intervall', () => {
  const all = loadBuiltInInstrumentsSync();
  const v1 = all.find((i) => i.id === 'informationssakerhet' && i.version === '2024.1')!;
  const v5 = all.find((i) => i.id === 'informationssakerhet' && i.version === '2024.5')!;
  it('intervallet "1–10 timmar" hålls som publicerat; tal gäller fortfarande; 2024.1 oförändrad', () => {
    assert.deepEqual(validateAnswer(v5, 'ciso-timmar', '1-10'), { ok: true, value: '1-10' });
    assert.deepEqual(validateAnswer(v5, 'ciso-timmar', 8), { ok: true, value: 8 });
    assert.match((validateAnswer(v5, 'ciso-timmar', '1-100') as { message: string }).message, /ett tal eller ett av intervallen/);
    assert.equal(v5.items.find((i) => i.id === 'ciso-timmar')!.options!.find((o) => o.code === '1-10')!.label, '1–10 timmar');
    assert.equal(validateAnswer(v1, 'ciso-timmar', '1-10').ok, false);
  });

  it('intervallet skrivs med kod eller etikett, i formuläret och i importen; exporten behåller det', () => {
    const item = v5.items.find((i) => i.id === 'ciso-timmar')!;
    for (const typed of ['1-10', '1–10 timmar', ' 1 – 10 TIMMAR ']) assert.equal(numberBand(item, typed)?.code, '1-10', typed);
    assert.equal(numberBand(item, '1-100'), undefined);
    assert.equal(numberBand(v1.items.find((i) => i.id === 'ciso-timmar')!, '1-10'), undefined, '2024.1 har inga intervall');
    assert.deepEqual(cellToValue(v5, item, '1–10 timmar'), { ok: true, value: '1-10' });
    assert.deepEqual(cellToValue(v5, item, '0'), { ok: true, value: 0 }, 'ett tal är ett tal');
    assert.match((cellToValue(v5, item, 'lite') as { message: string }).message, /inte ett tal eller ett av intervallen \(0 timmar, 1–10 timmar/);
    assert.equal(valueToCell(item, '1-10'), '1-10');
    assert.equal(isAnswered(v5, item, '1-10'), true);
  });
});

for (const backend of backends) {
  describe(`referensserier och jämförelser (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let reader: Client;
    let analyst: Client;
    before(async () => {
      t = await startApp(backend);
      // The demo holds the region's analyst (region@demo.samverka.se).
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      reader = await loggedIn(t.app, DEMO.reader);
      analyst = await loggedIn(t.app, 'region@demo.samverka.se');
    });
    after(() => t.close());

    it('demodata: DiMiOS nationell nivå 47 % och Fyrbodal 2020 med källa', async () => {
      const r = await reader.get('/api/references');
      assert.equal(r.status, 200);
      const national = r.body.references.find((s: any) => s.name === 'DiMiOS nationell nivå');
      assert.deepEqual(national.values, [{ year: 2020, value: 47 }]);
      assert.equal(national.measure, 'digital-mognad:overall');
      assert.equal(national.source.title, 'Digital motor Fyrbodal – Delrapport Mellerud');
      assert.equal(national.source.date, '2021-03-31');
      const fyrbodal = r.body.references.find((s: any) => s.name === 'Fyrbodal, genomsnittlig digital mognad (Dimios)');
      assert.deepEqual(fyrbodal.values, [{ year: 2020, value: 53 }]);
      assert.match(fyrbodal.note, /cirka 53 %/);
      assert.ok(r.body.measures.some((m: any) => m.id === 'digital-mognad:dimension:formaga' || m.id.startsWith('digital-mognad:dimension:')));
    });

    it('lägg till, ändra och ta bort (förbundsadmin, loggat); fel indata 400 på svenska', async () => {
      const body = {
        name: 'Provserie',
        measure: 'digital-mognad:overall',
        values: [{ year: 2024, value: 51.5 }],
        source: { title: 'En rapport', publisher: 'Utgivaren', date: '2024' },
      };
      const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reference_series')).rows[0].n;
      for (const [bad, re] of [
        [{ ...body, values: [{ year: 2024, value: 101 }] }, /mellan 0 och 100/],
        [{ ...body, values: [{ year: 1999, value: 50 }] }, /mellan 2000 och 2100/],
        [{ ...body, measure: 'digital-mognad:dimension:finns-inte' }, /Okänt mått/],
        [{ ...body, measure: 'nonsens' }, /Okänt mått/],
        [{ ...body, source: { title: '' } }, /källans titel/],
      ] as const) {
        const r = await admin.post('/api/references', bad);
        assert.equal(r.status, 400, JSON.stringify(bad));
        assert.match(r.body.error, re);
      }
      assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reference_series')).rows[0].n, before);
      assert.equal((await mellerud.post('/api/references', body)).status, 403);
      const created = await admin.post('/api/references', body);
      assert.equal(created.status, 201);
      const id = created.body.reference.id;
      assert.match(created.body.reference.measureLabel, /: totalt \(procent av skalans maximum\)$/);
      assert.equal((await admin.post('/api/references', body)).status, 409);
      const changed = await admin.request('PUT', `/api/references/${id}`, { ...body, values: [{ year: 2024, value: 52 }, { year: 2025, value: 55 }] });
      assert.equal(changed.status, 200);
      assert.deepEqual(changed.body.reference.values, [{ year: 2024, value: 52 }, { year: 2025, value: 55 }]);
      assert.equal((await admin.request('PUT', `/api/references/${id}`, { ...body, values: [{ year: 2024, value: -1 }] })).status, 400);
      assert.equal((await admin.request('DELETE', `/api/references/${id}`)).status, 200);
      assert.equal((await admin.request('DELETE', `/api/references/${id}`)).status, 404);
      const log = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'reference.%' ORDER BY id`);
      assert.deepEqual(log.rows.map((r) => r.action), ['reference.added', 'reference.changed', 'reference.deleted']);
    });

    it('mognadsvyn bär referensvärdena med källa, som linjer bredvid regionens medel', async () => {
      const id = (await t.db.query<{ id: number }>('SELECT id FROM rounds WHERE title = $1', [DEMO_ROUNDS.dimios2020.title])).rows[0].id;
      const r = await admin.get(`/api/rounds/${id}/analysis`);
      assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
      const view = r.body.view ?? r.body;
      const national = view.references.find((m: any) => m.name === 'DiMiOS nationell nivå');
      assert.equal(national.value, 47);
      assert.equal(national.year, 2020);
      assert.match(national.source, /Digital motor Fyrbodal – Delrapport Mellerud/);
      const fig = view.figures.find((f: any) => f.id === 'kommuner');
      assert.deepEqual(
        fig.references.map((x: any) => [x.label, x.value]),
        [
          ['DiMiOS nationell nivå 2020', 47],
          ['Fyrbodal, genomsnittlig digital mognad (Dimios) 2020', 53],
        ],
      );
      assert.ok(fig.notes.some((n: string) => /DiMiOS nationell nivå 2020: 47 %\. Källa: ”Digital motor Fyrbodal – Delrapport Mellerud”/.test(n)));
      // The municipality view: a column per reference value in the "Totalt" row.
      const m = await mellerud.get(`/api/rounds/${id}/analysis/municipalities/1461`);
      assert.equal(m.status, 200);
      const groups = (m.body.view ?? m.body).figures.find((f: any) => f.id === 'kommun-grupper');
      const col = groups.columns.find((c: any) => c.label === 'DiMiOS nationell nivå 2020');
      assert.equal(groups.rows.find((x: any) => x.key === 'overall').cells[col.key], 47);
    });

    it('jämförelser: kommunansvarig för egen kommun, förbundsadmin för medlemmar, regionanalytikern per förbund', async () => {
      const mine = await mellerud.get('/api/benchmarks?instrument=digital-mognad&municipality=1461');
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      const c = mine.body.comparison;
      assert.equal(c.own.name, 'Mellerud');
      // Digital mognad 2025 (fictional follow-up): Mellerud's targets 64 and 70 → about 67 %.
      assert.ok(Math.abs(c.own.values.overall - 67) < 1.5, String(c.own.values.overall));
      const assoc = c.aggregates.find((a: any) => a.key === 'association');
      assert.equal(assoc.label, 'Fyrbodals kommunalförbund');
      assert.ok(assoc.values.overall.n >= 3);
      assert.ok(Math.abs(assoc.values.overall.value - 58) < 2, String(assoc.values.overall.value));
      assert.ok(c.references.some((r: any) => r.value === 47));
      const text = JSON.stringify({ ...c, references: [] });
      for (const other of ['Bengtsfors', 'Uddevalla', '1460', '1485']) assert.ok(!text.includes(other), other);

      assert.equal((await mellerud.get('/api/benchmarks?instrument=digital-mognad&municipality=1460')).status, 403);
      assert.equal((await reader.get('/api/benchmarks?instrument=digital-mognad')).status, 403);
      const unknown = await admin.get('/api/benchmarks?instrument=digital-mognad&municipality=9999');
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error, /finns inte/);
      const outside = await admin.get('/api/benchmarks?instrument=digital-mognad&municipality=1480');
      assert.equal(outside.status, 400);
      assert.match(outside.body.error, /ingår inte i ert kommunalförbund/);
      assert.equal((await admin.get('/api/benchmarks?instrument=finns-inte&municipality=1461')).status, 400);

      const region = await analyst.get('/api/benchmarks?instrument=digital-mognad');
      assert.equal(region.status, 200, JSON.stringify(region.body));
      const rc = region.body.comparison;
      assert.equal(rc.own, null);
      assert.ok(rc.aggregates.some((a: any) => a.label === 'Fyrbodals kommunalförbund'));
      const names = (await t.db.query<{ code: string; name: string }>('SELECT code, name FROM municipalities')).rows;
      // (The references cite report titles such as "Delrapport Mellerud": not municipality data.)
      const rtext = JSON.stringify({ ...rc, references: [] });
      for (const n of names) assert.ok(!rtext.includes(`"${n.code}"`) && !rtext.includes(n.name), n.name);
      assert.equal((await analyst.get('/api/benchmarks?instrument=digital-mognad&municipality=1461')).status, 403);
    });

    it('Informationssäkerhet 2021: Melleruds svar och rekommendationer som publicerade', async () => {
      const r = (await t.db.query<{ id: number; status: string; instrument_version: string }>('SELECT id, status, instrument_version FROM rounds WHERE title = $1', [DEMO_ROUNDS.informationssakerhet2021.title])).rows[0];
      assert.equal(r.status, 'closed');
      assert.equal(r.instrument_version, '2024.5');
      const answers = (
        await t.db.query<{ item_id: string; value: unknown; municipality_code: string }>(
          'SELECT a.item_id, a.value, p.municipality_code FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.round_id = $1',
          [r.id],
        )
      ).rows;
      assert.ok(answers.every((a) => a.municipality_code === '1461'));
      const by = Object.fromEntries(answers.map((a) => [a.item_id, a.value]));
      assert.deepEqual(by.ciso, { answer: 'ja' });
      assert.equal(by['ciso-timmar'], '1-10');
      assert.equal(Object.values(by).filter((v: any) => v?.answer === 'nej').length, 7);
      // The delrapport's information-security section: the band and a recommendation per "Nej".
      const rep = await mellerud.get(`/api/rounds/${r.id}/reports/municipalities/1461`);
      assert.equal(rep.status, 200);
      const text = JSON.stringify(rep.body);
      assert.match(text, /1–10 timmar/);
      assert.match(text, /Etablera arbetssätt för informationsklassning/);
      assert.match(text, /CISO bör avsätta minst en deltid/);
      assert.match(text, /Digital motor Fyrbodal – Delrapport Mellerud/);
    });
  });
}

const { envs } = await cliEnvironments('benchmarks');

for (const e of envs) {
  describe(`CLI references (${e.name})`, () => {
    before(async () => {
      const db = await e.open();
      try {
        await migrate(db);
        await loadDemoReferences(db);
      } finally {
        await db.close();
      }
    });
    after(e.cleanup);

    it('references list --json, add (värde utanför 0–100 avvisas, inget skrivs), list igen', async () => {
      const list = await samverka(e.env, 'references', 'list', '--json');
      assert.equal(list.code, 0, list.stderr);
      const before = JSON.parse(list.stdout).references;
      assert.deepEqual(
        before.map((s: any) => [s.name, s.values[0].value]).sort(),
        [
          ['DiMiOS nationell nivå', 47],
          ['Fyrbodal, genomsnittlig digital mognad (Dimios)', 53],
        ],
      );
      const bad = await samverka(e.env, 'references', 'add', '--name', 'Prov', '--measure', 'digital-mognad:overall', '--year', '2024', '--value', '101', '--source', 'En rapport');
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /mellan 0 och 100/);
      const unknown = await samverka(e.env, 'references', 'add', '--name', 'Prov', '--measure', 'okant:overall', '--year', '2024', '--value', '50', '--source', 'En rapport');
      assert.match(unknown.stderr, /Okänt mått/);
      const ok = await samverka(e.env, 'references', 'add', '--name', 'Prov', '--measure', 'digital-mognad:overall', '--year', '2024', '--value', '50,5', '--source', 'En rapport', '--json');
      assert.equal(ok.code, 0, ok.stderr);
      assert.deepEqual(JSON.parse(ok.stdout).reference.values, [{ year: 2024, value: 50.5 }]);
      const after = JSON.parse((await samverka(e.env, 'references', 'list', '--json')).stdout).references;
      assert.equal(after.length, 3);
    });
  });
}
