import type { Component } from 'svelte';
import type * as v from 'valibot';
import type { BuiltinRunContext } from '../builtinRun';
import type { Notebook } from '../Notebook.svelte';
import type { NotebookEnv } from '../NotebookEnv';

/**
 * What a cell's value is, so that forms can offer the right names (a chart's sources are the names providing
 * "scores", a score cell's predictions the names providing "predictions"). Kinds may add their own tags.
 */
export type OutputTag = 'dataset' | 'predictions' | 'scores' | 'tradeoff' | 'payouts' | (string & {});

/** A built-in cell of one kind, as its module sees it. */
export interface KindCell<K extends string, C> {
  id: string;
  kind: K;
  config: C;
  lazy?: boolean;
}

/** What a new cell's defaults may look at: the names taken, and the names providing each output tag. */
export interface NewCellContext {
  /** `base`, or `base2`, `base3`… : a name no cell defines yet. */
  free(base: string): string;
  /** Names whose cells provide `tag` (or any of the tags), in notebook order (the newest, lowest in the notebook, last). */
  provided(tag: OutputTag | readonly OutputTag[]): string[];
}

/** The props every settings form gets. */
export interface FormProps<K extends string, C> {
  notebook: Notebook;
  cell: KindCell<K, C>;
  env: NotebookEnv;
}

/** The names a built-in cell defines and uses, read from its settings, and why it cannot run (if it cannot). */
export interface KindDeps {
  defines: string[];
  uses: string[];
  error?: string;
}

/**
 * Everything about one built-in cell kind, in one module: the + menu entry, the settings (schema, defaults,
 * form), the dependency graph's view of it, and what running it does. The registry (`registry.ts`) lists the
 * modules; the menu, the cell view, the graph, the executor, `newCell` and import validation all read it.
 */
export interface CellKindModule<K extends string = string, C extends object = object> {
  kind: K;
  /** The cell header and the + menu. */
  label: string;
  /** A short glyph shown in the + menu. */
  icon: string;
  /** One line for the + menu (its tooltip and accessible description). */
  description: string;
  /** The settings as data: every imported or shared cell is checked against it (unknown keys are dropped). */
  schema: v.GenericSchema<unknown, C>;
  /** Settings of a new cell (free names; the newest dataset, model or scores as its inputs). */
  defaults(ctx: NewCellContext): C;
  /** Names it defines and uses; names are checked to be identifiers by the caller. */
  deps(config: C): KindDeps;
  /** What its defined value is (see OutputTag). */
  provides: readonly OutputTag[];
  /** The settings form shown in the cell. */
  form: Component<FormProps<K, C>>;
  /** Runs the cell: resolves to the values of the names it defines, displays through `ctx.display`. */
  run(cell: KindCell<K, C>, inputs: Record<string, unknown>, ctx: BuiltinRunContext): Promise<Record<string, unknown>>;
}

/** The + menu entry of a cell kind that has no settings (markdown, code). */
export interface SourceKindEntry {
  kind: 'markdown' | 'code';
  label: string;
  icon: string;
  description: string;
}
