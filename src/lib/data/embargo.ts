/**
 * Numerai's embargo: a 20-day target spans about 4 weekly eras, so the 4 eras right after the last training era
 * overlap it and are not used for validation (numerai/example-scripts hello_numerai: "embargo the first 4 eras
 * following our last train era").
 */
export const EMBARGO_ERAS = 4;

/** The eras a model trained up to era `lastTrain` (an index into `eras`; −1 for none) may be judged on. */
export function erasAfterEmbargo(eras: string[], lastTrain: number): string[] {
  return eras.filter((_, k) => k > lastTrain + EMBARGO_ERAS);
}
