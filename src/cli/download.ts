import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PlaygroundError } from '../lib/errors';
import { formatBytes } from '../lib/scorefiles/describeEstimate';

/** Numerai's public GraphQL API (no key needed for dataset links). */
export const NUMERAI_API = 'https://api-tournament.numer.ai';

/** What `download` fetches by default: what scoring validation predictions needs. */
export const DEFAULT_FILES = ['validation.parquet', 'features.json', 'meta_model.parquet', 'validation_benchmark_models.parquet'];

export interface DownloadOptions {
  files: string[];
  /** Dataset version folder, e.g. "v5.0" (Numerai's file names are "<version>/<file>"). */
  version: string;
  dir: string;
  /** GraphQL endpoint (default NUMERAI_API; NUMERAI_API_URL in the environment overrides it). */
  api?: string;
  log?: (line: string) => void;
  progress?: (line: string, transient: boolean) => void;
  fetch?: typeof fetch;
}

/**
 * Asks Numerai's API for a file's download link: `query { dataset(filename: "v5.0/validation.parquet") }` returns a
 * signed URL (as numerapi's download_dataset does).
 */
async function datasetUrl(api: string, filename: string, get: typeof fetch): Promise<string> {
  let res: Response;
  try {
    res = await get(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query { dataset(filename: ${JSON.stringify(filename)}) }` })
    });
  } catch (cause) {
    throw new PlaygroundError(`Cannot reach Numerai's API at ${api}: ${(cause as Error).message}`, { hints: ['Check your connection (or --api / NUMERAI_API_URL).'], cause });
  }
  const body = (await res.json().catch(() => null)) as { data?: { dataset?: string | null }; errors?: { message: string }[] } | null;
  const url = body?.data?.dataset;
  if (!res.ok || !url) {
    const why = body?.errors?.map((e) => e.message).join('; ') || `HTTP ${res.status}`;
    throw new PlaygroundError(`Numerai's API has no download for ${filename} (${why})`, {
      hints: ['Check the file name and the version (--dataset-version), e.g. v5.0/validation.parquet.']
    });
  }
  return url;
}

/**
 * `numerai-playground download`: fetches Numerai's public dataset files into `dir`, each through a fresh signed URL,
 * into `<file>.part` first. An interrupted download resumes where it stopped (Range: bytes=<size of the .part>-);
 * a file already complete is skipped. Progress on stderr.
 */
export async function download(options: DownloadOptions): Promise<string[]> {
  const api = options.api ?? NUMERAI_API;
  const get = options.fetch ?? globalThis.fetch.bind(globalThis);
  const log = options.log ?? (() => {});
  mkdirSync(options.dir, { recursive: true });
  const done: string[] = [];
  for (const file of options.files) {
    const target = join(options.dir, file.split('/').pop()!);
    if (existsSync(target)) {
      log(`${target} is already there: skipped (delete it to download again).`);
      done.push(target);
      continue;
    }
    const url = await datasetUrl(api, `${options.version}/${file}`, get);
    const part = `${target}.part`;
    const have = existsSync(part) ? statSync(part).size : 0;
    const res = await get(url, have ? { headers: { Range: `bytes=${have}-` } } : {});
    if (res.status === 416 && have) {
      renameSync(part, target); // the .part already held the whole file
      done.push(target);
      continue;
    }
    if (res.status !== 200 && res.status !== 206) throw new PlaygroundError(`Downloading ${file} failed: HTTP ${res.status} ${res.statusText}`.trim());
    const resumed = res.status === 206 && have > 0;
    const total = resumed ? Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? NaN) : Number(res.headers.get('content-length') ?? NaN);
    if (resumed) log(`${file}: resuming at ${formatBytes(have)}.`);
    const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
    let got = resumed ? have : 0;
    const started = performance.now();
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        got += value.length;
        if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
        const rate = ((got - (resumed ? have : 0)) / Math.max(1, performance.now() - started)) * 1000;
        options.progress?.(`${file}: ${formatBytes(got)}${total === total ? ` of ${formatBytes(total)} (${Math.floor((100 * got) / total)}%)` : ''}, ${formatBytes(rate)}/s`, true);
      }
    } catch (cause) {
      await new Promise<void>((r) => out.end(() => r()));
      throw new PlaygroundError(`Downloading ${file} stopped after ${formatBytes(got)}: ${(cause as Error).message}`, {
        hints: [`Run the same command again to resume from ${part}.`],
        cause
      });
    }
    await new Promise<void>((r) => out.end(() => r()));
    if (total === total && got !== total) {
      throw new PlaygroundError(`Downloading ${file} stopped after ${formatBytes(got)} of ${formatBytes(total)}`, { hints: [`Run the same command again to resume from ${part}.`] });
    }
    renameSync(part, target);
    options.progress?.(`${file}: ${formatBytes(got)} done`, false);
    done.push(target);
  }
  return done;
}
