import { formatUnits, parseUnits } from 'viem';
import { PlaygroundError } from '../errors';

/** tNMR and ETH both have 18 decimals. */
export const TOKEN_DECIMALS = 18;

/** An amount typed by the user that is not a positive decimal number of tokens. */
export class AmountError extends PlaygroundError {
  override name = 'AmountError';
}

const DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/**
 * Parses a decimal token amount ("10", "0.5", "1,000.25") into wei as a bigint, without ever going through a
 * float. Rejects empty input, signs, exponents, non-numbers, more than `decimals` fraction digits and zero
 * (unless `allowZero`).
 * @throws {AmountError}
 * @example parseAmount('1.5') // 1500000000000000000n
 */
export function parseAmount(input: string, { decimals = TOKEN_DECIMALS, allowZero = false, symbol = 'tNMR' } = {}): bigint {
  const text = input.trim().replace(/[,_\s]/g, '');
  if (text === '') throw new AmountError('Enter an amount.');
  if (text.startsWith('-')) throw new AmountError(`The amount must be positive, got "${input.trim()}".`);
  const match = DECIMAL.exec(text.startsWith('+') ? text.slice(1) : text);
  if (!match) {
    throw new AmountError(`"${input.trim()}" is not a number of ${symbol}.`, {
      hints: ['Write it with digits and at most one decimal point, e.g. 10 or 2.5.']
    });
  }
  const fraction = match[2] ?? match[3] ?? '';
  if (fraction.length > decimals) {
    throw new AmountError(`${symbol} has ${decimals} decimals; "${input.trim()}" has ${fraction.length}.`);
  }
  const wei = parseUnits(`${match[1] ?? '0'}.${fraction || '0'}`, decimals);
  if (wei === 0n && !allowZero) throw new AmountError('The amount must be more than 0.');
  return wei;
}

/**
 * Formats wei as a decimal string with thousands separators, keeping at most `maxDecimals` fraction digits
 * (truncated toward zero, never rounded up) and dropping trailing zeros. Exact for any bigint.
 * @example formatAmount(1234567800000000000000n) // "1,234.5678"
 */
export function formatAmount(wei: bigint, { decimals = TOKEN_DECIMALS, maxDecimals = 4, grouping = true } = {}): string {
  const negative = wei < 0n;
  const [whole, fraction = ''] = formatUnits(negative ? -wei : wei, decimals).split('.');
  const kept = fraction.slice(0, maxDecimals).replace(/0+$/, '');
  const grouped = grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const sign = negative ? '-' : '';
  // A non-zero amount below the last kept digit shows as "<0.0001" rather than a misleading "0".
  if (!kept && whole === '0' && fraction.replace(/0+$/, '')) {
    return `${sign}<${maxDecimals > 0 ? `0.${'0'.repeat(maxDecimals - 1)}1` : '1'}`;
  }
  return `${sign}${kept ? `${grouped}.${kept}` : grouped}`;
}

/** Exact decimal string of wei for an input field ("12.5"), no grouping, all significant digits. */
export function amountToInput(wei: bigint, decimals = TOKEN_DECIMALS): string {
  return formatUnits(wei, decimals);
}
