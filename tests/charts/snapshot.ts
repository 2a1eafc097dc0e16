// Plot-style golden SVGs: serialise, round numbers to 3 decimals, renumber generated ids, one element per line;
// compare with a file snapshot, and on a mismatch write `<name>-changed.svg` beside it for a visual diff.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chartWarnings } from '../../src/lib/charts/chart';

export function normalise(svg: Element): string {
  let xml = new XMLSerializer().serializeToString(svg);
  const ids = [...new Set([...xml.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]))];
  ids.forEach((id, k) => (xml = xml.replace(new RegExp(`\\b${id.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\b`, 'g'), `id-${k + 1}`)));
  return xml.replace(/-?\d+\.\d+(e-?\d+)?/g, (d) => String(+(+d).toFixed(3))).replace(/></g, '>\n<');
}

/** Compares `svg` with tests/charts/__snapshots__/<name>.svg; expects no warnings unless the name starts with warn. */
export async function expectSvgSnapshot(svg: SVGSVGElement, name: string): Promise<void> {
  if (!name.startsWith('warn')) expect(chartWarnings(svg)).toEqual([]);
  const text = normalise(svg) + '\n';
  // plain paths: in the jsdom environment Vitest rewrites `new URL(…, import.meta.url)` to an http URL
  const changed = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__', `${name}-changed.svg`);
  try {
    await expect(text).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
    if (existsSync(changed)) rmSync(changed);
  } catch (e) {
    writeFileSync(changed, text);
    throw e;
  }
}
