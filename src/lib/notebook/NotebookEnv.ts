import type { BuiltinSession } from './builtinRun';
import type { NeutralizeLive } from './NeutralizeLive.svelte';

/** What cell forms and outputs need from the page besides the notebook: picked files and the live neutralization. */
export interface NotebookEnv {
  session: BuiltinSession;
  /** The live view of a neutralize cell (slider previews, trade-off sweep), one per cell. */
  neutralizeLive(cellId: string): NeutralizeLive;
  /** Switches a code cell between JavaScript and TypeScript (loads the TypeScript stripper first). */
  setLang(cellId: string, lang: 'js' | 'ts'): Promise<void>;
}
