import { newId } from './newCell';
import * as v from 'valibot';
import { builtinKinds, isBuiltinKind, kindModule } from './kinds/registry';
import type { Cell, NotebookDoc } from './types';

/** The first line of the front matter's `format:` field. */
export const FORMAT = 'numerai-notebook 1';

/** A notebook file that cannot be read, with the line where reading stopped. */
export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
  constructor(message: string, readonly line?: number) {
    super(line ? `Line ${line}: ${message}` : message);
  }
}

const fenceLang = (cell: Cell): string =>
  cell.kind === 'markdown' ? 'md' : cell.kind === 'code' ? (cell.lang ?? 'js') : `numerai-${cell.kind}`;

/** A backtick fence longer than any run of backticks in `body`, so no line of it can close the fence. */
function fenceFor(body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

const cellBody = (cell: Cell): string => (cell.kind === 'markdown' || cell.kind === 'code' ? cell.source : JSON.stringify(cell.config, null, 2));

/**
 * A notebook as a readable markdown file: a front matter (format, title) then one fenced block per cell,
 * ```` ```js cell id=… ```` for code, ```` ```md cell id=… ```` for markdown and ```` ```numerai-score cell id=… ````
 * with the config as JSON for built-in cells. Each fence is longer than any backtick run inside, so any source
 * survives the round trip exactly.
 */
export function exportNotebook(doc: Pick<NotebookDoc, 'title' | 'cells'>): string {
  const out = ['---', `format: ${FORMAT}`, `title: ${JSON.stringify(doc.title)}`, '---', ''];
  for (const cell of doc.cells) {
    const body = cellBody(cell);
    const fence = fenceFor(body);
    out.push(`${fence}${fenceLang(cell)} cell id=${cell.id}${cell.lazy ? ' lazy' : ''}`, body, fence, '');
  }
  return out.join('\n');
}

/** The largest notebook text read (a share link's inflated text, an imported file). */
export const MAX_NOTEBOOK_CHARS = 2 * 1024 * 1024;
/** The most cells a notebook may hold. */
export const MAX_CELLS = 2000;

/** What importing a file that is not a notebook says. */
export const NOT_A_NOTEBOOK =
  'This file is not a notebook: it has no "format: numerai-notebook" header and no cells. Import a file made with Export (a .notebook.md file), or a markdown file with ```js code blocks.';

const opening = /^(`{3,}|~{3,})\s*([\w-]*)(.*)$/;

function cellFromFence(lang: string, attrs: string, body: string, line: number, taken: Set<string>): Cell | null {
  const marked = /(^|\s)cell(\s|$)/.test(attrs);
  const idMatch = /(?:^|\s)id=([\w-]+)/.exec(attrs);
  let id = idMatch?.[1] ?? '';
  if (!id || taken.has(id)) id = newId(taken);
  taken.add(id);
  const lazy = /(^|\s)lazy(\s|$)/.test(attrs) ? { lazy: true as const } : {};
  const l = lang.toLowerCase();
  if (l === 'js' || l === 'javascript' || l === 'ts' || l === 'typescript') return { id, kind: 'code', source: body, lang: l.startsWith('t') ? 'ts' : 'js', ...lazy };
  if (!marked) {
    taken.delete(id);
    return null;
  }
  if (l === 'md' || l === 'markdown') return { id, kind: 'markdown', source: body, ...lazy };
  // fence languages are matched without case: numerai-signalsData is the kind signalsData
  const kind = builtinKinds.find((k) => k.toLowerCase() === l.replace(/^numerai-/, ''));
  if (!l.startsWith('numerai-') || kind === undefined || !isBuiltinKind(kind)) throw new NotebookFormatError(`unknown cell type "${lang}".`, line);
  let config: unknown;
  try {
    config = JSON.parse(body);
  } catch (e) {
    throw new NotebookFormatError(`the ${kind} cell's settings are not valid JSON (${(e as Error).message}).`, line);
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new NotebookFormatError(`the ${kind} cell's settings must be a JSON object.`, line);
  // the kind's schema: right types and ranges, unknown keys (__proto__, constructor…) dropped
  const checked = v.safeParse(kindModule(kind).schema, config);
  if (!checked.success) throw new NotebookFormatError(`the ${kind} cell's settings are not valid: ${describeIssues(checked.issues)}.`, line);
  return { id, kind, config: checked.output, ...lazy } as Cell;
}

/** Valibot issues as a short sentence: "predictions: Invalid type: Expected Array but received "x"; …". */
function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = (i.path ?? []).map((p) => String(p.key)).join('.');
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join('; ');
}

/**
 * Reads a file written by `exportNotebook`. Hand-written files work too: fences without `cell` (other than js/ts,
 * which become code cells) and text between cells become markdown cells; a missing title becomes "Imported notebook".
 */
export function importNotebook(text: string): { title: string; cells: Cell[] } {
  if (text.length > MAX_NOTEBOOK_CHARS) throw new NotebookFormatError(`the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a notebook file holds at most ${MAX_NOTEBOOK_CHARS / 1024 / 1024} MB.`);
  if (/^[^\n]*\r\n/.test(text)) text = text.replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  let i = 0;
  let title = 'Imported notebook';
  let headed = false;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end < 0) throw new NotebookFormatError('the front matter (---) is not closed.', 1);
    for (const l of lines.slice(1, end)) {
      const m = /^(\w+):\s*(.*)$/.exec(l);
      if (!m) continue;
      if (m[1] === 'title') {
        try {
          title = m[2].startsWith('"') ? String(JSON.parse(m[2])) : m[2];
        } catch {
          title = m[2];
        }
      }
      if (m[1] === 'format' && !m[2].startsWith('numerai-notebook')) throw new NotebookFormatError(`unsupported format "${m[2]}".`, 2);
      if (m[1] === 'format') headed = true;
    }
    i = end + 1;
  }
  let fenced = false;
  const cells: Cell[] = [];
  const taken = new Set<string>();
  let prose: string[] = [];
  const flushProse = () => {
    const t = prose.join('\n').replace(/^\s*\n/, '').trimEnd();
    if (t.trim()) {
      const id = newId(taken);
      taken.add(id);
      cells.push({ id, kind: 'markdown', source: t });
    }
    prose = [];
  };
  while (i < lines.length) {
    const m = opening.exec(lines[i]);
    if (!m) {
      prose.push(lines[i++]);
      continue;
    }
    const [, fence, lang, attrs] = m;
    const closing = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !closing.test(lines[j])) j++;
    if (j >= lines.length) throw new NotebookFormatError('a fenced block is not closed.', i + 1);
    const body = lines.slice(i + 1, j).join('\n');
    const cell = cellFromFence(lang, attrs, body, i + 1, taken);
    if (cell) {
      fenced = true;
      flushProse();
      cells.push(cell);
    } else prose.push(...lines.slice(i, j + 1));
    i = j + 1;
  }
  flushProse();
  if (cells.length > MAX_CELLS) throw new NotebookFormatError(`the notebook has ${cells.length} cells; at most ${MAX_CELLS} are read.`);
  if (title.length > 500) title = title.slice(0, 500);
  // plain text or a README: it would become one markdown cell, which is surely not what the user meant
  if (!headed && !fenced) throw new NotebookFormatError(NOT_A_NOTEBOOK);
  return { title, cells };
}
