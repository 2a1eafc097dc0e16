import { parse, type Node, type Pattern, type Program } from 'acorn';
import { ancestor } from 'acorn-walk';
import { builtinDeps } from './builtinDeps';
import type { Cell, CellDeps } from './types';

/** Names every code cell gets from the runner; a cell may not define them. */
export const apiNames = ['display', 'progress', 'md', 'numerai', 'aq', 'signal'] as const;

/** Globals of a worker that free references may name without a cell defining them (not listed as uses). */
const knownGlobals = new Set([
  'undefined', 'NaN', 'Infinity', 'globalThis', 'self', 'console', 'Math', 'JSON', 'Date', 'Object', 'Array', 'Number', 'String',
  'Boolean', 'Symbol', 'BigInt', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError',
  'URIError', 'AggregateError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise', 'Proxy',
  'Reflect', 'Intl', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
  'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI',
  'structuredClone', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'performance',
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'Blob', 'crypto', 'atob', 'btoa', 'Iterator', 'AbortController',
  'AbortSignal', 'Event', 'EventTarget', 'Intl', 'navigator', 'Function', 'eval', 'arguments', 'require', 'module', 'exports',
  ...apiNames
]);

/** A JavaScript identifier (what a built-in cell may be named). */
export const isIdentifier = (name: string) => /^[A-Za-z_$][\w$]*$/.test(name);

/** A cell-local name (marimo's rule): not shared with other cells. */
export const isLocalName = (name: string) => name.startsWith('_');

type Scoped = Node & { locals?: Set<string> };

const isFunctionScope = (n: Node) => n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'Program';
const isBlockScope = (n: Node) =>
  isFunctionScope(n) || n.type === 'BlockStatement' || n.type === 'SwitchStatement' || n.type === 'ForStatement' || n.type === 'ForInStatement' ||
  n.type === 'ForOfStatement' || n.type === 'StaticBlock' || n.type === 'CatchClause';

function declare(pattern: Pattern, scope: Scoped): void {
  scope.locals ??= new Set();
  switch (pattern.type) {
    case 'Identifier':
      scope.locals.add(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) declare(p.type === 'RestElement' ? p.argument : p.value, scope);
      break;
    case 'ArrayPattern':
      for (const p of pattern.elements) if (p) declare(p, scope);
      break;
    case 'RestElement':
      declare(pattern.argument, scope);
      break;
    case 'AssignmentPattern':
      declare(pattern.left, scope);
      break;
    default:
      break; // MemberExpression targets declare nothing
  }
}

function nearest(ancestors: Node[], test: (n: Node) => boolean, skipSelf: boolean): Scoped {
  for (let i = ancestors.length - (skipSelf ? 2 : 1); i >= 0; --i) if (test(ancestors[i])) return ancestors[i];
  return ancestors[0];
}

class CellSyntaxError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

/**
 * Defines and uses of a JavaScript cell, as Observable and marimo find them: top-level declarations (var/let/const,
 * with destructuring; functions; classes) are what the cell defines, except `_`-prefixed names, which stay local;
 * free references that are not globals are what it uses. `import`/`export` are rejected with a clear message.
 */
export function analyzeJs(js: string): CellDeps {
  let ast: Program;
  try {
    ast = parse(js, { ecmaVersion: 'latest', sourceType: 'module', locations: true, allowAwaitOutsideFunction: true });
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number } };
    return { defines: [], uses: [], error: { message: `Syntax error: ${err.message.replace(/ \(\d+:\d+\)$/, '')}`, line: err.loc?.line } };
  }
  try {
    const program = ast as Scoped;
    program.locals = new Set();
    ancestor(ast, {
      ImportDeclaration(node) {
        throw new CellSyntaxError('Cells cannot import modules. Use what the notebook provides: numerai (the scoring engine), aq (Arquero), display, progress, md.', node.loc?.start.line);
      },
      ImportExpression(node) {
        throw new CellSyntaxError('Cells cannot load modules with import(). Use what the notebook provides: numerai, aq, display, progress, md.', node.loc?.start.line);
      },
      ExportNamedDeclaration(node) {
        throw new CellSyntaxError('Cells do not export: their top-level declarations are shared with the other cells automatically.', node.loc?.start.line);
      },
      ExportDefaultDeclaration(node) {
        throw new CellSyntaxError('Cells do not export: their top-level declarations are shared with the other cells automatically.', node.loc?.start.line);
      },
      ExportAllDeclaration(node) {
        throw new CellSyntaxError('Cells cannot re-export modules.', node.loc?.start.line);
      },
      VariableDeclaration(node, _state, ancestors) {
        const scope = nearest(ancestors, node.kind === 'var' ? isFunctionScope : isBlockScope, true);
        for (const d of node.declarations) declare(d.id, scope);
      },
      FunctionDeclaration(node, _state, ancestors) {
        if (node.id) declare(node.id, nearest(ancestors, isBlockScope, true));
      },
      Function(node) {
        const fn = node as Scoped & { params: Pattern[]; id?: { name: string } | null; type: string };
        fn.locals ??= new Set();
        for (const p of fn.params) declare(p, fn);
        if (fn.type === 'FunctionExpression' && fn.id) fn.locals.add(fn.id.name);
      },
      ClassDeclaration(node, _state, ancestors) {
        if (node.id) declare(node.id, nearest(ancestors, isBlockScope, true));
      },
      Class(node) {
        const cls = node as Scoped & { id?: { name: string } | null; type: string };
        if (cls.type === 'ClassExpression' && cls.id) (cls.locals ??= new Set()).add(cls.id.name);
      },
      CatchClause(node) {
        if (node.param) declare(node.param, node);
      }
    });
    const free = new Set<string>();
    const reference = (node: Node & { name?: string }, _state: unknown, ancestors: Node[]) => {
      const name = node.name!;
      for (const a of ancestors) {
        if ((a as Scoped).locals?.has(name)) return;
        if (name === 'arguments' && (a.type === 'FunctionDeclaration' || a.type === 'FunctionExpression')) return;
      }
      free.add(name);
    };
    // VariablePattern is acorn-walk's name for an identifier in a pattern (declared or assigned)
    ancestor(ast, { Identifier: reference, VariablePattern: reference } as Parameters<typeof ancestor>[1]);

    const declared = [...program.locals];
    const reserved = declared.filter((n) => (apiNames as readonly string[]).includes(n));
    if (reserved.length) {
      return { defines: [], uses: [], error: { message: `"${reserved[0]}" is provided by the notebook; pick another name for it.` } };
    }
    const last = ast.body.at(-1);
    const lastExpression: [number, number] | undefined =
      last?.type === 'ExpressionStatement' && !isDisplayCall(last.expression) ? [last.expression.start, last.expression.end] : undefined;
    return {
      defines: declared.filter((n) => !isLocalName(n)),
      uses: [...free].filter((n) => !knownGlobals.has(n) && !isLocalName(n)),
      js,
      ...(lastExpression ? { lastExpression } : {})
    };
  } catch (e) {
    if (e instanceof CellSyntaxError) return { defines: [], uses: [], error: { message: e.message, line: e.line } };
    throw e;
  }
}

function isDisplayCall(node: Node): boolean {
  const n = node as Node & { callee?: Node & { name?: string } };
  return n.type === 'CallExpression' && n.callee?.type === 'Identifier' && (n.callee.name === 'display' || n.callee.name === 'progress');
}

/** Strips TypeScript types; set by `loadTypeScript()` (sucrase is loaded only when a TypeScript cell exists). */
let strip: ((source: string) => string) | null = null;

/** Loads the TypeScript stripper so TypeScript cells can be analysed synchronously. */
export async function loadTypeScript(): Promise<void> {
  if (!strip) strip = (await import('./stripTypes')).stripTypes;
}

/** Installs a stripper directly (tests, or a page that already loaded it). */
export function setTypeScriptStripper(fn: (source: string) => string): void {
  strip = fn;
}

/** Defines and uses of a code cell's source; TypeScript is stripped first. */
export function analyzeCode(source: string, lang: 'js' | 'ts' = 'js'): CellDeps {
  if (lang === 'ts') {
    if (!strip) return { defines: [], uses: [], error: { message: 'TypeScript support is still loading.' } };
    let js: string;
    try {
      js = strip(source);
    } catch (e) {
      const err = e as Error & { loc?: { line: number } };
      const line = /\((\d+):\d+\)/.exec(err.message)?.[1];
      return { defines: [], uses: [], error: { message: `Syntax error: ${err.message}`, line: err.loc?.line ?? (line ? +line : undefined) } };
    }
    return analyzeJs(js);
  }
  return analyzeJs(source);
}

/** Defines and uses of any cell: parsed for code, read from the config for built-in cells, none for markdown. */
export function analyzeCell(cell: Cell): CellDeps {
  if (cell.kind === 'markdown') return { defines: [], uses: [] };
  if (cell.kind === 'code') return analyzeCode(cell.source, cell.lang ?? 'js');
  return builtinDeps(cell);
}
