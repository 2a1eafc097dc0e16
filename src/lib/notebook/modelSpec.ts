import type { ModelSpec } from './scoringExtensions';
import type { ModelConfig } from './types';

/** The scoring worker's ModelSpec for a model cell's form. */
export function modelSpec(c: ModelConfig): ModelSpec {
  const common = { featureSet: c.featureSet, target: c.target, ...(c.trainEnd ? { trainEnd: c.trainEnd } : {}) };
  return c.kind === 'gbdt'
    ? { kind: 'gbdt', ...common, trees: c.trees ?? 50, learningRate: c.learningRate ?? 0.1, maxDepth: c.maxDepth ?? 4 }
    : { kind: 'ridge', ...common, lambda: c.lambda ?? 10 };
}
