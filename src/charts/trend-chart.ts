import { OUTCOMES } from '../domain/change/types.ts';
import type { TrendWeek } from '../domain/metrics/weekly-trend.ts';
import { OUTCOME_COLOURS, OUTCOME_NAMES, SUCCESS_RATE_COLOUR } from './palette.ts';

export const CHART_FONT_FAMILY = 'Inter';

export interface TrendChartInput {
  readonly title: string;
  readonly subtitle: string;
  readonly weeks: readonly TrendWeek[];
  /** IANA zone the week labels are written in. */
  readonly timezone: string;
}

const weekLabel = (week: TrendWeek, timezone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: timezone, day: 'numeric', month: 'short' }).format(
    week.period.from,
  );

/**
 * The ECharts option for the weekly trend: stacked bars of completed changes by outcome (left axis) and the
 * change success rate as a line (right axis, %), with titled axes and a legend. Pure: no rendering here.
 */
export function trendChartOption(input: TrendChartInput): Record<string, unknown> {
  const text = { fontFamily: CHART_FONT_FAMILY, color: '#1f2328' };
  return {
    backgroundColor: '#ffffff',
    animation: false,
    textStyle: text,
    title: {
      text: input.title,
      subtext: input.subtitle,
      left: 'center',
      top: 8,
      textStyle: { ...text, fontSize: 18, fontWeight: 600 },
      subtextStyle: { ...text, fontSize: 12, color: '#57606a' },
    },
    legend: { bottom: 8, textStyle: { ...text, fontSize: 12 }, itemGap: 16 },
    grid: { left: 64, right: 72, top: 80, bottom: 84 },
    xAxis: {
      type: 'category',
      name: 'Week starting',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { ...text, fontSize: 12 },
      axisLabel: { ...text, fontSize: 11 },
      data: input.weeks.map((w) => weekLabel(w, input.timezone)),
    },
    yAxis: [
      {
        type: 'value',
        name: 'Changes completed',
        nameLocation: 'middle',
        nameGap: 40,
        minInterval: 1,
        nameTextStyle: { ...text, fontSize: 12 },
        axisLabel: { ...text, fontSize: 11 },
      },
      {
        type: 'value',
        name: 'Success rate (%)',
        nameLocation: 'middle',
        nameGap: 44,
        min: 0,
        max: 100,
        nameTextStyle: { ...text, fontSize: 12 },
        axisLabel: { ...text, fontSize: 11 },
        splitLine: { show: false },
      },
    ],
    series: [
      ...OUTCOMES.map((outcome) => ({
        name: OUTCOME_NAMES[outcome],
        type: 'bar',
        stack: 'outcome',
        barMaxWidth: 48,
        itemStyle: { color: OUTCOME_COLOURS[outcome] },
        data: input.weeks.map((w) => w.byOutcome[outcome]),
      })),
      {
        name: 'Success rate',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 3, color: SUCCESS_RATE_COLOUR },
        itemStyle: { color: SUCCESS_RATE_COLOUR },
        // A week with nothing completed has no rate: a gap in the line, not a 0 %.
        data: input.weeks.map((w) =>
          w.successRate.value === null ? '-' : Math.round(w.successRate.value * 1000) / 10,
        ),
      },
    ],
  };
}
