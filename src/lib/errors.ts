/**
 * The one error base of the playground (after viem's BaseError): a short message that says what happened,
 * hints that say what to do, and an optional cause. `name` lets callers narrow without instanceof across
 * worker boundaries (Comlink clones errors to plain objects with name and message).
 */
export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
  readonly shortMessage: string;
  readonly hints: string[];

  constructor(shortMessage: string, options: { hints?: string[]; cause?: unknown } = {}) {
    const hints = options.hints ?? [];
    super([shortMessage, ...hints.map((h) => `- ${h}`)].join('\n'), { cause: options.cause });
    this.shortMessage = shortMessage;
    this.hints = hints;
  }
}

/** Formats a count with thousands separators, as error messages show them ("1,204 of 6,720"). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
