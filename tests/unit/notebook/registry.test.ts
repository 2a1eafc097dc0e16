import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { builtinKinds, builtinRegistry, isBuiltinKind, kindLabel, menuEntries } from '../../../src/lib/notebook/kinds/registry';
import { newCell, newCellContext } from '../../../src/lib/notebook/newCell';
import { tutorialNotebook } from '../../../src/lib/notebook/tutorialNotebook';

describe('the cell kind registry', () => {
  it('every kind has a menu entry, a label, a form and a runner; defaults satisfy its own schema', () => {
    expect(menuEntries.map((e) => e.kind)).toEqual(['code', 'markdown', ...builtinKinds]);
    for (const k of builtinKinds) {
      const m = builtinRegistry[k];
      expect(m.kind).toBe(k);
      expect(kindLabel(k)).toBe(m.label);
      expect(m.description.length).toBeGreaterThan(10);
      expect(typeof m.form).toBe('function');
      expect(typeof m.run).toBe('function');
      const config = m.defaults(newCellContext({ names: [] }));
      expect(v.safeParse(m.schema as v.GenericSchema, config).success).toBe(true);
    }
  });

  it("the tutorial's built-in cells satisfy their kinds' schemas unchanged", () => {
    for (const cell of tutorialNotebook('x', 0).cells) {
      if (!isBuiltinKind(cell.kind) || !('config' in cell)) continue;
      const r = v.safeParse(builtinRegistry[cell.kind].schema as v.GenericSchema, cell.config);
      expect(r.success, `${cell.id}: ${r.issues?.map((i) => i.message).join('; ')}`).toBe(true);
      expect(r.output).toEqual(cell.config);
    }
  });

  it('new cells get free names and the newest dataset as their data', () => {
    const d2 = newCell('data', [], { names: ['data'], provided: [{ name: 'data', tags: ['dataset'] }] });
    expect(d2).toMatchObject({ kind: 'data', config: { name: 'data2' } });
    const m = newCell('model', [], { names: ['data', 'data2', 'model'], provided: [{ name: 'data', tags: ['dataset'] }, { name: 'data2', tags: ['dataset'] }] });
    expect(m).toMatchObject({ kind: 'model', config: { name: 'model2', data: 'data2' } });
    expect(() => newCell('nope' as never)).toThrow(/Unknown cell kind/);
    expect(isBuiltinKind('__proto__')).toBe(false);
    expect(isBuiltinKind('toString')).toBe(false);
  });
});
