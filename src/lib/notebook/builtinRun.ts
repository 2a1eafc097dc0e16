import { PlaygroundError } from '../errors';
import type { DatasetSummary } from '../workers/Workspace';
import { progress, type ScoringClient } from '../workers/ScoringClient';
import type { DataWorkers } from './DataWorkers';
import type { RunContext } from './Notebook.svelte';
import { isColumnRef, isDatasetRef, type DatasetRef } from './types';
import type { NeutralizationSweep } from '../workers/Workspace';

/** A neutralize cell's least-squares fit in the scoring worker, what it was prepared for, and its trade-off sweep. */
export interface PreparedNeutralizer {
  /** The worker's id of the fit. */
  id: string;
  /** What the fit depends on (predictions, features, data): a new key needs a new fit; a new proportion does not. */
  key: string;
  options: { model: string; featureSet?: string; features?: string[] };
  /** The trade-off over `sweepGrid`, computed once per fit (by the live view or a trade-off chart cell). */
  sweep?: Promise<NeutralizationSweep>;
}

/** Session state of built-in cells that is not saved with the notebook: picked files, loaded data, prepared neutralizations. */
export interface BuiltinSession {
  files: Map<string, File>;
  /** Data cell id → the data file its worker holds: what was read, with which options, so an unchanged file is not re-read. */
  dataFiles: Map<string, { key: string; summary: DatasetSummary; generation: number }>;
  /** Neutralize cell id → the scoring worker's prepared neutralization and what it was prepared for. */
  neutralizers: Map<string, PreparedNeutralizer>;
}

export const createSession = (): BuiltinSession => ({ files: new Map(), dataFiles: new Map(), neutralizers: new Map() });

/** What a built-in cell's runner gets besides its cell and inputs. */
export interface BuiltinRunContext extends RunContext {
  session: BuiltinSession;
  /** One scoring worker per data cell. */
  workers: DataWorkers;
}

let versions = 0;
/** A fresh version number for a value the scoring worker rewrote (a dataset, a column). */
export const nextVersion = () => ++versions;

const tokens = new WeakMap<object, number>();

/** Identifies a notebook value cheaply: a column's name and version, an array's identity, a name. */
export function valueToken(name: string, v: unknown): string {
  if (isColumnRef(v)) return `${v.$column}@${v.version ?? ''}`;
  if (typeof v === 'object' && v !== null) {
    if (!tokens.has(v)) tokens.set(v, nextVersion());
    return `${name}#${tokens.get(v)}`;
  }
  return name;
}

export const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Rejects when the cell is stopped, after telling the scoring worker to cancel (terminate, respawn, replay). The
 * new worker has none of the prepared neutralizations (their ids were the old worker's): forget them.
 */
export async function cancellable<T>(client: ScoringClient, ctx: RunContext, work: () => Promise<T>, session?: BuiltinSession): Promise<T> {
  const onAbort = () => {
    session?.neutralizers.clear();
    void client.cancel();
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await work();
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** A progress callback for the worker that reports to the cell. */
export const report = (ctx: RunContext, label: string) => progress((done: number, total: number, l?: string) => ctx.progress(total ? done / total : 0, l ?? label));

/** The scoring-worker column for a notebook value: a model's column, a code cell's array (stored first) or a dataset column. */
export async function columnFor(client: ScoringClient, name: string, value: unknown, data?: DatasetRef): Promise<string> {
  if (isColumnRef(value)) {
    if (data && value.owner && value.owner !== data.owner) {
      throw new PlaygroundError(`"${name}" was made from another dataset than this cell's.`, { hints: ['Pick predictions made from the same dataset, or pick that dataset in this cell.'] });
    }
    return value.$column;
  }
  if (value instanceof Float64Array || value instanceof Float32Array || Array.isArray(value)) {
    const values = Float64Array.from(value as ArrayLike<number>);
    await client.remember((w) => w.setColumn(name, values));
    return name;
  }
  if (value === undefined) return name;
  throw new PlaygroundError(`"${name}" is not a column of predictions.`, { hints: ['Define it as a Float64Array with one value per row of the data, or pick a model cell.'] });
}

/** The dataset a cell uses (input `name`) and the worker holding it. */
export function needData(ctx: BuiltinRunContext, name: string, inputs: Record<string, unknown>): { data: DatasetRef; client: ScoringClient } {
  const data = inputs[name];
  if (!isDatasetRef(data)) throw new PlaygroundError(`There is no dataset "${name}".`, { hints: ['Add a data cell, or pick the name its dataset has.'] });
  return { data, client: ctx.workers.for(data.owner) };
}
