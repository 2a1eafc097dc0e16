// Pure D3 chart builders: data + options (+ a Document) → a detached SVGSVGElement; `.update(svg, data)`
// re-renders in place through keyed joins; `.table(data)` gives the numbers. Thin Svelte wrappers sit beside them.
export { defineChart, update, chartWarnings, chartOptions, type BaseOptions, type ChartBuilder, type RenderContext, type Rendered } from './chart';
export type { EraSeries, EraChartData, EraRange, ChartTable, TableCell } from './types';
export type { EraChartOptions } from './eraChartOptions';
export { eraBars, type EraBarsOptions } from './eraBars';
export { cumulativeLines } from './cumulativeLines';
export { drawdown } from './drawdown';
export { scoreHistogram, type ScoreHistogramOptions } from './scoreHistogram';
export { exposureBars, type ExposureData, type ExposureBarsOptions } from './exposureBars';
export { tradeoff, tradeoffPoints, interpolateAt, tradeoffStatLabels, type TradeoffData, type TradeoffPoint, type TradeoffOptions, type TradeoffStat } from './tradeoff';
export { payoutChart, type PayoutData, type PayoutChartOptions } from './payoutChart';
export { eraBrush, snap, type EraBrushOptions, type EraRangeDetail } from './eraBrush';
export { eraSeries, metricLabel, alignValues } from './eraSeries';
export { cumulativeSum, drawdownSeries } from './cumulative';
export { featureExposures } from './featureExposures';
export { shortFeatureName, shortFeatureNames } from './shortFeatureName';
export { eraWindow, eraX, eraTicks, dateTicks, isDateLabels } from './eraAxis';
export { labelsFit, readableTickCount, readableTickValues } from './axes';
export { fitWidth, MIN_CHART_WIDTH } from './fitWidth';
export { attachTooltip, showTooltip, hideTooltip, type TooltipSpec, type TooltipDetail } from './tooltip';
export { themeVariables, palette } from './theme';
export { toSvgString } from './toSvgString';
export { toPngBlob } from './toPngBlob';
export { toCsv, csvField } from './toCsv';
export { formatValue } from './format';
