// The region's analyst (issue 14): GET /api/region/follow-up shows the four associations' indicators and funds;
// the analyst gets 403/404 on rounds and analysis (no municipality's identifiable survey data) and on the
// association-only indicator endpoints; GET /api/associations; the region report in PDF, DOCX and XLSX holds
// the four associations' tables and the flags; the CLI `indicators --association` (short id and full name;
// an unknown association → a Swedish error) and `region-report`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './support/db.ts';
import { Client, DEMO, startApp, type TestApp } from './support/app.ts';
import { cliEnvironments, samverka } from './support/cli.ts';
import { readXlsx } from './support/xlsx.ts';

const ANALYST = 'region@demo.samverka.se';
const NAMES = ['Fyrbodals kommunalförbund', 'Göteborgsregionen', 'Sjuhärads kommunalförbund', 'Skaraborgs kommunalförbund'];

const tmp = mkdtempSync(join(tmpdir(), 'samverka-region-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The text of a PDF (pdftotext) or a DOCX (its document.xml without tags). */
function textOf(buf: Buffer, format: 'pdf' | 'docx'): string {
  const file = join(tmp, `r-${Math.random().toString(36).slice(2)}.${format}`);
  writeFileSync(file, buf);
  if (format === 'pdf') return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
}
const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/−/g, '-');

for (const backend of backends)
  describe(`regionanalytikern (${backend.name})`, () => {
    let t: TestApp;
    let analyst: Client;
    let admin: Client;
    let reader: Client;
    before(async () => {
      t = await startApp(backend);
      analyst = new Client(t.app);
      assert.equal((await analyst.login(ANALYST)).status, 200);
      admin = new Client(t.app);
      assert.equal((await admin.login(DEMO.admin)).status, 200);
      reader = new Client(t.app);
      assert.equal((await reader.login(DEMO.reader)).status, 200);
    });
    after(async () => t.close());

    it('ser de fyra förbundens uppföljning; förbundsadmin också, läsaren inte', async () => {
      const r = await analyst.get('/api/region/follow-up?year=2025');
      assert.equal(r.status, 200);
      assert.equal(r.body.region, 'Västra Götalandsregionen');
      assert.deepEqual(r.body.associations.map((a: any) => a.association.name), NAMES);
      assert.equal((await admin.get('/api/region/follow-up?year=2025')).status, 200);
      assert.equal((await reader.get('/api/region/follow-up?year=2025')).status, 403);
      assert.equal((await analyst.get('/api/region/follow-up?year=20x5')).status, 400);
      // Aggregate figures only: no respondent, answer or municipality result in the answer.
      assert.doesNotMatch(JSON.stringify(r.body), /respondent|"answers"|municipalityScores/i);
    });

    it('får 404/403 på mätomgångar och analys och på förbundens egna indikatorsidor', async () => {
      const id = (await t.db.query<{ id: number }>("SELECT id FROM rounds WHERE status = 'closed' ORDER BY id LIMIT 1")).rows[0].id;
      assert.ok([403, 404].includes((await analyst.get(`/api/rounds/${id}/analysis`)).status));
      assert.ok([403, 404].includes((await analyst.get(`/api/rounds/${id}`)).status));
      assert.ok([403, 404].includes((await analyst.get(`/api/rounds/${id}/analysis/municipalities/1461`)).status));
      const own = await analyst.get('/api/indicators?year=2025');
      assert.equal(own.status, 403);
      assert.match(own.body.error?.message ?? JSON.stringify(own.body), /Regional uppföljning/);
      assert.equal((await analyst.request('PUT', '/api/indicators/2025/aktorer', { expected: 1 })).status, 403);
    });

    it('GET /api/associations: förbunden med medlemskoder och indikatordefinition', async () => {
      const r = await analyst.get('/api/associations');
      assert.equal(r.status, 200);
      const gr = r.body.associations.find((a: any) => a.shortId === 'gr');
      assert.equal(gr.name, 'Göteborgsregionen');
      assert.equal(gr.members.length, 13);
      assert.ok(gr.members.includes('1384')); // Kungsbacka: membership, not geography
      assert.equal(gr.actorsIncludeMunicipalities, false);
      assert.match(gr.indicatorDefinition, /utöver kommunerna och GR själva/);
      assert.deepEqual(r.body.associations.map((a: any) => a.members.length), [14, 13, 8, 15]);
    });

    it('förbundsadmin sätter ett publicerat utfall med källa och datum i sitt eget förbund; det beräknade står kvar', async () => {
      const ok = await admin.request('PUT', '/api/indicators/2026/aktorer', { expected: 25, reported: 18, source: 'Rapport 2026', asOf: 'jun. 2026' });
      assert.equal(ok.status, 200);
      assert.deepEqual([ok.body.expected, ok.body.published], [25, { value: 18, source: 'Rapport 2026', asOf: 'jun. 2026' }]);
      assert.equal(typeof ok.body.computed.value, 'number');
      const gr = (await analyst.get('/api/region/follow-up?year=2026')).body.associations.find((a: any) => a.association.shortId === 'gr');
      assert.equal(gr.indicators.length, 0); // Fyrbodal's value went to Fyrbodal only
      assert.equal((await admin.request('PUT', '/api/indicators/2026/andel_lansgemensamma', { expected: 50, reported: 101 })).status, 400);
    });

    it('regionrapporten som PDF, DOCX och XLSX med de fyra förbundens tabeller och flaggorna', async () => {
      for (const format of ['pdf', 'docx'] as const) {
        const res = await t.app.inject({ method: 'GET', url: `/api/region/report?year=2025&format=${format}`, headers: { cookie: analyst.cookie! } });
        assert.equal(res.statusCode, 200, format);
        const text = squash(textOf(res.rawPayload, format));
        for (const name of NAMES) assert.ok(text.includes(name), `${format}: ${name}`);
        for (const h of ['Utfall (publicerat)', 'Beräknat utfall', 'Kvarstår', 'Metod och datakvalitet']) assert.ok(text.includes(h), `${format}: ${h}`);
        assert.ok(text.includes('Rekvirerat 2023-10-01–2025-06-30'), `${format}: GR:s period`);
        assert.ok(text.includes('Rekvirerat 2024-04-01–2025-03-31'), `${format}: Sjuhärads period`);
        assert.ok(/2\s?024\s?005/.test(text) && /2\s?023\s?994/.test(text), `${format}: GR:s summor`);
        assert.ok(text.includes('Tabell 8: Totalt / Kvarstår (Ansökan - Rekvirerat)'), `${format}: Skaraborgs flagga`);
        assert.ok(text.includes('Tabell 2: Beloppens enhet'), `${format}: Fyrbodals tkr`);
      }
      const x = await t.app.inject({ method: 'GET', url: '/api/region/report?year=2025&format=xlsx', headers: { cookie: analyst.cookie! } });
      assert.equal(x.statusCode, 200);
      const wb = await readXlsx(x.rawPayload);
      const sheets = wb.worksheets.map((w) => w.name);
      for (const s of ['Fyrbodal', 'Göteborgsregionen', 'Sjuhärad', 'Skaraborg', 'Metod och kvalitet', 'Data']) assert.ok(sheets.includes(s), s);
      // The data sheet: one row per association and indicator (4 + 3 + 3 + 3), the three figures in their own columns.
      const data = wb.getWorksheet('Data')!;
      const rows: unknown[][] = [];
      data.eachRow((row, i) => i > 1 && rows.push((row.values as unknown[]).slice(1)));
      assert.equal(rows.length, 13);
      const fyrAkt = rows.find((r) => r[0] === NAMES[0] && r[1] === 'Antal delregionala aktörer som deltar genom projektet')!;
      assert.deepEqual([fyrAkt[3], fyrAkt[4], fyrAkt[5], fyrAkt[7]], [20, 15, 'aug. 2025', 16]);
      assert.equal((await reader.get('/api/region/report?year=2025&format=pdf')).status, 403);
    });
  });

const { envs } = await cliEnvironments('cli_region');

describe('CLI: indicators --association och region-report', () => {
  for (const e of envs)
    describe(e.name, () => {
      after(e.cleanup);
      it('kort id, fullt namn, förvalt förbund och okänt förbund', async () => {
        assert.equal((await samverka(e.env, 'demo', 'load')).code, 0);
        const gr = await samverka(e.env, 'indicators', '--year', '2025', '--association', 'gr', '--json');
        assert.equal(gr.code, 0, gr.stderr);
        const g = JSON.parse(gr.stdout);
        assert.equal(g.association.name, 'Göteborgsregionen');
        const akt = g.indicators.find((x: any) => x.indicator === 'aktorer');
        assert.deepEqual([akt.expected, akt.published.value, akt.published.asOf, akt.computed], [20, 15, 'aug. 2025', null]);
        assert.match(akt.definition, /bara andra aktörer/);
        assert.deepEqual(g.flags.map((f: any) => [f.code, f.difference]), [['MEMBER_COUNT', 1], ['OVERSPENT', 59_107], ['TOTAL_MISMATCH', 11], ['TOTAL_MISMATCH', -11]]);

        const sk = JSON.parse((await samverka(e.env, 'indicators', '--year', '2025', '--association', 'Skaraborgs kommunalförbund', '--json')).stdout);
        assert.equal(sk.association.shortId, 'skaraborg');
        assert.deepEqual(sk.funding[0].followUp.stated, { applied: 3_000_000, requisitioned: 1_838_459, remaining: 1_161_532 });

        const fy = JSON.parse((await samverka(e.env, 'indicators', '--year', '2025', '--json')).stdout);
        assert.equal(fy.association.shortId, 'fyrbodal');
        const m = fy.indicators.find((x: any) => x.indicator === 'andel_okad_mognad');
        assert.deepEqual([m.expected, m.published.value, m.computed.value, m.computed.synthesised], [50, 75, 50, true]);

        const text = await samverka(e.env, 'indicators', '--year', '2025', '--association', 'sjuharad');
        assert.equal(text.code, 0, text.stderr);
        assert.match(text.stdout, /publicerat utfall 14 \(per aug\. 2025\)/);

        const bad = await samverka(e.env, 'indicators', '--year', '2025', '--association', 'halland');
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /Kommunalförbundet "halland" finns inte/);
      });

      it('region-report skriver PDF, DOCX och XLSX', async () => {
        for (const format of ['pdf', 'docx', 'xlsx']) {
          const out = join(tmp, `region-${e.name}.${format}`);
          const r = await samverka(e.env, 'region-report', '--year', '2025', '--format', format, '--out', out, '--json');
          assert.equal(r.code, 0, r.stderr);
          assert.deepEqual(JSON.parse(r.stdout).associations.map((a: any) => a.name), NAMES);
          const head = readFileSync(out).subarray(0, 4).toString('latin1');
          assert.equal(head.slice(0, format === 'pdf' ? 4 : 2), format === 'pdf' ? '%PDF' : 'PK');
        }
        assert.equal((await samverka(e.env, 'region-report', '--year', '2025', '--format', 'odt', '--out', join(tmp, 'x.odt'))).code, 1);
      });
    });
});
