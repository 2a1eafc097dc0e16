// Built-in cells executed against the real scoring API over Comlink (Node's MessageChannel as the worker).
import { afterAll, describe, expect, it } from 'vitest';
import { closeInProcessWorkers, inProcessWorker } from '../../helpers/inProcessWorker';
import { analyzeCell } from '../../../src/lib/notebook/analyze';
import { createExecutor } from '../../../src/lib/notebook/createExecutor';
import { DataWorkers } from '../../../src/lib/notebook/DataWorkers';
import { createSession } from '../../../src/lib/notebook/builtinRun';
import { fetchTable } from '../../../src/lib/notebook/fetchTable';
import { modelSpec } from '../../../src/lib/notebook/modelSpec';
import { Notebook } from '../../../src/lib/notebook/Notebook.svelte';
import type { Runner } from '../../../src/lib/notebook/runner';
import type { PayoutResult } from '../../../src/lib/notebook/scoreDisplays';
import type { Cell, DatasetRef, NeutralizeDisplay, NotebookDoc, NotebookScores } from '../../../src/lib/notebook/types';
import { simulatePayouts } from '../../../src/lib/scoring/payout';
import type { EraScores } from '../../../src/lib/scoring/scoreEras';
import { ScoringClient } from '../../../src/lib/workers/ScoringClient';
import { NUMERAI_DEV } from '../../helpers/fixtures';

/** loadData calls the scoring worker received (a data file must not be re-read when only column files change). */
const loadDataCalls: string[] = [];
const spawn = () =>
  inProcessWorker((api) => ({
    ...api,
    loadData: ((file, options, onProgress) => {
      loadDataCalls.push((file as File).name ?? 'file');
      return api.loadData(file, options, onProgress);
    }) satisfies typeof api.loadData
  }));
afterAll(closeInProcessWorkers);

const client = new ScoringClient(spawn);
const session = createSession();
const runner = {} as Runner; // code cells are not run here
const doc = (cells: Cell[]): NotebookDoc => ({ id: 'nb', title: 't', cells, createdAt: 0, updatedAt: 0 });
const data: Cell = { id: 'd', kind: 'data', config: { name: 'data', source: 'generated', seed: 3, eras: 12, rowsPerEra: 200, features: 10 } };
const score: Cell = { id: 's', kind: 'score', config: { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr', 'mmc'], featureSet: '' } };

function notebook(cells: Cell[]) {
  return new Notebook(doc(cells), { analyze: analyzeCell, execute: createExecutor({ runner, workers: DataWorkers.shared(client), session }) });
}

describe('built-in cells on the scoring worker', () => {
  it('a data cell loads the built-in dataset and defines a DatasetRef', async () => {
    const nb = notebook([data]);
    await nb.runAll();
    expect(nb.runtime('d').status).toBe('done');
    const ref = nb.value('data') as DatasetRef;
    expect(ref.$dataset).toMatch(/^d:\d+$/);
    expect(ref.eras).toHaveLength(12);
    expect(ref.featureNames).toHaveLength(10);
    expect(ref.columns).toContain('example_prediction');
    expect(nb.runtime('d').displays[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/rows · 12 eras \(0001–0012\) · 10 features/) });
  });

  it('a score cell scores a dataset column and shows a summary table and the score charts', async () => {
    const nb = notebook([data, score]);
    await nb.runAll();
    expect(nb.runtime('s').status).toBe('done');
    const scores = nb.value('scores') as EraScores;
    expect(scores.metrics).toEqual(['corr', 'mmc']);
    expect(scores.models.example_prediction.perEra.corr).toHaveLength(12);
    const [table, charts] = nb.runtime('s').displays;
    expect(table).toMatchObject({ kind: 'table', columns: ['model', 'metric', 'mean', 'std', 'sharpe', 'max drawdown', 'consistency', 'eras'] });
    expect(charts).toEqual({ kind: 'scores', scores });
    expect((scores as NotebookScores).featureNames).toBeUndefined(); // no exposures without max_feature_exposure
  });

  it('a score cell with exposures names their features (the set it scored with), for exposure bars', async () => {
    const s: Cell = { ...score, config: { ...(score as { config: object }).config, metrics: ['corr', 'max_feature_exposure'] } } as Cell;
    const nb = notebook([data, s]);
    await nb.runAll();
    const scores = nb.value('scores') as NotebookScores;
    const ref = nb.value('data') as DatasetRef;
    expect(scores.featureNames).toEqual(ref.featureNames);
    expect(scores.models.example_prediction.exposures).toHaveLength(12 * 10);
  });

  it('a score cell scores predictions a code cell defined (stored with setColumn first)', async () => {
    const nb = notebook([data]);
    await nb.runAll();
    const rows = (nb.value('data') as DatasetRef).n;
    // stand-in for a code cell's output: a Float64Array defined under the name "mine"
    const exec = createExecutor({ runner, workers: DataWorkers.shared(client), session });
    const nb2 = new Notebook(
      doc([data, { id: 'c', kind: 'code', lang: 'js', source: 'const mine = 1;' }, { ...score, config: { ...(score as { config: object }).config, predictions: ['mine'] } } as Cell]),
      {
        analyze: analyzeCell,
        execute: (cell, inputs, ctx) => (cell.kind === 'code' ? Promise.resolve({ mine: Float64Array.from({ length: rows }, (_, i) => (i * 7919) % 101) }) : exec(cell, inputs, ctx))
      }
    );
    await nb2.runAll();
    expect(nb2.runtime('s').error).toBeNull();
    expect(Object.keys((nb2.value('scores') as EraScores).models)).toEqual(['mine']);
  });

  it('chart and payout cells use the scores; payouts equal simulatePayouts', async () => {
    const payout: Cell = { id: 'p', kind: 'payout', config: { name: 'payouts', scores: 'scores', model: '', stake: 100, corrWeight: 0.5, mmcWeight: 2, threshold: 72_000, totalAtRisk: 0, compound: true } };
    const chart: Cell = { id: 'c', kind: 'chart', config: { source: 'scores', type: 'cumulative', metric: 'mmc', models: [] } };
    const nb = notebook([data, score, chart, payout]);
    await nb.runAll();
    expect(nb.runtime('c').displays).toEqual([expect.objectContaining({ kind: 'chart', spec: expect.objectContaining({ type: 'cumulative', title: 'MMC cumulative over eras' }) })]);
    const scores = nb.value('scores') as EraScores;
    const m = scores.models.example_prediction.perEra;
    const expected = simulatePayouts({ stake: 100, corr: m.corr!, mmc: m.mmc!, totalAtRisk: 0, compound: true, rule: { corrWeight: 0.5, mmcWeight: 2, threshold: 72_000 } });
    const got = nb.value('payouts') as PayoutResult;
    expect(got.rounds).toEqual(expected);
    expect(got.model).toBe('example_prediction');
    expect(got.finalStake).toBeCloseTo(100 + expected.at(-1)!.cumulative, 9);
  });

  it('errors from the scoring worker show on the cell; a chart of something that is not scores says so', async () => {
    const bad: Cell = { id: 's', kind: 'score', config: { name: 'scores', data: 'data', predictions: ['nope'], target: 'target', metrics: [], featureSet: '' } };
    const chart: Cell = { id: 'c', kind: 'chart', config: { source: 'data', type: 'eraBars', metric: 'corr', models: [] } };
    const nb = notebook([data, bad, chart]);
    await nb.runAll();
    expect(nb.runtime('s').error?.message).toMatch(/There is no column "nope"/);
    expect(nb.runtime('c').error?.message).toMatch(/"data" is not scores, a neutralization or payouts/);
  });

  it('two data cells hold two datasets, each in its own worker; cells pick theirs by name, columns do not mix', async () => {
    const workers = new DataWorkers(() => new ScoringClient(spawn), { prestart: false });
    const small: Cell = { id: 'd2', kind: 'data', config: { name: 'small', source: 'generated', seed: 9, eras: 6, rowsPerEra: 100, features: 5 } };
    const model: Cell = { id: 'm', kind: 'model', config: { name: 'ridgeSmall', data: 'small', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 } };
    const onSmall: Cell = { id: 's2', kind: 'score', config: { name: 'smallScores', data: 'small', predictions: ['ridgeSmall'], target: 'target', metrics: ['corr'], featureSet: '' } };
    const mixed: Cell = { id: 's3', kind: 'score', config: { name: 'mixed', data: 'data', predictions: ['ridgeSmall'], target: 'target', metrics: ['corr'], featureSet: '' } };
    const nb = new Notebook(doc([data, small, score, model, onSmall, mixed]), { analyze: analyzeCell, execute: createExecutor({ runner, workers, session }) });
    await nb.runAll();
    for (const id of ['d', 'd2', 's', 'm', 's2']) expect(nb.runtime(id).error).toBeNull();
    expect(workers.get('d')).toBeDefined();
    expect(workers.get('d2')).not.toBe(workers.get('d'));
    expect((nb.value('scores') as EraScores).eras).toHaveLength(12);
    expect((nb.value('smallScores') as EraScores).eras).toHaveLength(6);
    expect(nb.runtime('s3').error?.message).toMatch(/"ridgeSmall" was made from another dataset/);
    // deleting a data cell stops its worker
    const w2 = workers.get('d2')!;
    nb.deleteCell('d2');
    workers.keep(nb.doc.cells.map((c) => c.id));
    expect(workers.get('d2')).toBeUndefined();
    await expect(w2.run((w) => w.describe())).rejects.toThrow();
    workers.dispose();
  });

  it('fetchTable copies the dataset for the code runner (typed arrays, eraStarts matching rowsPerEra)', async () => {
    const nb = notebook([data]);
    await nb.runAll();
    const ref = nb.value('data') as DatasetRef;
    const t = await fetchTable(client, ref);
    expect(t.n).toBe(ref.n);
    expect(t.eraStarts).toBeInstanceOf(Uint32Array);
    expect(t.eraStarts.at(-1)).toBe(ref.n);
    expect(t.targets.target).toBeInstanceOf(Float64Array);
    expect(t.featureSets).toEqual(ref.featureSets);
  });

  it('modelSpec maps a model form to the scoring worker spec; trainEnd picks the training eras', () => {
    expect(modelSpec({ name: 'm', data: 'data', kind: 'ridge', featureSet: 'small', target: 'target', lambda: 3 })).toEqual({ kind: 'ridge', featureSet: 'small', target: 'target', lambda: 3 });
    expect(modelSpec({ name: 'm', data: 'data', kind: 'gbdt', featureSet: 'all', target: 't', trees: 20, learningRate: 0.05, maxDepth: 3, trainEnd: '0002' }, ['0001', '0002', '0003'])).toEqual({
      kind: 'gbdt',
      featureSet: 'all',
      target: 't',
      trees: 20,
      learningRate: 0.05,
      maxDepth: 3,
      trainEras: ['0001', '0002']
    });
  });

  it('a model cell trains in the scoring worker and defines a column a score cell scores', async () => {
    const model: Cell = { id: 'm', kind: 'model', config: { name: 'ridge1', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 } };
    const s: Cell = { ...score, config: { ...(score as { config: object }).config, predictions: ['ridge1'], metrics: ['corr'] } } as Cell;
    const nb = notebook([data, model, s]);
    await nb.runAll();
    expect(nb.runtime('m').error).toBeNull();
    expect(nb.value('ridge1')).toMatchObject({ $column: 'ridge1', info: { kind: 'ridge', features: 10 } });
    expect(nb.runtime('m').displays[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/^Trained ridge \(λ = 10\) on 10 features/) });
    expect(Object.keys((nb.value('scores') as EraScores).models)).toEqual(['ridge1']);
  });

  it('an ensemble model cell rank-averages its members per era into a column in (0, 1) that a score cell scores', async () => {
    const model: Cell = { id: 'm', kind: 'model', config: { name: 'ridge2', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 } };
    const ens: Cell = { id: 'e', kind: 'model', config: { name: 'ens', data: 'data', kind: 'ensemble', featureSet: '', target: 'target', members: ['ridge2', 'v5_lgbm_ender20'] } };
    const s: Cell = { ...score, config: { ...(score as { config: object }).config, predictions: ['ens'], metrics: ['corr'] } } as Cell;
    const nb = notebook([data, model, ens, s]);
    await nb.runAll();
    expect(nb.runtime('e').error).toBeNull();
    expect(nb.deps.get('e')?.uses).toEqual(['data', 'ridge2', 'v5_lgbm_ender20']);
    const col = await client.run((w) => w.getColumn('ens'));
    const values = Array.from(col).filter((v) => !Number.isNaN(v));
    expect(values.length).toBeGreaterThan(1000);
    expect(Math.min(...values)).toBeGreaterThan(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(Object.keys((nb.value('scores') as EraScores).models)).toEqual(['ens']);
    // one member is not enough
    const lonely = notebook([data, { ...ens, config: { ...(ens as { config: object }).config, members: ['ridge2'] } } as Cell]);
    expect(lonely.deps.get('e')?.error?.message).toMatch(/at least two prediction columns/);
  });

  it('a neutralize cell stores the neutralized column (scored downstream) and shows CORR/FNC/exposure; proportion 0 keeps CORR', async () => {
    const neutral: Cell = { id: 'n', kind: 'neutralize', config: { name: 'neutral', data: 'data', model: 'example_prediction', proportion: 0, featureSet: '' } };
    const s: Cell = { ...score, config: { ...(score as { config: object }).config, predictions: ['neutral', 'example_prediction'], metrics: ['corr'] } } as Cell;
    const nb = notebook([data, neutral, s]);
    await nb.runAll();
    expect(nb.runtime('n').error).toBeNull();
    const [shown] = nb.runtime('n').displays;
    expect(shown).toMatchObject({ kind: 'neutralize', cellId: 'n', model: 'example_prediction', proportion: 0, ms: expect.any(Number) });
    const r = (shown as NeutralizeDisplay).result;
    expect(r.corr).toHaveLength(12);
    expect(r.fnc).toHaveLength(12);
    expect(r.exposures).toHaveLength(12 * 10);
    const scores = nb.value('scores') as EraScores;
    expect(scores.models.neutral.summary.corr!.mean).toBeCloseTo(scores.models.example_prediction.summary.corr!.mean, 12);
    // full neutralization: a new proportion re-runs the cell and the score cell, without a new prepare
    const prepared = session.neutralizers.get('n');
    nb.updateConfig<'neutralize'>('n', { proportion: 1 });
    await nb.idle();
    expect(session.neutralizers.get('n')).toEqual(prepared);
    const full = nb.value('scores') as EraScores;
    expect(full.models.neutral.summary.corr!.mean).not.toBeCloseTo(full.models.example_prediction.summary.corr!.mean, 6);
  });

  it('adding a predictions file to a data cell does not read the data file again; another file or a cancel does', async () => {
    const { readFile } = await import('node:fs/promises');
    const fixture = NUMERAI_DEV;
    const fileCell: Cell = { id: 'g', kind: 'data', config: { name: 'data', source: 'file', fileName: 'validation.parquet' } };
    session.files.set('g', new File([await readFile(fixture + 'validation.parquet')], 'validation.parquet'));
    const nb = notebook([fileCell]);
    const before = loadDataCalls.length;
    await nb.runAll();
    expect(nb.runtime('g').error).toBeNull();
    expect(loadDataCalls.length - before).toBe(1);
    session.files.set('g:p1', new File([await readFile(fixture + 'predictions/linear.csv')], 'linear.csv'));
    nb.updateConfig<'data'>('g', { columnFiles: [{ id: 'p1', kind: 'predictions', fileName: 'linear.csv' }] });
    await nb.idle();
    expect(nb.runtime('g').error).toBeNull();
    expect((nb.value('data') as DatasetRef).columns).toContain('linear');
    expect(loadDataCalls.length - before).toBe(1); // the parquet file was not read again
    await client.cancel(); // a new worker replays the load once
    expect(loadDataCalls.length - before).toBe(2);
    await nb.run('g'); // and the next run knows the worker was replaced: its data came from the replay, read again
    expect(loadDataCalls.length - before).toBe(3);
  });

  it('a data cell reads a local Numerai parquet file with a features.json feature set (the files stay in the session)', async () => {
    const { readFile } = await import('node:fs/promises');
    const fixture = NUMERAI_DEV;
    const fileCell: Cell = { id: 'f', kind: 'data', config: { name: 'data', source: 'file', fileName: 'validation.parquet', featuresFileName: 'features.json', featureSet: 'small' } };
    const nb = notebook([fileCell]);
    await nb.runAll();
    expect(nb.runtime('f').error?.message).toMatch(/Pick "validation.parquet" again/); // not picked in this session
    session.files.set('f', new File([await readFile(fixture + 'validation.parquet')], 'validation.parquet'));
    session.files.set('f:features', new File([await readFile(fixture + 'features.json')], 'features.json'));
    await nb.run('f');
    expect(nb.runtime('f').error).toBeNull();
    const ref = nb.value('data') as DatasetRef;
    expect(ref.n).toBe(15061);
    expect(ref.featureNames).toHaveLength(8);
    expect(ref.featureSets.small).toHaveLength(8);
  });

  it('a neutralize cell neutralizes to a feature group (a features.json set such as "wisdom"); an unknown group is a clear error', async () => {
    const neutral: Cell = { id: 'g', kind: 'neutralize', config: { name: 'ng', data: 'data', model: 'example_prediction', proportion: 1, featureSet: '', featureGroup: 'wisdom' } };
    const nb = notebook([data, neutral]);
    await nb.runAll();
    expect(nb.runtime('g').error).toBeNull();
    nb.updateConfig<'neutralize'>('g', { featureGroup: 'nonsense' });
    await nb.idle();
    expect(nb.runtime('g').error?.message).toMatch(/There is no feature group "nonsense"/);
  });

  it('after a scoring-worker cancel, the replay rebuilds the neutralized column in the new worker', async () => {
    const neutral: Cell = { id: 'r', kind: 'neutralize', config: { name: 'nr', data: 'data', model: 'example_prediction', proportion: 0.3, featureSet: '' } };
    const nb = notebook([data, neutral]);
    await nb.runAll();
    expect(nb.runtime('r').error).toBeNull();
    const before = await client.run((w) => w.getColumn('nr'));
    await client.cancel(); // terminate, respawn, replay: loadGenerated, then prepare + apply again
    const after = await client.run((w) => w.getColumn('nr'));
    expect(Array.from(after)).toEqual(Array.from(before));
  });
});
