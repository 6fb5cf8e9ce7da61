// Reports people will edit (issue 9, deliverable 8), the parts without a database: the handlingsplan
// table fits its landscape page in PDF and DOCX without breaking a word, its sums are whole kronor, a
// yes/no indicator reads Ja/Nej, and the XLSX of every report has a flat data sheet (frozen header,
// autofilter, A1 start, wide enough columns). The round reports' flat sheets and the DOCX structure are
// tested against a hand-computed round in reports.test.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import type { HandlingsplanModel, HandlingsplanRow } from '../src/domain/portfolio/handlingsplan.ts';
import type { IndicatorRow } from '../src/domain/portfolio/indicators.ts';
import { reportAccess, notReportableReason, regionalWithheldReason } from '../src/domain/reports/access.ts';
import { HANDLINGSPLAN_COLUMNS, handlingsplanReport } from '../src/domain/reports/handlingsplan.ts';
import { indicatorsReport } from '../src/domain/reports/indicators.ts';
import type { TableBlock } from '../src/domain/reports/model.ts';
import { renderReport } from '../src/reports/render/index.ts';
import { fitColumns } from '../src/reports/render/widths.ts';
import { readXlsx } from './support/xlsx.ts';

const row = (over: Partial<HandlingsplanRow>): HandlingsplanRow => ({
  rank: 1,
  id: 1,
  title: 'Kompetensgemenskaper inom cybersäkerhet och juridik',
  stage: 'Genomförande',
  scope: 'Länsgemensam (regional)',
  area: 'Socialtjänst, vård och omsorg',
  need: 'Små kommuner saknar egen expertis.',
  collaborationForm: '',
  period: '2025–2026',
  participating: ['Bengtsfors', 'Dals-Ed', 'Färgelanda', 'Lysekil', 'Mellerud', 'Munkedal', 'Orust', 'Sotenäs', 'Strömstad', 'Tanum', 'Trollhättan', 'Uddevalla'],
  interested: ['Vänersborg', 'Åmål'],
  actors: ['Business Region Väst', 'Fyrbodals kommunalförbund'],
  weightedScore: 45 / 11,
  scorePercent: null,
  estimatedCost: 100_000.4,
  sekPerYear: 0.1,
  hoursPerYear: 250.4,
  funding: 'VGR/MRU (Regional finansiering via Digitaliseringsrådet)',
  ...over,
});

const plan: HandlingsplanModel = {
  title: 'Handlingsplan 2025–2026',
  association: 'Fyrbodals kommunalförbund',
  period: { from: 2025, to: 2026 },
  generatedAt: '2026-11-30T10:00:00.000Z',
  rows: [row({}), row({ rank: 2, id: 2, title: 'Digital post', estimatedCost: 200_000.4, sekPerYear: 0.2, hoursPerYear: 100.4, weightedScore: null })],
  criteria: [{ label: 'Nytta', weight: 2, description: 'Förväntad nytta för kommunerna' }],
  // The domain's own sums carry the floating-point tails the report must not show.
  totals: { initiatives: 2, estimatedCost: 300_000.8, sekPerYear: 0.30000000000000004, hoursPerYear: 350.8, municipalities: 12 },
  notes: [],
};

/** The landscape text width: A4 long side less 2 cm margins (DOCX twips) / 56 pt margins (PDF points). */
const DOCX_TEXT_WIDTH = 16838 - 2 * 1134;
const PDF_TEXT_WIDTH = 841.89 - 2 * 56;

function unzip(buf: Buffer, entry: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-redig-'));
  try {
    const file = join(dir, 'f.zip');
    writeFileSync(file, buf);
    return execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('handlingsplanen i liggande format', () => {
  const model = handlingsplanReport(plan);
  const table = model.sections[0].blocks.find((b): b is TableBlock => b.kind === 'table')!;

  it('summor i hela kronor och timmar, lika med summan av de avrundade raderna', () => {
    const sum = table.rows[table.rows.length - 1];
    assert.equal(sum[1], 'Summa');
    // 100 000,4 → 100 000 and 200 000,4 → 200 000: 300 000 (not 300 000,8); 0,1 + 0,2 kr → 0 + 0 = 0;
    // 250,4 h → 250 and 100,4 h → 100: 350.
    assert.deepEqual([sum[10], sum[11], sum[12]], [300_000, 0, 350]);
    assert.deepEqual([table.rows[0][10], table.rows[0][11], table.rows[0][12]], [100_000, 0, 250]);
    // 45/11 = 4,0909… → 4,09.
    assert.equal(table.rows[0][9], 4.09);
  });

  it('DOCX: tabellens kolumner ryms på sidan, fast layout och rubrikrad som upprepas', async () => {
    const xml = unzip(await renderReport(model, 'docx'), 'word/document.xml');
    const grid = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)][0][1];
    const cols = [...grid.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    assert.equal(cols.length, HANDLINGSPLAN_COLUMNS.length);
    const total = cols.reduce((s, w) => s + w, 0);
    assert.ok(total <= DOCX_TEXT_WIDTH, `kolumnerna ${total} twips > sidans ${DOCX_TEXT_WIDTH}`);
    assert.ok(total > DOCX_TEXT_WIDTH - 100, `tabellen fyller inte sidan (${total} twips)`);
    assert.match(xml, /<w:tblLayout w:type="fixed"\/>/);
    assert.match(xml, /<w:tblHeader\/>/);
    // "Verksamhetsområde" in bold Helvetica at the table's font size (twice the w:sz half-points) fits its column.
    const size = Number(/<w:tblHeader\/>.*?<w:sz w:val="(\d+)"\/>/s.exec(xml)![1]) / 2;
    const doc = new PDFDocument({ autoFirstPage: false });
    const word = doc.font('Helvetica-Bold').fontSize(size).widthOfString('Verksamhetsområde') * 20;
    assert.ok(cols[4] >= word, `Verksamhetsområde (${Math.round(word)} twips) bryts i kolumnen (${cols[4]} twips)`);
  });

  it('PDF: bredderna ryms på sidan och inget ord är bredare än sin kolumn', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const measure = (t: string, bold: boolean, size: number) => doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).widthOfString(t);
    const fit = fitColumns(table, PDF_TEXT_WIDTH, measure, 3, [7.5, 7, 6.5, 6]);
    assert.equal(fit.fits, true);
    assert.ok(Math.abs(fit.widths.reduce((s, w) => s + w, 0) - PDF_TEXT_WIDTH) < 0.01);
    const longest: Array<[number, string, boolean]> = [
      [1, 'Kompetensgemenskaper', false],
      [4, 'Verksamhetsområde', true],
      [8, 'kommunalförbund', false],
      [13, 'Digitaliseringsrådet)', false],
    ];
    for (const [i, w, bold] of longest) assert.ok(fit.widths[i] >= measure(w, bold, fit.size) + 6, `${w} bryts (kolumn ${i})`);
  });

  it('PDF i liggande A4', async () => {
    const pdf = await renderReport(model, 'pdf');
    const dir = mkdtempSync(join(tmpdir(), 'samverka-redig-'));
    try {
      writeFileSync(join(dir, 'p.pdf'), pdf);
      assert.match(execFileSync('pdfinfo', [join(dir, 'p.pdf')], { encoding: 'utf8' }), /Page size:\s+841\.89 x 595\.28/);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
      assert.match(text, /300\s000\skr/);
      assert.doesNotMatch(text, /Verksamhetsomr\s*\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('XLSX: datablad med en rad per initiativ, fryst rubrikrad och autofilter', async () => {
    const wb = await readXlsx(await renderReport(model, 'xlsx'));
    const ws = wb.getWorksheet('Data');
    assert.ok(ws);
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), [...HANDLINGSPLAN_COLUMNS, 'Behov']);
    assert.equal(ws.rowCount, 3); // header + 2 initiatives, no Summa row
    assert.deepEqual((ws.getRow(2).values as unknown[]).slice(11, 14), [100_000, 0, 250]);
    assert.equal(ws.views[0].state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(ws.autoFilter, 'A1:O3');
    for (const s of wb.worksheets) assert.ok(s.getCell('A1').value, `${s.name} börjar inte i A1`);
  });
});

describe('indikatorrapporten', () => {
  const ind = (over: Partial<IndicatorRow>): IndicatorRow => ({
    indicator: 'aktorer',
    label: 'Antal delregionala aktörer som deltar genom projektet',
    unit: 'antal',
    definition: 'Aktörer räknas inklusive medlemskommunerna.',
    expected: 20,
    published: { value: 15, source: 'Delregionala digitaliseringsstrategier (VGR Analys 2025:40)', asOf: 'aug. 2025' },
    computed: { value: 16, base: 'aktörer', n: null, count: 16, synthesised: false, incomplete: false, caveat: '' },
    notComputed: '',
    note: '',
    ...over,
  });
  const model = indicatorsReport({
    association: { id: 1, shortId: 'fyrbodal', name: 'Fyrbodals kommunalförbund', actorsIncludeMunicipalities: true, indicatorDefinition: '', members: 14 },
    year: 2025,
    generatedAt: '2026-11-30T10:00:00.000Z',
    funding: [],
    flags: [],
    indicators: [
      ind({}),
      ind({
        indicator: 'aktiva_natverk',
        label: 'Delregionalt digitaliseringsnätverk är aktivt',
        expected: 1,
        published: { value: 4, source: '', asOf: '' },
        computed: { value: 0, base: 'aktiva nätverk', n: 4, count: 0, synthesised: false, incomplete: false, caveat: '' },
      }),
    ],
  });

  it('en ja/nej-indikator visas som Ja/Nej med sitt antal; de tre utfallen i var sin kolumn', async () => {
    const t = model.sections[0].blocks.find((b): b is TableBlock => b.kind === 'table')!;
    assert.deepEqual(t.rows[0].slice(0, 4), ['Antal delregionala aktörer som deltar genom projektet', '20', '15 (per aug. 2025)', '16']);
    assert.deepEqual([t.rows[1][1], t.rows[1][2], t.rows[1][3]], ['Ja (1)', 'Ja (4)', 'Nej (0)']);
    const wb = await readXlsx(await renderReport(model, 'xlsx'));
    const data = wb.getWorksheet('Data')!;
    const r = (data.getRow(3).values as unknown[]).slice(1);
    assert.deepEqual(r.slice(0, 5), ['Fyrbodals kommunalförbund', 'Delregionalt digitaliseringsnätverk är aktivt', 'ja/nej (antal)', 1, 4]);
    const xml = unzip(await renderReport(model, 'docx'), 'word/document.xml');
    assert.doesNotMatch(xml.replace(/<[^>]+>/g, ' '), /\btrue\b|\bfalse\b/);
  });
});

describe('rapporternas behörighetsregel (sidan och servern)', () => {
  const closed = { status: 'closed' as const, municipalities: ['1460', '1461', '1462'], responses: 9, regionalMunicipalities: 3 };
  it('utkast och omgångar utan svar har inga rapporter', () => {
    assert.match(notReportableReason({ ...closed, status: 'draft' })!, /utkast/);
    assert.match(notReportableReason({ ...closed, status: 'open', responses: 0 })!, /inga inskickade svar/);
    assert.deepEqual(reportAccess({ role: 'forbundsadmin', municipalities: [] }, { ...closed, status: 'draft' }), { regional: false, municipalities: [] });
  });
  it('läsare: bara den regionala rapporten för en stängd omgång; kommunansvarig: egna delrapporter', () => {
    assert.deepEqual(reportAccess({ role: 'lasare', municipalities: [] }, closed), { regional: true, municipalities: [] });
    assert.deepEqual(reportAccess({ role: 'lasare', municipalities: [] }, { ...closed, status: 'open' }), { regional: false, municipalities: [] });
    assert.deepEqual(reportAccess({ role: 'kommunansvarig', municipalities: ['1461'] }, { ...closed, status: 'open' }), { regional: true, municipalities: ['1461'] });
    assert.deepEqual(reportAccess({ role: 'kommunansvarig', municipalities: ['1488'] }, { ...closed, status: 'open' }), { regional: false, municipalities: [] });
    assert.deepEqual(reportAccess({ role: 'forbundsadmin', municipalities: [] }, { ...closed, status: 'open' }), { regional: true, municipalities: ['1460', '1461', '1462'] });
  });
  it('den regionala rapporten kräver minst 3 kommuner med tillräckligt många svarande, för alla roller', () => {
    const two = { ...closed, regionalMunicipalities: 2 };
    assert.equal(regionalWithheldReason(closed), null);
    assert.match(regionalWithheldReason(two)!, /minst 3 kommuner; i mätomgången har bara 2 kommuner/);
    assert.match(regionalWithheldReason({ ...closed, regionalMunicipalities: 1 })!, /bara 1 kommun tillräckligt/);
    assert.match(regionalWithheldReason({ ...closed, regionalMunicipalities: 0 })!, /ingen kommun tillräckligt/);
    assert.deepEqual(reportAccess({ role: 'forbundsadmin', municipalities: [] }, two), { regional: false, municipalities: ['1460', '1461', '1462'] });
    assert.deepEqual(reportAccess({ role: 'lasare', municipalities: [] }, two), { regional: false, municipalities: [] });
    assert.deepEqual(reportAccess({ role: 'kommunansvarig', municipalities: ['1461'] }, two), { regional: false, municipalities: ['1461'] });
  });
});
