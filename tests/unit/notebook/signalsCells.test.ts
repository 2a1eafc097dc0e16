// The Signals cell kinds (data, score, chart) against the real scoring API over Comlink (Node's MessageChannel as the
// worker): schemas and defaults, the generated market, the signals-dev fixture through the notebook (numerai-tools'
// numbers to 1e-6), the checks' messages on cells, Signals cells beside Tournament cells, and the "Learn Signals"
// tutorial run start to finish with a Node stand-in for the code runner.
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { closeInProcessWorkers, inProcessWorker } from '../../helpers/inProcessWorker';
import { nodeRunner } from '../../helpers/nodeRunner';
import { SIGNALS_DEV } from '../../helpers/fixtures';
import { fixtureStakes, loadSignalsExpected, MODELS } from '../signals/fixture';
import { analyzeCell } from '../../../src/lib/notebook/analyze';
import { createSession } from '../../../src/lib/notebook/builtinRun';
import { createExecutor } from '../../../src/lib/notebook/createExecutor';
import { DataWorkers } from '../../../src/lib/notebook/DataWorkers';
import { builtinRegistry } from '../../../src/lib/notebook/kinds/registry';
import { newCellContext } from '../../../src/lib/notebook/newCell';
import { Notebook } from '../../../src/lib/notebook/Notebook.svelte';
import { signalsTutorialNotebook } from '../../../src/lib/notebook/signalsTutorialNotebook';
import type { Cell, ChartSpec, DisplayItem, NotebookDoc, SignalsRef } from '../../../src/lib/notebook/types';
import type { SignalsScores } from '../../../src/lib/scoring/signals/scoreSignals';
import { ScoringClient } from '../../../src/lib/workers/ScoringClient';

afterAll(closeInProcessWorkers);

const doc = (cells: Cell[]): NotebookDoc => ({ id: 'nb', title: 't', cells, createdAt: 0, updatedAt: 0 });
/** A notebook whose data cells each get their own in-process scoring worker (as the page's DataWorkers do). */
function notebook(cells: Cell[], session = createSession()) {
  const workers = new DataWorkers(() => new ScoringClient(() => inProcessWorker()), { prestart: false });
  return new Notebook(doc(cells), { analyze: analyzeCell, execute: createExecutor({ runner: nodeRunner(), workers, session }) });
}
const texts = (items: DisplayItem[]) => items.map((d) => ('text' in d ? d.text : d.kind === 'chart' ? `chart:${d.spec.title}` : d.kind === 'table' ? `table:${d.caption}` : d.kind));
const specOf = (items: DisplayItem[]): ChartSpec => {
  const chart = items.find((d) => d.kind === 'chart');
  if (chart?.kind !== 'chart') throw new Error('no chart displayed');
  return chart.spec;
};
const file = async (path: string) => new File([await readFile(SIGNALS_DEV + path)], path.split('/').pop()!);

const generated: Cell = { id: 'sd', kind: 'signalsData', config: { name: 'signals', source: 'generated', seed: 7, tickers: 400, dates: 20 } };
/** A code cell ranking an outside-data column per date: a valid signal. */
const ranked = (id: string, name: string, column: string): Cell => ({
  id,
  kind: 'code',
  lang: 'js',
  source: [
    `const ${name} = new Float64Array(signals.n);`,
    `signals.dates.forEach((_, k) => ${name}.set(numerai.rankAverage(signals.columns.${column}.subarray(signals.dateStarts[k], signals.dateStarts[k + 1])), signals.dateStarts[k]));`
  ].join('\n')
});

describe('Signals cell kinds: schemas and defaults', () => {
  const { signalsData, signalsScore, signalsChart } = builtinRegistry;
  const ok = (schema: v.GenericSchema, x: unknown) => v.safeParse(schema, x).success;

  it('defaults follow the newest Signals data and scores, and satisfy the schemas', () => {
    const ctx = newCellContext({ names: ['signals', 'signals2', 'signalScores'], provided: [{ name: 'signals', tags: ['signalsDataset'] }, { name: 'signals2', tags: ['signalsDataset'] }, { name: 'signalScores', tags: ['signalsScores'] }] });
    expect(signalsData.defaults(ctx)).toEqual({ name: 'signals3', source: 'generated', seed: 42, tickers: 2000, dates: 105 });
    expect(signalsScore.defaults(ctx)).toMatchObject({ name: 'signalScores2', data: 'signals2', predictions: [], stakes: [] });
    expect(signalsChart.defaults(ctx)).toEqual({ source: 'signalScores', type: 'eraBars', metric: 'alpha', models: [] });
    for (const k of [signalsData, signalsScore, signalsChart]) expect(ok(k.schema as v.GenericSchema, k.defaults(ctx))).toBe(true);
  });

  it('schemas refuse what a share link must not carry: bad sizes, unknown metrics, negative stakes, foreign file ids', () => {
    const data = { name: 'signals', source: 'generated' };
    expect(ok(signalsData.schema as v.GenericSchema, { ...data, tickers: 100 })).toBe(false); // the generator needs 150
    expect(ok(signalsData.schema as v.GenericSchema, { ...data, dates: 10_000 })).toBe(false);
    expect(ok(signalsData.schema as v.GenericSchema, { ...data, source: 'url' })).toBe(false);
    expect(ok(signalsData.schema as v.GenericSchema, { ...data, submissions: [{ id: '../x' }] })).toBe(false);
    const score = { name: 's', data: 'signals', predictions: ['a'], target: 'target', metrics: [], stakes: [] };
    expect(ok(signalsScore.schema as v.GenericSchema, score)).toBe(true);
    expect(ok(signalsScore.schema as v.GenericSchema, { ...score, metrics: ['corr'] })).toBe(false);
    expect(ok(signalsScore.schema as v.GenericSchema, { ...score, stakes: [{ model: 'a', stake: -1 }] })).toBe(false);
    expect(ok(signalsChart.schema as v.GenericSchema, { source: 's', type: 'exposure', metric: 'alpha', models: [] })).toBe(false);
  });

  it('deps: a score cell uses its data and signals, needs one, and its stakes must name scored signals', () => {
    const base = { name: 's', data: 'signals', predictions: ['a', 'b'], target: 'target', metrics: [], stakes: [] };
    expect(signalsScore.deps(base)).toEqual({ defines: ['s'], uses: ['signals', 'a', 'b'] });
    expect(signalsScore.deps({ ...base, predictions: [] }).error).toMatch(/Pick at least one signal/);
    expect(signalsScore.deps({ ...base, stakes: [{ model: 'c', stake: 1 }] }).error).toMatch(/The stakes name "c", which is not scored here/);
    expect(signalsChart.deps({ source: 's', type: 'eraBars', metric: 'churn', models: [] })).toEqual({ defines: [], uses: ['s'] });
  });
});

describe('Signals cells on the scoring worker', () => {
  it('a generated Signals data cell defines a SignalsRef and describes the market; a code cell reads the rows and prices', async () => {
    const prices: Cell = { id: 'p', kind: 'code', lang: 'js', source: 'const days = signals.prices.days.length;\nconst firstClose = signals.prices.close[0];\nconst k = signals.neutralizers.length;' };
    const nb = notebook([generated, prices]);
    await nb.runAll();
    expect(nb.runtime('sd').error).toBeNull();
    const ref = nb.value('signals') as SignalsRef;
    expect(ref.$signals).toMatch(/^sd:\d+$/);
    expect(ref).toMatchObject({ owner: 'sd', idColumn: 'numerai_ticker', prices: true, neutralizers: 'exposures', signals: [], columns: ['outside_quality', 'outside_crowded'] });
    expect(ref.dates).toHaveLength(20);
    expect(ref.rowsPerDate.reduce((a, b) => a + b, 0)).toBe(ref.n);
    const [summary, extras] = texts(nb.runtime('sd').displays);
    expect(summary).toMatch(new RegExp(`^${ref.n.toLocaleString('en-US')} rows · 20 dates \\(2022-01-07 to 2022-05-20\\) · \\d+ tickers \\(\\d+–\\d+ per date\\) · \\d+ neutralizers built from country, sector, factor_beta`));
    expect(extras).toBe('outside data: outside_quality, outside_crowded · daily prices (signals.prices in code cells)');
    expect(nb.runtime('p').error).toBeNull();
    expect(nb.value('days')).toBeGreaterThan(100);
    expect(nb.value('firstClose')).toBeGreaterThan(0);
    expect(nb.value('k')).toBe(ref.neutralizerNames.length);
  });

  it('the signals-dev fixture: a file, four submission files and the stakes give numerai-tools\' alpha, MPC, churn and turnover', async () => {
    const session = createSession();
    const submissions = MODELS.map((m) => ({ id: m, fileName: `${m}.csv` }));
    const data: Cell = { id: 'fx', kind: 'signalsData', config: { name: 'fixture', source: 'file', fileName: 'signals.parquet', submissions } };
    session.files.set('fx', await file('signals.parquet'));
    for (const m of MODELS) session.files.set(`fx:${m}`, await file(`predictions/${m}.csv`));
    const stakes = Object.entries(fixtureStakes()).map(([model, stake]) => ({ model, stake }));
    const score: Cell = { id: 'fs', kind: 'signalsScore', config: { name: 'fixtureScores', data: 'fixture', predictions: [...MODELS], target: 'target', metrics: [], stakes } };
    const nb = notebook([data, score], session);
    await nb.runAll();
    expect(nb.runtime('fx').error).toBeNull();
    expect(texts(nb.runtime('fx').displays).filter((t) => t.startsWith('quality.csv'))).toEqual(['quality.csv → signal "quality": 36 dates (2024-01-05 to 2024-09-06), checked and cleaned as Numerai does']);
    expect(nb.runtime('fs').error).toBeNull();
    const scores = nb.value('fixtureScores') as SignalsScores;
    const expected = loadSignalsExpected();
    expect(scores.dates).toEqual(expected.dates);
    let compared = 0;
    for (const m of MODELS)
      for (const metric of ['alpha', 'mpc', 'churn', 'turnover'] as const) {
        const got = scores.models[m].perDate[metric]!;
        expected.dates.forEach((date, k) => {
          const want = expected.scores[m].per_era[date][metric];
          if (want === null) expect(got[k], `${m} ${metric} ${date}`).toBeNaN();
          else expect(Math.abs(got[k] - want), `${m} ${metric} ${date}`).toBeLessThanOrEqual(1e-6);
          compared++;
        });
        const s = expected.scores[m].summary[metric];
        expect(Math.abs(scores.models[m].summary[metric]!.mean - s.mean!)).toBeLessThanOrEqual(1e-6);
      }
    expect(compared).toBe(4 * 4 * 36);
    expect(texts(nb.runtime('fs').displays)).toEqual(['table:Signals scores per date (36 dates, 2024-01-05 to 2024-09-06); churn and turnover limits: 15 % and 25 %', 'chart:Alpha per date', 'chart:Cumulative Alpha over dates', 'chart:MPC per date']);
  });

  it('a code cell\'s signal is checked as a submission: raw values name the broken rule on the score cell; ranked ones score', async () => {
    const raw: Cell = { id: 'raw', kind: 'code', lang: 'js', source: 'const rawQuality = Float64Array.from(signals.columns.outside_quality);' };
    const bad: Cell = { id: 'bad', kind: 'signalsScore', config: { name: 'badScores', data: 'signals', predictions: ['rawQuality'], target: 'target', metrics: [], stakes: [] } };
    const good: Cell = { id: 'good', kind: 'signalsScore', config: { name: 'goodScores', data: 'signals', predictions: ['quality', 'crowded'], target: 'target', metrics: [], stakes: [{ model: 'quality', stake: 10 }] } };
    const churn: Cell = { id: 'churn', kind: 'signalsChart', config: { source: 'goodScores', type: 'eraBars', metric: 'churn', models: ['quality'] } };
    const wrong: Cell = { id: 'wrong', kind: 'signalsChart', config: { source: 'signals', type: 'eraBars', metric: 'alpha', models: [] } };
    const nb = notebook([generated, raw, ranked('q', 'quality', 'outside_quality'), ranked('c', 'crowded', 'outside_crowded'), bad, good, churn, wrong]);
    await nb.runAll();
    expect(nb.runtime('bad').error?.message).toMatch(/^rawQuality \(date 2022-01-07\) has [\d,]+ signal values outside \[0, 1\] \(min -\d/);
    expect(nb.runtime('good').error).toBeNull();
    const scores = nb.value('goodScores') as SignalsScores;
    expect(scores.metrics).toEqual(['alpha', 'mpc', 'churn', 'turnover']);
    expect(scores.models.quality.summary.alpha!.mean).toBeGreaterThan(0.005); // outside data with real alpha
    expect(Number.isNaN(scores.models.quality.perDate.churn![0])).toBe(true); // nothing to compare the first date with
    const spec = specOf(nb.runtime('churn').displays);
    expect(spec).toMatchObject({ type: 'eraBars', title: 'Churn per date', threshold: { value: 0.15 }, x: scores.dates });
    expect(nb.runtime('wrong').error?.message).toMatch(/"signals" is not the output of a Signals score cell/);
  });

  it('Signals cells beside Tournament cells: each data cell has its own worker; Tournament cells refuse Signals data', async () => {
    const tData: Cell = { id: 'td', kind: 'data', config: { name: 'data', source: 'generated', seed: 3, eras: 12, rowsPerEra: 200, features: 10 } };
    const tScore: Cell = { id: 'ts', kind: 'score', config: { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr'], featureSet: '' } };
    const sScore: Cell = { id: 'ss', kind: 'signalsScore', config: { name: 'signalScores', data: 'signals', predictions: ['quality'], target: 'target', metrics: ['alpha'], stakes: [] } };
    const mixed: Cell = { id: 'mx', kind: 'score', config: { name: 'mixed', data: 'signals', predictions: ['example_prediction'], target: 'target', metrics: [], featureSet: '' } };
    const wrongData: Cell = { id: 'wd', kind: 'signalsScore', config: { name: 'wrongData', data: 'data', predictions: ['quality'], target: 'target', metrics: [], stakes: [] } };
    const nb = notebook([tData, tScore, generated, ranked('q', 'quality', 'outside_quality'), sScore, mixed, wrongData]);
    await nb.runAll();
    expect(nb.runtime('ts').error).toBeNull();
    expect(nb.runtime('ss').error).toBeNull();
    expect((nb.value('signalScores') as SignalsScores).models.quality.perDate.alpha).toHaveLength(20);
    expect(nb.runtime('mx').error?.message).toMatch(/There is no dataset "signals"/);
    expect(nb.runtime('wd').error?.message).toMatch(/There is no Signals data "data"/);
  });
});

describe('the "Learn Signals" tutorial', () => {
  it('its built-in cells satisfy their kinds\' schemas unchanged', () => {
    for (const cell of signalsTutorialNotebook('x', 0).cells) {
      if (!('config' in cell)) continue;
      const r = v.safeParse(builtinRegistry[cell.kind].schema as v.GenericSchema, cell.config);
      expect(r.success, `${cell.id}: ${r.issues?.map((i) => i.message).join('; ')}`).toBe(true);
      expect(r.output).toEqual(cell.config);
    }
  });

  it('runs start to finish with no error; alpha and MPC by hand equal the engine and the score cells; the steady signal is stakeable', async () => {
    const nb = notebook(signalsTutorialNotebook('x', 0).cells);
    await nb.runAll();
    const failed = nb.doc.cells.filter((c) => nb.runtime(c.id).status === 'error').map((c) => `${c.id}: ${nb.runtime(c.id).error?.message}`);
    expect(failed).toEqual([]);
    const logs = nb.doc.cells.flatMap((c) => nb.runtime(c.id).displays.filter((d) => d.kind === 'log' && (d.level === 'error' || d.level === 'warn')));
    expect(logs).toEqual([]);
    const n = (name: string) => nb.value(name) as number;
    expect(Math.abs(n('alphaByHand') - n('alphaEngine'))).toBeLessThan(1e-12);
    expect(Math.abs(n('alphaScoreCell') - n('alphaEngine'))).toBeLessThan(1e-12);
    const mpcEngine = nb.value('mpcEngine') as Float64Array;
    const mpcScoreCell = nb.value('mpcScoreCell') as number[];
    mpcScoreCell.forEach((x, i) => expect(Math.abs(x - mpcEngine[i])).toBeLessThan(1e-12));
    const why = nb.value('whyTable') as Record<string, number | string>[];
    expect(Math.abs(why[0]['alpha (mean per date)'] as number)).toBeLessThan(0.002); // momentum: a known factor
    expect(why[1]['alpha (mean per date)']).toBeGreaterThan(0.005); // quality: outside data
    const stake = nb.value('stakeCheck') as Record<string, number | string>[];
    expect(stake.map((r) => r.stake)).toEqual(['set to 0', 'kept']);
    for (const r of stake) expect(Math.abs((r['churn vs t−1 (by hand)'] as number) - (r['churn vs t−1 (score cell)'] as number))).toBeLessThan(1e-12);
    for (const r of stake) expect(Math.abs((r['turnover vs t−1'] as number) - (r['turnover vs t−1 (score cell)'] as number))).toBeLessThan(1e-12);
    const checks = nb.value('submissionChecks') as { mistake: string; rule: string }[];
    expect(checks.map((c) => c.rule)).toEqual(['accepted', 'values_range', 'values_nan', 'values_constant', 'duplicates', 'min_tickers', 'accepted', 'accepted', 'headers', 'headers', 'accepted']);
    const payout = specOf(nb.runtime('payout').displays);
    expect(payout).toMatchObject({ type: 'payout', clip: 0.017 });
  }, 240_000);
});
