/**
 * ECharts, only the parts the console draws (tree-shaken through `echarts/core`): bar and line charts, a grid,
 * tooltips, a legend, on the canvas renderer (its getDataURL gives the PNG export). Tooltips are drawn on the canvas
 * too (`renderMode: 'richText'`): the HTML tooltip writes inline styles, which the console's CSP refuses.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
export type Chart = echarts.ECharts;
