// Bulk import of responses (issue 15): the streamed CSV reading and the batched writing (COPY on
// PostgreSQL, COPY FROM '/dev/blob' on PGlite) store exactly what the row-by-row import stored, on
// every backend: values round-trip, a re-import is skipped, skipInvalid, errors block, the
// self-assessment's semantics, files on disk and in memory, progress, and a file of a few thousand
// rows spanning many batches and read chunks, and XLSX read as a stream. Expected values are written out by hand.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../src/db/db.ts';
import { IMPORT_BATCH_ROWS, importResponses, type ImportProgress } from '../src/import/responses.ts';
import { syncInstruments } from '../src/rounds/service.ts';
import { createRound, setRoundStatus } from '../src/store/rounds.ts';
import { backends } from './support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'samverka-import-bulk-'));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const backend of backends) {
  describe(`bulkimport av svar (${backend.name})`, () => {
    let db: Db;
    const versionOf = async (id: string) => (await db.query<{ version: string }>('SELECT version FROM instruments WHERE id = $1 ORDER BY created_at DESC LIMIT 1', [id])).rows[0].version;
    async function newRound(instrument: string, municipalities: string[]): Promise<number> {
      const r = await createRound(db, { instrument, instrumentVersion: await versionOf(instrument), title: 'Bulk', periodStart: '2026-01-01', periodEnd: '2026-12-31', municipalities });
      await setRoundStatus(db, r.id, 'open');
      return r.id;
    }
    const stored = async (roundId: number) =>
      (
        await db.query<{ id: number; municipality_code: string; respondent_type: string | null; source: string; completed: boolean; answers: Record<string, unknown> | null }>(
          `SELECT p.id, p.municipality_code, p.respondent_type, p.source, p.completed_at IS NOT NULL AS completed,
                  (SELECT jsonb_object_agg(a.item_id, a.value) FROM answers a WHERE a.respondent_id = p.id) AS answers
             FROM respondents p WHERE p.round_id = $1 ORDER BY p.id`,
          [roundId],
        )
      ).rows;

    before(async () => {
      db = await backend.open();
      await syncInstruments(db);
    });
    after(() => db.close());

    it('värden med citattecken, omvänt snedstreck, tabb och radbrytning går tur och retur; samma fil igen hoppas över', async () => {
      const id = await newRound('statusenkat', ['1461', '1460']);
      // Row 2: a quoted text with a tab, a backslash, a quote and a newline (COPY must escape them all).
      const csv = [
        'kommun;respondenttyp;portfoljstyrning;forum;samverkan-initiativ;ciso-timmar',
        '1461;IT-nära;Delvis etablerad;IT-råd|Arkitekturråd;"a\tb \\ c ""d""\nny rad";',
        '1460;verksamhetsnara;vet ej;;;',
      ]
        .join('\r\n')
        .replace(';ciso-timmar', '');
      const fixed = csv
        .split('\r\n')
        .map((l, i) => (i === 0 ? l : l.replace(/;$/, '')))
        .join('\r\n');
      const file = join(dir, `roundtrip-${backend.name}.csv`);
      writeFileSync(file, fixed);
      const r = await importResponses(db, id, { path: file, filename: 'svar.csv' });
      assert.deepEqual([r.rows, r.accepted, r.written, r.alreadyImported, r.errors.length], [2, 2, 2, 0, 0]);
      assert.deepEqual(
        (await stored(id)).map((x) => [x.municipality_code, x.respondent_type, x.source, x.completed, x.answers]),
        [
          ['1461', 'it-nara', 'import', true, { portfoljstyrning: 'delvis-etablerad', forum: ['it-rad', 'arkitekturrad'], 'samverkan-initiativ': 'a\tb \\ c "d"\nny rad' }],
          ['1460', 'verksamhetsnara', 'import', true, { portfoljstyrning: 'vet_ej' }],
        ],
      );
      // The same bytes from memory: the same import_ref (file hash and row), so nothing is added.
      const again = await importResponses(db, id, { bytes: Buffer.from(fixed), filename: 'svar.csv' });
      assert.deepEqual([again.written, again.alreadyImported], [0, 2]);
      assert.equal((await stored(id)).length, 2);
    });

    it('ett fel stoppar allt; skipInvalid sparar de godkända; fel efter första satsen rullar tillbaka de skrivna satserna', async () => {
      const id = await newRound('statusenkat', ['1461']);
      const good = '1461;it-nara;ostrukturerad';
      // The bad row comes after more than one batch of good rows: those batches were written and must be undone.
      const rows = Array.from({ length: IMPORT_BATCH_ROWS + 20 }, () => good);
      rows.push('1461;it-nara;Jättebra');
      const csv = ['kommun;respondenttyp;portfoljstyrning', ...rows].join('\n');
      const blocked = await importResponses(db, id, { bytes: Buffer.from(csv) });
      assert.equal(blocked.written, 0);
      assert.deepEqual(
        blocked.errors.map((e) => [e.row, e.column]),
        [[IMPORT_BATCH_ROWS + 22, 'portfoljstyrning']],
      );
      assert.equal(blocked.accepted, IMPORT_BATCH_ROWS + 20);
      assert.equal((await stored(id)).length, 0);
      const skipped = await importResponses(db, id, { bytes: Buffer.from(csv) }, { skipInvalid: true });
      assert.deepEqual([skipped.written, skipped.errors.length], [IMPORT_BATCH_ROWS + 20, 1]);
      assert.equal((await stored(id)).length, IMPORT_BATCH_ROWS + 20);
      // An unnamed column with a value in the last row is an error about the file: nothing is written, even with skipInvalid.
      const id2 = await newRound('statusenkat', ['1461']);
      const unnamed = ['kommun;respondenttyp;portfoljstyrning;', ...Array.from({ length: IMPORT_BATCH_ROWS + 5 }, () => `${good};`), `${good};x`].join('\n');
      const u = await importResponses(db, id2, { bytes: Buffer.from(unnamed) }, { skipInvalid: true });
      assert.deepEqual(
        u.errors.map((e) => [e.row, e.column, e.message]),
        [[1, 'kolumn 4', 'Kolumnen saknar rubrik']],
      );
      assert.deepEqual([u.written, u.accepted, u.preview.length], [0, 0, 0]);
      assert.equal((await stored(id2)).length, 0);
    });

    it('en rad som inte är UTF-8 långt in i filen rapporteras med sitt radnummer och ingenting sparas', async () => {
      const id = await newRound('statusenkat', ['1461']);
      const head = Buffer.from(['kommun;respondenttyp;portfoljstyrning', ...Array.from({ length: 3000 }, () => '1461;it-nara;ostrukturerad')].join('\n') + '\n');
      const bytes = Buffer.concat([head, Buffer.from('1461;it-nara;V\xe4l fungerande\n', 'latin1')]);
      const r = await importResponses(db, id, { bytes });
      assert.deepEqual(
        r.errors.map((e) => e.row),
        [3002],
      );
      assert.match(r.errors[0].message, /Rad 3002 innehåller tecken som inte är UTF-8/);
      assert.deepEqual([r.rows, r.written], [0, 0]);
      assert.equal((await stored(id)).length, 0);
    });

    it('självskattning: svaren ersätts, området sätts, respondenten förblir en per kommun', async () => {
      const id = await newRound('informationssakerhet', ['1461', '1460']);
      const first = ['kommun;ciso;ciso-timmar;riskhantering', '1461;Ja;10;Ja|I viss grad', '1460;Nej;;'].join('\n');
      assert.equal((await importResponses(db, id, { bytes: Buffer.from(first) })).written, 2);
      const before = await stored(id);
      const second = ['kommun;ciso', '1461;Nej'].join('\n');
      const r = await importResponses(db, id, { bytes: Buffer.from(second) });
      assert.deepEqual([r.written, r.alreadyImported], [1, 0]);
      const after = await stored(id);
      assert.deepEqual(
        after.map((x) => [x.id, x.municipality_code, x.source, x.respondent_type, x.completed, x.answers]),
        [
          [before[0].id, '1461', 'self', 'kommunansvarig', true, { ciso: { answer: 'nej' } }],
          [before[1].id, '1460', 'self', 'kommunansvarig', true, { ciso: { answer: 'nej' } }],
        ],
      );
    });

    it('en stor fil (3 000 rader, flera satser och läsbitar) importeras rätt, med framsteg', async () => {
      const codes = ['1461', '1460', '1430', '1438'];
      const id = await newRound('statusenkat', codes);
      const options = ['ostrukturerad', 'delvis-etablerad', 'fullt-etablerad'];
      const lines = ['kommun;respondenttyp;portfoljstyrning;bestallarkompetens;samverkan-initiativ'];
      for (let i = 0; i < 3000; i++) lines.push(`${codes[i % 4]};it-nara;${options[i % 3]};;rad ${i + 2} ${'x'.repeat(i % 200)}`);
      const file = join(dir, `large-${backend.name}.csv`);
      writeFileSync(file, lines.join('\n'));
      const progress: ImportProgress[] = [];
      const r = await importResponses(db, id, { path: file }, { onProgress: (p) => progress.push(p) });
      assert.deepEqual([r.rows, r.accepted, r.written, r.errors.length], [3000, 3000, 3000, 0]);
      const counts = (
        await db.query<{ municipality_code: string; n: number; answers: number }>(
          `SELECT p.municipality_code, count(DISTINCT p.id)::int AS n, count(a.*)::int AS answers
             FROM respondents p JOIN answers a ON a.respondent_id = p.id WHERE p.round_id = $1 GROUP BY 1 ORDER BY 1`,
          [id],
        )
      ).rows;
      assert.deepEqual(
        counts.map((c) => [c.municipality_code, c.n, c.answers]),
        [
          ['1430', 750, 1500],
          ['1438', 750, 1500],
          ['1460', 750, 1500],
          ['1461', 750, 1500],
        ],
      );
      // Data row 1 234 (file row 1 235, i = 1233): options[1233 % 3] = options[0] = ostrukturerad, text "rad 1235 " + 33 × x.
      const one = (
        await db.query<{ value: unknown; item_id: string }>(
          `SELECT a.item_id, a.value FROM answers a JOIN respondents p ON p.id = a.respondent_id WHERE p.round_id = $1 AND p.import_ref LIKE '%:1235' ORDER BY a.item_id`,
          [id],
        )
      ).rows;
      assert.deepEqual(one, [
        { item_id: 'portfoljstyrning', value: 'ostrukturerad' },
        { item_id: 'samverkan-initiativ', value: `rad 1235 ${'x'.repeat(1233 % 200)}` },
      ]);
      assert.ok(progress.length >= 2, 'framsteg rapporteras under importen');
      const last = progress[progress.length - 1];
      assert.deepEqual([last.phase, last.rows, last.written, last.bytes], ['done', 3000, 3000, last.totalBytes]);
      for (let i = 1; i < progress.length; i++) assert.ok(progress[i].bytes >= progress[i - 1].bytes);
    });

    it('XLSX läses som ström: första kalkylbladet, dess radnummer, flera satser; en trasig fil ger ett begripligt fel', async () => {
      const id = await newRound('statusenkat', ['1461', '1460']);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Svar');
      ws.addRow([]); // the header is the first row with values: the sheet's row 2
      ws.addRow(['kommun', 'respondenttyp', 'portfoljstyrning', 'samverkan-initiativ']);
      for (let i = 0; i < IMPORT_BATCH_ROWS + 30; i++) ws.addRow([i % 2 ? '1460' : 1461, 'it-nara', 'Delvis etablerad', `rad ${i + 3}`]);
      wb.addWorksheet('Annat').addRow(['inte', 'svar']);
      const file = join(dir, `svar-${backend.name}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
      const progress: ImportProgress[] = [];
      const r = await importResponses(db, id, { path: file }, { onProgress: (p) => progress.push(p) });
      assert.deepEqual([r.format, r.rows, r.accepted, r.written, r.errors], ['xlsx', IMPORT_BATCH_ROWS + 30, IMPORT_BATCH_ROWS + 30, IMPORT_BATCH_ROWS + 30, []]);
      const last = progress[progress.length - 1];
      assert.deepEqual([last.phase, last.bytes], ['done', last.totalBytes]);
      // The sheet's row 10 is data row i = 7: Bengtsfors (1460), "rad 10".
      const row10 = (
        await db.query<{ municipality_code: string; value: unknown }>(
          `SELECT p.municipality_code, a.value FROM respondents p JOIN answers a ON a.respondent_id = p.id
            WHERE p.round_id = $1 AND p.import_ref LIKE '%:10' AND a.item_id = 'samverkan-initiativ'`,
          [id],
        )
      ).rows;
      assert.deepEqual(row10, [{ municipality_code: '1460', value: 'rad 10' }]);

      const broken = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(2000, 7)]);
      const bad = await importResponses(db, id, { bytes: broken, filename: 'trasig.xlsx' });
      assert.deepEqual([bad.format, bad.written, bad.errors.map((e) => e.message)], ['xlsx', 0, ['Filen kunde inte läsas som en Excel-fil (XLSX)']]);
    });
  });
}
