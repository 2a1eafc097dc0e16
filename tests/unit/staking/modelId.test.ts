import { describe, expect, it } from 'vitest';
import { ModelNameError, isModelName, modelIdOf, modelNameOf } from '../../../src/lib/staking/modelId';

describe('modelIdOf', () => {
  it('modelIdOf(name) is the UTF-8 name right-padded to bytes32, as the contract tests encode it', () => {
    expect(modelIdOf('model_a')).toBe(`0x${Buffer.from('model_a').toString('hex').padEnd(64, '0')}`);
    expect(modelIdOf(' model_a ')).toBe(modelIdOf('model_a'));
  });

  it('modelNameOf(modelIdOf(name)) gives the name back; foreign ids stay hex', () => {
    expect(modelNameOf(modelIdOf('x-1_Z'))).toBe('x-1_Z');
    const foreign = `0x${'ff'.repeat(32)}` as const;
    expect(modelNameOf(foreign)).toBe(foreign);
  });

  it.each(['', 'has space', 'a'.repeat(33), 'émoji', 'semi;colon'])('modelIdOf(%j) throws a ModelNameError', (name) => {
    expect(() => modelIdOf(name)).toThrowError(ModelNameError);
    expect(isModelName(name)).toBe(false);
  });
});
