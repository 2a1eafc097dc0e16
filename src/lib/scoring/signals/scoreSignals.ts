import { PlaygroundError } from '../../errors';
import { gather } from '../filterOverlap';
import { summarize, type Summary } from '../summarize';
import { pearson } from '../pearson';
import { centerWeightNormalize } from './centerWeightNormalize';
import { signalsMetrics, type SignalsMetricName } from './signalsMetrics';
import { SignalsRowSet } from './SignalsRowSet';
import { unitIntervalOrder } from './unitIntervalOrder';

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

/** One model's state carried to the next date: its cleaned signal, sort order and centred, normalised weights. */
interface Previous {
  date: number;
  signal: Float64Array;
  order: Uint32Array;
  /** Turnover weights on the date's covered rows (`weightRows` local indices); null when the 80 % rule left none. */
  weights: Float64Array | null;
}

/**
 * Scores Signals submissions date by date exactly as numerai-tools does on each date's universe: alpha and MPC
 * (`alpha`, `meta_portfolio_contribution` with the given stakes) on the tickers with a target, churn (`churn` of the
 * cleaned signals, also top/bottom) and turnover (`turnover` of `generate_neutralized_weights(…, center_and_normalize=True)`
 * over the whole universe) against the previous date. A date where fewer than 80 % of the universe has a target (or
 * neutralizers and a weight), or where today's and the previous universe overlap by less than 80 %, gets NaN, as
 * numerai-tools' overlap rule refuses it. Work is shared across the models of a date: each signal is sorted once (its
 * ranks over every row set and overlap follow from that order), Φ⁻¹ of each rank is computed once per date, and alpha
 * and MPC use wᵀy = s′ᵀ(v∘y) − cᵀNᵀ(v∘y) with c = Nᵀ(v∘s′) instead of building every weight vector; `alpha`,
 * `metaPortfolioContribution`, `churn` and `turnover` are the one-date references it is tested against.
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
  const topK = input.churnTopBottom ?? 0;

  const models: Record<string, SignalsModelScores> = {};
  for (const name of names) {
    const perDate: SignalsModelScores['perDate'] = {};
    for (const m of metrics) perDate[m] = new Float64Array(D).fill(NaN);
    models[name] = { n: new Int32Array(D), perDate, summary: {} };
  }
  const previous = new Map<string, Previous>();
  let prevCovered: Uint32Array | null = null;
  // buffers reused across dates: each model's order and turnover weights alternate between two (today, the day before)
  const maxRows = Math.max(0, ...Array.from({ length: D }, (_, d) => dateStarts[d + 1] - dateStarts[d]));
  const buffers = new Map(
    names.map((name) => [name, { order: [new Uint32Array(maxRows), new Uint32Array(maxRows)], weights: [new Float64Array(maxRows), new Float64Array(maxRows)], sA: new Float64Array(maxRows) }])
  );
  const orderScratch = new Uint32Array(3 * maxRows + 1);
  const pools = [0, 1].map(() => Array.from({ length: neutralizers.length + 1 }, () => new Float64Array(maxRows)));

  for (let d = 0; d < D; ++d) {
    const s = dateStarts[d], e = dateStarts[d + 1], nu = e - s;
    const dayTickers = tickers.subarray(s, e);
    for (let i = 1; i < nu; ++i) {
      if (!(dayTickers[i] > dayTickers[i - 1])) throw new PlaygroundError(`Date ${dates[d]} lists a ticker twice or out of order (row ${s + i}).`, { hints: ['Rows must be sorted by date then ticker, one row per ticker and date.'] });
    }
    // C: rows with neutralizers and a weight (turnover); A: those with a target too (alpha, MPC)
    const covered = new Uint8Array(nu);
    for (let i = 0; i < nu; ++i) covered[i] = sampleWeight[s + i] === sampleWeight[s + i] ? 1 : 0;
    for (let j = 0; j < neutralizers.length; ++j) {
      const c = neutralizers[j].subarray(s, e);
      for (let i = 0; i < nu; ++i) if (c[i] !== c[i]) covered[i] = 0;
    }
    const rowsC = new Uint32Array(nu), rowsA = new Uint32Array(nu);
    let nC = 0, nA = 0;
    for (let i = 0; i < nu; ++i) {
      if (!covered[i]) continue;
      rowsC[nC++] = s + i;
      if (target[s + i] === target[s + i]) rowsA[nA++] = s + i;
    }
    const A = rowsA.subarray(0, nA), C = rowsC.subarray(0, nC);
    const setA = nA > 0 && nA / nu >= OVERLAP && (want('alpha') || want('mpc')) ? new SignalsRowSet(s, nu, A, neutralizers, sampleWeight, pools[0]) : null;
    const setC = nC > 0 && nC / nu >= OVERLAP && want('turnover') ? (setA && nA === nC ? setA : new SignalsRowSet(s, nu, C, neutralizers, sampleWeight, pools[1])) : null;
    // centred targets over A and their projection Nᵀ(v∘t_c)
    let tc: Float64Array | null = null, gT: Float64Array | null = null;
    if (setA) {
      tc = gather(target, A);
      let mean = 0;
      for (let p = 0; p < nA; ++p) mean += tc[p];
      mean /= nA;
      for (let p = 0; p < nA; ++p) tc[p] -= mean;
      gT = setA.project(tc);
    }
    // the overlap with the previous date's universe, shared by every model's churn
    const overlap = d > 0 ? new DateOverlap(dayTickers, tickers.subarray(dateStarts[d - 1], s)) : null;
    const coveredTickers = setC ? gatherCodes(tickers, C) : null;
    const weightOverlap = setC && prevCovered ? new DateOverlap(coveredTickers!, prevCovered) : null;
    // Phase 1, per model: sort once; s′ over A (ranks among A's rows, Φ⁻¹ and ^1.5 from the date's table).
    const present: { name: string; order: Uint32Array; signal: Float64Array; sA: Float64Array | null }[] = [];
    for (const name of names) {
      const pAll = input.predictions[name];
      if (!submitted(pAll, s, e, name, dates[d])) {
        previous.delete(name);
        continue;
      }
      const buf = buffers.get(name)!;
      const signal = pAll.subarray(s, e);
      const order = unitIntervalOrder(signal, buf.order[d & 1], orderScratch);
      present.push({ name, order, signal, sA: setA ? setA.transform(order, signal, buf.sA.subarray(0, nA)) : null });
    }
    // Phase 2, all models at once: c = Nᵀ(v∘s′); alpha = (s′ᵀ(v∘t_c) − cᵀNᵀ(v∘t_c))/n.
    const cA = setA ? setA.projectMany(present.map((x) => x.sA!)) : null;
    const wt = new Float64Array(present.length);
    if (setA) {
      const v = setA.v;
      present.forEach((x, k) => {
        const sA = x.sA!;
        let acc = 0;
        for (let p = 0; p < nA; ++p) acc += sA[p] * v[p] * tc![p];
        const c = cA![k];
        for (let j = 0; j < c.length; ++j) acc -= c[j] * gT![j];
        wt[k] = acc;
        models[x.name].n[d] = nA;
        if (want('alpha')) models[x.name].perDate.alpha![d] = acc / nA;
      });
    }
    // Phase 3: turnover weights over C, centred and L1-normalised (into each model's buffer for today).
    let wC: Float64Array[] | null = null;
    if (setC) {
      const outs = present.map((x) => buffers.get(x.name)!.weights[d & 1].subarray(0, nC));
      if (setC === setA) wC = setA.weightsMany(present.map((x) => x.sA!), cA!, outs);
      else {
        const sC = present.map((x) => setC.transform(x.order, x.signal));
        wC = setC.weightsMany(sC, setC.projectMany(sC), outs);
      }
      for (const w of wC) centerWeightNormalize(w);
    }
    // Phase 4, per model: churn and turnover against the previous date.
    present.forEach((x, k) => {
      const out = models[x.name];
      const prev = previous.get(x.name);
      if (prev && prev.date === d - 1) {
        if (want('churn')) out.perDate.churn![d] = overlap!.ok ? overlap!.spearmanChurn(x.order, x.signal, prev.order, prev.signal) : NaN;
        if (want('churn_top_bottom')) out.perDate.churn_top_bottom![d] = topBottomChurn(x.order, dayTickers, prev.order, tickers.subarray(dateStarts[d - 1], s), topK);
        if (want('turnover') && wC && prev.weights) out.perDate.turnover![d] = weightOverlap!.ok ? weightOverlap!.turnover(wC[k], prev.weights) : NaN;
      }
      previous.set(x.name, { date: d, signal: x.signal, order: x.order, weights: wC ? wC[k] : null });
    });
    prevCovered = coveredTickers;

    // MPC over the staked models that submitted this date (undefined when none of them has a positive stake)
    const staked = want('mpc') && setA ? present.map((x, k) => ({ name: x.name, sA: x.sA!, c: cA![k], wt: wt[k] })).filter((x) => x.name in stakes) : [];
    if (staked.some((x) => stakes[x.name] > 0)) {
      const mpc = mpcFromProjections(setA!, staked, staked.map((x) => stakes[x.name]), tc!, gT!);
      staked.forEach((x, j) => (models[x.name].perDate.mpc![d] = mpc[j]));
    }
    input.onProgress?.(d + 1, D);
  }
  for (const out of Object.values(models)) for (const m of metrics) out.summary[m] = summarize(out.perDate[m]!);
  return { dates: dates.slice(), metrics, models };
}

/**
 * MPC from each staked signal's s′ and c = Nᵀ(v∘s′) (see `mpcFromWeights` for the explicit form): the stake-weighted
 * portfolio m = Σ sₖwₖ − mean, then (wₖᵀt_c − (wₖᵀm)(mᵀt_c)/(mᵀm))/‖m‖/50 with wₖᵀy = s′ₖᵀ(v∘y) − cₖᵀNᵀ(v∘y).
 * Column-centring W changes none of these products, as t_c and m sum to 0.
 */
function mpcFromProjections(set: SignalsRowSet, staked: { sA: Float64Array; c: Float64Array; wt: number }[], stakes: number[], tc: Float64Array, gT: Float64Array): Float64Array {
  const n = set.m;
  let total = 0;
  for (const x of stakes) total += Math.abs(x);
  const share = stakes.map((x) => x / total);
  const sAgg = new Float64Array(n), cAgg = new Float64Array(gT.length);
  staked.forEach((x, k) => {
    for (let p = 0; p < n; ++p) sAgg[p] += share[k] * x.sA[p];
    for (let j = 0; j < cAgg.length; ++j) cAgg[j] += share[k] * x.c[j];
  });
  const m = set.weights(sAgg, cAgg);
  let mean = 0;
  for (let p = 0; p < n; ++p) mean += m[p];
  mean /= n;
  let mm = 0, mt = 0;
  for (let p = 0; p < n; ++p) {
    m[p] -= mean;
    mm += m[p] * m[p];
    mt += m[p] * tc[p];
  }
  const gM = set.project(m);
  const r = Math.sqrt(mm);
  return Float64Array.from(staked, (x) => {
    let wm = 0;
    for (let p = 0; p < n; ++p) wm += x.sA[p] * set.v[p] * m[p];
    for (let j = 0; j < gM.length; ++j) wm -= x.c[j] * gM[j];
    return (x.wt - (wm * mt) / mm) / r / 50;
  });
}

/**
 * The tickers two consecutive dates (or their covered rows) share, for churn and turnover: each side's local index
 * → position in the overlap (−1 when absent), and whether the overlap meets the 80 % rule on both sides.
 */
class DateOverlap {
  readonly today: Int32Array;
  readonly before: Int32Array;
  readonly m: number;
  readonly ok: boolean;
  readonly #x: Float64Array;
  readonly #y: Float64Array;
  constructor(todayTickers: ArrayLike<number>, beforeTickers: ArrayLike<number>) {
    this.today = new Int32Array(todayTickers.length).fill(-1);
    this.before = new Int32Array(beforeTickers.length).fill(-1);
    let i = 0, j = 0, m = 0;
    while (i < todayTickers.length && j < beforeTickers.length) {
      if (todayTickers[i] < beforeTickers[j]) ++i;
      else if (todayTickers[i] > beforeTickers[j]) ++j;
      else {
        this.today[i++] = m;
        this.before[j++] = m++;
      }
    }
    this.m = m;
    this.ok = m > 0 && m / todayTickers.length >= OVERLAP && m / beforeTickers.length >= OVERLAP;
    this.#x = new Float64Array(m);
    this.#y = new Float64Array(m);
  }

  /** 1 − Spearman correlation of the two signals over the shared tickers (ranks from each side's sort order). */
  spearmanChurn(order: Uint32Array, values: Float64Array, beforeOrder: Uint32Array, beforeValues: Float64Array): number {
    return 1 - pearson(this.#ranks(order, values, this.today, this.#x), this.#ranks(beforeOrder, beforeValues, this.before, this.#y));
  }

  /** Σ|w − w_before|/2 over the shared tickers. */
  turnover(w: Float64Array, before: Float64Array): number {
    const a = this.#x;
    for (let i = 0; i < w.length; ++i) if (this.today[i] >= 0) a[this.today[i]] = w[i];
    let sum = 0;
    for (let j = 0; j < before.length; ++j) if (this.before[j] >= 0) sum += Math.abs(a[this.before[j]] - before[j]);
    return sum / 2;
  }

  /** Average ranks (1-based) among the shared tickers, by overlap position, from one side's sort order. */
  #ranks(order: Uint32Array, values: Float64Array, position: Int32Array, out: Float64Array): Float64Array {
    let a = 0, k = 0;
    while (k < order.length) {
      if (position[order[k]] < 0) {
        ++k;
        continue;
      }
      const value = values[order[k]];
      let b = a, end = k + 1;
      for (let q = k + 1; q < order.length && values[order[q]] === value; ++q) if (position[order[q]] >= 0) (++b, (end = q + 1));
      const r = (a + b) / 2 + 1;
      for (let q = k; q < end; ++q) if (position[order[q]] >= 0) out[position[order[q]]] = r;
      a = b + 1;
      k = end;
    }
    return out;
  }
}

/** Top/bottom churn from the two dates' sort orders: 1 − the mean share of the k lowest and k highest tickers kept. */
function topBottomChurn(order: Uint32Array, tickers: ArrayLike<number>, beforeOrder: Uint32Array, beforeTickers: ArrayLike<number>, k: number): number {
  const ends = (o: Uint32Array, t: ArrayLike<number>) => [new Set(Array.from(o.subarray(Math.max(0, o.length - k)), (i) => t[i])), new Set(Array.from(o.subarray(0, k), (i) => t[i]))];
  const [top, bottom] = ends(order, tickers);
  const [top0, bottom0] = ends(beforeOrder, beforeTickers);
  const shared = (x: Set<number>, y: Set<number>) => [...x].filter((t) => y.has(t)).length / k;
  return 1 - (shared(top, top0) + shared(bottom, bottom0)) / 2;
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

/** codes[rows[i]] for each row. */
function gatherCodes(codes: Uint32Array, rows: Uint32Array): Uint32Array {
  const out = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; ++i) out[i] = codes[rows[i]];
  return out;
}
