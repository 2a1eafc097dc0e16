import type { BaseOptions } from './chart';
import type { EraRange } from './types';

/** Options shared by the era-based charts. */
export interface EraChartOptions extends BaseOptions {
  /** Era-index window to show (shared with the brush); all eras when absent. */
  range?: EraRange | null;
  /** Value-axis label; defaults to the registry label, e.g. "CORR per era". */
  yLabel?: string;
  /** Bars: a dashed rule at this value in every panel, e.g. Signals' 15 % churn limit (the value axis reaches it). */
  threshold?: { value: number; label: string } | null;
}

export const eraMargin = { top: 10, right: 14, bottom: 42, left: 64 };
