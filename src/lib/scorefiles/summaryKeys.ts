/** The summary statistics reported per metric, in report order (see scoring/summarize). */
export const SUMMARY_KEYS = ['mean', 'std', 'sharpe', 'max_drawdown', 'consistency', 'delta', 'n_eras'] as const;
