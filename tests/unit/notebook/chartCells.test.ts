// Chart, payout and data cells against the real scoring API over Comlink (Node's MessageChannel as the worker):
// every chart kind a chart cell offers, prediction-like files joined in a data cell (scores equal to numerai-tools'
// on the numerai-dev fixture), the loaders' errors, and the payout downside.
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { closeInProcessWorkers, inProcessWorker } from '../../helpers/inProcessWorker';
import { analyzeCell } from '../../../src/lib/notebook/analyze';
import { createExecutor } from '../../../src/lib/notebook/createExecutor';
import { DataWorkers } from '../../../src/lib/notebook/DataWorkers';
import { createSession } from '../../../src/lib/notebook/builtinRun';
import { columnNameOf } from '../../../src/lib/notebook/kinds/data';
import { Notebook } from '../../../src/lib/notebook/Notebook.svelte';
import type { Runner } from '../../../src/lib/notebook/runner';
import { payoutDownside, payoutDownsideText, sweepGrid, type PayoutResult } from '../../../src/lib/notebook/scoreDisplays';
import type { Cell, ChartSpec, DisplayItem, NotebookDoc, NotebookScores } from '../../../src/lib/notebook/types';
import { ScoringClient } from '../../../src/lib/workers/ScoringClient';
import { NUMERAI_DEV } from '../../helpers/fixtures';

let prepares = 0;
const spawn = () => inProcessWorker((api) => ({ ...api, neutralizePrepare: ((...args) => (prepares++, api.neutralizePrepare(...args))) satisfies typeof api.neutralizePrepare }));
afterAll(closeInProcessWorkers);

const client = new ScoringClient(spawn);
const session = createSession();
const runner = {} as Runner;
const doc = (cells: Cell[]): NotebookDoc => ({ id: 'nb', title: 't', cells, createdAt: 0, updatedAt: 0 });
const notebook = (cells: Cell[]) => new Notebook(doc(cells), { analyze: analyzeCell, execute: createExecutor({ runner, workers: DataWorkers.shared(client), session }) });
const specOf = (items: DisplayItem[]): ChartSpec => {
  const chart = items.find((d) => d.kind === 'chart');
  if (chart?.kind !== 'chart') throw new Error('no chart displayed');
  return chart.spec;
};

const data: Cell = { id: 'd', kind: 'data', config: { name: 'data', source: 'generated', seed: 5, eras: 16, rowsPerEra: 200, features: 8 } };
const score: Cell = {
  id: 's',
  kind: 'score',
  config: { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr', 'mmc', 'fnc', 'max_feature_exposure'], featureSet: '' }
};
const neutral: Cell = { id: 'n', kind: 'neutralize', config: { name: 'neutral', data: 'data', model: 'example_prediction', proportion: 0.3, featureSet: '' } };
const payout: Cell = { id: 'p', kind: 'payout', config: { name: 'payouts', scores: 'scores', model: '', stake: 100, corrWeight: 0.5, mmcWeight: 2, threshold: 72_000, totalAtRisk: 0, compound: true } };
const chart = (id: string, config: object): Cell => ({ id, kind: 'chart', config: { source: 'scores', type: 'eraBars', metric: 'corr', models: [], ...config } }) as Cell;

describe('chart cells draw every kind', () => {
  it('bars, cumulative, drawdown and histogram of a metric of scores (the same values, one spec per kind)', async () => {
    const kinds = ['eraBars', 'cumulative', 'drawdown', 'histogram'] as const;
    const nb = notebook([data, score, ...kinds.map((type) => chart(`c-${type}`, { type, metric: 'fnc' }))]);
    await nb.runAll();
    const scores = nb.value('scores') as NotebookScores;
    for (const type of kinds) {
      expect(nb.runtime(`c-${type}`).error).toBeNull();
      const spec = specOf(nb.runtime(`c-${type}`).displays);
      expect(spec.type).toBe(type);
      expect(spec.type !== 'exposure' && spec.type !== 'tradeoff' && spec.type !== 'payout' && spec.series[0]).toMatchObject({ metric: 'fnc', values: scores.models.example_prediction.perEra.fnc });
    }
    expect(specOf(nb.runtime('c-drawdown').displays).title).toBe('Drawdown of cumulative FNC');
  });

  it('feature exposure bars: the mean over eras or one era, named by the features scored', async () => {
    const nb = notebook([data, score, chart('mean', { type: 'exposure' }), chart('one', { type: 'exposure', era: '0003' })]);
    await nb.runAll();
    const scores = nb.value('scores') as NotebookScores;
    const X = scores.models.example_prediction.exposures!;
    const mean = specOf(nb.runtime('mean').displays);
    const one = specOf(nb.runtime('one').displays);
    if (mean.type !== 'exposure' || one.type !== 'exposure') throw new Error('not exposure specs');
    expect(mean.features).toEqual(scores.featureNames);
    expect(mean.features).toHaveLength(8);
    const defined = Array.from({ length: 16 }, (_, e) => X[e * 8]).filter((v) => !Number.isNaN(v));
    const m0 = defined.reduce((a, b) => a + b, 0) / defined.length;
    expect(mean.exposures[0]).toBeCloseTo(m0, 12);
    expect(Array.from(one.exposures)).toEqual(Array.from(X.subarray(2 * 8, 3 * 8)));
    expect(one.subject).toBe('example_prediction in era 0003');
  });

  it('the trade-off of a neutralize cell: one sweep over 0…1 per fit, marker at the proportion, no refit', async () => {
    prepares = 0;
    const nb = notebook([data, neutral, chart('t', { source: 'neutral', type: 'tradeoff' }), chart('t2', { source: 'neutral', type: 'tradeoff' })]);
    await nb.runAll();
    expect(nb.runtime('t').error).toBeNull();
    const spec = specOf(nb.runtime('t').displays);
    if (spec.type !== 'tradeoff') throw new Error('not a trade-off');
    expect(spec.points.map((p) => p.proportion)).toEqual([...sweepGrid]);
    expect(spec.metrics).toEqual(['corr', 'fnc']);
    expect(spec.current).toBe(0.3);
    expect(spec.points[0].summary.corr.mean).toBeCloseTo(spec.points[0].summary.corr.mean, 12);
    // the second chart reused the sweep of the same fit
    expect(session.neutralizers.get('n')!.sweep).toBeInstanceOf(Promise);
    expect(specOf(nb.runtime('t2').displays)).toEqual(spec);
    // a new proportion moves the marker; the fit (and its sweep) stay
    nb.updateConfig<'neutralize'>('n', { proportion: 0.7 });
    await nb.idle();
    const moved = specOf(nb.runtime('t').displays);
    expect(moved.type === 'tradeoff' && moved.current).toBe(0.7);
    expect(moved.type === 'tradeoff' && moved.points).toEqual(spec.points);
    expect(prepares).toBe(1);
  });

  it('payouts of a payout cell (an old eraBars/cumulative config too); scores asked for a trade-off is a clear error', async () => {
    const nb = notebook([data, score, payout, chart('pc', { source: 'payouts', type: 'cumulative' }), chart('bad', { type: 'tradeoff' })]);
    await nb.runAll();
    const spec = specOf(nb.runtime('pc').displays);
    const result = nb.value('payouts') as PayoutResult;
    expect(spec).toEqual({ type: 'payout', title: 'Payouts and burns of example_prediction per round (NMR)', rounds: result.rounds, labels: result.eras, clip: 0.05 });
    expect(nb.runtime('bad').error?.message).toMatch(/A trade-off chart needs the output of a neutralize cell, and "scores" is scores/);
  });
});

describe('payout cells', () => {
  it('show the table, the downside in words and the payout chart', async () => {
    const nb = notebook([data, score, payout]);
    await nb.runAll();
    const [table, words, chartItem] = nb.runtime('p').displays;
    expect(table).toMatchObject({ kind: 'table', columns: expect.arrayContaining(['final stake']) });
    expect(words).toMatchObject({ kind: 'text', text: expect.stringMatching(/^(Downside: the largest burn was|No round burned)/) });
    expect(chartItem).toMatchObject({ kind: 'chart', spec: { type: 'payout' } });
  });

  it('payoutDownside: the largest burn, the total burned and the worst drawdown of the stake', () => {
    const rounds = [5, -3, -4, 6, -1].reduce<PayoutResult['rounds']>((acc, payout) => {
      const cumulative = (acc.at(-1)?.cumulative ?? 0) + payout;
      acc.push({ stake: 100, score: payout / 100, rate: payout / 100, clipped: false, payout, cumulative });
      return acc;
    }, []);
    const p: PayoutResult = { model: 'm', eras: ['a', 'b', 'c', 'd', 'e'], rounds, paid: 11, burned: 8, finalStake: 103, clipped: 0 };
    // values after each round: 105, 102, 98, 104, 103 → peak 105 (a), trough 98 (c): 7 NMR, 6.67 % of the peak
    expect(payoutDownside(p, 100)).toEqual({ largestBurn: 4, largestBurnEra: 'c', burned: 8, drawdown: 7, drawdownShare: 7 / 105, from: 'a', to: 'c' });
    expect(payoutDownsideText(p, 100)).toBe(
      'Downside: the largest burn was 4.00 NMR (era c, 4 % of the starting stake); 3 of 5 rounds burned, 8.00 NMR in total. The worst drawdown of the stake was 7.00 NMR (6.7 % of its peak), from era a to era c.'
    );
    expect(payoutDownsideText({ ...p, rounds: rounds.map((r) => ({ ...r, payout: 1, cumulative: 1 })) }, 100)).toMatch(/^No round burned/);
  });
});

const fixture = NUMERAI_DEV;
const fixtureFile = async (path: string, name = path.split('/').pop()!) => new File([await readFile(fixture + path)], name);

describe('data cells join predictions, meta model and benchmark files', () => {
  const fileCell = (columnFiles: object[]): Cell => ({ id: 'f', kind: 'data', config: { name: 'data', source: 'file', fileName: 'validation.parquet', columnFiles } }) as Cell;
  const fileScore: Cell = { id: 'fs', kind: 'score', config: { name: 'scores', data: 'data', predictions: ['linear'], target: 'target', metrics: ['corr', 'mmc'], featureSet: '' } };

  it('columnNameOf turns a file name into a name cells can use', () => {
    expect(columnNameOf('linear.csv')).toBe('linear');
    expect(columnNameOf('my preds.v2.csv')).toBe('my_preds_v2');
    expect(columnNameOf('2024-preds.parquet')).toBe('_2024_preds');
  });

  it('scores a predictions CSV against the fixture with the meta model: CORR and MMC of era 0001 equal numerai-tools', async () => {
    const expected = JSON.parse(await readFile(fixture + 'expected.json', 'utf8'));
    session.files.set('f', await fixtureFile('validation.parquet'));
    session.files.set('f:p1', await fixtureFile('predictions/linear.csv'));
    session.files.set('f:m1', await fixtureFile('meta_model.parquet'));
    const nb = notebook([
      fileCell([
        { id: 'p1', kind: 'predictions', fileName: 'linear.csv' },
        { id: 'm1', kind: 'meta_model', fileName: 'meta_model.parquet' }
      ]),
      fileScore
    ]);
    await nb.runAll();
    expect(nb.runtime('f').error).toBeNull();
    expect(nb.runtime('f').displays.map((d) => (d.kind === 'text' ? d.text : ''))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^linear\.csv \(predictions\) → column "linear", 100 % of the rows$/), expect.stringMatching(/^meta_model\.parquet \(meta model\) → column "numerai_meta_model"/)])
    );
    const scores = nb.value('scores') as NotebookScores;
    const m = scores.models.linear;
    expect(m.perEra.corr![0]).toBeCloseTo(expected.scores.linear.per_era['0001'].corr, 9);
    expect(m.perEra.mmc![0]).toBeCloseTo(expected.scores.linear.per_era['0001'].mmc, 9);
    expect(m.perEra.corr![0]).toBeCloseTo(0.0930, 4);
  });

  it('a bad file shows the loader\'s message on the cell; a good one makes it work again', async () => {
    const parquet = await readFile(fixture + 'validation.parquet');
    const linear = (await readFile(fixture + 'predictions/linear.csv', 'utf8')).trim().split('\n');
    const outside = [linear[0], ...linear.slice(1).map((l, i) => (i < 3 ? l.replace(/,([\d.]+)$/, (_, v) => `,${Number(v) + 1.5}`) : l))].join('\n');
    const nb = notebook([fileCell([{ id: 'p1', kind: 'predictions', fileName: 'bad.csv' }]), { ...fileScore, config: { ...(fileScore as { config: object }).config, predictions: ['bad'] } } as Cell]);

    session.files.set('f', new File([parquet.subarray(0, 5000)], 'validation.parquet'));
    session.files.set('f:p1', await fixtureFile('predictions/linear.csv', 'bad.csv'));
    await nb.runAll();
    // (a File's name does not survive Node's structured clone; browsers keep it: "validation.parquet is a …")
    expect(nb.runtime('f').error?.message).toMatch(/is a truncated or damaged parquet file: it does not end with the parquet footer/);
    expect(nb.runtime('fs').error?.upstream).toBe(true);

    session.files.set('f', new File([parquet], 'validation.parquet'));
    session.files.set('f:p1', new File([outside], 'bad.csv'));
    await nb.run('f');
    expect(nb.runtime('f').error?.message).toMatch(/^bad\.csv has 3 values in prediction outside \[0, 1\] \(min [\d.]+, max [\d.]+\)/);

    session.files.set('f:p1', new File([linear.join('\n')], 'bad.csv'));
    await nb.run('f');
    expect(nb.runtime('f').error).toBeNull();
    expect(nb.runtime('fs').status).toBe('done');
    expect(Object.keys((nb.value('scores') as NotebookScores).models)).toEqual(['bad']); // named after the file
  });

  it('a row whose file was not picked in this session asks for it again', async () => {
    session.files.set('f', await fixtureFile('validation.parquet'));
    session.files.delete('f:zz');
    const nb = notebook([fileCell([{ id: 'zz', kind: 'benchmark', fileName: 'benchmark.csv' }])]);
    await nb.runAll();
    expect(nb.runtime('f').error?.message).toMatch(/^Pick "benchmark\.csv" again/);
  });
});
