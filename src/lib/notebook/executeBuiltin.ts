import { PlaygroundError } from '../errors';
import { defaultPayoutRule, simulatePayouts } from '../scoring/payout';
import type { DatasetSummary, NeutralizationSweep, ScoreRequest } from '../workers/Workspace';
import { progress, type ScoringClient } from '../workers/ScoringClient';
import { modelSpec } from './modelSpec';
import type { Notebook, RunContext } from './Notebook.svelte';
import {
  exposureChart,
  isEraScores,
  isPayoutResult,
  payoutChart,
  payoutDownsideText,
  payoutTable,
  scoreChart,
  scoreTable,
  sweepGrid,
  tradeoffChart,
  type PayoutResult
} from './scoreDisplays';
import { isColumnRef, isDatasetRef, type BuiltinCell, type CellOf, type ColumnFileConfig, type ColumnRef, type DatasetRef, type ErasChoice, type NotebookScores } from './types';

/** A neutralize cell's least-squares fit in the scoring worker, what it was prepared for, and its trade-off sweep. */
export interface PreparedNeutralizer {
  /** The worker's id of the fit. */
  id: string;
  /** What the fit depends on (predictions, features, data): a new key needs a new fit; a new proportion does not. */
  key: string;
  options: { model: string; featureSet?: string; features?: string[] };
  /** The trade-off over `sweepGrid`, computed once per fit (by the live view or a trade-off chart cell). */
  sweep?: Promise<NeutralizationSweep>;
}

/** Session state of built-in cells that is not saved with the notebook: picked files, prepared neutralizations. */
export interface BuiltinSession {
  files: Map<string, File>;
  /** The data file the scoring worker holds: what was read, with which options, so an unchanged file is not re-read. */
  dataFile?: { key: string; summary: DatasetSummary; generation: number };
  /** Neutralize cell id → the scoring worker's prepared neutralization and what it was prepared for. */
  neutralizers: Map<string, PreparedNeutralizer>;
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
    if (c.source === 'generated') session.dataFile = undefined;
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
    if (session.dataFile?.key === key && session.dataFile.generation === client.generation) {
      client.record(load);
      loaded = session.dataFile.summary;
    } else {
      loaded = await client.remember(load);
      session.dataFile = { key, summary: loaded, generation: client.generation };
    }
    const files = c.columnFiles ?? [];
    if (!files.length) return loaded;
    for (const [i, f] of files.entries()) await loadColumnFile(cell, f, i, ctx, client, session);
    return { ...(await client.run((w) => w.describe())), warnings: loaded.warnings };
  });
  const ref: DatasetRef = {
    $dataset: `${cell.id}:${++datasetVersion}`,
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

const columnKinds: Record<ColumnFileConfig['kind'], string> = { predictions: 'predictions', meta_model: 'meta model', benchmark: 'benchmark' };

/** A column name from a file name: "linear.csv" → "linear", "my preds.v2.csv" → "my_preds_v2" (an identifier cells can use). */
export function columnNameOf(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_$]+/g, '_') || 'predictions';
  return /^[0-9]/.test(stem) ? `_${stem}` : stem;
}

/** Joins one prediction-like file of a data cell on id and stores it as a column (the loader's errors fail the cell). */
async function loadColumnFile(cell: CellOf<'data'>, f: ColumnFileConfig, i: number, ctx: RunContext, client: ScoringClient, session: BuiltinSession) {
  const file = session.files.get(`${cell.id}:${f.id}`);
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

async function runModel(cell: CellOf<'model'>, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient) {
  const c = cell.config;
  const data = needData(ctx, c.data, inputs);
  if (c.kind === 'ensemble') return runEnsemble(cell, inputs, ctx, client);
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
  const data = needData(ctx, c.data, inputs);
  const scores = await cancellable(client, ctx, async () => {
    const models: string[] = [];
    for (const p of c.predictions) models.push(await columnFor(client, p, inputs[p]));
    const eras = erasOf(c.eras, data);
    const request: ScoreRequest = {
      models,
      target: c.target || 'target',
      ...(c.featureSet ? { featureSet: c.featureSet } : {}),
      ...(c.metrics.length ? { metrics: c.metrics as ScoreRequest['metrics'] } : {}),
      ...(eras ? { eras } : {})
    };
    return client.run((w) => w.score(request, report(ctx, 'scoring eras')));
  });
  // the exposures are eras × features in the order of the feature set the worker used (the dataset's own order)
  const featureNames = c.featureSet ? data.featureSets[c.featureSet] : data.featureNames;
  const value: NotebookScores = Object.values(scores.models).some((m) => m.exposures) && featureNames ? Object.assign(scores, { featureNames }) : scores;
  ctx.display(scoreTable(value));
  ctx.display({ kind: 'scores', scores: value });
  return { [c.name]: value };
}

/** A model cell of kind "ensemble": the per-era rank average of its member columns, re-ranked per era. */
async function runEnsemble(cell: CellOf<'model'>, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient) {
  const c = cell.config;
  const members = c.members ?? [];
  await cancellable(client, ctx, async () => {
    const columns: string[] = [];
    for (const m of members) columns.push(await columnFor(client, m, inputs[m]));
    // keyed: re-running the cell replaces its earlier ensemble in the worker's replay log
    await client.remember((w) => w.ensemble(columns, c.name), `ensemble:${cell.id}`);
  });
  ctx.display({ kind: 'text', text: `Rank-averaged ${members.join(', ')} per era into column "${c.name}" (per-era percentile ranks in (0, 1)).` });
  return { [c.name]: { $column: c.name, version: ++columnVersion, info: { kind: 'ensemble', members } } satisfies ColumnRef };
}

/**
 * Prepares (or reuses) the scoring worker's neutralization of a neutralize cell and returns its id. A new model,
 * new predictions, other features or other data need a new fit; a new proportion does not (no refit).
 */
export const neutralizerKey = (c: CellOf<'neutralize'>['config'], model: string, modelValue: unknown, data: DatasetRef) =>
  JSON.stringify([valueToken(c.model, modelValue), model, c.featureSet, c.featureGroup ?? '', c.eras ?? 'all', data.$dataset]);

/**
 * The eras a cell's "validation" choice stands for: the data's eras after its training eras and a 4-era embargo.
 * Undefined means every era (also when the data has no training eras, e.g. Numerai's validation file alone).
 */
export function erasOf(choice: ErasChoice | undefined, data: DatasetRef): string[] | undefined {
  return choice === 'validation' && data.validationEras?.length ? data.validationEras : undefined;
}

export async function prepareNeutralizer(client: ScoringClient, session: BuiltinSession, cell: CellOf<'neutralize'>, model: string, modelValue: unknown, data: DatasetRef): Promise<string> {
  const c = cell.config;
  const key = neutralizerKey(c, model, modelValue, data);
  const known = session.neutralizers.get(cell.id);
  if (known?.key === key) return known.id;
  const group = c.featureGroup?.trim();
  // a group is a feature set of features.json (Numerai's groups: intelligence, wisdom, …) or else a word in the names
  const features = group ? (data.featureSets[group] ?? data.featureNames.filter((f) => f.includes(group))) : undefined;
  if (features && !features.length) throw new PlaygroundError(`There is no feature group "${group}".`, { hints: [`Groups and sets: ${Object.keys(data.featureSets).join(', ')}.`] });
  const eras = erasOf(c.eras, data);
  const options = { model, ...(features ? { features } : c.featureSet ? { featureSet: c.featureSet } : {}), ...(eras ? { eras } : {}) };
  const { id } = await client.run((w) => w.neutralizePrepare(options));
  session.neutralizers.set(cell.id, { id, key, options });
  return id;
}

async function runNeutralize(cell: CellOf<'neutralize'>, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient, session: BuiltinSession) {
  const c = cell.config;
  const data = needData(ctx, c.data, inputs);
  const { result, model, ms } = await cancellable(client, ctx, async () => {
    const model = await columnFor(client, c.model, inputs[c.model]);
    const id = await prepareNeutralizer(client, session, cell, model, inputs[c.model], data);
    const t0 = performance.now();
    const result = await client.run((w) => w.neutralizeScores(id, c.proportion, { fnc: true }));
    const ms = performance.now() - t0;
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
    return { result, model, ms };
  }, session);
  ctx.display({ kind: 'neutralize', cellId: cell.id, model: c.model, proportion: c.proportion, result, ms });
  return { [c.name]: { $column: c.name, version: ++columnVersion, info: { model, proportion: c.proportion, featureSet: c.featureSet, corr: result.summary.corr.mean } } satisfies ColumnRef };
}

/**
 * The prepared fit of a neutralize cell, preparing it when this session has none (after a worker restart, say).
 * Null when the cell's inputs have no value yet.
 */
export async function neutralizerOf(client: ScoringClient, session: BuiltinSession, notebook: Notebook, cell: CellOf<'neutralize'>): Promise<PreparedNeutralizer | null> {
  const data = notebook.value(cell.config.data);
  if (!isDatasetRef(data)) return null;
  const m = notebook.value(cell.config.model);
  const model = isColumnRef(m) ? m.$column : cell.config.model;
  await prepareNeutralizer(client, session, cell, model, m, data);
  return session.neutralizers.get(cell.id) ?? null;
}

/** The trade-off sweep of a prepared fit: one `neutralizeSweep` call over `sweepGrid`, kept with the fit. */
export function sweepOf(client: ScoringClient, fit: PreparedNeutralizer, onProgress?: ReturnType<typeof report>): Promise<NeutralizationSweep> {
  fit.sweep ??= client.run((w) => w.neutralizeSweep(fit.id, [...sweepGrid], onProgress)).catch((e: unknown) => {
    fit.sweep = undefined;
    throw e;
  });
  return fit.sweep;
}

async function runChart(cell: CellOf<'chart'>, inputs: Record<string, unknown>, ctx: RunContext, client: ScoringClient, session: BuiltinSession) {
  const c = cell.config;
  const src = inputs[c.source];
  if (isPayoutResult(src)) ctx.display({ kind: 'chart', spec: payoutChart(src) });
  else if (isColumnRef(src)) {
    const owner = ctx.notebook.definer(c.source);
    const ncell = owner ? ctx.notebook.cell(owner) : undefined;
    if (ncell?.kind !== 'neutralize') throw new PlaygroundError(`"${c.source}" is a column of predictions, not scores.`, { hints: ['Score it in a score cell and chart the scores, or pick a neutralize cell for its trade-off.'] });
    const snapshot = JSON.parse(JSON.stringify(ncell)) as CellOf<'neutralize'>; // plain data for the worker
    const sweep = await cancellable(
      client,
      ctx,
      async () => {
        const fit = await neutralizerOf(client, session, ctx.notebook, snapshot);
        if (!fit) throw new PlaygroundError(`The neutralize cell of "${c.source}" has not run yet.`);
        return sweepOf(client, fit, report(ctx, 'sweeping proportions'));
      },
      session
    );
    const p = Number(src.info.proportion);
    ctx.display({ kind: 'chart', spec: tradeoffChart(sweep, Number.isFinite(p) ? p : null, snapshot.config.model) });
  } else if (isEraScores(src)) {
    if (c.type === 'tradeoff' || c.type === 'payout')
      throw new PlaygroundError(`A ${c.type === 'tradeoff' ? 'trade-off' : 'payout'} chart needs the output of a ${c.type === 'tradeoff' ? 'neutralize' : 'payout'} cell, and "${c.source}" is scores.`, {
        hints: ['Pick that cell\'s name as the data, or another kind of chart.']
      });
    if (c.type === 'exposure') ctx.display({ kind: 'chart', spec: exposureChart(src, c.models[0], c.era) });
    else ctx.display({ kind: 'chart', spec: scoreChart(src, c.metric, c.type, c.models) });
  } else throw new PlaygroundError(`"${c.source}" is not scores, a neutralization or payouts.`, { hints: ['Pick the name of a score, neutralize or payout cell.'] });
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
  const result: PayoutResult = {
    model,
    eras: scores.eras,
    rounds,
    paid,
    burned,
    clipped,
    finalStake: last ? (c.compound ? last.stake + last.payout : c.stake) : c.stake,
    stake: c.stake,
    clip: defaultPayoutRule.clip
  };
  ctx.display(payoutTable(result, c.stake));
  ctx.display({ kind: 'text', text: payoutDownsideText(result, c.stake) });
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
      return runChart(cell, inputs, ctx, client, session);
    case 'payout':
      return Promise.resolve(runPayout(cell, inputs, ctx));
  }
}

