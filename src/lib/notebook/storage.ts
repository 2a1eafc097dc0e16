import type { NotebookDoc } from './types';

/** What the notebook list shows, without the cells. */
export interface NotebookSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  cells: number;
  origin?: NotebookDoc['origin'];
  tutorial?: NotebookDoc['tutorial'];
}

const DB_NAME = 'numerai-playground';
const STORE = 'notebooks';

const promised = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('The save was aborted.'));
  });

/**
 * Notebooks in IndexedDB (one object store keyed by id), through a tiny promise wrapper. `put` resolves only once
 * its transaction has committed, so "saved" is shown only for data that survives a reload or a tab crash; a
 * transaction is atomic, so a crash mid-write leaves the previous version.
 */
export class NotebookStore {
  #db: Promise<IDBDatabase> | null = null;

  constructor(private readonly factory: IDBFactory = globalThis.indexedDB) {}

  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = this.factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('The notebook database is blocked by another tab; close it and reload.'));
    });
    return this.#db;
  }

  async #tx(mode: IDBTransactionMode): Promise<{ tx: IDBTransaction; store: IDBObjectStore }> {
    const tx = (await this.#open()).transaction(STORE, mode);
    return { tx, store: tx.objectStore(STORE) };
  }

  /** Every notebook, most recently changed first. */
  async list(): Promise<NotebookSummary[]> {
    const { store } = await this.#tx('readonly');
    const all = await promised(store.getAll() as IDBRequest<NotebookDoc[]>);
    return all
      .map(({ id, title, createdAt, updatedAt, cells, origin, tutorial }) => ({ id, title, createdAt, updatedAt, cells: cells.length, ...(origin ? { origin } : {}), ...(tutorial ? { tutorial } : {}) }))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async get(id: string): Promise<NotebookDoc | undefined> {
    const { store } = await this.#tx('readonly');
    return promised(store.get(id) as IDBRequest<NotebookDoc | undefined>);
  }

  /** Writes a notebook; resolves when the write is committed. */
  async put(doc: NotebookDoc): Promise<void> {
    const { tx, store } = await this.#tx('readwrite');
    store.put(doc);
    await committed(tx);
  }

  async delete(id: string): Promise<void> {
    const { tx, store } = await this.#tx('readwrite');
    store.delete(id);
    await committed(tx);
  }

  close(): void {
    void this.#db?.then((db) => db.close());
    this.#db = null;
  }
}
