// The real command, as a user runs it (`npx numerai-playground score-signals …`), in a child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURE, loadSignalsExpected, MODELS } from '../signals/fixture';

const run = promisify(execFile);
const BIN = new URL('../../../bin/numerai-playground.js', import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, 'score-signals', ...args], { maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const F = FIXTURE;
const data = ['--data', `${F}signals.parquet`];
const preds = MODELS.flatMap((m) => ['--predictions', `${F}predictions/${m}.csv`]);
const dir = mkdtempSync(join(tmpdir(), 'np-signals-cli-'));
/** The quality submission's rows for the first two dates, edited by `edit`, written as a CSV named `name`. */
function submission(name: string, edit: (rows: string[][]) => string[][] = (r) => r, header = 'numerai_ticker,date,signal'): string {
  const rows = readFileSync(`${F}predictions/quality.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const path = join(dir, name);
  writeFileSync(path, [header, ...edit(rows.filter((r) => r[1] <= '2024-01-12')).map((r) => r.join(','))].join('\n') + '\n');
  return path;
}

describe('numerai-playground score-signals', () => {
  it('--json with --stakes on the signals-dev fixture reproduces expected.json within 1e-6 (every date, metric and summary)', async () => {
    const { code, stdout, stderr } = await cli(...data, ...preds, '--stakes', `${F}stakes.json`, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const bad: string[] = [];
    let checked = 0;
    for (const [model, ref] of Object.entries(loadSignalsExpected().scores)) {
      for (const [date, row] of Object.entries(ref.per_era))
        for (const [metric, v] of Object.entries(row)) {
          const got = out[model].per_era[date][metric];
          checked++;
          if (v === null ? got !== null : Math.abs(got - v) > 1e-6) bad.push(`${model} ${date} ${metric}: ${got} vs ${v}`);
        }
      for (const [metric, s] of Object.entries(ref.summary))
        for (const [k, v] of Object.entries(s)) {
          const got = out[model].summary[metric][k];
          checked++;
          if (v === null ? got !== null : Math.abs(got - v) > 1e-6) bad.push(`${model} summary ${metric}.${k}: ${got} vs ${v}`);
        }
      expect(Object.keys(out[model].summary.alpha)).toEqual(['mean', 'std', 'sharpe', 'max_drawdown', 'consistency', 'n_eras']);
    }
    expect(bad).toEqual([]);
    expect(checked).toBe(4 * (36 * 5 + 4 * 6));
  });

  it('without --stakes there is no MPC; without --json a readable table per model with a summary', async () => {
    const json = JSON.parse((await cli(...data, '--predictions', `${F}predictions/quality.csv`, '--json')).stdout);
    expect(Object.keys(json.quality.per_era['2024-01-12'])).toEqual(['alpha', 'churn', 'turnover', 'n']);
    const { code, stdout } = await cli(...data, '--predictions', `${F}predictions/momentum.csv`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^momentum\n\n {2}date +alpha +churn +turnover +n\n {2}2024-01-05 +-0\.0171 +— +— +610\n/);
    expect(stdout).toMatch(/Alpha +-?0\.\d{4}/);
  });

  it('--ticker-map scores a bloomberg_ticker submission like the numerai_ticker one', async () => {
    const plain = submission('plain.csv');
    const bbg = submission('bbg.csv', (rows) => rows.map(([t, d, v]) => [t.replace(/ US$/, ' UW'), d, v]), 'bloomberg_ticker,date,signal');
    const tickers = [...new Set(readFileSync(plain, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]))];
    const map = join(dir, 'map.csv');
    writeFileSync(map, 'bloomberg_ticker,numerai_ticker\n' + tickers.map((t) => `${t.replace(/ US$/, ' UW')},${t}`).join('\n') + '\n');
    const a = JSON.parse((await cli(...data, '--predictions', plain, '--json')).stdout).plain;
    const b = JSON.parse((await cli(...data, '--predictions', bbg, '--ticker-map', map, '--json')).stdout).bbg;
    expect(b.per_era).toEqual(a.per_era);
    const nothing = join(dir, 'nothing.csv');
    writeFileSync(nothing, 'bloomberg_ticker,numerai_ticker\nZZZ UW,ZZZ US\n');
    const r = await cli(...data, '--predictions', bbg, '--ticker-map', nothing);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: The ticker map maps none of the [\d,]+ bloomberg_ticker values of bbg \(e\.g\. /);
  });

  it('bad input exits 1 with the rule\'s message: wrong headers, a date not in the universe, duplicates, < 100 tickers, values outside [0, 1], stakes without a file', async () => {
    const cases: [string, RegExp][] = [
      [submission('headers.csv', (r) => r.map(([t, d, v]) => [v, d, t]), 'signal,date,numerai_ticker'), /^error: headers\.csv has invalid Signals headers: "signal", "date", "numerai_ticker"\n- A Signals submission has an id column/],
      [submission('late.csv', (r) => r.map(([t, d, v]) => [t, d === '2024-01-12' ? '2025-01-03' : d, v])), /^error: late has signals for 1 date that is not in the data's universe \("2025-01-03"; \d+ rows\)/],
      [submission('dups.csv', (r) => [...r, r[0], r[1]]), /^error: dups \(date 2024-01-05\) lists 2 numerai_tickers of the universe more than once \(e\.g\. "AAHF US" 2 times, "AC GB" 2 times\)/],
      [submission('few.csv', (r) => r.filter((_, i) => i % 10 === 0)), /^error: few \(date 2024-01-05\) has only 61 tickers of the universe; Numerai needs at least 100\n- The universe of that date has 610 tickers\./],
      [submission('range.csv', (r) => r.map(([t, d, v], i) => [t, d, i === 3 ? '1.5' : v])), /^error: range \(date 2024-01-05\) has 1 signal value outside \[0, 1\] \(min 0\.\d+, max 1\.500\)/]
    ];
    for (const [path, message] of cases) {
      const r = await cli(...data, '--predictions', path);
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toMatch(message);
    }
    const stakes = join(dir, 'stakes.json');
    writeFileSync(stakes, JSON.stringify({ quality: 10, ghost: 5 }));
    const s = await cli(...data, '--predictions', `${F}predictions/quality.csv`, '--stakes', stakes);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/^error: stakes\.json names 1 model without a --predictions file: "ghost"\n- MPC needs the signal of every staked model\. Files given: "quality"/);
    const usage = await cli('--predictions', `${F}predictions/quality.csv`);
    expect([usage.code, usage.stderr.split('\n')[0]]).toEqual([2, '--data is required.']);
  });
});
