/** What each per-era metric needs, how to label it, and which way is good: one registry for worker, charts and tables. */
export const metrics = {
  corr: { label: 'CORR', needs: [], higherIsBetter: true, description: 'numerai_corr: Pearson of the gaussianized, ^1.5 ranked predictions with the centred ^1.5 target' },
  mmc: { label: 'MMC', needs: ['metaModel'], higherIsBetter: true, description: 'correlation_contribution against the meta model: what the model adds to the stake-weighted meta model' },
  bmc: { label: 'BMC', needs: ['benchmark'], higherIsBetter: true, description: 'correlation_contribution against a benchmark model' },
  fnc: { label: 'FNC', needs: ['features'], higherIsBetter: true, description: 'feature_neutral_corr: CORR after neutralizing the predictions to the features' },
  corr_meta: { label: 'Corr with meta model', needs: ['metaModel'], higherIsBetter: false, description: 'numerai_corr with the meta model in the target\'s place' },
  max_feature_exposure: { label: 'Max feature exposure', needs: ['features'], higherIsBetter: false, description: 'max_j |Pearson(feature_j, prediction)|' }
} as const satisfies Record<string, { label: string; needs: readonly ('metaModel' | 'benchmark' | 'features')[]; higherIsBetter: boolean; description: string }>;

export type MetricName = keyof typeof metrics;
export const metricNames = Object.keys(metrics) as MetricName[];
