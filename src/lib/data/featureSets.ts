import { PlaygroundError } from '../errors';

/** Numerai's `features.json`: named feature sets (`small`, `medium`, `all`, group names, …) and the target names. */
export interface FeaturesJson {
  feature_sets: Record<string, string[]>;
  targets: string[];
}

/** Parses features.json text or an already-parsed object into a FeaturesJson; PlaygroundError when it is not one. */
export function parseFeaturesJson(input: string | unknown, source = 'features.json'): FeaturesJson {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (cause) {
      throw new PlaygroundError(`${source} is not valid JSON: ${(cause as Error).message}`, {
        hints: ['Use the features.json downloaded with the data (napi.download_dataset("v5.2/features.json")).'],
        cause
      });
    }
  }
  const sets = (value as { feature_sets?: unknown } | null)?.feature_sets;
  if (sets === null || typeof sets !== 'object' || Array.isArray(sets)) {
    throw new PlaygroundError(`${source} has no "feature_sets" object`, {
      hints: ['Numerai\'s features.json looks like {"feature_sets": {"small": [...], "medium": [...], "all": [...]}, "targets": [...]}.']
    });
  }
  const featureSets: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(sets as Record<string, unknown>)) {
    if (!Array.isArray(list) || !list.every((f) => typeof f === 'string')) {
      throw new PlaygroundError(`${source}: feature set "${name}" is not a list of column names`);
    }
    featureSets[name] = list as string[];
  }
  const targets = (value as { targets?: unknown }).targets;
  if (targets !== undefined && !(Array.isArray(targets) && targets.every((t) => typeof t === 'string'))) {
    throw new PlaygroundError(`${source}: "targets" is not a list of column names`);
  }
  return { feature_sets: featureSets, targets: (targets as string[] | undefined) ?? [] };
}

/** The feature names of set `name` (e.g. "small"); PlaygroundError listing the available sets with their sizes otherwise. */
export function resolveFeatureSet(featuresJson: FeaturesJson, name: string): string[] {
  const set = featuresJson.feature_sets[name];
  if (set) return set;
  const available = Object.entries(featuresJson.feature_sets).map(([k, v]) => `${k} (${v.length})`);
  throw new PlaygroundError(`There is no feature set "${name}" in features.json`, {
    hints: [
      available.length ? `Available sets: ${available.join(', ')}.` : 'features.json lists no feature sets.',
      'Set names are case-sensitive; Numerai\'s are lowercase ("small", "medium", "all", "serenity", …).'
    ]
  });
}
