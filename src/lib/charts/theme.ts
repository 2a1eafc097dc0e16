/**
 * Chart colours are CSS custom properties (defined for light and dark themes in charts.css); marks carry classes
 * and take their colour through `currentColor`, so a theme switch needs no re-render. Every var() has a light
 * fallback, so a chart also reads correctly without charts.css (a standalone SVG file).
 */
export const palette = ['#4e79a7', '#f28e2c', '#59a14f', '#b07aa1', '#e15759', '#76b7b2', '#edc949', '#9c755f', '#ff9da7', '#7f7f7f'];

const light: Record<string, string> = {
  '--np-chart-bg': '#ffffff',
  '--np-chart-text': '#24292f',
  '--np-chart-axis': '#57606a',
  '--np-chart-grid': '#d0d7de',
  '--np-chart-zero': '#24292f',
  '--np-chart-pos': '#1a7f37',
  '--np-chart-neg': '#cf222e',
  '--np-chart-marker': '#8250df',
  '--np-chart-stake': '#0969da',
  '--np-chart-tooltip-bg': '#ffffff',
  '--np-chart-tooltip-border': '#8c959f',
  '--np-chart-brush': '#0969da',
  ...Object.fromEntries(palette.map((c, i) => [`--np-chart-series-${i}`, c]))
};

/** Every theme variable with its light default (the fallback inside each var()). */
export const themeVariables: Readonly<Record<string, string>> = light;

const v = (name: string) => `var(${name}, ${light[name]})`;

export const seriesClass = (i: number) => `np-s${((i % 10) + 10) % 10}`;
export const dashArray = (d: number | undefined) => (d === 1 ? '6 3' : d === 2 ? '2 2' : null);

/** The stylesheet embedded in every chart SVG (class → colour); the variables themselves live in charts.css. */
export const chartStyle = [
  `.np-chart{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:11px;color:${v('--np-chart-text')}}`,
  `.np-chart text{fill:${v('--np-chart-text')}}`,
  `.np-chart .np-bg{fill:${v('--np-chart-bg')}}`,
  `.np-axis{color:${v('--np-chart-axis')}}`,
  `.np-axis .tick text{fill:${v('--np-chart-axis')}}`,
  `.np-grid .tick line{stroke:${v('--np-chart-grid')}}`,
  `.np-grid .domain{display:none}`,
  `.np-zero{stroke:${v('--np-chart-zero')};stroke-width:1}`,
  `.np-pos{color:${v('--np-chart-pos')}}`,
  `.np-neg{color:${v('--np-chart-neg')}}`,
  `.np-marker{color:${v('--np-chart-marker')}}`,
  `.np-stake{color:${v('--np-chart-stake')}}`,
  `.np-muted{color:${v('--np-chart-axis')}}`,
  ...palette.map((_, i) => `.np-s${i}{color:${v(`--np-chart-series-${i}`)}}`),
  `.np-tooltip-box{fill:${v('--np-chart-tooltip-bg')};stroke:${v('--np-chart-tooltip-border')}}`,
  `.np-tooltip-guide{fill:${v('--np-chart-axis')};fill-opacity:.15}`,
  `.np-brush .selection{fill:${v('--np-chart-brush')};fill-opacity:.15;stroke:${v('--np-chart-brush')}}`,
  `.np-chart:focus{outline:none}`,
  `.np-chart:focus-visible{outline:2px solid ${v('--np-chart-brush')};outline-offset:2px}`
].join('\n');
