// Files over HTTP: parquet read with Range requests (footer + the needed column chunks only) and Numerai's download
// flow (GraphQL dataset(filename:) → signed URL → resumable download), against a local server on a free port.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/lib/data/loadDataset';
import { openFileSource } from '../../../src/lib/data/node/openFileSource';
import { openUrlSource } from '../../../src/lib/data/urlSource';
import { parseFeaturesJson } from '../../../src/lib/data/featureSets';
import { startRangeServer, type RangeServer } from '../../helpers/rangeServer';
import { writeNumeraiFiles, type NumeraiFiles } from '../../helpers/writeNumeraiFiles';

const run = promisify(execFile);
const BIN = new URL('../../../bin/numerai-playground.js', import.meta.url).pathname;
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 26, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dir = '';
let files: NumeraiFiles;
let server: RangeServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'np-url-'));
  // a v5-shaped wide file as pandas + pyarrow write it (id index, int8 features, float32 targets with NaN)
  files = await writeNumeraiFiles(dir, { eras: 4, rowsPerEra: 5000, features: 2376, targets: 10, write: { predictionsParquet: false, benchmark: false } });
  server = await startRangeServer({
    'validation.parquet': files.data,
    'features.json': files.featuresJson,
    'predictions.csv': files.predictionsCsv!,
    'meta_model.parquet': files.metaModel!
  });
}, 180_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parquet over HTTP', () => {
  it('loadDataset(url, small set) equals the local read and fetches only the footer and the needed column chunks', async () => {
    const featuresJson = parseFeaturesJson(readFileSync(files.featuresJson, 'utf8'));
    const fetches: number[] = [];
    const src = await openUrlSource(server.url('validation.parquet'), { onFetch: (b) => fetches.push(b) });
    const remote = await loadDataset(src, { featureSet: 'small', featuresJson });
    const local = await loadDataset(await openFileSource(files.data), { featureSet: 'small', featuresJson });
    expect(remote.ids.toArray()).toEqual(local.ids.toArray());
    expect(remote.features.map((f) => Array.from(f))).toEqual(local.features.map((f) => Array.from(f)));
    expect(Array.from(remote.targets.target)).toEqual(Array.from(local.targets.target));
    const size = statSync(files.data).size;
    expect(src.byteLength).toBe(size);
    // id, era, data_type, 42 of 2,376 features, the target and the footer: a small part of the file
    expect(src.bytesFetched).toBeLessThan(0.1 * size);
    expect(fetches.at(-1)).toBe(src.bytesFetched);
    const gets = server.requests.filter((r) => r.path === '/files/validation.parquet');
    expect(gets.every((r) => r.range !== null)).toBe(true);
    expect(gets[0].range).toBe('bytes=-65536');
  });

  it('a missing file is a clear error naming the status', async () => {
    await expect(openUrlSource(`${server.origin}/files/nope.parquet`)).rejects.toThrow(/answered 404/);
  });

  it('the CLI scores URLs as it scores local files, and says how much it fetched', async () => {
    // without --json, so that the notes reach stderr (a pipe): the table is compared instead
    const args = (data: string, preds: string, meta: string, fj: string) => ['score', '--data', data, '--predictions', preds, '--meta-model', meta, '--features-json', fj, '--feature-set', 'small'];
    const local = await cli(args(files.data, files.predictionsCsv!, files.metaModel!, files.featuresJson));
    const remote = await cli(args(server.url('validation.parquet'), server.url('predictions.csv'), server.url('meta_model.parquet'), server.url('features.json')));
    expect(local.code).toBe(0);
    expect(remote.code).toBe(0);
    expect(remote.stdout).toBe(local.stdout);
    expect(remote.stderr).toMatch(/validation\.parquet: fetched [\d.]+ [kM]B of [\d.]+ MB with HTTP range requests/);
  });
});

describe('numerai-playground download', () => {
  it('gets each file through the API\'s signed URL, resumes an interrupted download, and skips finished files', async () => {
    const cutServer = await startRangeServer({ 'validation.parquet': files.data, 'features.json': files.featuresJson }, { cutOnce: { name: 'validation.parquet', after: 300_000 } });
    const out = join(dir, 'download');
    try {
      const first = await cli(['download', 'validation.parquet', 'features.json', '--dir', out, '--dataset-version', 'v5.0'], { NUMERAI_API_URL: cutServer.api });
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(/Downloading validation\.parquet stopped after .*\n- Run the same command again to resume/);
      // what reached the client before the connection dropped
      const kept = statSync(join(out, 'validation.parquet.part')).size;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThanOrEqual(300_000);
      const query = JSON.parse(cutServer.requests.find((r) => r.method === 'POST')!.body!).query;
      expect(query).toBe('query { dataset(filename: "v5.0/validation.parquet") }');

      const second = await cli(['download', 'validation.parquet', 'features.json', '--dir', out, '--dataset-version', 'v5.0'], { NUMERAI_API_URL: cutServer.api });
      expect(second.code).toBe(0);
      expect(second.stderr).toMatch(/validation\.parquet: resuming at \d+ kB/);
      expect(cutServer.requests.some((r) => r.range === `bytes=${kept}-`)).toBe(true);
      expect(readFileSync(join(out, 'validation.parquet')).equals(readFileSync(files.data))).toBe(true);
      expect(readFileSync(join(out, 'features.json'), 'utf8')).toBe(readFileSync(files.featuresJson, 'utf8'));
      expect(existsSync(join(out, 'validation.parquet.part'))).toBe(false);

      const third = await cli(['download', 'validation.parquet', '--dir', out], { NUMERAI_API_URL: cutServer.api });
      expect(third.code).toBe(0);
      expect(third.stderr).toMatch(/already there: skipped/);

      const unknown = await cli(['download', 'nope.parquet', '--dir', out], { NUMERAI_API_URL: cutServer.api });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/Numerai's API has no download for v5\.0\/nope\.parquet \(dataset v5\.0\/nope\.parquet not found\)/);
    } finally {
      await cutServer.close();
    }
  });
});
