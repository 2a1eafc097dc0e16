import type { Cell, NotebookDoc } from './types';

const md = (id: string, source: string): Cell => ({ id, kind: 'markdown', source });
const js = (id: string, lines: string[]): Cell => ({ id, kind: 'code', lang: 'js', source: lines.join('\n') });

const cells = (): Cell[] => [
  md(
    'intro',
    '# Getting started\n\nThis notebook trains and scores models on a small, seeded **Numerai-shaped dataset** with the same maths as ' +
      "Numerai's `numerai-tools`. Cells are reactive: change a form, or edit a code cell and run it (**Shift+Enter**), and the " +
      'cells that depend on it run again.\n\nCode cells get `data` (the dataset as typed arrays), `numerai` (the scoring engine), ' +
      '`aq` (Arquero), `display`, `progress` and `md`. They run in a worker: **Stop** (or the watchdog) ends a runaway loop.'
  ),
  { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 42, eras: 60, rowsPerEra: 500, features: 42 } },
  js('pick', ['// A first look at the data: names defined at the top level are shared with the other cells.', 'const rows = data.n;', 'const eraCount = data.eras.length;', 'md`**${rows}** rows in **${eraCount}** eras, ${data.featureNames.length} features.`']),
  { id: 'ridge', kind: 'model', config: { name: 'ridge', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 } },
  { id: 'neutral', kind: 'neutralize', config: { name: 'neutral', data: 'data', model: 'ridge', proportion: 0.5, featureSet: '' } },
  {
    id: 'score',
    kind: 'score',
    config: { name: 'scores', data: 'data', predictions: ['example_prediction', 'ridge', 'neutral'], target: 'target', metrics: ['corr', 'mmc', 'bmc', 'fnc', 'max_feature_exposure'], featureSet: '' }
  },
  { id: 'chart', kind: 'chart', config: { source: 'scores', type: 'cumulative', metric: 'corr', models: [] } },
  js('perEra', [
    '// Per-era CORR of the example model computed by hand with the engine, as a cross-check of the score cell.',
    'const _p = data.columns.example_prediction, _t = data.targets.target;',
    'const corrByHand = data.eras.map((_, k) => {',
    '  const a = data.eraStarts[k], b = data.eraStarts[k + 1];',
    '  // the last eras have no resolved targets yet: numeraiCorr refuses them (OverlapError)',
    '  try { return numerai.numeraiCorr(_p.subarray(a, b), _t.subarray(a, b)); } catch { return NaN; }',
    '});',
    "display({ type: 'eraBars', data: { eras: data.eras, series: [{ label: 'CORR by hand', values: corrByHand }] } });",
    'numerai.summarize(corrByHand)'
  ]),
  { id: 'payout', kind: 'payout', config: { name: 'payouts', scores: 'scores', model: 'neutral', stake: 100, corrWeight: 0.5, mmcWeight: 2, threshold: 72_000, totalAtRisk: 0, compound: true } },
  md(
    'next',
    '## Next\n\n- Move the **neutralization** slider: the preview updates as you drag; releasing re-scores and re-pays.\n' +
      '- Mark an expensive cell **lazy**: it turns stale instead of re-running when its inputs change.\n' +
      '- **Share link** puts the whole notebook in a URL; opening it runs nothing until the reader presses Run.'
  )
];

/** The built-in tutorial notebook (what a first visit opens; "reset" restores it). */
export function tutorialNotebook(id: string, now = Date.now()): NotebookDoc {
  return { id, title: 'Getting started', cells: cells(), createdAt: now, updatedAt: now, origin: 'tutorial', original: { title: 'Getting started', cells: cells() } };
}

/** An empty notebook with one data cell and one code cell. */
export function blankNotebook(id: string, now = Date.now()): NotebookDoc {
  const c = (): Cell[] => [
    { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 42, eras: 60, rowsPerEra: 500, features: 42 } },
    { id: 'code1', kind: 'code', lang: 'js', source: '' }
  ];
  return { id, title: 'Untitled notebook', cells: c(), createdAt: now, updatedAt: now, origin: 'blank', original: { title: 'Untitled notebook', cells: c() } };
}
