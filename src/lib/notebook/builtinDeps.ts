import type { BuiltinCell, CellDeps } from './types';

const identifier = /^[A-Za-z_$][\w$]*$/;

/**
 * Defines and uses of a built-in cell, read from its config: a data cell defines its dataset name; a model,
 * score or neutralize cell uses the dataset and its inputs and defines its output name; a chart uses its source;
 * a payout cell uses the scores it pays out. Names must be identifiers; a cell may not use what it defines.
 */
export function builtinDeps(cell: BuiltinCell): CellDeps {
  let defines: string[] = [];
  let uses: string[] = [];
  switch (cell.kind) {
    case 'data':
      defines = [cell.config.name];
      break;
    case 'model':
      defines = [cell.config.name];
      uses = [cell.config.data, ...(cell.config.kind === 'ensemble' ? (cell.config.members ?? []) : [])];
      break;
    case 'score':
      defines = [cell.config.name];
      uses = [cell.config.data, ...cell.config.predictions];
      break;
    case 'neutralize':
      defines = [cell.config.name];
      uses = [cell.config.data, cell.config.model];
      break;
    case 'chart':
      uses = [cell.config.source];
      break;
    case 'payout':
      defines = [cell.config.name];
      uses = [cell.config.scores];
      break;
  }
  uses = [...new Set(uses)];
  const bad = [...defines, ...uses].find((n) => !identifier.test(n ?? ''));
  if (bad !== undefined) {
    const message = bad ? `"${bad}" is not a valid name: use letters, digits, _ or $, not starting with a digit.` : 'A name is missing: fill in every name field.';
    return { defines, uses: uses.filter((n) => identifier.test(n ?? '')), error: { message } };
  }
  if (cell.kind === 'score' && cell.config.predictions.length === 0) return { defines, uses, error: { message: 'Pick at least one prediction column to score.' } };
  if (cell.kind === 'model' && cell.config.kind === 'ensemble' && (cell.config.members ?? []).length < 2)
    return { defines, uses, error: { message: 'Pick at least two prediction columns to ensemble.' } };
  return { defines, uses };
}
