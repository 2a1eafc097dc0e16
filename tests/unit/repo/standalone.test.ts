// The repository stands alone: a user clones it without the team's reference folder beside it, on a machine
// whose paths are not ours. No tracked file may reach outside the checkout or name a machine path.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
const TEXT = /\.(ts|js|cjs|mjs|svelte|json|md|sol|css|html|yml|yaml|sh|txt|csv)$|^\.ci\/|^bin\//;
// Paths of the machines this was written on, and the team's folder beside the checkout.
const FORBIDDEN = [/\/work\/(?:main|shared)\b/, /\.\.\/shared\//, /\/root\/\S/, /\/home\/[a-z_][\w-]*\//, /\/tmp\/bash_jobs/];

describe('the repository stands alone', () => {
  it('has files to check (git ls-files works in this checkout)', () => {
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked).toContain('tests/fixtures/numerai-dev/expected.json');
    expect(tracked).toContain('tests/fixtures/signals-dev/expected.json');
  });

  it('no tracked text file names a machine path or the reference folder outside the checkout', () => {
    const hits: string[] = [];
    for (const file of tracked) {
      if (!TEXT.test(file) || file === 'package-lock.json') continue;
      const lines = readFileSync(ROOT + file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const re of FORBIDDEN) if (re.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits).toEqual([]);
  });
});
