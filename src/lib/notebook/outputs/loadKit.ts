let kit: Promise<typeof import('./kit')> | null = null;

/** The chart views (and D3), imported once, on the first chart a cell shows (a failed load is retried next time). */
export const loadKit = () =>
  (kit ??= import('./kit').catch((e: unknown) => {
    kit = null;
    throw e;
  }));
