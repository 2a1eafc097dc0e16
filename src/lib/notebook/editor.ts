import { indentLess, indentMore } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { basicSetup, EditorView } from 'codemirror';

export type EditorLang = 'js' | 'ts' | 'md';

export interface EditorOptions {
  doc: string;
  lang: EditorLang;
  label: string;
  onChange: (doc: string) => void;
  /** Shift+Enter: run and move on. */
  onRunAdvance: () => void;
  /** Ctrl/Cmd+Enter: run and stay. */
  onRun: () => void;
  /** Escape: back to command mode. */
  onEscape: () => void;
}

export interface Editor {
  setDoc(doc: string): void;
  setLang(lang: EditorLang): void;
  focus(): void;
  destroy(): void;
}

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--nb-syn-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--nb-syn-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--nb-syn-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--nb-syn-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--nb-syn-function)' },
  { tag: [t.definition(t.variableName), t.typeName, t.className], color: 'var(--nb-syn-def)' },
  { tag: [t.heading], color: 'var(--nb-syn-keyword)', fontWeight: 'bold' },
  { tag: [t.emphasis], fontStyle: 'italic' },
  { tag: [t.strong], fontWeight: 'bold' },
  { tag: [t.link, t.url], color: 'var(--nb-syn-string)', textDecoration: 'underline' }
]);

const theme = EditorView.theme({
  '&': { color: 'var(--nb-fg)', backgroundColor: 'var(--nb-code-bg)', fontSize: '0.9rem' },
  '&.cm-focused': { outline: '2px solid var(--nb-focus)', outlineOffset: '1px' },
  '.cm-content': { caretColor: 'var(--nb-fg)', fontFamily: 'var(--nb-mono)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--nb-fg)' },
  '.cm-gutters': { backgroundColor: 'var(--nb-code-bg)', color: 'var(--nb-muted)', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--nb-active-line)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: 'var(--nb-selection)' },
  '.cm-tooltip': { backgroundColor: 'var(--nb-bg)', color: 'var(--nb-fg)', border: '1px solid var(--nb-border)' }
});

/** The language support, loaded separately (markdown brings HTML and CSS with it; a code cell does not need them). */
const language = (lang: EditorLang): Promise<Extension> =>
  lang === 'md' ? import('@codemirror/lang-markdown').then((m) => m.markdown()) : import('@codemirror/lang-javascript').then((m) => m.javascript({ typescript: lang === 'ts' }));

/**
 * A CodeMirror 6 editor for a cell. To avoid the Tab trap (as the Svelte playground does), Tab indents only
 * after the user clicked or typed in the editor; Escape (or leaving the editor) gives Tab back to the page.
 */
export function createEditor(parent: HTMLElement, o: EditorOptions): Editor {
  let tabIndents = false;
  const lang = new Compartment();
  const keys = Prec.highest(
    keymap.of([
      { key: 'Shift-Enter', run: () => (o.onRunAdvance(), true) },
      { key: 'Mod-Enter', run: () => (o.onRun(), true) },
      { key: 'Escape', run: () => ((tabIndents = false), o.onEscape(), true) },
      { key: 'Tab', run: (v) => tabIndents && indentMore(v), shift: (v) => tabIndents && indentLess(v) }
    ])
  );
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        keys,
        basicSetup,
        lang.of([]),
        syntaxHighlighting(highlight),
        theme,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': o.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            if (u.transactions.some((tr) => tr.isUserEvent('input') || tr.isUserEvent('delete'))) tabIndents = true;
            o.onChange(u.state.doc.toString());
          }
          if (u.focusChanged && !u.view.hasFocus) tabIndents = false;
        }),
        EditorView.domEventHandlers({
          mousedown: () => {
            tabIndents = true;
          }
        })
      ]
    })
  });
  let current = o.lang;
  const setLanguage = (l: EditorLang) => {
    current = l;
    void language(l).then((ext) => {
      if (current === l && !destroyed) view.dispatch({ effects: lang.reconfigure(ext) });
    });
  };
  let destroyed = false;
  setLanguage(o.lang);
  return {
    setDoc(doc) {
      const cur = view.state.doc.toString();
      if (doc !== cur) view.dispatch({ changes: { from: 0, to: cur.length, insert: doc } });
    },
    setLang(l) {
      if (l !== current) setLanguage(l);
    },
    focus() {
      view.focus();
    },
    destroy() {
      destroyed = true;
      view.destroy();
    }
  };
}
