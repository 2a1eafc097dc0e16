import * as v from 'valibot';
import { PlaygroundError } from '../../errors';
import type { ScoringClient } from '../../workers/ScoringClient';
import type { SignalsSummary } from '../../workers/SignalsWorkspace';
import { cancellable, fmt, nextVersion, report, type BuiltinRunContext } from '../builtinRun';
import SignalsDataForm from '../SignalsDataForm.svelte';
import type { SignalsRef } from '../types';
import { columnNameOf } from './data';
import type { CellKindModule, KindCell } from './kind';
import { int, name } from './schemaParts';

/** A submission file of a Signals data cell (ticker, [date,] signal); the file itself stays in the session (`<cell id>:<id>`). */
const signalsFileSchema = v.object({
  /** Stable row id (the session key of the picked file). */
  id: v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/)),
  fileName: v.optional(name(500)),
  /** The signal's name (default: the file name without its extension, e.g. "quality" for quality.csv). */
  name: v.optional(name(200))
});
export type SignalsFileConfig = v.InferOutput<typeof signalsFileSchema>;

/** The built-in Signals market (seeded generator) or a Signals parquet/CSV file picked in this session, with submission files. */
export const signalsDataSchema = v.object({
  name: name(),
  source: v.picklist(['generated', 'file']),
  /** Generator options (source "generated"). */
  seed: v.optional(int(-(2 ** 31), 2 ** 32)),
  tickers: v.optional(int(150, 10_000)),
  dates: v.optional(int(2, 520)),
  /** File options (source "file"): the files themselves are not saved, only their names. */
  fileName: v.optional(name(500)),
  /** Where alpha's neutralizers come from: the file's `neutralizer_*` columns, its raw exposures, or either (default). */
  neutralizers: v.optional(v.picklist(['auto', 'prepared', 'exposures'])),
  /** A ticker map (two id columns) for submissions keyed by another id kind, e.g. bloomberg_ticker → numerai_ticker. */
  tickerMapFileName: v.optional(name(500)),
  /** Submission files, checked and cleaned date by date against the universe, then scored as signals. */
  submissions: v.optional(v.pipe(v.array(signalsFileSchema), v.maxLength(100)))
});
export type SignalsDataConfig = v.InferOutput<typeof signalsDataSchema>;
type SignalsDataCell = KindCell<'signalsData', SignalsDataConfig>;

/** A picked file of the session, or a clear error asking to pick it (again). */
function pickedFile(ctx: BuiltinRunContext, key: string, fileName: string | undefined, what: string): File {
  const file = ctx.session.files.get(key);
  if (file) return file;
  throw new PlaygroundError(fileName ? `Pick "${fileName}" again: files stay on your computer and are not saved in the notebook.` : `Pick ${what}.`);
}

/** Loads the ticker map and the submission files into the worker, saying what each check and cleaning reported. */
async function loadSubmissions(cell: SignalsDataCell, ctx: BuiltinRunContext, client: ScoringClient) {
  const c = cell.config;
  if (c.tickerMapFileName) {
    const map = pickedFile(ctx, `${cell.id}:tickerMap`, c.tickerMapFileName, 'the ticker map file');
    const r = await client.remember((w) => w.signalsLoadTickerMap(map, { fileName: map.name }));
    ctx.display({ kind: 'text', text: `${map.name}: ticker map ${r.from} → ${r.to}, ${fmt(r.pairs)} pairs` });
  }
  for (const [i, f] of (c.submissions ?? []).entries()) {
    const file = pickedFile(ctx, `${cell.id}:${f.id}`, f.fileName, `the submission file of row ${i + 1}, or remove the row`);
    const signal = f.name?.trim() || columnNameOf(file.name);
    ctx.progress(0, `checking ${file.name}`);
    const info = await client.remember((w) => w.signalsLoadSubmission(file, { name: signal, fileName: file.name }));
    const span = info.dates.length ? `${info.dates.length} date${info.dates.length === 1 ? '' : 's'} (${info.dates[0]}${info.dates.length > 1 ? ` to ${info.dates.at(-1)}` : ''})` : 'no date';
    ctx.display({ kind: 'text', text: `${file.name} → signal "${info.name}": ${span}, checked and cleaned as Numerai does` });
    for (const w of info.warnings) ctx.display({ kind: 'log', level: 'warn', text: w });
  }
}

/** Loads the cell's Signals data into its own scoring worker (replacing what that worker held) and describes it. */
async function runSignalsData(cell: SignalsDataCell, _inputs: Record<string, unknown>, ctx: BuiltinRunContext) {
  const c = cell.config;
  const client = ctx.workers.for(cell.id);
  client.resetState();
  const summary = await cancellable(client, ctx, async (): Promise<SignalsSummary> => {
    if (c.source === 'generated') {
      ctx.progress(0, 'generating prices, exposures and targets');
      await client.remember((w) => w.signalsLoadGenerated({ seed: c.seed ?? 42, tickers: c.tickers ?? 2000, dates: c.dates ?? 105 }));
    } else {
      const file = pickedFile(ctx, cell.id, c.fileName, 'a Signals parquet or CSV file (date, a ticker column, neutralizer_* or sector/country/factor_* columns, sample_weight, target)');
      const options = c.neutralizers && c.neutralizers !== 'auto' ? { neutralizers: c.neutralizers } : {};
      await client.remember((w) => w.signalsLoadData(file, options, report(ctx, 'reading the file')));
    }
    await loadSubmissions(cell, ctx, client);
    return client.run((w) => w.signalsDescribe());
  });
  const ref: SignalsRef = {
    $signals: `${cell.id}:${nextVersion()}`,
    owner: cell.id,
    n: summary.n,
    dates: summary.dates,
    rowsPerDate: summary.rowsPerDate,
    tickers: summary.tickers,
    idColumn: summary.idColumn,
    neutralizerNames: summary.neutralizerNames,
    neutralizers: summary.neutralizers,
    targets: summary.targets,
    columns: summary.columns,
    signals: summary.signals,
    prices: summary.prices,
    tickerMap: summary.tickerMap,
    source: summary.source
  };
  const D = summary.dates.length;
  const sizes = summary.rowsPerDate.length ? ` (${fmt(Math.min(...summary.rowsPerDate))}–${fmt(Math.max(...summary.rowsPerDate))} per date)` : '';
  const made = summary.neutralizers === 'exposures' && summary.exposures
    ? `built from ${[...summary.exposures.categorical.map((x) => x.name), ...summary.exposures.numeric].join(', ')}`
    : 'from the file';
  ctx.display({
    kind: 'text',
    text: `${fmt(summary.n)} rows · ${D} dates (${summary.dates[0]} to ${summary.dates[D - 1]}) · ${fmt(summary.tickers)} tickers${sizes} · ${summary.neutralizerNames.length} neutralizers ${made} · targets: ${summary.targets.join(', ') || 'none'}`
  });
  const extras = [summary.columns.length ? `outside data: ${summary.columns.join(', ')}` : '', summary.prices ? 'daily prices (signals.prices in code cells)' : ''].filter(Boolean);
  if (extras.length) ctx.display({ kind: 'text', text: extras.join(' · ') });
  for (const w of summary.warnings) ctx.display({ kind: 'log', level: 'warn', text: w });
  return { [c.name]: ref };
}

/** A Signals data cell: the built-in seeded Signals market or a Signals file, with submissions, held by its own scoring worker. */
export const signalsDataKind: CellKindModule<'signalsData', SignalsDataConfig> = {
  kind: 'signalsData',
  label: 'Signals data',
  icon: '▤',
  description: 'Signals data: the built-in seeded stock market (prices, exposures, targets) or a Signals parquet/CSV file, with submission files.',
  schema: signalsDataSchema,
  defaults: (ctx) => ({ name: ctx.free('signals'), source: 'generated', seed: 42, tickers: 2000, dates: 105 }),
  deps: (c) => ({ defines: [c.name], uses: [] }),
  provides: ['signalsDataset'],
  form: SignalsDataForm,
  run: runSignalsData
};
