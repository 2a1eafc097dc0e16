import { asset } from '$app/paths';
import type { RunnerHost } from './runner';
import { checkFrameMessage } from './runnerMessages';

/** The runner's source, as a Blob the sandbox frame can start a worker from (bundled by scripts/notebookRunnerPlugin.js). */
let runnerBlob: Promise<Blob> | null = null;
const loadRunner = () => (runnerBlob ??= import('virtual:notebook-runner').then((m) => new Blob([m.default], { type: 'text/javascript' })));

/** How long the sandbox page may take to start the worker once it has loaded. */
const START_TIMEOUT_MS = 15_000;

/**
 * The code runner's home: a hidden `<iframe sandbox="allow-scripts">` on static/notebook-runner.html. Without
 * allow-same-origin the frame has an opaque origin (no cookies, no storage, no access to this page), and its own
 * policy refuses every fetch and connection; it starts the runner from a blob: URL, so the worker inherits that
 * policy. The page talks to the worker over the private port given to `connect`, and to the frame over a
 * control port (started / failed). `terminate()` removes the frame, which ends its worker.
 */
export class RunnerFrame implements RunnerHost {
  onfail: ((message: string) => void) | null = null;
  readonly #frame: HTMLIFrameElement;
  readonly #loaded: Promise<void>;
  readonly #control = new MessageChannel();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #ended = false;

  constructor() {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.src = asset('/notebook-runner.html');
    frame.title = 'Notebook code runner';
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    this.#loaded = new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    this.#control.port1.onmessage = (e: MessageEvent) => {
      const msg = checkFrameMessage(e.data);
      if (!msg || this.#ended) return;
      if (this.#timer) clearTimeout(this.#timer);
      if (msg.type === 'failed') this.#fail(msg.message);
    };
    document.body.append(frame);
    this.#frame = frame;
  }

  connect(port: MessagePort): void {
    Promise.all([loadRunner(), this.#loaded]).then(
      ([runner]) => {
        if (this.#ended) return;
        this.#timer = setTimeout(() => this.#fail('the sandbox page did not start it (is notebook-runner.html served?)'), START_TIMEOUT_MS);
        // '*': the frame's origin is opaque, so no origin can be named; the message goes to this frame only
        this.#frame.contentWindow?.postMessage({ type: 'start', runner }, '*', [port, this.#control.port2]);
      },
      (e: unknown) => this.#fail(`its code could not be loaded (${e instanceof Error ? e.message : String(e)})`)
    );
  }

  #fail(message: string): void {
    if (!this.#ended) this.onfail?.(message);
  }

  terminate(): void {
    this.#ended = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#control.port1.close();
    this.#frame.remove();
  }
}
