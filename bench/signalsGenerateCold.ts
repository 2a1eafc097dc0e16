// One cold run of the Signals generator in a fresh process (what the app pays on first load, JIT included): prints
// {"wallMs", "cpuMs", "rows"} as JSON. Used by bench/signals.ts; options: --tickers N --dates N.
import { parseArgs } from 'node:util';
import { generateSignalsDataset } from '../src/lib/data/generateSignalsDataset';

const { values } = parseArgs({ options: { tickers: { type: 'string' }, dates: { type: 'string' } } });
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c = cpu(), t = performance.now();
const { dataset } = generateSignalsDataset({ tickers: values.tickers ? Number(values.tickers) : undefined, dates: values.dates ? Number(values.dates) : undefined });
console.log(JSON.stringify({ wallMs: performance.now() - t, cpuMs: cpu() - c, rows: dataset.n }));
