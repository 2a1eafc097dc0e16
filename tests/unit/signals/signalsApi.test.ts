// The Signals half of the worker API (`signals*`) through real Comlink message passing, as the page uses it.
import * as Comlink from 'comlink';
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateSignalsDataset } from '../../../src/lib/data/generateSignalsDataset';
import { cleanSignalsSubmission } from '../../../src/lib/scoring/signals/cleanSignalsSubmission';
import { rankAverage } from '../../../src/lib/scoring/rankAverage';
import { scoreSignals } from '../../../src/lib/scoring/signals/scoreSignals';
import { submissionFromColumn } from '../../../src/lib/scoring/signals/submissionFromColumn';
import type { ScoringApi } from '../../../src/lib/workers/scoring.api';
import { closeInProcessWorkers, inProcessWorker } from '../../helpers/inProcessWorker';
import { FIXTURE, loadSignalsExpected, MODELS } from './fixture';

const remote = Comlink.wrap<ScoringApi>(inProcessWorker() as unknown as Comlink.Endpoint);
afterAll(closeInProcessWorkers);
const file = async (path: string) => new File([await readFile(FIXTURE + path)], path.split('/').pop()!);
const options = { seed: 3, tickers: 400, dates: 20 };

describe('signals* worker API on the generated data', () => {
  it('signalsLoadGenerated returns a summary: dates, universe sizes, exposures, outside data, prices and the ticker map', async () => {
    const s = await remote.signalsLoadGenerated(options);
    expect(s.dates).toHaveLength(20);
    expect(s.rowsPerDate.reduce((a, b) => a + b, 0)).toBe(s.n);
    expect([s.idColumn, s.neutralizers, s.prices, s.tickerMap]).toEqual(['numerai_ticker', 'exposures', true, { from: 'bloomberg_ticker', to: 'numerai_ticker' }]);
    expect(s.columns).toEqual(['outside_quality', 'outside_crowded']);
    expect(s.targets).toEqual(['target', 'target_factor_neutral']);
    expect(s.exposures!.numeric).toContain('factor_momentum');
    expect(s.signals).toEqual([]);
  });

  it('signalsSubmitColumn + signalsScore (with stakes and progress) equal the engine on the same data, with typed arrays moved back', async () => {
    await expect(remote.signalsSubmitColumn('outside_quality')).rejects.toThrow(/^outside_quality \(date 2022-01-07\) has \d+ signal values outside \[0, 1\]/);
    const info = await remote.signalsSubmitColumn('outside_quality', { name: 'quality', rank: true });
    expect([info.name, info.dates.length, info.invalidTickers.rows]).toEqual(['quality', 20, 0]);
    await remote.signalsSubmitColumn('outside_crowded', { rank: true });
    const progress: number[] = [];
    const r = await remote.signalsScore({ stakes: { quality: 2, outside_crowded: 1 } }, Comlink.proxy((d: number) => void progress.push(d)));
    const { dataset: ds } = generateSignalsDataset(options);
    const ranked = (c: string) => {
      const out = new Float64Array(ds.n);
      for (let k = 0; k < ds.dates.length; ++k) out.set(rankAverage(ds.columns[c].subarray(ds.dateStarts[k], ds.dateStarts[k + 1])), ds.dateStarts[k]);
      return out;
    };
    const clean = (c: string) => cleanSignalsSubmission(ds, submissionFromColumn(ds, ranked(c), c)).values;
    const direct = scoreSignals({
      dates: ds.dates,
      dateStarts: ds.dateStarts,
      tickers: ds.ticker,
      neutralizers: ds.neutralizers,
      sampleWeight: ds.sampleWeight,
      target: ds.targets.target,
      predictions: { quality: clean('outside_quality'), outside_crowded: clean('outside_crowded') },
      stakes: { quality: 2, outside_crowded: 1 }
    });
    expect(r.metrics).toEqual(['alpha', 'mpc', 'churn', 'turnover']);
    expect(r.models.quality.perDate.alpha).toBeInstanceOf(Float64Array);
    for (const m of r.metrics) expect(Array.from(r.models.quality.perDate[m]!)).toEqual(Array.from(direct.models.quality.perDate[m]!));
    await vi.waitFor(() => expect(progress.at(-1)).toBe(20));
  });

  it('signalsAddSubmission remaps bloomberg tickers through the generated map; signalsGetTable / signalsGetPrices copy the arrays', async () => {
    const t = await remote.signalsGetTable({ columns: ['outside_quality'], signals: ['quality'] });
    expect(t.neutralizers).toEqual([]);
    expect(Object.keys(t.signals)).toEqual(['quality']);
    const last = t.dates.length - 1;
    const rows = Array.from({ length: t.dateStarts[last + 1] - t.dateStarts[last] }, (_, i) => t.dateStarts[last] + i);
    const bbg = rows.map((r) => t.tickers[t.ticker[r]].replace(/ US$/, ' US').replace(/ JP$/, ' JT').replace(/ GB$/, ' LN').replace(/ DE$/, ' GY').replace(/ FR$/, ' FP').replace(/ CA$/, ' CN').replace(/ AU$/, ' AT').replace(/ KR$/, ' KS'));
    const info = await remote.signalsAddSubmission({ name: 'live', idColumn: 'bloomberg_ticker', ids: bbg, dates: null, values: Float64Array.from(rows, (r) => t.signals.quality[r]) });
    expect(info.dates).toEqual([t.dates[last]]);
    const live = await remote.signalsGetColumn('live');
    const quality = await remote.signalsGetColumn('quality');
    expect(Array.from(live.subarray(t.dateStarts[last]))).toEqual(Array.from(quality.subarray(t.dateStarts[last])));
    const p = await remote.signalsGetPrices();
    expect(p.close).toBeInstanceOf(Float32Array);
    expect(p.close.length).toBe(p.days.length * p.tickers.length);
  });

  it('a submission breaking a rule, and stakes naming an unknown signal, reject with specific messages', async () => {
    await expect(remote.signalsAddSubmission({ name: 'tiny', idColumn: 'numerai_ticker', ids: ['A US', 'B US'], dates: null, values: Float64Array.of(0.2, 0.8) })).rejects.toThrow(
      /^tiny \(date \d{4}-\d\d-\d\d\) has only 0 tickers of the universe; Numerai needs at least 100/
    );
    await expect(remote.signalsScore({ stakes: { nobody: 1 } })).rejects.toThrow('The stakes name "nobody", which is not a signal.');
  });
});

describe('signals* worker API on the signals-dev fixture files', () => {
  it('signalsLoadData + signalsLoadSubmission (File objects) + signalsScore reproduce expected.json within 1e-6', async () => {
    const s = await remote.signalsLoadData(await file('signals.parquet'), { name: 'signals.parquet' });
    expect([s.n, s.neutralizers, s.prices]).toEqual([22769, 'prepared', false]);
    // a File's name may not survive structured cloning: name it, as the page does
    for (const m of MODELS) await remote.signalsLoadSubmission(await file(`predictions/${m}.csv`), { fileName: `${m}.csv` });
    const stakes = JSON.parse(await readFile(FIXTURE + 'stakes.json', 'utf8'));
    const r = await remote.signalsScore({ stakes });
    const expected = loadSignalsExpected();
    const bad: string[] = [];
    for (const m of MODELS)
      s.dates.forEach((date, d) => {
        for (const [metric, v] of Object.entries(expected.scores[m].per_era[date])) {
          const got = metric === 'n' ? r.models[m].n[d] : r.models[m].perDate[metric as 'alpha']![d];
          if (v === null ? !Number.isNaN(got) : Math.abs(got - v) > 1e-6) bad.push(`${m} ${date} ${metric}`);
        }
      });
    expect(bad).toEqual([]);
    const withExposures = await remote.signalsScore({ models: ['quality'], metrics: ['alpha'], neutralizers: 'exposures' });
    withExposures.models.quality.perDate.alpha!.forEach((v, d) => (Number.isNaN(v) ? expect(r.models.quality.perDate.alpha![d]).toBeNaN() : expect(v).toBeCloseTo(r.models.quality.perDate.alpha![d], 12)));
  });
});
