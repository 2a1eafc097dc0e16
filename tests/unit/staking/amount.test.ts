import { describe, expect, it } from 'vitest';
import { AmountError, amountToInput, formatAmount, parseAmount } from '../../../src/lib/staking/amount';

const WEI = 10n ** 18n;

describe('parseAmount', () => {
  it('parseAmount(text) reads whole and fractional tNMR into exact wei', () => {
    expect(parseAmount('10')).toBe(10n * WEI);
    expect(parseAmount('0.5')).toBe(WEI / 2n);
    expect(parseAmount('.25')).toBe(WEI / 4n);
    expect(parseAmount('3.')).toBe(3n * WEI);
    expect(parseAmount(' 1,000.000000000000000001 ')).toBe(1000n * WEI + 1n);
    expect(parseAmount('+7')).toBe(7n * WEI);
  });

  it('parseAmount(text) has no float path: 0.1 + 0.2 style inputs stay exact', () => {
    expect(parseAmount('0.1') + parseAmount('0.2')).toBe(parseAmount('0.3'));
    expect(parseAmount('123456789.123456789123456789')).toBe(123456789123456789123456789n);
    // 2^53 + 1 whole tokens would be lost by a float
    expect(parseAmount('9007199254740993')).toBe(9007199254740993n * WEI);
  });

  it.each([
    ['', 'Enter an amount.'],
    ['   ', 'Enter an amount.'],
    ['-1', 'The amount must be positive, got "-1".'],
    ['- 2.5', 'The amount must be positive, got "- 2.5".'],
    ['abc', '"abc" is not a number of tNMR.'],
    ['1e18', '"1e18" is not a number of tNMR.'],
    ['0x10', '"0x10" is not a number of tNMR.'],
    ['1.2.3', '"1.2.3" is not a number of tNMR.'],
    ['NaN', '"NaN" is not a number of tNMR.'],
    ['Infinity', '"Infinity" is not a number of tNMR.'],
    ['0.0000000000000000001', 'tNMR has 18 decimals; "0.0000000000000000001" has 19.'],
    ['0', 'The amount must be more than 0.'],
    ['0.000', 'The amount must be more than 0.']
  ])('parseAmount(%j) rejects with "%s"', (input, message) => {
    expect(() => parseAmount(input)).toThrowError(AmountError);
    try {
      parseAmount(input);
    } catch (e) {
      expect((e as AmountError).shortMessage).toBe(message);
    }
  });

  it('parseAmount(text, { allowZero, decimals, symbol }) honours its options', () => {
    expect(parseAmount('0', { allowZero: true })).toBe(0n);
    expect(parseAmount('1.5', { decimals: 6 })).toBe(1_500_000n);
    expect(() => parseAmount('x', { symbol: 'ETH' })).toThrow('"x" is not a number of ETH.');
  });
});

describe('formatAmount', () => {
  it('formatAmount(wei) groups thousands and truncates (never rounds up) to 4 decimals', () => {
    expect(formatAmount(1234567800000000000000n)).toBe('1,234.5678');
    expect(formatAmount(999999999999999999n)).toBe('0.9999');
    expect(formatAmount(10n * WEI)).toBe('10');
    expect(formatAmount(0n)).toBe('0');
    expect(formatAmount(-35n * WEI / 10n)).toBe('-3.5');
  });

  it('formatAmount(tiny) shows "<0.0001" instead of a misleading 0', () => {
    expect(formatAmount(1n)).toBe('<0.0001');
    expect(formatAmount(-1n)).toBe('-<0.0001');
    expect(formatAmount(WEI / 1000n, { maxDecimals: 2 })).toBe('<0.01');
  });

  it('formatAmount(wei, { maxDecimals: 18, grouping: false }) is exact', () => {
    expect(formatAmount(123456789123456789123456789n, { maxDecimals: 18, grouping: false })).toBe('123456789.123456789123456789');
    expect(amountToInput(2500000000000000000n)).toBe('2.5');
  });

  it('parseAmount(amountToInput(x)) round-trips 200 seeded amounts exactly', () => {
    let seed = 42n;
    for (let i = 0; i < 200; i++) {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
      const wei = (seed % 10n ** 24n) + 1n;
      expect(parseAmount(amountToInput(wei))).toBe(wei);
    }
  });
});
