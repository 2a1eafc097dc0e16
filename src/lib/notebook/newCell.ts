import type { Cell, CellConfigs, CellKind } from './types';

/** A short random cell id, unique among `taken`. */
export function newId(taken: Iterable<string> = [], prefix = 'c'): string {
  const used = new Set(taken);
  for (;;) {
    const id = prefix + Math.random().toString(36).slice(2, 8);
    if (!used.has(id)) return id;
  }
}

/** A free name `base`, `base2`, `base3`… not defined in `names`. */
export function freeName(base: string, names: Iterable<string>): string {
  const used = new Set(names);
  if (!used.has(base)) return base;
  for (let i = 2; ; ++i) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/** Default configs of the built-in cells. */
export const defaultConfigs: { [K in keyof CellConfigs]: () => CellConfigs[K] } = {
  data: () => ({ name: 'data', source: 'generated', seed: 42, eras: 60, rowsPerEra: 500, features: 42 }),
  model: () => ({ name: 'model', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10, trees: 50, learningRate: 0.1, maxDepth: 4 }),
  score: () => ({ name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: [], featureSet: '' }),
  neutralize: () => ({ name: 'neutral', data: 'data', model: 'example_prediction', proportion: 0.5, featureSet: '' }),
  chart: () => ({ source: 'scores', type: 'eraBars', metric: 'corr', models: [] }),
  payout: () => ({ name: 'payouts', scores: 'scores', model: '', stake: 100, corrWeight: 0.5, mmcWeight: 2, threshold: 72_000, totalAtRisk: 0, compound: true })
};

/** A new cell of `kind` with an id not in `taken` and, for named built-in cells, a name not in `names`. */
export function newCell(kind: CellKind, taken: Iterable<string> = [], names: Iterable<string> = []): Cell {
  const id = newId(taken);
  if (kind === 'markdown') return { id, kind, source: '' };
  if (kind === 'code') return { id, kind, source: '', lang: 'js' };
  const config = defaultConfigs[kind]();
  if ('name' in config && kind !== 'data') config.name = freeName(config.name, names);
  return { id, kind, config } as Cell;
}
