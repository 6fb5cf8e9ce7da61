// Issue 12, deliver 6: the group report "Jämförelse för en grupp kommuner" reproduces the Förstudierapport
// 4D's tabell 3, 4, 5 and Bilaga 5 (hand-typed from the published tables) with the quality flags, in the
// model and in PDF, DOCX and XLSX; municipalities are named only where the viewer may see names; the
// delrapport gains "IT-ekonomi" and "Risker"; the heatmap's bands, "–" cells and cell labels render.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chartOption } from '../src/domain/charts/option.ts';
import { specTexts, type HeatmapChart } from '../src/domain/charts/spec.ts';
import { economicsSection } from '../src/domain/reports/economics.ts';
import { buildGroupReport } from '../src/domain/reports/group.ts';
import { modelTexts, type ReportModel, type TableBlock } from '../src/domain/reports/model.ts';
import { reportModelSchema } from '../src/domain/reports/model-schema.ts';
import { risksSection } from '../src/domain/reports/risks.ts';
import { SOURCES } from '../src/domain/sources.ts';
import type { RiskView } from '../src/domain/risk/view.ts';
import { chartSvg } from '../src/reports/render/echarts.ts';
import { formatCell } from '../src/reports/render/format.ts';
import { renderReport } from '../src/reports/render/index.ts';
import { BILAGA_5, comparison, heatmap, MEMBERS, memberView } from './support/economics-report-fixture.ts';
import { DEMO, loggedIn, startApp, type Client, type TestApp } from './support/app.ts';
import { backends } from './support/db.ts';
import { readXlsx, tableAt } from './support/xlsx.ts';

const norm = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
const NAMES = Object.fromEntries(MEMBERS.map((m) => [m.code, m.name]));

const tables = (m: ReportModel, section: string) => m.sections.find((s) => s.id === section)?.blocks.filter((b): b is TableBlock => b.kind === 'table') ?? [];
const row = (t: TableBlock, first: string) => t.rows.find((r) => r[0] === first);
const shown = (t: TableBlock, first: string) => row(t, first)?.map((v, i) => formatCell(v, t.columns[i].format).replace(/\u00a0/g, ' '));

function groupModel(named = true): ReportModel {
  return buildGroupReport({ comparison: comparison(named), heatmap: heatmap(named), association: 'Fyrbodals kommunalförbund', generatedAt: '2026-12-01', memberNames: NAMES });
}

/** A table row as column label → cell. */
const byColumn = (t: TableBlock, first: string) => {
  const r = row(t, first);
  assert.ok(r, `raden ${first} saknas i ${t.caption}`);
  return Object.fromEntries(t.columns.map((c, i) => [c.label, r[i]]));
};
const pick = (o: Record<string, unknown>, keys: string[]) => keys.map((k) => o[k]);

/** The group report's seed figures, checked on a model; `names` are the columns of Bengtsfors, Färgelanda, Mellerud and Åmål. */
function assertSeedFigures(m: ReportModel, names: string[]) {
  const [t3] = tables(m, 'tabell-3');
  assert.deepEqual(t3.columns.map((c) => c.label).sort(), ['Kostnadskategori', 'TBM-kostnadspool', ...names, 'Totalt'].sort());
  assert.deepEqual(pick(byColumn(t3, 'It-tjänster'), [...names, 'Totalt']), [3_245_000, 2_538_000, 3_150_000, 2_400_000, 11_333_000]);
  assert.deepEqual(pick(byColumn(t3, 'Fiber'), [...names, 'Totalt']), [null, null, null, 1_210_000, 1_210_000]);
  assert.equal(byColumn(t3, 'Fiber')['TBM-kostnadspool'], 'Telekom');
  assert.deepEqual(pick(byColumn(t3, 'Totalsumma'), [...names, 'Totalt']), [12_496_743, 8_376_000, 12_536_252, 12_531_000, 45_939_995]);

  const [t4] = tables(m, 'tabell-4');
  const t4row = (first: string) => pick(byColumn(t4, first), [...names, 'Totalsumma']);
  assert.deepEqual(t4row('It-tjänster (30 %)'), [973_500, 761_400, 945_000, 720_000, 3_399_900]);
  assert.equal(t4row('It-utrustning (30 %)').at(-1), 1_227_420);
  assert.equal(t4row('It-kommunikation (30 %)').at(-1), 1_257_000);
  assert.deepEqual(t4row('Konsultstöd (30 %)'), [129_000, 446_400, 89_629, 450_000, 1_115_029]);
  assert.deepEqual(t4row('Besparingspotential (summan av cellerna)'), [1_669_200, 1_820_700, 1_925_449, 1_584_000, 6_999_349]);
  assert.deepEqual(t4row('Besparingspotential (publicerad)'), [2_782_000, 3_034_500, 3_209_082, 2_640_000, 6_999_349]);
  // The flag names both figures.
  assert.match(norm(t4.note ?? ''), new RegExp(`${names[0]}: publicerad 2 782 000 kr, summan av cellerna 1 669 200 kr`));

  const [t5] = tables(m, 'tabell-5');
  const t5row = (first: string) => t5.rows.find((r) => r[0] === first)!;
  assert.deepEqual(t5row(names[0]).filter((_, i) => i !== 4), [names[0], '2024', 12_496_743, 688_000_000, 17_200_000, 4_703_257]);
  const shownRow = (first: string) => shown(t5, first)!.slice(4);
  assert.deepEqual(shownRow(names[0]), ['1,82 %', '17 200 000 kr', '4 703 257 kr']);
  assert.deepEqual(shownRow(names[1]), ['1,61 %', '12 983 750 kr', '4 607 750 kr']);
  assert.deepEqual(shownRow(names[2]), ['1,74 %', '18 000 000 kr', '5 463 748 kr']);
  assert.deepEqual(shownRow(names[3]), ['1,26 %', '24 950 000 kr', '12 419 000 kr']);
  assert.deepEqual(t5row('Totalt').filter((_, i) => i !== 4), ['Totalt', '2024', 45_939_995, 2_925_350_000, 73_133_750, 27_193_755]);

  const [b5] = tables(m, 'bilaga-5');
  assert.deepEqual(pick(byColumn(b5, 'Antal bedömda risker'), names), [11, 12, 14, 13]);
  assert.deepEqual(pick(byColumn(b5, 'Varav allvarliga (riskvärde över 7)'), names), [8, 11, 13, 13]);
  // "–" for not assessed, never 0; serious marked.
  const risk = (k: number) => b5.rows.find((r) => typeof r[0] === 'string' && r[0].includes(BILAGA_5[k].title.replace(/\.$/, '').slice(0, 40)))?.[0] as string;
  assert.deepEqual(pick(byColumn(b5, risk(0)), names), ['6', '12*', '16*', '9*']);
  assert.deepEqual(pick(byColumn(b5, risk(2)), names), ['–', '–', '12*', '12*']);
  assert.deepEqual(pick(byColumn(b5, risk(17)), names), ['–', '6', '–', '–']);
  // Mellerud's 2024 values, also where the demo has a (synthesised) follow-up in 2025: the report is of 2024.
  assert.deepEqual(pick(byColumn(b5, risk(12)), names), ['–', '–', '16*', '–']);
  assert.deepEqual(pick(byColumn(b5, risk(13)), names), ['16*', '16*', '12*', '16*']);
  assert.equal(b5.rows.filter((r) => /^\d+\. /.test(String(r[0]))).length, 18);
  assert.ok(row(b5, 'Resurs- och kompetenshantering'), 'temarad');
}

describe('grupprapporten (ren modell ur de publicerade tabellerna)', () => {
  it('återger tabell 3, 4, 5 och bilaga 5 exakt, med flaggan som namnger båda siffrorna', () => {
    const m = groupModel();
    assert.equal(m.kind, 'group');
    assert.equal(m.title, 'Jämförelse för en grupp kommuner');
    assertSeedFigures(m, MEMBERS.map((x) => x.name));
    assert.doesNotThrow(() => reportModelSchema.parse(m));
    const dq = m.sections.find((s) => s.id === 'datakvalitet')!;
    assert.equal(dq.blocks.length, 4, 'fyra flaggor (en per kommun)');
    // Charts: pool mix, savings, share vs benchmark with the reference line, the risk heatmap.
    const charts = m.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'chart');
    assert.deepEqual(charts.map((c) => c.chart.type), ['stackedBars', 'bars', 'bars', 'heatmap']);
    const share = charts[2].chart;
    assert.ok(share.type === 'bars' && share.reference?.value === 2.5 && share.decimals === 2);
  });

  it('anonymiserad: "Kommun N" och inga kommunnamn utanför källhänvisningarna, samma siffror', () => {
    const m = groupModel(false);
    assertSeedFigures(m, ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Kommun 4']);
    // Citations of the published source reports stay as published (their titles name municipalities).
    const text = uncited(m);
    for (const n of ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål']) assert.ok(!text.includes(n), `${n} nämns`);
    assert.match(text, /anonymiserade/);
  });
});

describe('delrapportens avsnitt IT-ekonomi och Risker (ren modell)', () => {
  it('IT-ekonomi: andel mot riktmärket och gruppen, med år och underlag; andra kommuner anonymiserade', () => {
    const s = economicsSection({ view: memberView(2), group: comparison(true), roundYear: 2024 });
    assert.equal(s.heading, 'IT-ekonomi');
    const text = norm(s.blocks.map((b) => ('text' in b ? b.text : '')).join(' '));
    assert.match(text, /It-kostnaden för Mellerud 2024 är 12 536 252 kr \(summan av budgetposterna\)\. Det är 1,74 % av verksamhetens nettokostnad \(720 000 000 kr/);
    assert.match(text, /vore it-budgeten 18 000 000 kr, en förändring med \+5 463 748 kr/);
    const share = s.blocks.find((b): b is TableBlock => b.kind === 'table' && b.caption.startsWith('It-kostnad som andel'))!;
    assert.deepEqual(share.rows.map((r) => r[0]), ['Mellerud', 'Kommun 1', 'Kommun 2', 'Kommun 3', 'Totalt']);
    assert.match(norm(share.note ?? ''), /Riktmärke 2,5 %/);
    const other = economicsSection({ view: memberView(2), group: null, roundYear: 2021 });
    assert.match(norm(other.blocks.map((b) => ('text' in b ? b.text : '')).join(' ')), /ingen it-ekonomi för kommunen för 2021 eller tidigare; uppgifterna gäller 2024/);
  });

  it('Risker: värden med allvarliga markerade, antal, värden mot gränsen; "–" för inte bedömd', () => {
    const risks: RiskView[] = BILAGA_5.map((r, k) => ({
      id: k + 1,
      themeId: 't',
      theme: 'Tema',
      title: r.title,
      scope: { kind: 'group', groupId: 1, group: '4D' },
      owner: '',
      measure: '',
      status: 'identifierad',
      statusLabel: 'Identifierad',
      reviewDate: null,
      initiativeId: null,
      source: 'Bilaga 5',
      note: '',
      synthesised: false,
      current: [
        {
          municipalityCode: '1461',
          municipality: 'Mellerud',
          assessedOn: '2024-08-21',
          assessment: r.values[2] === null ? { state: 'notAssessed' } : { state: 'valueOnly', value: r.values[2] as 16 },
          value: r.values[2],
          serious: (r.values[2] ?? 0) > 7,
          source: 'Bilaga 5',
          note: '',
        },
      ],
      history: [],
    }));
    const s = risksSection({ municipality: { code: '1461', name: 'Mellerud' }, risks, matrix: null });
    assert.match(norm((s.blocks[0] as { text: string }).text), /Mellerud har 14 bedömda risker, varav 13 allvarliga \(riskvärde över 7\); 4 risker i registret är inte bedömda/);
    const t = s.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    assert.equal(t.rows.filter((r) => r[4] === '–').length, 4);
    assert.equal(t.rows.filter((r) => String(r[4]).endsWith('*')).length, 13);
    const chart = s.blocks.find((b) => b.kind === 'chart')!;
    assert.ok(chart.kind === 'chart' && chart.chart.type === 'bars' && chart.chart.reference?.value === 7);
  });
});

describe('värmekartan: band, "–"-celler och celltexter', () => {
  const spec: HeatmapChart = {
    type: 'heatmap',
    rows: ['Risk A', 'Risk B'],
    columns: ['Kommun 1', 'Kommun 2'],
    values: [
      [16, null],
      [4, 9],
    ],
    min: 1,
    max: 16,
    scale: 'diverging',
    legend: [],
    bands: [
      { min: 8, max: 16, label: 'Allvarlig risk (över 7)' },
      { min: 1, max: 7, label: 'Ej allvarlig (1–7)' },
    ],
    empty: { text: '–', label: 'Inte bedömd' },
    labels: [
      ['2 risker', ''],
      ['', '1 risk'],
    ],
  };
  it('banden blir visualMap-bitar; cellen utan värde ritas grå med "–"; celltexterna ersätter värdet', () => {
    const opt = chartOption(spec, { width: 640, height: 300 }) as { visualMap: Array<{ pieces: Array<{ gte: number; lte: number; label: string }>; seriesIndex: number }>; series: Array<{ data: Array<{ value: number[] }>; label: { formatter: (p: unknown) => string } }> };
    assert.deepEqual(opt.visualMap[0].pieces.map((p) => [p.gte, p.lte, p.label]), [
      [8, 16, 'Allvarlig risk (över 7)'],
      [1, 7, 'Ej allvarlig (1–7)'],
    ]);
    assert.deepEqual(opt.visualMap.map((v) => v.seriesIndex), [0, 1], 'de tomma cellerna färgas inte av skalan');
    assert.deepEqual(opt.visualMap[1].pieces.map((p) => p.label), ['– Inte bedömd']);
    assert.equal(opt.series.length, 2);
    assert.deepEqual(opt.series[1].data.map((d) => d.value.slice(0, 2)), [[1, 0]]);
    assert.equal(opt.series[0].label.formatter({ value: [0, 0, 16] }), '2 risker');
    assert.equal(opt.series[0].label.formatter({ value: [1, 1, 9] }), '1 risk');
    assert.ok(specTexts(spec).includes('Allvarlig risk (över 7)'));
    // Without labels the value is shown; without `empty` no grey series.
    const plain = chartOption({ ...spec, labels: undefined, empty: undefined }, { width: 640, height: 300 }) as typeof opt;
    assert.equal(plain.series.length, 1);
    assert.equal(plain.series[0].label.formatter({ value: [0, 0, 16] }), '16');
  });
  it('SVG: banden, "–" och celltexterna syns', () => {
    const { svg } = chartSvg(spec, 640);
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join('|');
    for (const t of ['Allvarlig risk (över 7)', 'Ej allvarlig (1–7)', '– Inte bedömd', '2 risker', '1 risk']) assert.ok(text.includes(t), `${t} saknas i ${text}`);
    // Serious in the first band's colour (red), the other band blue.
    assert.match(svg, /fill="#b2182b"/i);
    assert.match(svg, /fill="#2166ac"/i);
  });
});

describe('grupprapporten som PDF, DOCX och XLSX', () => {
  let dir: string;
  const files: Record<string, string> = {};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grupprapport-'));
    const m = groupModel();
    for (const f of ['pdf', 'docx', 'xlsx'] as const) {
      files[f] = join(dir, `grupp.${f}`);
      writeFileSync(files[f], await renderReport(m, f));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('PDF innehåller tabellernas siffror och flaggan', () => {
    const text = norm(execFileSync('pdftotext', [files.pdf, '-'], { encoding: 'utf8' }));
    for (const s of ['Jämförelse för en grupp kommuner', '45 939 995', '73 133 750', '27 193 755', '6 999 349', '2 782 000', '1 669 200', '1,82 %', 'Antal bedömda risker']) assert.ok(text.includes(s), `PDF saknar ${s}`);
  });
  it('DOCX innehåller tabellerna', () => {
    const xml = execFileSync('unzip', ['-p', files.docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const text = norm(xml.replace(/<[^>]+>/g, ' '));
    for (const s of ['Totalsumma', '12 496 743 kr', '6 999 349 kr', '2 782 000 kr', '1 669 200 kr', '27 193 755 kr', 'Varav allvarliga']) assert.ok(text.includes(s), `DOCX saknar ${s}`);
  });
  it('XLSX: tabell 3, 4, 5 och bilaga 5 som blad med tal', async () => {
    const wb = await readXlsx(readFileSync(files.xlsx));
    const t3 = tableAt(wb, 'Tabell 3', 'Kostnadskategori');
    assert.deepEqual(t3.find((r) => r[0] === 'Totalsumma')?.slice(2), [12_496_743, 8_376_000, 12_536_252, 12_531_000, 45_939_995]);
    const t4 = tableAt(wb, 'Tabell 4', 'Utgiftspost');
    assert.deepEqual(t4.find((r) => r[0] === 'Besparingspotential (publicerad)')?.slice(1), [2_782_000, 3_034_500, 3_209_082, 2_640_000, 6_999_349]);
    const t5 = tableAt(wb, 'Tabell 5', 'Kommun');
    const b = t5.find((r) => r[0] === 'Bengtsfors')!;
    assert.ok(Math.abs((b[4] as number) - 0.0181638) < 1e-6, `andel ${b[4]}`);
    const b5 = tableAt(wb, 'Bilaga 5', 'Identifierade risker');
    assert.deepEqual(b5.find((r) => r[0] === 'Antal bedömda risker')?.slice(1), [11, 12, 14, 13]);
  });
});

const GROUP_4D = '4D – Bengtsfors, Färgelanda, Mellerud och Åmål';
const SEED_NAMES = ['Bengtsfors', 'Färgelanda', 'Mellerud', 'Åmål'];
/** A model's texts without the citations of the published source reports (their titles name municipalities). */
const uncited = (m: ReportModel) => Object.values(SOURCES).reduce((t, s) => t.replaceAll(s.title, '').replaceAll(s.publisher, ''), modelTexts(m).join('\n'));

for (const backend of backends) {
  describe(`grupprapporten och delrapporten ur demodata (${backend.name})`, () => {
    let t: TestApp;
    let admin: Client;
    let reader: Client;
    let mellerud: Client;
    let id4d = 0;
    before(async () => {
      t = await startApp(backend, { demo: true });
      admin = await loggedIn(t.app, DEMO.admin);
      reader = await loggedIn(t.app, DEMO.reader);
      mellerud = await loggedIn(t.app, DEMO.mellerud);
      id4d = (await admin.get('/api/economics/groups')).body.groups.find((g: { name: string }) => g.name === GROUP_4D).id;
    });
    after(() => t?.close());

    it('förbundet: tabell 3, 4, 5 och bilaga 5 exakt som publicerat, med flaggorna', async () => {
      const r = await admin.get(`/api/reports/groups/${id4d}?year=2024`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const m = r.body.report as ReportModel;
      assert.equal(m.title, 'Jämförelse för en grupp kommuner');
      assertSeedFigures(m, SEED_NAMES);
      assert.ok(m.sections.some((s) => s.id === 'kostnadsfordelning'), 'kostnadsfördelningen');
      assert.match(uncited(m), /syntetiska uppgifter/, 'den syntetiska kostnadsfördelningen är märkt');
      const quality = m.sections.find((x) => x.id === 'datakvalitet')!;
      assert.ok(JSON.stringify(quality).includes('Kommunnamnet \\"Ämål\\" stämmer inte exakt'), 'källans stavning "Ämål" flaggas i rapporten');
    });

    it('PDF, DOCX och XLSX innehåller tabellerna', async () => {
      const pdf = await admin.request('GET', `/api/reports/groups/${id4d}?year=2024&format=pdf`);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), /jamforelse-4d-bengtsfors-fargelanda-mellerud-och-amal-2024\.pdf/);
      const dir = mkdtempSync(join(tmpdir(), 'grupprapport-api-'));
      try {
        const raw = await t.app.inject({ method: 'GET', url: `/api/reports/groups/${id4d}?year=2024&format=pdf`, headers: { cookie: admin.cookie! } });
        writeFileSync(join(dir, 'g.pdf'), raw.rawPayload);
        const text = norm(execFileSync('pdftotext', [join(dir, 'g.pdf'), '-'], { encoding: 'utf8' }));
        for (const s of ['45 939 995', '6 999 349', '2 782 000', '1 669 200', '27 193 755', 'Antal bedömda risker']) assert.ok(text.includes(s), `PDF saknar ${s}`);
        const docx = await t.app.inject({ method: 'GET', url: `/api/reports/groups/${id4d}?year=2024&format=docx`, headers: { cookie: admin.cookie! } });
        writeFileSync(join(dir, 'g.docx'), docx.rawPayload);
        const xml = norm(execFileSync('unzip', ['-p', join(dir, 'g.docx'), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/<[^>]+>/g, ' '));
        for (const s of ['Totalsumma', '12 496 743 kr', '6 999 349 kr', '2 782 000 kr', '1 669 200 kr', '73 133 750 kr']) assert.ok(xml.includes(s), `DOCX saknar ${s}`);
        const xlsx = await t.app.inject({ method: 'GET', url: `/api/reports/groups/${id4d}?year=2024&format=xlsx`, headers: { cookie: admin.cookie! } });
        const wb = await readXlsx(xlsx.rawPayload);
        const t3 = tableAt(wb, 'Tabell 3', 'Kostnadskategori');
        assert.equal(t3.find((r) => r[0] === 'Totalsumma')?.at(-1), 45_939_995);
        const t4 = tableAt(wb, 'Tabell 4', 'Utgiftspost');
        assert.equal(t4.find((r) => r[0] === 'Besparingspotential (summan av cellerna)')?.at(-1), 6_999_349);
        const b5 = tableAt(wb, 'Bilaga 5', 'Identifierade risker');
        assert.deepEqual([...(b5.find((r) => r[0] === 'Antal bedömda risker')!.slice(1) as number[])].sort((a, b) => a - b), [11, 12, 13, 14]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('en grupp som inte är publicerad med namn: läsaren ser "Kommun N", kommunansvarig sin egen kommun', async () => {
      await t.db.query('UPDATE municipality_groups SET named_published = false WHERE id = $1', [id4d]);
      try {
        const m = (await reader.get(`/api/reports/groups/${id4d}?year=2024`)).body.report as ReportModel;
        const [t3] = tables(m, 'tabell-3');
        assert.deepEqual(t3.columns.slice(2, 6).map((c) => c.label).sort(), ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Kommun 4']);
        const text = uncited(m);
        for (const n of SEED_NAMES) assert.ok(!text.includes(n), `${n} nämns för läsaren`);
        assert.equal(byColumn(t3, 'Totalsumma').Totalt, 45_939_995);
        const [b5] = tables(m, 'bilaga-5');
        assert.deepEqual(b5.columns.slice(1).map((c) => c.label), t3.columns.slice(2, 6).map((c) => c.label), 'samma Kommun N i bilaga 5 som i tabell 3');
        const own = (await mellerud.get(`/api/reports/groups/${id4d}?year=2024`)).body.report as ReportModel;
        const labels = tables(own, 'tabell-3')[0].columns.slice(2, 6).map((c) => c.label);
        assert.ok(labels.includes('Mellerud') && labels.filter((l) => /^Kommun \d$/.test(l)).length === 3, labels.join(', '));
        assert.equal(byColumn(tables(own, 'tabell-3')[0], 'Totalsumma').Mellerud, 12_536_252);
        for (const n of ['Bengtsfors', 'Färgelanda', 'Åmål']) assert.ok(!uncited(own).includes(n), `${n} nämns för Mellerud`);
      } finally {
        await t.db.query('UPDATE municipality_groups SET named_published = true WHERE id = $1', [id4d]);
      }
    });

    it('okänd grupp 404, fel format 400 med svenskt meddelande', async () => {
      assert.equal((await admin.get('/api/reports/groups/99999')).status, 404);
      const bad = await admin.get(`/api/reports/groups/${id4d}?format=odt`);
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.body), /Formatet ska vara pdf, docx, xlsx eller json/);
    });

    it('Melleruds delrapport har avsnitten IT-ekonomi (2024, mot riktmärket och gruppen) och Risker', async () => {
      const rounds = (await admin.get('/api/reports/rounds')).body.rounds as Array<{ id: number; periodEnd: string; municipalities: Array<{ code: string }> }>;
      const round = rounds.find((r) => r.periodEnd.startsWith('2024') && r.municipalities.some((m) => m.code === '1461'))!;
      assert.ok(round, 'en mätomgång 2024 med Mellerud');
      const m = (await admin.get(`/api/rounds/${round.id}/reports/municipalities/1461`)).body.report as ReportModel;
      const eco = m.sections.find((s) => s.heading === 'IT-ekonomi');
      assert.ok(eco, m.sections.map((s) => s.heading).join(', '));
      const text = norm(eco.blocks.map((b) => ('text' in b ? b.text : '')).join(' '));
      assert.match(text, /It-kostnaden för Mellerud 2024 är 12 536 252 kr/);
      assert.match(text, /1,74 % av verksamhetens nettokostnad \(720 000 000 kr/);
      assert.match(text, /vore it-budgeten 18 000 000 kr, en förändring med \+5 463 748 kr/);
      const share = eco.blocks.find((b): b is TableBlock => b.kind === 'table' && b.caption.startsWith('It-kostnad som andel'))!;
      assert.equal(share.rows.length, 5, 'Mellerud, tre andra kommuner och gruppens summa');
      // The group is named after the other members: "jämförelsegruppen", never a half-redacted "4D – (kommun), …".
      assert.ok(!JSON.stringify(eco).includes('(kommun)'), 'inga halvt maskerade namn i IT-ekonomi');
      assert.match(text, /I jämförelsegruppen \(4 kommuner, 2024\)/);
      assert.ok(m.sections.some((s) => s.heading === 'Risker'));
      const pdf = await t.app.inject({ method: 'GET', url: `/api/rounds/${round.id}/reports/municipalities/1461?format=pdf`, headers: { cookie: admin.cookie! } });
      const dir = mkdtempSync(join(tmpdir(), 'delrapport-'));
      try {
        writeFileSync(join(dir, 'd.pdf'), pdf.rawPayload);
        const pt = norm(execFileSync('pdftotext', [join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }));
        for (const s of ['IT-ekonomi', 'Risker', '12 536 252']) assert.ok(pt.includes(s), `PDF saknar ${s}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
