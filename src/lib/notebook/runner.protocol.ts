import type { SignalsPrices } from '../data/generateSignalsDataset';
import type { SignalsTablePayload } from '../workers/SignalsWorkspace';
import type { TablePayload } from '../workers/Workspace';
import type { DisplayItem } from './types';

/** The loaded dataset as code cells see it (`data`): the scoring worker's `getTable` shape, plus feature sets. */
export type DataTable = TablePayload & { featureSets?: Record<string, string[]> };

/**
 * Signals data as code cells see it (`signals`): the rows' arrays (universe per date, sample weights, targets, outside
 * data, cleaned signals, raw exposures, neutralizers) plus the daily prices of the built-in data (null for a file).
 */
export type SignalsTable = SignalsTablePayload & { prices: SignalsPrices | null };

/** What the runner holds as a cell input's data: a Tournament dataset or Signals data. */
export type RunnerTable = DataTable | SignalsTable;

/** One code cell to run: JavaScript (types already stripped), the names to return, its inputs by value. */
export interface RunRequest {
  cellId: string;
  js: string;
  defines: string[];
  lastExpression?: [number, number];
  inputs: Record<string, unknown>;
}

/** Page → runner worker, over a private MessagePort handed over at start. */
export type ToRunner =
  | { type: 'data'; version: string; table: RunnerTable }
  /** Arquero's bundled source, sent before the first run of a cell that uses `aq`. */
  | { type: 'arquero'; source: string }
  | ({ type: 'run'; runId: number } & RunRequest);

/** Runner worker → page. The page checks each one (runnerMessages.ts) and drops what it did not ask for. */
export type FromRunner =
  | { type: 'ready' }
  | { type: 'display'; runId: number; item: DisplayItem }
  | { type: 'progress'; runId: number; fraction: number; label?: string }
  | { type: 'done'; runId: number; values: Record<string, unknown> }
  | { type: 'error'; runId: number; message: string; line?: number };

/** Sandbox frame (static/notebook-runner.html) → page, on its control port. */
export type FromFrame = { type: 'started' } | { type: 'failed'; message: string };

/** Whether a cell's code refers to `aq` (Arquero), which the runner then needs. */
export const usesArquero = (js: string): boolean => /\baq\b/.test(js);
