// Joint initiatives over HTTP on both backends: permissions, gates, money validation, optimistic
// concurrency, stage log, ranking, indicators, follow-up and the handlingsplan/indicator exports.
// Expected values are hand-computed from the demo portfolio (src/demo/initiatives.ts, from the source reports in docs/sources.md).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { loadDemo } from '../src/demo/index.ts';
import { readXlsx, tableAt } from './support/xlsx.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const run = promisify(execFile);

const CONFLICT = 'Initiativet har ändrats av någon annan sedan du öppnade det. Ladda om och gör om ändringen.';
const CRITERIA = ['nytta', 'kommuner', 'volym', 'strategi', 'beredskap', 'finansiering', 'risk'];

/** Reads one entry of a zip file (stored or deflated) through the central directory. */
function unzipEntry(buf: Buffer, name: string): string | null {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.subarray(p + 46, p + 46 + nameLen).toString('utf8') === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}


for (const backend of backends) {
  describe(`samverkansportföljen (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let admin2: Client;
    let mellerud: Client;
    let smlIt: Client;
    let reader: Client;
    const byTitle = new Map<string, number>();

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      admin2 = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      smlIt = await loggedIn(t.app, DEMO.smlIt);
      reader = await loggedIn(t.app, DEMO.reader);
      for (const i of (await admin.get('/api/initiatives')).body.initiatives) byTitle.set(i.title, i.id);
    });
    after(() => t.close());

    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM initiatives')).rows[0].n;
    const idOf = (title: string) => {
      const id = byTitle.get(title);
      assert.ok(id, `demoinitiativet "${title}" saknas`);
      return id;
    };
    async function download(c: Client, url: string) {
      const r = await t.app.inject({ method: 'GET', url, headers: c.cookie ? { cookie: c.cookie } : {} });
      return { status: r.statusCode, type: String(r.headers['content-type']), body: r.rawPayload };
    }
    /** A fully described initiative moved through the gates to Prioriterad by the association. */
    async function prioritised(title: string, scores: number[], over: Record<string, unknown> = {}) {
      const c = await admin.post('/api/initiatives', {
        title,
        description: 'Gemensam lösning för testets skull',
        need: 'Kommunerna har samma behov',
        area: 'it',
        startYear: 2025,
        endYear: 2026,
        estimatedCost: 250_000,
        benefits: { qualitative: 'Bättre service', sekPerYear: 100_000, hoursPerYear: 400 },
        ...over,
      });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const id = c.body.initiative.id;
      for (const code of ['1485', '1438']) assert.equal((await admin.request('PUT', `/api/initiatives/${id}/participations/${code}`, { kind: 'deltar' })).status, 200);
      const s = await admin.request('PUT', `/api/initiatives/${id}/scores`, {
        scores: CRITERIA.map((criterionId, i) => ({ criterionId, score: scores[i], justification: `Bedömning av ${criterionId}` })),
      });
      assert.equal(s.status, 200, JSON.stringify(s.body));
      for (const to of ['kvalificering', 'prioriterad']) {
        const m = await admin.post(`/api/initiatives/${id}/stage`, { to, reason: `Testet flyttar till ${to}` });
        assert.equal(m.status, 200, JSON.stringify(m.body));
      }
      return id as number;
    }

    it('demoportföljen: 13 initiativ ur källorna, 4D med Bengtsfors, Färgelanda, Mellerud och Åmål; demo load är idempotent', async () => {
      assert.equal(await count(), 13);
      await loadDemo(t.db);
      assert.equal(await count(), 13);
      const r = await reader.get(`/api/initiatives/${idOf('Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (4D)')}`);
      assert.equal(r.status, 200);
      const i = r.body.initiative;
      assert.deepEqual(i.participating, ['1439', '1460', '1461', '1492']);
      assert.equal(i.stage, 'genomforande');
      assert.equal(i.benefits.sekPerYear, 6_999_349);
      assert.equal(i.isDemo, true);
      for (const title of [
        'Nationell identitets- och behörighetsfederation',
        'Säker digital kommunikation för socialtjänsten',
        'Kompetensgemenskaper inom cybersäkerhet och juridik',
        'Delning och skalning av välfärdsteknik',
        'Gemensam informationsförsörjning för ekonomiskt bistånd',
        'Digital post',
        'Digitala hjälpmedel i samverkan',
        'Smart region Västra Götaland IoT-plattform',
        'Öppna data och Dataportal Väst',
        'Införandet av Millenium',
        'Avtalssamverkan för e-arkiv Väst',
        'Gemensam trygghetscentral',
      ])
        idOf(title);
      const n = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM networks')).rows[0].n;
      assert.equal(n, 4);
    });

    it('regionala indikatorer beräknas ur deltagandet: 11 av 14 kommuner i länsgemensamma initiativ', async () => {
      const r = await reader.get('/api/indicators?year=2025');
      assert.equal(r.status, 200);
      const by = Object.fromEntries(r.body.indicators.map((x: any) => [x.indicator, x]));
      // Regional initiatives in Genomförande with 'deltar': hjälpmedel {1439,1492,1460,1421}, IoT {1488,1487,1421,1460},
      // öppna data {1488,1487,1484,1430,1427,1435,1486}, Millenium {1488,1487,1492,1484,1430,1427}: union 11 (all but
      // Dals-Ed 1438, Uddevalla 1485, Mellerud 1461); e-arkiv (Prioriterad) adds 1427, 1430, 1484, 1487, 1488, 1492, all
      // already in the union. 11/14 = 78.57 → 78.6 %.
      assert.deepEqual([by.andel_lansgemensamma.computed.value, by.andel_lansgemensamma.computed.count, by.andel_lansgemensamma.computed.n], [78.6, 11, 14]);
      assert.equal(by.andel_lansgemensamma.expected, 50);
      assert.equal(by.andel_lansgemensamma.published.value, 80);
      // Actors: the 11 + Mellerud (4D, Genomförande) = 12 municipalities, + Innovatum, Högskolan Väst,
      // Fyrbodals kommunalförbund, Business Region Väst = 16.
      assert.equal(by.aktorer.computed.value, 16);
      assert.equal(by.aktorer.published.value, 15);
      assert.equal(by.aktiva_natverk.computed.value, 4);
      // Computed from the demo rounds DiMiOS 2020 → 2025: 5 of the 10 municipalities measured in both rose by at
      // least the instrument's 5 percentage points = 50 %.
      assert.equal(by.andel_okad_mognad.computed.value, 50);
      assert.equal(by.andel_okad_mognad.expected, 50);

      // Dals-Ed joins the IoT platform: 12/14 = 85.71 → 85.7 %; actors 17. Withdrawing restores 11/14.
      const iot = idOf('Smart region Västra Götaland IoT-plattform');
      assert.equal((await admin.request('PUT', `/api/initiatives/${iot}/participations/1438`, { kind: 'deltar' })).status, 200);
      const r2 = Object.fromEntries((await reader.get('/api/indicators?year=2025')).body.indicators.map((x: any) => [x.indicator, x]));
      assert.equal(r2.andel_lansgemensamma.computed.value, 85.7);
      assert.equal(r2.aktorer.computed.value, 17);
      // Interest is not participation: Uddevalla's interest in e-arkiv changes nothing.
      assert.equal((await admin.request('PUT', `/api/initiatives/${iot}/participations/1438`, { kind: 'intresserad' })).status, 200);
      const r3 = Object.fromEntries((await reader.get('/api/indicators?year=2025')).body.indicators.map((x: any) => [x.indicator, x]));
      assert.equal(r3.andel_lansgemensamma.computed.value, 78.6);
      assert.equal((await admin.request('DELETE', `/api/initiatives/${iot}/participations/1438`)).status, 200);
      // A year no initiative covers: 0 of 14.
      const r4 = Object.fromEntries((await reader.get('/api/indicators?year=2030')).body.indicators.map((x: any) => [x.indicator, x]));
      assert.equal(r4.andel_lansgemensamma.computed.value, 0);
      assert.equal((await reader.get('/api/indicators?year=abc')).status, 400);
    });

    it('rekvirerade medel per kostnadsslag och indikatorexporten som XLSX formad som VGR Analys 2025:40', async () => {
      const f = await reader.get('/api/funding');
      const p = f.body.projects.find((x: any) => x.name === 'Gemensam digitalisering');
      assert.deepEqual(p.followUp.total, { applied: 3_000_000, requisitioned: 1_559_402, remaining: 1_440_598 });
      assert.equal(p.followUp.rows.find((x: any) => x.costType === 'ovriga').remaining, -3_373);

      const x = await download(reader, '/api/indicators/export?year=2025');
      assert.equal(x.status, 200);
      assert.match(x.type, /spreadsheetml/);
      const wb = await readXlsx(x.body);
      const ind = tableAt(wb, 'Indikatorer', 'Indikatorer');
      assert.deepEqual(ind.slice(0, 5).map((r) => r.slice(0, 4)), [
        ['Indikatorer', 'Förväntat', 'Utfall (publicerat)', 'Beräknat utfall'],
        ['Antal delregionala aktörer som deltar genom projektet', '20', '15 (per aug. 2025)', '16 – syntetiserade demodata'],
        ['Andel kommuner som deltar i länsgemensamma initiativ', '50 %', '80 % (per aug. 2025)', '78,6 % – syntetiserade demodata'],
        // A yes/no indicator reads Ja/Nej with its count (expected 1, 4 networks published, 4 active).
        ['Delregionalt digitaliseringsnätverk är aktivt', 'Ja (1)', 'Ja (4) (per aug. 2025)', 'Ja (4) – syntetiserade demodata'],
        ['Andel kommuner som visar på ökad digital mognad', '50 %', '75 % (per aug. 2025)', '50 % – syntetiserade demodata, ofullständigt underlag'],
      ]);
      // The published outcome's source under the table.
      assert.match(String(ind[5][0]), /^Publicerat utfall: ”Delregionala digitaliseringsstrategier \(VGR Analys 2025:40\)” \(Västra Götalandsregionen, 2025\), tabell 1/);
      const money = tableAt(wb, 'Indikatorer', 'Kostnadsslag');
      // Header, six cost types, the two totals and the note naming the published table.
      assert.equal(money.length, 10);
      assert.match(String(money[9][0]), /^Publicerad tabell: Tabell 2: Rekvirerade medel \(tkr\)/);
      assert.deepEqual(money[1], ['Lön', 1_992_000, 1_045_392, 946_608]);
      assert.deepEqual(money[6], ['Övriga kostnader', 33_000, 36_373, -3_373]);
      assert.deepEqual(money[7], ['Totalt (summa av raderna)', 3_000_000, 1_559_402, 1_440_598]);
      assert.deepEqual(money[8], ['Totalt (som publicerat)', 3_000_000, 1_559_402, 1_440_598]);
    });

    it('förväntade värden sätts av förbundet; en andel över 100 % ger 400', async () => {
      assert.equal((await mellerud.request('PUT', '/api/indicators/2026/aktorer', { expected: 25 })).status, 403);
      const ok = await admin.request('PUT', '/api/indicators/2026/aktorer', { expected: 25, note: 'Ny period' });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.expected, 25);
      assert.equal((await admin.request('PUT', '/api/indicators/2026/andel_lansgemensamma', { expected: 120 })).status, 400);
      assert.equal((await admin.request('PUT', '/api/indicators/2026/okand', { expected: 1 })).status, 400);
    });

    it('kommunansvarig föreslår initiativ för sin egen kommun (Idé) men inte för en annan (403, inget sparas)', async () => {
      const before = await count();
      const other = await mellerud.post('/api/initiatives', { title: 'Gemensam e-tjänsteplattform', proposingMunicipality: '1460' });
      assert.equal(other.status, 403);
      assert.equal(await count(), before);
      const r = await mellerud.post('/api/initiatives', { title: 'Gemensam e-tjänsteplattform', need: 'Fler e-tjänster', area: 'administration' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.initiative.stage, 'ide');
      assert.equal(r.body.initiative.proposingMunicipality, '1461');
      assert.equal(r.body.initiative.version, 1);
      assert.equal(await count(), before + 1);
      assert.equal((await reader.post('/api/initiatives', { title: 'Läsarens idé' })).status, 403);
      assert.equal((await reader.get('/api/initiatives')).status, 200);
      // SML-IT has three municipalities and must say which one proposes.
      assert.equal((await smlIt.post('/api/initiatives', { title: 'SML-idé utan kommun' })).status, 400);
      assert.equal((await smlIt.post('/api/initiatives', { title: 'SML-idé', proposingMunicipality: '1430' })).status, 201);
    });

    it('kommunansvarig ändrar sitt eget förslag bara i Idé; andra kommuner och läsare får 403', async () => {
      const c = await mellerud.post('/api/initiatives', { title: 'Melleruds förslag' });
      const id = c.body.initiative.id;
      const own = await mellerud.patch(`/api/initiatives/${id}`, { version: 1, description: 'Utvecklad beskrivning' });
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.equal(own.body.initiative.version, 2);
      assert.equal((await smlIt.patch(`/api/initiatives/${id}`, { version: 2, description: 'Kapning' })).status, 403);
      assert.equal((await reader.patch(`/api/initiatives/${id}`, { version: 2, description: 'Kapning' })).status, 403);
      assert.equal((await mellerud.patch(`/api/initiatives/${id}`, { version: 2, proposingMunicipality: '1460' })).status, 403);
      // Only the association moves stages.
      assert.equal((await mellerud.post(`/api/initiatives/${id}/stage`, { to: 'kvalificering', reason: 'Vill vidare' })).status, 403);
      const moved = await admin.post(`/api/initiatives/${id}/stage`, { to: 'avslutad_utan_genomforande', reason: 'Dubblett av ett annat förslag' });
      assert.equal(moved.status, 200);
      const late = await mellerud.patch(`/api/initiatives/${id}`, { version: 3, description: 'För sent' });
      assert.equal(late.status, 403);
      assert.match(late.body.error, /Idé/);
      const stored = (await reader.get(`/api/initiatives/${id}`)).body.initiative;
      assert.equal(stored.description, 'Utvecklad beskrivning');
    });

    it('intresse och deltagande anmäls bara för den egna kommunen (403 annars, inget sparas)', async () => {
      const id = (await admin.post('/api/initiatives', { title: 'Gemensam upphandling av e-signatur' })).body.initiative.id;
      const mine = await mellerud.request('PUT', `/api/initiatives/${id}/participations/1461`, { kind: 'intresserad' });
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.initiative.interested, ['1461']);
      const other = await mellerud.request('PUT', `/api/initiatives/${id}/participations/1460`, { kind: 'deltar' });
      assert.equal(other.status, 403);
      assert.match(other.body.error, /egen kommun/);
      assert.equal((await reader.request('PUT', `/api/initiatives/${id}/participations/1461`, { kind: 'deltar' })).status, 403);
      assert.equal((await smlIt.request('PUT', `/api/initiatives/${id}/participations/1427`, { kind: 'deltar' })).status, 200);
      assert.equal((await smlIt.request('DELETE', `/api/initiatives/${id}/participations/1461`)).status, 403);
      assert.equal((await mellerud.request('PUT', `/api/initiatives/${id}/participations/1461`, { kind: 'kanske' })).status, 400);
      const after = (await reader.get(`/api/initiatives/${id}`)).body.initiative;
      assert.deepEqual(after.participations, [
        { municipality: '1427', kind: 'deltar' },
        { municipality: '1461', kind: 'intresserad' },
      ]);
      // Only the association scores and configures criteria.
      assert.equal((await mellerud.request('PUT', `/api/initiatives/${id}/scores`, { scores: [{ criterionId: 'nytta', score: 5, justification: 'Stor nytta' }] })).status, 403);
      assert.equal((await mellerud.request('PUT', '/api/portfolio/criteria', { criteria: [{ id: 'nytta', label: 'Nytta', weight: 1 }] })).status, 403);
    });

    it('en stegflytt vars grind inte är uppfylld vägras med de saknade kraven; otillåten övergång ger 409', async () => {
      const id = (await admin.post('/api/initiatives', { title: 'Gemensam AI-assistent' })).body.initiative.id;
      const r = await admin.post(`/api/initiatives/${id}/stage`, { to: 'kvalificering', reason: 'Dags att kvalificera' });
      assert.equal(r.status, 422);
      assert.deepEqual(r.body.details.missing, ['Beskrivning saknas', 'Behov/problem saknas', 'Verksamhetsområde saknas']);
      assert.match(r.body.error, /kan inte flyttas till Kvalificering/);
      assert.equal((await reader.get(`/api/initiatives/${id}`)).body.initiative.stage, 'ide');
      assert.equal((await admin.post(`/api/initiatives/${id}/stage`, { to: 'genomforande', reason: 'Hoppa över' })).status, 409);
      assert.equal((await admin.post(`/api/initiatives/${id}/stage`, { to: 'kvalificering' })).status, 400);

      const v = (await admin.get(`/api/initiatives/${id}`)).body.initiative.version;
      await admin.patch(`/api/initiatives/${id}`, { version: v, description: 'AI-stöd i handläggning', need: 'Tidskrävande handläggning', area: 'administration' });
      assert.equal((await admin.post(`/api/initiatives/${id}/stage`, { to: 'kvalificering', reason: 'Behovet är beskrivet' })).status, 200);
      await admin.request('PUT', `/api/initiatives/${id}/participations/1488`, { kind: 'deltar' });
      const p = await admin.post(`/api/initiatives/${id}/stage`, { to: 'prioriterad', reason: 'Vill prioritera' });
      assert.equal(p.status, 422);
      assert.deepEqual(p.body.details.missing, [
        'Kvalitativ nyttobeskrivning saknas',
        'Nyttokalkyl saknas: ange frigjord tid (timmar per år) eller ekonomisk nytta (kronor per år)',
        'Kostnadsuppskattning saknas',
        'Minst 2 deltagande kommuner krävs (nu 1)',
        'Kvalificeringsbedömning saknas för: Nytta, Antal kommuner, Volym och skala, Strategisk passform, Genomförandeberedskap, Finansiering, Risk',
      ]);
      const detail = await admin.get(`/api/initiatives/${id}`);
      assert.equal(detail.body.nextStages.find((s: any) => s.stage === 'prioriterad').missing.length, 5);

      // The gate is configuration: with an empty Prioriterad gate the move goes through.
      const gates = (await admin.get('/api/portfolio/config')).body.gates;
      assert.equal((await admin.request('PUT', '/api/portfolio/gates', { gates: { ...gates, prioriterad: [] } })).status, 200);
      assert.equal((await admin.post(`/api/initiatives/${id}/stage`, { to: 'prioriterad', reason: 'Förbundet prioriterar' })).status, 200);
      assert.equal((await admin.request('PUT', '/api/portfolio/gates', { gates })).status, 200);
      assert.equal((await admin.request('PUT', '/api/portfolio/gates', { gates: { prioriterad: [{ kind: 'okand' }] } })).status, 400);
      // Back to Kvalificering (allowed one step back) keeps it out of the handlingsplan.
      assert.equal((await admin.post(`/api/initiatives/${id}/stage`, { to: 'kvalificering', reason: 'Tillbaka efter test' })).status, 200);
    });

    it('stegloggen har vem, när, från, till och varför', async () => {
      const id = (await admin.post('/api/initiatives', { title: 'Loggat initiativ', description: 'B', need: 'N', area: 'it' })).body.initiative.id;
      await admin.post(`/api/initiatives/${id}/stage`, { to: 'kvalificering', reason: 'Beslut i beredningsgruppen 2025-05-12' });
      await admin.post(`/api/initiatives/${id}/stage`, { to: 'avslutad_utan_genomforande', reason: 'Ingen kommun ville delta' });
      const log = (await reader.get(`/api/initiatives/${id}/log`)).body.log;
      assert.deepEqual(
        log.map((e: any) => [e.from, e.to, e.userName, e.reason]),
        [
          [null, 'ide', 'Demo Förbundsadmin', 'Registrerat av förbundet'],
          ['ide', 'kvalificering', 'Demo Förbundsadmin', 'Beslut i beredningsgruppen 2025-05-12'],
          ['kvalificering', 'avslutad_utan_genomforande', 'Demo Förbundsadmin', 'Ingen kommun ville delta'],
        ],
      );
      for (const e of log) assert.ok(!Number.isNaN(Date.parse(e.at)), e.at);
      assert.equal(log[2].toLabel, 'Avslutad utan genomförande');
      // Closed: participation can no longer change.
      assert.equal((await admin.request('PUT', `/api/initiatives/${id}/participations/1461`, { kind: 'deltar' })).status, 409);
    });

    it('negativa eller icke-numeriska kostnader och nyttor ger 400 och inget sparas', async () => {
      const before = await count();
      for (const body of [
        { title: 'Negativ kostnad', estimatedCost: -5 },
        { title: 'Textkostnad', estimatedCost: 'tusen kronor' },
        { title: 'Decimalkostnad', estimatedCost: 12.5 },
        { title: 'Negativ nytta', benefits: { sekPerYear: -1 } },
        { title: 'Texttimmar', benefits: { hoursPerYear: 'många' } },
        { title: 'Negativ finansiering', fundingSources: [{ source: 'eu', amount: -100 }] },
      ]) {
        const r = await admin.post('/api/initiatives', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.match(r.body.error, /hela kronor|timmar/);
      }
      assert.equal(await count(), before);
      const id = (await admin.post('/api/initiatives', { title: 'Kostnadstest', estimatedCost: 1000 })).body.initiative.id;
      const bad = await admin.patch(`/api/initiatives/${id}`, { version: 1, title: 'Ändrad', estimatedCost: '-300' });
      assert.equal(bad.status, 400);
      const stored = (await admin.get(`/api/initiatives/${id}`)).body.initiative;
      assert.deepEqual([stored.title, stored.estimatedCost, stored.version], ['Kostnadstest', 1000, 1]);
      assert.equal((await admin.post('/api/initiatives', { title: 'Farlig länk', documents: [{ title: 'x', url: 'javascript:alert(1)' }] })).status, 400);
      assert.equal((await admin.post('/api/initiatives', { title: 'Okänt område', area: 'rymden' })).status, 400);
      assert.equal((await admin.post('/api/initiatives', { title: 'Omvänd period', startYear: 2026, endYear: 2025 })).status, 400);
    });

    it('samtidiga ändringar: den senare sparningen vägras med 409 och ett tydligt meddelande, inget skrivs över', async () => {
      const id = (await admin.post('/api/initiatives', { title: 'Samtidigt redigerat' })).body.initiative.id;
      const a = (await admin.get(`/api/initiatives/${id}`)).body.initiative.version;
      const b = (await admin2.get(`/api/initiatives/${id}`)).body.initiative.version;
      assert.equal(a, b);
      const first = await admin.patch(`/api/initiatives/${id}`, { version: a, need: 'Första strategens text' });
      assert.equal(first.status, 200);
      const second = await admin2.patch(`/api/initiatives/${id}`, { version: b, need: 'Andra strategens text' });
      assert.equal(second.status, 409);
      assert.equal(second.body.error, CONFLICT);
      assert.equal((await admin.get(`/api/initiatives/${id}`)).body.initiative.need, 'Första strategens text');
      assert.equal((await admin.patch(`/api/initiatives/${id}`, { need: 'Utan version' })).status, 400);

      // Truly simultaneous saves with the same version: exactly one wins.
      const v = (await admin.get(`/api/initiatives/${id}`)).body.initiative.version;
      const both = await Promise.all([
        admin.patch(`/api/initiatives/${id}`, { version: v, need: 'A' }),
        admin2.patch(`/api/initiatives/${id}`, { version: v, need: 'B' }),
      ]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
      const winner = both.find((r) => r.status === 200)!.body.initiative.need;
      const stored = (await admin.get(`/api/initiatives/${id}`)).body.initiative;
      assert.equal(stored.need, winner);
      assert.equal(stored.version, v + 1);
      // A stage move with a stale version is refused the same way.
      const stale = await admin.post(`/api/initiatives/${id}/stage`, { to: 'avslutad_utan_genomforande', reason: 'Test', version: v });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error, CONFLICT);
    });

    it('rangordningen följer den viktade poängen (handräknad)', async () => {
      const mk = async (title: string, scores: Record<string, number>) => {
        const id = (await admin.post('/api/initiatives', { title, description: 'D', need: 'N', area: 'it' })).body.initiative.id;
        await admin.post(`/api/initiatives/${id}/stage`, { to: 'kvalificering', reason: 'Kvalificeras' });
        const r = await admin.request('PUT', `/api/initiatives/${id}/scores`, {
          scores: Object.entries(scores).map(([criterionId, score]) => ({ criterionId, score, justification: 'Handräknad bedömning' })),
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      };
      await mk('Rang X', { nytta: 5, kommuner: 5, volym: 5, strategi: 5, beredskap: 5, finansiering: 5, risk: 5 });
      await mk('Rang Y', { nytta: 4, kommuner: 3, volym: 3, strategi: 3, beredskap: 3, finansiering: 3, risk: 3 });
      await mk('Rang Z', { nytta: 5 });
      const bad = await admin.request('PUT', `/api/initiatives/${idOf('Gemensam trygghetscentral')}/scores`, {
        scores: [{ criterionId: 'nytta', score: 6, justification: 'För högt' }],
      });
      assert.equal(bad.status, 400);
      const noWhy = await admin.request('PUT', `/api/initiatives/${idOf('Gemensam trygghetscentral')}/scores`, { scores: [{ criterionId: 'nytta', score: 3, justification: '' }] });
      assert.equal(noWhy.status, 400);

      const r = await reader.get('/api/initiatives/ranking?stages=kvalificering');
      assert.equal(r.status, 200);
      const mine = ['Rang X', 'Rang Y', 'Rang Z', 'Nationell identitets- och behörighetsfederation', 'Gemensam trygghetscentral', 'Delning och skalning av välfärdsteknik'];
      const ordered = r.body.ranking.filter((x: any) => mine.includes(x.title));
      // Weights 3,2,1,2,1,1,1 (Σ 11): X = 55/11 = 5; identitetsfederation (4,4,3,4,2,3,3) = 39/11 = 3.55;
      // Y = (12+6+3+6+3+3+3)/11 = 36/11 = 3.27; trygghetscentral (4,3,4,3,2,2,3) = 35/11 = 3.18;
      // Z only nytta → partial (after complete ones); välfärdsteknik unscored → last.
      assert.deepEqual(
        ordered.map((x: any) => [x.title, x.score, x.complete]),
        [
          ['Rang X', 5, true],
          ['Nationell identitets- och behörighetsfederation', 3.55, true],
          ['Rang Y', 3.27, true],
          ['Gemensam trygghetscentral', 3.18, true],
          ['Rang Z', 5, false],
          ['Delning och skalning av välfärdsteknik', null, false],
        ],
      );
      assert.deepEqual(
        ordered.map((x: any) => x.rank),
        [...ordered.map((x: any) => x.rank)].sort((a: number, b: number) => a - b),
      );
      assert.equal(ordered[2].percent, 56.82); // (36/11 − 1)/4 · 100
      assert.equal((await reader.get('/api/initiatives/ranking?stages=okänt')).status, 400);
    });

    it('från analys till handling: en samverkanskandidat blir ett förslag med förmåga, svaga kommuner och underlag', async () => {
      const body = {
        instrumentId: 'formagekarta',
        itemId: 'folja-upp-avtal',
        capabilityLabel: 'Följa upp avtal',
        municipalities: ['1461', '1460', '1439'],
        evidence: { threshold: 1, weak: { base: 'municipalities', count: 3, n: 12, percent: 25 } },
      };
      const r = await admin.post('/api/initiatives/from-candidate', body);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const i = r.body.initiative;
      assert.equal(i.stage, 'ide');
      assert.equal(i.title, 'Samverkan kring Följa upp avtal');
      assert.deepEqual(i.links, [{ kind: 'formaga', label: 'Följa upp avtal', instrumentId: 'formagekarta', itemId: 'folja-upp-avtal' }]);
      assert.deepEqual(i.evidence.municipalities, ['1439', '1460', '1461']);
      assert.deepEqual(i.suggestedMunicipalities, ['1439', '1460', '1461']);
      assert.equal(i.evidence.analysis.weak.n, 12);
      assert.match(i.need, /svag i 3 av 12 kommuner/);
      // Weak municipalities are identifiable results: others see the count and only their own.
      const seenByMellerud = (await mellerud.get(`/api/initiatives/${i.id}`)).body.initiative.evidence;
      assert.deepEqual(seenByMellerud.ownMunicipalities, ['1461']);
      assert.equal(seenByMellerud.weakMunicipalities, 3);
      assert.equal(seenByMellerud.municipalities, undefined);
      const seenByReader = (await reader.get('/api/initiatives')).body.initiatives.find((x: any) => x.id === i.id).evidence;
      assert.deepEqual(seenByReader.ownMunicipalities, []);
      assert.equal(JSON.stringify(seenByReader).includes('1439'), false);

      assert.equal((await mellerud.post('/api/initiatives/from-candidate', body)).status, 403);
      const own = await mellerud.post('/api/initiatives/from-candidate', { ...body, municipalities: ['1461'] });
      assert.equal(own.status, 201);
      assert.equal(own.body.initiative.proposingMunicipality, '1461');
      assert.deepEqual(own.body.initiative.interested, ['1461']);
      assert.equal((await reader.post('/api/initiatives/from-candidate', body)).status, 403);
      assert.equal((await admin.post('/api/initiatives/from-candidate', { ...body, municipalities: [] })).status, 400);
    });

    it('samverkanskandidat ur en mätomgång: servern tar underlaget ur analysen, var och en ser bara det den får', async () => {
      // Förmågekarta 2021 (demo): Mellerud rated "Följa upp avtal" 1 (Delrapport Mellerud 2021 figur 17), at the 0–4 map's
      // weak threshold 1; "Kommunicera med medarbetare" 3, so it is never weak in Mellerud.
      const round = (await t.db.query<{ id: number }>(`SELECT id FROM rounds WHERE is_demo AND instrument_id = 'formagekarta'`)).rows[0].id;
      const fig = (await admin.get(`/api/rounds/${round}/analysis`)).body.figures.find((f: any) => f.id === 'samverkanskandidater');
      const row = fig.rows.find((r: any) => r.key === 'folja-upp-avtal');
      assert.ok(row, 'Följa upp avtal är en samverkanskandidat i demoomgången');

      const a = await admin.get(`/api/rounds/${round}/candidates/folja-upp-avtal`);
      assert.equal(a.status, 200);
      assert.deepEqual([a.body.candidate.label, a.body.candidate.threshold, a.body.candidate.weak.count, a.body.candidate.weak.n], ['Följa upp avtal', 1, row.cells.count, row.cells.n]);
      assert.equal(a.body.candidate.municipalities.length, row.cells.count);
      assert.ok(a.body.candidate.municipalities.includes('1461'));
      const m = await mellerud.get(`/api/rounds/${round}/candidates/folja-upp-avtal`);
      assert.deepEqual(m.body.candidate.municipalities, ['1461']);
      assert.equal((await reader.get(`/api/rounds/${round}/candidates/folja-upp-avtal`)).body.candidate.municipalities.length, 0);
      assert.equal((await admin.get(`/api/rounds/${round}/candidates/kommunicera-med-medarbetare`)).status, 404);
      assert.equal((await admin.get(`/api/rounds/${round}/candidates/okand`)).status, 404);

      // Creating from the round: the evidence is the analysis', not the caller's.
      const before = await count();
      const created = await mellerud.post('/api/initiatives/from-candidate', { roundId: round, itemId: 'folja-upp-avtal' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const i = created.body.initiative;
      assert.deepEqual([i.title, i.proposingMunicipality, i.interested], ['Samverkan kring Följa upp avtal', '1461', ['1461']]);
      const stored = (await admin.get(`/api/initiatives/${i.id}`)).body.initiative.evidence;
      assert.deepEqual(stored.municipalities, ['1461']);
      assert.deepEqual([stored.analysis.roundId, stored.analysis.threshold, stored.analysis.weak.count], [round, 1, m.body.candidate.weak.count]);
      assert.equal(await count(), before + 1);
      assert.equal((await mellerud.post('/api/initiatives/from-candidate', { roundId: round, itemId: 'kommunicera-med-medarbetare' })).status, 404);
      assert.equal((await reader.post('/api/initiatives/from-candidate', { roundId: round, itemId: 'folja-upp-avtal' })).status, 403);
      const malformed = await admin.post('/api/initiatives/from-candidate', { roundId: 'x', itemId: 'folja-upp-avtal' });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error, 'Ange antingen mätomgång och fråga eller ett eget underlag (instrument, fråga, förmåga och kommuner)');
      assert.equal(await count(), before + 1);
    });

    it('statusrapporter per period; försenade rapporter visas för förbundet', async () => {
      const fourD = idOf('Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (4D)');
      const ok = await mellerud.request('PUT', `/api/initiatives/${fourD}/reports/2025-Q3`, {
        status: 'enligt_plan',
        progress: 50,
        comment: 'Driftcentret bemannas',
        realisedSek: 400_000,
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.reports.map((r: any) => r.period), ['2025-Q1', '2025-Q2', '2025-Q3']);
      // 400 000 realised of 6 999 349 estimated per year = 5.71 % → 5.7
      assert.equal(ok.body.followUp.sekShareOfYearlyEstimate, 5.7);
      assert.equal((await mellerud.request('PUT', `/api/initiatives/${idOf('Öppna data och Dataportal Väst')}/reports/2025-Q3`, { status: 'enligt_plan', progress: 10 })).status, 403);
      assert.equal((await mellerud.request('PUT', `/api/initiatives/${fourD}/reports/2025-Q3`, { status: 'enligt_plan', progress: 50, realisedSek: -1 })).status, 400);
      assert.equal((await mellerud.request('PUT', `/api/initiatives/${fourD}/reports/2025-Q7`, { status: 'enligt_plan', progress: 50 })).status, 400);
      assert.equal((await mellerud.request('PUT', `/api/initiatives/${fourD}/reports/2025-Q3`, { status: 'klart', progress: 50 })).status, 400);

      const o = await admin.get('/api/followup/overdue?period=2025-Q2&today=2025-08-15');
      assert.equal(o.status, 200);
      // Genomförande/Nyttohemtagning without a 2025-Q2 report: Millenium (Q1 only), IoT (Q1 only), SDK (none).
      assert.deepEqual(
        o.body.overdue.map((x: any) => [x.title, x.dueDate, x.daysOverdue]),
        [
          ['Införandet av Millenium', '2025-07-30', 16],
          ['Smart region Västra Götaland IoT-plattform', '2025-07-30', 16],
          ['Säker digital kommunikation för socialtjänsten', '2025-07-30', 16],
        ],
      );
      assert.equal((await reader.get('/api/followup/overdue?period=2025-Q2')).status, 403);
      assert.equal((await mellerud.get('/api/followup/overdue?period=2025-Q2')).status, 403);
    });

    it('handlingsplanen 2025–2026 som XLSX, PDF och DOCX ur samma modell', async () => {
      await prioritised('=1+1 Testinitiativ', [4, 4, 4, 4, 4, 4, 4]);
      const x = await download(reader, '/api/handlingsplan?from=2025&to=2026&format=xlsx');
      assert.equal(x.status, 200);
      const wb = await readXlsx(x.body);
      const plan = tableAt(wb, 'Handlingsplan', 'Rang');
      assert.deepEqual(plan[0], [
        'Rang',
        'Initiativ',
        'Steg',
        'Omfattning',
        'Verksamhetsområde',
        'Period',
        'Deltagande kommuner',
        'Intresserade kommuner',
        'Andra aktörer',
        'Viktad poäng (1–5)',
        'Uppskattad kostnad (kr)',
        'Ekonomisk nytta (kr/år)',
        'Frigjord tid (timmar/år)',
        'Finansiering',
      ]);
      // Prioriterad/Genomförande overlapping 2025–2026, by weighted score (weights 3,2,1,2,1,1,1; Σ 11): e-arkiv
      // (45/11 = 4.09), the test initiative (4.00), 4D (40/11 = 3.64, 4 deltar) before SDK (3.64, 3 deltar),
      // hjälpmedel (4,3,3,3,4,4,4: 39/11 = 3.55), then 38/11 = 3.45 by participants: Millenium (6), kompetensgemenskaper
      // (3), digital post (2); öppna data (3,4,2,4,3,4,3: 37/11 = 3.36), IoT (3,3,3,4,2,4,3: 35/11 = 3.18).
      assert.deepEqual(plan.slice(1).map((r) => r[1]), [
        'Avtalssamverkan för e-arkiv Väst',
        "'=1+1 Testinitiativ",
        'Gemensam it-organisation för Bengtsfors, Färgelanda, Mellerud och Åmål (4D)',
        'Säker digital kommunikation för socialtjänsten',
        'Digitala hjälpmedel i samverkan',
        'Införandet av Millenium',
        'Kompetensgemenskaper inom cybersäkerhet och juridik',
        'Digital post',
        'Öppna data och Dataportal Väst',
        'Smart region Västra Götaland IoT-plattform',
        'Summa',
      ]);
      const test = plan[2];
      assert.deepEqual([test[0], test[6], test[9], test[10], test[11], test[12]], [2, 'Dals-Ed, Uddevalla', 4, 250_000, 100_000, 400]);
      // Totals: costs 350 000 + 250 000 + 4 500 000 (4D) + 450 000 + 800 000 + 600 000 (Millenium) + 200 000 + 150 000
      // + 300 000 (öppna data) + 1 200 000 (IoT) = 8 800 000;
      // SEK/year 250 000 + 100 000 + 6 999 349 + 300 000 + 400 000 (IoT) = 8 049 349.
      const total = plan[plan.length - 1];
      assert.deepEqual([total[10], total[11]], [8_800_000, 8_049_349]);
      assert.deepEqual(tableAt(wb, 'Kriterier', 'Kriterium')[0], ['Kriterium', 'Vikt', 'Beskrivning']);

      const pdf = await download(reader, '/api/handlingsplan?from=2025&to=2026&format=pdf');
      assert.equal(pdf.status, 200);
      assert.equal(pdf.type, 'application/pdf');
      assert.equal(pdf.body.subarray(0, 5).toString('latin1'), '%PDF-');
      // The same model as the round reports, rendered landscape: A4 842 × 595 pt, the ranked titles in the text.
      const dir = mkdtempSync(join(tmpdir(), 'samverka-plan-'));
      try {
        const file = join(dir, 'plan.pdf');
        writeFileSync(file, pdf.body);
        assert.match((await run('pdfinfo', [file])).stdout, /Page size:\s+841\.89 x 595\.28/);
        const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
        for (const s of ['Handlingsplan 2025–2026', 'Avtalssamverkan för e-arkiv Väst', 'Summa', 'Kvalificeringskriterier']) assert.ok(text.includes(s), `PDF saknar "${s}"`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      const docx = await download(admin, '/api/handlingsplan?from=2025&to=2026&format=docx');
      assert.equal(docx.status, 200);
      assert.equal(docx.body.subarray(0, 2).toString('latin1'), 'PK');
      const xml = unzipEntry(docx.body, 'word/document.xml');
      assert.ok(xml, 'word/document.xml saknas');
      for (const title of ['Handlingsplan 2025–2026', 'Avtalssamverkan för e-arkiv Väst', '=1+1 Testinitiativ', 'Smart region Västra Götaland IoT-plattform'])
        assert.ok(xml.includes(title), `DOCX saknar "${title}"`);
      assert.equal(xml.includes('Gemensam trygghetscentral'), false); // Kvalificering: not in the plan

      const json = await reader.get('/api/handlingsplan?from=2025&to=2026');
      assert.equal(json.body.handlingsplan.rows.length, 10);
      // The decided plan is readable by every signed-in role, a kommunansvarig too.
      const own = await mellerud.get('/api/handlingsplan?from=2025&to=2026');
      assert.equal(own.status, 200);
      assert.equal(own.body.handlingsplan.rows.length, 10);
      assert.equal((await reader.get('/api/handlingsplan?from=2026&to=2025&format=pdf')).status, 400);
      assert.equal((await reader.get('/api/handlingsplan?from=2025&to=2026&format=odt')).status, 400);
    });
  });
}

// ---- CLI ----------------------------------------------------------------------------------------

const { dir, envs } = await cliEnvironments('cli_init');

describe('CLI: initiativ, indikatorer och handlingsplan', () => {
  for (const e of envs) {
    describe(e.name, () => {
      after(e.cleanup);
      it('initiatives list/show --json, indicators --json och handlingsplan --out', async () => {
        assert.equal((await samverka(e.env, 'demo', 'load')).code, 0);
        const list = await samverka(e.env, 'initiatives', 'list', '--json');
        assert.equal(list.code, 0, list.stderr);
        const rows = JSON.parse(list.stdout) as Array<{ id: number; title: string; participating: string[] }>;
        assert.equal(rows.length, 13);
        const fourD = rows.find((r) => r.title.includes('(4D)'))!;
        assert.deepEqual(fourD.participating, ['1439', '1460', '1461', '1492']);
        const show = await samverka(e.env, 'initiatives', 'show', String(fourD.id), '--json');
        assert.equal(show.code, 0, show.stderr);
        assert.deepEqual(JSON.parse(show.stdout).log.map((x: any) => x.to), ['ide', 'kvalificering', 'prioriterad', 'genomforande']);
        assert.equal((await samverka(e.env, 'initiatives', 'show', '99999')).code, 1);
        const prio = JSON.parse((await samverka(e.env, 'initiatives', 'list', '--stage', 'prioriterad', '--json')).stdout);
        assert.deepEqual(prio.map((r: any) => r.title).sort(), ['Avtalssamverkan för e-arkiv Väst', 'Digital post', 'Kompetensgemenskaper inom cybersäkerhet och juridik']);

        const ind = await samverka(e.env, 'indicators', '--year', '2025', '--json');
        assert.equal(ind.code, 0, ind.stderr);
        const by = Object.fromEntries(JSON.parse(ind.stdout).indicators.map((x: any) => [x.indicator, x]));
        assert.equal(by.andel_lansgemensamma.computed.value, 78.6);
        assert.equal(by.aktiva_natverk.computed.value, 4);
        assert.equal((await samverka(e.env, 'indicators', '--year', '20x5')).code, 1);

        const out = join(dir, `hp-${e.name}.xlsx`);
        const hp = await samverka(e.env, 'handlingsplan', '--from', '2025', '--to', '2026', '--format', 'xlsx', '--out', out, '--json');
        assert.equal(hp.code, 0, hp.stderr);
        assert.equal(JSON.parse(hp.stdout).initiatives[0].title, 'Avtalssamverkan för e-arkiv Väst');
        assert.equal(readFileSync(out).subarray(0, 2).toString('latin1'), 'PK');
        const wrong = await samverka(e.env, 'handlingsplan', '--from', '2025', '--to', '2026', '--format', 'odt', '--out', out);
        assert.equal(wrong.code, 1);
        assert.match(wrong.stderr, /pdf, docx eller xlsx/);
      });
    });
  }
});
