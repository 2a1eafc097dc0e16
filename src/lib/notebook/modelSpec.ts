import type { WorkspaceModelSpec } from '../workers/Workspace';
import type { ModelConfig } from './types';

/**
 * The scoring worker's model spec for a model cell's form. Training eras: those up to `trainEnd` when it is set,
 * else the worker's default (the eras whose rows are data_type "train").
 */
export function modelSpec(c: ModelConfig, eras: readonly string[] = []): WorkspaceModelSpec {
  const end = c.trainEnd ? eras.indexOf(c.trainEnd) : -1;
  const common = {
    featureSet: c.featureSet,
    target: c.target,
    ...(end >= 0 ? { trainEras: eras.slice(0, end + 1) } : {})
  };
  return c.kind === 'gbdt'
    ? { kind: 'gbdt', ...common, trees: c.trees ?? 50, learningRate: c.learningRate ?? 0.1, maxDepth: c.maxDepth ?? 4 }
    : { kind: 'ridge', ...common, lambda: c.lambda ?? 10 };
}
