import type * as EditorModule from './editor';

let loaded: typeof EditorModule | null = null;
let loading: Promise<typeof EditorModule> | null = null;

/** CodeMirror and the cell editor, loaded on first use (not part of the page's first load). */
export function loadEditor(): Promise<typeof EditorModule> {
  loading ??= import('./editor').then((m) => (loaded = m));
  return loading;
}

/** The editor module if it has loaded already. */
export const loadedEditor = () => loaded;
