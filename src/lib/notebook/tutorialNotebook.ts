import type { Cell, NotebookDoc } from './types';

const cells = (): Cell[] => [
  {
    id: 'intro',
    kind: 'markdown',
    source:
      '# Getting started\n\nThis notebook scores models on a small, seeded **Numerai-shaped dataset** with the same maths as ' +
      "Numerai's `numerai-tools`. Cells are reactive: change a form or run a code cell (**Shift+Enter**) and the cells that " +
      'depend on it run again.\n\nCode cells get `data` (the dataset as typed arrays), `numerai` (the scoring engine), `aq` ' +
      '(Arquero), `display`, `progress` and `md`.'
  },
  { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 42, eras: 60, rowsPerEra: 500, features: 42 } },
  {
    id: 'pick',
    kind: 'code',
    lang: 'js',
    source: "// The example model that ships with the data, and a simple transform of it.\nconst model = 'example_prediction';\nconst rows = data.n;\nmd`Scoring **${model}** on ${rows} rows.`"
  },
  {
    id: 'score',
    kind: 'score',
    config: { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr', 'mmc', 'bmc', 'fnc', 'max_feature_exposure'], featureSet: '' }
  },
  { id: 'chart', kind: 'chart', config: { source: 'scores', type: 'cumulative', metric: 'corr', models: [] } },
  {
    id: 'perEra',
    kind: 'code',
    lang: 'js',
    source:
      '// Per-era CORR computed by hand with the engine, as a cross-check of the score cell.\n' +
      'const _p = data.columns.example_prediction, _t = data.targets.target;\n' +
      'const corrByHand = data.eras.map((_, k) => {\n' +
      '  const a = data.eraStarts[k], b = data.eraStarts[k + 1];\n' +
      '  // the last eras have no resolved targets yet: numeraiCorr refuses them (OverlapError)\n' +
      '  try { return numerai.numeraiCorr(_p.subarray(a, b), _t.subarray(a, b)); } catch { return NaN; }\n' +
      '});\n' +
      "display({ type: 'eraBars', data: { eras: data.eras, series: [{ label: 'CORR by hand', values: corrByHand }] } });\n" +
      'numerai.summarize(corrByHand)'
  },
  {
    id: 'payout',
    kind: 'payout',
    config: { name: 'payouts', scores: 'scores', model: '', stake: 100, corrWeight: 0.5, mmcWeight: 2, threshold: 72_000, totalAtRisk: 0, compound: true }
  }
];

/** The built-in tutorial notebook (what a first visit opens; "reset" restores it). */
export function tutorialNotebook(id: string, now = Date.now()): NotebookDoc {
  const c = cells();
  return { id, title: 'Getting started', cells: c, createdAt: now, updatedAt: now, origin: 'tutorial', original: { title: 'Getting started', cells: cells() } };
}

/** An empty notebook with one data cell and one code cell. */
export function blankNotebook(id: string, now = Date.now()): NotebookDoc {
  const c = (): Cell[] => [
    { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 42, eras: 60, rowsPerEra: 500, features: 42 } },
    { id: 'code1', kind: 'code', lang: 'js', source: '' }
  ];
  return { id, title: 'Untitled notebook', cells: c(), createdAt: now, updatedAt: now, origin: 'blank', original: { title: 'Untitled notebook', cells: c() } };
}
