import { transform } from 'sucrase';

/**
 * TypeScript → JavaScript by removing the types (sucrase's `typescript` transform, modern syntax kept).
 * Sucrase keeps every line where it was, so error line numbers still point into the cell source.
 */
export function stripTypes(source: string): string {
  return transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
}
