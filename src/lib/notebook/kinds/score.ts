import * as v from 'valibot';
import { metricNames } from '../../scoring/metrics';
import type { ScoreRequest } from '../../workers/Workspace';
import { cancellable, columnFor, needData, report, type BuiltinRunContext } from '../builtinRun';
import { erasOf } from '../neutralizer';
import ScoreForm from '../ScoreForm.svelte';
import { scoreTable } from '../scoreDisplays';
import type { NotebookScores } from '../types';
import type { CellKindModule, KindCell } from './kind';
import { erasChoice, name, names } from './schemaParts';

export const scoreSchema = v.object({
  name: name(),
  data: name(),
  /** Notebook names (model/neutralize/code outputs) or dataset columns. */
  predictions: names(100),
  target: name(),
  /** Metrics to compute; empty = all the data allows. */
  metrics: v.pipe(v.array(v.picklist(metricNames)), v.maxLength(metricNames.length)),
  /** Feature set for FNC and exposures ("" = every feature). */
  featureSet: name(),
  /** "validation": only the eras after the training eras and a 4-era embargo (out of sample); default "all". */
  eras: erasChoice
});
export type ScoreConfig = v.InferOutput<typeof scoreSchema>;

/** Scores prediction columns per era in the dataset's worker: a summary table and the score charts. */
async function runScore(cell: KindCell<'score', ScoreConfig>, inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const { data, client } = needData(ctx, c.data, inputs);
  const scores = await cancellable(client, ctx, async () => {
    const models: string[] = [];
    for (const p of c.predictions) models.push(await columnFor(client, p, inputs[p], data));
    const eras = erasOf(c.eras, data);
    const request: ScoreRequest = {
      models,
      target: c.target || 'target',
      ...(c.featureSet ? { featureSet: c.featureSet } : {}),
      ...(c.metrics.length ? { metrics: c.metrics } : {}),
      ...(eras ? { eras } : {})
    };
    return client.run((w) => w.score(request, report(ctx, 'scoring eras')));
  });
  // the exposures are eras × features in the order of the feature set the worker used (the dataset's own order)
  const featureNames = c.featureSet ? data.featureSets[c.featureSet] : data.featureNames;
  const value: NotebookScores = Object.values(scores.models).some((m) => m.exposures) && featureNames ? Object.assign(scores, { featureNames }) : scores;
  ctx.display(scoreTable(value));
  ctx.display({ kind: 'scores', scores: value });
  return { [c.name]: value };
}

/** A score cell: CORR, MMC, BMC, FNC… per era of some prediction columns. */
export const scoreKind: CellKindModule<'score', ScoreConfig> = {
  kind: 'score',
  label: 'Score',
  icon: '≈',
  description: 'Score prediction columns per era (CORR, MMC, FNC, exposure…) as Numerai does.',
  schema: scoreSchema,
  // the newest model's predictions (else the dataset's example predictions), out of sample: the validation eras
  defaults: (ctx) => ({
    name: ctx.free('scores'),
    data: ctx.provided('dataset').at(-1) ?? 'data',
    predictions: [ctx.provided('predictions').at(-1) ?? 'example_prediction'],
    target: 'target',
    metrics: [],
    featureSet: '',
    eras: 'validation'
  }),
  deps: (c) => ({
    defines: [c.name],
    uses: [c.data, ...c.predictions],
    ...(c.predictions.length === 0 ? { error: 'Pick at least one prediction column to score.' } : {})
  }),
  provides: ['scores'],
  form: ScoreForm,
  run: runScore
};
