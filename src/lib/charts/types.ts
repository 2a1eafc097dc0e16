import type { MetricName } from '../scoring/metrics';

/** One per-era series: a model's scores for one metric, one value per era (NaN where the era has no score). */
export interface EraSeries {
  /** Stable key for D3 joins, e.g. `model:metric`. */
  key: string;
  /** Legend and table label. */
  label: string;
  /** One value per era of `EraChartData.eras`; NaN = no score. */
  values: ArrayLike<number>;
  model?: string;
  /** A key of the scoring registry (labels come from there) or a free name. */
  metric?: MetricName | (string & {});
  /** Palette slot 0–9 (defaults to the series' position). */
  color?: number;
  /** Dash pattern 0 (solid), 1 or 2, for lines (e.g. one per metric). */
  dash?: number;
}

/** The input of every era-based chart. */
export interface EraChartData {
  eras: readonly string[];
  series: readonly EraSeries[];
}

/** An inclusive window of era indices [first, last]; null/undefined = all eras. */
export type EraRange = readonly [number, number];

export type TableCell = string | number | boolean;

/** A chart's numbers as a plain table: for the fallback <table>, CSV export and tests. */
export interface ChartTable {
  caption: string;
  columns: { key: string; label: string }[];
  /** Cells in column order; numbers are the exact values drawn (NaN = no value). */
  rows: TableCell[][];
}
