// Published aggregates (issue 14, Deliver 3–5): Analysrapport 2024 figures 2–24 held exactly as published,
// with the report's inconsistencies flagged. Expected values computed by hand from the report's text:
// - figur 3 (portföljstyrning) 17 + 28 + 33 + 6 + 2 = 86 %; figur 4 17 + 28 + 33 + 5,5 + 11 = 94,5 %;
//   figur 6 11 + 22 + 39 + 17 = 89 %; figur 18 1 + 30 + 30 + 10 + 10 + 0 + 10 = 91 % (PERCENT_SUM);
// - figur 9 (forum): 33 % of 11 municipalities is impossible (3/11 = 27,3 %, 4/11 = 36,4 %); as mentions it
//   sums to 33 + 24 + 16 + 13 + 3 + 2 = 91 %; figur 10 (roles) sums to 100 %, figur 12 to 100 %, figur 24
//   to 99 % (MENTIONS_AS_SHARE);
// - 11 answering municipalities (figur 3, 4, 9, 10) against 13 (figur 8) (BASE_MISMATCH);
// - figur 13 sums to 2 + 20 + 50 + 29 = 101 %: within the ±1 rounding tolerance, not flagged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/db.ts';
import { DEMO_ROUNDS } from '../src/demo/rounds.ts';
import { STATUS_2024_PUBLISHED } from '../src/demo/data/statusenkat-2024.ts';
import { loadBuiltInInstruments } from '../src/domain/instruments/catalog.ts';
import type { Instrument } from '../src/domain/instruments/schema.ts';
import { parsePublishedTable } from '../src/domain/published-import.ts';
import { publishedAggregateInput, publishedChange, publishedFigures, publishedQualityFlags, validatePublished } from '../src/domain/published.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';

const instrument: Instrument = (await loadBuiltInInstruments()).find((i) => i.id === 'statusenkat')!;
const demo = STATUS_2024_PUBLISHED.map((a) => publishedAggregateInput.parse(a));
const sum = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) * 100) / 100;

describe('published aggregates: the demo figures and their flags (pure)', () => {
  const flags = publishedQualityFlags(instrument, demo);
  const flag = (code: string, subject: string) => flags.filter((f) => f.code === code && f.subject.startsWith(subject));

  test('figures 3, 4, 6 and 18 do not sum to 100 % (86, 94,5, 89 and 91 %)', () => {
    for (const [fig, found] of [
      ['Figur 3 ', 86],
      ['Figur 4 ', 94.5],
      ['Figur 6 ', 89],
      ['Figur 18 ', 91],
    ] as const) {
      const f = flag('PERCENT_SUM', fig);
      assert.equal(f.length, 1, fig);
      assert.equal(f[0].expected, 100);
      assert.equal(f[0].actual, found);
      assert.match(f[0].message, /summerar till/);
    }
    // Figure 13 sums to 101 %: rounding, not flagged.
    assert.equal(flag('PERCENT_SUM', 'Figur 13 ').length, 0);
  });

  test('forums, roles and obstacles are shares of mentions presented as shares of municipalities', () => {
    const forum = flag('MENTIONS_AS_SHARE', 'Figur 9 ');
    assert.equal(forum.length, 1);
    assert.equal(forum[0].actual, 33);
    assert.equal(Math.round(forum[0].expected! * 100) / 100, 36.36); // 4 of 11 municipalities
    assert.equal(flag('PERCENT_SUM', 'Figur 9 ')[0].actual, 91); // as mentions, 91 % instead of 100 %
    for (const [fig, found] of [
      ['Figur 10 ', 100],
      ['Figur 12 ', 100],
      ['Figur 24 ', 99],
    ] as const) {
      const f = flag('MENTIONS_AS_SHARE', fig);
      assert.equal(f.length, 1, fig);
      assert.equal(f[0].actual, found, fig);
      assert.equal(f[0].expected, 100, fig);
    }
  });

  test('11 answering municipalities (figures 3, 4, 9, 10) against 13 (figure 8): bases differ', () => {
    const f = flags.filter((x) => x.code === 'BASE_MISMATCH');
    assert.equal(f.length, 1);
    assert.equal(f[0].expected, 11);
    assert.equal(f[0].actual, 13);
    assert.match(f[0].message, /Figur 8 \(digital-mognad\) \(n = 13/);
  });

  test('the published figures are reproduced exactly: figure 18 keeps its 1 %, no invented "Vet ej"', () => {
    const figs = publishedFigures(instrument, demo);
    const f18 = figs.find((f) => f.itemId === 'arkitekturstyrning')!;
    assert.deepEqual(
      f18.rows.map((r) => [r.options.join('+'), r.percent]),
      [['icke-existerande', 1], ['ostrukturerad', 30], ['i-utvecklingsfasen', 30], ['delvis-etablerad', 10], ['val-fungerande', 10], ['fullt-etablerad', 0], ['vet_ej', 10]],
    );
    const f3 = figs.find((f) => f.itemId === 'portfoljstyrning')!;
    assert.deepEqual(f3.rows.map((r) => r.percent), [17, 28, 33, 6, 2]);
    assert.equal(f3.percentSum, 86);
    assert.deepEqual(f3.unstated.map((o) => o.code), ['fullt-etablerad', 'vet_ej']); // not stated: neither 0 nor "Vet ej"
    assert.equal(f3.base.n, 11);
    assert.equal(f3.municipalities, 11);
    assert.equal(figs.find((f) => f.itemId === 'projektstyrning')!.percentSum, 94.5);
    // Figure 8's combined categories stay combined: 70 % "Låg till medel + Medel".
    const f8 = figs.find((f) => f.itemId === 'digital-mognad')!;
    assert.equal(f8.rows[0].percent, 70);
    assert.equal(f8.rows[0].options.length, 2);
    assert.equal(f8.municipalities, 13);
    // Every stated figure from the report's text, one question each (figures 2–24 without 7).
    assert.deepEqual([...new Set(demo.map((a) => Number(a.figure!.slice(6))))], [2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    assert.equal(sum(demo.find((a) => a.itemId === 'roller')!.values.map((v) => v.value)), 100);
  });

  test('change over time: published shares against a later round, in percentage points', () => {
    const f3 = publishedFigures(instrument, demo).find((f) => f.itemId === 'portfoljstyrning')!;
    const ch = publishedChange(f3, { n: 20, base: 'respondents', percents: { 'icke-existerande': 10, ostrukturerad: 30, 'i-utvecklingsfasen': 40, 'delvis-etablerad': 15, 'val-fungerande': 5 } });
    assert.deepEqual(ch.map((c) => c.change), [-7, 2, 7, 9, 3]);
  });

  test('bad input is refused with Swedish messages: shares outside 0–100, a base of 0 with shares, unknown item or option', () => {
    const base = { itemId: 'portfoljstyrning', values: [{ options: ['ostrukturerad'], value: 50 }], base: { n: 11, unit: 'municipalities' }, source: { title: 'X' } };
    const v = (x: unknown) => validatePublished(instrument, publishedAggregateInput.parse(x));
    assert.match(v({ ...base, values: [{ options: ['ostrukturerad'], value: 120 }] })[0].message, /mellan 0 och 100 %/);
    assert.match(v({ ...base, values: [{ options: ['ostrukturerad'], value: -1 }] })[0].message, /mellan 0 och 100 %/);
    assert.match(v({ ...base, base: { n: 0, unit: 'municipalities' } })[0].message, /bas på 0 kan inte ha andelar/);
    assert.match(v({ ...base, itemId: 'finns-inte' })[0].message, /Frågan "finns-inte" finns inte/);
    assert.match(v({ ...base, values: [{ options: ['kanske'], value: 5 }] })[0].message, /Alternativet "kanske" finns inte/);
    assert.deepEqual(v(base), []);
  });

  test('the CSV/XLSX format: errors by row and column, combined options, decimal commas', () => {
    const table = {
      header: ['fraga', 'figur', 'alternativ', 'andel', 'bas_n', 'bas_enhet', 'svarande_kommuner', 'kalla', 'sida'],
      rows: [
        { row: 2, cells: ['projektstyrning', 'Figur 4', 'delvis-etablerad', '5,5', '11', 'kommuner', '11', 'Analysrapport', 'figur 4'] },
        { row: 3, cells: ['projektstyrning', 'Figur 4', 'Väl fungerande', '11', '11', 'kommuner', '11', 'Analysrapport', 'figur 4'] },
        { row: 4, cells: ['digital-mognad', 'Figur 8', 'lag-till-medel + medel', '70', '', 'respondenter', '13', 'Analysrapport', ''] },
        { row: 5, cells: ['portfoljstyrning', 'Figur 3', 'kanske', '17', '11', 'kommuner', '11', 'Analysrapport', ''] },
        { row: 6, cells: ['portfoljstyrning', 'Figur 3', 'ostrukturerad', '128', '11', 'kommuner', '11', 'Analysrapport', ''] },
        { row: 7, cells: ['finns-inte', '', 'x', '1', '', 'kommuner', '', 'Analysrapport', ''] },
        { row: 8, cells: ['forum', '', 'it-rad', 'tjugo', '', 'kommuner', '', 'Analysrapport', ''] },
        { row: 9, cells: ['innovationskultur', '', 'ostrukturerad', '25', '0', 'kommuner', '', 'Analysrapport', ''] },
      ],
    };
    const r = parsePublishedTable(table, instrument);
    assert.deepEqual(
      r.errors.map((e) => [e.row, e.column]),
      [
        [5, 'alternativ'],
        [6, 'andel'],
        [7, 'fraga'],
        [8, 'andel'],
        [9, 'bas_n'],
      ],
    );
    assert.match(r.errors[1].message, /mellan 0 och 100 %/);
    assert.match(r.errors[4].message, /bas på 0/);
    const p = r.aggregates.find((a) => a.itemId === 'projektstyrning')!;
    assert.deepEqual(p.values, [
      { options: ['delvis-etablerad'], value: 5.5 },
      { options: ['val-fungerande'], value: 11 },
    ]);
    assert.deepEqual(r.aggregates.find((a) => a.itemId === 'digital-mognad')!.values[0].options, ['lag-till-medel', 'medel']);
  });
});

const CSV_OK = [
  'fraga;figur;alternativ;andel;bas_n;bas_enhet;svarande_kommuner;kalla;sida',
  'portfoljstyrning;Figur 3;icke-existerande;17;11;kommuner;11;Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024;figur 3',
  'portfoljstyrning;Figur 3;ostrukturerad;28;11;kommuner;11;Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024;figur 3',
  'portfoljstyrning;Figur 3;i-utvecklingsfasen;33;11;kommuner;11;Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024;figur 3',
  'portfoljstyrning;Figur 3;delvis-etablerad;6;11;kommuner;11;Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024;figur 3',
  'portfoljstyrning;Figur 3;val-fungerande;2;11;kommuner;11;Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024;figur 3',
].join('\n');

function multipart(name: string, bytes: Buffer, type: string) {
  const boundary = '----samverkaPublished';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const backend of backends)
  describe(`published aggregates (${backend.name})`, () => {
    let t: TestApp;
    let db: Db;
    let roundId = 0;
    const count = async (id = roundId) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM published_aggregates WHERE round_id = $1', [id])).rows[0].n;
    before(async () => {
      t = await startApp(backend);
      db = t.db;
      const { instrument: ins, title } = DEMO_ROUNDS.status2024Published;
      roundId = (await db.query<{ id: number }>('SELECT id FROM rounds WHERE is_demo AND instrument_id = $1 AND title = $2', [ins, title])).rows[0].id;
    });
    after(async () => t.close());

    test('the demo round "Digitaliseringsenkät 2024" holds figures 2–24 as published, Fyrbodal\'s, with its flags', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const r = await admin.get(`/api/rounds/${roundId}/published`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.aggregates.length, demo.length);
      assert.deepEqual(r.body.sources, ['Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024']);
      const f18 = r.body.figures.find((f: any) => f.itemId === 'arkitekturstyrning');
      assert.equal(f18.rows[0].percent, 1);
      const codes = r.body.flags.map((f: any) => `${f.code} ${f.subject.split(' (')[0]}`).sort();
      for (const c of ['PERCENT_SUM Figur 3', 'PERCENT_SUM Figur 4', 'PERCENT_SUM Figur 6', 'PERCENT_SUM Figur 18', 'MENTIONS_AS_SHARE Figur 9', 'MENTIONS_AS_SHARE Figur 10', 'MENTIONS_AS_SHARE Figur 12', 'MENTIONS_AS_SHARE Figur 24'])
        assert.ok(codes.includes(c), `${c} in ${codes.join(', ')}`);
      const assoc = (await db.query<{ short_id: string; respondents: number }>(
        `SELECT a.short_id, (SELECT count(*)::int FROM respondents p WHERE p.round_id = r.id) AS respondents
           FROM rounds r JOIN associations a ON a.id = r.association_id WHERE r.id = $1`,
        [roundId],
      )).rows[0];
      assert.deepEqual(assoc, { short_id: 'fyrbodal', respondents: 0 });
      // A reader may read them too.
      assert.equal((await (await loggedIn(t.app, DEMO.reader)).get(`/api/rounds/${roundId}/published`)).status, 200);
    });

    test('the analysis of the round shows the published percentages, the base and "publicerade aggregat", with the flags', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const r = await admin.get(`/api/rounds/${roundId}/analysis`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const fig = r.body.figures.find((f: any) => f.id === 'publicerad-portfoljstyrning');
      assert.deepEqual(fig.rows.map((x: any) => x.cells.percent), [17, 28, 33, 6, 2]);
      assert.equal(fig.n, 11);
      assert.equal(fig.base, 'municipalities');
      assert.ok(fig.notes.some((n: string) => /publicerade aggregat, bas: kommuner \(n = 11\), 11 svarande kommuner/.test(n)), fig.notes.join(' | '));
      assert.ok(fig.notes.some((n: string) => /Källa: ”Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024”/.test(n)));
      assert.ok(r.body.notes[0].includes('publicerade aggregat'));
      assert.ok(r.body.published.flags.some((f: any) => f.code === 'PERCENT_SUM' && f.actual === 86));
      assert.ok(r.body.figures.every((f: any) => f.id.startsWith('publicerad-')), 'no empty computed figures for a round without answers');
    });

    test('change over time: the published round against the respondent-level round of the same instrument version', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const { instrument: ins, title } = DEMO_ROUNDS.status2024;
      const later = (await db.query<{ id: number }>('SELECT id FROM rounds WHERE is_demo AND instrument_id = $1 AND title = $2', [ins, title])).rows[0].id;
      const r = await admin.get(`/api/rounds/${roundId}/analysis/compare/${later}`);
      assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
      const fig = r.body.figures.find((f: any) => f.id === 'publicerad-forandring-portfoljstyrning');
      assert.ok(fig, r.body.figures.map((f: any) => f.id).join(', '));
      assert.deepEqual(fig.rows.map((x: any) => x.cells.published), [17, 28, 33, 6, 2]);
      for (const x of fig.rows) assert.equal(x.cells.change, Math.round((x.cells.later - x.cells.published) * 10) / 10);
      assert.ok(fig.notes[0].includes('publicerade aggregat, bas: kommuner (n = 11)'));
    });

    test('bad input → 400 with a Swedish message, nothing written', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const before = await count();
      const body = { values: [{ options: ['ostrukturerad'], value: 50 }], base: { n: 11, unit: 'municipalities' }, source: { title: 'Analysrapport 2024' } };
      const put = (item: string, b: unknown) => admin.request('PUT', `/api/rounds/${roundId}/published/${item}`, b);
      for (const [item, b, re] of [
        ['portfoljstyrning', { ...body, values: [{ options: ['ostrukturerad'], value: 101 }] }, /mellan 0 och 100 %/],
        ['portfoljstyrning', { ...body, base: { n: 0, unit: 'municipalities' } }, /bas på 0/],
        ['finns-inte', body, /Frågan "finns-inte" finns inte/],
        ['portfoljstyrning', { ...body, values: [{ options: ['kanske'], value: 5 }] }, /Alternativet "kanske" finns inte/],
        ['portfoljstyrning', { ...body, base: { n: 11, unit: 'bananer' } }, /respondents, municipalities eller mentions/],
      ] as const) {
        const r = await put(item, b);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.match(r.body.error, re);
      }
      assert.equal(await count(), before);
      const f3 = (await admin.get(`/api/rounds/${roundId}/published`)).body.figures.find((f: any) => f.itemId === 'portfoljstyrning');
      assert.deepEqual(f3.rows.map((x: any) => x.percent), [17, 28, 33, 6, 2]);
    });

    test('enter, replace and delete per item (förbundsadmin only); a flag fires on entry', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const body = { figure: 'Test', values: [{ options: ['stammer-bra'], value: 60 }, { options: ['stammer-helt'], value: 30 }], base: { n: 10, unit: 'respondents' }, source: { title: 'Testkälla' } };
      const kommun = await loggedIn(t.app, DEMO.mellerud);
      assert.equal((await kommun.request('PUT', `/api/rounds/${roundId}/published/samverkan-erfarenhet`, body)).status, 403);
      const r = await admin.request('PUT', `/api/rounds/${roundId}/published/samverkan-erfarenhet`, body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.replaced, true); // figure 2 was held without figures
      assert.ok(r.body.flags.some((f: any) => f.code === 'PERCENT_SUM' && f.subject.startsWith('Test') && f.actual === 90));
      const audit = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'published.saved' AND target = $1`, [`round:${roundId}`])).rows[0].n;
      assert.equal(audit, 1);
      assert.equal((await admin.request('DELETE', `/api/rounds/${roundId}/published/samverkan-erfarenhet`)).status, 200);
      assert.equal((await admin.request('DELETE', `/api/rounds/${roundId}/published/samverkan-erfarenhet`)).status, 404);
      // Restore the demo's figure 2 for the other tests.
      const fig2 = demo.find((a) => a.itemId === 'samverkan-erfarenhet')!;
      const { itemId: _i, ...rest } = fig2;
      assert.equal((await admin.request('PUT', `/api/rounds/${roundId}/published/samverkan-erfarenhet`, rest)).status, 200);
    });

    test('the regional report says "publicerade aggregat", cites the source and lists the flags in its method section (model and PDF)', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const r = await admin.get(`/api/rounds/${roundId}/reports/regional?format=json`);
      assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 500));
      const method = r.body.report.sections.find((x: any) => x.id === 'metod');
      const flags = method.blocks.find((b: any) => b.kind === 'table' && /Datakvalitetsflaggor/.test(b.caption));
      assert.ok(flags, 'flag table in the method section');
      const row = flags.rows.find((x: any[]) => String(x[0]).startsWith('Figur 3 '));
      assert.deepEqual(row.slice(1, 4), ['Andelarna summerar inte till 100 %', 100, 86]);
      assert.ok(flags.rows.some((x: any[]) => String(x[0]).startsWith('Figur 18 ') && x[3] === 91));
      assert.equal(flags.rows.filter((x: any[]) => x[1] === 'Omnämnanden redovisade som andel av svarande').length, 4);
      const text = JSON.stringify(method);
      assert.match(text, /publicerade aggregat/);
      assert.match(text, /Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024/);
      const pub = r.body.report.sections.find((x: any) => x.id === 'publicerade');
      const f18 = pub.blocks.find((b: any) => b.kind === 'table' && b.caption.startsWith('Figur 18'));
      assert.equal(f18.rows[0][1], 1);

      const pdf = await admin.request('GET', `/api/rounds/${roundId}/reports/regional?format=pdf`);
      assert.equal(pdf.status, 200);
      const dir = mkdtempSync(join(tmpdir(), 'samverka-published-'));
      try {
        const res = await t.app.inject({ method: 'GET', url: `/api/rounds/${roundId}/reports/regional?format=pdf`, headers: { cookie: admin.cookie! } });
        writeFileSync(join(dir, 'r.pdf'), res.rawPayload);
        const txt = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
        assert.match(txt, /Datakvalitetsflaggor för de publicerade aggregaten/);
        assert.match(txt, /publicerade aggregat/);
        assert.match(txt, /Figur 4 \(projektstyrning\): andelarna summerar till 94,5 %/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('CSV import: errors by row and column and nothing written; a valid file replaces the items; XLSX too', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const round = (await db.query<{ id: number }>(
        `INSERT INTO rounds (instrument_id, instrument_version, title, period_start, period_end, status)
         SELECT instrument_id, instrument_version, 'Importtest', period_start, period_end, 'closed' FROM rounds WHERE id = $1 RETURNING id`,
        [roundId],
      )).rows[0].id;
      const bad = CSV_OK + '\nforum;Figur 9;it-rad;140;11;kommuner;11;Analysrapport 2024;\nsdk;;kanske;5;;kommuner;;Analysrapport 2024;';
      const m1 = multipart('fel.csv', Buffer.from(bad), 'text/csv');
      const r1 = await admin.request('POST', `/api/rounds/${round}/published/import`, m1.body, m1.headers);
      assert.equal(r1.status, 400, JSON.stringify(r1.body));
      assert.deepEqual(r1.body.errors.map((e: any) => [e.row, e.column]), [[7, 'andel'], [8, 'alternativ']]);
      assert.match(r1.body.error, /inget sparades/);
      assert.equal(await count(round), 0);

      const m2 = multipart('ok.csv', Buffer.from(CSV_OK), 'text/csv');
      const dry = await admin.request('POST', `/api/rounds/${round}/published/import?dryRun=true`, m2.body, m2.headers);
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.equal(await count(round), 0);
      assert.equal(dry.body.flags[0].code, 'PERCENT_SUM');
      const ok = await admin.request('POST', `/api/rounds/${round}/published/import`, m2.body, m2.headers);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.written, 1);
      assert.equal(await count(round), 1);

      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Publicerade');
      ws.addRow(['fraga', 'alternativ', 'andel', 'bas_enhet', 'kalla']);
      ws.addRow(['roller', 'informationssakerhetschef', 24, 'kommuner', 'Analysrapport 2024']);
      ws.addRow(['roller', 'enterprisearkitekt', 'ingen', 'kommuner', 'Analysrapport 2024']);
      const xbad = multipart('fel.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const r3 = await admin.request('POST', `/api/rounds/${round}/published/import`, xbad.body, xbad.headers);
      assert.equal(r3.status, 400, JSON.stringify(r3.body));
      assert.deepEqual(r3.body.errors.map((e: any) => [e.row, e.column]), [[3, 'andel']]);
      assert.equal(await count(round), 1);
      ws.getRow(3).getCell(3).value = 0;
      const xok = multipart('ok.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const r4 = await admin.request('POST', `/api/rounds/${round}/published/import`, xok.body, xok.headers);
      assert.equal(r4.status, 200, JSON.stringify(r4.body));
      assert.equal(await count(round), 2);
    });
  });
