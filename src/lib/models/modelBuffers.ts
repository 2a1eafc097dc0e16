import type { TrainedModel } from './ModelSpec';

/** The typed-array buffers of a trained model, for Comlink.transfer (the model then moves instead of being copied). */
export function modelBuffers(model: TrainedModel): ArrayBuffer[] {
  const arrays: ArrayBufferView[] =
    model.kind === 'ridge' ? [model.coef] : [model.trainMse, model.importance, ...Object.values(model.trees)];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
