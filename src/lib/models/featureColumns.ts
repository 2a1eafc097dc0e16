import type { Dataset } from '../data/Dataset';
import { similarNames } from '../data/similarNames';
import { PlaygroundError } from '../errors';

/** Where prediction reads features: a Dataset, or columns by name (each aligned to the same rows). */
export type FeatureSource = Pick<Dataset, 'featureNames' | 'features'> | Record<string, ArrayLike<number>>;

/** The columns of `names` in `source`, in that order; PlaygroundError naming the missing ones. */
export function featureColumns(source: FeatureSource, names: readonly string[]): ArrayLike<number>[] {
  const isDataset = Array.isArray(source.featureNames) && Array.isArray(source.features);
  const available: string[] = isDataset ? (source.featureNames as string[]) : Object.keys(source);
  const lookup = new Map<string, ArrayLike<number>>();
  if (isDataset) (source.featureNames as string[]).forEach((name, j) => lookup.set(name, (source.features as ArrayLike<number>[])[j]));
  else for (const name of available) lookup.set(name, (source as Record<string, ArrayLike<number>>)[name]);
  const missing = names.filter((name) => !lookup.has(name));
  if (missing.length) {
    const near = similarNames(missing[0], available);
    throw new PlaygroundError(`The data lacks ${missing.length} of the model's ${names.length} features (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}).`, {
      hints: [
        ...(near.length ? [`Did you mean ${near.join(' or ')}?`] : []),
        'Predict on data with the same feature set the model was trained on (e.g. "small").'
      ]
    });
  }
  const columns = names.map((name) => lookup.get(name)!);
  const n = columns.length ? columns[0].length : 0;
  for (let j = 1; j < columns.length; ++j)
    if (columns[j].length !== n) throw new RangeError(`featureColumns: ${names[j]} has ${columns[j].length} rows, ${names[0]} has ${n}`);
  return columns;
}
