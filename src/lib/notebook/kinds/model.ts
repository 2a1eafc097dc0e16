import * as v from 'valibot';
import { cancellable, columnFor, fmt, needData, nextVersion, report, type BuiltinRunContext } from '../builtinRun';
import ModelForm from '../ModelForm.svelte';
import { modelSpec } from '../modelSpec';
import type { ColumnRef } from '../types';
import type { CellKindModule, KindCell } from './kind';
import { int, name, names, real } from './schemaParts';

export const modelSchema = v.object({
  name: name(),
  data: name(),
  /** A model to train, or a per-era rank average of prediction columns (Numerai's model/target ensembles). */
  kind: v.picklist(['ridge', 'gbdt', 'ensemble']),
  featureSet: name(),
  target: name(),
  /** Ridge penalty. */
  lambda: v.optional(real(0)),
  /** GBDT hyperparameters. */
  trees: v.optional(int(1, 10_000)),
  learningRate: v.optional(real(0, 1)),
  maxDepth: v.optional(int(1, 16)),
  /** Ensemble: the prediction columns (notebook names or dataset columns) to rank-average per era. */
  members: v.optional(names(100)),
  /** Last training era (default: the last "train" era of the data). */
  trainEnd: v.optional(name())
});
export type ModelConfig = v.InferOutput<typeof modelSchema>;
type ModelCell = KindCell<'model', ModelConfig>;

/** A model cell of kind "ensemble": the per-era rank average of its member columns, re-ranked per era. */
async function runEnsemble(cell: ModelCell, inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const { data, client } = needData(ctx, c.data, inputs);
  const members = c.members ?? [];
  await cancellable(client, ctx, async () => {
    const columns: string[] = [];
    for (const m of members) columns.push(await columnFor(client, m, inputs[m], data));
    // keyed: re-running the cell replaces its earlier ensemble in the worker's replay log
    await client.remember((w) => w.ensemble(columns, c.name), `ensemble:${cell.id}`);
  });
  ctx.display({ kind: 'text', text: `Rank-averaged ${members.join(', ')} per era into column "${c.name}" (per-era percentile ranks in (0, 1)).` });
  return { [c.name]: { $column: c.name, owner: data.owner, version: nextVersion(), info: { kind: 'ensemble', members } } satisfies ColumnRef };
}

/** Trains ridge or a GBDT in the dataset's scoring worker; its predictions become a column named after the cell. */
async function runModel(cell: ModelCell, inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  if (c.kind === 'ensemble') return runEnsemble(cell, inputs, ctx);
  const { data, client } = needData(ctx, c.data, inputs);
  const spec = modelSpec(c, data.eras);
  const res = await cancellable(client, ctx, () => client.remember((w) => w.train(spec, { name: c.name }, report(ctx, 'training'))));
  const i = res.info;
  const span = (eras: string[]) => (eras.length ? `${eras.length} eras (${eras[0]}–${eras.at(-1)})` : 'no eras');
  ctx.display({
    kind: 'text',
    text:
      `Trained ${c.kind === 'ridge' ? `ridge (λ = ${c.lambda})` : `GBDT (${c.trees} trees, depth ${c.maxDepth}, learning rate ${c.learningRate})`} on ${i.features} features, ` +
      `target "${c.target}", ${fmt(i.trainRows)} rows of ${span(i.trainEras)} in ${(i.ms / 1000).toFixed(1)} s. Validation: ${span(i.validationEras)}. Predictions in column "${res.name}".`
  });
  return { [c.name]: { $column: res.name, owner: data.owner, version: nextVersion(), info: { ...i, spec } } satisfies ColumnRef };
}

/** A model cell: ridge or GBDT trained in the worker, or a rank-average ensemble of prediction columns. */
export const modelKind: CellKindModule<'model', ModelConfig> = {
  kind: 'model',
  label: 'Model',
  icon: 'ƒ',
  description: 'Train ridge or gradient-boosted trees on a dataset, or rank-average prediction columns (an ensemble).',
  schema: modelSchema,
  defaults: (ctx) => ({
    name: ctx.free('model'),
    data: ctx.provided('dataset').at(-1) ?? 'data',
    kind: 'ridge',
    featureSet: 'all',
    target: 'target',
    lambda: 10,
    trees: 50,
    learningRate: 0.1,
    maxDepth: 4
  }),
  deps: (c) => ({
    defines: [c.name],
    uses: [c.data, ...(c.kind === 'ensemble' ? (c.members ?? []) : [])],
    ...(c.kind === 'ensemble' && (c.members ?? []).length < 2 ? { error: 'Pick at least two prediction columns to ensemble.' } : {})
  }),
  provides: ['predictions'],
  form: ModelForm,
  run: runModel
};
