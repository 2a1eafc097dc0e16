import type { Summary } from '../scoring/summarize';

/**
 * Per-period scores of several models in the one shape the JSON and table formatters print: eras of the Tournament
 * (`eraPeriodScores`) or dates of Signals (`signalsPeriodScores`).
 */
export interface PeriodScores {
  /** "era" or "date": heads the table's first column (the JSON key stays `per_era` for both, as the fixtures have it). */
  period: string;
  periods: string[];
  metrics: string[];
  /** Label of each metric in the summary block. */
  labels: Record<string, string>;
  /** Short column head of a metric where its name is too long (default: the name). */
  heads?: Record<string, string>;
  /** Summary statistics reported per metric, in order. */
  summaryKeys: readonly (keyof Summary)[];
  models: Record<string, { n: Int32Array; values: Partial<Record<string, Float64Array>>; summary: Partial<Record<string, Summary>> }>;
}
