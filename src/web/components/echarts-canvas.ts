// ECharts in the browser: echarts/core with only the parts the chart options use
// (src/domain/charts/echarts-parts.ts) and the canvas renderer. A chunk of its own, loaded by
// charts.tsx when the first chart is drawn, so that no page without a chart downloads it and a page
// with charts shows its text and tables before it arrives (test/web-bundle.test.ts checks both).
import { init, use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { ECHARTS_PARTS } from '../../domain/charts/echarts-parts.ts';

use([...ECHARTS_PARTS, CanvasRenderer]);

export interface DrawnChart {
  resize(): void;
  dispose(): void;
}

/** Draws `option` on a canvas in `el`, at the element's size. */
export function drawChart(el: HTMLElement, option: EChartsCoreOption): DrawnChart {
  const chart = init(el, undefined, { renderer: 'canvas' });
  chart.setOption(option);
  return chart;
}
