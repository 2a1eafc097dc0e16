import { chartKind, type ChartConfig } from './chart';
import { dataKind, type DataConfig } from './data';
import type { CellKindModule, SourceKindEntry } from './kind';
import { modelKind, type ModelConfig } from './model';
import { neutralizeKind, type NeutralizeConfig } from './neutralize';
import { payoutKind, type PayoutConfig } from './payout';
import { scoreKind, type ScoreConfig } from './score';
import { signalsChartKind, type SignalsChartConfig } from './signalsChart';
import { signalsDataKind, type SignalsDataConfig } from './signalsData';
import { signalsScoreKind, type SignalsScoreConfig } from './signalsScore';

/** Each built-in kind's settings (the output type of its schema). */
export interface CellConfigs {
  data: DataConfig;
  model: ModelConfig;
  score: ScoreConfig;
  neutralize: NeutralizeConfig;
  chart: ChartConfig;
  payout: PayoutConfig;
  signalsData: SignalsDataConfig;
  signalsScore: SignalsScoreConfig;
  signalsChart: SignalsChartConfig;
}

/**
 * Every built-in cell kind, in + menu order. A new kind is one module (see `kind.ts`) added here: its label,
 * settings schema, defaults, form, dependencies and runner are all it takes.
 */
export const builtinRegistry: { [K in keyof CellConfigs]: CellKindModule<K, CellConfigs[K]> } = {
  data: dataKind,
  model: modelKind,
  score: scoreKind,
  neutralize: neutralizeKind,
  chart: chartKind,
  payout: payoutKind,
  signalsData: signalsDataKind,
  signalsScore: signalsScoreKind,
  signalsChart: signalsChartKind
};

export type BuiltinKind = keyof CellConfigs;

/** The cells whose content is source text, not settings. */
export const sourceKinds: readonly SourceKindEntry[] = [
  { kind: 'code', label: 'Code', icon: '{}', description: 'JavaScript or TypeScript, run in a worker; top-level names are shared with other cells.' },
  { kind: 'markdown', label: 'Markdown', icon: '¶', description: 'Text, headings, lists and links (sanitized).' }
];

export const builtinKinds = Object.keys(builtinRegistry) as BuiltinKind[];

export const isBuiltinKind = (kind: string): kind is BuiltinKind => Object.hasOwn(builtinRegistry, kind);

/** The module of a built-in kind (typed loosely: callers hold a cell whose kind they checked). */
export const kindModule = (kind: BuiltinKind) => builtinRegistry[kind] as unknown as CellKindModule<BuiltinKind, object>;

/** Every kind's menu entry: code and markdown, then the built-in kinds. */
export const menuEntries: readonly { kind: SourceKindEntry['kind'] | BuiltinKind; label: string; icon: string; description: string }[] = [
  ...sourceKinds,
  ...builtinKinds.map((k) => ({ kind: k, label: builtinRegistry[k].label, icon: builtinRegistry[k].icon, description: builtinRegistry[k].description }))
];

/** The label of any cell kind. */
export const kindLabel = (kind: string): string => menuEntries.find((e) => e.kind === kind)?.label ?? kind;
