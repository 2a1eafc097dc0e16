import type { Compressors } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ZSTDDecoder } from 'zstddec';

let ready: Promise<Compressors> | null = null;

/**
 * hyparquet-compressors' decompressors with zstd (Numerai's codec) decoded by zstddec, Zstandard's own C decoder in
 * WebAssembly: about 8× faster than the pure-JS fzstd on Numerai-shaped pages (bench). Where the WebAssembly module
 * cannot start (e.g. a Content-Security-Policy without `data:` in connect-src), fzstd is kept: slower, same bytes.
 */
export function parquetCompressors(): Promise<Compressors> {
  ready ??= (async () => {
    try {
      const decoder = new ZSTDDecoder();
      await decoder.init();
      return { ...compressors, ZSTD: (input: Uint8Array, outputLength: number) => decoder.decode(input, outputLength) };
    } catch {
      return compressors;
    }
  })();
  return ready;
}
