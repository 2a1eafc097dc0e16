import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const html = readFileSync(new URL('../../../static/notebook-runner.html', import.meta.url), 'utf8');

describe('the code runner page (static/notebook-runner.html)', () => {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const policies = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi)].map((m) => m[1]);

  it('has exactly one script, inline, and one policy, before it', () => {
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1].trim()).toBe('');
    expect(policies).toHaveLength(1);
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  });

  it('allows nothing but its own script (by hash), blob: workers and eval: no fetch, connect, font, image or frame', () => {
    const hash = createHash('sha256').update(scripts[0][2]).digest('base64');
    expect(policies[0]).toBe(`default-src 'none'; script-src 'sha256-${hash}' blob: 'unsafe-eval'; worker-src blob:; base-uri 'none'; form-action 'none'`);
  });
});
