// Reports (issue 5): models, PDF/DOCX/XLSX, anonymity, routes, batch zip, CLI.
//
// The round built here (instrument digital-mognad, question "portfoljstyrning", scale 0–6 + Vet ej):
//   Bengtsfors 1460  3 svarande (förvaltningschef, it-chef, medarbetare): 5, 6, 2
//   Färgelanda 1439  3 förvaltningschefer: 1, 0, Vet ej
//   Åmål 1492        4 svarande (it-chef, 3 förvaltningschefer): 3, 4, 6, 0
//   Mellerud 1461    2 förvaltningschefer: 5, 4   (fewer than 3 → left out of the regional figures)
//   Trollhättan 1488 in the round, one respondent who started but did not submit (not counted)
// Hand-computed regional figures (Mellerud left out): 10 svarande in 3 kommuner; option counts
// 0:2 1:1 2:1 3:1 4:1 5:1 6:2 Vet ej:1. The top third of the 7 scored options is 4–6 (4 answers, 40 %),
// the bottom third 0–2 (4 answers, 40 %), Vet ej 1 (10 %).
// Per municipality (median, % of 0–6): Bengtsfors 5 → 83,33 %; Åmål (3+4)/2 = 3,5 → 58,33 %;
// Färgelanda has only 2 scored answers, fewer than 3, so it does not enter the regional statistics.
// Regional mean (2 kommuner) = (83,33 + 58,33) / 2 = 70,83 %. Respondent-weighted: the 9 scored
// answers 5+6+2+1+0+3+4+6+0 = 27 → 3 → 50 %.
// Mellerud own: median(5, 4) = 4,5 → 75 %; both answers in 4–6 (100 %).
// "infrastruktur" (Mellerud and Trollhättan do not answer): 0, 1, 0 / 1, 2, 6 / 0, 0, 1, 5 → 10 svarande in
// 3 kommuner, 8 in 0–2 (80 %) and 2 in 4–6 (20 %): more low than high and at least a quarter, so it is
// a challenge ("Utmaningar" of Teknik); "portfoljstyrning" has as many low as high (4 and 4), so it is not.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Db } from '../src/db/db.ts';
import type { AnswerValue } from '../src/domain/instruments/schema.ts';
import { FYRBODAL } from '../src/domain/organisation.ts';
import { SOURCES } from '../src/domain/sources.ts';
import { respondentTypePhrase } from '../src/domain/reports/swedish.ts';
import { modelTexts, type ReportModel } from '../src/domain/reports/model.ts';
import { redactMunicipalities } from '../src/domain/reports/common.ts';
import { stopBatchJobs, writeDelrapportZip } from '../src/reports/batch.ts';
import { startRenderPool } from '../src/reports/render-pool.ts';
import { loadRoundReportData, renderDelrapport } from '../src/reports/service.ts';
import { addRespondent, completeRespondent, saveAnswer } from '../src/store/respondents.ts';
import { createRound, setRoundStatus } from '../src/store/rounds.ts';
import { backends } from './support/db.ts';
import { DEMO, loggedIn, startApp, type TestApp } from './support/app.ts';
import { assertAccessible, browserSuite, signIn } from './support/browser.ts';
import { cliEnvironments, samverka } from './support/cli.ts';

const run = promisify(execFile);
const ALL_NAMES = FYRBODAL.map((m) => m.name);
const ALL_CODES = FYRBODAL.map((m) => m.code);
const norm = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

type Resp = { type: string; values: Record<string, string>; complete?: boolean };
const DATA: Record<string, Resp[]> = {
  '1460': [
    { type: 'forvaltningschef', values: { portfoljstyrning: '5', infrastruktur: '0' } },
    { type: 'it-chef', values: { portfoljstyrning: '6', infrastruktur: '1' } },
    { type: 'medarbetare', values: { portfoljstyrning: '2', infrastruktur: '0' } },
  ],
  '1439': [
    { type: 'forvaltningschef', values: { portfoljstyrning: '1', infrastruktur: '1' } },
    { type: 'forvaltningschef', values: { portfoljstyrning: '0', infrastruktur: '2' } },
    { type: 'forvaltningschef', values: { portfoljstyrning: 'vet_ej', infrastruktur: '6' } },
  ],
  '1492': [
    { type: 'it-chef', values: { portfoljstyrning: '3', infrastruktur: '0' } },
    { type: 'forvaltningschef', values: { portfoljstyrning: '4', infrastruktur: '0' } },
    { type: 'forvaltningschef', values: { portfoljstyrning: '6', infrastruktur: '1' } },
    { type: 'forvaltningschef', values: { portfoljstyrning: '0', infrastruktur: '5' } },
  ],
  '1461': [
    { type: 'forvaltningschef', values: { portfoljstyrning: '5' } },
    { type: 'forvaltningschef', values: { portfoljstyrning: '4' } },
  ],
  '1488': [{ type: 'forvaltningschef', values: { portfoljstyrning: '6' }, complete: false }],
};

async function buildRound(db: Db, title: string, status: 'open' | 'closed'): Promise<number> {
  const round = await createRound(db, {
    instrument: 'digital-mognad',
    instrumentVersion: '2024.1',
    title,
    periodStart: '2025-03-01',
    periodEnd: '2025-04-30',
    municipalities: Object.keys(DATA),
  });
  await setRoundStatus(db, round.id, 'open');
  for (const [code, list] of Object.entries(DATA))
    for (const r of list) {
      const p = await addRespondent(db, { roundId: round.id, municipality: code, respondentType: r.type, area: null });
      for (const [item, value] of Object.entries(r.values)) await saveAnswer(db, p.id, item, value as AnswerValue);
      if (r.complete !== false) await completeRespondent(db, p.id);
    }
  if (status === 'closed') await setRoundStatus(db, round.id, 'closed');
  return round.id;
}

function pdfText(file: string, page?: number): string {
  const args = page ? ['-f', String(page), '-l', String(page), file, '-'] : [file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}
function pdfPages(file: string): number {
  const m = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(m?.[1] ?? 0);
}
/** The visible text of a DOCX: document, headers and footers, tags removed. */
function docxText(file: string): string {
  const parts = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' })
    .split('\n')
    .filter((p) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(p));
  return parts.map((p) => execFileSync('unzip', ['-p', file, p], { encoding: 'utf8' }).replace(/<[^>]+>/g, ' ')).join(' ');
}
/** Municipality names and codes in a report's text, outside citations of the published source reports. */
function mentions(raw: string, names: string[], codes: string[]): string[] {
  let text = norm(raw);
  for (const x of Object.values(SOURCES).flatMap((src) => [src.title, src.short, src.publisher]).sort((a, b) => b.length - a.length))
    text = text.split(x).join('');
  const found: string[] = [];
  for (const n of names) if (new RegExp(`(?<![\\p{L}])${n}`, 'u').test(text)) found.push(n);
  for (const c of codes) if (new RegExp(`(?<![0-9])${c}(?![0-9])`).test(text)) found.push(c);
  return found;
}

describe('rapporter: svenska formuleringar', () => {
  it('respondenttyper i singular och plural', () => {
    assert.equal(respondentTypePhrase(2, 'Förvaltningschef'), '2 förvaltningschefer');
    assert.equal(respondentTypePhrase(1, 'Förvaltningschef'), '1 förvaltningschef');
    assert.equal(respondentTypePhrase(1, 'IT-chef'), '1 IT-chef');
    assert.equal(respondentTypePhrase(3, 'IT-chef'), '3 IT-chefer');
    assert.equal(respondentTypePhrase(2, 'Övrig chef eller medarbetare'), '2 övriga chefer eller medarbetare');
    assert.equal(respondentTypePhrase(1, 'IT-nära'), '1 IT-nära respondent');
    assert.equal(respondentTypePhrase(4, 'Verksamhetsnära'), '4 verksamhetsnära respondenter');
  });

  it('kommunnamn och koder tas bort ur alla texter utom den egna kommunens', () => {
    const model: ReportModel = {
      kind: 'delrapport',
      title: 'Delrapport Mellerud 2021',
      subtitle: 'Jämförelse med Åmåls och Bengtsfors resultat (1460)',
      preliminary: false,
      header: 'h',
      footer: 'f',
      municipality: { code: '1461', name: 'Mellerud' },
      meta: { generatedAt: '2025-01-01' },
      sections: [{ id: 's', heading: 'Färgelanda', blocks: [{ kind: 'bullets', items: ['Samverka med Dals-Ed', 'år 2014 och 14601', 'Mellerud svarade; källa: Digital motor Fyrbodal – Delrapport Mellerud'] }] }],
    };
    const out = redactMunicipalities(model, { '1460': 'Bengtsfors', '1492': 'Åmål', '1439': 'Färgelanda', '1438': 'Dals-Ed', '1461': 'Mellerud' });
    // The published source is quoted as published, Mellerud's name included.
    assert.equal(out.title, 'Delrapport Mellerud 2021');
    assert.equal(out.subtitle, 'Jämförelse med (kommun) och (kommun) resultat ((kommunkod))');
    assert.equal(out.sections[0].heading, '(kommun)');
    assert.deepEqual((out.sections[0].blocks[0] as { items: string[] }).items, [
      'Samverka med (kommun)',
      'år 2014 och 14601',
      '(kommun) svarade; källa: Digital motor Fyrbodal – Delrapport Mellerud',
    ]);
  });
});

for (const backend of backends) {
  describe(`rapporter (${backend.name})`, () => {
    let t: TestApp;
    let closedId: number;
    let openId: number;
    let draftId: number;
    let emptyId: number;
    let dir: string;
    const files: Record<string, string> = {};

    before(async () => {
      t = await startApp(backend);
      closedId = await buildRound(t.db, 'Rapporttest 2025', 'closed');
      openId = await buildRound(t.db, 'Rapporttest 2025 (öppen)', 'open');
      const mk = (title: string) =>
        createRound(t.db, { instrument: 'digital-mognad', instrumentVersion: '2024.1', title, periodStart: '2025-03-01', periodEnd: '2025-04-30', municipalities: ['1461', '1460'] });
      draftId = (await mk('Rapporttest utkast')).id;
      emptyId = (await mk('Rapporttest utan svar')).id;
      await setRoundStatus(t.db, emptyId, 'open');
      // A respondent who started but did not submit: still no counted response.
      const started = await addRespondent(t.db, { roundId: emptyId, municipality: '1461', respondentType: 'forvaltningschef', area: null });
      await saveAnswer(t.db, started.id, 'portfoljstyrning', '3' as AnswerValue);
      dir = mkdtempSync(join(tmpdir(), 'samverka-rapporttest-'));
      const admin = await loggedIn(t.app, DEMO.admin);
      const fetchFile = async (url: string, name: string) => {
        const r = await t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie! } });
        assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 200)}`);
        files[name] = join(dir, name);
        writeFileSync(files[name], r.rawPayload);
        return r;
      };
      for (const f of ['pdf', 'docx', 'xlsx']) {
        await fetchFile(`/api/rounds/${closedId}/reports/regional?format=${f}`, `regional.${f}`);
        await fetchFile(`/api/rounds/${closedId}/reports/municipalities/1461?format=${f}`, `mellerud.${f}`);
      }
      await fetchFile(`/api/rounds/${openId}/reports/regional?format=pdf`, 'open-regional.pdf');
      await fetchFile(`/api/rounds/${openId}/reports/municipalities/1461?format=docx`, 'open-mellerud.docx');
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await stopBatchJobs();
      await t.close();
    });

    it('regional PDF: meningar med bas, utmaningar och metod', () => {
      const text = norm(pdfText(files['regional.pdf']));
      assert.ok(readFileSync(files['regional.pdf']).subarray(0, 5).toString() === '%PDF-');
      assert.match(text, /Av 10 svarande i 3 kommuner anger 4 \(40 %\) ”4”, ”5” eller ”6 – Mycket hög mognad” och 4 \(40 %\) ”0 – Mycket låg mognad”, ”1” eller ”2”\. 1 \(10 %\) svarar ”Vet ej”\./);
      assert.match(text, /Av 10 svarande i 3 kommuner anger 2 \(20 %\) ”4”, ”5” eller ”6 – Mycket hög mognad” och 8 \(80 %\) ”0 – Mycket låg mognad”, ”1” eller ”2”\./);
      assert.match(text, /Utmaningar • Modern IT-infrastruktur: 8 av 10 svarande \(80 %\) anger ”0 – Mycket låg mognad”, ”1” eller ”2”\./);
      assert.doesNotMatch(text, /Portföljstyrning: \d+ av 10 svarande/);
      assert.match(text, /Metod och underlag/);
      assert.match(text, /5 kommuner ingick i mätomgången och 4 har lämnat svar, varav 3 ingår i de regionala värdena/);
      assert.match(text, /1 kommun med svar men färre än 3 svarande ingår inte i de regionala värdena/);
      assert.match(text, /Datakvalitet/);
      assert.doesNotMatch(text, /PRELIMINÄR/);
    });

    it('regional rapport nämner ingen kommun (PDF, DOCX och JSON)', async () => {
      assert.deepEqual(mentions(pdfText(files['regional.pdf']), ALL_NAMES, ALL_CODES), []);
      const docx = docxText(files['regional.docx']);
      assert.match(norm(docx), /Av 10 svarande i 3 kommuner anger 4 \(40 %\)/);
      assert.deepEqual(mentions(docx, ALL_NAMES, ALL_CODES), []);
      const c = await loggedIn(t.app, DEMO.admin);
      const json = await c.get(`/api/rounds/${closedId}/reports/regional?format=json`);
      assert.equal(json.status, 200);
      assert.equal(json.body.report.municipality, null);
      assert.deepEqual(mentions(modelTexts(json.body.report).join('\n'), ALL_NAMES, ALL_CODES), []);
    });

    it('delrapport: svarsmeningen, egna resultat och bara den egna kommunen', () => {
      const text = norm(pdfText(files['mellerud.pdf']));
      assert.match(text, /För er kommun inkom svar från 2 förvaltningschefer\./);
      assert.match(text, /Av 2 svarande i er kommun anger 2 \(100 %\) ”4”, ”5” eller ”6 – Mycket hög mognad”/);
      assert.match(text, /Mellerud/);
      const others = FYRBODAL.filter((m) => m.code !== '1461');
      assert.deepEqual(mentions(text, others.map((m) => m.name), ALL_CODES), []);
      const docx = docxText(files['mellerud.docx']);
      assert.match(norm(docx), /För er kommun inkom svar från 2 förvaltningschefer\./);
      assert.match(docx, /Mellerud/);
      assert.deepEqual(mentions(docx, others.map((m) => m.name), ALL_CODES), []);
    });

    it('sidan 1 renderas till en bild', () => {
      const out = join(dir, 'sida');
      execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', files['regional.pdf'], out]);
      const png = readdirSync(dir).find((f) => f.startsWith('sida') && f.endsWith('.png'));
      assert.ok(png, 'ingen PNG skapades');
      const buf = readFileSync(join(dir, png));
      assert.deepEqual([...buf.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      assert.ok(buf.length > 10_000, `sidan är tom (${buf.length} byte)`);
    });

    it('DOCX öppnas och konverteras av LibreOffice utan fel', async () => {
      const profile = mkdtempSync(join(tmpdir(), 'samverka-lo-'));
      const outDir = join(dir, 'lo');
      try {
        const r = await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, files['mellerud.docx']], {
          env: { ...process.env, HOME: profile },
          timeout: 120_000,
        });
        assert.match(r.stdout, /convert/);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
      const pdf = join(outDir, 'mellerud.pdf');
      assert.ok(existsSync(pdf), 'LibreOffice skapade ingen PDF');
      const text = norm(pdfText(pdf));
      assert.match(text, /delrapport Mellerud/);
      assert.match(text, /För er kommun inkom svar från 2 förvaltningschefer\./);
      assert.ok(pdfPages(pdf) >= 2);
    });

    it('XLSX: ett blad per avsnitt och siffrorna stämmer med den handräknade analysen', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(files['regional.xlsx']);
      const names = wb.worksheets.map((w) => w.name);
      assert.ok(names.includes('Om rapporten'));
      assert.ok(names.includes('Metod och underlag'));
      assert.ok(names.includes('Effektivitet'));
      const ws = wb.getWorksheet('Bilaga tabeller');
      assert.ok(ws, `blad saknas: ${names.join(', ')}`);
      const rows: unknown[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      const dist = (label: string) => rows.find((r) => r[0] === 'Portföljstyrning' && r[1] === label);
      assert.deepEqual(dist('0 – Mycket låg mognad'), ['Portföljstyrning', '0 – Mycket låg mognad', 2, 0.2, 10]);
      assert.deepEqual(dist('6 – Mycket hög mognad'), ['Portföljstyrning', '6 – Mycket hög mognad', 2, 0.2, 10]);
      assert.deepEqual(dist('Vet ej'), ['Portföljstyrning', 'Vet ej', 1, 0.1, 10]);
      const score = rows.find((r) => r[0] === 'Portföljstyrning' && typeof r[1] === 'number' && r.length === 7) as number[];
      assert.ok(score, 'resultatraden saknas');
      assert.equal(score[1], 2);
      assert.ok(Math.abs(score[2] - (83.3333333 + 58.3333333) / 2 / 100) < 1e-6, `medel ${score[2]}`);
      assert.ok(Math.abs(score[4] - 58.3333333 / 100) < 1e-6);
      assert.ok(Math.abs(score[5] - 83.3333333 / 100) < 1e-6);
      assert.ok(Math.abs(score[6] - 0.5) < 1e-9, `respondentviktat ${score[6]}`);
      // Delrapport: Mellerud's own score on the comparison sheet.
      const del = new ExcelJS.Workbook();
      await del.xlsx.readFile(files['mellerud.xlsx']);
      // Sheet names are cut at Excel's 31 characters.
      const cmp = del.getWorksheet('Ert resultat jämfört med region');
      assert.ok(cmp);
      const crow: unknown[][] = [];
      cmp.eachRow((r) => crow.push((r.values as unknown[]).slice(1)));
      const own = crow.find((r) => r[0] === 'Portföljstyrning' && typeof r[1] === 'number') as number[];
      assert.ok(Math.abs(own[1] - 0.75) < 1e-9, `egen ${own[1]}`);
      assert.equal(own[2], 2);
    });

    it('DOCX: Words rubrikformat, innehållsförteckning som uppdateras vid öppning och rubrikrader som upprepas', () => {
      const xml = execFileSync('unzip', ['-p', files['regional.docx'], 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      // Sections are Rubrik 1, the question subheadings Rubrik 2, list titles ("Utmaningar") Rubrik 3.
      assert.ok(/<w:pStyle w:val="Heading1"\/>.{0,400}?1 Sammanfattning/s.test(xml), 'xml saknar /<w:pStyle w:val="Heading1"/>.{0,400}?1');
      assert.ok(/<w:pStyle w:val="Heading2"\/>/.test(xml), 'xml saknar /<w:pStyle w:val="Heading2"/>/');
      assert.ok(/<w:pStyle w:val="Heading3"\/>.{0,400}?Utmaningar/s.test(xml), 'xml saknar /<w:pStyle w:val="Heading3"/>.{0,400}?U');
      // A TOC field over the Rubrik 1 headings, pre-filled with the sections.
      assert.ok(/<w:instrText[^>]*>\s*TOC [^<]*\\o &quot;1-1&quot;/.test(xml), 'TOC-fältet saknas');
      assert.ok(/<w:fldChar w:fldCharType="begin"[^>]*\/>/.test(xml), 'xml saknar /<w:fldChar w:fldCharType="begin"[^>]*/');
      const toc = xml.slice(xml.indexOf('<w:sdtContent>'), xml.indexOf('</w:sdtContent>'));
      assert.match(toc.replace(/<[^>]+>/g, ''), /Metod och underlag/);
      const settings = execFileSync('unzip', ['-p', files['regional.docx'], 'word/settings.xml'], { encoding: 'utf8' });
      // <w:updateFields/> (an on/off element: present = true) makes Word update the fields on opening.
      assert.ok(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/.test(settings), 'settings saknar w:updateFields');
      // Every table: a header row repeated on each page, fixed layout, no column wider than the page (17 cm).
      const tables = xml.split('<w:tbl>').slice(1);
      assert.ok(tables.length >= 3);
      for (const tb of tables) {
        assert.ok(/<w:tblHeader\/>/.test(tb), 'tb saknar /<w:tblHeader/>/');
        assert.ok(/<w:tblLayout w:type="fixed"\/>/.test(tb), 'tb saknar /<w:tblLayout w:type="fixed"/>/');
        const cols = [...(/<w:tblGrid>(.*?)<\/w:tblGrid>/.exec(tb)?.[1] ?? '').matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
        assert.ok(cols.reduce((a, b) => a + b, 0) <= 11906 - 2 * 1134, 'tabellen är bredare än sidan');
      }
    });

    it('XLSX: datablad per kommun (anonymiserad), fråga och svarsalternativ med handräknade siffror', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(files['regional.xlsx']);
      const ws = wb.getWorksheet('Data');
      assert.ok(ws, 'bladet Data saknas');
      const header = ['Enhet', 'Område', 'Fråga-id', 'Fråga', 'Svarsalternativ', 'Värde', 'Antal', 'Andel', 'Bas', 'Basens enhet'];
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), header);
      assert.equal(ws.views[0].state, 'frozen');
      assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
      const rows: unknown[][] = [];
      for (let n = 2; n <= ws.rowCount; n++) rows.push((ws.getRow(n).values as unknown[]).slice(1));
      // Units: Regionen and the three municipalities in the regional figures (Mellerud has 2 respondents,
      // Trollhättan none submitted). Questions answered: portfoljstyrning and infrastruktur, 7 scale options
      // + "Vet ej" = 8 rows each: 4 units × 2 × 8 = 64 rows.
      assert.equal(rows.length, 64);
      assert.equal(ws.autoFilter, 'A1:J65');
      const units = [...new Set(rows.map((r) => r[0] as string))];
      assert.equal(units[0], 'Regionen');
      assert.equal(units.length, 4);
      for (const u of units.slice(1)) assert.match(u, /^Kommun \d+$/);
      const cell = (unit: string, item: string, option: string) => rows.find((r) => r[0] === unit && r[2] === item && r[4] === option);
      // Regionen, portfoljstyrning: 2 of 10 answered 0 (20 %), 1 "Vet ej" (10 %), base 10 svarande.
      assert.deepEqual(cell('Regionen', 'portfoljstyrning', '0 – Mycket låg mognad')?.slice(1), ['Effektivitet', 'portfoljstyrning', 'Portföljstyrning', '0 – Mycket låg mognad', 0, 2, 0.2, 10, 'svarande']);
      assert.deepEqual(cell('Regionen', 'portfoljstyrning', 'Vet ej')?.slice(6), [1, 0.1, 10, 'svarande']);
      // Bengtsfors (5, 6, 2) is one of the anonymised units: one answer each on 2, 5 and 6 of 3.
      const per = (u: string) =>
        rows
          .filter((r) => r[0] === u && r[2] === 'portfoljstyrning' && (r[6] as number) > 0)
          .map((r) => `${r[4]}:${r[6]}/${r[8]}`)
          .join(' ');
      const profiles = units.slice(1).map(per).sort();
      assert.deepEqual(profiles, [
        '0 – Mycket låg mognad:1/3 1:1/3 Vet ej:1/3', // Färgelanda 1, 0, Vet ej
        '0 – Mycket låg mognad:1/4 3:1/4 4:1/4 6 – Mycket hög mognad:1/4', // Åmål 3, 4, 6, 0
        '2:1/3 5:1/3 6 – Mycket hög mognad:1/3', // Bengtsfors 5, 6, 2
      ]);
      const share = rows.find((r) => r[0] !== 'Regionen' && r[2] === 'portfoljstyrning' && r[4] === '2' && r[6] === 1)!;
      assert.ok(Math.abs((share[7] as number) - 1 / 3) < 1e-9);
      // No municipality is named anywhere in the sheet.
      const texts = rows.flat().filter((v): v is string => typeof v === 'string').join('\n');
      assert.deepEqual(mentions(texts, ALL_NAMES, ALL_CODES), []);
      // Every sheet starts at A1; columns are at least as wide as their content (up to 60 characters, then wrapped).
      for (const s of wb.worksheets) assert.ok(s.getCell('A1').value, `${s.name} börjar inte i A1`);
      header.forEach((h, i) => {
        const longest = Math.max(h.length, ...rows.map((r) => (typeof r[i] === 'string' ? (r[i] as string).length : 0)));
        assert.ok((ws.getColumn(i + 1).width ?? 0) >= Math.min(longest, 60), `kolumnen ${h} är för smal`);
      });
    });

    it('XLSX: delrapportens datablad har den egna kommunen och regionen', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(files['mellerud.xlsx']);
      const ws = wb.getWorksheet('Data');
      assert.ok(ws);
      const rows: unknown[][] = [];
      for (let n = 2; n <= ws.rowCount; n++) rows.push((ws.getRow(n).values as unknown[]).slice(1));
      // Mellerud answered portfoljstyrning only (8 rows); the region as others see it (Mellerud left out) 2 × 8.
      assert.equal(rows.filter((r) => r[0] === 'Mellerud').length, 8);
      assert.equal(rows.filter((r) => r[0] === 'Regionen').length, 16);
      assert.equal(rows.length, 24);
      const own = rows.filter((r) => r[0] === 'Mellerud' && (r[6] as number) > 0).map((r) => [r[4], r[6], r[7], r[8]]);
      assert.deepEqual(own, [
        ['4', 1, 0.5, 2],
        ['5', 1, 0.5, 2],
      ]);
      const others = FYRBODAL.filter((m) => m.code !== '1461');
      const texts = rows.flat().filter((v): v is string => typeof v === 'string').join('\n');
      assert.deepEqual(mentions(texts, others.map((m) => m.name), ALL_CODES), []);
    });

    it('bara omgångar med rapporter erbjuds, i bokstavsordning; utkast och omgångar utan svar ger 409', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const list = (await admin.get('/api/reports/rounds')).body.rounds as Array<{ id: number; title: string; regional: boolean; municipalities: Array<{ code: string; name: string }> }>;
      const ids = list.map((r) => r.id);
      assert.ok(ids.includes(closedId) && ids.includes(openId));
      assert.ok(!ids.includes(draftId), 'utkastet erbjuds');
      assert.ok(!ids.includes(emptyId), 'omgången utan svar erbjuds');
      const titles = list.map((r) => r.title);
      assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, 'sv')));
      const closed = list.find((r) => r.id === closedId)!;
      // Delrapporter by municipality name: Bengtsfors, Färgelanda, Mellerud, Trollhättan, Åmål.
      assert.deepEqual(closed.municipalities.map((m) => m.name), ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Trollhättan', 'Åmål']);
      for (const id of [draftId, emptyId]) {
        const r = await admin.get(`/api/rounds/${id}/reports/regional?format=json`);
        assert.equal(r.status, 409);
        assert.match(r.body.error ?? r.body.message ?? JSON.stringify(r.body), /utkast|inga inskickade svar/);
        assert.equal((await admin.get(`/api/rounds/${id}/reports/municipalities/1461?format=pdf`)).status, 409);
        assert.equal((await admin.post(`/api/rounds/${id}/reports/batch`, { format: 'pdf' })).status, 409);
      }
      // Two municipalities with three respondents each: the "region" would be their own results, so
      // the regional report is withheld for everyone (409 with the reason); the delrapporter remain.
      const pair = await createRound(t.db, { instrument: 'digital-mognad', instrumentVersion: '2024.1', title: 'Rapporttest två kommuner', periodStart: '2025-03-01', periodEnd: '2025-04-30', municipalities: ['1461', '1460'] });
      await setRoundStatus(t.db, pair.id, 'open');
      for (const code of ['1461', '1460'])
        for (const value of ['2', '4', '5']) {
          const p = await addRespondent(t.db, { roundId: pair.id, municipality: code, respondentType: 'forvaltningschef', area: null });
          await saveAnswer(t.db, p.id, 'portfoljstyrning', value as AnswerValue);
          await completeRespondent(t.db, p.id);
        }
      await setRoundStatus(t.db, pair.id, 'closed');
      const pairEntry = ((await admin.get('/api/reports/rounds')).body.rounds as Array<{ id: number; regional: boolean; regionalWithheld: string | null; municipalities: unknown[] }>).find((r) => r.id === pair.id)!;
      assert.equal(pairEntry.regional, false);
      assert.match(pairEntry.regionalWithheld!, /minst 3 kommuner; i mätomgången har bara 2 kommuner/);
      assert.equal(pairEntry.municipalities.length, 2);
      const withheld = await admin.get(`/api/rounds/${pair.id}/reports/regional?format=json`);
      assert.equal(withheld.status, 409);
      assert.match(withheld.body.error, /minst 3 kommuner/);
      // Mellerud's delrapport compares with no "region": it would be Bengtsfors' results by subtraction.
      const pairDel = await admin.get(`/api/rounds/${pair.id}/reports/municipalities/1461?format=json`);
      assert.equal(pairDel.status, 200);
      const pairText = norm(modelTexts(pairDel.body.report).join('\n'));
      assert.match(pairText, /regionala jämförelsevärden kan inte redovisas: färre än 3 kommuner har minst 3 svarande/);
      assert.doesNotMatch(pairText, /jämfört med regionens genomsnitt/);
      // …and its Data sheet has no region rows either, only Mellerud's own.
      const units = new Set((pairDel.body.report.data.rows as unknown[][]).map((r) => r[0]));
      assert.deepEqual([...units], ['Mellerud']);
      assert.equal(list.find((r) => r.id === closedId)!.regional, true);
      // A läsare is offered only closed rounds, and only the regional report.
      const reader = await loggedIn(t.app, DEMO.reader);
      const rl = (await reader.get('/api/reports/rounds')).body.rounds as Array<{ id: number; regional: boolean; municipalities: unknown[] }>;
      assert.ok(rl.some((r) => r.id === closedId));
      assert.ok(!rl.some((r) => r.id === openId), 'läsaren erbjuds en öppen omgång');
      for (const r of rl) assert.deepEqual([r.regional, r.municipalities], [true, []]);
      // A kommunansvarig: the own municipality's delrapport only.
      const mellerud = await loggedIn(t.app, DEMO.mellerud);
      const ml = (await mellerud.get('/api/reports/rounds')).body.rounds as Array<{ id: number; municipalities: Array<{ code: string }> }>;
      assert.deepEqual(ml.find((r) => r.id === openId)?.municipalities.map((m) => m.code), ['1461']);
    });

    it('en öppen mätomgång ger PRELIMINÄR på varje sida', () => {
      const file = files['open-regional.pdf'];
      const pages = pdfPages(file);
      assert.ok(pages >= 2);
      for (let p = 1; p <= pages; p++) assert.match(pdfText(file, p), /PRELIMINÄR/, `sida ${p}`);
      const header = execFileSync('unzip', ['-p', files['open-mellerud.docx'], 'word/header1.xml'], { encoding: 'utf8' });
      assert.match(header, /PRELIMINÄR/);
    });

    it('behörighet och felaktig indata', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      assert.equal((await admin.get(`/api/rounds/${closedId}/reports/municipalities/1421?format=json`)).status, 404);
      assert.equal((await admin.get(`/api/rounds/999999/reports/regional`)).status, 404);
      assert.equal((await admin.get(`/api/rounds/${closedId}/reports/regional?format=odt`)).status, 400);
      assert.equal((await admin.get(`/api/rounds/${closedId}/reports/municipalities/abc`)).status, 400);
      const mellerud = await loggedIn(t.app, DEMO.mellerud);
      assert.equal((await mellerud.get(`/api/rounds/${closedId}/reports/municipalities/1461?format=json`)).status, 200);
      assert.equal((await mellerud.get(`/api/rounds/${closedId}/reports/municipalities/1460?format=json`)).status, 403);
      const reader = await loggedIn(t.app, DEMO.reader);
      assert.equal((await reader.get(`/api/rounds/${closedId}/reports/regional?format=json`)).status, 200);
      assert.equal((await reader.get(`/api/rounds/${openId}/reports/regional?format=json`)).status, 403);
      assert.equal((await reader.get(`/api/rounds/${closedId}/reports/municipalities/1461?format=json`)).status, 403);
      assert.equal((await reader.post(`/api/rounds/${closedId}/reports/batch`, { format: 'pdf' })).status, 403);
    });

    it('alla delrapporter som zip med förlopp; bara den som startade jobbet ser det', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const start = await admin.post(`/api/rounds/${closedId}/reports/batch`, { format: 'pdf' });
      assert.equal(start.status, 202);
      const id = start.body.job.id;
      assert.equal(start.body.job.total, 5);
      let job = start.body.job;
      for (let i = 0; i < 600 && job.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await admin.get(`/api/rounds/${closedId}/reports/batch/${id}`)).body.job;
        assert.ok(job.done <= job.total);
      }
      assert.equal(job.status, 'done');
      assert.equal(job.done, 5);
      const other = await loggedIn(t.app, DEMO.mellerud);
      assert.equal((await other.get(`/api/rounds/${closedId}/reports/batch/${id}`)).status, 404);
      const dl = await t.app.inject({ method: 'GET', url: `/api/rounds/${closedId}/reports/batch/${id}/download`, headers: { cookie: admin.cookie! } });
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'application/zip');
      const zip = join(dir, 'alla.zip');
      writeFileSync(zip, dl.rawPayload);
      const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
      assert.deepEqual(entries, [
        `delrapport-amal-omgang-${closedId}.pdf`,
        `delrapport-bengtsfors-omgang-${closedId}.pdf`,
        `delrapport-fargelanda-omgang-${closedId}.pdf`,
        `delrapport-mellerud-omgang-${closedId}.pdf`,
        `delrapport-trollhattan-omgang-${closedId}.pdf`,
      ]);
      // A kommunansvarig gets only the own municipality.
      const own = await other.post(`/api/rounds/${closedId}/reports/batch`, {});
      assert.equal(own.status, 202);
      assert.equal(own.body.job.total, 1);
    });

    it('ett avbrutet jobb lämnar inga halvskrivna filer', async () => {
      const out = join(dir, 'avbruten.zip');
      const ctrl = new AbortController();
      await assert.rejects(
        writeDelrapportZip(t.db, closedId, { format: 'pdf', outFile: out, signal: ctrl.signal, onProgress: (p) => p.done === 2 && ctrl.abort() }),
        /Avbruten/,
      );
      assert.equal(existsSync(out), false);
      assert.equal(existsSync(`${out}.part`), false);
    });

    it('arbetstrådarna ger samma PDF:er som huvudtråden; en arbetare som får slut på minne lämnar sina rapporter till huvudtråden', async () => {
      const data = await loadRoundReportData(t.db, closedId);
      const codes = data.round.municipalities;
      const here = await Promise.all(codes.map((c) => renderDelrapport(data, c, 'pdf')));
      const pool = startRenderPool(data, 'pdf', 2)!;
      try {
        const there = await Promise.all(codes.map((c) => pool.render(c)));
        assert.equal(pool.running, 2);
        assert.deepEqual(there.map((r) => r.name), here.map((r) => r.name));
        for (let i = 0; i < codes.length; i++) assert.ok(there[i].body.equals(here[i].body), `${there[i].name} skiljer sig`);
        await assert.rejects(pool.render('9999'), /9999/);
      } finally {
        await pool.close();
      }
      // 8 MiB of old generation cannot hold a worker's code and data: the worker stops, the reports come anyway.
      const small = startRenderPool(data, 'pdf', 1, { maxOldGenerationSizeMb: 8 })!;
      try {
        const there = await Promise.all(codes.slice(0, 2).map((c) => small.render(c)));
        assert.equal(small.running, 0);
        for (let i = 0; i < 2; i++) assert.ok(there[i].body.equals(here[i].body), `${there[i].name} skiljer sig`);
      } finally {
        await small.close();
      }
    });

    it('jobb i databasen: ett jobb utan hjärtslag misslyckas, ett utgånget jobb tas bort med sin fil', async () => {
      const admin = await loggedIn(t.app, DEMO.admin);
      const adminId = (await t.db.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [DEMO.admin])).rows[0].id;
      // A job whose instance died mid-way: running, 2 of 5 done, a stored chunk, last heartbeat 2 minutes ago.
      await t.db.query(
        `INSERT INTO report_jobs (id, user_id, round_id, format, done, total, file_name, instance, heartbeat_at, expires_at)
         VALUES ('dodinstans00000000000a', $1, $2, 'pdf', 2, 5, 'x.zip', 'annan:1', now() - interval '2 minutes', now() + interval '1 hour')`,
        [adminId, closedId],
      );
      await t.db.query(`INSERT INTO report_job_chunks (job_id, seq, data) VALUES ('dodinstans00000000000a', 0, '\\x504b'::bytea)`);
      const r = await admin.get(`/api/rounds/${closedId}/reports/batch/dodinstans00000000000a`);
      assert.equal(r.status, 200);
      assert.equal(r.body.job.status, 'failed');
      assert.equal(r.body.job.done, 2);
      assert.match(r.body.job.error, /slutade svara/);
      assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM report_job_chunks WHERE job_id = 'dodinstans00000000000a'`)).rows[0].n, 0);
      const dl = await t.app.inject({ method: 'GET', url: `/api/rounds/${closedId}/reports/batch/dodinstans00000000000a/download`, headers: { cookie: admin.cookie! } });
      assert.equal(dl.statusCode, 409);
      assert.match(JSON.parse(dl.body).error, /Jobbet misslyckades: Servern som skapade rapporterna slutade svara/);
      // A finished job past its expiry is gone, with its file.
      await t.db.query(`UPDATE report_jobs SET expires_at = now() - interval '1 second' WHERE id = 'dodinstans00000000000a'`);
      await t.db.query(
        `INSERT INTO report_jobs (id, user_id, round_id, format, status, done, total, file_name, instance, bytes, expires_at)
         VALUES ('gammaljobb00000000000b', $1, $2, 'pdf', 'done', 5, 5, 'x.zip', 'annan:1', 2, now() - interval '1 second')`,
        [adminId, closedId],
      );
      await t.db.query(`INSERT INTO report_job_chunks (job_id, seq, data) VALUES ('gammaljobb00000000000b', 0, '\\x504b'::bytea)`);
      assert.equal((await admin.get(`/api/rounds/${closedId}/reports/batch/gammaljobb00000000000b`)).status, 404);
      const left = await t.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM report_jobs WHERE id IN ('gammaljobb00000000000b', 'dodinstans00000000000a'))::int + (SELECT count(*) FROM report_job_chunks WHERE job_id = 'gammaljobb00000000000b')::int AS n`);
      assert.equal(left.rows[0].n, 0);
    });
  });
}

// --- web page ------------------------------------------------------------------------------------

describe('rapportsidan i Chromium', () => {
  const web = browserSuite({ teardown: stopBatchJobs });

  it('förhandsvisning, nedladdningslänkar och alla delrapporter med förloppsindikator', async () => {
    const page = await web.newPage();
    await signIn(page, web.base, DEMO.admin);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rapporter' }).click();
    await page.getByRole('heading', { name: 'Rapporter', level: 1 }).waitFor();
    await page.getByLabel('Mätomgång').selectOption({ label: 'It-kompetenser 4D 2024 (stängd)' });
    await page.getByRole('heading', { name: /regional rapport/, level: 2 }).waitFor();
    assert.match(String(await page.getByRole('link', { name: 'Ladda ned PDF' }).getAttribute('href')), /\/reports\/regional\?format=pdf$/);
    // The preview draws its charts with ECharts (the same option as the PDF), each named by its text alternative.
    const chart = page.locator('figure.report-chart [role="img"]').first();
    await chart.locator('canvas').waitFor();
    assert.match((await chart.getAttribute('aria-label')) ?? '', /diagram|Värmekarta/i);
    await assertAccessible(page, 'rapportsidan (regional)');
    await page.getByLabel('Rapport', { exact: true }).selectOption({ label: 'Delrapport Mellerud' });
    await page.getByRole('heading', { name: /delrapport Mellerud/, level: 2 }).waitFor();
    await page.getByText('För er kommun har svar inkommit.').first().waitFor();
    await page.getByRole('button', { name: 'Skapa alla delrapporter (zip)' }).click();
    await page.getByText('Klart: 4 delrapporter').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('progress').getAttribute('value'), '4');
    assert.match(String(await page.getByRole('link', { name: 'Ladda ned zip-filen' }).getAttribute('href')), /\/download$/);
    await assertAccessible(page, 'rapportsidan (delrapport och jobb)');
  });
});

// --- CLI -----------------------------------------------------------------------------------------

const { dir: cliDir, envs: cliEnvs } = await cliEnvironments('rapport_cli');

for (const e of cliEnvs) {
  describe(`CLI report (${e.name})`, () => {
    after(e.cleanup);
    it('delrapport, regional rapport och alla delrapporter som zip; kommun utanför omgången ger fel', async () => {
      assert.equal((await samverka(e.env, 'demo', 'load')).code, 0);
      const list = await samverka(e.env, 'rounds', 'list', '--json');
      assert.equal(list.code, 0, list.stderr);
      const rounds = JSON.parse(list.stdout) as Array<{ id: number; title: string }>;
      const round = rounds.find((r) => r.title === 'It-kompetenser 4D 2024');
      assert.ok(round, 'demoomgången saknas');
      const out = join(cliDir, `${e.name}-mellerud.pdf`);
      const one = await samverka(e.env, 'report', '--round', String(round.id), '--municipality', '1461', '--format', 'pdf', '--out', out);
      assert.equal(one.code, 0, one.stderr);
      assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
      assert.match(norm(pdfText(out)), /delrapport Mellerud/);
      assert.equal(existsSync(`${out}.part`), false);
      const reg = join(cliDir, `${e.name}-regional.xlsx`);
      assert.equal((await samverka(e.env, 'report', '--round', String(round.id), '--format', 'xlsx', '--out', reg)).code, 0);
      assert.equal(readFileSync(reg).subarray(0, 2).toString(), 'PK');
      const bad = await samverka(e.env, 'report', '--round', String(round.id), '--municipality', '1421', '--format', 'pdf', '--out', join(cliDir, 'x.pdf'));
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /1421 ingår inte i mätomgången/);
      assert.equal(existsSync(join(cliDir, 'x.pdf')), false);
      const zip = join(cliDir, `${e.name}-alla.zip`);
      const all = await samverka(e.env, 'report', '--round', String(round.id), '--all', '--format', 'pdf', '--out', zip);
      assert.equal(all.code, 0, all.stderr);
      assert.match(all.stderr, /4\/4/);
      const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
      assert.equal(entries.length, 4);
    });
  });
}
