/**
 * The column a prediction file's values are stored and reported under: its file name without folders and extension
 * ("models/my_model.csv" → "my_model"). The one rule for the CLI and the app.
 */
export function columnNameOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
