// Import of responses from CSV and XLSX, over HTTP on every backend and through the CLI.
// Expected stored values are written out by hand from the instrument's option codes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { neutraliseCell, toCsv } from '../src/domain/export.ts';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

describe('export: formelinjektion neutraliseras', () => {
  it('celler som börjar med = + - @ tab eller CR får en apostrof; annat är oförändrat', () => {
    assert.equal(neutraliseCell('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(neutraliseCell('+46 70 123'), "'+46 70 123");
    assert.equal(neutraliseCell('-1+1'), "'-1+1");
    assert.equal(neutraliseCell('@cmd'), "'@cmd");
    assert.equal(neutraliseCell('\t=1'), "'\t=1");
    assert.equal(neutraliseCell('\r=1'), "'\r=1");
    assert.equal(neutraliseCell('Väl fungerande'), 'Väl fungerande');
    assert.equal(neutraliseCell('a=b'), 'a=b');
    assert.equal(neutraliseCell(-5), -5);
    assert.equal(neutraliseCell(null), null);
  });

  it('toCsv neutraliserar varje cell och citerar avgränsare', () => {
    const csv = toCsv([
      ['a', 'b'],
      ['=HYPERLINK("http://x")', 'x;y'],
    ]);
    assert.equal(csv, '\uFEFFa;b\r\n"\'=HYPERLINK(""http://x"")";"x;y"\r\n');
  });
});

const HEADER = 'kommun;respondenttyp;verksamhetsomrade;portfoljstyrning;forum;samverkan-initiativ;bestallarkompetens;digital-kompetens';
// Row 2: labels (case-insensitive), multi-select with |, a formula-like text.
// Row 3: "vet ej" as label, quoted text containing the delimiter, area by name.
// Row 4: "Jättebra" is not an option → one error at row 4, column portfoljstyrning.
const CSV_WITH_ONE_ERROR = [
  HEADER,
  '1461;IT-nära;IT;delvis ETABLERAD;IT-råd|Arkitekturråd;=SUM(A1);val-fungerande;',
  '1460;verksamhetsnara;Socialtjänst, vård och omsorg;vet ej;digitaliseringsrad;"E-arkiv; gemensamt";;medel',
  '1461;verksamhetsnara;utbildning;Jättebra;;;;hog',
].join('\n');

const ROW2_ANSWERS = {
  portfoljstyrning: 'delvis-etablerad',
  forum: ['it-rad', 'arkitekturrad'],
  'samverkan-initiativ': '=SUM(A1)',
  bestallarkompetens: 'val-fungerande',
};
const ROW3_ANSWERS = {
  portfoljstyrning: 'vet_ej',
  forum: ['digitaliseringsrad'],
  'samverkan-initiativ': 'E-arkiv; gemensamt',
  'digital-kompetens': 'medel',
};

function multipart(filename: string, content: Buffer | string) {
  const boundary = `----samverka${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const backend of backends) {
  describe(`import av svar (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let roundId: number;

    const upload = (id: number, filename: string, content: Buffer | string, query = '') => {
      const m = multipart(filename, content);
      return admin.request('POST', `/api/rounds/${id}/import${query}`, m.body, m.headers);
    };
    const imported = async (id: number) =>
      (
        await t.db.query<{ id: number; municipality_code: string; respondent_type: string | null; area: string | null; source: string; completed: boolean }>(
          `SELECT id, municipality_code, respondent_type, area, source, completed_at IS NOT NULL AS completed
             FROM respondents WHERE round_id = $1 ORDER BY id`,
          [id],
        )
      ).rows;
    const answersOf = async (respondentId: number) =>
      Object.fromEntries(
        (await t.db.query<{ item_id: string; value: unknown }>('SELECT item_id, value FROM answers WHERE respondent_id = $1', [respondentId])).rows.map((r) => [
          r.item_id,
          r.value,
        ]),
      );
    async function newRound(instrument: string, municipalities: string[], open = true): Promise<number> {
      const r = await admin.post('/api/rounds', { instrument, title: `Import ${instrument}`, periodStart: '2026-01-01', periodEnd: '2026-12-31', municipalities });
      assert.equal(r.status, 201);
      if (open) assert.equal((await admin.post(`/api/rounds/${r.body.round.id}/open`)).status, 200);
      return r.body.round.id;
    }

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      roundId = await newRound('statusenkat', ['1461', '1460']);
    });
    after(() => t.close());

    it('provkörning rapporterar godkända rader och felet med rad och kolumn, utan att spara', async () => {
      const r = await upload(roundId, 'svar.csv', CSV_WITH_ONE_ERROR, '?dryRun=true');
      assert.equal(r.status, 200);
      assert.equal(r.body.format, 'csv');
      assert.equal(r.body.rows, 3);
      assert.equal(r.body.accepted, 2);
      assert.equal(r.body.written, 0);
      assert.equal(r.body.errors.length, 1);
      assert.equal(r.body.errors[0].row, 4);
      assert.equal(r.body.errors[0].column, 'portfoljstyrning');
      assert.match(r.body.errors[0].message, /"Jättebra" är inget svarsalternativ/);
      assert.deepEqual(
        r.body.preview.map((p: any) => [p.row, p.municipality, p.respondentType, p.area, p.answers]),
        [
          [2, '1461', 'it-nara', 'it', 4],
          [3, '1460', 'verksamhetsnara', 'socialtjanst', 4],
        ],
      );
      assert.equal((await imported(roundId)).length, 0);
    });

    it('med fel kvar sparas ingenting', async () => {
      const r = await upload(roundId, 'svar.csv', CSV_WITH_ONE_ERROR);
      assert.equal(r.status, 400);
      assert.match(r.body.error, /inget har sparats/);
      assert.equal(r.body.written, 0);
      assert.equal(r.body.errors[0].row, 4);
      assert.equal((await imported(roundId)).length, 0);
    });

    it('skipInvalid sparar de godkända raderna som inskickade svar; samma fil igen ändrar ingenting', async () => {
      const r = await upload(roundId, 'svar.csv', CSV_WITH_ONE_ERROR, '?skipInvalid=true');
      assert.equal(r.status, 200);
      assert.equal(r.body.written, 2);
      const rows = await imported(roundId);
      assert.deepEqual(
        rows.map((x) => [x.municipality_code, x.respondent_type, x.area, x.source, x.completed]),
        [
          ['1461', 'it-nara', 'it', 'import', true],
          ['1460', 'verksamhetsnara', 'socialtjanst', 'import', true],
        ],
      );
      assert.deepEqual(await answersOf(rows[0].id), ROW2_ANSWERS);
      assert.deepEqual(await answersOf(rows[1].id), ROW3_ANSWERS);

      const again = await upload(roundId, 'svar.csv', CSV_WITH_ONE_ERROR, '?skipInvalid=true');
      assert.equal(again.status, 200);
      assert.equal(again.body.written, 0);
      assert.equal(again.body.alreadyImported, 2);
      assert.equal((await imported(roundId)).length, 2);
    });

    it('import ger samma lagrade svar som samma svar inmatade via länken', async () => {
      const add = await mellerud.post(`/api/rounds/${roundId}/municipalities/1461/respondents`, { respondentType: 'it-nara', area: 'it' });
      const token = /\/svar\/(.+)$/.exec(add.body.respondents[0].link)![1];
      const anon = new Client(t.app);
      // What a person would choose in the form for row 2 of the file.
      const typed: Record<string, unknown> = {
        portfoljstyrning: 'delvis-etablerad',
        forum: ['it-rad', 'arkitekturrad'],
        'samverkan-initiativ': '=SUM(A1)',
        bestallarkompetens: 'val-fungerande',
      };
      for (const [item, value] of Object.entries(typed))
        assert.equal((await anon.request('PUT', `/api/r/${token}/answers/${item}`, { value })).status, 200);
      assert.equal((await anon.post(`/api/r/${token}/submit`)).status, 200);
      const rows = await imported(roundId);
      const viaImport = rows.find((x) => x.source === 'import' && x.municipality_code === '1461')!;
      const viaLink = rows.find((x) => x.source === 'link')!;
      assert.deepEqual(await answersOf(viaLink.id), await answersOf(viaImport.id));
      assert.deepEqual(await answersOf(viaLink.id), ROW2_ANSWERS);
    });

    it('formelliknande text lagras som text och neutraliseras i exporten', async () => {
      const r = await admin.get(`/api/rounds/${roundId}/responses.csv`);
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /text\/csv/);
      const parsed = Papa.parse<string[]>(String(r.body).replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
      assert.deepEqual(parsed[0].slice(0, 4), ['kommun', 'respondenttyp', 'verksamhetsomrade', 'status']);
      const col = parsed[0].indexOf('samverkan-initiativ');
      const texts = parsed.slice(1).map((row) => row[col]);
      assert.ok(texts.includes("'=SUM(A1)"), `neutraliserad cell saknas: ${texts}`);
      for (const row of parsed) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `farlig cell: ${cell}`);
      // Mellerud's kommunansvarig gets only Mellerud's rows, and must name the municipality.
      assert.equal((await mellerud.get(`/api/rounds/${roundId}/responses.csv`)).status, 403);
      assert.equal((await mellerud.get(`/api/rounds/${roundId}/responses.csv?municipality=1460`)).status, 403);
      const own = await mellerud.get(`/api/rounds/${roundId}/responses.csv?municipality=1461`);
      const ownRows = Papa.parse<string[]>(String(own.body).replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data.slice(1);
      assert.deepEqual(
        ownRows.map((x) => x[0]),
        ['1461', '1461'],
      );
    });

    it('XLSX fungerar, med etiketter, flerval och formler som text', async () => {
      const id = await newRound('statusenkat', ['1461', '1460']);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Svar');
      ws.addRow(['kommun', 'respondenttyp', 'verksamhetsområde', 'portfoljstyrning', 'forum', 'samverkan-initiativ', 'teknisk-skuld']);
      ws.addRow([1460, 'IT-nära', 'Samhällsbyggnad', 'Fullt etablerad', 'IT-råd; Användarforum', null, 'hög']);
      ws.addRow(['1461', 'it-nara', '', 'ostrukturerad', '', '', '']);
      ws.getCell('F3').value = { formula: 'SUM(A1)' } as ExcelJS.CellFormulaValue;
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const r = await upload(id, 'svar.xlsx', bytes);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.format, 'xlsx');
      assert.equal(r.body.written, 2);
      const rows = await imported(id);
      assert.deepEqual(
        rows.map((x) => [x.municipality_code, x.respondent_type, x.area]),
        [
          ['1460', 'it-nara', 'samhallsbyggnad'],
          ['1461', 'it-nara', null],
        ],
      );
      assert.deepEqual(await answersOf(rows[0].id), { portfoljstyrning: 'fullt-etablerad', forum: ['it-rad', 'anvandarforum'], 'teknisk-skuld': 'hog' });
      assert.deepEqual(await answersOf(rows[1].id), { portfoljstyrning: 'ostrukturerad', 'samverkan-initiativ': '=SUM(A1)' });
    });

    it('en CSV som inte är UTF-8 ger ett tydligt fel och ingenting sparas', async () => {
      const id = await newRound('statusenkat', ['1461']);
      const latin1 = Buffer.from('kommun;respondenttyp;portfoljstyrning\n1461;it-nara;Väl fungerande\n', 'latin1');
      const r = await upload(id, 'svar.csv', latin1);
      assert.equal(r.status, 400);
      assert.equal(r.body.written, 0);
      assert.deepEqual(
        r.body.errors.map((e: any) => e.row),
        [2],
      );
      assert.match(r.body.errors[0].message, /inte är UTF-8.*CSV UTF-8/);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kommun;portfoljstyrning\n', 'utf16le')]);
      const r16 = await upload(id, 'svar.csv', utf16, '?dryRun=true');
      assert.match(r16.body.errors[0].message, /UTF-16/);
      assert.equal((await imported(id)).length, 0);
    });

    it('en felaktig CSV ger fel per rad och ingenting sparas, även med skipInvalid', async () => {
      const id = await newRound('statusenkat', ['1461', '1460']);
      const extraField = ['kommun;respondenttyp;portfoljstyrning', '1461;it-nara;ostrukturerad', '1460;it-nara;ostrukturerad;extra'].join('\n');
      const r = await upload(id, 'svar.csv', extraField, '?skipInvalid=true');
      assert.equal(r.status, 400);
      assert.deepEqual(
        r.body.errors.map((e: any) => [e.row, e.column]),
        [[3, null]],
      );
      assert.match(r.body.errors[0].message, /4 fält men rubrikraden har 3/);
      const unclosed = ['kommun;respondenttyp;portfoljstyrning', '1461;it-nara;"ostrukturerad', '1460;it-nara;ostrukturerad'].join('\n');
      const u = await upload(id, 'svar.csv', unclosed, '?skipInvalid=true');
      assert.equal(u.status, 400);
      assert.ok(u.body.errors.some((e: any) => /citattecken/.test(e.message)));
      const unknownColumn = ['kommun;respondenttyp;portfoljstyrning;lon', '1461;it-nara;ostrukturerad;40000'].join('\n');
      const c = await upload(id, 'svar.csv', unknownColumn, '?skipInvalid=true');
      assert.equal(c.status, 400);
      assert.deepEqual([c.body.errors[0].row, c.body.errors[0].column], [1, 'lon']);
      assert.equal((await imported(id)).length, 0);
    });

    it('rader med fel kommun, typ, område eller fråga som inte ställs till typen rapporteras per cell', async () => {
      const id = await newRound('statusenkat', ['1461']);
      const csv = [
        'kommun,respondenttyp,verksamhetsomrade,portfoljstyrning,bestallarkompetens',
        '1484,it-nara,it,ostrukturerad,',
        '1461,chef,it,ostrukturerad,',
        '1461,it-nara,rymdfart,ostrukturerad,',
        '1461,verksamhetsnara,,ostrukturerad,ostrukturerad',
        'abc,it-nara,,ostrukturerad,',
        '1461,it-nara,,,',
        '1461,it-nara,,ostrukturerad,ostrukturerad',
      ].join('\r\n');
      const r = await upload(id, 'svar.csv', csv, '?dryRun=true');
      assert.equal(r.status, 200);
      assert.equal(r.body.accepted, 1);
      assert.deepEqual(
        r.body.errors.map((e: any) => [e.row, e.column]),
        [
          [2, 'kommun'],
          [3, 'respondenttyp'],
          [4, 'verksamhetsomrade'],
          [5, 'bestallarkompetens'],
          [6, 'kommun'],
          [7, null],
        ],
      );
      assert.match(r.body.errors[0].message, /1484 ingår inte i mätomgången/);
      assert.match(r.body.errors[3].message, /ställs inte till respondenttypen/);
      assert.match(r.body.errors[5].message, /inga svar/);
    });

    it('självskattning: en rad per kommun; tal utanför intervallet är ett fel', async () => {
      const id = await newRound('informationssakerhet', ['1461', '1460']);
      const csv = ['kommun;ciso;ciso-timmar;riskhantering', '1461;Ja;10;Ja|I viss grad', '1460;Nej;50;nej', '1461;Ja;2;Nej'].join('\n');
      const dry = await upload(id, 'is.csv', csv, '?dryRun=true');
      assert.deepEqual(
        dry.body.errors.map((e: any) => [e.row, e.column]),
        [
          [3, 'ciso-timmar'],
          [4, null],
        ],
      );
      assert.match(dry.body.errors[0].message, /mellan 0 och 40/);
      assert.match(dry.body.errors[1].message, /finns redan på rad 2/);
      const r = await upload(id, 'is.csv', csv, '?skipInvalid=true');
      assert.equal(r.body.written, 1);
      const rows = await imported(id);
      assert.deepEqual(
        rows.map((x) => [x.municipality_code, x.respondent_type, x.completed]),
        [['1461', 'kommunansvarig', true]],
      );
      assert.equal((await t.db.query<{ source: string }>('SELECT source FROM respondents WHERE id = $1', [rows[0].id])).rows[0].source, 'self');
      assert.deepEqual(await answersOf(rows[0].id), { ciso: { answer: 'ja' }, 'ciso-timmar': 10, riskhantering: { answer: 'ja', degree: 'viss-grad' } });
    });

    it('bara förbundsadmin importerar; stängd omgång 409; fil krävs', async () => {
      const m = multipart('svar.csv', CSV_WITH_ONE_ERROR);
      assert.equal((await mellerud.request('POST', `/api/rounds/${roundId}/import`, m.body, m.headers)).status, 403);
      assert.equal((await admin.post(`/api/rounds/${roundId}/import`, { file: 'x' })).status, 415);
      assert.equal((await upload(999999, 'svar.csv', CSV_WITH_ONE_ERROR)).status, 404);
      const id = await newRound('statusenkat', ['1461']);
      await admin.post(`/api/rounds/${id}/close`);
      const closed = await upload(id, 'svar.csv', 'kommun;respondenttyp;portfoljstyrning\n1461;it-nara;ostrukturerad\n');
      assert.equal(closed.status, 409);
      assert.match(closed.body.error, /stängd/);
      assert.equal((await imported(id)).length, 0);
    });
  });
}

// ---- CLI --------------------------------------------------------------------------------------

const { envs } = await cliEnvironments('cli_import', { SAMVERKA_BASE_URL: 'https://enkat.example' });

for (const e of envs) {
  describe(`CLI: instrument, mätomgångar, respondenter och import (${e.name})`, () => {
    // Files written for the commands; removed with the environment.
    const files = mkdtempSync(join(tmpdir(), 'samverka-import-files-'));
    after(async () => {
      rmSync(files, { recursive: true, force: true });
      await e.cleanup();
    });
    let id: number;

    it('instruments list/show/validate', async () => {
      assert.equal((await samverka(e.env, 'demo', 'load')).code, 0);
      const list = JSON.parse((await samverka(e.env, 'instruments', 'list', '--json')).stdout);
      assert.deepEqual(
        list.map((i: any) => i.id).sort(),
        ['digital-mognad', 'formagekarta', 'informationssakerhet', 'it-kompetens', 'statusenkat'],
      );
      const show = JSON.parse((await samverka(e.env, 'instruments', 'show', 'statusenkat', '--json')).stdout);
      assert.equal(show.id, 'statusenkat');
      assert.ok(show.items.some((i: any) => i.id === 'portfoljstyrning'));
      const bad = join(files, 'bad.json');
      writeFileSync(bad, JSON.stringify({ id: 'x', version: '1', title: 'X', mode: 'survey', items: [{ id: 'a', type: 'scale', text: 'A', short: 'A', scale: 'saknas' }] }));
      const v = await samverka(e.env, 'instruments', 'validate', bad);
      assert.equal(v.code, 1);
      assert.match(v.stdout, /items\[0\]\.scale: Okänd skala "saknas"/);
    });

    it('rounds create/open, respondents add/links, rounds list --json', async () => {
      const created = await samverka(
        e.env,
        'rounds', 'create', '--instrument', 'statusenkat', '--title', 'CLI-omgång', '--municipalities', '1461', '1460',
        '--start', '2026-03-01', '--end', '2026-04-30', '--json',
      );
      assert.equal(created.code, 0, created.stderr);
      id = JSON.parse(created.stdout).id;
      const backwards = await samverka(e.env, 'rounds', 'create', '--instrument', 'statusenkat', '--title', 'X', '--municipalities', '1461', '--start', '2026-05-01', '--end', '2026-04-01');
      assert.equal(backwards.code, 1);
      assert.match(backwards.stderr, /slutdatum ligger före/);
      assert.equal((await samverka(e.env, 'rounds', 'open', String(id))).code, 0);

      const add = await samverka(e.env, 'respondents', 'add', '--round', String(id), '--municipality', '1461', '--type', 'it-nara', '--area', 'it', '--json');
      assert.equal(add.code, 0, add.stderr);
      const link = JSON.parse(add.stdout)[0].link;
      assert.match(link, /^https:\/\/enkat\.example\/svar\/[A-Za-z0-9_-]{43}$/);
      const links = JSON.parse((await samverka(e.env, 'respondents', 'links', '--round', String(id), '--municipality', '1461', '--json')).stdout);
      assert.deepEqual(
        links.map((l: any) => l.link),
        [link],
      );

      const rounds = JSON.parse((await samverka(e.env, 'rounds', 'list', '--json')).stdout);
      const mine = rounds.find((r: any) => r.id === id);
      assert.deepEqual(
        { id: mine.id, instrument: mine.instrument, title: mine.title, status: mine.status },
        { id, instrument: 'statusenkat', title: 'CLI-omgång', status: 'open' },
      );
    });

    it('import responses: --dry-run, fel ger slutkod 1 och inget sparat, --skip-invalid sparar', async () => {
      const file = join(files, 'svar.csv');
      writeFileSync(file, CSV_WITH_ONE_ERROR);
      const dry = await samverka(e.env, 'import', 'responses', '--round', String(id), '--file', file, '--dry-run');
      assert.equal(dry.code, 1);
      assert.match(dry.stdout, /3 rader lästa, 2 godkända, 1 fel/);
      assert.match(dry.stdout, /Rad 4, kolumn portfoljstyrning: "Jättebra" är inget svarsalternativ/);
      const ok = await samverka(e.env, 'import', 'responses', '--round', String(id), '--file', file, '--skip-invalid', '--json');
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).written, 2);
      const rates = JSON.parse((await samverka(e.env, 'respondents', 'rates', '--round', String(id), '--json')).stdout);
      // 1 link respondent (not started) + 2 imported (completed).
      assert.deepEqual([rates.total.total, rates.total.started, rates.total.completed], [3, 2, 2]);
      assert.equal((await samverka(e.env, 'rounds', 'close', String(id))).code, 0);
    });
  });
}
