// The risk register through the API and the CLI on PGlite and PostgreSQL: Förstudierapport 4D, Bilaga 5 as
// published (counts per municipality, values checked by hand against the report, "-" not 0, "Ämål" flagged),
// history after a second assessment, who may see and change what, and bad input refused with nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../src/db/migrate.ts';
import { loadDemoInitiatives } from '../src/demo/initiatives.ts';
import { loadDemoOrganisation } from '../src/demo/organisation.ts';
import { loadDemoRisks } from '../src/demo/risks.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const GROUP_NAME = '4D – Bengtsfors, Färgelanda, Mellerud och Åmål';
const EXPECTED = [
  ['Bengtsfors', 11, 8],
  ['Färgelanda', 12, 11],
  ['Mellerud', 14, 13],
  ['Åmål', 13, 13],
];
const SAMHALLSSERVICE = 'Kommunen har svårt att leverera samhällsservice i den utsträckning som invånarna förväntar sig.';
const ARBETSMILJO_START = 'Kommunens arbetsmiljö är inte tillräckligt attraktiv';
const VGR = 'Samverkan mellan kommunen och andra myndigheter, såsom VGR, blir alltmer komplex och resurskrävande.';

const counts = (h: any) => h.municipalities.map((m: any) => [m.municipality, m.assessed, m.serious]);
const valueOf = (h: any, title: string, code: string) => {
  const row = h.rows.find((r: any) => r.title.startsWith(title));
  return row.values.find((v: any) => v.municipalityCode === code);
};

for (const backend of backends)
  describe(`riskregistret via API (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let reader: Client;
    let groupId = 0;
    const stored = async () => (await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM risks) + (SELECT count(*) FROM risk_assessments) AS n')).rows[0].n;

    before(async () => {
      t = await startApp(backend, { demo: false });
      await loadDemoOrganisation(t.db);
      await loadDemoInitiatives(t.db);
      await loadDemoRisks(t.db);
      await loadDemoRisks(t.db); // idempotent
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      reader = await loggedIn(t.app, DEMO.reader);
      groupId = (await admin.get('/api/risks/config')).body.groups.find((g: any) => g.name === GROUP_NAME).id;
    });
    after(async () => t?.close());

    it('Bilaga 5: 18 risker under fyra teman; bedömda/allvarliga per kommun som i rapporten; "Ämål" flaggas', async () => {
      const r = await admin.get(`/api/risks/heatmap/${groupId}`);
      assert.equal(r.status, 200);
      const h = r.body.heatmap;
      assert.equal(h.rows.length, 18);
      assert.equal(h.themes.length, 4);
      assert.equal(h.named, true);
      assert.deepEqual(counts(h), EXPECTED);
      // Hand-checked against Bilaga 5: Färgelanda 12 for the first risk, Åmål 16 for the VGR risk, Mellerud 4 for it.
      assert.equal(valueOf(h, 'Kommunen har svårigheter att attrahera', '1439').value, 12);
      assert.equal(valueOf(h, VGR, '1492').value, 16);
      assert.deepEqual(valueOf(h, VGR, '1461'), { municipalityCode: '1461', value: 4, serious: false, notAssessed: false });
      // The Bengtsfors 9 printed on the line before its row; Åmål "-" in the same row.
      assert.equal(valueOf(h, SAMHALLSSERVICE, '1460').value, 9);
      assert.deepEqual(valueOf(h, SAMHALLSSERVICE, '1492'), { municipalityCode: '1492', value: null, serious: false, notAssessed: true });
      // "-" is not assessed, never 0.
      assert.deepEqual(valueOf(h, ARBETSMILJO_START, '1460'), { municipalityCode: '1460', value: null, serious: false, notAssessed: true });

      const list = (await admin.get(`/api/risks?group=${groupId}`)).body;
      assert.deepEqual(list.counts.map((c: any) => [c.municipality, c.assessed, c.serious]), EXPECTED);
      assert.deepEqual(list.qualityFlags, ['Kommunnamnet "Ämål" stämmer inte exakt; det har tolkats som Åmål (så skriver källan).']);
      const arbetsmiljo = list.risks.find((x: any) => x.title.startsWith(ARBETSMILJO_START));
      const bengtsfors = arbetsmiljo.current.find((a: any) => a.municipalityCode === '1460');
      assert.deepEqual([bengtsfors.assessment, bengtsfors.value, bengtsfors.assessedOn], [{ state: 'notAssessed' }, null, '2024-08-22']);
    });

    it('en andra bedömning läggs till: historiken behåller den första, den aktuella är den senaste', async () => {
      const list = (await admin.get(`/api/risks?group=${groupId}`)).body;
      const risk = list.risks.find((x: any) => x.title === VGR);
      const r = await admin.post(`/api/risks/${risk.id}/assessments`, {
        municipalityCode: '1460',
        assessedOn: '2025-10-01',
        assessment: { state: 'assessed', probability: 2, consequence: 2 },
        note: 'Uppföljning',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const b = r.body.risk.history.filter((a: any) => a.municipalityCode === '1460');
      assert.deepEqual(b.map((a: any) => [a.assessedOn, a.value, a.serious]), [['2024-08-22', 9, true], ['2025-10-01', 4, false]]);
      assert.equal(r.body.risk.current.find((a: any) => a.municipalityCode === '1460').value, 4);
      const h = (await admin.get(`/api/risks/heatmap/${groupId}`)).body.heatmap;
      assert.deepEqual(counts(h)[0], ['Bengtsfors', 11, 7]);
    });

    it('kommunansvarig Mellerud: ändrar egna risker, bedömer Mellerud i gruppen, 403 för Bengtsfors', async () => {
      const created = await mellerud.post('/api/risks', { scope: { kind: 'municipality', municipalityCode: '1461' }, themeId: 'it_sakerhet', title: 'Testrisk Mellerud' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.risk.id;
      assert.equal((await mellerud.patch(`/api/risks/${id}`, { owner: 'It-chef', status: 'hanteras' })).body.risk.statusLabel, 'Åtgärder pågår');
      const a = await mellerud.post(`/api/risks/${id}/assessments`, { assessedOn: '2025-11-01', assessment: { state: 'assessed', probability: 4, consequence: 3 } });
      assert.equal(a.status, 201);
      assert.deepEqual(a.body.risk.current.map((x: any) => [x.value, x.serious]), [[12, true]]);

      const before = await stored();
      const forBengtsfors = await mellerud.post('/api/risks', { scope: { kind: 'municipality', municipalityCode: '1460' }, themeId: 'it_sakerhet', title: 'Inte min' });
      assert.equal(forBengtsfors.status, 403);
      const bengtsforsRisk = (await admin.post('/api/risks', { scope: { kind: 'municipality', municipalityCode: '1460' }, themeId: 'it_sakerhet', title: 'Bengtsfors egen' })).body.risk;
      const after1 = await stored();
      assert.equal(after1, before + 1);
      assert.equal((await mellerud.patch(`/api/risks/${bengtsforsRisk.id}`, { title: 'Ändrad' })).status, 403);
      assert.equal((await mellerud.request('DELETE', `/api/risks/${bengtsforsRisk.id}`)).status, 403);
      const groupRisk = (await mellerud.get(`/api/risks?group=${groupId}`)).body.risks[0];
      // In the group register: only Mellerud's own assessments by name.
      assert.deepEqual([...new Set(groupRisk.history.map((x: any) => x.municipalityCode))], ['1461']);
      assert.equal((await mellerud.post(`/api/risks/${groupRisk.id}/assessments`, { municipalityCode: '1460', assessedOn: '2025-01-01', assessment: { state: 'notAssessed' } })).status, 403);
      assert.equal((await mellerud.post(`/api/risks/${groupRisk.id}/assessments`, { municipalityCode: '1461', assessedOn: '2025-01-01', assessment: { state: 'valueOnly', value: 16 } })).status, 201);
      assert.equal(await stored(), after1 + 1);
      assert.equal((await mellerud.get('/api/risks/matrix/1460')).status, 403);
      const matrix = (await mellerud.get('/api/risks/matrix/1461')).body.matrix;
      assert.ok(matrix.cells[3][2].riskIds.includes(id));
      assert.equal((await mellerud.request('DELETE', `/api/risks/${id}`)).status, 200);
      // Bengtsfors' own register is not listed for Mellerud's kommunansvarig, nor shown as one risk.
      assert.ok(!(await mellerud.get('/api/risks')).body.risks.some((x: any) => x.id === bengtsforsRisk.id));
      assert.equal((await mellerud.get(`/api/risks/${bengtsforsRisk.id}`)).status, 404);
      const one = await mellerud.get(`/api/risks/${groupRisk.id}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.risk.title, groupRisk.title);
      assert.deepEqual([...new Set(one.body.risk.history.map((x: any) => x.municipalityCode))], ['1461']);
    });

    it('läsare: värmekartan anonymiserad ("Kommun N") tills gruppen publiceras med namn', async () => {
      const anon = (await reader.get(`/api/risks/heatmap/${groupId}`)).body.heatmap;
      assert.equal(anon.named, false);
      assert.deepEqual(anon.municipalities.map((m: any) => m.municipality), ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Kommun 4']);
      // The members are not named (the group's own name is the association's to choose).
      assert.ok(!JSON.stringify({ m: anon.municipalities, r: anon.rows.map((r: any) => r.values) }).match(/Bengtsfors|Färgelanda|Åmål|1460|1439|1492/));
      assert.deepEqual(anon.municipalities.map((m: any) => [m.assessed, m.serious]).sort(), [[11, 7], [12, 11], [13, 13], [14, 13]].sort());
      const listed = (await reader.get(`/api/risks?group=${groupId}`)).body;
      assert.ok(listed.risks.every((r: any) => r.history.length === 0));
      await t.db.query('UPDATE municipality_groups SET named_published = true WHERE id = $1', [groupId]);
      const named = (await reader.get(`/api/risks/heatmap/${groupId}`)).body.heatmap;
      assert.deepEqual(named.municipalities.map((m: any) => m.municipality), ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål']);
      await t.db.query('UPDATE municipality_groups SET named_published = false WHERE id = $1', [groupId]);
      assert.equal((await reader.post('/api/risks', { scope: { kind: 'group', groupId }, themeId: 'it_sakerhet', title: 'x' })).status, 403);
      assert.equal((await reader.get('/api/risks/matrix/1461')).status, 403);
    });

    it('ett initiativs risker: ?initiative= ger Melleruds risk kopplad till 4D-initiativet', async () => {
      const id = (await t.db.query<{ id: number }>(`SELECT id FROM initiatives WHERE demo_key = '4d-gemensam-it-organisation'`)).rows[0].id;
      const r = (await admin.get(`/api/risks?initiative=${id}`)).body;
      assert.equal(r.risks.length, 1);
      assert.deepEqual([r.risks[0].initiativeId, r.risks[0].synthesised, r.risks[0].current[0].value], [id, true, 8]);
    });

    it('tröskeln och temana ändras bara av förbundet; ett tema som används kan inte tas bort', async () => {
      assert.equal((await mellerud.request('PUT', '/api/risks/threshold', { seriousAbove: 9 })).status, 403);
      assert.equal((await admin.request('PUT', '/api/risks/threshold', { seriousAbove: 9 })).status, 200);
      assert.deepEqual(counts((await admin.get(`/api/risks/heatmap/${groupId}`)).body.heatmap)[2], ['Mellerud', 14, 9]);
      await admin.request('PUT', '/api/risks/threshold', { seriousAbove: 7 });
      const themes = (await admin.get('/api/risks/config')).body.themes;
      const r = await admin.request('PUT', '/api/risks/themes', { themes: themes.slice(1) });
      assert.equal(r.status, 409);
      const renamed = await admin.request('PUT', '/api/risks/themes', { themes: [...themes.map((x: any) => ({ ...x, name: `${x.name} (ny)` })), { id: 'ekonomi', name: 'Ekonomi', sort: 50 }] });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.themes.length, 5);
    });

    it('felaktig indata: 400 med svenskt meddelande och inget sparas', async () => {
      const risk = (await admin.get(`/api/risks?group=${groupId}`)).body.risks[0];
      const n = await stored();
      const bad = [
        { municipalityCode: '1461', assessedOn: '2025-01-01', assessment: { state: 'assessed', probability: 5, consequence: 2 } },
        { municipalityCode: '1461', assessedOn: '2025-01-01', assessment: { state: 'assessed', probability: 0, consequence: 2 } },
        { municipalityCode: '1461', assessedOn: '2025-01-01', assessment: { state: 'valueOnly', value: 7 } },
        { municipalityCode: '9999', assessedOn: '2025-01-01', assessment: { state: 'valueOnly', value: 4 } },
        { municipalityCode: '1484', assessedOn: '2025-01-01', assessment: { state: 'valueOnly', value: 4 } },
        { assessedOn: '2025-01-01', assessment: { state: 'valueOnly', value: 4 } },
      ];
      const messages: string[] = [];
      for (const body of bad) {
        const r = await admin.post(`/api/risks/${risk.id}/assessments`, body);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        messages.push(r.body.error);
      }
      assert.match(messages[0], /ska vara ett heltal 1–4/);
      assert.match(messages[2], /Riskvärdet ska vara en produkt av sannolikhet och konsekvens/);
      assert.match(messages[3], /Kommunen med kod 9999 finns inte/);
      assert.match(messages[4], /ingår inte i gruppen/);
      const badRisk = await admin.post('/api/risks', { scope: { kind: 'municipality', municipalityCode: '9999' }, themeId: 'it_sakerhet', title: 'x' });
      assert.equal(badRisk.status, 400);
      assert.equal((await admin.post('/api/risks', { scope: { kind: 'municipality', municipalityCode: '1461' }, themeId: 'okant', title: 'x' })).status, 400);
      assert.equal((await admin.request('PUT', '/api/risks/threshold', { seriousAbove: 17 })).status, 400);
      assert.equal(await stored(), n);
    });
  });

const { envs } = await cliEnvironments('risks');
for (const e of envs)
  describe(`CLI risks (${e.name})`, () => {
    let groupId = 0;
    before(async () => {
      const db = await e.open();
      try {
        await migrate(db);
        await loadDemoOrganisation(db);
        await loadDemoRisks(db);
        groupId = (await db.query<{ id: number }>('SELECT id FROM municipality_groups WHERE name = $1', [GROUP_NAME])).rows[0].id;
      } finally {
        await db.close();
      }
    });
    after(() => e.cleanup());

    it('risks --group <id> --json: Bilaga 5:s antal per kommun och datakvalitetsflaggan', async () => {
      const r = await samverka(e.env, 'risks', '--group', String(groupId), '--json');
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(counts(out.heatmap), EXPECTED);
      assert.deepEqual(out.counts.map((c: any) => [c.municipality, c.assessed, c.serious]), EXPECTED);
      assert.equal(out.risks.length, 18);
      assert.equal(out.qualityFlags.length, 1);
      const text = await samverka(e.env, 'risks', '--group', GROUP_NAME);
      assert.match(text.stdout, /Bengtsfors\s+11 bedömda, 8 allvarliga/);
      assert.match(text.stdout, /Ämål/);
      const bad = await samverka(e.env, 'risks', '--municipality', '12');
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /Kommunkoden ska vara fyra siffror/);
    });
  });
