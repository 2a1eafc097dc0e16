import type { BuiltinSession } from './builtinRun';
import { newId } from './newCell';

/** A file row of a data cell (a predictions file, a Signals submission); its file is kept in the session as `<cell id>:<row id>`. */
export interface FileRow {
  id: string;
  fileName?: string;
}

/**
 * The rows once `file` was picked for `row`, or for a new row made by `make(id)` when `row` is null; the file is kept in
 * the session. null when the same file was picked again for a row: the rows are unchanged, the cell only has to re-run.
 */
export function pickRowFile<R extends FileRow>(session: BuiltinSession, cellId: string, rows: readonly R[], row: R | null, file: File, make: (id: string) => R): R[] | null {
  const id = row?.id ?? newId(rows.map((f) => f.id), 'f');
  session.files.set(`${cellId}:${id}`, file);
  if (row?.fileName === file.name) return null;
  if (row) return rows.map((f) => (f.id === row.id ? { ...f, fileName: file.name } : f));
  return [...rows, { ...make(id), fileName: file.name }];
}

/** The rows without `row`, whose file leaves the session. */
export function removeRowFile<R extends FileRow>(session: BuiltinSession, cellId: string, rows: readonly R[], row: R): R[] {
  session.files.delete(`${cellId}:${row.id}`);
  return rows.filter((f) => f.id !== row.id);
}
