import type { Dataset } from '../data/Dataset';
import { similarNames } from '../data/similarNames';
import { PlaygroundError } from '../errors';
import type { FeatureColumn } from '../scoring/FeatureColumn';
import { eraRows } from './eraRows';
import { featureColumns } from './featureColumns';
import type { ModelSpec, TrainedModel, TrainingSpec } from './ModelSpec';
import { trainGbdt } from './trainGbdt';
import { trainRidge } from './trainRidge';
import type { TrainControl, TrainingSet } from './TrainingSet';

/**
 * Trains the model a spec describes on a dataset: resolves features, target and training eras (see TrainingSpec),
 * then runs `trainRidge` or `trainGbdt`. The one entry point of the model worker; PlaygroundError for unknown
 * features, targets or eras.
 */
export function trainModel(dataset: Dataset, spec: ModelSpec, control: TrainControl = {}): TrainedModel {
  const set = trainingSet(dataset, spec);
  const target = spec.target ?? 'target';
  if (spec.kind === 'ridge') {
    control.onProgress?.(0, 1);
    const model = trainRidge(set, { lambda: spec.lambda });
    control.onProgress?.(1, 1);
    return { ...model, target };
  }
  if (spec.kind === 'gbdt') {
    const { kind: _kind, features: _f, target: _t, trainEras: _e, every: _every, rows: _rows, ...params } = spec;
    return { ...trainGbdt(set, params, control), target };
  }
  throw new PlaygroundError(`Unknown model kind "${(spec as { kind: unknown }).kind}".`, { hints: ['Use kind "ridge" or "gbdt".'] });
}

/** The TrainingSet a spec selects from a dataset. */
export function trainingSet(dataset: Dataset, spec: TrainingSpec): TrainingSet {
  const features = spec.features ?? dataset.featureNames;
  const columns = featureColumns(dataset, features) as FeatureColumn[];
  const targetName = spec.target ?? 'target';
  const target = dataset.targets[targetName];
  if (!target) {
    const names = Object.keys(dataset.targets);
    const near = similarNames(targetName, names);
    throw new PlaygroundError(`The data has no target column "${targetName}".`, {
      hints: [near.length ? `Did you mean ${near.join(' or ')}?` : `Targets: ${names.join(', ') || 'none'}.`]
    });
  }
  return { features: features.slice(), columns, target, rows: spec.rows ?? trainingEraRows(dataset, spec) };
}

function trainingEraRows(dataset: Dataset, spec: TrainingSpec): Uint32Array {
  const every = spec.every ?? 1;
  if (!(Number.isInteger(every) && every >= 1)) throw new RangeError(`trainModel: every must be a positive integer, got ${every}`);
  let positions: number[];
  if (spec.trainEras) {
    const at = new Map(dataset.eras.map((e, k) => [e, k]));
    const missing = spec.trainEras.filter((e) => !at.has(e));
    if (missing.length)
      throw new PlaygroundError(`${missing.length} training era${missing.length > 1 ? 's are' : ' is'} not in the data (${missing.slice(0, 3).join(', ')}).`, {
        hints: [`Eras run from ${dataset.eras[0]} to ${dataset.eras[dataset.eras.length - 1]}.`]
      });
    positions = [...new Set(spec.trainEras.map((e) => at.get(e)!))].sort((a, b) => a - b);
  } else {
    const all = dataset.eras.map((_, k) => k);
    const types = dataset.dataType;
    positions = types ? all.filter((k) => dataset.eraStarts[k + 1] > dataset.eraStarts[k] && types[dataset.eraStarts[k]] === 'train') : all;
    if (!positions.length)
      throw new PlaygroundError('No training eras: the data has no data_type "train" rows.', { hints: ['Pass trainEras or rows (e.g. from splitEras).'] });
  }
  return eraRows(dataset, positions.filter((_, j) => j % every === 0)).rows;
}
