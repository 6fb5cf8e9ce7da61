// One chart specification rendered by ECharts everywhere (issue 11): the rules of figureChart and
// chartOption with hand-computed expectations (sorted bars, the mean line, the radar split, one colour
// per role in every chart type, "Vet ej" grey and last, the empty state), WCAG contrast of the palette,
// and every chart of every demo report and of the demo rounds' analysis views rendered to SVG with
// ECharts' server-side renderer: each SVG has the chart's labels and its data marks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { Db } from '../src/db/db.ts';
import { getMunicipalityView, getRegionalView } from '../src/analysis/service.ts';
import { loadDemo } from '../src/demo/index.ts';
import type { Figure } from '../src/domain/analysis/views.ts';
import { figureChart } from '../src/domain/charts/figure.ts';
import { chartOption, placeLabels, wrapLabel } from '../src/domain/charts/option.ts';
import { BACKGROUND, INK, MUTED, QUADRANT_LETTER, ROLE_COLOURS, contrast, ordinalPalette, seriesColour, textOn } from '../src/domain/charts/palette.ts';
import { isEmptySpec, radarParts, specTexts, splitRadar, type ChartSpec, type RadarChart } from '../src/domain/charts/spec.ts';
import { handlingsplanReport } from '../src/domain/reports/handlingsplan.ts';
import { indicatorsReport } from '../src/domain/reports/indicators.ts';
import type { ReportModel } from '../src/domain/reports/model.ts';
import { handlingsplanModel, indicatorReport } from '../src/portfolio/service.ts';
import { chartSvg, paperCharts } from '../src/reports/render/echarts.ts';
import { renderReport } from '../src/reports/render/index.ts';
import { delrapportModel, loadRoundReportData, regionalModel } from '../src/reports/service.ts';
import { listRounds } from '../src/store/rounds.ts';
import { backends } from './support/db.ts';

type Opt = Record<string, any>;
const SIZE = { width: 640, height: 400 };

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** All text of an SVG without whitespace (a label broken over lines is still found). */
const svgText = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1])).join('').replace(/\s+/g, '');
const has = (text: string, label: string) => text.includes(label.replace(/\s+/g, ''));
const paints = (svg: string, colour: string) => new RegExp(`(fill|stroke)="${colour}"`, 'i').test(svg);

/** The colours a spec's data marks must be painted with (at least one mark each). */
function markColours(c: ChartSpec): string[] {
  const anyValue = (vs: ReadonlyArray<number | null>) => vs.some((v) => typeof v === 'number' && v > 0);
  switch (c.type) {
    case 'bars': {
      // Single-series bars draw the own municipality's bar in the own colour.
      const own = (i: number) => c.series.length === 1 && (c.own ?? []).includes(c.categories[i]);
      return c.series.flatMap((s, j) => [
        ...(anyValue(c.values.filter((_, i) => !own(i)).map((r) => r[j])) ? [seriesColour(s)] : []),
        ...(anyValue(c.values.filter((_, i) => own(i)).map((r) => r[j])) ? [ROLE_COLOURS.own] : []),
      ]);
    }
    case 'stackedBars':
      return c.series.filter((_, j) => anyValue(c.values.map((r) => r[j]))).map((s) => seriesColour(s, c.scale, c.levels));
    case 'radar':
      return c.series.filter((s) => anyValue(s.values)).map((s) => seriesColour(s));
    case 'quadrant':
      return [...new Set(c.points.map((p) => seriesColour({ label: p.label, role: p.role ?? 'value' })))];
    case 'heatmap':
      return [];
  }
}

/** Renders a spec as paper does (a large radar in parts) and checks labels and marks; returns problems. */
function checkRendered(name: string, spec: ChartSpec): string[] {
  const problems: string[] = [];
  const parts = paperCharts(spec, 640, name);
  const svgs = parts.map((p) => p.svg);
  const text = svgs.map(svgText).join('');
  if (isEmptySpec(spec)) {
    if (!has(text, 'Inga värden att visa')) problems.push(`${name}: tomt diagram utan förklaring`);
    return problems;
  }
  for (const label of specTexts(spec)) if (label && !has(text, label)) problems.push(`${name}: etiketten "${label}" saknas`);
  if (spec.type === 'radar' && /…/.test(text)) problems.push(`${name}: avkortad radaretikett`);
  for (const colour of markColours(spec)) if (!svgs.some((s) => paints(s, colour))) problems.push(`${name}: inga datamärken i ${colour}`);
  if (spec.type === 'heatmap' && !ordinalPalette(spec.scale, Math.max(spec.legend.length, 5)).some((c) => svgs.some((s) => paints(s, c)))) problems.push(`${name}: inga celler`);
  return problems;
}

/** A PDF's drawing operations (its content streams inflated) and the text they draw, without whitespace. */
function pdfContent(pdf: Buffer): { ops: string; text: string } {
  const raw = pdf.toString('latin1');
  let ops = '';
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    try {
      ops += inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      // not a deflated stream (fonts, metadata)
    }
  }
  const text = [...ops.matchAll(/<([0-9a-f]*)>\s*Tj|\[((?:[^\]]|\\\])*)\]\s*TJ/gi)]
    .map((m) => (m[1] !== undefined ? m[1] : [...m[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]).join('')))
    .map((hex) => Buffer.from(hex, 'hex').toString('latin1'))
    .join('')
    .replace(/\s+/g, '');
  return { ops, text };
}

/** The PDF fill operator of a #rrggbb colour (pdfkit writes each component divided by 255). */
const pdfFill = (colour: string) => new RegExp([1, 3, 5].map((i) => String(parseInt(colour.slice(i, i + 2), 16) / 255).slice(0, 6).replace('.', '\\.')).join('\\d* ') + '\\d* scn');

const fig = (over: Partial<Figure>): Figure => ({ id: 'f', title: 'Figur', chart: 'bar', base: 'municipalities', n: 4, notes: [], columns: [], rows: [], ...over });

describe('diagram: en specifikation, ECharts överallt', () => {
  it('staplarna sorteras efter värde (högst först, saknat värde sist) och regionens medel ritas som linje', () => {
    const spec = figureChart(
      fig({
        sort: 'desc',
        reference: { label: 'Regionens medel', value: 55, role: 'mean' },
        columns: [
          { key: 'name', label: 'Kommun', format: 'text' },
          { key: 'overall', label: 'Totalt', format: 'pct', series: true },
        ],
        rows: [
          { key: 'a', label: 'Kommun 1', cells: { name: 'Kommun 1', overall: 40 } },
          { key: 'b', label: 'Kommun 2', cells: { name: 'Kommun 2', overall: 70 } },
          { key: 'c', label: 'Vänersborg', cells: { name: 'Vänersborg', overall: 55 }, own: true },
          { key: 'd', label: 'Kommun 3', cells: { name: 'Kommun 3', overall: null } },
        ],
      }),
    );
    const o = chartOption(spec, SIZE) as Opt;
    assert.deepEqual(o.yAxis.data, ['Kommun 2', 'Vänersborg', 'Kommun 1', 'Kommun 3']);
    assert.deepEqual(o.series[0].data, [70, { value: 55, itemStyle: { color: ROLE_COLOURS.own } }, 40, '-']);
    assert.deepEqual(o.series[0].markLine.data, [{ xAxis: 55 }]);
    assert.equal(o.series[0].markLine.lineStyle.color, ROLE_COLOURS.mean);
    assert.equal(o.series[0].markLine.label.formatter, 'Regionens medel: 55 %');
    assert.equal(o.xAxis.max, 100);
    const svg = chartSvg(spec, 640).svg;
    assert.ok(has(svgText(svg), 'Regionens medel: 55 %'));
  });

  it('en radar med 26 frågor delas i radarer med högst 12 ekrar, efter grupperna', () => {
    const sizes = [7, 6, 5, 4, 2, 2]; // digital mognad: effektivitet … användare
    const groups = sizes.flatMap((n, g) => Array.from({ length: n }, () => `G${g + 1}`));
    const axes = groups.map((g, i) => `Fråga ${i + 1} (${g})`);
    const spec: RadarChart = { type: 'radar', axes, groups, max: 100, unit: '%', series: [{ label: 'Genomsnitt', role: 'mean', values: axes.map((_, i) => i) }] };
    // 7 (+6 = 13 > 12: new radar), 6 + 5 = 11 (+4 = 15: new), 4 + 2 + 2 = 8.
    assert.deepEqual(
      radarParts(spec).map((p) => [p.title, p.axes.length]),
      [
        ['G1', 7],
        ['G2, G3', 11],
        ['G4, G5, G6', 8],
      ],
    );
    // Without groups: 26 in three even parts of 9, 9 and 8.
    assert.deepEqual(radarParts({ ...spec, groups: undefined }).map((p) => p.axes.length), [9, 9, 8]);
    const o = chartOption(spec, { width: 1300, height: 600 }) as Opt;
    assert.equal(o.radar.length, 3);
    assert.deepEqual(o.series.map((s: Opt) => s.data[0].value.length), [7, 11, 8]);
    assert.deepEqual(o.series[1].data[0].value.slice(0, 2), [7, 8]);
    const parts = splitRadar(spec);
    assert.deepEqual(parts[2].chart.series[0].values, [18, 19, 20, 21, 22, 23, 24, 25]);
    // Long labels are wrapped, never cut.
    assert.equal(wrapLabel('Styrning och ledning av digitaliseringsarbetet', 16), 'Styrning och\nledning av\ndigitaliseringsarbetet');
  });

  it('samma roll har samma färg i varje diagramtyp', () => {
    const bars = chartOption({ type: 'bars', categories: ['a', 'b'], series: [{ label: 'Er kommun', role: 'own' }, { label: 'Medel', role: 'mean' }], values: [[1, 2], [3, 4]], max: 100, unit: '%' }, SIZE) as Opt;
    const radar = chartOption(
      { type: 'radar', axes: ['a', 'b', 'c'], max: 100, unit: '%', series: [{ label: 'Lägst', role: 'lowest', values: [1, 2, 3] }, { label: 'Medel', role: 'mean', values: [4, 5, 6] }, { label: 'Högst', role: 'highest', values: [7, 8, 9] }, { label: 'Er kommun', role: 'own', values: [1, 1, 1] }] },
      SIZE,
    ) as Opt;
    const quadrant = chartOption({ type: 'quadrant', xLabel: 'x', yLabel: 'y', thresholds: { x: 50, y: 50 }, fields: { A: 'a', B: 'b', C: 'c', D: 'd' }, points: [{ label: 'Er kommun', x: 10, y: 10, role: 'own' }] }, SIZE) as Opt;
    assert.equal(bars.series[0].itemStyle.color, '#b35806');
    assert.equal(radar.series[0].data[3].lineStyle.color, '#b35806');
    assert.equal(quadrant.series[0].data[0].itemStyle.color, '#b35806');
    assert.equal(bars.series[1].itemStyle.color, '#2166ac');
    assert.equal(radar.series[0].data[1].lineStyle.color, '#2166ac');
    assert.deepEqual(radar.series[0].data.map((d: Opt) => d.lineStyle.color), ['#b2182b', '#2166ac', '#1b7837', '#b35806']);
    assert.deepEqual(radar.series[0].data.map((d: Opt) => d.lineStyle.type), ['dashed', 'solid', 'dashed', 'solid']);
  });

  it('"Vet ej" är grå och sist, med ett mellanrum; skalan diverging eller sekventiell', () => {
    const o = chartOption(
      {
        type: 'stackedBars',
        categories: ['Fråga'],
        series: [
          { label: 'Vet ej', role: 'dontKnow' },
          { label: 'Stämmer inte', role: 'level', level: 0 },
          { label: 'Stämmer delvis', role: 'level', level: 1 },
          { label: 'Stämmer helt', role: 'level', level: 2 },
        ],
        values: [[10, 20, 30, 40]],
        scale: 'diverging',
        levels: 3,
      },
      SIZE,
    ) as Opt;
    assert.deepEqual(o.legend.data, ['Stämmer inte', 'Stämmer delvis', 'Stämmer helt', 'Vet ej']);
    assert.deepEqual(o.series.map((s: Opt) => s.name), ['Stämmer inte', 'Stämmer delvis', 'Stämmer helt', '', 'Vet ej']);
    assert.deepEqual(o.series.map((s: Opt) => s.data[0]), [20, 30, 40, 2, 10]);
    assert.equal(o.series[4].itemStyle.color, '#8c8c8c');
    assert.equal(o.series[3].itemStyle.color, 'transparent');
    // Diverging: red, the purple middle, blue.
    assert.deepEqual(o.series.slice(0, 3).map((s: Opt) => s.itemStyle.color), ['#b2182b', '#9a6fb0', '#2166ac']);
    assert.deepEqual(ordinalPalette('sequential', 3), ['#1f9e89', '#31688e', '#482576']);
  });

  it('inga värden eller en okänd diagramtyp ger en förklaring, aldrig en tom yta', () => {
    const empty = chartOption({ type: 'bars', categories: [], series: [], values: [], max: 0, unit: '' }, SIZE) as Opt;
    assert.match(empty.title.text.replace(/\n/g, ' '), /^Inga värden att visa i diagrammet\.$/);
    const unknown = chartOption({ type: 'pie' } as unknown as ChartSpec, SIZE) as Opt;
    assert.match(unknown.title.text.replace(/\n/g, ' '), /okänd diagramtyp/);
    assert.match(svgText(chartSvg({ type: 'pie' } as unknown as ChartSpec, 640).svg), /okänddiagramtyp/);
    assert.ok(has(svgText(chartSvg({ type: 'radar', axes: ['a', 'b', 'c'], max: 100, unit: '%', series: [{ label: 'x', role: 'mean', values: [null, null, null] }] }, 640).svg), 'Inga värden att visa i diagrammet.'));
    assert.equal(figureChart(fig({ chart: 'none' })).type, 'bars');
    assert.ok(isEmptySpec(figureChart(fig({ chart: 'none' }))));
  });

  it('kvadrantens etiketter krockar inte och försvinner aldrig', () => {
    const points = ['Kommun 1', 'Kommun 2', 'Kommun 3', 'Er kommun'].map((text) => ({ x: 300, y: 200, text, size: 11 }));
    const placed = placeLabels(points, { x1: 0, y1: 0, x2: 640, y2: 400 });
    assert.equal(placed.length, 4);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const [a, b] = [placed[i].box, placed[j].box];
        assert.ok(a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1, `etikett ${i} och ${j} överlappar`);
      }
    // The first takes the place right of its point, the second the left.
    assert.deepEqual([placed[0].align, placed[0].dx, placed[1].align, placed[1].dx], ['left', 9, 'right', -9]);
    const spec: ChartSpec = {
      type: 'quadrant',
      xLabel: 'Digital förmåga (%)',
      yLabel: 'Digitalt arv (%)',
      thresholds: { x: 50, y: 50 },
      fields: { A: 'Låg förmåga, begränsande arv', B: 'Låg förmåga, möjliggörande arv', C: 'Hög förmåga, begränsande arv', D: 'Hög förmåga, möjliggörande arv' },
      points: Array.from({ length: 14 }, (_, i) => ({ label: `Kommun ${i + 1}`, x: 40 + (i % 3), y: 40 + (i % 2), ...(i === 0 ? { role: 'own' as const } : {}) })),
    };
    assert.deepEqual(checkRendered('kvadrant', spec), []);
  });

  it('paletten når WCAG 2.1 AA: text 4,5:1, linjer och ytor 3:1 mot vitt', () => {
    for (const [role, colour] of Object.entries(ROLE_COLOURS)) assert.ok(contrast(colour, BACKGROUND) >= 3, `${role} ${colour}: ${contrast(colour, BACKGROUND).toFixed(2)}:1`);
    for (const colour of [INK, MUTED, QUADRANT_LETTER]) assert.ok(contrast(colour, BACKGROUND) >= 4.5, `${colour}: ${contrast(colour, BACKGROUND).toFixed(2)}:1`);
    for (const kind of ['diverging', 'sequential'] as const)
      for (let n = 2; n <= 9; n++)
        for (const c of ordinalPalette(kind, n)) {
          assert.ok(contrast(c, BACKGROUND) >= 3, `${kind} ${n}: ${c} ${contrast(c, BACKGROUND).toFixed(2)}:1`);
          assert.ok(contrast(textOn(c), c) >= 4.5, `text på ${c}`);
        }
    // Hand-computed: black on white 21:1; the old light grey "Vet ej" (#bdbdbd) fails 3:1, so the check can fail.
    assert.equal(Math.round(contrast('#000000', '#ffffff')), 21);
    assert.ok(contrast('#bdbdbd', '#ffffff') < 3);
  });
});

describe('diagram: varje diagram i demorapporterna och analysvyerna som SVG', () => {
  let db: Db;
  before(async () => {
    db = await backends.find((b) => b.name === 'pglite')!.open();
    await loadDemo(db);
  });
  after(async () => {
    await db?.close();
  });

  it('varje rapports diagram har sina etiketter och datamärken', async () => {
    const models: ReportModel[] = [];
    for (const round of await listRounds(db)) {
      const data = await loadRoundReportData(db, round.id);
      models.push(regionalModel(data));
      for (const code of round.municipalities) models.push(delrapportModel(data, code));
    }
    models.push(handlingsplanReport(await handlingsplanModel(db, 2025, 2026)));
    models.push(indicatorsReport(await indicatorReport(db, 1, 2025)));
    const problems: string[] = [];
    let charts = 0;
    const types = new Set<string>();
    for (const m of models)
      for (const s of m.sections)
        for (const b of s.blocks)
          if (b.kind === 'chart') {
            charts++;
            types.add(b.chart.type);
            problems.push(...checkRendered(`${m.title} – ${b.caption}`, b.chart));
          }
    assert.deepEqual(problems.slice(0, 20), []);
    assert.ok(charts > 100, `${charts} diagram`);
    assert.deepEqual([...types].sort(), ['bars', 'heatmap', 'quadrant', 'radar', 'stackedBars']);
  });

  it('PDF och DOCX innehåller diagrammen: vektorer i PDF, SVG med PNG-reserv i DOCX', async () => {
    const round = (await listRounds(db)).find((r) => r.instrument === 'digital-mognad' && r.status === 'closed')!;
    const data = await loadRoundReportData(db, round.id);
    const model = delrapportModel(data, round.municipalities[0]);
    const blocks = model.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'chart');
    const images = blocks.flatMap((b) => paperCharts(b.chart, 640, b.caption));
    assert.ok(blocks.some((b) => b.chart.type === 'radar') && blocks.some((b) => b.chart.type === 'quadrant'), blocks.map((b) => b.chart.type).join(', '));

    const pdf = pdfContent(await renderReport(model, 'pdf'));
    for (const b of blocks) for (const label of specTexts(b.chart)) assert.ok(has(pdf.text, label), `PDF: "${label}" saknas (${b.caption})`);
    // The own municipality's and the region's marks are painted in their role colours.
    assert.match(pdf.ops, pdfFill(ROLE_COLOURS.own));
    assert.match(pdf.ops, pdfFill(ROLE_COLOURS.region));
    assert.doesNotMatch(pdf.ops, pdfFill('#e08214'), 'den gamla orange färgen');

    const dir = mkdtempSync(join(tmpdir(), 'samverka-charts-'));
    try {
      const file = join(dir, 'delrapport.docx');
      writeFileSync(file, await renderReport(model, 'docx'));
      const media = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((p) => p.startsWith('word/media/'));
      assert.equal(media.filter((p) => p.endsWith('.svg')).length, images.length, media.join(', '));
      assert.equal(media.filter((p) => p.endsWith('.png')).length, images.length, media.join(', '));
      for (const p of media.filter((x) => x.endsWith('.png'))) {
        const png = execFileSync('unzip', ['-p', file, p], { maxBuffer: 1 << 26 });
        assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
        assert.ok(png.length > 5000, `${p}: ${png.length} byte`);
      }
      const svgs = media.filter((x) => x.endsWith('.svg')).map((p) => execFileSync('unzip', ['-p', file, p], { encoding: 'utf8', maxBuffer: 1 << 26 }));
      const text = svgs.map(svgText).join('');
      for (const b of blocks) for (const label of specTexts(b.chart)) assert.ok(has(text, label), `DOCX: "${label}" saknas (${b.caption})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('varje figur i demoomgångarnas analysvyer (region och kommun) har sina etiketter och datamärken', async () => {
    const viewer = { role: 'forbundsadmin' as const, municipalities: [] };
    const filters = { respondentType: null, area: null };
    const problems: string[] = [];
    let figures = 0;
    for (const round of await listRounds(db)) {
      const views = [await getRegionalView(db, viewer, { roundId: round.id, filters })];
      if (round.municipalities.length) views.push(await getMunicipalityView(db, viewer, { roundId: round.id, filters, municipality: round.municipalities[0] }));
      for (const v of views)
        for (const f of v.figures) {
          if (f.chart === 'none' || !f.rows.length) continue;
          figures++;
          problems.push(...checkRendered(`${round.title} – ${f.title}`, figureChart(f)));
        }
    }
    assert.deepEqual(problems.slice(0, 20), []);
    assert.ok(figures > 30, `${figures} figurer`);
  });
});
