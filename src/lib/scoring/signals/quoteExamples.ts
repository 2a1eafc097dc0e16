/** Up to `max` values, JSON-quoted and comma-separated, with "…" when there are more: the examples of an error message. */
export function quoteExamples(values: Iterable<string>, max = 3): string {
  const shown: string[] = [];
  let more = false;
  for (const v of values) {
    if (shown.length === max) {
      more = true;
      break;
    }
    shown.push(JSON.stringify(v));
  }
  return shown.join(', ') + (more ? ', …' : '');
}
