import * as v from 'valibot';
import { PlaygroundError } from '../../errors';
import type { DatasetSummary } from '../../workers/Workspace';
import type { ScoringClient } from '../../workers/ScoringClient';
import { cancellable, fmt, nextVersion, report, type BuiltinRunContext } from '../builtinRun';
import DataForm from '../DataForm.svelte';
import type { DatasetRef } from '../types';
import type { CellKindModule, KindCell } from './kind';
import { int, name } from './schemaParts';

/** What a column file is: a user's predictions (strict), `numerai_meta_model` (MMC) or benchmark models (BMC). */
export const columnFileKinds = ['predictions', 'meta_model', 'benchmark'] as const;
export type ColumnFileKind = (typeof columnFileKinds)[number];

/** One prediction-like file of a data cell; the file itself stays in the session (`<cell id>:<id>`). */
const columnFileSchema = v.object({
  /** Stable row id (the session key of the picked file). */
  id: v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/)),
  kind: v.picklist(columnFileKinds),
  fileName: v.optional(name(500)),
  /** Column name (predictions default to the file name, e.g. "linear" for linear.csv; meta model: numerai_meta_model). */
  name: v.optional(name(200))
});
export type ColumnFileConfig = v.InferOutput<typeof columnFileSchema>;

/** The built-in dataset (seeded generator) or a local Numerai parquet/CSV file picked in this session. */
export const dataSchema = v.object({
  name: name(),
  source: v.picklist(['generated', 'file']),
  /** Generator options (source "generated"). */
  seed: v.optional(int(-(2 ** 31), 2 ** 32)),
  eras: v.optional(int(1, 1000)),
  rowsPerEra: v.optional(int(1, 20_000)),
  features: v.optional(int(1, 2000)),
  /** File options (source "file"): the files themselves are not saved, only their names. */
  fileName: v.optional(name(500)),
  /** Numerai's features.json, for feature sets (without it every feature_* column is read). */
  featuresFileName: v.optional(name(500)),
  featureSet: v.optional(name()),
  /** Keep only rows of these data types ("train", "validation"); empty = all. */
  dataTypes: v.optional(v.pipe(v.array(name()), v.maxLength(20))),
  /** Keep every k-th era (1 = all; Numerai's notebooks use 4). */
  everyEra: v.optional(int(1, 1000)),
  /** Prediction-like files joined on id as extra columns (source "file"): predictions, the meta model, benchmarks. */
  columnFiles: v.optional(v.pipe(v.array(columnFileSchema), v.maxLength(100)))
});
export type DataConfig = v.InferOutput<typeof dataSchema>;
type DataCell = KindCell<'data', DataConfig>;

const columnKinds: Record<ColumnFileKind, string> = { predictions: 'predictions', meta_model: 'meta model', benchmark: 'benchmark' };

/** A column name from a file name: "linear.csv" → "linear", "my preds.v2.csv" → "my_preds_v2" (an identifier cells can use). */
export function columnNameOf(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_$]+/g, '_') || 'predictions';
  return /^[0-9]/.test(stem) ? `_${stem}` : stem;
}

/** Joins one prediction-like file of a data cell on id and stores it as a column (the loader's errors fail the cell). */
async function loadColumnFile(cell: DataCell, f: ColumnFileConfig, i: number, ctx: BuiltinRunContext, client: ScoringClient) {
  const file = ctx.session.files.get(`${cell.id}:${f.id}`);
  const what = columnKinds[f.kind] ?? f.kind;
  if (!file) {
    throw new PlaygroundError(f.fileName ? `Pick "${f.fileName}" again: files stay on your computer and are not saved in the notebook.` : `Pick the ${what} file of row ${i + 1}, or remove the row.`);
  }
  const name = f.name?.trim() || (f.kind === 'predictions' ? columnNameOf(file.name) : undefined);
  ctx.progress(0, `reading ${file.name}`);
  const r = await client.remember((w) => w.loadColumn(file, { kind: f.kind, fileName: file.name, ...(name ? { name } : {}) }));
  ctx.display({ kind: 'text', text: `${file.name} (${what}) → column "${r.name}", ${(100 * r.coverage).toFixed(r.coverage < 1 ? 1 : 0)} % of the rows` });
  for (const w of r.warnings) ctx.display({ kind: 'log', level: 'warn', text: w });
}

/** Loads the cell's dataset into its own scoring worker (replacing what that worker held) and describes it. */
async function runData(cell: DataCell, _inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const { session } = ctx;
  const client = ctx.workers.for(cell.id);
  client.resetState();
  const summary = await cancellable(client, ctx, async () => {
    if (c.source === 'generated') session.dataFiles.delete(cell.id);
    if (c.source === 'generated') return client.remember((w) => w.loadGenerated({ seed: c.seed ?? 42, eras: c.eras ?? 60, rowsPerEra: c.rowsPerEra ?? 500, features: c.features ?? 42 }));
    const file = session.files.get(cell.id);
    if (!file) throw new PlaygroundError(c.fileName ? `Pick "${c.fileName}" again: files stay on your computer and are not saved in the notebook.` : 'Pick a Numerai parquet or CSV file.');
    const features = session.files.get(`${cell.id}:features`);
    const featuresJson = features ? await features.text() : undefined;
    if (c.featuresFileName && !featuresJson) throw new PlaygroundError(`Pick "${c.featuresFileName}" again: files are not saved in the notebook.`);
    const options = {
      ...(featuresJson ? { featuresJson, ...(c.featureSet ? { featureSet: c.featureSet } : {}) } : {}),
      ...(c.dataTypes?.length ? { dataTypes: c.dataTypes } : {}),
      ...((c.everyEra ?? 1) > 1 ? { eras: { every: c.everyEra } } : {})
    };
    // Re-running the cell to add a predictions file must not re-read a multi-GB data file: the same file with the
    // same options stays loaded in the worker; only its replay entry is recorded again.
    const key = JSON.stringify([file.name, file.size, file.lastModified, options]);
    const load = (w: Parameters<Parameters<ScoringClient['run']>[0]>[0]) => w.loadData(file, options, report(ctx, 'reading the file'));
    let loaded: DatasetSummary;
    const known = session.dataFiles.get(cell.id);
    if (known?.key === key && known.generation === client.generation) {
      client.record(load);
      loaded = known.summary;
    } else {
      loaded = await client.remember(load);
      session.dataFiles.set(cell.id, { key, summary: loaded, generation: client.generation });
    }
    const files = c.columnFiles ?? [];
    if (!files.length) return loaded;
    for (const [i, f] of files.entries()) await loadColumnFile(cell, f, i, ctx, client);
    return { ...(await client.run((w) => w.describe())), warnings: loaded.warnings };
  });
  const ref: DatasetRef = {
    $dataset: `${cell.id}:${nextVersion()}`,
    owner: cell.id,
    n: summary.n,
    eras: summary.eras,
    featureNames: summary.featureNames,
    featureSets: summary.featureSets,
    targets: summary.targets,
    columns: summary.columns,
    ...(summary.validationEras ? { validationEras: summary.validationEras } : {}),
    source: summary.source
  };
  const eras = summary.eras;
  ctx.display({ kind: 'text', text: `${fmt(summary.n)} rows · ${eras.length} eras (${eras[0]}–${eras.at(-1)}) · ${summary.featureNames.length} features · targets: ${summary.targets.join(', ')}` });
  if (summary.columns.length) ctx.display({ kind: 'text', text: `Prediction columns: ${summary.columns.join(', ')}` });
  for (const w of summary.warnings) ctx.display({ kind: 'log', level: 'warn', text: w });
  return { [c.name]: ref };
}

/** A data cell: the built-in seeded dataset or a Numerai file, held by the cell's own scoring worker. */
export const dataKind: CellKindModule<'data', DataConfig> = {
  kind: 'data',
  label: 'Data',
  icon: '▦',
  description: 'A dataset: the built-in seeded one or a Numerai parquet/CSV file (each data cell has its own worker).',
  schema: dataSchema,
  defaults: (ctx) => ({ name: ctx.free('data'), source: 'generated', seed: 42, eras: 60, rowsPerEra: 500, features: 42 }),
  deps: (c) => ({ defines: [c.name], uses: [] }),
  provides: ['dataset'],
  form: DataForm,
  run: runData
};
