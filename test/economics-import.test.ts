// XLSX import of IT economics (issue 12, Deliver 5 and 8, "Bad input"): samverka's template round-trips;
// the published tables 3, 4 and 5 of the Förstudierapport (typed by hand from the report) reproduce its
// budget lines, net costs and savings scenario; a name written "Ämål" is matched with a warning; errors
// are named by sheet, row and column and nothing is written unless skip-invalid; a dry run writes
// nothing. Through the API and the CLI on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../src/db/migrate.ts';
import { loadDemoEconomics } from '../src/demo/economics.ts';
import { loadDemoOrganisation } from '../src/demo/organisation.ts';
import { AUDIT_ACTION_LABELS } from '../src/domain/audit.ts';
import { parseEconomicsWorkbook, type EconomicsImport, type ImportContext } from '../src/domain/economics/import.ts';
import { economicsTemplate } from '../src/import/economics-template.ts';
import { readEconomicsWorkbook } from '../src/import/economics-xlsx.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';
import { cliEnvironments, samverka } from './support/cli.ts';
import { backends } from './support/db.ts';
import { fillTemplate, publishedTables, workbook } from './support/economics-fixture.ts';
import { readXlsx } from './support/xlsx.ts';

const BENGTSFORS = '1460';
const FARGELANDA = '1439';
const MELLERUD = '1461';
const AMAL = '1492';
const MUNICIPALITIES = [
  { code: BENGTSFORS, name: 'Bengtsfors' },
  { code: FARGELANDA, name: 'Färgelanda' },
  { code: MELLERUD, name: 'Mellerud' },
  { code: AMAL, name: 'Åmål' },
  { code: '1438', name: 'Dals-Ed' },
];
const ctx = (extra: Partial<ImportContext> = {}): ImportContext => ({ municipalities: MUNICIPALITIES, fileName: 'tabeller.xlsx', ...extra });

async function parse(buf: Buffer, c: ImportContext = ctx()): Promise<EconomicsImport> {
  const read = await readEconomicsWorkbook(buf);
  assert.ok(read.ok, JSON.stringify(!read.ok && read.errors));
  return parseEconomicsWorkbook(read.sheets, c);
}
const year = (r: EconomicsImport, code: string, y = 2024) => r.years.find((x) => x.municipalityCode === code && x.year === y)!;
const lines = (r: EconomicsImport, code: string) => Object.fromEntries(year(r, code).budgetLines.map((l) => [l.category, l.amount]));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('import av de publicerade tabellerna (Förstudierapport tabell 3, 4 och 5)', () => {
  it('ger budgetraderna, nettokostnaderna och totalsummorna som de står i rapporten', async () => {
    const r = await parse(await publishedTables());
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, [], 'rapportens tabeller 3 och 5 stämmer med varandra');
    assert.deepEqual(r.sheets.map((s) => [s.kind, s.rows, s.accepted]), [['table3', 10, 10], ['table4', 5, 5], ['table5', 5, 5]]);
    assert.deepEqual(lines(r, BENGTSFORS), {
      it_tjanster: 3_245_000,
      it_utrustning: 1_244_000,
      it_kommunikation: 645_000,
      konsultstod: 430_000,
      personalkostnad: 5_452_793,
      omkostnad: 1_479_950,
    });
    assert.equal(lines(r, AMAL).fiber, 1_210_000);
    assert.equal(lines(r, MELLERUD).oh, 760_000);
    assert.equal(year(r, MELLERUD).budgetLines.find((l) => l.category === 'konsultstod')!.pool, 'extern_arbetskraft');
    for (const [code, total, net] of [
      [BENGTSFORS, 12_496_743, 688_000_000],
      [FARGELANDA, 8_376_000, 519_350_000],
      [MELLERUD, 12_536_252, 720_000_000],
      [AMAL, 12_531_000, 998_000_000],
    ] as const) {
      assert.equal(sum(year(r, code).budgetLines.map((l) => l.amount)), total, `${code}: delarna`);
      assert.equal(year(r, code).statedTotal!.amount, total, `${code}: Totalsumma`);
      assert.equal(year(r, code).netCost!.amount, net, `${code}: nettokostnad`);
    }
    assert.match(year(r, BENGTSFORS).budgetLines[0].source, /^Tabell 3/);
    assert.deepEqual(r.parts[`${BENGTSFORS}:2024`], ['budgetLines', 'netCost', 'statedTotal']);
  });

  it('tabell 4 blir ett besparingsscenario på 30 % med de publicerade siffrorna kvar som de står', async () => {
    const r = await parse(await publishedTables());
    assert.equal(r.scenarios.length, 1);
    const s = r.scenarios[0];
    assert.equal(s.year, 2024);
    assert.deepEqual(s.percentages, ['it_tjanster', 'it_utrustning', 'it_kommunikation', 'konsultstod'].map((category) => ({ category, percent: 30 })));
    assert.equal(s.published!.cells.length, 16);
    assert.deepEqual(s.published!.cells.find((c) => c.municipalityCode === MELLERUD && c.category === 'konsultstod'), { municipalityCode: MELLERUD, category: 'konsultstod', amount: 89_629 });
    assert.equal(s.published!.municipalityTotals.find((t) => t.municipalityCode === BENGTSFORS)!.amount, 2_782_000, 'Besparingspotential som tryckt');
    assert.equal(s.published!.total, 6_999_349);
    assert.deepEqual(s.members.sort(), [FARGELANDA, BENGTSFORS, MELLERUD, AMAL].sort());
  });

  it('kolumnen "Ämål" tolkas som Åmål med en varning som nämner båda stavningarna', async () => {
    const r = await parse(await publishedTables((t) => (t.table3[0][4] = 'Ämål')));
    assert.deepEqual(r.errors, []);
    assert.equal(lines(r, AMAL).lokaler, 347_000);
    const w = r.warnings.filter((x) => x.code === 'name_matched');
    assert.equal(w.length, 1);
    assert.deepEqual([w[0].sheet, w[0].row, w[0].column, w[0].cell, w[0].municipalityCode], ['Tabell 3 2024', 1, 'Ämål', 'E1', AMAL]);
    assert.match(w[0].message, /"Ämål".*Åmål/);
  });

  it('varnar när en publicerad siffra inte stämmer med det beräknade, och nämner båda', async () => {
    const r = await parse(
      await publishedTables((t) => {
        t.table3[10][1] = '12 500 000 kr'; // Totalsumma Bengtsfors
        t.table5[3][2] = '1,90%'; // andel Färgelanda (1,61 %)
        t.table5[4][3] = '18 500 000 kr'; // riksnittet Mellerud (18 000 000)
      }),
    );
    assert.deepEqual(r.errors, []);
    const byCode = (code: string) => r.warnings.filter((w) => w.code === code);
    const total = byCode('total_mismatch').find((w) => w.municipalityCode === BENGTSFORS && w.sheet === 'Tabell 3 2024')!;
    assert.deepEqual([total.stated, total.computed, total.row, total.column], [12_500_000, 12_496_743, 11, 'Bengtsfors']);
    assert.match(total.message, /12 500 000 kr.*12 496 743 kr/);
    const share = byCode('share_mismatch');
    assert.equal(share.length, 1);
    assert.equal(share[0].municipalityCode, FARGELANDA);
    assert.equal(share[0].stated, 1.9);
    assert.match(share[0].message, /1,90 %.*1,61 %/);
    const bm = byCode('benchmark_mismatch');
    assert.deepEqual([bm[0].municipalityCode, bm[0].stated, bm[0].computed], [MELLERUD, 18_500_000, 18_000_000]);
    // tabell 5's IT cost (12 496 743) now differs from tabell 3's stated total, not from the parts.
    assert.equal(byCode('total_mismatch').filter((w) => w.sheet === 'Tabell 5 2024' && w.municipalityCode === BENGTSFORS).length, 0);
  });

  it('året tas från bladets namn, från en cell, eller från --year', async () => {
    const noYear = await workbook([{ name: 'Blad1', rows: [['Kostnadskategori', 'Bengtsfors'], ['It-tjänster', 100]] }]);
    const r = await parse(noYear);
    assert.deepEqual(r.errors.map((e) => [e.sheet, e.row, e.message]), [['Blad1', 1, 'Året kunde inte avgöras: skriv det i bladets namn eller ange --year']]);
    assert.equal(year(await parse(noYear, ctx({ year: 2022 })), BENGTSFORS, 2022).budgetLines[0].amount, 100);
    const inCell = await workbook([{ name: 'Blad1', rows: [['Kostnadskategori', 'Bengtsfors'], ['It-tjänster', 100]], caption: 'Tabell 3 – it-budget för år 2021' }]);
    assert.ok(year(await parse(inCell), BENGTSFORS, 2021));
  });
});

describe('fel per blad, rad och kolumn', () => {
  it('en negativ kostnad, en okänd kommun och en andel över 100 % nämns med blad, rad och kolumn', async () => {
    const r = await parse(
      await publishedTables((t) => {
        t.table3[2][2] = '-5 000 kr'; // it-utrustning Färgelanda
        t.table3[0][3] = 'Göteborg'; // Mellerud's column
        t.table5[3][1] = '182%'; // andel Bengtsfors
      }),
    );
    const at = (sheet: string, row: number, column: string) => r.errors.filter((e) => e.sheet === sheet && e.row === row && e.column === column);
    assert.match(at('Tabell 3 2024', 3, 'Färgelanda')[0]?.message ?? '', /belopp i kronor, 0 eller större/);
    assert.equal(at('Tabell 3 2024', 3, 'Färgelanda')[0].cell, 'C3');
    assert.match(at('Tabell 3 2024', 1, 'Göteborg')[0]?.message ?? '', /"Göteborg" är ingen känd kommun/);
    assert.match(at('Tabell 5 2024', 4, 'Bengtsfors')[0]?.message ?? '', /andel i procent, 0–100/);
    assert.equal(r.errors.length, 3, JSON.stringify(r.errors));
    // The rest is still read (for --skip-invalid): Färgelanda without it-utrustning.
    assert.equal(lines(r, FARGELANDA).it_utrustning, undefined);
    assert.equal(lines(r, FARGELANDA).it_tjanster, 2_538_000);
  });

  it('en kommunansvarig kan bara importera sin egen kommuns siffror', async () => {
    const r = await parse(await publishedTables(), ctx({ mayImport: (c) => c === MELLERUD, mayImportScenarios: false }));
    const own = r.errors.filter((e) => e.message === 'Du kan bara importera din egen kommuns siffror');
    assert.deepEqual(own.map((e) => `${e.sheet}!${e.cell}`).sort(), ['Tabell 3 2024!B1', 'Tabell 3 2024!C1', 'Tabell 3 2024!E1', 'Tabell 5 2024!B1', 'Tabell 5 2024!C1', 'Tabell 5 2024!E1']);
    assert.ok(r.errors.some((e) => e.sheet === 'Tabell 4 2024' && /Bara förbundsadmin/.test(e.message)));
    assert.deepEqual(r.years.map((y) => y.municipalityCode), [MELLERUD]);
  });
});

describe('samverkas mall', () => {
  it('har instruktioner, listor och bladen som importen läser', async () => {
    const wb = await readXlsx(await economicsTemplate({ municipalities: MUNICIPALITIES, year: 2024 }));
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Instruktioner', 'Listor', 'Budget', 'Kostnadspooler', 'Arbetsområden', 'Nyckeltal']);
    const budget = wb.getWorksheet('Budget')!;
    assert.deepEqual((budget.getRow(1).values as unknown[]).slice(1), ['Kommun', 'År', 'Kategori-id', 'Kategori', 'TBM-pool', 'Belopp (kr)', 'Källa', 'Anteckning']);
    assert.deepEqual((budget.getRow(2).values as unknown[]).slice(1), ['', 2024, 'it_tjanster', 'It-tjänster', 'Externa tjänster']);
    assert.equal(budget.getCell('E5').dataValidation?.type, 'list');
    const text = wb.getWorksheet('Instruktioner')!.getColumn(1).values.join('\n');
    assert.match(text, /Anläggningar och energi/);
    // The empty template imports nothing, with a message saying so.
    const r = await parse(await economicsTemplate({ municipalities: MUNICIPALITIES }));
    assert.deepEqual(r.errors.map((e) => e.message), ['Filen innehåller inga siffror att importera: fyll i kommun, år och belopp']);
  });

  it('går att fylla i och importera tillbaka (egen kategori, ändrad pool, andel inom central IT)', async () => {
    const template = await economicsTemplate({ municipalities: MUNICIPALITIES, year: 2024 });
    const filled = await fillTemplate(template, {
      Budget: [
        ['Mellerud', 2024, 'it_tjanster', 'It-tjänster', 'Externa tjänster', 3_150_000, 'Förstudierapport tabell 3'],
        ['Mellerud', 2024, 'it_utrustning', 'It-utrustning', 'Mjukvara', '969 400 kr'], // mapping changed on the row
        ['Mellerud', 2024, 'e_tjanster', 'E-tjänsteplattform', 'Mjukvara', 120_000, '', 'egen kategori'],
      ],
      Kostnadspooler: [
        ['Mellerud', 2019, 'Hårdvara', 2_000_000, '82 %'],
        ['Mellerud', 2019, 'Mjukvara', 3_000_000, 1_140_000],
      ],
      Arbetsområden: [['Mellerud', 2019, 'Infrastruktur', 1_500_000]],
      Nyckeltal: [['1461', 2024, 720_000_000, 'Förstudierapport tabell 5', 9_000, 'SCB', 12_536_252, 'Förstudierapport tabell 3']],
    });
    const r = await parse(filled);
    assert.deepEqual(r.errors, []);
    const y24 = year(r, MELLERUD, 2024);
    assert.deepEqual(
      y24.budgetLines.map((l) => [l.category, l.label, l.pool, l.amount]),
      [
        ['it_tjanster', 'It-tjänster', 'externa_tjanster', 3_150_000],
        ['it_utrustning', 'It-utrustning', 'mjukvara', 969_400],
        ['e_tjanster', 'E-tjänsteplattform', 'mjukvara', 120_000],
      ],
    );
    assert.equal(y24.budgetLines[0].source, 'Förstudierapport tabell 3');
    assert.deepEqual(y24.netCost, { amount: 720_000_000, source: 'Förstudierapport tabell 5', note: '' });
    assert.deepEqual(y24.population, { amount: 9_000, source: 'SCB', note: '' });
    assert.equal(y24.statedTotal!.amount, 12_536_252);
    const y19 = year(r, MELLERUD, 2019);
    assert.deepEqual(y19.pools.map((p) => [p.pool, p.amount, p.insideCentralIt]), [['hardvara', 2_000_000, 1_640_000], ['mjukvara', 3_000_000, 1_140_000]]);
    assert.deepEqual(y19.towers.map((t) => [t.tower, t.amount]), [['infrastruktur', 1_500_000]]);
    assert.deepEqual(r.parts[`${MELLERUD}:2019`], ['pools', 'towers']);
  });

  it('okänd pool, egen kategori utan pool, andel över 100 % och okänd kommun är fel i rätt cell', async () => {
    const template = await economicsTemplate({ municipalities: MUNICIPALITIES, year: 2024 });
    const filled = await fillTemplate(template, {
      Budget: [
        ['Mellerud', 2024, 'it_tjanster', 'It-tjänster', 'Moln', 100],
        ['Mellerud', 2024, '', 'Drönare', '', 100],
        ['Ämål', 2024, 'fiber', 'Fiber', 'Telekom', 50],
        ['Göteborg', 2024, 'oh', 'OH', 'Annat', 10],
      ],
      Kostnadspooler: [['Mellerud', 2019, 'Telekom', 1_000, '120 %']],
    });
    const r = await parse(filled);
    const where = r.errors.map((e) => [e.sheet, e.row, e.column, e.message.slice(0, 40)]);
    assert.deepEqual(where, [
      ['Budget', 2, 'TBM-pool', 'Okänd kostnadspool "Moln"; välj en av In'],
      ['Budget', 3, 'TBM-pool', '"Drönare" är en egen kategori; ange vilk'],
      ['Budget', 5, 'Kommun', '"Göteborg" är ingen känd kommun'],
      ['Kostnadspooler', 2, 'Varav inom central IT (kr eller %)', 'Andelen inom central IT ska vara en ande'],
    ]);
    assert.ok(r.warnings.some((w) => w.code === 'name_matched' && w.sheet === 'Budget' && w.row === 4));
    assert.equal(lines(r, AMAL).fiber, 50);
  });
});

// ---- Through the API and the CLI --------------------------------------------------------------------

const multipart = (filename: string, content: Buffer) => {
  const boundary = `----samverka${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};
const upload = (c: Client, query: string, content: Buffer) => {
  const m = multipart('tabeller.xlsx', content);
  return c.request('POST', `/api/economics/import${query}`, m.body, m.headers);
};

for (const backend of backends) {
  describe(`import av it-ekonomi via API (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    const years = async (y: number) => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM economics_years WHERE year = $1', [y])).rows[0].n;
    const scenarios = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM savings_scenarios')).rows[0].n;
    before(async () => {
      t = await startApp(backend, { demo: false });
      await loadDemoOrganisation(t.db);
      await loadDemoEconomics(t.db);
      admin = await loggedIn(t.app, DEMO.admin);
    });
    after(() => t?.close());

    it('mallen hämtas som XLSX av förbundet och kommunansvariga, inte av läsare', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/economics/template', headers: { cookie: admin.cookie! } });
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /spreadsheetml/);
      const wb = await readXlsx(r.rawPayload);
      assert.ok(wb.getWorksheet('Budget'));
      const reader = await loggedIn(t.app, DEMO.reader);
      assert.equal((await reader.get('/api/economics/template')).status, 403);
    });

    it('provkörning visar vad som skulle sparas och datakvalitetsflaggorna, och sparar inget', async () => {
      const before2023 = await years(2023);
      const s0 = await scenarios();
      const r = await upload(admin, '?dryRun=true&year=2023', await publishedTables((x) => (x.table3[0][4] = 'Ämål')));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.dryRun, true);
      assert.deepEqual(r.body.written, { years: 0, scenarios: 0 });
      assert.equal(r.body.years.length, 4);
      assert.equal(r.body.scenarios[0].group, '4D – Bengtsfors, Färgelanda, Mellerud och Åmål');
      assert.ok(r.body.warnings.some((w: any) => w.code === 'name_matched' && w.column === 'Ämål'));
      // Tabell 4's Besparingspotential for Bengtsfors (50 %) against its cells (30 %): the compute module's flag.
      const flag = r.body.flags.find((f: any) => f.code === 'published_savings_mismatch' && f.municipalityCode === BENGTSFORS && f.stated === 2_782_000);
      assert.ok(flag, JSON.stringify(r.body.flags));
      assert.equal(flag.computed, 1_669_200);
      assert.equal(await years(2023), before2023);
      assert.equal(await scenarios(), s0);
    });

    it('med fel sparas inget (400 med felen per blad, rad och kolumn); med skipInvalid sparas resten', async () => {
      const bad = await publishedTables((x) => (x.table3[1][1] = '-3 245 000 kr'));
      const r = await upload(admin, '?year=2022', bad);
      assert.equal(r.status, 400);
      assert.match(r.body.error, /1 fel; inget har sparats/);
      assert.deepEqual(
        r.body.errors.map((e: any) => [e.sheet, e.row, e.column, e.cell]),
        [['Tabell 3 2024', 2, 'Bengtsfors', 'B2']],
      );
      assert.equal(await years(2022), 0);
      const s = await upload(admin, '?year=2022&skipInvalid=true', bad);
      assert.equal(s.status, 200, JSON.stringify(s.body));
      assert.deepEqual(s.body.written, { years: 4, scenarios: 1 });
      assert.equal(await years(2022), 4);
      const b = (await admin.get(`/api/economics/${BENGTSFORS}/2022`)).body;
      assert.ok(b.economics, JSON.stringify(b));
      assert.equal(b.economics.budgetLines.some((l: any) => l.category === 'it_tjanster'), false, 'raden med fel hoppades över');
    });

    it('importen sparar kommunåren och scenariot i en transaktion med en loggpost, och återger siffrorna', async () => {
      const r = await upload(admin, '?year=2023', await publishedTables());
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.written, { years: 4, scenarios: 1 });
      const view = (await admin.get(`/api/economics/${BENGTSFORS}/2023`)).body.economics;
      assert.equal(view.itCost, 12_496_743);
      assert.equal(view.netCost, 688_000_000);
      assert.equal(view.budgetAtBenchmark, 17_200_000);
      assert.equal(view.changeToBenchmark, 4_703_257);
      const audit = await t.db.query<{ action: string; details: any }>("SELECT action, details FROM audit_log WHERE action = 'economics.imported'");
      assert.ok(audit.rows.some((a) => a.details.years.includes('Bengtsfors 2023')));
      assert.ok(AUDIT_ACTION_LABELS['economics.imported']);
      // Importing only the pools keeps the budget already stored for that year.
      const pools = await fillTemplate(await economicsTemplate({ municipalities: MUNICIPALITIES }), { Kostnadspooler: [['Bengtsfors', 2023, 'Telekom', 645_000, '59 %']] });
      const p = await upload(admin, '', pools);
      assert.equal(p.status, 200, JSON.stringify(p.body));
      assert.deepEqual(p.body.years[0].parts, ['pools']);
      assert.equal(p.body.years[0].replaces, true);
      const after = (await admin.get(`/api/economics/${BENGTSFORS}/2023`)).body.economics;
      assert.equal(after.budgetLines.length, 6);
      assert.equal(after.pools[0].inside, 380_550);
    });

    it('en kommunansvarig importerar sin egen kommun; andra kommuners rader är fel', async () => {
      const mellerud = await loggedIn(t.app, DEMO.mellerud);
      const r = await upload(mellerud, '?year=2021', await publishedTables());
      assert.equal(r.status, 400);
      assert.ok(r.body.errors.some((e: any) => e.column === 'Bengtsfors' && e.message === 'Du kan bara importera din egen kommuns siffror'));
      assert.equal(await years(2021), 0);
      const own = await fillTemplate(await economicsTemplate({ municipalities: MUNICIPALITIES }), { Budget: [['Mellerud', 2021, 'it_tjanster', 'It-tjänster', '', 100_000]] });
      const ok = await upload(mellerud, '', own);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.written, { years: 1, scenarios: 0 });
      const reader = await loggedIn(t.app, DEMO.reader);
      assert.equal((await upload(reader, '', own)).status, 403);
    });

    it('en fil som inte är XLSX ger 400 med ett begripligt fel', async () => {
      const r = await upload(admin, '', Buffer.from('Kommun;År\nMellerud;2024\n'));
      assert.equal(r.status, 400);
      assert.match(r.body.errors[0].message, /ingen Excel-fil/);
    });
  });
}

const { dir, envs } = await cliEnvironments('econimport');
for (const e of envs) {
  describe(`CLI economics import (${e.name})`, () => {
    before(async () => {
      const db = await e.open();
      try {
        await migrate(db);
        await loadDemoOrganisation(db);
        await loadDemoEconomics(db);
      } finally {
        await db.close();
      }
    });
    after(e.cleanup);

    it('economics import --file x.xlsx --dry-run --json skriver rapporten och sparar inget', async () => {
      const file = join(dir, `tabeller-${e.name}.xlsx`);
      writeFileSync(file, await publishedTables());
      const r = await samverka(e.env, 'economics', 'import', '--file', file, '--dry-run', '--year', '2020', '--json');
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.equal(report.dryRun, true);
      assert.deepEqual(report.years.map((y: any) => y.year), [2020, 2020, 2020, 2020]);
      assert.deepEqual(report.written, { years: 0, scenarios: 0 });
      const db = await e.open();
      try {
        assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM economics_years WHERE year = 2020')).rows[0].n, 0);
      } finally {
        await db.close();
      }
      const text = await samverka(e.env, 'economics', 'import', '--file', file, '--year', '2020');
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /4 kommunår och 1 besparingsscenarier sparade/);
    });

    it('fel ger felkod 1 och felen per blad, rad och kolumn; mallen skrivs med economics template', async () => {
      const out = join(dir, `mall-${e.name}.xlsx`);
      const t = await samverka(e.env, 'economics', 'template', '--out', out);
      assert.equal(t.code, 0, t.stderr);
      const bad = join(dir, `fel-${e.name}.xlsx`);
      writeFileSync(bad, await fillTemplate((await import('node:fs')).readFileSync(out), { Budget: [['Mellerud', 2024, 'it_tjanster', 'It-tjänster', '', -1]] }));
      const r = await samverka(e.env, 'economics', 'import', '--file', bad);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /FEL Blad Budget, rad 2, kolumn Belopp \(kr\) \(F2\): Ska vara ett belopp i kronor, 0 eller större/);
      assert.match(r.stdout, /Inget har sparats/);
      const help = await samverka(e.env, 'economics', 'import', '--help');
      assert.match(help.stdout, /--skip-invalid/);
    });
  });
}
