// The Signals loaders on the real fixture parquet, on CSV and DuckDB-written parquet variants, and on bad files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSignalsDataset } from '../../../src/lib/data/loadSignalsDataset';
import { loadSignalsPredictions } from '../../../src/lib/data/loadSignalsPredictions';
import { loadTickerMap } from '../../../src/lib/data/loadTickerMap';
import { cleanSignalsSubmission } from '../../../src/lib/scoring/signals/cleanSignalsSubmission';
import { scoreSignals } from '../../../src/lib/scoring/signals/scoreSignals';
import { memorySource } from '../../helpers/memorySource';
import { writeParquet } from '../../helpers/writeParquet';
import { FIXTURE, fixtureStakes, loadSignalsFixture, MODELS } from './fixture';

const fx = await loadSignalsFixture();
const dir = mkdtempSync(join(tmpdir(), 'np-signals-'));

/** The fixture rows as CSV text, rows shuffled, dates as legacy friday_date integers. */
function fixtureCsv(): string {
  const lines = ['numerai_ticker,friday_date,sector,country,' + Object.keys(fx.factors).join(',') + ',sample_weight,target'];
  const rows: string[] = [];
  for (let d = 0; d < fx.dates.length; ++d)
    for (let i = fx.dateStarts[d]; i < fx.dateStarts[d + 1]; ++i)
      rows.push([fx.tickers[fx.ticker[i]], fx.dates[d].replace(/-/g, ''), fx.sector[i], fx.country[i], ...Object.values(fx.factors).map((f) => f[i]), fx.sampleWeight[i], Number.isNaN(fx.target[i]) ? '' : fx.target[i]].join(','));
  for (let i = rows.length - 1; i > 0; --i) {
    const j = (i * 7919) % (i + 1);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return [...lines, ...rows].join('\n') + '\n';
}

describe('loadSignalsDataset', () => {
  it('reads the fixture parquet: dates, tickers, prepared neutralizers, exposures, sample weights and target as the plain reader sees them', async () => {
    const ds = await loadSignalsDataset(memorySource(FIXTURE + 'signals.parquet'));
    expect([ds.n, ds.dates.length, ds.idColumn, ds.info.neutralizers]).toEqual([22769, 36, 'numerai_ticker', 'prepared']);
    expect(ds.dates).toEqual(fx.dates);
    expect(Array.from(ds.dateStarts)).toEqual(Array.from(fx.dateStarts));
    expect(ds.tickers).toEqual(fx.tickers);
    expect(Array.from(ds.ticker)).toEqual(Array.from(fx.ticker));
    expect(ds.neutralizerNames).toEqual(fx.neutralizerNames);
    ds.neutralizers.forEach((c, j) => expect(Array.from(c)).toEqual(Array.from(fx.neutralizers[j])));
    expect(Array.from(ds.sampleWeight)).toEqual(Array.from(fx.sampleWeight));
    expect(Array.from(ds.targets.target)).toEqual(Array.from(fx.target));
    expect(ds.exposures!.categorical.map((c) => [c.name, c.levels.length])).toEqual([['sector', 11], ['country', 8]]);
    expect(ds.exposures!.numeric.map((f) => f.name)).toEqual(Object.keys(fx.factors));
    expect(ds.info.warnings).toEqual([]);
  });

  it('a shuffled CSV with legacy friday_date integers and no neutralizer columns loads sorted, with neutralizers built from the exposures that score as the prepared ones', async () => {
    const csv = await loadSignalsDataset(fixtureCsv(), { name: 'raw.csv' });
    expect(csv.info.neutralizers).toBe('exposures');
    expect(csv.dates).toEqual(fx.dates);
    expect(Array.from(csv.ticker)).toEqual(Array.from(fx.ticker));
    expect(Array.from(csv.sampleWeight)).toEqual(Array.from(fx.sampleWeight));
    expect(csv.neutralizerNames).toHaveLength(25);
    const score = (neutralizers: Float64Array[]) =>
      scoreSignals({ dates: fx.dates, dateStarts: fx.dateStarts, tickers: fx.ticker, neutralizers, sampleWeight: fx.sampleWeight, target: fx.target, predictions, metrics: ['alpha', 'turnover'] });
    const predictions = { quality: Float64Array.from(fx.target, (_, i) => ((i * 2654435761) % 1000) / 1000) };
    const fromCsv = score(csv.neutralizers), prepared = score(fx.neutralizers);
    for (const m of ['alpha', 'turnover'] as const)
      prepared.models.quality.perDate[m]!.forEach((v, d) => (Number.isNaN(v) ? expect(fromCsv.models.quality.perDate[m]![d]).toBeNaN() : expect(Math.abs(v - fromCsv.models.quality.perDate[m]![d])).toBeLessThan(1e-12)));
  });

  it('keeps only the dates asked for (parquet row filter) and names Numerai\'s sample_weights column', async () => {
    const ds = await loadSignalsDataset(memorySource(FIXTURE + 'signals.parquet'), { dates: { from: '2024-03-01', to: '2024-03-15' } });
    expect(ds.dates).toEqual(['2024-03-01', '2024-03-08', '2024-03-15']);
    const path = join(dir, 'weights.parquet');
    const rows = fx.dateStarts[2];
    await writeParquet(path, [
      { name: 'friday_date', type: 'double', values: Array.from({ length: rows }, (_, i) => Number(fx.dates[i < fx.dateStarts[1] ? 0 : 1].replace(/-/g, ''))) },
      { name: 'numerai_ticker', type: 'varchar', values: Array.from({ length: rows }, (_, i) => fx.tickers[fx.ticker[i]]) },
      ...fx.neutralizerNames.map((name, j) => ({ name, type: 'double' as const, values: fx.neutralizers[j].subarray(0, rows) })),
      { name: 'sample_weights', type: 'double', values: fx.sampleWeight.subarray(0, rows) }
    ]);
    const w = await loadSignalsDataset(memorySource(path));
    expect(w.dates).toEqual(fx.dates.slice(0, 2));
    expect(Array.from(w.sampleWeight)).toEqual(Array.from(fx.sampleWeight.subarray(0, rows)));
    expect(w.info.warnings).toEqual([expect.stringMatching(/^weights\.parquet has no "target" column, so no target was loaded; alpha and MPC need one\.$/)]);
  });

  it('bad files: no ticker column, no neutralizers or exposures, repeated (date, ticker) rows, no rows in the date range, no sample weight', async () => {
    await expect(loadSignalsDataset('id,date,target\na,2024-01-05,0.5\n', { name: 'a.csv' })).rejects.toThrow(/a\.csv is not a Signals data file it can score: it is missing numerai_ticker\n- A Signals file needs a ticker column: one of ticker, sedol/);
    await expect(loadSignalsDataset('numerai_ticker,date,target\na,2024-01-05,0.5\n', { name: 'b.csv' })).rejects.toThrow(/b\.csv is not a Signals data file it can score: it has no neutralizers\n- Alpha needs neutralizers/);
    await expect(loadSignalsDataset('numerai_ticker,date,factor_x\nA US,2024-01-05,1\nB US,2024-01-05,2\nA US,2024-01-05,3\n', { name: 'c.csv' })).rejects.toThrow(
      'c.csv has 1 repeated (date, ticker) row (e.g. "A US" on 2024-01-05)'
    );
    await expect(loadSignalsDataset(memorySource(FIXTURE + 'signals.parquet'), { dates: { from: '2030-01-01' } })).rejects.toThrow(/signals\.parquet has no rows between 2030-01-01 and the last date/);
    const noWeight = await loadSignalsDataset('numerai_ticker,date,factor_x,target\nA US,2024-01-05,1,0\nB US,2024-01-05,2,1\n', { name: 'd.csv' });
    expect(Array.from(noWeight.sampleWeight)).toEqual([1, 1]);
    expect(noWeight.info.warnings[0]).toMatch(/^d\.csv has no sample_weight column, so every ticker weighs 1/);
  });
});

describe('loadSignalsPredictions and loadTickerMap', () => {
  it('reads a fixture submission (ticker, date, signal) named after the file', async () => {
    const p = await loadSignalsPredictions(memorySource(`${FIXTURE}predictions/quality.csv`));
    expect([p.name, p.idColumn, p.signalColumn, p.ids.length, p.dates![0], p.warnings]).toEqual(['quality', 'numerai_ticker', 'signal', 22769, '2024-01-05', []]);
  });

  it('keeps leading zeros, reads parquet, warns about data_type and rejects bad headers with the rule\'s message', async () => {
    const p = await loadSignalsPredictions('numerai_ticker,friday_date,data_type,signal\n000640 KR,20240105,live,0.3\n', { name: 'old.csv' });
    expect([p.ids[0], p.dates![0], p.warnings.length]).toEqual(['000640 KR', '2024-01-05', 1]);
    const path = join(dir, 'sub.parquet');
    await writeParquet(path, [
      { name: 'bloomberg_ticker', type: 'varchar', values: ['AAPL UW', '7203 JT'] },
      { name: 'prediction', type: 'double', values: [0.25, 0.75] }
    ]);
    const q = await loadSignalsPredictions(memorySource(path));
    expect([q.idColumn, q.dates, Array.from(q.values)]).toEqual(['bloomberg_ticker', null, [0.25, 0.75]]);
    await expect(loadSignalsPredictions('signal,numerai_ticker\n0.5,A US\n', { name: 'swapped.csv' })).rejects.toThrow(/^swapped\.csv has invalid Signals headers: "signal", "numerai_ticker"\n.*\n- The columns are swapped/);
  });

  it('a ticker map remaps a bloomberg_ticker submission to the universe; a map with one id column is refused', async () => {
    const map = await loadTickerMap('bloomberg_ticker,numerai_ticker\n' + fx.tickers.map((t) => `${t.replace(/ US$/, ' UW')},${t}`).join('\n'), { name: 'map.csv' });
    expect([map.from, map.to, map.source.length]).toEqual(['bloomberg_ticker', 'numerai_ticker', fx.tickers.length]);
    const universe = { idColumn: 'numerai_ticker', dates: fx.dates, dateStarts: fx.dateStarts, tickers: fx.tickers, ticker: fx.ticker };
    const sub = await loadSignalsPredictions(memorySource(`${FIXTURE}predictions/quality.csv`));
    const bbg = { ...sub, idColumn: 'bloomberg_ticker', ids: sub.ids.map((t) => t.replace(/ US$/, ' UW')) };
    expect(Array.from(cleanSignalsSubmission(universe, bbg, { tickerMap: map }).values)).toEqual(Array.from(cleanSignalsSubmission(universe, sub).values));
    await expect(loadTickerMap('numerai_ticker,sector\nA US,energy\n', { name: 'one.csv' })).rejects.toThrow(/^one\.csv is not a ticker map: it needs two id columns .*, it has numerai_ticker/);
  });
});

// keep the fixture's own files untouched by this suite
it('the fixture files are read, never written', () => {
  expect(readFileSync(FIXTURE + 'stakes.json', 'utf8')).toContain('quality');
  expect(Object.keys(fixtureStakes())).toEqual([...MODELS]);
});
