import { table, type ColumnTable } from 'arquero';
import type { Dataset } from './Dataset';

/**
 * An Arquero table over a Dataset's own arrays (zero-copy: features, targets and columns are the same typed arrays):
 * id, era (one label per row), data_type if present, features, targets, then extra columns, for notebook code such as
 * `datasetTable(ds).groupby('era').rollup({ m: op.mean('target') })`. Only `era` (an array of references) and the id strings are built.
 * @example datasetTable(ds).filter((d) => d.target > 0.5).count()
 */
export function datasetTable(ds: Dataset): ColumnTable {
  const era = new Array<string>(ds.n);
  for (let k = 0; k < ds.eras.length; ++k) era.fill(ds.eras[k], ds.eraStarts[k], ds.eraStarts[k + 1]);
  const columns: Record<string, ArrayLike<unknown>> = { id: ds.ids.toArray(), era };
  if (ds.dataType) columns.data_type = ds.dataType;
  ds.featureNames.forEach((name, j) => (columns[name] = ds.features[j]));
  for (const [name, values] of Object.entries(ds.targets)) columns[name] ??= values;
  for (const [name, values] of Object.entries(ds.columns)) columns[name] ??= values;
  return table(columns);
}
