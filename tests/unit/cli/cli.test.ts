// The real command, as a user runs it (`npx numerai-playground score …`), in a child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURE, loadExpected } from '../scoring/fixture';

const run = promisify(execFile);
const BIN = new URL('../../../bin/numerai-playground.js', import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 * 2 ** 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const F = FIXTURE;
const preds = ['linear', 'risky', 'ties', 'noise'].flatMap((m) => ['--predictions', `${F}predictions/${m}.csv`]);

describe('numerai-playground score', () => {
  it('score --json on the shared fixture (parquet data, CSV predictions) reproduces expected.json within 1e-6', async () => {
    const { code, stdout, stderr } = await cli('score', '--data', `${F}validation.parquet`, ...preds, '--meta-model', `${F}meta_model.parquet`, '--benchmark', `${F}benchmark.csv`, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const expected = loadExpected().scores;
    const bad: string[] = [];
    let checked = 0;
    for (const [model, ref] of Object.entries(expected)) {
      for (const [era, row] of Object.entries(ref.per_era))
        for (const [metric, v] of Object.entries(row)) {
          const got = out[model].per_era[era][metric];
          checked++;
          if (v === null ? got !== null : Math.abs(got - v) > 1e-6) bad.push(`${model} ${era} ${metric}: ${got} vs ${v}`);
        }
      for (const [metric, s] of Object.entries(ref.summary))
        for (const [k, v] of Object.entries(s)) {
          const got = out[model].summary[metric][k];
          checked++;
          if (v === null ? got !== null : Math.abs(got - v) > 1e-6) bad.push(`${model} summary ${metric}.${k}: ${got} vs ${v}`);
        }
    }
    expect(bad).toEqual([]);
    expect(checked).toBe(4 * (60 * 7 + 6 * 6));
  });

  it('score without --json prints a readable table per model with a summary', async () => {
    const { code, stdout } = await cli('score', '--data', `${F}data.csv`, '--predictions', `${F}predictions/linear.csv`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^linear\n/);
    expect(stdout).toMatch(/0001\s+0\.0930/);
    expect(stdout).toContain('summary (std ddof 0');
    expect(stdout).toMatch(/CORR\s+0\.0629/);
  });

  it('score with --features-json and --feature-set neutralizes FNC against that set only', async () => {
    const all = JSON.parse((await cli('score', '--data', `${F}data.csv`, '--predictions', `${F}predictions/risky.csv`, '--json')).stdout);
    const small = JSON.parse(
      (await cli('score', '--data', `${F}data.csv`, '--predictions', `${F}predictions/risky.csv`, '--features-json', `${F}features.json`, '--feature-set', 'small', '--json')).stdout
    );
    expect(small.risky.summary.corr.mean).toBeCloseTo(all.risky.summary.corr.mean, 12);
    expect(small.risky.summary.fnc.mean).not.toBeCloseTo(all.risky.summary.fnc.mean, 4);
    expect(small.risky.per_era['0001'].mmc).toBeUndefined();
  });

  it('a missing file, an unknown feature set and a bad predictions file each exit non-zero with a specific message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-cli-'));
    const missing = await cli('score', '--data', join(dir, 'nope.parquet'), '--predictions', `${F}predictions/linear.csv`);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^error: Cannot read .*nope\.parquet: there is no such file\./);

    const set = await cli('score', '--data', `${F}data.csv`, '--predictions', `${F}predictions/linear.csv`, '--features-json', `${F}features.json`, '--feature-set', 'medium');
    expect(set.code).toBe(1);
    expect(set.stderr).toMatch(/medium/);
    expect(set.stderr).toMatch(/small/);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,prediction\nn0001690bbf1ced7,1.7\n');
    const range = await cli('score', '--data', `${F}data.csv`, '--predictions', bad);
    expect(range.code).toBe(1);
    expect(range.stderr).toMatch(/^error: /);
    expect(range.stdout).toBe('');

    const usage = await cli('score', '--predictions', bad);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--data is required/);
  });

  it('--predictions takes several files after one flag, the same as repeating it', async () => {
    const many = await cli('score', '--data', `${F}data.csv`, '--predictions', `${F}predictions/linear.csv`, `${F}predictions/ties.csv`, '--meta-model', `${F}meta_model.csv`, '--json');
    const repeated = await cli('score', '--data', `${F}data.csv`, '--predictions', `${F}predictions/linear.csv`, '--predictions', `${F}predictions/ties.csv`, '--meta-model', `${F}meta_model.csv`, '--json');
    expect(many.code).toBe(0);
    expect(Object.keys(JSON.parse(many.stdout))).toEqual(['linear', 'ties']);
    expect(many.stdout).toBe(repeated.stdout);
    const stray = await cli('score', '--data', `${F}data.csv`, 'oops.csv', '--predictions', `${F}predictions/linear.csv`);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/Unexpected argument "oops\.csv"/);
  });

  it('with "train" rows in the data, scores the eras after the last train era and the 4-era embargo, as the app does; --all-eras scores all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-cli-'));
    // the fixture with eras 0001–0030 marked as training data
    const lines = readFileSync(`${F}data.csv`, 'utf8').trimEnd().split('\n');
    const marked = [lines[0], ...lines.slice(1).map((l) => (Number(l.split(',')[1]) <= 30 ? l.replace(',validation,', ',train,') : l))];
    writeFileSync(join(dir, 'data.csv'), marked.join('\n') + '\n');
    const embargoed = await cli('score', '--data', join(dir, 'data.csv'), '--predictions', `${F}predictions/linear.csv`, '--json');
    expect(embargoed.code).toBe(0);
    expect(embargoed.stderr).toMatch(/scoring the 26 eras after the last "train" era and the embargo \(0035–0060\)/);
    const eras = Object.keys(JSON.parse(embargoed.stdout).linear.per_era);
    expect(eras[0]).toBe('0035');
    expect(eras).toHaveLength(26);
    const all = await cli('score', '--data', join(dir, 'data.csv'), '--predictions', `${F}predictions/linear.csv`, '--json', '--all-eras');
    expect(Object.keys(JSON.parse(all.stdout).linear.per_era)).toHaveLength(60);
    expect(all.stderr).toBe('');
  });
});
