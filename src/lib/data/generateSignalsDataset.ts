import type { TickerMap } from '../scoring/signals/cleanSignalsSubmission';
import { buildSignalsNeutralizers } from './buildSignalsNeutralizers';
import { quantileBins } from './quantileBins';
import { Rng } from './Rng';
import type { SignalsDataset } from './SignalsDataset';

export interface GenerateSignalsDatasetOptions {
  /** PRNG seed (default 42); the same seed gives identical arrays in Node and browsers. */
  seed?: number;
  /** Tickers that are ever listed (default 2,000: ~1,750 in the universe per date, generated in about half a second); about 85–90 % are in the universe on a date. */
  tickers?: number;
  /** Weekly Friday dates (default 105, two years); the last 5 have no target yet (their 20-day horizon is in the future). */
  dates?: number;
  /** First date, a Friday (default "2022-01-07"). */
  firstDate?: string;
}

/** Daily closes of every ticker (trading days Monday–Friday, up to the last date's close). */
export interface SignalsPrices {
  /** Trading days (YYYY-MM-DD), ascending; the dates are among them (Fridays). */
  days: string[];
  /** The same list as the dataset's `tickers`. */
  tickers: string[];
  /** Close of day t for ticker j at [t·tickers.length + j]; NaN before a ticker is listed or after it leaves. */
  close: Float32Array;
}

/** What the generator planted, for tests and teaching. */
export interface GeneratedSignalsTruth {
  /** Daily return premium per standard deviation of momentum (a neutralized factor: it earns no alpha). */
  momentumPremium: number;
  /** Daily return premium per standard deviation of quality (not a neutralizer: outside data that sees it earns alpha). */
  qualityPremium: number;
  /** The latent quality of each row (what `outside_quality` observes with noise). */
  quality: Float64Array;
}

export interface GeneratedSignals {
  dataset: SignalsDataset;
  prices: SignalsPrices;
  /** bloomberg_ticker → numerai_ticker for every ticker (exchange codes as Bloomberg writes them). */
  tickerMap: TickerMap;
  truth: GeneratedSignalsTruth;
}

const SECTORS = ['communication', 'discretionary', 'energy', 'financials', 'health', 'industrials', 'materials', 'real_estate', 'staples', 'technology', 'utilities'];
const SECTOR_SHARE = [0.07, 0.11, 0.05, 0.14, 0.12, 0.14, 0.07, 0.05, 0.07, 0.13, 0.05];
/** Country, share of tickers, Bloomberg exchange code. */
const COUNTRIES = [
  ['US', 0.4, 'US'],
  ['JP', 0.15, 'JT'],
  ['GB', 0.1, 'LN'],
  ['DE', 0.08, 'GY'],
  ['FR', 0.08, 'FP'],
  ['CA', 0.07, 'CN'],
  ['AU', 0.06, 'AT'],
  ['KR', 0.06, 'KS']
] as const;
const FACTORS = ['factor_beta', 'factor_momentum', 'factor_size', 'factor_value', 'factor_volatility'];
/** Target bins {0, .25, .5, .75, 1} with proportions 5/20/50/20/5 %: cumulative cut fractions. */
const TARGET_CUTS = [0.05, 0.25, 0.75, 0.95];
/** History needed before a ticker enters the universe, and the momentum window, in trading days (12 weeks). */
const MOMENTUM_DAYS = 60;
/** Target horizon: the return from the close 2 days after the date to 20 trading days later (Numerai's 20D2L). */
const LAG = 2, HORIZON = 20;
const MOMENTUM_PREMIUM = 0.00025, QUALITY_PREMIUM = 0.0003;

/**
 * A seeded, Signals-shaped market: tickers ("<symbol> <country>") with sectors and countries, entering and leaving
 * the universe; a daily price series per ticker driven by market, sector, country, size and value factor returns, a
 * momentum premium, a persistent latent quality and noise; weekly Friday dates with the raw exposures (`factor_*`),
 * sample weights from size, neutralizers built from the exposures, `target` (the 20D2L forward return in 5 bins,
 * 5/20/50/20/5 %) and `target_factor_neutral` (the same after neutralizing the return), and two "outside data"
 * columns: `outside_quality` (a noisy view of quality: it carries alpha) and `outside_crowded` (mostly momentum and
 * value: it carries almost none once neutralized).
 * @example const { dataset, prices } = generateSignalsDataset({ seed: 7, tickers: 1000, dates: 60 });
 */
export function generateSignalsDataset(options: GenerateSignalsDatasetOptions = {}): GeneratedSignals {
  const seed = options.seed ?? 42;
  const rng = new Rng(seed);
  const P = Math.max(150, Math.floor(options.tickers ?? 2000));
  const D = Math.max(2, Math.floor(options.dates ?? 105));
  const first = new Date(`${options.firstDate ?? '2022-01-07'}T00:00:00Z`);
  if (Number.isNaN(first.getTime()) || first.getUTCDay() !== 5) throw new RangeError(`firstDate must be a Friday (YYYY-MM-DD), not ${options.firstDate}`);

  // Trading days: Monday–Friday from 13 weeks before the first date's week to the last date.
  const warmWeeks = Math.ceil(MOMENTUM_DAYS / 5) + 1;
  const start = new Date(first.getTime() - (4 + 7 * warmWeeks) * 86_400_000);
  const T = 5 * (warmWeeks + D);
  const days: string[] = [];
  for (let w = 0; w < warmWeeks + D; ++w) for (let k = 0; k < 5; ++k) days.push(iso(start, 7 * w + k));
  const dateDay = Int32Array.from({ length: D }, (_, k) => 5 * (warmWeeks + k) + 4);

  const tk = makeTickers(rng, P, T);
  const market = simulatePrices(rng, tk, T, warmWeeks, D);
  const u = universeRows(tk, dateDay);
  const x = dateColumns(rng, tk, market, u, dateDay, T);
  const exposures = {
    categorical: [
      { name: 'country', levels: COUNTRIES.map((c) => c[0] as string).sort(), codes: new Int16Array(u.n) },
      { name: 'sector', levels: SECTORS, codes: new Int16Array(u.n) }
    ],
    numeric: FACTORS.map((name, f) => ({ name, values: x.factors[f] }))
  };
  const countryCode = COUNTRIES.map((c) => exposures.categorical[0].levels.indexOf(c[0]));
  for (let r = 0; r < u.n; ++r) {
    exposures.categorical[0].codes[r] = countryCode[tk.country[u.source[r]]];
    exposures.categorical[1].codes[r] = tk.sector[u.source[r]];
  }
  const neutralizers = buildSignalsNeutralizers(u.dateStarts, exposures, x.sampleWeight);
  const targets = binnedTargets(x.forwardReturn, neutralizers.columns, x.sampleWeight, u.dateStarts);

  const close = new Float32Array(T * P);
  for (let t = 0; t < T; ++t) for (let c = 0; c < P; ++c) close[t * P + c] = Math.exp(market.logP[t * P + u.order[c]]);
  const tickers = Array.from(u.order, (i) => tk.names[i]);
  const dataset: SignalsDataset = {
    n: u.n,
    idColumn: 'numerai_ticker',
    dates: Array.from(dateDay, (t) => days[t]),
    dateStarts: u.dateStarts,
    tickers,
    ticker: u.ticker,
    neutralizerNames: neutralizers.names,
    neutralizers: neutralizers.columns,
    exposures,
    sampleWeight: x.sampleWeight,
    targets,
    columns: { outside_quality: x.outsideQuality, outside_crowded: x.outsideCrowded },
    info: { source: `generated (seed ${seed}, ${P.toLocaleString('en-US')} tickers, ${D} dates)`, neutralizers: 'exposures', warnings: [] }
  };
  const exchange = new Map(COUNTRIES.map((c) => [c[0] as string, c[2] as string]));
  const tickerMap: TickerMap = {
    from: 'bloomberg_ticker',
    to: 'numerai_ticker',
    source: tickers.map((name) => name.replace(/ (\w\w)$/, (_, cc: string) => ` ${exchange.get(cc)}`)),
    target: tickers
  };
  return { dataset, prices: { days, tickers, close }, tickerMap, truth: { momentumPremium: MOMENTUM_PREMIUM, qualityPremium: QUALITY_PREMIUM, quality: x.quality } };
}

/** The tickers ever listed: names, country and sector codes, listing window [start, end) in days, characteristics. */
interface Tickers {
  names: string[];
  country: Int16Array;
  sector: Int16Array;
  listStart: Int32Array;
  listEnd: Int32Array;
  beta: Float64Array;
  size0: Float64Array;
  value: Float64Array;
  vol: Float64Array;
  quality: Float64Array;
}

function makeTickers(rng: Rng, P: number, T: number): Tickers {
  const names: string[] = [];
  const country = new Int16Array(P), sector = new Int16Array(P);
  const used = new Set<string>();
  const countryShare = COUNTRIES.map((c) => c[1]);
  for (let i = 0; i < P; ++i) {
    country[i] = pick(rng, countryShare);
    sector[i] = pick(rng, SECTOR_SHARE);
    let name: string;
    do name = `${symbol(rng, COUNTRIES[country[i]][0])} ${COUNTRIES[country[i]][0]}`;
    while (used.has(name));
    used.add(name);
    names.push(name);
  }
  const listStart = new Int32Array(P), listEnd = new Int32Array(P);
  for (let i = 0; i < P; ++i) {
    listStart[i] = rng.float() < 0.12 ? rng.int(T) : 0;
    listEnd[i] = rng.float() < 0.1 ? listStart[i] + 1 + rng.int(T - listStart[i]) : T;
  }
  const beta = Float64Array.from({ length: P }, () => Math.min(2.2, Math.max(0.2, 1 + 0.35 * rng.normal())));
  const size0 = Float64Array.from({ length: P }, () => rng.normal());
  const value = Float64Array.from({ length: P }, () => rng.normal());
  const vol = Float64Array.from({ length: P }, () => 0.012 * Math.exp(0.35 * rng.normal()));
  const quality = Float64Array.from({ length: P }, () => rng.normal());
  return { names, country, sector, listStart, listEnd, beta, size0, value, vol, quality };
}

/** Daily log prices (day-major, NaN when not listed) and each date's quality and value, refreshed every Friday. */
function simulatePrices(rng: Rng, tk: Tickers, T: number, warmWeeks: number, D: number): { logP: Float64Array; qualityAt: Float64Array; valueAt: Float64Array } {
  const P = tk.names.length;
  const { beta, size0, vol, sector, country, listStart, listEnd } = tk;
  const value = Float64Array.from(tk.value), quality = Float64Array.from(tk.quality);
  const logP = new Float64Array(T * P).fill(NaN);
  const momentum = new Float64Array(P);
  const sectorRet = new Float64Array(SECTORS.length), countryRet = new Float64Array(COUNTRIES.length);
  const qualityAt = new Float64Array(D * P), valueAt = new Float64Array(D * P);
  for (let i = 0; i < P; ++i) if (listStart[i] === 0) logP[i] = 3 + rng.normal();
  const eps = new Float64Array(P);
  for (let t = 1; t < T; ++t) {
    fillNormals(rng, eps);
    const market = 0.0003 + 0.01 * rng.normal();
    for (let s = 0; s < sectorRet.length; ++s) sectorRet[s] = 0.006 * rng.normal();
    for (let c = 0; c < countryRet.length; ++c) countryRet[c] = 0.005 * rng.normal();
    const fSize = 0.003 * rng.normal(), fValue = 0.003 * rng.normal();
    const row = t * P, prev = row - P;
    for (let i = 0; i < P; ++i) {
      if (t < listStart[i] || t >= listEnd[i]) continue;
      if (t === listStart[i]) {
        logP[row + i] = 3 + eps[i];
        continue;
      }
      const r = beta[i] * market + sectorRet[sector[i]] + countryRet[country[i]] + fSize * size0[i] + fValue * value[i] + MOMENTUM_PREMIUM * momentum[i] + QUALITY_PREMIUM * quality[i] + vol[i] * eps[i];
      logP[row + i] = logP[prev + i] + r;
    }
    if (t % 5 !== 4) continue;
    // Friday close: new momentum z-scores (trailing 60-day log return) and quality/value drift for next week
    for (let i = 0; i < P; ++i) momentum[i] = t - MOMENTUM_DAYS >= listStart[i] && t < listEnd[i] ? logP[row + i] - logP[row - MOMENTUM_DAYS * P + i] : NaN;
    zscoreInPlace(momentum);
    fillNormals(rng, eps);
    for (let i = 0; i < P; ++i) {
      if (momentum[i] !== momentum[i]) momentum[i] = 0;
      quality[i] = 0.97 * quality[i] + 0.243 * eps[i];
    }
    fillNormals(rng, eps);
    for (let i = 0; i < P; ++i) value[i] = 0.99 * value[i] + 0.14 * eps[i];
    const k = (t - 4) / 5 - warmWeeks;
    if (k >= 0) {
      qualityAt.set(quality, k * P);
      valueAt.set(value, k * P);
    }
  }
  return { logP, qualityAt, valueAt };
}

/** The universe of each date (listed with 60 days of history), rows sorted by ticker name: each row's source ticker. */
function universeRows(tk: Tickers, dateDay: Int32Array): { n: number; source: Uint32Array; date: Uint32Array; dateStarts: Uint32Array; ticker: Uint32Array; order: Uint32Array } {
  const P = tk.names.length, D = dateDay.length;
  const order = Uint32Array.from(tk.names.map((_, i) => i).sort((a, b) => (tk.names[a] < tk.names[b] ? -1 : 1)));
  const inUniverse = (t: number, i: number) => t - MOMENTUM_DAYS >= tk.listStart[i] && t < tk.listEnd[i];
  const dateStarts = new Uint32Array(D + 1);
  for (let k = 0; k < D; ++k) {
    let count = 0;
    for (let i = 0; i < P; ++i) if (inUniverse(dateDay[k], i)) ++count;
    dateStarts[k + 1] = dateStarts[k] + count;
  }
  const n = dateStarts[D];
  const source = new Uint32Array(n), date = new Uint32Array(n), ticker = new Uint32Array(n);
  for (let k = 0, r = 0; k < D; ++k)
    for (let c = 0; c < P; ++c) {
      const i = order[c];
      if (!inUniverse(dateDay[k], i)) continue;
      source[r] = i;
      date[r] = k;
      ticker[r++] = c;
    }
  return { n, source, date, dateStarts, ticker, order };
}

/** Per row: the factor exposures (z-scored per date), size weights (mean 1 per date), quality, outside data and the 20D2L forward return. */
function dateColumns(rng: Rng, tk: Tickers, market: ReturnType<typeof simulatePrices>, u: ReturnType<typeof universeRows>, dateDay: Int32Array, T: number) {
  const { n, source, dateStarts } = u;
  const P = tk.names.length;
  const { logP, qualityAt, valueAt } = market;
  const factors = FACTORS.map(() => new Float64Array(n));
  const [beta, momentum, size, value, volatility] = factors;
  const sampleWeight = new Float64Array(n), quality = new Float64Array(n), forwardReturn = new Float64Array(n);
  const outsideQuality = new Float64Array(n), outsideCrowded = new Float64Array(n);
  const noise = new Float64Array(4 * n); // estimation noise of beta and volatility, outside data's noise
  fillNormals(rng, noise);
  for (let r = 0; r < n; ++r) {
    const i = source[r], k = u.date[r], t = dateDay[k];
    const lp = logP[t * P + i];
    beta[r] = tk.beta[i] + 0.05 * noise[4 * r];
    momentum[r] = lp - logP[(t - MOMENTUM_DAYS) * P + i];
    size[r] = tk.size0[i] + lp - 3;
    value[r] = valueAt[k * P + i];
    volatility[r] = Math.log(tk.vol[i]) + 0.1 * noise[4 * r + 1];
    sampleWeight[r] = Math.exp(0.5 * size[r]);
    quality[r] = qualityAt[k * P + i];
    const end = t + LAG + HORIZON;
    forwardReturn[r] = end < T && end < tk.listEnd[i] ? logP[end * P + i] - logP[(t + LAG) * P + i] : NaN;
  }
  for (let k = 0; k < dateDay.length; ++k) {
    const s = dateStarts[k], e = dateStarts[k + 1];
    for (const f of factors) zscoreInPlace(f.subarray(s, e));
    let wSum = 0;
    for (let r = s; r < e; ++r) wSum += sampleWeight[r];
    for (let r = s; r < e; ++r) {
      sampleWeight[r] *= (e - s) / wSum;
      outsideQuality[r] = quality[r] + 0.6 * noise[4 * r + 2];
      outsideCrowded[r] = 0.8 * momentum[r] + 0.4 * value[r] + 0.4 * noise[4 * r + 3];
    }
  }
  return { factors, sampleWeight, quality, forwardReturn, outsideQuality, outsideCrowded };
}

/** `target`: the forward return binned per date; `target_factor_neutral`: the same after r − N·Nᵀ·V·r (tickers with a return). */
function binnedTargets(ret: Float64Array, N: Float64Array[], v: Float64Array, dateStarts: Uint32Array): Record<string, Float64Array> {
  const target = new Float64Array(ret.length), neutral = new Float64Array(ret.length);
  const K = N.length;
  const c = new Float64Array(K);
  for (let k = 0; k + 1 < dateStarts.length; ++k) {
    const s = dateStarts[k], e = dateStarts[k + 1];
    quantileBins(ret.subarray(s, e), TARGET_CUTS, target.subarray(s, e));
    // column by column (contiguous reads): c = Nᵀ(v∘r) over the tickers with a return, then r − N·c
    for (let r = s; r < e; ++r) neutral[r] = ret[r] === ret[r] ? v[r] * ret[r] : 0;
    for (let j = 0; j < K; ++j) {
      const col = N[j];
      let acc = 0;
      for (let r = s; r < e; ++r) acc += col[r] * neutral[r];
      c[j] = acc;
    }
    neutral.set(ret.subarray(s, e), s);
    for (let j = 0; j < K; ++j) {
      const col = N[j], cj = c[j];
      for (let r = s; r < e; ++r) neutral[r] -= cj * col[r];
    }
    quantileBins(neutral.subarray(s, e), TARGET_CUTS, neutral.subarray(s, e));
  }
  return { target, target_factor_neutral: neutral };
}

/** The date `offset` days after `start`, as YYYY-MM-DD. */
function iso(start: Date, offset: number): string {
  return new Date(start.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Fills `out` with standard normals (Box–Muller on the generator's uint32 stream, both values of each pair used). */
function fillNormals(rng: Rng, out: Float64Array): void {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const u = (rng.uint32() + 0.5) / 4294967296;
    const v = rng.uint32() / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
}

/** An index drawn with the given probabilities (they sum to 1). */
function pick(rng: Rng, shares: readonly number[]): number {
  let u = rng.float();
  for (let k = 0; k < shares.length - 1; ++k) if ((u -= shares[k]) < 0) return k;
  return shares.length - 1;
}

/** A ticker symbol in the country's style: 4 digits in Japan, 6 (zero-padded) in Korea, 2–4 letters elsewhere. */
function symbol(rng: Rng, country: string): string {
  if (country === 'JP') return String(1000 + rng.int(9000));
  if (country === 'KR') return String(rng.int(1_000_000)).padStart(6, '0');
  const len = 2 + rng.int(3);
  let s = '';
  for (let k = 0; k < len; ++k) s += String.fromCharCode(65 + rng.int(26));
  return s;
}

/** (x − mean)/std over the non-NaN values, in place (std with ddof 0; a constant column becomes 0). */
function zscoreInPlace(x: Float64Array): void {
  let s = 0, m = 0;
  for (let i = 0; i < x.length; ++i) if (x[i] === x[i]) (s += x[i]), m++;
  const mean = s / m;
  let ss = 0;
  for (let i = 0; i < x.length; ++i) if (x[i] === x[i]) ss += (x[i] - mean) ** 2;
  const sd = Math.sqrt(ss / m) || 1;
  for (let i = 0; i < x.length; ++i) x[i] = (x[i] - mean) / sd;
}
