// IT economics through the API and the CLI on both databases (issue 12, Deliver 7, 8, 9): the seed
// figures of the Förstudierapport 4D (tabell 3–5) and Delrapport Mellerud (figur 10, 12) as the demo
// loads them; who may see and change what; bad input is a Swedish 400 and nothing is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../src/db/migrate.ts';
import { loadDemoEconomics } from '../src/demo/economics.ts';
import { loadDemoOrganisation } from '../src/demo/organisation.ts';
import { AUDIT_ACTION_LABELS } from '../src/domain/audit.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const BENGTSFORS = '1460';
const FARGELANDA = '1439';
const MELLERUD = '1461';
const AMAL = '1492';
const GROUP_4D = '4D – Bengtsfors, Färgelanda, Mellerud och Åmål';
const TBM_GROUP = 'Fyrbodal (TBM-analysen 2019)';

const two = (x: number) => Math.round(x * 100) / 100;
const count = async (t: TestApp, table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

/** The figures every path must reproduce (Förstudierapport tabell 4 and 5). */
function assertFourD(comparison: any) {
  assert.equal(comparison.year, 2024);
  assert.equal(comparison.named, true);
  const b = comparison.members.find((m: any) => m.municipalityCode === BENGTSFORS);
  assert.equal(b.municipality, 'Bengtsfors');
  assert.equal(b.itCost, 12_496_743);
  assert.equal(b.netCost, 688_000_000);
  assert.equal(two(b.itShare), 1.82);
  assert.equal(b.budgetAtBenchmark, 17_200_000);
  assert.equal(b.changeToBenchmark, 4_703_257);
  assert.deepEqual(
    comparison.members.map((m: any) => [m.municipalityCode, two(m.itShare)]).sort(),
    [
      [FARGELANDA, 1.61],
      [BENGTSFORS, 1.82],
      [MELLERUD, 1.74],
      [AMAL, 1.26],
    ].sort(),
  );
  assert.equal(comparison.totals.itCost, 45_939_995);
  assert.equal(comparison.totals.netCost, 2_925_350_000);
  assert.equal(comparison.totals.budgetAtBenchmark, 73_133_750);
  assert.equal(comparison.totals.changeToBenchmark, 27_193_755);
  const s = comparison.savings.find((x: any) => x.name === 'Besparing vid gemensam it-drift (30 %)');
  assert.equal(s.total, 6_999_349);
  assert.deepEqual(
    s.perCategory.map((c: any) => c.saving),
    [3_399_900, 1_227_420, 1_257_000, 1_115_029],
  );
  assert.equal(s.perMunicipality.find((m: any) => m.municipalityCode === BENGTSFORS).saving, 1_669_200);
  const flag = s.flags.find((f: any) => f.code === 'published_savings_mismatch' && f.municipalityCode === BENGTSFORS);
  assert.ok(flag, JSON.stringify(s.flags));
  assert.equal(flag.stated, 2_782_000);
  assert.equal(flag.computed, 1_669_200);
  assert.match(flag.message, /2 782 000 kr/);
  assert.match(flag.message, /1 669 200 kr/);
  const cs = comparison.costSharing[0];
  assert.equal(cs.synthesised, true);
  assert.equal(cs.members.length, 4);
  // Base 4 000 000 split equally; the charges add up to the model's total.
  assert.ok(cs.members.every((m: any) => m.base === 1_000_000));
  // The charges are split to öre, so the members' sum may differ from the model's 28 000 000 by öre.
  assert.equal(cs.total, 4_000_000 + 12_000_000 + 8_000_000 + 4_000_000);
}

for (const backend of backends) {
  describe(`IT-ekonomi genom API:t (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let reader: Client;
    let id4d = 0;
    let idTbm = 0;
    before(async () => {
      t = await startApp(backend, { demo: false });
      await loadDemoOrganisation(t.db);
      await loadDemoEconomics(t.db);
      await loadDemoEconomics(t.db); // idempotent
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      reader = await loggedIn(t.app, DEMO.reader);
      const groups = (await admin.get('/api/economics/groups')).body.groups;
      id4d = groups.find((g: any) => g.name === GROUP_4D).id;
      idTbm = groups.find((g: any) => g.name === TBM_GROUP).id;
    });
    after(() => t.close());

    it('demodata läses in en gång: år, grupper, scenario och kostnadsfördelning', async () => {
      assert.equal(await count(t, 'economics_years'), 7);
      assert.equal(await count(t, 'municipality_groups'), 2);
      assert.equal(await count(t, 'savings_scenarios'), 1);
      assert.equal(await count(t, 'cost_sharing_models'), 1);
      const groups = (await reader.get('/api/economics/groups')).body.groups;
      const g4 = groups.find((g: any) => g.id === id4d);
      assert.deepEqual(g4.members.map((m: any) => m.name), ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål']);
      assert.deepEqual(g4.years, [2019, 2024, 2025]);
      const tbm = groups.find((g: any) => g.id === idTbm);
      assert.equal(tbm.members.length, 14);
      assert.deepEqual(
        tbm.insideShares.map((s: any) => [s.pool, s.insidePercent, s.year]),
        [
          ['hardvara', 82, 2019],
          ['mjukvara', 38, 2019],
          ['telekom', 59, 2019],
        ],
      );
    });

    it('konfigurationen: pooler, arbetsområden, kategorier med pool och riktmärket 2,5 %', async () => {
      const r = await reader.get('/api/economics/config');
      assert.equal(r.status, 200);
      assert.equal(r.body.pools.length, 8);
      assert.equal(r.body.towers.length, 4);
      assert.deepEqual(r.body.categories.find((c: any) => c.id === 'it_utrustning'), { id: 'it_utrustning', label: 'It-utrustning', pool: 'hardvara' });
      assert.equal(r.body.benchmark.share, 2.5);
      const b = await reader.get('/api/economics/benchmarks/2024');
      assert.deepEqual([b.body.benchmark.share, b.body.benchmark.researchShare, b.body.isDefault], [2.5, 2, false]);
      assert.match(b.body.benchmark.source, /Förstudierapport/);
      assert.equal((await reader.get('/api/economics/benchmarks/2030')).body.isDefault, true);
    });

    it('4D-gruppens jämförelse 2024 återger tabell 4 och 5 (med namn: publicerad)', async () => {
      const r = await reader.get(`/api/economics/groups/${id4d}/comparison`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assertFourD(r.body.comparison);
    });

    it('Mellerud 2019: pooler enligt figur 10, totalt 18 098 000 kr', async () => {
      const r = await mellerud.get(`/api/economics/${MELLERUD}/2019`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const v = r.body.economics;
      assert.equal(v.itCost, 18_098_000);
      assert.equal(v.itCostBasis, 'pools');
      assert.equal(v.pools.find((p: any) => p.pool === 'mjukvara').amount, 7_194_000);
      assert.equal(v.flags.filter((f: any) => f.code === 'total_mismatch').length, 0);
      assert.match(v.source, /Delrapport Mellerud/);
      // The record as stored, for the entry form: the stated total keeps its own source.
      assert.equal(r.body.record.statedTotal.amount, 18_098_000);
      assert.match(r.body.record.statedTotal.source, /figur 10 \(Total kostnad\)/);
    });

    it('läsaren ser en opublicerad grupp avidentifierad; kommunansvarig ser sin egen kommun med namn', async () => {
      const r = await reader.get(`/api/economics/groups/${idTbm}/comparison?year=2024`);
      assert.equal(r.status, 200);
      const c = r.body.comparison;
      assert.equal(c.named, false);
      assert.equal(c.members.length, 4);
      // The benchmark's and the published shares' sources cite report titles ("Delrapport Mellerud");
      // nothing else may name a member.
      const text = JSON.stringify({ ...c, publishedInsideShares: null, members: c.members.map((m: any) => ({ ...m, benchmark: null })) });
      for (const name of ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål']) assert.ok(!text.includes(name), `${name} syns`);
      const codes = [...c.members.map((m: any) => m.municipalityCode), ...c.flags.map((f: any) => f.municipalityCode)];
      for (const code of [BENGTSFORS, FARGELANDA, MELLERUD, AMAL]) assert.ok(!codes.includes(code), `${code} syns`);
      assert.ok(c.members.every((m: any) => /^Kommun \d+$/.test(m.municipality) && m.municipalityCode === m.municipality));
      assert.equal(c.totals.itCost, 45_939_995);
      // The labels are the same for everyone and in the order of their numbers, not of the codes.
      const again = (await admin.get(`/api/economics/groups/${idTbm}/comparison?year=2024`)).body.comparison;
      assert.equal(again.named, true);
      const nums = c.members.map((m: any) => Number(m.municipality.slice(7)));
      assert.deepEqual(nums, [...nums].sort((a, b) => a - b));
      const own = (await mellerud.get(`/api/economics/groups/${idTbm}/comparison?year=2024`)).body.comparison;
      assert.equal(own.named, false);
      assert.deepEqual(own.members.filter((m: any) => !/^Kommun \d+$/.test(m.municipality)).map((m: any) => m.municipality), ['Mellerud']);
      // A läsare and another municipality's figures one by one: no.
      assert.equal((await reader.get(`/api/economics/${BENGTSFORS}/2024`)).status, 403);
      assert.equal((await mellerud.get(`/api/economics/${BENGTSFORS}/2024`)).status, 403);
      assert.deepEqual((await reader.get('/api/economics')).body.years, []);
      assert.deepEqual(
        (await mellerud.get('/api/economics')).body.years.map((y: any) => [y.municipality, y.year]),
        [
          ['Mellerud', 2019],
          ['Mellerud', 2024],
          ['Mellerud', 2025],
        ],
      );
    });

    it('kommunansvarig ändrar sin egen kommun men inte någon annans; gruppen bara förbundet', async () => {
      const body = {
        budgetLines: [{ category: 'it_tjanster', label: 'It-tjänster', pool: 'externa_tjanster', amount: 3_000_000 }],
        netCost: { amount: 700_000_000, source: 'Budget 2026' },
        synthesised: true,
      };
      const own = await mellerud.request('PUT', `/api/economics/${MELLERUD}/2026`, body);
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.equal(two(own.body.economics.itShare), 0.43);
      const other = await mellerud.request('PUT', `/api/economics/${BENGTSFORS}/2026`, body);
      assert.equal(other.status, 403);
      assert.match(other.body.error, /egen kommun/);
      assert.equal((await reader.request('PUT', `/api/economics/${MELLERUD}/2026`, body)).status, 403);
      assert.equal((await mellerud.request('PUT', `/api/economics/groups/${id4d}/savings`, { year: 2024, name: 'x', percentages: [{ category: 'oh', percent: 10 }] })).status, 403);
      const log = (await t.db.query<{ action: string; target: string }>("SELECT action, target FROM audit_log WHERE action LIKE 'economics.%' ORDER BY id")).rows;
      assert.deepEqual(log.at(-1), { action: 'economics.saved', target: 'Mellerud 2026' });
      assert.ok(AUDIT_ACTION_LABELS['economics.saved']);
      assert.equal((await mellerud.request('DELETE', `/api/economics/${MELLERUD}/2026`)).status, 200);
      assert.equal((await mellerud.get(`/api/economics/${MELLERUD}/2026`)).status, 404);
    });

    it('felaktig indata ger 400 på svenska och inget sparas', async () => {
      const before = await count(t, 'economics_years');
      const audits = await count(t, 'audit_log');
      const negative = await admin.request('PUT', `/api/economics/${BENGTSFORS}/2026`, {
        budgetLines: [{ category: 'it_tjanster', label: 'It-tjänster', pool: 'externa_tjanster', amount: -5 }],
      });
      assert.equal(negative.status, 400);
      assert.match(negative.body.error, /^Belopp, rad 1: ska vara ett belopp i kronor, 0 eller större$/);
      const share = await admin.request('PUT', '/api/economics/benchmarks/2026', { share: 120, source: 'Test' });
      assert.equal(share.status, 400);
      assert.match(share.body.error, /andel i procent, 0–100/);
      const inside = await admin.request('PUT', `/api/economics/groups/${id4d}`, {
        name: GROUP_4D,
        members: [BENGTSFORS],
        insideShares: [{ pool: 'hardvara', insidePercent: 101, year: 2019 }],
      });
      assert.equal(inside.status, 400);
      const unknown = await admin.request('PUT', '/api/economics/9999/2026', { netCost: { amount: 1 } });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error, 'Kommunen med kod 9999 finns inte');
      const unknownMember = await admin.post('/api/economics/groups', { name: 'Ny grupp', members: [BENGTSFORS, '9998'] });
      assert.equal(unknownMember.status, 400);
      assert.match(unknownMember.body.error, /9998 finns inte/);
      const outsider = await admin.request('PUT', `/api/economics/groups/${id4d}/savings`, {
        year: 2024,
        name: 'Fel kommun',
        percentages: [{ category: 'oh', percent: 10 }],
        published: { cells: [{ municipalityCode: '1484', category: 'oh', amount: 1 }], municipalityTotals: [], total: null },
      });
      assert.equal(outsider.status, 400);
      assert.match(outsider.body.error, /Lysekil ingår inte i gruppen/);
      const driver = await admin.request('PUT', `/api/economics/groups/${id4d}/cost-sharing`, {
        year: 2024,
        name: 'Fel drivare',
        baseAmount: 1,
        charges: [],
        quantities: [{ municipalityCode: BENGTSFORS, driver: 'anvandare', quantity: 3 }],
      });
      assert.equal(driver.status, 400);
      assert.match(driver.body.error, /Drivaren "anvandare"/);
      assert.equal(await count(t, 'economics_years'), before);
      assert.equal(await count(t, 'audit_log'), audits);
      assert.equal(await count(t, 'municipality_groups'), 2);
      assert.equal(await count(t, 'savings_scenarios'), 1);
      assert.equal(await count(t, 'cost_sharing_models'), 1);
      assert.equal((await admin.get('/api/economics/benchmarks/2026')).body.isDefault, true);
    });

    it('förbundet skapar och ändrar en grupp, anger scenario och kostnadsfördelning', async () => {
      const created = await admin.post('/api/economics/groups', { name: 'Dalsland', members: [BENGTSFORS, MELLERUD] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.group.id;
      assert.equal((await admin.post('/api/economics/groups', { name: 'Dalsland', members: [MELLERUD] })).status, 409);
      const updated = await admin.request('PUT', `/api/economics/groups/${id}`, { name: 'Dalsland', members: [BENGTSFORS, MELLERUD, '1438'], namedPublished: true });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.group.members.length, 3);
      const s = await admin.request('PUT', `/api/economics/groups/${id}/savings`, { year: 2024, name: 'Tio procent', percentages: [{ category: 'it_tjanster', percent: 10 }] });
      assert.equal(s.status, 200, JSON.stringify(s.body));
      assert.equal(s.body.savings.total, 324_500 + 315_000);
      const c = await admin.request('PUT', `/api/economics/groups/${id}/cost-sharing`, {
        year: 2024,
        name: 'Bas',
        baseAmount: 300,
        charges: [{ driver: 'anvandare', label: 'Användare', amount: 100 }],
        quantities: [
          { municipalityCode: BENGTSFORS, driver: 'anvandare', quantity: 1 },
          { municipalityCode: MELLERUD, driver: 'anvandare', quantity: 3 },
        ],
      });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.deepEqual(
        c.body.costSharing.members.map((m: any) => [m.municipality, m.total]).sort((a: any, b: any) => (a[0] < b[0] ? -1 : 1)),
        [
          ['Bengtsfors', 125],
          ['Dals-Ed', 100],
          ['Mellerud', 175],
        ].sort((a: any, b: any) => (a[0] < b[0] ? -1 : 1)),
      );
      const b = await admin.request('PUT', '/api/economics/benchmarks/2025', { share: 2.7, source: 'Eget riktmärke' });
      assert.equal(b.status, 200);
      assert.equal((await admin.get(`/api/economics/${BENGTSFORS}/2025`)).body.economics.benchmark.share, 2.7);
      const labels = (await t.db.query<{ action: string }>("SELECT DISTINCT action FROM audit_log WHERE action LIKE 'economics.%'")).rows;
      for (const { action } of labels) assert.ok(AUDIT_ACTION_LABELS[action], action);
    });
  });
}

const { envs } = await cliEnvironments('economics');

for (const e of envs) {
  describe(`CLI economics (${e.name})`, () => {
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

    it('economics --group (namn) --json återger tabell 4 och 5', async () => {
      const r = await samverka(e.env, 'economics', '--group', GROUP_4D, '--year', '2024', '--json');
      assert.equal(r.code, 0, r.stderr);
      assertFourD(JSON.parse(r.stdout).comparison);
    });

    it('economics --municipality --year --json och läsbar text för en kommun och en grupp', async () => {
      const r = await samverka(e.env, 'economics', '--municipality', MELLERUD, '--year', '2019', '--json');
      assert.equal(r.code, 0, r.stderr);
      const [v] = JSON.parse(r.stdout).years;
      assert.equal(v.itCost, 18_098_000);
      assert.equal(v.pools.length, 8);
      const text = await samverka(e.env, 'economics', '--municipality', BENGTSFORS, '--year', '2024');
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /It-kostnad som andel av nettokostnaden: 1,82 %/);
      assert.match(text.stdout, /Budget vid riktmärket: 17 200 000 kr; förändring: \+4 703 257 kr/);
      const group = await samverka(e.env, 'economics', '--group', GROUP_4D);
      assert.equal(group.code, 0, group.stderr);
      assert.match(group.stdout, /Totalt\s+45 939 995 kr\s+2 925 350 000 kr/);
      assert.match(group.stdout, /Summa\s+.*6 999 349 kr/);
      assert.match(group.stdout, /SYNTETISERAD/);
    });

    it('tydliga fel: okänd grupp', async () => {
      const g = await samverka(e.env, 'economics', '--group', '9999', '--json');
      assert.equal(g.code, 1);
      assert.match(g.stderr, /Gruppen "9999" finns inte/);
    });
  });
}
