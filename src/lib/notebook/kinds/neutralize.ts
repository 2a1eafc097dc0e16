import * as v from 'valibot';
import { cancellable, columnFor, needData, nextVersion, type BuiltinRunContext } from '../builtinRun';
import NeutralizeForm from '../NeutralizeForm.svelte';
import { prepareNeutralizer } from '../neutralizer';
import type { ColumnRef } from '../types';
import type { CellKindModule, KindCell } from './kind';
import { erasChoice, name, real } from './schemaParts';

export const neutralizeSchema = v.object({
  name: name(),
  data: name(),
  /** The predictions to neutralize: a notebook name or a dataset column. */
  model: name(),
  proportion: real(0, 1),
  /** A feature set name ("" = every feature). */
  featureSet: name(),
  /** A feature group (substring of the feature names, e.g. "intelligence"); wins over featureSet. */
  featureGroup: v.optional(name()),
  /** "validation": fit and score only the eras after the training eras and the embargo; default "all". */
  eras: erasChoice
});
export type NeutralizeConfig = v.InferOutput<typeof neutralizeSchema>;

/** Neutralizes predictions to features in the dataset's worker (one fit per inputs; the proportion only scales it). */
async function runNeutralize(cell: KindCell<'neutralize', NeutralizeConfig>, inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const { session } = ctx;
  const { data, client } = needData(ctx, c.data, inputs);
  const { result, model, ms } = await cancellable(
    client,
    ctx,
    async () => {
      const model = await columnFor(client, c.model, inputs[c.model], data);
      const id = await prepareNeutralizer(client, session, cell, model, inputs[c.model], data);
      const t0 = performance.now();
      const result = await client.run((w) => w.neutralizeScores(id, c.proportion, { fnc: true }));
      const ms = performance.now() - t0;
      // Stored for replay after a cancel: the first call applies the prepared fit; a replay (in a new worker, where
      // that id does not exist) prepares again first.
      const { options } = session.neutralizers.get(cell.id)!;
      let live = true;
      await client.remember(async (w) => {
        if (live) {
          live = false;
          return w.neutralizeApply(id, c.proportion, c.name);
        }
        const fresh = await w.neutralizePrepare(options);
        return w.neutralizeApply(fresh.id, c.proportion, c.name);
      });
      return { result, model, ms };
    },
    session
  );
  ctx.display({ kind: 'neutralize', cellId: cell.id, model: c.model, proportion: c.proportion, result, ms });
  return { [c.name]: { $column: c.name, owner: data.owner, version: nextVersion(), info: { model, proportion: c.proportion, featureSet: c.featureSet, corr: result.summary.corr.mean } } satisfies ColumnRef };
}

/** A neutralize cell: predictions minus a proportion of their linear exposure to features, with a live slider. */
export const neutralizeKind: CellKindModule<'neutralize', NeutralizeConfig> = {
  kind: 'neutralize',
  label: 'Neutralize',
  icon: '⊥',
  description: 'Neutralize predictions to features (a proportion of their linear exposure removed per era), with a live slider.',
  schema: neutralizeSchema,
  defaults: (ctx) => ({
    name: ctx.free('neutral'),
    data: ctx.provided('dataset').at(-1) ?? 'data',
    model: ctx.provided('predictions').at(-1) ?? 'example_prediction',
    proportion: 0.5,
    featureSet: '',
    eras: 'validation'
  }),
  deps: (c) => ({ defines: [c.name], uses: [c.data, c.model] }),
  provides: ['predictions', 'tradeoff'],
  form: NeutralizeForm,
  run: runNeutralize
};
