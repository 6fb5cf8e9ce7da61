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
import { BILAGA_5, comparison, heatmap, MEMBERS, memberView } from './support/economics-fixture.ts';
import { readXlsx, tableAt } from './support/xlsx.ts';

const norm = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
const NAMES = Object.fromEntries(MEMBERS.map((m) => [m.code, m.name]));

const tables = (m: ReportModel, section: string) => m.sections.find((s) => s.id === section)?.blocks.filter((b): b is TableBlock => b.kind === 'table') ?? [];
const row = (t: TableBlock, first: string) => t.rows.find((r) => r[0] === first);
const shown = (t: TableBlock, first: string) => row(t, first)?.map((v, i) => formatCell(v, t.columns[i].format).replace(/\u00a0/g, ' '));

function groupModel(named = true): ReportModel {
  return buildGroupReport({ comparison: comparison(named), heatmap: heatmap(named), association: 'Fyrbodals kommunalförbund', generatedAt: '2026-12-01', memberNames: NAMES });
}

/** The group report's seed figures, checked on a model (named or anonymised: same numbers). */
function assertSeedFigures(m: ReportModel, names: string[]) {
  const [t3] = tables(m, 'tabell-3');
  assert.deepEqual(t3.columns.map((c) => c.label), ['Kostnadskategori', 'TBM-kostnadspool', ...names, 'Totalt']);
  assert.deepEqual(shown(t3, 'It-tjänster'), ['It-tjänster', 'Externa tjänster', '3 245 000 kr', '2 538 000 kr', '3 150 000 kr', '2 400 000 kr', '11 333 000 kr']);
  assert.deepEqual(shown(t3, 'Fiber'), ['Fiber', 'Telekom', '–', '–', '–', '1 210 000 kr', '1 210 000 kr']);
  assert.deepEqual(row(t3, 'Totalsumma'), ['Totalsumma', '', 12_496_743, 8_376_000, 12_536_252, 12_531_000, 45_939_995]);

  const [t4] = tables(m, 'tabell-4');
  assert.deepEqual(row(t4, 'It-tjänster (30 %)'), ['It-tjänster (30 %)', 973_500, 761_400, 945_000, 720_000, 3_399_900]);
  assert.deepEqual(row(t4, 'It-utrustning (30 %)')?.at(-1), 1_227_420);
  assert.deepEqual(row(t4, 'It-kommunikation (30 %)')?.at(-1), 1_257_000);
  assert.deepEqual(row(t4, 'Konsultstöd (30 %)'), ['Konsultstöd (30 %)', 129_000, 446_400, 89_629, 450_000, 1_115_029]);
  assert.deepEqual(row(t4, 'Besparingspotential (summan av cellerna)'), ['Besparingspotential (summan av cellerna)', 1_669_200, 1_820_700, 1_925_449, 1_584_000, 6_999_349]);
  assert.deepEqual(row(t4, 'Besparingspotential (publicerad)'), ['Besparingspotential (publicerad)', 2_782_000, 3_034_500, 3_209_082, 2_640_000, 6_999_349]);
  // The flag names both figures.
  assert.match(norm(t4.note ?? ''), new RegExp(`${names[0]}: publicerad 2 782 000 kr, summan av cellerna 1 669 200 kr`));

  const [t5] = tables(m, 'tabell-5');
  assert.deepEqual(row(t5, names[0]), [names[0], '2024', 12_496_743, 688_000_000, (12_496_743 / 688_000_000) * 100, 17_200_000, 4_703_257]);
  assert.deepEqual(shown(t5, names[0])?.[4], '1,82 %');
  assert.deepEqual(shown(t5, names[1])?.slice(4), ['1,61 %', '12 983 750 kr', '4 607 750 kr']);
  assert.deepEqual(shown(t5, names[2])?.slice(4), ['1,74 %', '18 000 000 kr', '5 463 748 kr']);
  assert.deepEqual(shown(t5, names[3])?.slice(4), ['1,26 %', '24 950 000 kr', '12 419 000 kr']);
  assert.deepEqual(row(t5, 'Totalt')?.filter((_, i) => i !== 4), ['Totalt', '2024', 45_939_995, 2_925_350_000, 73_133_750, 27_193_755]);

  const [b5] = tables(m, 'bilaga-5');
  assert.deepEqual(row(b5, 'Antal bedömda risker'), ['Antal bedömda risker', 11, 12, 14, 13]);
  assert.deepEqual(row(b5, 'Varav allvarliga (riskvärde över 7)'), ['Varav allvarliga (riskvärde över 7)', 8, 11, 13, 13]);
  // "–" for not assessed, never 0; serious marked.
  const risk = (k: number) => `${k + 1}. ${BILAGA_5[k].title}`;
  assert.deepEqual(row(b5, risk(0)), [risk(0), '6', '12*', '16*', '9*']);
  assert.deepEqual(row(b5, risk(2)), [risk(2), '–', '–', '12*', '12*']);
  assert.deepEqual(row(b5, risk(17)), [risk(17), '–', '6', '–', '–']);
  assert.equal(b5.rows.filter((r) => BILAGA_5.some((_, k) => risk(k) === r[0])).length, 18);
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
    const text = Object.values(SOURCES).reduce((t, s) => t.replaceAll(s.title, ''), modelTexts(m).join('\n'));
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
