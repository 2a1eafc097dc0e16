import { describe, expect, it } from 'vitest';
import { exportNotebook, importNotebook } from '../../../src/lib/notebook/format';
import { tutorialNotebook } from '../../../src/lib/notebook/tutorialNotebook';
import type { Cell } from '../../../src/lib/notebook/types';

const tricky: Cell[] = [
  { id: 'm1', kind: 'markdown', source: '# Title\n\nSome `code` and a fence:\n\n```js\nconst x = 1;\n```\n\n````\nfour\n````' },
  { id: 'c1', kind: 'code', lang: 'js', source: "const s = `template ${'`'}` + '```';\n// ```js cell id=fake\n````````" },
  { id: 'c2', kind: 'code', lang: 'ts', source: 'const n: number = 1;', lazy: true },
  { id: 'c3', kind: 'code', lang: 'js', source: '' },
  { id: 'c4', kind: 'code', lang: 'js', source: '\n\nleading and trailing blank lines\n\n' },
  { id: 'c5', kind: 'code', lang: 'js', source: '---\ntitle: not front matter\n---' },
  { id: 'm2', kind: 'markdown', source: '' },
  { id: 's1', kind: 'score', config: { name: 'scores', data: 'data', predictions: ['a`b', 'c'], target: 'target', metrics: ['corr'], featureSet: '' } },
  { id: 'n1', kind: 'neutralize', config: { name: 'n', data: 'data', model: 'm', proportion: 0.35, featureSet: 'small', featureGroup: 'wisdom' }, lazy: true }
];

describe('exportNotebook / importNotebook', () => {
  it('export → import gives identical cells and title, including backticks, fences and blank lines', () => {
    const text = exportNotebook({ title: 'Tricky "title" `with` ticks\nand a newline', cells: tricky });
    const back = importNotebook(text);
    expect(back.title).toBe('Tricky "title" `with` ticks\nand a newline');
    expect(back.cells).toEqual(tricky);
    // and again: the text is a fixed point
    expect(exportNotebook(back)).toBe(text);
  });

  it('the tutorial round-trips', () => {
    const nb = tutorialNotebook('x', 0);
    expect(importNotebook(exportNotebook(nb)).cells).toEqual(nb.cells);
  });

  it('writes readable fences: ```js cell id=…, ```numerai-score cell id=… with JSON, a longer fence around backticks', () => {
    const text = exportNotebook({ title: 't', cells: tricky });
    expect(text.startsWith('---\nformat: numerai-notebook 1\ntitle: "t"\n---\n')).toBe(true);
    expect(text).toContain('```ts cell id=c2 lazy\nconst n: number = 1;\n```');
    expect(text).toContain('```numerai-score cell id=s1\n{\n  "name": "scores",');
    expect(text).toContain('`````````js cell id=c1\n'); // 9 backticks: longer than the run of 8 inside
  });

  it('reads hand-written files: prose becomes markdown cells, plain ```js fences become code, other fences stay prose', () => {
    const text = 'Intro paragraph.\n\n```python\nprint(1)\n```\n\n```js\nconst a = 1;\n```\n\nOutro.\n';
    const { title, cells } = importNotebook(text);
    expect(title).toBe('Imported notebook');
    expect(cells.map((c) => c.kind)).toEqual(['markdown', 'code', 'markdown']);
    expect((cells[0] as { source: string }).source).toBe('Intro paragraph.\n\n```python\nprint(1)\n```');
    expect((cells[1] as { source: string }).source).toBe('const a = 1;');
  });

  it('reads CRLF files', () => {
    const text = exportNotebook({ title: 't', cells: [{ id: 'a', kind: 'code', lang: 'js', source: 'x\ny' }] }).replace(/\n/g, '\r\n');
    expect(importNotebook(text).cells).toEqual([{ id: 'a', kind: 'code', lang: 'js', source: 'x\ny' }]);
  });

  it('duplicate or missing ids get fresh ones', () => {
    const text = '```js cell id=a\n1\n```\n\n```js cell id=a\n2\n```\n\n```js cell\n3\n```';
    const ids = importNotebook(text).cells.map((c) => c.id);
    expect(ids[0]).toBe('a');
    expect(new Set(ids).size).toBe(3);
  });

  it('errors name the line: unclosed fence, bad JSON, unknown cell type', () => {
    expect(() => importNotebook('x\n```js cell id=a\nconst a = 1;')).toThrow(/Line 2: a fenced block is not closed/);
    expect(() => importNotebook('```numerai-score cell id=s\n{ nope\n```')).toThrow(/Line 1: the score cell's settings are not valid JSON/);
    expect(() => importNotebook('```numerai-bogus cell id=s\n{}\n```')).toThrow(/unknown cell type "numerai-bogus"/);
    expect(() => importNotebook('---\nformat: other 2\n---\n')).toThrow(/unsupported format/);
  });

  it('text that is not a notebook (no format header, no cells) is refused instead of becoming one markdown cell', () => {
    expect(() => importNotebook('Hello,\n\nthis is a letter.\n')).toThrow(/This file is not a notebook/);
    expect(() => importNotebook('---\ntitle: a blog post\n---\n\nText.\n')).toThrow(/This file is not a notebook/);
    expect(importNotebook('---\nformat: numerai-notebook 1\ntitle: "t"\n---\n\nJust prose.\n').cells).toHaveLength(1);
  });
});
