// The parts of ECharts that chartOption() (option.ts) uses: the browser (src/web/components/charts.tsx,
// canvas) and the server (src/reports/render/echarts.ts, SVG) register these with their own renderer,
// so both draw every chart the same way. Only the list; registering is the renderers' job.
import { BarChart, HeatmapChart, RadarChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';

export const ECHARTS_PARTS = [
  BarChart,
  HeatmapChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  LabelLayout,
];
