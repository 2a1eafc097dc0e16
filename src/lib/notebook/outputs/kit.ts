// The notebook's chart views, loaded on first use (with D3 and the chart library) so the notebook's first chunk
// stays small.
export { default as ChartView } from './ChartView.svelte';
export { default as NeutralizeView } from './NeutralizeView.svelte';
export { default as ScoresView } from './ScoresView.svelte';
