import { isBuiltinKind, kindModule } from './kinds/registry';
import type { BuiltinCell, CellDeps } from './types';

const identifier = /^[A-Za-z_$][\w$]*$/;

/**
 * Defines and uses of a built-in cell, read from its settings by its kind's module (`deps`). Names must be
 * identifiers; a kind's own error (nothing picked, say) comes after. Settings that do not fit (a notebook saved
 * by an older version, say) give an error on the cell instead of an exception.
 */
export function builtinDeps(cell: BuiltinCell): CellDeps {
  if (!isBuiltinKind(cell.kind)) return { defines: [], uses: [], error: { message: `Unknown cell kind "${String(cell.kind)}".` } };
  let deps;
  try {
    deps = kindModule(cell.kind).deps(cell.config);
  } catch {
    return { defines: [], uses: [], error: { message: `This ${cell.kind} cell's settings are damaged: reset or delete the cell.` } };
  }
  const defines = deps.defines;
  const uses = [...new Set(deps.uses)];
  const bad = [...defines, ...uses].find((n) => typeof n !== 'string' || !identifier.test(n));
  if (bad !== undefined) {
    const message = bad ? `"${String(bad)}" is not a valid name: use letters, digits, _ or $, not starting with a digit.` : 'A name is missing: fill in every name field.';
    return { defines, uses: uses.filter((n) => typeof n === 'string' && identifier.test(n)), error: { message } };
  }
  return deps.error ? { defines, uses, error: { message: deps.error } } : { defines, uses };
}
