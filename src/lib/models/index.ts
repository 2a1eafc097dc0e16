// Client-side models: pure TypeScript over typed arrays, the same in a Web Worker and in Node.
export { splitEras, type SplitErasOptions, type EraSplit } from './splitEras';
export { eraRows, type EraRows } from './eraRows';
export { trainRidge, type RidgeModel, type RidgeOptions } from './trainRidge';
export { predictRidge } from './predictRidge';
export { trainGbdt } from './trainGbdt';
export { predictGbdt } from './predictGbdt';
export { gbdtParams } from './gbdtParams';
export type { GbdtModel, GbdtParams, GbdtTrees } from './GbdtModel';
export { bestSplit, type Split } from './bestSplit';
export { rankPerEra } from './rankPerEra';
export { rankEnsemble, type RankEnsembleOptions } from './rankEnsemble';
export { trainModel, trainingSet } from './trainModel';
export { predict } from './predict';
export { modelBuffers } from './modelBuffers';
export { featureColumns, type FeatureSource } from './featureColumns';
export type { TrainingSet, TrainControl } from './TrainingSet';
export type { ModelSpec, RidgeSpec, GbdtSpec, TrainingSpec, TrainedModel } from './ModelSpec';
