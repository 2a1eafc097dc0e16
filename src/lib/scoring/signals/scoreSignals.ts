import { PlaygroundError } from '../../errors';
import { gather } from '../filterOverlap';
import { rankGaussianPow15 } from '../rankGaussianPow15';
import { summarize, type Summary } from '../summarize';
import { centerWeightNormalize } from './centerWeightNormalize';
import { churn } from './churn';
import { mpcFromWeights } from './mpcFromWeights';
import { NeutralizerBlock } from './NeutralizerBlock';
import { signalsMetrics, type SignalsMetricName } from './signalsMetrics';
import { turnover } from './turnover';

export interface ScoreSignalsInput {
  /** Date labels (YYYY-MM-DD), ascending: "the previous date" of churn and turnover is the one before in this list. */
  dates: string[];
  /** Date k spans rows [dateStarts[k], dateStarts[k + 1]): that date's universe, one row per ticker. */
  dateStarts: Uint32Array;
  /** Ticker code of each row (the same code on every date); strictly ascending within a date (sorted by ticker). */
  tickers: Uint32Array;
  /** Neutralizer columns aligned to the rows (NᵀVN = I per date); a NaN leaves that row out of the weights. */
  neutralizers: readonly Float64Array[];
  /** Sample weights aligned to the rows; NaN leaves the row out. */
  sampleWeight: Float64Array;
  /** Target aligned to the rows; NaN where it is not known (yet). */
  target: Float64Array;
  /** Cleaned signals per model (`cleanSubmission`: ranked, 0.5-filled), aligned to the rows; NaN on dates the model did not submit. */
  predictions: Record<string, Float64Array>;
  /** Stake of each model in the meta portfolio (enables MPC); every model named must be in `predictions`. */
  stakes?: Record<string, number> | null;
  /** k of the top/bottom churn (enables `churn_top_bottom`). */
  churnTopBottom?: number;
  /** Metrics to compute (default: every metric the inputs allow). */
  metrics?: readonly SignalsMetricName[];
  /** Called after each date. */
  onProgress?: (datesDone: number, datesTotal: number) => void;
}

export interface SignalsModelScores {
  /** Tickers with a target (and neutralizers and a weight) scored per date; 0 where the model did not submit. */
  n: Int32Array;
  /** One value per date for each metric; NaN where it is undefined (no target, < 80 % overlap, first date, no submission). */
  perDate: Partial<Record<SignalsMetricName, Float64Array>>;
  summary: Partial<Record<SignalsMetricName, Summary>>;
}

export interface SignalsScores {
  dates: string[];
  metrics: SignalsMetricName[];
  models: Record<string, SignalsModelScores>;
}

/** Which metrics the inputs allow. */
export function availableSignalsMetrics(input: Pick<ScoreSignalsInput, 'stakes' | 'churnTopBottom'>): SignalsMetricName[] {
  const has = { stakes: !!input.stakes && Object.keys(input.stakes).length > 0, previous: true, topBottom: (input.churnTopBottom ?? 0) > 0 };
  return (Object.keys(signalsMetrics) as SignalsMetricName[]).filter((m) => signalsMetrics[m].needs.every((need) => has[need]));
}

const OVERLAP = 1 - 0.2;

/** One model's state carried to the next date: its cleaned signal and its centred, normalised weights. */
interface Previous {
  date: number;
  signal: Float64Array;
  tickers: Uint32Array;
  /** Weights on `weightTickers`; null when the 80 % rule left the date without weights. */
  weights: Float64Array | null;
  weightTickers: Uint32Array;
}

/**
 * Scores Signals submissions date by date exactly as numerai-tools does on each date's universe: alpha and MPC
 * (`alpha`, `meta_portfolio_contribution` with the given stakes) on the tickers with a target, churn (`churn` of the
 * cleaned signals, also top/bottom) and turnover (`turnover` of `generate_neutralized_weights(…, center_and_normalize=True)`
 * over the whole universe) against the previous date. A date where fewer than 80 % of the universe has a target (or
 * neutralizers and a weight), or where today's and the previous universe overlap by less than 80 %, gets NaN, as
 * numerai-tools' overlap rule refuses it. Ranks and neutralizer blocks are shared by every model of a date; the
 * weights of alpha are reused for turnover and MPC when the row sets agree.
 */
export function scoreSignals(input: ScoreSignalsInput): SignalsScores {
  const allowed = availableSignalsMetrics(input);
  const metrics = (input.metrics ?? allowed).filter((m) => allowed.includes(m));
  const want = (m: SignalsMetricName) => metrics.includes(m);
  const { dates, dateStarts, tickers, neutralizers, sampleWeight, target } = input;
  const D = dates.length;
  const N = target.length;
  if (dateStarts.length !== D + 1 || dateStarts[D] !== N) throw new RangeError(`scoreSignals: ${dateStarts.length} date offsets for ${D} dates and ${N} rows`);
  if (tickers.length !== N || sampleWeight.length !== N || neutralizers.some((c) => c.length !== N)) throw new RangeError('scoreSignals: tickers, sample weights and neutralizers must have one value per row');
  const names = Object.keys(input.predictions);
  for (const name of names) if (input.predictions[name].length !== N) throw new RangeError(`scoreSignals: predictions "${name}" have ${input.predictions[name].length} rows, the target ${N}`);
  const stakes = input.stakes ?? {};
  for (const [name, stake] of Object.entries(stakes)) {
    if (!names.includes(name)) throw new PlaygroundError(`The stakes name model "${name}", which has no predictions.`, { hints: [`Models with predictions: ${names.join(', ') || 'none'}.`] });
    if (!(stake >= 0) || !Number.isFinite(stake)) throw new PlaygroundError(`The stake of "${name}" is ${stake}: stakes must be finite amounts ≥ 0.`);
  }
  const k = input.churnTopBottom ?? 0;

  const models: Record<string, SignalsModelScores> = {};
  for (const name of names) {
    const perDate: SignalsModelScores['perDate'] = {};
    for (const m of metrics) perDate[m] = new Float64Array(D).fill(NaN);
    models[name] = { n: new Int32Array(D), perDate, summary: {} };
  }
  const previous = new Map<string, Previous>();

  for (let d = 0; d < D; ++d) {
    const s = dateStarts[d], e = dateStarts[d + 1], nu = e - s;
    const dayTickers = tickers.subarray(s, e);
    for (let i = 1; i < nu; ++i) {
      if (!(dayTickers[i] > dayTickers[i - 1])) throw new PlaygroundError(`Date ${dates[d]} lists a ticker twice or out of order (row ${s + i}).`, { hints: ['Rows must be sorted by date then ticker, one row per ticker and date.'] });
    }
    // C: rows with neutralizers and a weight (turnover); A: those with a target too (alpha, MPC)
    const covered = new Uint8Array(nu);
    for (let i = 0; i < nu; ++i) covered[i] = sampleWeight[s + i] === sampleWeight[s + i] ? 1 : 0;
    for (const c of neutralizers) for (let i = 0; i < nu; ++i) if (c[s + i] !== c[s + i]) covered[i] = 0;
    const rowsC = new Uint32Array(nu), rowsA = new Uint32Array(nu);
    let nC = 0, nA = 0;
    for (let i = 0; i < nu; ++i) {
      if (!covered[i]) continue;
      rowsC[nC++] = s + i;
      if (target[s + i] === target[s + i]) rowsA[nA++] = s + i;
    }
    const A = rowsA.subarray(0, nA), C = rowsC.subarray(0, nC);
    const alphaOk = A.length > 0 && A.length / nu >= OVERLAP;
    const weightsOk = C.length > 0 && C.length / nu >= OVERLAP;
    const sameRows = A.length === C.length;
    const needA = alphaOk && (want('alpha') || want('mpc'));
    const needC = weightsOk && want('turnover');
    const blockA = needA ? NeutralizerBlock.fromColumns(neutralizers, A) : null;
    const blockC = needC ? (sameRows && blockA ? blockA : NeutralizerBlock.fromColumns(neutralizers, C)) : null;
    const vA = blockA ? gather(sampleWeight, A) : null;
    const vC = blockC ? (blockC === blockA ? vA! : gather(sampleWeight, C)) : null;
    let tc: Float64Array | null = null;
    if (blockA) {
      tc = gather(target, A);
      let m = 0;
      for (let i = 0; i < tc.length; ++i) m += tc[i];
      m /= tc.length;
      for (let i = 0; i < tc.length; ++i) tc[i] -= m;
    }
    const cTickers = blockC ? gatherCodes(tickers, C) : null;
    const staked: { name: string; w: Float64Array }[] = [];

    for (const name of names) {
      const out = models[name];
      const pAll = input.predictions[name];
      if (!submitted(pAll, s, e, name, dates[d])) {
        previous.delete(name);
        continue;
      }
      const signal = pAll.subarray(s, e);
      let wA: Float64Array | null = null;
      if (blockA) {
        out.n[d] = A.length;
        wA = blockA.weights(rankGaussianPow15(gather(pAll, A)), vA!);
        if (want('alpha')) {
          let acc = 0;
          for (let i = 0; i < wA.length; ++i) acc += wA[i] * tc![i];
          out.perDate.alpha![d] = acc / wA.length;
        }
        if (want('mpc') && name in stakes) staked.push({ name, w: wA });
      }
      let wC: Float64Array | null = null;
      if (blockC) {
        wC = blockC === blockA && wA ? Float64Array.from(wA) : blockC.weights(rankGaussianPow15(gather(pAll, C)), vC!);
        centerWeightNormalize(wC);
      }
      const prev = previous.get(name);
      if (prev && prev.date === d - 1) {
        if (want('churn') || want('churn_top_bottom')) {
          const [a, b] = unionAligned(dayTickers, signal, prev.tickers, prev.signal);
          if (want('churn')) out.perDate.churn![d] = orNaN(() => churn(a, b));
          if (want('churn_top_bottom')) out.perDate.churn_top_bottom![d] = churn(a, b, { topBottom: k });
        }
        if (want('turnover') && wC && prev.weights) {
          const [a, b] = unionAligned(cTickers!, wC, prev.weightTickers, prev.weights);
          out.perDate.turnover![d] = orNaN(() => turnover(a, b));
        }
      }
      previous.set(name, { date: d, signal, tickers: dayTickers, weights: wC, weightTickers: cTickers ?? new Uint32Array(0) });
    }

    // MPC over the staked models that submitted this date (undefined when none of them has a positive stake)
    if (staked.length && staked.some((x) => stakes[x.name] > 0)) {
      const mpc = mpcFromWeights(staked.map((x) => x.w), staked.map((x) => stakes[x.name]), gather(target, A));
      staked.forEach((x, j) => (models[x.name].perDate.mpc![d] = mpc[j]));
    }
    input.onProgress?.(d + 1, D);
  }
  for (const out of Object.values(models)) for (const m of metrics) out.summary[m] = summarize(out.perDate[m]!);
  return { dates: dates.slice(), metrics, models };
}

/** True when the model has a signal for every row of the date, false when it has none; a partial date is an error. */
function submitted(p: Float64Array, s: number, e: number, name: string, date: string): boolean {
  let present = 0;
  for (let i = s; i < e; ++i) if (p[i] === p[i]) present++;
  if (present === 0) return false;
  if (present === e - s) return true;
  throw new PlaygroundError(`The signal "${name}" has ${e - s - present} missing values on ${date}: clean it first.`, {
    hints: ['cleanSubmission ranks a submission against the date\'s universe and fills the tickers it lacks with 0.5, as Numerai does.']
  });
}

/** The two sides' values over the union of their tickers (both ascending), NaN where a side lacks the ticker. */
function unionAligned(ta: ArrayLike<number>, va: ArrayLike<number>, tb: ArrayLike<number>, vb: ArrayLike<number>): [Float64Array, Float64Array] {
  const cap = ta.length + tb.length;
  const a = new Float64Array(cap), b = new Float64Array(cap);
  let i = 0, j = 0, m = 0;
  while (i < ta.length || j < tb.length) {
    if (j >= tb.length || (i < ta.length && ta[i] < tb[j])) {
      a[m] = va[i++];
      b[m++] = NaN;
    } else if (i >= ta.length || tb[j] < ta[i]) {
      a[m] = NaN;
      b[m++] = vb[j++];
    } else {
      a[m] = va[i++];
      b[m++] = vb[j++];
    }
  }
  return [a.subarray(0, m), b.subarray(0, m)];
}

/** The value, or NaN when numerai-tools would refuse the comparison (the 80 % overlap rule). */
function orNaN(f: () => number): number {
  try {
    return f();
  } catch (e) {
    if ((e as Error).name === 'OverlapError') return NaN;
    throw e;
  }
}

/** codes[rows[i]] for each row. */
function gatherCodes(codes: Uint32Array, rows: Uint32Array): Uint32Array {
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; ++i) out[i] = codes[rows[i]];
  return out;
}
