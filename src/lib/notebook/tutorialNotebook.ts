import type { Cell, NotebookDoc } from './types';

// "Learn the tournament": the default notebook. It follows Numerai's official tutorials (hello_numerai,
// feature_neutralization, target_ensemble; see numerai-rules.md §5) on the built-in seeded dataset, and every
// step has something to change. Names defined at the top level of a code cell are shared with the other cells,
// so helpers are `_`-prefixed to stay local.

const md = (id: string, ...lines: string[]): Cell => ({ id, kind: 'markdown', source: lines.join('\n') });
const js = (id: string, ...lines: string[]): Cell => ({ id, kind: 'code', lang: 'js', source: lines.join('\n') });

const TITLE = 'Learn the tournament';

const cells = (): Cell[] => [
  md(
    'welcome',
    '# Learn the tournament',
    '',
    'Numerai runs a stock-market prediction tournament on **obfuscated data**: every week a row per stock, a few',
    'thousand columns of anonymised features, and a target that says how the stock did afterwards (relative to the',
    'market). You submit predictions; Numerai scores them with **CORR** and **MMC**; if you **stake** NMR on your model,',
    'good scores pay and bad scores **burn**.',
    '',
    'This notebook walks through all of it on a built-in, seeded dataset shaped like Numerai\'s, with the same maths as',
    "Numerai's own `numerai-tools`. Nothing leaves your browser.",
    '',
    '**How to use it.** Cells run top to bottom and are *reactive*: change a form (the dataset size, a model\'s trees, the',
    'neutralization slider) and every cell that depends on it runs again. Code cells run when you press **Shift+Enter**',
    'or **Run**; they see the values other cells define (`data`, `gbdt`, `scores`, …) plus `numerai` (the scoring',
    'engine), `display`, `md`, `progress` and `aq` (Arquero). They run in a separate worker, so **Stop** (or the',
    'watchdog) always ends a runaway loop. Your edits are saved in this browser as you go; **Reset** brings this',
    'tutorial back.'
  ),

  md(
    'data-intro',
    '## 1. The data: rows, eras, features, targets',
    '',
    'Each **row** is one stock at one point in time. Rows are grouped into **eras**: one era is one week, and every',
    'stock in an era was observed at the same moment. The cell below generates the dataset (change the seed, the',
    'number of eras or the rows per era and watch everything below update).'
  ),
  { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 42, eras: 80, rowsPerEra: 800, features: 42 } },
  js(
    'shape',
    '// How many stocks does each era have? (Real Numerai eras have ~5,000; early eras fewer.)',
    'const rowsPerEra = data.eras.map((_, k) => data.eraStarts[k + 1] - data.eraStarts[k]);',
    "display({ type: 'eraBars', title: 'Rows per era', yLabel: 'rows', data: { eras: data.eras, series: [{ label: 'rows', values: rowsPerEra }] } });",
    'md`${data.n.toLocaleString()} rows in ${data.eras.length} eras (${data.eras[0]}–${data.eras[data.eras.length - 1]}), ${Math.min(...rowsPerEra)}–${Math.max(...rowsPerEra)} stocks per era, ${data.featureNames.length} features.`'
  ),
  md(
    'features-intro',
    '**Features are obfuscated int8 bins.** Numerai does not say what a feature is (a P/E ratio? a momentum signal?).',
    'Within each era every feature is cut into **5 equal bins**, 0 to 4, so each value holds about 20% of the stocks.',
    "A feature Numerai has no data for in an era is filled with **2** for every stock. **The target** is the stock's",
    'future return relative to the market, also binned per era, into 5 *unequal* bins: 0, 0.25, 0.5, 0.75, 1 holding',
    'about 5%, 20%, 50%, 20% and 5% of the stocks. Change `ERA` or `FEATURE` and run the cell (Shift+Enter).'
  ),
  js(
    'bins',
    'const ERA = 10; // 1 … number of eras',
    'const FEATURE = 0; // 0 … number of features − 1',
    'const _a = data.eraStarts[ERA - 1], _b = data.eraStarts[ERA];',
    'const _feature = data.features[FEATURE].subarray(_a, _b);',
    'const _target = data.targets.target.subarray(_a, _b);',
    'const _share = (xs, v) => xs.filter((x) => x === v).length / xs.length;',
    'display([0, 1, 2, 3, 4].map((bin, i) => ({',
    '  bin,',
    '  [`${data.featureNames[FEATURE]} share`]: _share(_feature, bin),',
    '  target: [0, 0.25, 0.5, 0.75, 1][i],',
    "  'target share': _share(_target, [0, 0.25, 0.5, 0.75, 1][i])",
    '})));',
    '// Features missing for a whole era: every stock gets 2',
    'const missingFeatures = [];',
    'data.featureNames.forEach((name, j) => data.eras.forEach((era, k) => {',
    '  const c = data.features[j].subarray(data.eraStarts[k], data.eraStarts[k + 1]);',
    '  if (c.every((v) => v === 2)) missingFeatures.push({ feature: name, era });',
    '}));',
    'md`Era ${data.eras[ERA - 1]}: ${_b - _a} stocks. Features missing for a whole era (all 2): ${missingFeatures.length ? missingFeatures.slice(0, 5).map((m) => `${m.feature} in ${m.era}`).join(", ") : "none"}. The last eras have no target yet (NaN): their returns are not known.`'
  ),

  md(
    'eras-intro',
    '## 2. Why an era is compared only with itself',
    '',
    'Markets change. A feature that picked winners last year can pick losers this year, and all stocks in one week',
    'share the same market. So Numerai never pools rows across eras: it scores each era on its own — "which stocks',
    'did you rank above which, *this week*?" — and then looks at how those per-era scores behave over time. The cell',
    'below measures every feature\'s correlation with the target era by era: the **mean** says how useful a feature is,',
    'the **std**, **sharpe** and **delta** (first half vs second half) say how much you can trust it. The riskiest feature',
    'flips sign with the market regime.'
  ),
  js(
    'featureRisk',
    'const featureCorr = data.featureNames.map((_, j) => data.eras.map((_, k) => {',
    '  const a = data.eraStarts[k], b = data.eraStarts[k + 1];',
    '  const t = data.targets.target.subarray(a, b);',
    '  return Number.isNaN(t[0]) ? NaN : numerai.pearson(data.features[j].subarray(a, b), t);',
    '}));',
    'const featureStats = featureCorr.map((c, j) => ({ feature: data.featureNames[j], ...numerai.summarize(c) }));',
    'const riskiest = featureStats.slice().sort((x, y) => y.std - x.std)[0].feature;',
    "display(featureStats.slice().sort((x, y) => Math.abs(y.mean) - Math.abs(x.mean)).slice(0, 8).map(({ feature, mean, std, sharpe, delta }) => ({ feature, mean, std, sharpe, delta })));",
    "display({ type: 'eraBars', title: `Per-era correlation of ${riskiest} with the target`, yLabel: 'Pearson per era', data: { eras: data.eras, series: [{ label: riskiest, values: featureCorr[data.featureNames.indexOf(riskiest)] }] } });"
  ),

  md(
    'model-intro',
    '## 3. Train a model in your browser',
    '',
    "Numerai's tutorials train a gradient-boosted tree model (LightGBM) on the training eras and check it on the",
    '**validation** eras that come after. Here a histogram GBDT trains in a worker: Numerai features take only 5',
    'values, so its histograms are exact and it is fast. Targets look about 20 trading days (4 weeks) ahead, so',
    "neighbouring eras overlap: the 4 eras right after the last training era are left out of validation (the",
    '**embargo**), otherwise the model would be scored on what it has partly seen. Try more trees, a deeper tree, or',
    'a higher learning rate; a second, linear model (ridge) trains alongside for comparison. The signal planted in this',
    'synthetic data is mostly linear, so ridge holds its own here; on Numerai\'s real data tree models usually win.',
    'The **ensemble** averages the two models\' ranks era by era ("always normalize before averaging"), as Numerai\'s',
    'target-ensemble notebook does with models trained on different targets: try a model on `target_victor_20` and add',
    'it to the ensemble.'
  ),
  { id: 'gbdt', kind: 'model', config: { name: 'gbdt', data: 'data', kind: 'gbdt', featureSet: 'all', target: 'target', trees: 150, learningRate: 0.05, maxDepth: 3 } },
  { id: 'ridge', kind: 'model', config: { name: 'ridge', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 } },
  { id: 'ensemble', kind: 'model', config: { name: 'ensemble', data: 'data', kind: 'ensemble', featureSet: 'all', target: 'target', members: ['gbdt', 'ridge'] } },

  md(
    'corr-intro',
    '## 4. CORR, exactly as Numerai computes it',
    '',
    "Numerai's main score, **CORR**, is a correlation of your predictions with the target inside one era, with three",
    'twists: (1) only the **order** of your predictions matters — they are ranked, ties sharing their average rank, and',
    'scaled to (0, 1); (2) the ranks are **gaussianized** (passed through the inverse normal CDF, Φ⁻¹); (3) both sides',
    'are raised to the power **1.5** keeping their sign, which gives the tails — the stocks you are most sure about —',
    'more weight. The cell below does it by hand for one validation era and checks it against `numerai.numeraiCorr`.'
  ),
  js(
    'corrSteps',
    'const STEP_ERA = data.eras.length - 8; // an era index (1-based); try others',
    'const _a2 = data.eraStarts[STEP_ERA - 1], _b2 = data.eraStarts[STEP_ERA];',
    'const _p = gbdt.subarray(_a2, _b2);                  // the model\'s raw predictions for that era',
    'const _t = data.targets.target.subarray(_a2, _b2);',
    'const _ranked = numerai.rankAverage(_p);              // 1. tie-kept rank, (rank − 0.5) / n',
    'const _gauss = numerai.gaussianize(_ranked);          // 2. Φ⁻¹: normal scores',
    'const _pow = numerai.signedPower(_gauss, 1.5);        // 3. sign · |x|^1.5',
    'const _tPow = numerai.signedPower(numerai.center(_t), 1.5); // the target: centred, then ^1.5',
    'const corrByHand = numerai.pearson(_pow, _tPow);      // 4. Pearson correlation',
    'const corrEngine = numerai.numeraiCorr(_p, _t);',
    "display(Array.from({ length: 6 }, (_, i) => ({ prediction: _p[i], rank: _ranked[i], 'Φ⁻¹(rank)': _gauss[i], '^1.5': _pow[i], target: _t[i], 'target ^1.5': _tPow[i] })));",
    'md`Era **${data.eras[STEP_ERA - 1]}** (${_b2 - _a2} stocks): CORR by hand **${corrByHand.toFixed(6)}**, \\`numerai_corr\\` **${corrEngine.toFixed(6)}**. Scores of a few hundredths are normal: the stock market is hard.`'
  ),

  md(
    'scores-intro',
    '## 5. Performance over eras',
    '',
    'One era tells you little. The score cell computes CORR (and the other scores below) for every era. Read the',
    'summary like Numerai\'s diagnostics: **mean** (higher is better), **std** over eras (ddof 0), **sharpe** = mean / std',
    '(consistency of the edge), **max drawdown** (the worst fall of the cumulative score from its peak: how long and',
    'deep a losing streak gets) and **consistency** (the share of eras above 0). The cell scores the **validation**',
    'eras only; switch *Eras* to *all eras* and see how much better the models look on the eras they learned from —',
    'that is overfitting, not skill. Below it, the distribution of the per-era scores.'
  ),
  {
    id: 'scores',
    kind: 'score',
    config: {
      name: 'scores',
      data: 'data',
      predictions: ['gbdt', 'ridge', 'ensemble', 'example_prediction'],
      target: 'target',
      metrics: ['corr', 'mmc', 'bmc', 'fnc', 'corr_meta', 'max_feature_exposure'],
      featureSet: '',
      eras: 'validation'
    }
  },
  { id: 'histogram', kind: 'chart', config: { source: 'scores', type: 'histogram', metric: 'corr', models: [] } },

  md(
    'neutral-intro',
    '## 6. Feature risk and neutralization',
    '',
    'A model that leans on a few features inherits their risk: when those features flip (section 2), the model',
    'flips with them. **Feature exposure** is the correlation of your predictions with each feature in an era; the',
    '**max feature exposure** is the largest of them. **Neutralization** removes a share (the *proportion*) of what a',
    'linear fit on the features explains, era by era: `p − proportion · F(FᵀF)⁻¹Fᵀp`. **FNC** is the CORR that is left',
    'after removing all of it. Move the slider: the least-squares fit is made once, so the scores and charts follow',
    "live. Neutralizing lowers exposure and often the drawdown, but it can cost mean CORR: Numerai's own notebook",
    'concludes that the best proportion is not always 1.'
  ),
  { id: 'neutral', kind: 'neutralize', config: { name: 'gbdt_neutral', data: 'data', model: 'gbdt', proportion: 0.5, featureSet: '', eras: 'validation' } },
  {
    id: 'scoresNeutral',
    kind: 'score',
    config: { name: 'neutralScores', data: 'data', predictions: ['gbdt', 'gbdt_neutral'], target: 'target', metrics: ['corr', 'mmc', 'fnc', 'max_feature_exposure'], featureSet: '', eras: 'validation' }
  },

  md(
    'mmc-intro',
    '## 7. The meta model, MMC and BMC',
    '',
    "Numerai combines everyone's staked predictions into the **meta model** and trades on it. What it pays for is",
    "what *you add* to it: **MMC** (meta model contribution) gaussianizes your ranks and the meta model's, removes the",
    "part of yours that the meta model already has (a projection), and takes the covariance of the rest with the",
    'target. A copy of the meta model earns MMC = 0, however good its CORR. **BMC** is the same against a benchmark',
    "model. The meta model only exists for recent eras, so early eras have no MMC. Below, MMC by hand for one era;",
    'then what happens if your model *is* the meta model.'
  ),
  js(
    'mmcSteps',
    'const MMC_ERA = data.eras.length - 8;',
    'const _a3 = data.eraStarts[MMC_ERA - 1], _b3 = data.eraStarts[MMC_ERA];',
    'const _mine = numerai.gaussianize(numerai.rankAverage(gbdt.subarray(_a3, _b3)));',
    'const _meta = numerai.gaussianize(numerai.rankAverage(data.columns.numerai_meta_model.subarray(_a3, _b3)));',
    'const _unique = numerai.orthogonalize(_mine, _meta);         // what the meta model does not already have',
    'const _t4 = numerai.center(Array.from(data.targets.target.subarray(_a3, _b3), (v) => 4 * v)); // bins 0..4, centred',
    'const mmcByHand = _t4.reduce((s, v, i) => s + v * _unique[i], 0) / _t4.length;',
    'const mmcEngine = numerai.correlationContribution(gbdt.subarray(_a3, _b3), data.columns.numerai_meta_model.subarray(_a3, _b3), data.targets.target.subarray(_a3, _b3));',
    'const mmcOfMeta = numerai.correlationContribution(data.columns.numerai_meta_model.subarray(_a3, _b3), data.columns.numerai_meta_model.subarray(_a3, _b3), data.targets.target.subarray(_a3, _b3));',
    'md`Era **${data.eras[MMC_ERA - 1]}**: MMC by hand **${mmcByHand.toFixed(6)}**, \\`correlation_contribution\\` **${mmcEngine.toFixed(6)}**; the meta model itself: **${mmcOfMeta.toFixed(6)}**.`'
  ),
  { id: 'mmcChart', kind: 'chart', config: { source: 'scores', type: 'cumulative', metric: 'mmc', models: [] } },

  md(
    'payout-intro',
    '## 8. Staking: payouts, the payout factor, clipping and burns',
    '',
    'Staked NMR earns or loses each round: `payout = stake × clip(payout_factor × (0.5·CORR + 2·MMC), −5%, +5%)`.',
    "MMC counts four times as much as CORR. The **payout factor** is `min(1, 72,000 / total NMR at risk)`: when more",
    'than 72,000 NMR is staked across the tournament, everyone\'s payouts shrink. The **clip** caps a round\'s gain or loss',
    'at 5% of the stake. A negative payout is **burned**: destroyed, gone from your stake. The cell below replays the',
    'validation eras as daily rounds on a 100 NMR stake with 150,000 NMR at risk overall (payout factor 0.48). Look at the',
    'burns and the worst stretch before you stake: try the raw model instead of the neutralized one, other weights, or a',
    'smaller total at risk.'
  ),
  { id: 'payout', kind: 'payout', config: { name: 'payouts', scores: 'neutralScores', model: 'gbdt_neutral', stake: 100, corrWeight: 0.5, mmcWeight: 2, threshold: 72_000, totalAtRisk: 150_000, compound: true } },
  md(
    'stake-next',
    'Want to try it with a wallet? The **[Stake](/stake)** page has a *practice wallet* — an in-browser test chain with',
    'test NMR, no install — where you can stake on a model, resolve a round with these scores and watch the stake grow',
    'or burn exactly as the rule says.'
  ),

  md(
    'own-data',
    '## 9. Your own data and predictions',
    '',
    '- **Numerai files.** In the data cell choose *A Numerai parquet/CSV file* and pick `validation.parquet` (or `train.parquet`) from',
    "  Numerai's downloads, with `features.json` and a feature set such as `small`: only those columns are read, so the",
    '  multi-gigabyte files work. Keep every 4th era, as the official notebooks do, to go faster.',
    '- **Predictions.** Add a predictions file (`id,prediction`, CSV or parquet), `meta_model.parquet` and a benchmark',
    '  file in the data cell to score them with CORR, MMC and BMC.',
    '- **Scripts.** The same engine runs in Node: `npx numerai-playground score --data validation.parquet',
    '  --predictions preds.csv --meta-model meta_model.parquet --json` prints the same numbers.',
    '- **Share** puts this notebook in a link; whoever opens it sees it without anything running until they press Run.'
  )
];

/** The built-in tutorial notebook (what a first visit opens; "reset" restores it). */
export function tutorialNotebook(id: string, now = Date.now()): NotebookDoc {
  return { id, title: TITLE, cells: cells(), createdAt: now, updatedAt: now, origin: 'tutorial', original: { title: TITLE, cells: cells() } };
}

/** An empty notebook with one data cell and one code cell. */
export function blankNotebook(id: string, now = Date.now()): NotebookDoc {
  const c = (): Cell[] => [
    { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 42, eras: 60, rowsPerEra: 500, features: 42 } },
    { id: 'code1', kind: 'code', lang: 'js', source: '' }
  ];
  return { id, title: 'Untitled notebook', cells: c(), createdAt: now, updatedAt: now, origin: 'blank', original: { title: 'Untitled notebook', cells: c() } };
}
