import type { FeatureSource } from './featureColumns';
import type { TrainedModel } from './ModelSpec';
import { predictGbdt } from './predictGbdt';
import { predictRidge } from './predictRidge';

/** Raw predictions of a trained model at `rows` (default every row) of a dataset or of columns by name. */
export function predict(model: TrainedModel, source: FeatureSource, rows?: Uint32Array): Float64Array {
  if (model.kind === 'ridge') return predictRidge(model, source, rows);
  if (model.kind === 'gbdt') return predictGbdt(model, source, rows);
  throw new RangeError(`predict: unknown model kind "${(model as { kind: unknown }).kind}"`);
}
