import type { NewCellContext, OutputTag } from './kinds/kind';
import { isBuiltinKind, kindModule } from './kinds/registry';
import type { Cell, CellKind } from './types';

/** A short random cell id, unique among `taken`. */
export function newId(taken: Iterable<string> = [], prefix = 'c'): string {
  const used = new Set(taken);
  for (;;) {
    const id = prefix + Math.random().toString(36).slice(2, 8);
    if (!used.has(id)) return id;
  }
}

/** A free name `base`, `base2`, `base3`… not defined in `names`. */
export function freeName(base: string, names: Iterable<string>): string {
  const used = new Set(names);
  if (!used.has(base)) return base;
  for (let i = 2; ; ++i) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/** What a notebook tells a new cell: the names its cells define, and which output tags each provides. */
export interface NotebookNames {
  /** Every defined name. */
  names: Iterable<string>;
  /** Defined names with the tags of their cell's kind, in notebook order. */
  provided?: readonly { name: string; tags: readonly OutputTag[] }[];
}

/** The defaults' view of a notebook. */
export function newCellContext({ names, provided = [] }: NotebookNames): NewCellContext {
  const used = new Set(names);
  return {
    free: (base) => freeName(base, used),
    provided: (tag) => provided.filter((p) => (typeof tag === 'string' ? [tag] : tag).some((t) => p.tags.includes(t))).map((p) => p.name)
  };
}

/** A new cell of `kind` with an id not in `taken`; built-in cells get their kind's defaults (free names, newest inputs). */
export function newCell(kind: CellKind, taken: Iterable<string> = [], names: NotebookNames = { names: [] }): Cell {
  const id = newId(taken);
  if (kind === 'markdown') return { id, kind, source: '' };
  if (kind === 'code') return { id, kind, source: '', lang: 'js' };
  if (!isBuiltinKind(kind)) throw new Error(`Unknown cell kind "${String(kind)}".`);
  return { id, kind, config: kindModule(kind).defaults(newCellContext(names)) } as Cell;
}
