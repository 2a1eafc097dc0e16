/** The number of an era label ("0575" → 575, "era12" → 12); NaN for labels without digits (e.g. live "X"). */
export function eraNumber(label: string): number {
  const m = /(\d+)\s*$/.exec(label);
  return m ? Number(m[1]) : NaN;
}
