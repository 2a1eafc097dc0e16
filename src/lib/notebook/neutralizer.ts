import { PlaygroundError } from '../errors';
import type { NeutralizationSweep } from '../workers/Workspace';
import type { ScoringClient } from '../workers/ScoringClient';
import { valueToken, type BuiltinSession, type PreparedNeutralizer, report } from './builtinRun';
import type { DataWorkers } from './DataWorkers';
import type { NeutralizeConfig } from './kinds/neutralize';
import type { Notebook } from './Notebook.svelte';
import { sweepGrid } from './scoreDisplays';
import { isColumnRef, type DatasetRef, type ErasChoice } from './types';

/** The part of a neutralize cell the fit depends on. */
export interface NeutralizeCellLike {
  id: string;
  config: NeutralizeConfig;
}

/**
 * What a neutralize cell's fit depends on: a new model, new predictions, other features or other data need a new
 * fit; a new proportion does not (no refit).
 */
export const neutralizerKey = (c: NeutralizeConfig, model: string, modelValue: unknown, data: DatasetRef) =>
  JSON.stringify([valueToken(c.model, modelValue), model, c.featureSet, c.featureGroup ?? '', c.eras ?? 'all', data.$dataset]);

/**
 * The eras a cell's "validation" choice stands for: the data's eras after its training eras and a 4-era embargo.
 * Undefined means every era (also when the data has no training eras, e.g. Numerai's validation file alone).
 */
export function erasOf(choice: ErasChoice | undefined, data: DatasetRef): string[] | undefined {
  return choice === 'validation' && data.validationEras?.length ? data.validationEras : undefined;
}

/** Prepares (or reuses) the scoring worker's neutralization of a neutralize cell and returns its id. */
export async function prepareNeutralizer(client: ScoringClient, session: BuiltinSession, cell: NeutralizeCellLike, model: string, modelValue: unknown, data: DatasetRef): Promise<string> {
  const c = cell.config;
  const key = neutralizerKey(c, model, modelValue, data);
  const known = session.neutralizers.get(cell.id);
  if (known?.key === key) return known.id;
  const group = c.featureGroup?.trim();
  // a group is a feature set of features.json (Numerai's groups: intelligence, wisdom, …) or else a word in the names
  const features = group ? (data.featureSets[group] ?? data.featureNames.filter((f) => f.includes(group))) : undefined;
  if (features && !features.length) throw new PlaygroundError(`There is no feature group "${group}".`, { hints: [`Groups and sets: ${Object.keys(data.featureSets).join(', ')}.`] });
  const eras = erasOf(c.eras, data);
  const options = { model, ...(features ? { features } : c.featureSet ? { featureSet: c.featureSet } : {}), ...(eras ? { eras } : {}) };
  const { id } = await client.run((w) => w.neutralizePrepare(options));
  session.neutralizers.set(cell.id, { id, key, options });
  return id;
}

/**
 * The prepared fit of a neutralize cell, preparing it when this session has none (after a worker restart, say).
 * Null when the cell's inputs have no value yet.
 */
export async function neutralizerOf(workers: DataWorkers, session: BuiltinSession, notebook: Notebook, cell: NeutralizeCellLike): Promise<PreparedNeutralizer | null> {
  const data = notebook.dataset(cell.config.data);
  if (!data) return null;
  const m = notebook.value(cell.config.model);
  const model = isColumnRef(m) ? m.$column : cell.config.model;
  await prepareNeutralizer(workers.for(data.owner), session, cell, model, m, data);
  return session.neutralizers.get(cell.id) ?? null;
}

/** The trade-off sweep of a prepared fit: one `neutralizeSweep` call over `sweepGrid`, kept with the fit. */
export function sweepOf(client: ScoringClient, fit: PreparedNeutralizer, onProgress?: ReturnType<typeof report>): Promise<NeutralizationSweep> {
  fit.sweep ??= client.run((w) => w.neutralizeSweep(fit.id, [...sweepGrid], onProgress)).catch((e: unknown) => {
    fit.sweep = undefined;
    throw e;
  });
  return fit.sweep;
}
