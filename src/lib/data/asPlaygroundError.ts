import { PlaygroundError } from '../errors';

/** Passes PlaygroundErrors through and wraps anything else (an I/O failure, a bug) as "<file> could not be read: …". */
export function asPlaygroundError(error: unknown, source: string): PlaygroundError {
  if (error instanceof PlaygroundError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PlaygroundError(`${source} could not be read: ${message}`, {
    hints: ['If the file is on a removable or network drive, copy it locally and try again.'],
    cause: error
  });
}
