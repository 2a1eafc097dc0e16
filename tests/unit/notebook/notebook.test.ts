import { describe, expect, it, vi } from 'vitest';
import { analyzeCell } from '../../../src/lib/notebook/analyze';
import { Notebook, type Executor } from '../../../src/lib/notebook/Notebook.svelte';
import type { Cell, NotebookDoc } from '../../../src/lib/notebook/types';

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<Record<string, unknown>>;

/** A fake executor: code cells run in-process (no worker); `gate(id)` makes a cell wait until released. */
function fakeExecutor() {
  const log: string[] = [];
  const gates = new Map<string, Promise<void>>();
  const release = new Map<string, () => void>();
  const exec: Executor = async (cell, inputs, ctx) => {
    log.push(cell.id);
    const gate = gates.get(cell.id);
    if (gate) await gate;
    if (cell.kind === 'code') {
      const names = Object.keys(inputs);
      const fn = new AsyncFunction(...names, 'display', `"use strict";${ctx.deps.js}\n;return {${ctx.deps.defines.join(',')}};`);
      return fn(...names.map((n) => inputs[n]), ctx.display);
    }
    if (cell.kind === 'data') return { [cell.config.name]: { $dataset: 'v', n: cell.config.rowsPerEra } };
    return {};
  };
  return {
    exec,
    log,
    gate(id: string) {
      gates.set(id, new Promise<void>((r) => release.set(id, r)));
    },
    release(id: string) {
      gates.delete(id);
      release.get(id)?.();
    }
  };
}

const code = (id: string, source: string, lazy = false): Cell => ({ id, kind: 'code', source, lang: 'js', ...(lazy ? { lazy: true } : {}) });
const doc = (cells: Cell[]): NotebookDoc => ({ id: 'nb', title: 't', cells, createdAt: 0, updatedAt: 0 });
const make = (cells: Cell[], exec: Executor, opts: { autorun?: boolean; onChange?: (d: NotebookDoc) => void } = {}) =>
  new Notebook(doc(cells), { analyze: analyzeCell, execute: exec, ...opts });
const status = (nb: Notebook, ...ids: string[]) => ids.map((id) => nb.runtime(id).status);

describe('Notebook scheduler', () => {
  it('run(cell) runs it, then its dependents in topological order, passing values', async () => {
    const f = fakeExecutor();
    const nb = make([code('c', 'const c = b * 10;'), code('b', 'const b = a + 1;'), code('a', 'const a = 1;'), code('x', 'const x = 5;')], f.exec);
    await nb.runAll();
    expect(f.log).toEqual(['a', 'b', 'c', 'x']); // among ready cells, the earliest in the notebook goes first
    expect(nb.value('c')).toBe(20);
    f.log.length = 0;
    nb.setSource('a', 'const a = 2;');
    expect(status(nb, 'a')).toEqual(['stale']); // edited, not run yet
    await nb.run('a');
    expect(f.log).toEqual(['a', 'b', 'c']); // x is independent: not re-run
    expect(nb.value('c')).toBe(30);
    expect(status(nb, 'a', 'b', 'c', 'x')).toEqual(['done', 'done', 'done', 'done']);
  });

  it('an error stops only its dependents ("waiting on an upstream error"); independent cells still run', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = null; a.boom;'), code('b', 'const b = a;'), code('c', 'const c = b;'), code('d', 'const d = 4;')], f.exec);
    await nb.runAll();
    expect(status(nb, 'a', 'b', 'c', 'd')).toEqual(['error', 'error', 'error', 'done']);
    expect(nb.runtime('a').error?.message).toMatch(/TypeError: Cannot read properties of null/);
    expect(nb.runtime('b').error).toEqual({ message: 'Waiting on an upstream error (cell 1).', upstream: true });
    expect(nb.runtime('c').error?.upstream).toBe(true);
    expect(f.log).toEqual(['a', 'd']);
    expect(nb.announcement).toMatch(/1 cell done, 3 with errors/);
  });

  it('syntax errors, cycles and duplicate names are errors on the cells; the rest runs', async () => {
    const f = fakeExecutor();
    const nb = make([code('s', 'const = 1'), code('p', 'const p = q;'), code('q', 'const q = p;'), code('d1', 'const dup = 1;'), code('d2', 'const dup = 2;'), code('ok', 'const ok = 1;')], f.exec);
    await nb.runAll();
    expect(status(nb, 's', 'p', 'q', 'd1', 'd2', 'ok')).toEqual(['error', 'error', 'error', 'error', 'error', 'done']);
    expect(nb.runtime('s').error?.line).toBe(1);
    expect(nb.runtime('p').error?.message).toMatch(/Circular definition/);
    expect(nb.runtime('d1').error?.message).toMatch(/"dup" is also defined by cell 5/);
    expect(f.log).toEqual(['ok']);
  });

  it('lazy dependents become stale instead of running, and so do cells below them; running them explicitly works', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = 1;'), code('b', 'const b = a * 2;', true), code('c', 'const c = b + 1;'), code('d', 'const d = a + 1;')], f.exec);
    nb.start();
    await nb.idle();
    expect(status(nb, 'a', 'b', 'c', 'd')).toEqual(['done', 'stale', 'stale', 'done']);
    expect(f.log).toEqual(['a', 'd']);
    f.log.length = 0;
    await nb.run('b');
    expect(f.log).toEqual(['b', 'c']);
    expect(nb.value('c')).toBe(3);
  });

  it('running a cell whose upstream never ran runs the upstream first', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = 1;'), code('b', 'const b = a + 1;')], f.exec, { autorun: false });
    await nb.run('b');
    expect(f.log).toEqual(['a', 'b']);
    expect(nb.value('b')).toBe(2);
  });

  it('latest wins: re-running a running cell drops the older result', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = 1;'), code('b', 'const b = a + 100;')], f.exec);
    f.gate('a');
    const first = nb.run('a');
    await vi.waitFor(() => expect(status(nb, 'a')).toEqual(['running']));
    nb.setSource('a', 'const a = 2;');
    const second = nb.run('a'); // queued behind the running, now superseded, run
    f.release('a');
    await Promise.all([first, second]);
    expect(f.log).toEqual(['a', 'a', 'b']); // b ran once, after the newest a
    expect(nb.value('a')).toBe(2);
    expect(nb.value('b')).toBe(102);
  });

  it('stop() aborts the running cell ("Stopped."), its dependents wait on it, queued cells go back', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = 1;'), code('b', 'const b = a;'), code('x', 'const x = 1;')], f.exec);
    f.gate('a');
    const done = nb.runAll();
    await vi.waitFor(() => expect(status(nb, 'a')).toEqual(['running']));
    nb.stop('a');
    await done;
    expect(nb.runtime('a').error?.message).toBe('Stopped.');
    expect(nb.runtime('b').error?.upstream).toBe(true);
    expect(status(nb, 'x')).toEqual(['done']);
    // stop everything: queued cells become idle again
    f.gate('a');
    const again = nb.runAll();
    await vi.waitFor(() => expect(status(nb, 'a')).toEqual(['running']));
    nb.stop();
    await again;
    expect(status(nb, 'a', 'b')).toEqual(['error', 'stale']);
    expect(nb.busy).toBe(false);
  });

  it('safe open: start() runs nothing without autorun; runAll() runs and trusts the notebook', async () => {
    const f = fakeExecutor();
    const saved: NotebookDoc[] = [];
    const d = { ...doc([code('a', 'const a = 1;')]), untrusted: true };
    const nb = new Notebook(d, { analyze: analyzeCell, execute: f.exec, autorun: false, onChange: (x) => saved.push(x) });
    nb.start();
    await nb.idle();
    expect(f.log).toEqual([]);
    expect(status(nb, 'a')).toEqual(['idle']);
    await nb.runAll();
    expect(nb.autorun).toBe(true);
    expect(nb.doc.untrusted).toBeUndefined();
    expect(saved.at(-1)?.untrusted).toBeUndefined();
  });

  it('updateConfig re-runs a built-in cell and its dependents; a lazy one turns stale', async () => {
    const f = fakeExecutor();
    const nb = make([{ id: 'd', kind: 'data', config: { name: 'data', source: 'generated', rowsPerEra: 10 } }, code('u', 'const rows = data.n;')], f.exec);
    await nb.runAll();
    expect(nb.value('rows')).toBe(10);
    f.log.length = 0;
    nb.updateConfig<'data'>('d', { rowsPerEra: 20 });
    await nb.idle();
    expect(f.log).toEqual(['d', 'u']);
    expect(nb.value('rows')).toBe(20);
    nb.setLazy('d', true);
    f.log.length = 0;
    nb.updateConfig<'data'>('d', { rowsPerEra: 30 });
    await nb.idle();
    expect(f.log).toEqual([]);
    expect(status(nb, 'd', 'u')).toEqual(['stale', 'stale']);
  });

  it('renaming a definition re-runs the cells that used the old name, which then fail', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = 1;'), code('b', 'const b = a + 1;')], f.exec);
    await nb.runAll();
    nb.setSource('a', 'const renamed = 1;');
    await nb.run('a');
    expect(nb.runtime('b').status).toBe('error');
    expect(nb.runtime('b').error?.message).toMatch(/ReferenceError: a is not defined/);
  });

  it('deleteCell drops its values and re-runs the cells that used them', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = 1;'), code('b', 'const b = a + 1;')], f.exec);
    await nb.runAll();
    nb.deleteCell('a');
    await nb.idle();
    expect(nb.value('a')).toBeUndefined();
    expect(nb.runtime('b').error?.message).toMatch(/a is not defined/);
  });

  it('edits call onChange with a plain snapshot (autosave), and move/add/delete keep the order', () => {
    const f = fakeExecutor();
    const onChange = vi.fn();
    const nb = make([code('a', 'const a = 1;'), code('b', '')], f.exec, { onChange });
    const id = nb.addCell('markdown', 1);
    nb.moveCell('a', 1);
    nb.setTitle('New title');
    expect(nb.doc.cells.map((c) => c.id)).toEqual([id, 'a', 'b']);
    expect(onChange).toHaveBeenCalledTimes(3);
    const last = onChange.mock.calls.at(-1)![0] as NotebookDoc;
    expect(last.title).toBe('New title');
    expect(structuredClone(last)).toEqual(last);
  });

  it('invalidate(match) drops matching values and marks their cells and dependents stale', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = { $worker: "a", cellId: "a", type: "function" };'), code('b', 'const b = 1;'), code('c', 'const c = a;')], f.exec);
    await nb.runAll();
    nb.invalidate((v) => typeof v === 'object' && v !== null && '$worker' in v);
    expect(status(nb, 'a', 'b', 'c')).toEqual(['stale', 'done', 'stale']);
    expect(nb.value('a')).toBeUndefined();
  });

  it('replace(original) restores the original cells and runs them (the original lives inside the reactive doc)', async () => {
    const f = fakeExecutor();
    const d: NotebookDoc = { ...doc([code('a', 'const a = 5;')]), original: { title: 'orig', cells: [code('a', 'const a = 1;'), code('b', 'const b = a + 1;')] } };
    const nb = new Notebook(d, { analyze: analyzeCell, execute: f.exec });
    await nb.runAll();
    nb.replace(nb.doc.original!);
    await nb.idle();
    expect(nb.doc.title).toBe('orig');
    expect(nb.doc.cells.map((c) => c.id)).toEqual(['a', 'b']);
    expect(nb.value('b')).toBe(2);
    nb.setSource('a', 'const a = 9;');
    expect((nb.doc.original!.cells[0] as { source: string }).source).toBe('const a = 1;'); // a copy, not shared
  });

  it('a re-run replaces the outputs item by item (charts update in place), keeps them while running, drops the extra ones at the end', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', ['one', 'two', 'three'].map((t) => `display({ kind: 'text', text: '${t}' });`).join(' '))], f.exec);
    await nb.runAll();
    const first = nb.runtime('a').displays;
    expect(first.map((d) => d.kind === 'text' && d.text)).toEqual(['one', 'two', 'three']);
    f.gate('a');
    nb.setSource('a', "display({ kind: 'text', text: 'uno' });");
    const run = nb.run('a');
    await Promise.resolve();
    expect(nb.runtime('a').status).toBe('running');
    expect(nb.runtime('a').displays).toBe(first); // nothing cleared while the new run works
    f.release('a');
    await run;
    expect(nb.runtime('a').displays.map((d) => d.kind === 'text' && d.text)).toEqual(['uno']);
  });

  it('an upstream error names the cell that actually failed, not a cell waiting on it', async () => {
    const f = fakeExecutor();
    const nb = make([code('a', 'const a = null; a.boom;'), code('b', 'const b = a;'), code('c', 'const c = b;')], f.exec);
    await nb.runAll();
    expect(nb.runtime('c').error).toEqual({ message: 'Waiting on an upstream error (cell 1).', upstream: true });
  });

  it('a name defined twice blocks its users with a message naming both cells; renaming one clears every error', async () => {
    const f = fakeExecutor();
    const data = (id: string, name: string): Cell => ({ id, kind: 'data', config: { name, source: 'generated', seed: 1, eras: 4, rowsPerEra: 10, features: 3 } });
    const nb = make([data('d1', 'data'), code('u', 'const u = data.n;'), data('d2', 'data')], f.exec);
    await nb.runAll();
    expect(status(nb, 'd1', 'u', 'd2')).toEqual(['error', 'error', 'error']);
    expect(nb.runtime('u').error?.message).toBe('Waiting: "data" is defined by cells 1 and 3; rename or delete one of them.');
    nb.updateConfig<'data'>('d2', { name: 'data2' });
    await nb.idle();
    expect(status(nb, 'd1', 'u', 'd2')).toEqual(['done', 'done', 'done']);
    expect(nb.value('u')).toBe(10);
  });

  it('a new built-in cell gets a free name and runs at once; a deleted cell comes back with undo and runs with its users', async () => {
    const f = fakeExecutor();
    const nb = make([{ id: 'd1', kind: 'data', config: { name: 'data', source: 'generated', rowsPerEra: 5 } }, code('u', 'const u = data.n;')], f.exec);
    await nb.runAll();
    const id = nb.addCell('data');
    await nb.idle();
    expect(nb.cell(id)).toMatchObject({ config: { name: 'data2' } });
    expect(status(nb, id, 'd1', 'u')).toEqual(['done', 'done', 'done']);
    const removed = nb.deleteCell('d1')!;
    await nb.idle();
    expect(removed.index).toBe(0);
    expect(nb.runtime('u').status).toBe('error');
    nb.restoreCell(removed.cell, removed.index);
    await nb.idle();
    expect(nb.doc.cells.map((c) => c.id)).toEqual(['d1', 'u', id]);
    expect(status(nb, 'd1', 'u')).toEqual(['done', 'done']);
  });

  it('a new score cell picks the newest model and the validation eras', () => {
    const f = fakeExecutor();
    const nb = make(
      [
        { id: 'd1', kind: 'data', config: { name: 'data', source: 'generated' } },
        { id: 'm1', kind: 'model', config: { name: 'ridge', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target' } },
        { id: 'm2', kind: 'model', config: { name: 'gbdt', data: 'data', kind: 'gbdt', featureSet: 'all', target: 'target' } }
      ],
      f.exec,
      { autorun: false }
    );
    const id = nb.addCell('score');
    expect(nb.cell(id)).toMatchObject({ config: { name: 'scores', predictions: ['gbdt'], eras: 'validation', data: 'data' } });
  });

  it('a cell whose analysis throws gets an error instead of breaking the notebook', () => {
    const nb = new Notebook(doc([code('a', 'const a = 1;'), code('b', 'const b = 2;')]), {
      analyze: (c) => {
        if (c.id === 'b') throw new TypeError('boom');
        return analyzeCell(c);
      },
      execute: fakeExecutor().exec
    });
    expect(nb.deps.get('b')?.error?.message).toMatch(/cannot be read/);
    expect(nb.deps.get('a')?.defines).toEqual(['a']);
  });
});
