import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { CHART_FONT_FAMILY } from './trend-chart.ts';

use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/**
 * Inter (SIL Open Font License 1.1), from its npm package: a fresh machine may have no system fonts at all,
 * so the renderer loads exactly these files and never looks for others.
 */
const require = createRequire(import.meta.url);
export const CHART_FONT_FILES: readonly string[] = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'),
];

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_CHART_SIZE: ChartSize = { width: 800, height: 450 };

/** Renders an ECharts option to SVG on the server (no canvas, no DOM); the chart is always disposed. */
export function renderChartSvg(
  option: Record<string, unknown>,
  size: ChartSize = DEFAULT_CHART_SIZE,
): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    // Without dispose() ECharts keeps timers and the process stays alive (PLATFORM-NOTES).
    chart.dispose();
  }
}

/**
 * Rasterises an SVG to PNG at its own size with the shipped fonts only. resvg's async render runs on the
 * libuv thread pool, so the event loop (and the acks waiting on it) stays free while the pixels are drawn.
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: {
      fontFiles: [...CHART_FONT_FILES],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
    },
  });
  return image.asPng();
}

export interface RenderedChart {
  readonly svg: string;
  readonly png: Buffer;
  readonly size: ChartSize;
}

export async function renderChart(
  option: Record<string, unknown>,
  size: ChartSize = DEFAULT_CHART_SIZE,
): Promise<RenderedChart> {
  const svg = renderChartSvg(option, size);
  return { svg, png: await svgToPng(svg), size };
}
