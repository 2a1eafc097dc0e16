/** One feature (neutralizer) column: Numerai's int8 bins, or any numeric column. Must hold no NaN. */
export type FeatureColumn = Int8Array | Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array;
