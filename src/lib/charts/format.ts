import { format } from 'd3';

const sig = format('.6~g');

/** A value as tooltips show it: 6 significant digits, U+2212 minus, '—' for NaN (no score). */
export function formatValue(v: number, unit = ''): string {
  if (v !== v) return '—';
  return sig(v) + (unit ? ` ${unit}` : '');
}

/** "a", "a and b", "a, b and 3 more". */
export function listLabels(labels: readonly string[], max = 3): string {
  if (labels.length <= 1) return labels[0] ?? '';
  if (labels.length <= max) return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return `${labels.slice(0, max).join(', ')} and ${labels.length - max} more`;
}

/** One sentence on a series over eras [i0, i1] for a chart's <desc>: mean, positives, unscored eras. */
export function describeValues(label: string, v: ArrayLike<number>, i0: number, i1: number): string {
  let n = 0;
  let sum = 0;
  let pos = 0;
  for (let i = i0; i <= i1; ++i) {
    if (v[i] !== v[i]) continue;
    ++n;
    sum += v[i];
    if (v[i] > 0) ++pos;
  }
  const missing = i1 - i0 + 1 - n;
  return `${label}: mean ${formatValue(n ? sum / n : NaN)} over ${n} scored eras, ${pos} positive${missing ? `, ${missing} without a score` : ''}.`;
}

/** "eras 0001 to 0120 (120 eras)". */
export function describeWindow(eras: readonly string[], [i0, i1]: readonly [number, number]): string {
  return i1 < i0 ? 'no eras' : `eras ${eras[i0]} to ${eras[i1]} (${i1 - i0 + 1} eras)`;
}
