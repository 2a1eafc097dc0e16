import { hexToString, isHex, stringToHex, type Hex } from 'viem';
import { PlaygroundError } from '../errors';

/** A model name that cannot become a bytes32 model id. */
export class ModelNameError extends PlaygroundError {
  override name = 'ModelNameError';
}

const NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** Whether `name` is a usable model name: 1–32 letters, digits, `_` or `-`. */
export function isModelName(name: string): boolean {
  return NAME.test(name);
}

/**
 * The bytes32 model id of a model name: its UTF-8 bytes, right-padded with zeros, so the name can be read back
 * from events ({@link modelNameOf}). Same encoding as the contract tests' `modelId`.
 * @throws {ModelNameError}
 * @example modelIdOf('model_a') // 0x6d6f64656c5f6100…00
 */
export function modelIdOf(name: string): Hex {
  const trimmed = name.trim();
  if (!NAME.test(trimmed)) {
    throw new ModelNameError(
      trimmed === '' ? 'Enter a model name.' : `"${trimmed}" is not a model name.`,
      { hints: ['Use 1–32 letters, digits, "_" or "-", e.g. model_a.'] }
    );
  }
  return stringToHex(trimmed, { size: 32 });
}

/** The model name behind a bytes32 id, or the id itself when it is not a padded printable name. */
export function modelNameOf(id: Hex): string {
  if (!isHex(id) || id.length !== 66) return id;
  const name = hexToString(id, { size: 32 });
  return NAME.test(name) ? name : id;
}
