import * as Comlink from 'comlink';
import type { GenerateDatasetOptions } from '../data/generateDataset';
import type { EraScores } from '../scoring/scoreEras';
import { Workspace, type DatasetSummary, type ScoreRequest } from './Workspace';

/** Progress reports cross the worker boundary as a proxied callback. */
export type ProgressCallback = (done: number, total: number, label?: string) => void;

/** Every typed-array buffer inside a score result, so the result moves instead of being copied. */
export function scoreBuffers(result: EraScores): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const m of Object.values(result.models)) {
    buffers.push(m.n.buffer as ArrayBuffer);
    for (const a of Object.values(m.perEra)) if (a) buffers.push(a.buffer as ArrayBuffer);
    if (m.exposures) buffers.push(m.exposures.buffer as ArrayBuffer);
  }
  return buffers;
}

/** The object the scoring worker exposes; typed once here and shared with the page through `ScoringApi`. */
export function createScoringApi(workspace = new Workspace()) {
  return {
    loadGenerated(options: GenerateDatasetOptions = {}): DatasetSummary {
      return workspace.loadGenerated(options);
    },
    describe(): DatasetSummary {
      return workspace.describe();
    },
    setColumn(name: string, values: Float64Array): void {
      workspace.setColumn(name, values);
    },
    /** A copy of a column (the worker keeps its own). */
    getColumn(name: string): Float64Array {
      const copy = Float64Array.from(workspace.column(name));
      return Comlink.transfer(copy, [copy.buffer]);
    },
    score(request: ScoreRequest = {}, onProgress?: ProgressCallback): EraScores {
      const result = workspace.score(request, onProgress ? (d, t) => void onProgress(d, t, 'scoring eras') : undefined);
      return Comlink.transfer(result, scoreBuffers(result));
    }
  };
}

export type ScoringApi = ReturnType<typeof createScoringApi>;
