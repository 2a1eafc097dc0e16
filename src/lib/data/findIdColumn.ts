/**
 * The column holding row ids: "id"; else a pandas index stored as a column (named in the file's pandas metadata, or
 * `__index_level_0__`); else the unnamed first column that `df.to_csv()` writes for an index. null if none.
 */
export function findIdColumn(header: readonly string[], indexColumns: readonly string[] = []): string | null {
  const has = new Set(header);
  if (has.has('id')) return 'id';
  const index = indexColumns.find((c) => has.has(c)) ?? (has.has('__index_level_0__') ? '__index_level_0__' : undefined);
  if (index) return index;
  if (header[0] === '' || header[0] === 'Unnamed: 0') return header[0];
  return null;
}
