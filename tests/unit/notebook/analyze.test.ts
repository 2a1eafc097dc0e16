import { describe, expect, it } from 'vitest';
import { analyzeCell, analyzeCode, analyzeJs, setTypeScriptStripper } from '../../../src/lib/notebook/analyze';
import { stripTypes } from '../../../src/lib/notebook/stripTypes';
import type { Cell } from '../../../src/lib/notebook/types';

const deps = (src: string) => {
  const d = analyzeJs(src);
  return { defines: [...d.defines].sort(), uses: [...d.uses].sort(), error: d.error };
};

describe('analyzeJs: what a code cell defines', () => {
  it('analyzeJs(const/let/var) defines top-level names', () => {
    expect(deps('const a = 1; let b = 2; var c = 3;')).toEqual({ defines: ['a', 'b', 'c'], uses: [], error: undefined });
  });

  it('analyzeJs(destructuring) defines every bound name, with defaults and rests', () => {
    expect(deps('const { a, b: [c, { d }], e = 1, ...f } = g; const [h, , ...i] = j;').defines).toEqual(['a', 'c', 'd', 'e', 'f', 'h', 'i']);
  });

  it('analyzeJs(function, class) defines their names but not their params or locals', () => {
    expect(deps('function f(x, { y }) { const z = x + y; return z; }\nclass K { m(q) { return q; } }')).toEqual({ defines: ['K', 'f'], uses: [], error: undefined });
  });

  it('analyzeJs(block-scoped let inside a block) does not define it, a var in a block does', () => {
    expect(deps('if (x) { let inner = 1; var hoisted = 2; }')).toEqual({ defines: ['hoisted'], uses: ['x'], error: undefined });
  });

  it('analyzeJs keeps _-prefixed names local (marimo rule)', () => {
    expect(deps('const _tmp = data.n * 2; const shown = _tmp + 1;')).toEqual({ defines: ['shown'], uses: ['data'], error: undefined });
  });
});

describe('analyzeJs: what a code cell uses', () => {
  it('free references are uses; globals, API names and locals are not', () => {
    expect(deps('const y = Math.max(x, 1); display(y); console.log(numerai, aq, md`hi`); progress(1);').uses).toEqual(['x']);
  });

  it('parameters, closures, catch params and loop variables are not uses', () => {
    const src = 'const r = xs.map((v, i) => v * i + k);\nfor (const q of r) total += q;\ntry { f(); } catch (err) { log(err); }\nfunction g() { return arguments.length; }';
    expect(deps(src).uses).toEqual(['f', 'k', 'log', 'total', 'xs']);
  });

  it('a name defined and used in the same cell is not a use (no self-dependency)', () => {
    expect(deps('const a = 1; const b = a + 1;').uses).toEqual([]);
  });

  it('object keys, member properties and labels are not references', () => {
    expect(deps('const o = { p: 1, [k]: 2 }; o.q = z.w; outer: for (;;) break outer;').uses).toEqual(['k', 'z']);
  });

  it('class expressions and named function expressions see their own names', () => {
    expect(deps('const A = class B { m() { return B; } }; const f = function g() { return g; };').uses).toEqual([]);
  });

  it('assignment to another cell\'s name counts as a use', () => {
    expect(deps('counter = counter + 1;').uses).toEqual(['counter']);
  });
});

describe('analyzeJs: errors and the last expression', () => {
  it('import declarations are rejected with a clear message and line', () => {
    const d = analyzeJs("const a = 1;\nimport x from 'y';");
    expect(d.error?.message).toMatch(/Cells cannot import modules\. Use what the notebook provides: numerai/);
    expect(d.error?.line).toBe(2);
  });

  it('dynamic import() and export are rejected', () => {
    expect(analyzeJs("const m = await import('x');").error?.message).toMatch(/cannot load modules with import\(\)/);
    expect(analyzeJs('export const a = 1;').error?.message).toMatch(/Cells do not export/);
  });

  it('a syntax error reports acorn\'s message and line', () => {
    const d = analyzeJs('const a = 1;\nconst = 2;');
    expect(d.error?.message).toMatch(/^Syntax error: Unexpected token/);
    expect(d.error?.line).toBe(2);
  });

  it('defining an API name is an error', () => {
    expect(analyzeJs('const display = 1;').error?.message).toMatch(/"display" is provided by the notebook/);
  });

  it('top-level await is allowed', () => {
    expect(deps('const v = await Promise.resolve(x);')).toEqual({ defines: ['v'], uses: ['x'], error: undefined });
  });

  it('a final expression statement is recorded for display, a final display() call is not', () => {
    const src = 'const a = 1;\na + 1';
    const d = analyzeJs(src);
    expect(src.slice(...d.lastExpression!)).toBe('a + 1');
    expect(analyzeJs('display(1)').lastExpression).toBeUndefined();
    expect(analyzeJs('const a = 1;').lastExpression).toBeUndefined();
  });
});

describe('analyzeCode: TypeScript', () => {
  it('strips types with sucrase, keeping lines, then analyses', () => {
    setTypeScriptStripper(stripTypes);
    const src = 'interface Row { x: number }\nconst rows: Row[] = input as Row[];\nenum Side { Up, Down }\nfunction f<T>(v: T): T { return v; }\nconst bad: number = missing!;';
    const d = analyzeCode(src, 'ts');
    expect(d.error).toBeUndefined();
    expect([...d.defines].sort()).toEqual(['Side', 'bad', 'f', 'rows']);
    expect([...d.uses].sort()).toEqual(['input', 'missing']);
    expect(d.js!.split('\n')).toHaveLength(src.split('\n').length);
  });

  it('a TypeScript syntax error is reported', () => {
    setTypeScriptStripper(stripTypes);
    expect(analyzeCode('const a: = 1;', 'ts').error?.message).toMatch(/Syntax error/);
  });
});

describe('analyzeCell: built-in cells declare defs/uses from their config', () => {
  const cell = (c: Cell) => analyzeCell(c);
  it('data defines its name; model uses the data and defines its name', () => {
    expect(cell({ id: 'd', kind: 'data', config: { name: 'data', source: 'generated' } })).toEqual({ defines: ['data'], uses: [] });
    expect(cell({ id: 'm', kind: 'model', config: { name: 'm1', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target' } })).toEqual({ defines: ['m1'], uses: ['data'] });
  });

  it('score uses the data and every prediction; neutralize uses data and model; chart uses its source; payout its scores', () => {
    expect(cell({ id: 's', kind: 'score', config: { name: 'scores', data: 'data', predictions: ['m1', 'm2'], target: 'target', metrics: [], featureSet: '' } })).toEqual({ defines: ['scores'], uses: ['data', 'm1', 'm2'] });
    expect(cell({ id: 'n', kind: 'neutralize', config: { name: 'n1', data: 'data', model: 'm1', proportion: 0.5, featureSet: '' } })).toEqual({ defines: ['n1'], uses: ['data', 'm1'] });
    expect(cell({ id: 'c', kind: 'chart', config: { source: 'scores', type: 'eraBars', metric: 'corr', models: [] } })).toEqual({ defines: [], uses: ['scores'] });
    expect(cell({ id: 'p', kind: 'payout', config: { name: 'pay', scores: 'scores', model: '', stake: 1, corrWeight: 0.5, mmcWeight: 2, threshold: 1, totalAtRisk: 0, compound: true } })).toEqual({ defines: ['pay'], uses: ['scores'] });
  });

  it('an invalid or empty name is a config error', () => {
    expect(cell({ id: 'm', kind: 'model', config: { name: 'my model', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target' } }).error?.message).toMatch(/"my model" is not a valid name/);
    expect(cell({ id: 'd', kind: 'data', config: { name: '', source: 'generated' } }).error?.message).toMatch(/A name is missing/);
    expect(cell({ id: 's', kind: 'score', config: { name: 'scores', data: 'data', predictions: [], target: 'target', metrics: [], featureSet: '' } }).error?.message).toMatch(/at least one prediction/);
  });

  it('markdown defines and uses nothing', () => {
    expect(cell({ id: 'x', kind: 'markdown', source: '# ${a}' })).toEqual({ defines: [], uses: [] });
  });
});
