import type { TickerMap } from '../scoring/signals/cleanSignalsSubmission';
import { buildSignalsNeutralizers } from './buildSignalsNeutralizers';
import { quantileBins } from './quantileBins';
import { Rng } from './Rng';
import type { SignalsDataset } from './SignalsDataset';

export interface GenerateSignalsDatasetOptions {
  /** PRNG seed (default 42); the same seed gives identical arrays in Node and browsers. */
  seed?: number;
  /** Tickers that are ever listed (default 3,000); about 85–90 % are in the universe on a date. */
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
  const rng = new Rng(options.seed ?? 42);
  const P = Math.max(150, Math.floor(options.tickers ?? 3000));
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

  // Tickers: country, sector, symbol, listing window, static characteristics.
  const names: string[] = [];
  const country = new Int16Array(P), sector = new Int16Array(P);
  const used = new Set<string>();
  for (let i = 0; i < P; ++i) {
    country[i] = pick(rng, COUNTRIES.map((c) => c[1]));
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

  // Daily log prices; momentum and quality (the returns' exposures) are refreshed every Friday.
  const logP = new Float64Array(T * P).fill(NaN);
  const momentum = new Float64Array(P);
  const S = SECTORS.length, C = COUNTRIES.length;
  const sectorRet = new Float64Array(S), countryRet = new Float64Array(C);
  const qualityAt = new Float64Array(D * P), valueAt = new Float64Array(D * P);
  for (let i = 0; i < P; ++i) if (listStart[i] === 0) logP[i] = 3 + rng.normal();
  const eps = new Float64Array(P);
  for (let t = 1; t < T; ++t) {
    fillNormals(rng, eps);
    const market = 0.0003 + 0.01 * rng.normal();
    for (let s = 0; s < S; ++s) sectorRet[s] = 0.006 * rng.normal();
    for (let c = 0; c < C; ++c) countryRet[c] = 0.005 * rng.normal();
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
    if (t % 5 === 4) {
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
  }

  // Sorted tickers; the universe of each date: listed with 60 days of history.
  const order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : 1));
  const tickers = order.map((i) => names[i]);
  const rows: number[] = [];
  const dateStarts = new Uint32Array(D + 1);
  for (let k = 0; k < D; ++k) {
    const t = dateDay[k];
    for (const i of order) if (t - MOMENTUM_DAYS >= listStart[i] && t < listEnd[i]) rows.push(k * P + i);
    dateStarts[k + 1] = rows.length;
  }
  const n = rows.length;
  const codeOf = new Int32Array(P);
  order.forEach((i, c) => (codeOf[i] = c));
  const ticker = Uint32Array.from(rows, (r) => codeOf[r % P]);

  // Per-date exposures (z-scored over the universe), weights, quality and outside data.
  const fac = FACTORS.map(() => new Float64Array(n));
  const sampleWeight = new Float64Array(n), qualityRow = new Float64Array(n);
  const outsideQuality = new Float64Array(n), outsideCrowded = new Float64Array(n);
  const raw = new Float64Array(n), target = new Float64Array(n), neutralTarget = new Float64Array(n);
  const noise = new Float64Array(4 * n); // estimation noise of beta and volatility, outside data's noise
  fillNormals(rng, noise);
  for (let k = 0; k < D; ++k) {
    const s = dateStarts[k], e = dateStarts[k + 1], t = dateDay[k];
    for (let r = s; r < e; ++r) {
      const i = rows[r] % P;
      const lp = logP[t * P + i];
      fac[0][r] = beta[i] + 0.05 * noise[4 * r];
      fac[1][r] = lp - logP[(t - MOMENTUM_DAYS) * P + i];
      fac[2][r] = size0[i] + lp - 3;
      fac[3][r] = valueAt[k * P + i];
      fac[4][r] = Math.log(vol[i]) + 0.1 * noise[4 * r + 1];
      sampleWeight[r] = Math.exp(0.5 * fac[2][r]);
      qualityRow[r] = qualityAt[k * P + i];
      raw[r] = t + LAG + HORIZON < T && t + LAG + HORIZON < listEnd[i] ? logP[(t + LAG + HORIZON) * P + i] - logP[(t + LAG) * P + i] : NaN;
    }
    for (const f of fac) zscoreInPlace(f.subarray(s, e));
    let wSum = 0;
    for (let r = s; r < e; ++r) wSum += sampleWeight[r];
    for (let r = s; r < e; ++r) {
      sampleWeight[r] *= (e - s) / wSum;
      outsideQuality[r] = qualityRow[r] + 0.6 * noise[4 * r + 2];
      outsideCrowded[r] = 0.8 * fac[1][r] + 0.4 * fac[3][r] + 0.4 * noise[4 * r + 3];
    }
  }
  const exposures = {
    categorical: [
      { name: 'country', levels: COUNTRIES.map((c) => c[0]).sort(), codes: new Int16Array(n) },
      { name: 'sector', levels: SECTORS, codes: new Int16Array(n) }
    ],
    numeric: FACTORS.map((name, f) => ({ name, values: fac[f] }))
  };
  const countryCode = COUNTRIES.map((c) => exposures.categorical[0].levels.indexOf(c[0]));
  for (let r = 0; r < n; ++r) {
    exposures.categorical[0].codes[r] = countryCode[country[rows[r] % P]];
    exposures.categorical[1].codes[r] = sector[rows[r] % P];
  }
  const neutralizers = buildSignalsNeutralizers(dateStarts, exposures, sampleWeight);

  // Targets: the forward return binned per date, raw and neutralized (r − N·Nᵀ·V·r on the tickers with a return).
  const K = neutralizers.columns.length;
  const c = new Float64Array(K);
  for (let k = 0; k < D; ++k) {
    const s = dateStarts[k], e = dateStarts[k + 1];
    quantileBins(raw.subarray(s, e), TARGET_CUTS, target.subarray(s, e));
    c.fill(0);
    for (let r = s; r < e; ++r) if (raw[r] === raw[r]) for (let j = 0; j < K; ++j) c[j] += neutralizers.columns[j][r] * sampleWeight[r] * raw[r];
    for (let r = s; r < e; ++r) {
      let p = 0;
      for (let j = 0; j < K; ++j) p += neutralizers.columns[j][r] * c[j];
      neutralTarget[r] = raw[r] - p;
    }
    quantileBins(neutralTarget.subarray(s, e), TARGET_CUTS, neutralTarget.subarray(s, e));
  }

  const close = new Float32Array(T * P);
  for (let t = 0; t < T; ++t) for (let c2 = 0; c2 < P; ++c2) close[t * P + c2] = Math.exp(logP[t * P + order[c2]]);
  const dataset: SignalsDataset = {
    n,
    idColumn: 'numerai_ticker',
    dates: Array.from(dateDay, (t) => days[t]),
    dateStarts,
    tickers,
    ticker,
    neutralizerNames: neutralizers.names,
    neutralizers: neutralizers.columns,
    exposures,
    sampleWeight,
    targets: { target, target_factor_neutral: neutralTarget },
    columns: { outside_quality: outsideQuality, outside_crowded: outsideCrowded },
    info: { source: `generated (seed ${options.seed ?? 42}, ${P.toLocaleString('en-US')} tickers, ${D} dates)`, neutralizers: 'exposures', warnings: [] }
  };
  const exchange = new Map(COUNTRIES.map((c) => [c[0] as string, c[2] as string]));
  const tickerMap: TickerMap = {
    from: 'bloomberg_ticker',
    to: 'numerai_ticker',
    source: tickers.map((tk) => tk.replace(/ (\w\w)$/, (_, cc: string) => ` ${exchange.get(cc)}`)),
    target: tickers
  };
  return { dataset, prices: { days: days.slice(0, T), tickers, close }, tickerMap, truth: { momentumPremium: MOMENTUM_PREMIUM, qualityPremium: QUALITY_PREMIUM, quality: qualityRow } };
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
