// The CLI's start-up: a bundle cached on first use and rebuilt whenever a file it was built from changes.
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliEntry } from '../../../bin/cliEntry.js';

describe('cliEntry', () => {
  it('bundles the entry once, reuses the bundle while its inputs are unchanged, and rebuilds when one changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-entry-'));
    writeFileSync(join(dir, 'dep.ts'), 'export const answer: number = 41;\n');
    writeFileSync(join(dir, 'main.ts'), "import { answer } from './dep';\nexport const main = (): number => answer + 1;\n");
    const cache = join(dir, 'cache');
    const first: string = await cliEntry(join(dir, 'main.ts'), cache, dir);
    expect(first).toMatch(/cli\.mjs$/);
    const bundle = fileURLToPath(first);
    expect(readFileSync(bundle, 'utf8')).toContain('41');
    expect((await import(first)).main()).toBe(42);
    const built = statSync(bundle).mtimeMs;

    expect(await cliEntry(join(dir, 'main.ts'), cache, dir)).toBe(first);
    expect(statSync(bundle).mtimeMs).toBe(built);

    writeFileSync(join(dir, 'dep.ts'), 'export const answer: number = 99;\n');
    utimesSync(join(dir, 'dep.ts'), new Date(), new Date(Date.now() + 5000));
    expect(await cliEntry(join(dir, 'main.ts'), cache, dir)).toBe(first);
    expect(readFileSync(bundle, 'utf8')).toContain('99');
  });
});
