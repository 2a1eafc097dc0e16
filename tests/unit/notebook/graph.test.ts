import { describe, expect, it } from 'vitest';
import { ancestors, buildGraph, descendants } from '../../../src/lib/notebook/graph';

const node = (id: string, defines: string[], uses: string[] = []) => ({ id, defines, uses });

describe('buildGraph', () => {
  it('buildGraph(cells) orders parents before children, stable in notebook order', () => {
    // c uses b, b uses a, d independent; cells listed out of order
    const g = buildGraph([node('c', ['z'], ['y']), node('d', ['w']), node('b', ['y'], ['x']), node('a', ['x'])]);
    expect(g.order).toEqual(['d', 'a', 'b', 'c']);
    expect(g.errors.size).toBe(0);
    expect([...g.parents.get('c')!]).toEqual(['b']);
  });

  it('buildGraph ignores uses nobody defines (globals, dataset columns)', () => {
    const g = buildGraph([node('a', ['x'], ['Math', 'example_prediction'])]);
    expect(g.parents.get('a')!.size).toBe(0);
    expect(g.order).toEqual(['a']);
  });

  it('a cycle is an error on every cell in it, naming the cells; cells after it come last', () => {
    const g = buildGraph([node('a', ['x'], ['z']), node('b', ['y'], ['x']), node('c', ['z'], ['y']), node('d', ['w'], ['z']), node('e', ['v'])]);
    expect(g.errors.get('a')).toMatch(/Circular definition: cells 1, 2 and 3 depend on each other \(this cell uses "z"\)/);
    expect(g.errors.has('b') && g.errors.has('c')).toBe(true);
    expect(g.errors.has('d')).toBe(false); // downstream of the cycle, not in it
    expect(g.errors.has('e')).toBe(false);
    expect(g.order).toEqual(['e', 'a', 'b', 'c', 'd']);
  });

  it('a cell using its own name is a circular definition', () => {
    const g = buildGraph([node('s', ['scores'], ['scores'])]);
    expect(g.errors.get('s')).toMatch(/uses "scores", which it defines itself/);
  });

  it('a name defined by two cells is an error on both; users depend on both', () => {
    const g = buildGraph([node('a', ['x']), node('b', ['x', 'y']), node('c', ['z'], ['x'])]);
    expect(g.errors.get('a')).toMatch(/"x" is also defined by cell 2/);
    expect(g.errors.get('b')).toMatch(/"x" is also defined by cell 1/);
    expect(g.definers.get('x')).toEqual(['a', 'b']);
    expect([...g.parents.get('c')!].sort()).toEqual(['a', 'b']);
  });
});

describe('descendants / ancestors', () => {
  const g = buildGraph([node('a', ['x']), node('b', ['y'], ['x']), node('c', ['z'], ['y']), node('d', ['w'], ['x']), node('e', ['v'])]);
  it('descendants(graph, ids) is every cell downstream, transitively, without the ids', () => {
    expect([...descendants(g, ['a'])].sort()).toEqual(['b', 'c', 'd']);
    expect([...descendants(g, ['b'])]).toEqual(['c']);
    expect(descendants(g, ['e']).size).toBe(0);
  });
  it('ancestors(graph, ids) is every cell upstream', () => {
    expect([...ancestors(g, ['c'])].sort()).toEqual(['a', 'b']);
  });
});
