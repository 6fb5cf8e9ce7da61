// The web app's production build, chunk by chunk (issue 15: route-level code splitting). The build runs
// into a directory of its own (a few seconds) and records the source modules of every chunk
// (test/support/web-bundle.ts). Checked: the entry holds the shell only (no page, no chart code, no
// English texts); the sign-in page and the respondent form load no chart code; the shell, the sign-in
// page, the results page and the respondent form load no zod; exactly the pages with
// charts load the chart components; ECharts itself is a chunk of its own that no page loads before it
// draws a chart, built from echarts/core with only the chart types src/domain/charts/echarts-parts.ts
// registers (never the whole 'echarts' package).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildWebChunks, entryChunks, isChartModule, modulesOf, pageChunks, type WebBuild } from './support/web-bundle.ts';

/** The pages that draw charts (each its own chunk, named by its module). */
const CHART_PAGES = [
  'src/web/pages/analysis.tsx',
  'src/web/pages/benchmarks.tsx',
  'src/web/pages/economics/index.tsx',
  'src/web/pages/portfolio/indicators.tsx',
  'src/web/pages/region.tsx',
  'src/web/pages/reports.tsx',
  'src/web/pages/risks/group.tsx',
  'src/web/pages/risks/matrix.tsx',
];

describe('webbens paket: koddelning per sida', () => {
  let dir: string;
  let b: WebBuild;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'samverka-web-bundle-'));
    b = await buildWebChunks(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('entryn är bara skalet: ingen sida, ingen diagramkod, inga engelska texter', () => {
    const mods = modulesOf(b, entryChunks(b));
    assert.ok(mods.includes('src/web/main.tsx') && mods.includes('src/web/components/Layout.tsx'), mods.join(', '));
    assert.deepEqual(mods.filter((m) => m.startsWith('src/web/pages/')), []);
    assert.deepEqual(mods.filter(isChartModule), []);
    assert.deepEqual(mods.filter((m) => m.startsWith('src/web/i18n-en')), []);
  });

  it('inloggningen och enkätformuläret laddar ingen diagramkod', () => {
    for (const page of ['src/web/pages/auth.tsx', 'src/web/pages/respondent.tsx']) {
      const mods = modulesOf(b, pageChunks(b, page));
      assert.ok(mods.includes(page), page);
      assert.deepEqual(mods.filter(isChartModule), [], page);
    }
  });

  it('skalet, inloggningen, resultatsidan och enkätformuläret laddar inte zod eller kontraktens scheman (de anropar med lite())', () => {
    for (const page of ['src/web/pages/auth.tsx', 'src/web/pages/analysis.tsx', 'src/web/pages/respondent.tsx']) {
      const mods = modulesOf(b, pageChunks(b, page));
      assert.ok(mods.includes(page), page);
      assert.deepEqual(mods.filter((m) => m.startsWith('node_modules/zod/')), [], page);
      // fill-path.ts and client-error-limits.ts are the contracts' zod-free parts.
      assert.deepEqual(mods.filter((m) => m.startsWith('src/contracts/') && !/\/(fill-path|client-error-limits)\.ts$/.test(m)), [], page);
    }
  });

  it('precis sidorna med diagram laddar diagramkomponenterna, och ingen sida ECharts innan den ritar', () => {
    const pages = [...b.chunks.values()].filter((c) => !c.isEntry && c.facade?.startsWith('src/web/pages/')).map((c) => c.facade!);
    assert.ok(pages.length >= 30, `${pages.length} sidor som egna chunkar`);
    const withCharts = pages.filter((p) => modulesOf(b, pageChunks(b, p)).some(isChartModule)).sort();
    assert.deepEqual(withCharts, [...CHART_PAGES].sort());
    for (const p of pages) {
      const echarts = modulesOf(b, pageChunks(b, p)).filter((m) => /^node_modules\/(echarts|zrender)\//.test(m));
      assert.deepEqual(echarts, [], p);
    }
  });

  it('ECharts är en egen chunk med echarts/core och bara de diagramtyper som används', () => {
    const withEcharts = [...b.chunks.values()].filter((c) => c.modules.some((m) => m.startsWith('node_modules/echarts/')));
    assert.deepEqual(
      withEcharts.map((c) => c.facade),
      ['src/web/components/echarts-canvas.ts'],
    );
    const mods = withEcharts[0].modules;
    assert.ok(mods.includes('node_modules/echarts/lib/core/echarts.js'), 'echarts/core');
    // Components only the whole package brings (echarts-parts.ts registers none of them).
    for (const c of ['dataZoom', 'toolbox', 'geo', 'timeline', 'brush', 'dataset'])
      assert.deepEqual(mods.filter((m) => m.startsWith(`node_modules/echarts/lib/component/${c}/`)), [], c);
    const types = new Set(mods.flatMap((m) => /^node_modules\/echarts\/lib\/chart\/([^/]+)\/(.+)$/.exec(m)?.slice(1, 3).join('/') ?? []).map((p) => p.split('/')[0]));
    // bar, heatmap, radar and scatter (echarts-parts.ts); helper is their shared code; custom only the
    // registry echarts/core itself imports.
    assert.deepEqual([...types].sort(), ['bar', 'custom', 'heatmap', 'helper', 'radar', 'scatter']);
    assert.deepEqual(
      mods.filter((m) => m.startsWith('node_modules/echarts/lib/chart/custom/')),
      ['node_modules/echarts/lib/chart/custom/customSeriesRegister.js'],
    );
  });
});
