import type { NotebookDoc } from './types';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/**
 * Debounced autosave: `schedule(doc)` after every change writes the latest snapshot after `delay` ms of quiet
 * (one write in flight; a change during a write is written next). `state` is "saved" only after the write committed.
 */
export class Autosave {
  state = $state<SaveState>('saved');
  error = $state<string | null>(null);
  #latest: NotebookDoc | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing: Promise<void> | null = null;

  constructor(
    private readonly write: (doc: NotebookDoc) => Promise<void>,
    private readonly delay = 300
  ) {}

  schedule(doc: NotebookDoc): void {
    this.#latest = doc;
    this.state = 'pending';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.delay);
  }

  /** Writes the pending snapshot now (on page hide, before switching notebooks). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#writing) await this.#writing;
    const doc = this.#latest;
    if (!doc) return;
    this.#latest = null;
    this.state = 'saving';
    this.#writing = this.write(doc)
      .then(() => {
        this.error = null;
        this.state = this.#latest ? 'pending' : 'saved';
      })
      .catch((e: unknown) => {
        this.error = e instanceof Error ? e.message : String(e);
        this.state = 'error';
        this.#latest ??= doc;
      })
      .finally(() => (this.#writing = null));
    await this.#writing;
    if (this.#latest && (this.state as SaveState) === 'pending' && !this.#timer) await this.flush();
  }

  /** Forgets a pending write (the notebook was deleted). */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#latest = null;
    this.state = 'saved';
  }
}
