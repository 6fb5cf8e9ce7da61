// The IT-economics chart specifications (src/domain/economics/charts.ts) and their ECharts option: the
// IT share against the benchmark (2,5 %) and the research figure (2 %) as two reference lines, the pool
// mix as 100 % bars, inside/outside from published shares (Delrapport Mellerud figur 12: hårdvara 82/18).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartOption } from '../src/domain/charts/option.ts';
import { ROLE_COLOURS } from '../src/domain/charts/palette.ts';
import { specTexts } from '../src/domain/charts/spec.ts';
import { chartSpecSchema } from '../src/domain/charts/spec-schema.ts';
import { insideOutsideChart, itShareChart, poolMixChart } from '../src/domain/economics/charts.ts';
import type { PoolFigure } from '../src/domain/economics/view.ts';

const benchmark = { year: 2024, share: 2.5, source: 'tabell 5', researchShare: 2, researchSource: '§3.3' };

test('andel mot riktmärket: två referenslinjer, två decimaler, giltig specifikation', () => {
  // Bengtsfors 12 496 743 / 688 000 000 = 1,816 %; Åmål 12 531 000 / 998 000 000 = 1,256 %.
  const spec = itShareChart(
    [
      { municipality: 'Bengtsfors', itShare: (12_496_743 / 688_000_000) * 100, benchmark },
      { municipality: 'Åmål', itShare: (12_531_000 / 998_000_000) * 100, benchmark },
    ],
    (s) => s,
  );
  assert.ok(chartSpecSchema.safeParse(spec).success);
  assert.deepEqual(spec.reference, { label: 'Riktmärke', value: 2.5, role: 'target' });
  assert.deepEqual(spec.references, [{ label: 'Forskningens nivå', value: 2, role: 'mean' }]);
  assert.ok(specTexts(spec).includes('Forskningens nivå'));
  const o = chartOption(spec, { width: 640, height: 200 }) as { series: Array<{ markLine: { data: Array<{ xAxis: number }>; label: { formatter: string }; lineStyle: { color: string } }; label: { formatter: (p: { value: number }) => string } }> };
  const line = o.series[0].markLine;
  assert.deepEqual(line.data.map((d) => d.xAxis), [2.5, 2]);
  assert.equal(line.label.formatter, 'Riktmärke: 2,50 %');
  assert.equal(line.lineStyle.color, ROLE_COLOURS.target);
  assert.equal(o.series[0].label.formatter({ value: spec.values[0][0]! }), '1,82 %');
});

test('poolmix: en 100 %-stapel per rad och en del per TBM-pool; rader utan pooler utelämnas', () => {
  const pool = (p: PoolFigure['pool'], amount: number, share: number): PoolFigure => ({ pool: p, label: p, amount, share, inside: null, outside: null, insideShare: null, source: '', note: '' });
  const spec = poolMixChart([
    { label: 'Mellerud 2019', pools: [pool('hardvara', 3_000_000, 60), pool('mjukvara', 2_000_000, 40)] },
    { label: 'Tom', pools: [] },
  ]);
  assert.deepEqual(spec.categories, ['Mellerud 2019']);
  assert.equal(spec.series.length, 8);
  assert.equal(spec.values[0].reduce((a, b) => a + b, 0), 100);
});

test('inom/utanför central IT från publicerade andelar: hårdvara 82/18', () => {
  const spec = insideOutsideChart([{ label: 'Hårdvara', insidePercent: 82 }]);
  assert.deepEqual(spec.values, [[82, 18]]);
});
