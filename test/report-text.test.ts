// No developer text in any report (issue 9, deliverable 2): for every demo round, every report —
// the regional report and each municipality's delrapport — and the handlingsplan and the indicator
// report are rendered as PDF, DOCX and XLSX; the text a reader sees is extracted (PDF text with
// pdftotext, the DOCX parts' XML text, every XLSX cell and sheet name) and checked for internal
// markers: file references to the source reports (seeds/…), the specification (DOMAIN, §), source
// files (.ts), TODO notes and JSON-key-looking tokens (camelCase, snake_case, action codes).
//
// Every report model of every round is checked in full (all its texts, modelTexts). Rendering adds
// only the renderers' own fixed texts, which do not depend on the municipality, so each format is
// rendered and extracted for every round's regional report and one delrapport per round (Mellerud's
// where Mellerud is in the round), the handlingsplan and the indicators; REPORT_TEXT_ALL=1 renders
// every delrapport too (about 220 documents).
//
// Runs on PGlite only: the reports are built from the same rows on either database, so PostgreSQL
// adds no coverage here, and rendering the documents twice would double the suite's slowest test on
// a small machine.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Db } from '../src/db/db.ts';
import { splitSql } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/index.ts';
import { handlingsplanReport } from '../src/domain/reports/handlingsplan.ts';
import { indicatorsReport } from '../src/domain/reports/indicators.ts';
import { regionReport } from '../src/domain/reports/region.ts';
import { regionFollowUp } from '../src/portfolio/follow-up.ts';
import { modelTexts, type ReportModel } from '../src/domain/reports/model.ts';
import { handlingsplanModel, indicatorReport } from '../src/portfolio/service.ts';
import { renderReport } from '../src/reports/render/index.ts';
import { delrapportModel, loadRoundReportData, regionalModel } from '../src/reports/service.ts';
import { listRounds } from '../src/store/rounds.ts';
import { backends } from './support/db.ts';

/** Internal markers a reader must never see, with what each one catches. */
const MARKERS: Array<[RegExp, string]> = [
  [/seeds\//i, 'filreferens till källrapporterna'],
  [/\bseed\b/i, 'ordet seed'],
  [/DOMAIN/, 'specifikationen'],
  [/§/, 'paragrafhänvisning till specifikationen'],
  [/\b[\w-]+\.(ts|tsx|json|sql|md)\b/, 'källkodsfil'],
  [/\bTODO\b|\bFIXME\b|\bXXX\b/, 'utvecklaranteckning'],
  // camelCase and snake_case identifiers (JSON keys, codes): "estimatedCost", "self_assessment".
  [/(?<![\p{L}\p{N}])\p{Ll}+\p{Lu}[\p{L}\p{N}]*/u, 'JSON-nyckel (camelCase)'],
  [/(?<![\p{L}\p{N}])[a-z]+_[a-z_]+(?![\p{L}\p{N}])/u, 'kod (snake_case)'],
  // Dotted action codes and target references: "round.created", "round:7/1461".
  [/(?<![\p{L}\p{N}./])(round|respondent|initiative|user|login|instrument)[.:][a-z0-9]/u, 'händelsekod eller intern referens'],
  [/\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]|Un-named/, 'programvärde eller platshållare'],
];

/** Words that look like markers but are ordinary Swedish or product names (none today). */
const ALLOWED: RegExp[] = [];

function findMarkers(text: string): string[] {
  const found: string[] = [];
  for (const [re, what] of MARKERS) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of text.matchAll(g)) {
      if (ALLOWED.some((a) => a.test(m[0]))) continue;
      const at = m.index ?? 0;
      found.push(`${what}: "${m[0]}" i "…${text.slice(Math.max(0, at - 60), at + 60).replace(/\s+/g, ' ')}…"`);
    }
  }
  return found;
}

const xmlText = (xml: string) =>
  xml
    // Paragraphs, table cells and document properties are separate texts; runs within a paragraph are not.
    .replace(/<w:tab\/>|<w:br\/>/g, ' ')
    .replace(/<\/(w:p|w:tc|dc:[a-z]+|cp:[a-zA-Z]+|dcterms:[a-zA-Z]+|[A-Z][A-Za-z]*)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

async function extract(model: ReportModel, dir: string): Promise<Record<'pdf' | 'docx' | 'xlsx', string>> {
  const pdf = join(dir, 'r.pdf');
  writeFileSync(pdf, await renderReport(model, 'pdf'));
  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  const docx = join(dir, 'r.docx');
  writeFileSync(docx, await renderReport(model, 'docx'));
  const parts = execFileSync('unzip', ['-Z1', docx], { encoding: 'utf8' })
    .split('\n')
    .filter((p) => /^(word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps\/(core|app)\.xml)$/.test(p));
  assert.ok(parts.includes('word/document.xml'), 'DOCX utan word/document.xml');
  const docxText = parts.map((p) => xmlText(execFileSync('unzip', ['-p', docx, p], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }))).join('\n');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderReport(model, 'xlsx')) as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => {
    cells.push(ws.name);
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v === null || v === undefined) return;
        if (typeof v === 'object' && 'richText' in v) cells.push(v.richText.map((r) => r.text).join(''));
        else if (typeof v === 'object' && 'text' in v) cells.push(String(v.text));
        else if (typeof v === 'object' && 'formula' in v) cells.push(String(v.result ?? ''));
        else if (v instanceof Date) cells.push(v.toISOString().slice(0, 10));
        else cells.push(String(v));
      }),
    );
  });
  for (const key of ['title', 'subject', 'creator', 'description', 'keywords', 'category'] as const) if (wb[key]) cells.push(String(wb[key]));
  return { pdf: pdfText, docx: docxText, xlsx: cells.join('\n') };
}

const backend = backends.find((b) => b.name === 'pglite')!;

describe('rapporternas text innehåller inga interna markeringar (alla demoomgångar, PDF, DOCX, XLSX)', () => {
  let db: Db;
  let dir: string;
  before(async () => {
    db = await backend.open();
    await loadDemo(db);
    dir = mkdtempSync(join(tmpdir(), 'samverka-report-text-'));
  });
  after(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('markeringslistan fångar det den ska (handräknade exempel)', () => {
    assert.equal(findMarkers('Källa: seeds/001: ”Digital motor Fyrbodal”').length, 1);
    assert.equal(findMarkers('enligt DOMAIN.md §6').length, 3); // DOMAIN, §, DOMAIN.md
    assert.equal(findMarkers('estimatedCost: ska vara ett belopp').length, 1);
    assert.equal(findMarkers('self_assessment.created på round:7/1461').length, 2);
    assert.deepEqual(findMarkers('Källa: ”Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024” (Fyrbodals kommunalförbund, 2024), avsnitt 3.2. IT-chef, VästKom, e-arkiv, 2,5 %.'), []);
  });

  it('migrering 011 skriver om lagrade filreferenser till rapporternas titlar', async () => {
    const initiative = (await db.query<{ id: number }>('SELECT id FROM initiatives ORDER BY id LIMIT 1')).rows[0].id;
    await db.query(`INSERT INTO initiative_stage_log (initiative_id, from_stage, to_stage, reason, user_name) VALUES ($1, NULL, 'ide', $2, 'Test')`, [
      initiative,
      'Registrerat utifrån seeds/000 §3.1.1; seeds/002 (Skaraborg) (demodata)',
    ]);
    for (const stmt of splitSql(readFileSync('src/db/migrations/011_source_citations.sql', 'utf8'))) await db.query(stmt);
    const reasons = (await db.query<{ reason: string }>('SELECT reason FROM initiative_stage_log WHERE initiative_id = $1', [initiative])).rows.map((r) => r.reason);
    assert.ok(
      reasons.includes(
        'Registrerat utifrån ”Status för digitalisering i Fyrbodals kommuner – Analysrapport 2024” (Fyrbodals kommunalförbund, 2024), avsnitt 3.1.1; ' +
          '”Delregionala digitaliseringsstrategier (VGR Analys 2025:40)” (Västra Götalandsregionen, 2025) (Skaraborg) (demodata)',
      ),
      reasons.join(' | '),
    );
    const left = await db.query(`SELECT 1 FROM initiative_stage_log WHERE reason LIKE '%seeds/%' UNION ALL SELECT 1 FROM instruments WHERE definition::text LIKE '%seeds/%'`);
    assert.equal(left.rows.length, 0);
  });

  it('varje rapport för varje demoomgång samt handlingsplanen och indikatorerna', async () => {
    const rounds = await listRounds(db);
    assert.ok(rounds.length >= 6, `${rounds.length} demoomgångar`);
    const reports: Array<{ name: string; model: ReportModel; render: boolean }> = [];
    const all = process.env.REPORT_TEXT_ALL === '1';
    for (const round of rounds) {
      const data = await loadRoundReportData(db, round.id);
      reports.push({ name: `${round.title}: regional rapport`, model: regionalModel(data), render: true });
      const rendered = round.municipalities.includes('1461') ? '1461' : [...round.municipalities].sort()[0];
      for (const code of round.municipalities)
        reports.push({ name: `${round.title}: delrapport ${data.names[code] ?? code}`, model: delrapportModel(data, code), render: all || code === rendered });
    }
    reports.push({ name: 'Handlingsplan 2025–2026', model: handlingsplanReport(await handlingsplanModel(db, 2025, 2026)), render: true });
    reports.push({ name: 'Indikatorer 2025', model: indicatorsReport(await indicatorReport(db, 1, 2025)), render: true });
    reports.push({ name: 'Regionrapporten 2025', model: regionReport(await regionFollowUp(db, 2025)), render: true });
    // 6 rounds: 1 regional report each plus one delrapport per municipality of the round (13 + 11 + 4 + 14 + 10 + 14 = 66).
    assert.ok(reports.length >= 6 + 66 + 2, `${reports.length} rapporter`);

    const problems: string[] = [];
    for (const { name, model, render } of reports) {
      for (const p of findMarkers(modelTexts(model).join('\n'))) problems.push(`${name} (innehåll) – ${p}`);
      if (!render) continue;
      const texts = await extract(model, dir);
      for (const [format, text] of Object.entries(texts)) {
        assert.ok(text.trim().length > 100, `${name} (${format}): ingen text extraherad`);
        // The report's title reaches the document (the extraction works).
        assert.ok(text.replace(/\s+/g, ' ').includes(model.title.slice(0, 20)), `${name} (${format}): titeln saknas`);
        for (const p of findMarkers(text)) problems.push(`${name} (${format}) – ${p}`);
      }
    }
    assert.deepEqual([...new Set(problems)].slice(0, 40), []);
  });
});
