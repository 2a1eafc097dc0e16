// Where the reference fixtures live: inside the repository (tests/fixtures), so a plain clone runs the tests.
import { fileURLToPath } from 'node:url';

/** The Tournament reference fixture (numerai-tools 0.6.0 scores), with a trailing slash. */
export const NUMERAI_DEV = fileURLToPath(new URL('../fixtures/numerai-dev/', import.meta.url));

/** The Signals reference fixture (numerai-tools 0.6.0 scores), with a trailing slash. */
export const SIGNALS_DEV = fileURLToPath(new URL('../fixtures/signals-dev/', import.meta.url));
