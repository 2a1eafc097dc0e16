/** What a stopped cell shows (the Stop button, the watchdog, or a notebook closed mid-run). */
export class StoppedError extends Error {
  override name = 'StoppedError';
  constructor(message = 'Stopped.') {
    super(message);
  }
}
