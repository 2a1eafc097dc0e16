/** Where progress goes: a stream that may be a terminal (process.stderr). */
interface Stream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Seconds between progress lines when stderr is a file or a pipe (a terminal gets every update in place). */
const PIPE_INTERVAL_MS = 5000;

/**
 * Progress on stderr: on a terminal, transient lines overwrite each other in place and notes print above them; to a
 * pipe or file, a transient line is printed at most every 5 s and not during the first 5 s (a log stays readable, a
 * short job prints none); `quiet` drops progress (notes and warnings still print).
 */
export function progressWriter(stream: Stream, options: { quiet?: boolean } = {}) {
  const tty = !!stream.isTTY;
  let showing = false;
  let printed = false;
  let last = Date.now(); // a pipe hears nothing from a job shorter than PIPE_INTERVAL_MS
  const clear = () => {
    if (showing) stream.write('\r\x1b[K');
    showing = false;
  };
  return {
    write(line: string, transient: boolean): void {
      if (options.quiet) return;
      if (tty) {
        stream.write(`\r${line}\x1b[K${transient ? '' : '\n'}`);
        showing = transient;
        return;
      }
      // to a pipe: a line every PIPE_INTERVAL_MS, and the closing line of a job that printed any
      const now = Date.now();
      if (transient ? now - last < PIPE_INTERVAL_MS : !printed) return;
      last = now;
      printed = transient;
      stream.write(line + '\n');
    },
    /** A warning or error: always printed. */
    log(line: string): void {
      clear();
      stream.write(line + '\n');
    },
    /** A note (the estimate): on a terminal unless quiet; to a pipe only when `important` (a long job), unless quiet. */
    note(line: string, important = false): void {
      if (!options.quiet && (tty || important)) this.log(line);
    },
    done(): void {
      clear();
    }
  };
}
