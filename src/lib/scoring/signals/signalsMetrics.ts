/** Signals' per-date metrics: what each needs, its label, which way is good and the stake-zeroing limit — one registry for the worker, the CLI, charts and tables. */
export const signalsMetrics = {
  alpha: { label: 'Alpha', needs: [], higherIsBetter: true, description: 'alpha: the neutralized, sample-weighted signal times the centred target, over the tickers with a target' },
  mpc: { label: 'MPC', needs: ['stakes'], higherIsBetter: true, description: 'meta_portfolio_contribution: how the stake-weighted portfolio\'s alpha changes with this model\'s stake (÷50)' },
  churn: { label: 'Churn', needs: ['previous'], higherIsBetter: false, limit: 0.15, description: 'churn: 1 − Spearman correlation of the cleaned signal with the previous date\'s' },
  churn_top_bottom: { label: 'Churn (top/bottom)', needs: ['previous', 'topBottom'], higherIsBetter: false, description: 'churn with top_bottom = k: 1 − the share of the k highest and k lowest tickers kept from the previous date' },
  turnover: { label: 'Turnover', needs: ['previous'], higherIsBetter: false, limit: 0.25, description: 'turnover: half the summed change of the centred, L1-normalised neutralized weights since the previous date' }
} as const satisfies Record<string, { label: string; needs: readonly ('stakes' | 'previous' | 'topBottom')[]; higherIsBetter: boolean; description: string; limit?: number }>;

/**
 * The stake is set to 0 when, against the model's last 5 submissions, the largest churn reaches `limit` (15 %) or
 * the largest turnover reaches its `limit` (25 %). Source: numerai/docs numerai-signals/scoring/README.md.
 */
export const signalsLimitLookback = 5;

export type SignalsMetricName = keyof typeof signalsMetrics;
export const signalsMetricNames = Object.keys(signalsMetrics) as SignalsMetricName[];
