import type { BuiltinSession } from './executeBuiltin';
import type { NeutralizedScores } from '../scoring/NeutralizationSession';

/** What cell forms need from the page besides the notebook: picked files and the neutralization preview. */
export interface NotebookEnv {
  session: BuiltinSession;
  /** CORR/FNC/exposure of a neutralize cell's model at a proportion, without storing anything (latest wins). */
  previewNeutralize(cellId: string, proportion: number): Promise<NeutralizedScores | undefined>;
  /** Switches a code cell between JavaScript and TypeScript (loads the TypeScript stripper first). */
  setLang(cellId: string, lang: 'js' | 'ts'): Promise<void>;
}
