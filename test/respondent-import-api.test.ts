// Respondents at scale over HTTP on every backend and through the CLI: import (preview, commit,
// nothing written with errors, duplicates, role checks, the round's types and status), the personal
// links as CSV/XLSX, the e-mail texts and the send summary. Expected values are written out by hand.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { backends } from './support/db.ts';
import { Client, DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { cliEnvironments, samverka } from './support/cli.ts';
import { readXlsx } from './support/xlsx.ts';

function multipart(filename: string, content: Buffer | string) {
  const boundary = `----samverka${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CSV_OK = ['Namn;E-post;Roll;Verksamhetsområde', 'Anna Ek;anna@mellerud.se;IT-nära;Ekonomi', 'Bo Ås;BEFINTLIG@mellerud.se;verksamhetsnara;hr', 'Cia Berg;cia@mellerud.se;Verksamhetsnära;'].join('\n');

for (const backend of backends) {
  describe(`respondentimport över HTTP (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let mellerud: Client;
    let reader: Client;
    let sml: Client;
    let roundId: number;
    const base = () => `/api/rounds/${roundId}/municipalities/1461`;
    const upload = (c: Client, url: string, filename: string, content: Buffer | string) => {
      const m = multipart(filename, content);
      return c.request('POST', url, m.body, m.headers);
    };
    const count = async (code = '1461') =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1 AND municipality_code = $2', [roundId, code])).rows[0].n;

    before(async () => {
      t = await startApp(backend);
      admin = await loggedIn(t.app, DEMO.admin);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      reader = await loggedIn(t.app, DEMO.reader);
      sml = await loggedIn(t.app, DEMO.smlIt);
      const r = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        title: 'Respondentimport 2026',
        periodStart: '2026-02-01',
        periodEnd: '2026-03-31',
        municipalities: ['1461', '1460'],
        contactName: 'Kim Strateg',
      });
      assert.equal(r.status, 201);
      roundId = r.body.round.id;
      const one = await mellerud.post(`${base()}/respondents`, { respondentType: 'it-nara', name: 'Befintlig', email: 'befintlig@mellerud.se' });
      assert.equal(one.status, 201);
    });
    after(() => t.close());

    it('förhandsgranskning (CSV) visar rader och dubbletter utan att spara', async () => {
      const r = await upload(mellerud, `${base()}/respondents/import?dryRun=true`, 'resp.csv', CSV_OK);
      assert.equal(r.status, 200);
      assert.equal(r.body.format, 'csv');
      assert.equal(r.body.dryRun, true);
      assert.deepEqual(r.body.errors, []);
      assert.deepEqual(
        r.body.rows.map((x: any) => [x.row, x.name, x.respondentType, x.area]),
        [
          [2, 'Anna Ek', 'it-nara', 'ekonomi'],
          [4, 'Cia Berg', 'verksamhetsnara', null],
        ],
      );
      assert.deepEqual(r.body.duplicates, [{ row: 3, email: 'BEFINTLIG@mellerud.se', firstRow: null }]);
      assert.equal(r.body.written, 0);
      assert.equal(await count(), 1);
    });

    it('XLSX med fel: 400 med fel per rad och kolumn, inget sparat', async () => {
      const file = await xlsx([
        ['Name', 'Email', 'Type', 'Area'],
        ['Dan', 'dan@mellerud', 'it-nara', 'IT'],
        ['Eva', 'eva@mellerud.se', 'Chef', 'IT'],
        ['Fia', 'fia@mellerud.se', 'it-nara', 'Månen'],
        ['Gun', 'gun@mellerud.se', 'it-nara', 'IT'],
      ]);
      const r = await upload(mellerud, `${base()}/respondents/import`, 'resp.xlsx', file);
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'Importen innehåller 3 fel; inget har sparats.');
      assert.deepEqual(
        r.body.errors.map((e: any) => [e.row, e.column]),
        [
          [2, 'Email'],
          [3, 'Type'],
          [4, 'Area'],
        ],
      );
      assert.match(r.body.errors[0].message, /^E-post: "dan@mellerud" är ingen giltig e-postadress$/);
      assert.equal(r.body.written, 0);
      assert.equal(await count(), 1, 'inget sparat');
    });

    it('inklistrade rader sparas med länk och granskningspost i samma transaktion; dubbletter läggs inte till igen', async () => {
      const text = 'Namn\tE-post\tRoll\tOmråde\nAnna Ek\tanna@mellerud.se\tit-nara\tekonomi\nBo\tbefintlig@MELLERUD.se\tit-nara\t\nCia\tcia@mellerud.se\tverksamhetsnära\tIT\n';
      const r = await mellerud.post(`${base()}/respondents/import`, { text });
      assert.equal(r.status, 201);
      assert.equal(r.body.format, 'paste');
      assert.equal(r.body.written, 2);
      assert.equal(r.body.added.length, 2);
      assert.match(r.body.added[0].link, /^http:\/\/samverka\.test\/svar\/[A-Za-z0-9_-]{43}$/);
      assert.equal(await count(), 3);
      const stored = (
        await t.db.query<{ name: string; email: string; respondent_type: string; area: string | null; source: string }>(
          'SELECT name, email, respondent_type, area, source FROM respondents WHERE round_id = $1 ORDER BY id',
          [roundId],
        )
      ).rows;
      assert.deepEqual(stored.slice(1), [
        { name: 'Anna Ek', email: 'anna@mellerud.se', respondent_type: 'it-nara', area: 'ekonomi', source: 'link' },
        { name: 'Cia', email: 'cia@mellerud.se', respondent_type: 'verksamhetsnara', area: 'it', source: 'link' },
      ]);
      const audit = (await t.db.query<{ details: any }>("SELECT details FROM audit_log WHERE action = 'respondents.imported' AND target = $1", [`round:${roundId}/1461`])).rows;
      assert.equal(audit.length, 1);
      assert.equal(audit[0].details.added, 2);
      assert.equal(audit[0].details.duplicates, 1);
      // The same rows again: all duplicates, nothing added.
      const again = await mellerud.post(`${base()}/respondents/import`, { text });
      assert.equal(again.status, 200);
      assert.equal(again.body.written, 0);
      assert.equal(again.body.duplicates.length, 3);
      assert.equal(await count(), 3);
    });

    it('behörighet: kommunansvarig bara för sin kommun; läsare aldrig; förbundsadmin för alla', async () => {
      const other = `/api/rounds/${roundId}/municipalities/1460`;
      assert.equal((await mellerud.post(`${other}/respondents/import?dryRun=true`, { text: 'Namn\tE-post\tRoll\nX\tx@x.se\tit-nara' })).status, 403);
      assert.equal((await sml.post(`${base()}/respondents/import`, { text: 'Namn\tE-post\tRoll\nX\tx@x.se\tit-nara' })).status, 403);
      assert.equal((await reader.post(`${base()}/respondents/import`, { text: 'Namn\tE-post\tRoll\nX\tx@x.se\tit-nara' })).status, 403);
      assert.equal((await mellerud.get(`${other}/links.csv`)).status, 403);
      assert.equal((await reader.get(`${base()}/links.xlsx`)).status, 403);
      assert.equal((await mellerud.post(`/api/rounds/${roundId}/municipalities/1439/respondents/import`, { text: 'a' })).status, 403);
      assert.equal((await admin.post(`/api/rounds/${roundId}/municipalities/1439/respondents/import`, { text: 'a' })).status, 404, 'kommunen ingår inte');
      assert.equal((await admin.post(`/api/rounds/999999/municipalities/1461/respondents/import`, { text: 'a' })).status, 404);
      const r = await admin.post(`${other}/respondents/import`, { text: 'Namn\tE-post\tRoll\nX\tx@x.se\tit-nara' });
      assert.equal(r.status, 201);
      assert.equal(await count('1460'), 1);
      const empty = await mellerud.post(`${base()}/respondents/import`, { text: '  ' });
      assert.equal(empty.status, 400);
      assert.equal(empty.body.error, 'Klistra in raderna från Excel');
    });

    it('en respondenttyp som mätomgången utesluter är ett fel', async () => {
      // A round of its own: excluding a type from a round removes that type's unanswered respondents.
      const only = await admin.post('/api/rounds', {
        instrument: 'statusenkat',
        title: 'Bara verksamhetsnära 2026',
        periodStart: '2026-02-01',
        periodEnd: '2026-03-31',
        municipalities: ['1461'],
        respondentTypes: ['verksamhetsnara'],
      });
      assert.equal(only.status, 201);
      const r = await mellerud.post(`/api/rounds/${only.body.round.id}/municipalities/1461/respondents/import?dryRun=1`, {
        text: 'Namn\tE-post\tRoll\nÖrjan\torjan@mellerud.se\tIT-nära\nPia\tpia@mellerud.se\t',
      });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.errors, [
        { row: 2, column: 'Roll', message: 'Respondenttyp: "IT-nära" ingår inte i mätomgången. Välj bland: Verksamhetsnära (verksamhetsnara)' },
      ]);
      assert.deepEqual(r.body.rows.map((x: any) => [x.name, x.respondentType]), [['Pia', 'verksamhetsnara']]);
    });

    it('e-posttexter: okänd platshållare ger 400; förhandsvisning för en respondent; sammanfattning före utskick', async () => {
      const bad = await admin.patch(`/api/rounds/${roundId}`, { invitationBody: 'Hej {förnamn}, {länk}' });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error, /Inbjudans text: okänd platshållare \{förnamn\}/);
      const ok = await admin.patch(`/api/rounds/${roundId}`, { invitationSubject: 'Enkät för {kommun}', invitationBody: 'Hej {namn}! Svara senast {sista dag}: {länk}\n/{kontaktperson}' });
      assert.equal(ok.status, 200);
      const list = (await mellerud.get(`${base()}/respondents`)).body.respondents;
      const anna = list.find((x: any) => x.email === 'anna@mellerud.se');
      const preview = await mellerud.post(`${base()}/mail-preview`, { kind: 'invite', respondentId: anna.id });
      assert.equal(preview.status, 200);
      assert.equal(preview.body.subject, 'Enkät för Mellerud');
      assert.match(preview.body.body, /^Hej Anna Ek! Svara senast 2026-03-31: http:\/\/samverka\.test\/svar\/[A-Za-z0-9_-]{43}\n\/Kim Strateg$/);
      assert.equal(preview.body.to, 'anna@mellerud.se');
      const draft = await mellerud.post(`${base()}/mail-preview`, { kind: 'remind', body: 'Hej {x}' });
      assert.deepEqual(draft.body.errors.length, 1);
      assert.match(draft.body.errors[0], /^Text: okänd platshållare \{x\}/);
      assert.equal(draft.body.subject, 'Påminnelse: Respondentimport 2026', 'standardämnet');

      // Draft round: no mail yet.
      assert.equal((await mellerud.post(`${base()}/mail-summary`, { kind: 'invite' })).status, 409);
      assert.equal((await admin.post(`/api/rounds/${roundId}/open`)).status, 200);
      await mellerud.post(`${base()}/respondents`, { respondentType: 'it-nara' }); // no e-mail
      const summary = await mellerud.post(`${base()}/mail-summary`, { kind: 'invite' });
      assert.equal(summary.status, 200);
      assert.equal(summary.body.sent.length, 3, 'Befintlig, Anna och Cia');
      assert.equal(summary.body.withoutEmail.length, 1);
      const outbox = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
      const before = await outbox();
      assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1 AND invited_at IS NOT NULL', [roundId])).rows[0].n, 0, 'sammanfattningen skickar inget');
      const sent = await mellerud.post(`${base()}/respondents/invite`, {});
      assert.deepEqual(sent.body.sent.length, 3);
      assert.equal(await outbox(), before + 3);
      const mail = (await t.db.query<{ subject: string; body: string }>("SELECT subject, body FROM outbox WHERE to_address = 'cia@mellerud.se'")).rows[0];
      assert.equal(mail.subject, 'Enkät för Mellerud');
      assert.match(mail.body, /^Hej Cia! Svara senast 2026-03-31: /);
    });

    it('länkarna som CSV och XLSX: namn, e-post, typ, område, länk, inbjuden, påmind, status', async () => {
      const csv = await mellerud.get(`${base()}/links.csv`);
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const rows = Papa.parse<string[]>(String(csv.body).replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
      assert.deepEqual(rows[0], ['Namn', 'E-post', 'Respondenttyp', 'Verksamhetsområde', 'Personlig länk', 'Inbjuden', 'Senast påmind', 'Påminnelser', 'Status']);
      assert.equal(rows.length, 5, 'rubrik + 4 respondenter');
      const anna = rows.find((r) => r[1] === 'anna@mellerud.se')!;
      assert.deepEqual([anna[0], anna[2], anna[3], anna[6], anna[7], anna[8]], ['Anna Ek', 'IT-nära', 'Ekonomi', '', '0', 'Inbjuden']);
      assert.match(anna[4], /^http:\/\/samverka\.test\/svar\//);
      assert.match(anna[5], /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      const noMail = rows.find((r) => r[1] === '')!;
      assert.equal(noMail[8], 'Ej inbjuden');
      const res = await t.app.inject({ method: 'GET', url: `${base()}/links.xlsx`, headers: { cookie: mellerud.cookie! } });
      assert.equal(res.statusCode, 200);
      const wb = await readXlsx(res.rawPayload);
      const ws = wb.worksheets[0];
      assert.equal(ws.getCell('A1').value, 'Namn');
      assert.equal(ws.rowCount, 5);
      assert.equal(ws.getCell('I1').value, 'Status');
    });

    it('en stängd mätomgång tar inte emot import (409), och inget sparas', async () => {
      assert.equal((await admin.post(`/api/rounds/${roundId}/close`)).status, 200);
      const before = await count();
      const r = await mellerud.post(`${base()}/respondents/import`, { text: 'Namn\tE-post\tRoll\nNy\tny@mellerud.se\tit-nara' });
      assert.equal(r.status, 409);
      assert.match(r.body.error, /stängd/);
      assert.equal(await count(), before);
    });
  });
}

describe('respondentimport i CLI', async () => {
  const { dir, envs } = await cliEnvironments('respimport');
  for (const env of envs) {
    describe(env.name, () => {
      let roundId: number;
      before(async () => {
        assert.equal((await samverka(env.env, 'demo', 'load')).code, 0);
        const r = await samverka(env.env, 'rounds', 'create', '--instrument', 'statusenkat', '--title', 'CLI-import', '--start', '2026-01-01', '--end', '2026-06-30', '--municipalities', '1461', '--json');
        assert.equal(r.code, 0, r.stderr);
        roundId = JSON.parse(r.stdout).id;
      });
      after(() => env.cleanup());

      it('--help beskriver kommandot', async () => {
        const r = await samverka(env.env, 'respondents', 'import', '--help');
        assert.equal(r.code, 0);
        assert.match(r.stdout, /--dry-run/);
        assert.match(r.stdout, /Respondenttyp/);
      });

      it('fel listas per rad och kolumn, utgångskod 1 och inget sparat; därefter sparas en korrekt fil', async () => {
        const bad = join(dir, `bad-${env.name}.csv`);
        writeFileSync(bad, 'Namn;E-post;Typ;Område\nA;a@x;it-nara;\nB;b@x.se;chef;\n');
        const r = await samverka(env.env, 'respondents', 'import', '--round', String(roundId), '--municipality', '1461', '--file', bad);
        assert.equal(r.code, 1);
        assert.match(r.stdout, /Rad 2, kolumn E-post: E-post: "a@x" är ingen giltig e-postadress/);
        assert.match(r.stdout, /Rad 3, kolumn Typ: Respondenttyp: okänd respondenttyp "chef"/);
        assert.match(r.stdout, /Inget har sparats/);
        const db = await env.open();
        try {
          assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM respondents WHERE round_id = $1', [roundId])).rows[0].n, 0);
        } finally {
          await db.close();
        }

        const good = join(dir, `good-${env.name}.xlsx`);
        writeFileSync(good, await xlsx([['Name', 'Email', 'Type'], ['A', 'a@x.se', 'IT-nära'], ['B', 'b@x.se', 'verksamhetsnara']]));
        const dry = await samverka(env.env, 'respondents', 'import', '--round', String(roundId), '--municipality', '1461', '--file', good, '--dry-run', '--json');
        assert.equal(dry.code, 0, dry.stderr);
        assert.equal(JSON.parse(dry.stdout).rows.length, 2);
        assert.equal(JSON.parse(dry.stdout).written, 0);
        const ok = await samverka(env.env, 'respondents', 'import', '--round', String(roundId), '--municipality', '1461', '--file', good);
        assert.equal(ok.code, 0, ok.stderr);
        assert.match(ok.stdout, /2 respondenter tillagda/);
        const links = join(dir, `links-${env.name}.xlsx`);
        const l = await samverka(env.env, 'respondents', 'links', '--round', String(roundId), '--municipality', '1461', '--format', 'xlsx', '--out', links);
        assert.equal(l.code, 0, l.stderr);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(links);
        assert.equal(wb.worksheets[0].rowCount, 3);
        assert.equal(wb.worksheets[0].getCell('B2').value, 'a@x.se');
      });
    });
  }
});
