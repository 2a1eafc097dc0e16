import { PlaygroundError } from '../errors';
import { simulatePayouts } from '../scoring/payout';
import type { ScoreRequest } from '../workers/Workspace';
import { progress, type ScoringClient } from '../workers/ScoringClient';
import { modelSpec } from './modelSpec';
import type { RunContext } from './Notebook.svelte';
import { isEraScores, isPayoutResult, neutralizeChart, neutralizeTable, payoutChart, payoutTable, scoreChart, scoreTable, type PayoutResult } from './scoreDisplays';
import { isColumnRef, isDatasetRef, type BuiltinCell, type CellOf, type ColumnRef, type DatasetRef } from './types';

/** Session state of built-in cells that is not saved with the notebook: picked files, prepared neutralizations. */
export interface BuiltinSession {
  files: Map<string, File>;
  /** Neutralize cell id → the scoring worker's prepared neutralization and what it was prepared for. */
  neutralizers: Map<string, { id: string; key: string; options: { model: string; featureSet?: string; features?: string[] } }>;
}

export const createSession = (): BuiltinSession => ({ files: new Map(), neutralizers: new Map() });

let datasetVersion = 0;
let columnVersion = 0;
const tokens = new WeakMap<object, number>();

/** Identifies a notebook value cheaply: a column's name and version, an array's identity, a name. */
function valueToken(name: string, v: unknown): string {
  if (isColumnRef(v)) return `${v.$column}@${v.version ?? ''}`;
  if (typeof v === 'object' && v !== null) {
    if (!tokens.has(v)) tokens.set(v, ++columnVersion);
    return `${name}#${tokens.get(v)}`;
  }
  return name;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Rejects when the cell is stopped, after telling the scoring worker to cancel (terminate, respawn, replay). The
 * new worker has none of the prepared neutralizations (their ids were the old worker's): forget them.
 */
async function cancellable<T>(client: ScoringClient, ctx: RunContext, work: () => Promise<T>, session?: BuiltinSession): Promise<T> {
  const onAbort = () => {
    session?.neutralizers.clear();
    void client.cancel();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await work();
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

const report = (ctx: RunContext, label: string) => progress((done: number, total: number, l?: string) => ctx.progress(total ? done / total : 0, l ?? label));

/** The scoring-worker column for a notebook value: a model's column, a code cell's array (stored first) or a dataset column. */
async function columnFor(client: ScoringClient, name: string, value: unknown): Promise<string> {
  if (isColumnRef(value)) return value.$column;
  if (value instanceof Float64Array || value instanceof Float32Array || Array.isArray(value)) {
    const values = Float64Array.from(value as ArrayLike<number>);
    await client.remember((w) => w.setColumn(name, values));
    return name;
  }
  if (value === undefined) return name;
  throw new PlaygroundError(`"${name}" is not a column of predictions.`, { hints: ['Define it as a Float64Array with one value per row of the data, or pick a model cell.'] });
}

function needData(ctx: RunContext, name: string, inputs: Record<string, unknown>): DatasetRef {
  const v = inputs[name];
  if (!isDatasetRef(v)) throw new PlaygroundError(`There is no dataset "${name}".`, { hints: ['Add a data cell, or pick the name its dataset has.'] });
  return v;
}

async function runData(cell: CellOf<'data'>, ctx: RunContext, client: ScoringClient, session: BuiltinSession) {
  const c = cell.config;
  const first = ctx.notebook.doc.cells.find((x) => x.kind === 'data');
  if (first && first.id !== cell.id) throw new PlaygroundError('A notebook holds one dataset, and an earlier data cell loads it.', { hints: ['Change the first data cell, or delete one of them.'] });
  client.resetState();
  const summary = await cancellable(client, ctx, async () => {
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
    return client.remember((w) => w.loadData(file, options, report(ctx, 'reading the file')));
  });
  const ref: DatasetRef = {
    $dataset: `${cell.id}:${++datasetVersion}`,
    n: summary.n,
    eras: summary.eras,
    featureNames: summary.featureNames,
    featureSets: summary.featureSets,
    targets: summary.targets,
    columns: summary.columns,
    source: summary.source
  };
  const eras = summary.eras;
  ctx.display({ kind: 'text', text: `${fmt(summary.n)} rows · ${eras.length} eras (${eras[0]}–${eras.at(-1)}) · ${summary.featureNames.length} features · targets: ${summary.targets.join(', ')}` });
  if (summary.columns.length) ctx.display({ kind: 'text', text: `Prediction columns: ${summary.columns.join(', ')}` });
  for (const w of summary.warnings) ctx.display({ kind: 'log', level: 'warn', text: w });
  return { [c.name]: ref };
}

async function runModel(cell: CellOf<'model'>, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient) {
  const c = cell.config;
  const data = needData(ctx, c.data, inputs);
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
  return { [c.name]: { $column: res.name, version: ++columnVersion, info: { ...i, spec } } satisfies ColumnRef };
}

async function runScore(cell: CellOf<'score'>, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient) {
  const c = cell.config;
  needData(ctx, c.data, inputs);
  const scores = await cancellable(client, ctx, async () => {
    const models: string[] = [];
    for (const p of c.predictions) models.push(await columnFor(client, p, inputs[p]));
    const request: ScoreRequest = { models, target: c.target || 'target', ...(c.featureSet ? { featureSet: c.featureSet } : {}), ...(c.metrics.length ? { metrics: c.metrics as ScoreRequest['metrics'] } : {}) };
    return client.run((w) => w.score(request, report(ctx, 'scoring eras')));
  });
  ctx.display(scoreTable(scores));
  ctx.display({ kind: 'chart', spec: scoreChart(scores, scores.metrics.includes('corr') ? 'corr' : scores.metrics[0]) });
  return { [c.name]: scores };
}

/**
 * Prepares (or reuses) the scoring worker's neutralization of a neutralize cell and returns its id. A new model,
 * new predictions, other features or other data need a new fit; a new proportion does not (no refit).
 */
export async function prepareNeutralizer(client: ScoringClient, session: BuiltinSession, cell: CellOf<'neutralize'>, model: string, modelValue: unknown, data: DatasetRef): Promise<string> {
  const c = cell.config;
  const key = JSON.stringify([valueToken(c.model, modelValue), model, c.featureSet, c.featureGroup ?? '', data.$dataset]);
  const known = session.neutralizers.get(cell.id);
  if (known?.key === key) return known.id;
  const group = c.featureGroup?.trim();
  // a group is a feature set of features.json (Numerai's groups: intelligence, wisdom, …) or else a word in the names
  const features = group ? (data.featureSets[group] ?? data.featureNames.filter((f) => f.includes(group))) : undefined;
  if (features && !features.length) throw new PlaygroundError(`There is no feature group "${group}".`, { hints: [`Groups and sets: ${Object.keys(data.featureSets).join(', ')}.`] });
  const { id } = await client.run((w) => w.neutralizePrepare({ model, ...(features ? { features } : c.featureSet ? { featureSet: c.featureSet } : {}) }));
  session.neutralizers.set(cell.id, { id, key, options: { model, ...(features ? { features } : c.featureSet ? { featureSet: c.featureSet } : {}) } });
  return id;
}

async function runNeutralize(cell: CellOf<'neutralize'>, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient, session: BuiltinSession) {
  const c = cell.config;
  const data = needData(ctx, c.data, inputs);
  const { result, model } = await cancellable(client, ctx, async () => {
    const model = await columnFor(client, c.model, inputs[c.model]);
    const id = await prepareNeutralizer(client, session, cell, model, inputs[c.model], data);
    const result = await client.run((w) => w.neutralizeScores(id, c.proportion, { fnc: true }));
    // Stored for replay after a cancel: the first call applies the prepared fit; a replay (in a new worker, where
    // that id does not exist) prepares again first.
    const { options } = session.neutralizers.get(cell.id)!;
    let live = true;
    await client.remember(async (w) => {
      if (live) {
        live = false;
        return w.neutralizeApply(id, c.proportion, c.name);
      }
      const fresh = await w.neutralizePrepare(options);
      return w.neutralizeApply(fresh.id, c.proportion, c.name);
    });
    return { result, model };
  }, session);
  ctx.display(neutralizeTable(result, c.proportion));
  ctx.display({ kind: 'chart', spec: neutralizeChart(result, c.proportion) });
  return { [c.name]: { $column: c.name, version: ++columnVersion, info: { model, proportion: c.proportion, featureSet: c.featureSet, corr: result.summary.corr.mean } } satisfies ColumnRef };
}

function runChart(cell: CellOf<'chart'>, inputs: Record<string, unknown>, ctx: RunContext) {
  const c = cell.config;
  const src = inputs[c.source];
  if (isEraScores(src)) ctx.display({ kind: 'chart', spec: scoreChart(src, c.metric, c.type, c.models) });
  else if (isPayoutResult(src)) ctx.display({ kind: 'chart', spec: payoutChart(src) });
  else throw new PlaygroundError(`"${c.source}" is not scores or payouts.`, { hints: ['Pick the name of a score cell or a payout cell.'] });
  return {};
}

function runPayout(cell: CellOf<'payout'>, inputs: Record<string, unknown>, ctx: RunContext) {
  const c = cell.config;
  const scores = inputs[c.scores];
  if (!isEraScores(scores)) throw new PlaygroundError(`"${c.scores}" is not the output of a score cell.`);
  const model = c.model || Object.keys(scores.models)[0];
  const m = scores.models[model];
  if (!m) throw new PlaygroundError(`The scores have no model "${model}".`, { hints: [`Models: ${Object.keys(scores.models).join(', ')}`] });
  const corr = m.perEra.corr;
  const mmc = m.perEra.mmc;
  if (!corr || !mmc) throw new PlaygroundError('Payouts need CORR and MMC per era.', { hints: ['Score with a meta model (numerai_meta_model) and keep the "corr" and "mmc" metrics.'] });
  const rounds = simulatePayouts({
    stake: c.stake,
    corr,
    mmc,
    totalAtRisk: c.totalAtRisk,
    compound: c.compound,
    rule: { corrWeight: c.corrWeight, mmcWeight: c.mmcWeight, threshold: c.threshold }
  });
  let paid = 0;
  let burned = 0;
  let clipped = 0;
  for (const r of rounds) {
    if (r.payout > 0) paid += r.payout;
    else burned -= r.payout;
    if (r.clipped) clipped++;
  }
  const last = rounds.at(-1);
  const result: PayoutResult = { model, eras: scores.eras, rounds, paid, burned, clipped, finalStake: last ? (c.compound ? last.stake + last.payout : c.stake) : c.stake };
  ctx.display(payoutTable(result, c.stake));
  ctx.display({ kind: 'chart', spec: payoutChart(result) });
  return { [c.name]: result };
}

/** Runs a built-in cell against the page's scoring worker (payouts are computed on the page: pure maths). */
export function executeBuiltin(cell: BuiltinCell, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient, session: BuiltinSession): Promise<Record<string, unknown>> {
  switch (cell.kind) {
    case 'data':
      return runData(cell, ctx, client, session);
    case 'model':
      return runModel(cell, inputs, ctx, client);
    case 'score':
      return runScore(cell, inputs, ctx, client);
    case 'neutralize':
      return runNeutralize(cell, inputs, ctx, client, session);
    case 'chart':
      return Promise.resolve(runChart(cell, inputs, ctx));
    case 'payout':
      return Promise.resolve(runPayout(cell, inputs, ctx));
  }
}

