import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource } from '../ByteSource';

/** A ByteSource over a local file that reads only the requested byte ranges (positioned reads); call `close()` when done. */
export async function openFileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    byteLength: size,
    name: basename(path),
    async slice(start: number, end = size): Promise<ArrayBuffer> {
      const length = Math.max(0, Math.min(end, size) - start);
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.buffer;
    },
    close: () => handle.close()
  };
}
