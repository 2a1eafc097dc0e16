import type { GbdtParams } from './GbdtModel';

/** GBDT hyperparameters with defaults filled in and ranges checked (RangeError naming the bad value). */
export function gbdtParams(params: GbdtParams = {}): Required<GbdtParams> {
  // 0 stands for "no limit" (Infinity would not survive JSON)
  const maxDepth = params.maxDepth === undefined ? 5 : params.maxDepth > 0 && Number.isFinite(params.maxDepth) ? params.maxDepth : 0;
  const p: Required<GbdtParams> = {
    trees: params.trees ?? 100,
    learningRate: params.learningRate ?? 0.1,
    maxDepth,
    numLeaves: params.numLeaves ?? (maxDepth > 0 ? Math.min(2 ** maxDepth, 1 << 17) : 31),
    minDataInLeaf: params.minDataInLeaf ?? 20,
    colsampleBytree: params.colsampleBytree ?? 1,
    subsample: params.subsample ?? 1,
    lambdaL2: params.lambdaL2 ?? 0,
    minGainToSplit: params.minGainToSplit ?? 0,
    seed: params.seed ?? 0
  };
  const check = (ok: boolean, name: keyof GbdtParams, what: string) => {
    if (!ok) throw new RangeError(`gbdt: ${name} must be ${what}, got ${p[name]}`);
  };
  check(Number.isInteger(p.trees) && p.trees >= 0, 'trees', 'an integer ≥ 0');
  check(p.learningRate > 0 && Number.isFinite(p.learningRate), 'learningRate', '> 0');
  check(Number.isInteger(p.maxDepth), 'maxDepth', 'an integer (0 for no limit)');
  check(Number.isInteger(p.numLeaves) && p.numLeaves >= 1 && p.numLeaves <= 1 << 17, 'numLeaves', 'an integer in 1..131072');
  check(Number.isInteger(p.minDataInLeaf) && p.minDataInLeaf >= 1, 'minDataInLeaf', 'an integer ≥ 1');
  check(p.colsampleBytree > 0 && p.colsampleBytree <= 1, 'colsampleBytree', 'in (0, 1]');
  check(p.subsample > 0 && p.subsample <= 1, 'subsample', 'in (0, 1]');
  check(p.lambdaL2 >= 0 && Number.isFinite(p.lambdaL2), 'lambdaL2', '≥ 0');
  check(p.minGainToSplit >= 0 && Number.isFinite(p.minGainToSplit), 'minGainToSplit', '≥ 0');
  return p;
}
