/**
 * From scan TS to significances (physics.md §2.5): pixel p-values from
 * background TS distributions on a declination grid (the paper: trials every
 * 2° from −81° to 81°), the hottest spot in each hemisphere, and post-trial
 * p-values from scan trials (or correlated source-list trials).
 */
import { TsDistribution } from '../stats/tsDistribution.js';
import { clopperPearson } from '../stats/binomial.js';
import { pToSigma } from '../stats/normal.js';
import { ringInfo } from '../likelihood/ringLookup.js';
import { UNSEEN } from '../sky/types.js';
import { InputError } from '../errors.js';
import { ScanRunner, type ScanResult } from './scan.js';
import type { ScanData } from './data.js';

/** Background TS distributions at grid declinations (radians, increasing). */
export class DecBackground {
  constructor(
    readonly decs: Float64Array,
    readonly dists: TsDistribution[],
  ) {
    if (decs.length === 0 || decs.length !== dists.length) throw new InputError(`DecBackground: ${decs.length} declinations but ${dists.length} distributions`);
    for (let k = 1; k < decs.length; k++) if (!(decs[k] > decs[k - 1])) throw new InputError('DecBackground: declinations must increase');
  }

  /** Distribution at the grid declination nearest to dec. */
  at(dec: number): TsDistribution {
    let best = 0;
    for (let k = 1; k < this.decs.length; k++) if (Math.abs(this.decs[k] - dec) < Math.abs(this.decs[best] - dec)) best = k;
    return this.dists[best];
  }

  /** p-value of TS at dec (from the trials, or the labelled tail fit). */
  pValue(dec: number, ts: number): { p: number; extrapolated: boolean } {
    const pv = this.at(dec).pValue(ts);
    return { p: pv.p, extrapolated: pv.extrapolated };
  }
}

/** The paper's grid: −81° … 81° in 2° steps (radians). */
export function paperDecGrid(): Float64Array {
  return Float64Array.from({ length: 82 }, (_, k) => ((-81 + 2 * k) * Math.PI) / 180);
}

export interface PixelPValues {
  /** −log10 p per pixel (UNSEEN outside the scan) */
  mlog10p: Float64Array;
  /** 1 where the p-value came from the extrapolated tail */
  extrapolated: Uint8Array;
}

export function pixelPValues(scan: ScanResult, bg: DecBackground): PixelPValues {
  const n = scan.ts.length;
  const mlog10p = new Float64Array(n).fill(UNSEEN);
  const extrapolated = new Uint8Array(n);
  for (let r = 1; r < 4 * scan.nside; r++) {
    const { start, count, z } = ringInfo(scan.nside, r);
    const dec = Math.asin(z);
    if (scan.ts[start] === UNSEEN) continue;
    const d = bg.at(dec);
    for (let p = start; p < start + count; p++) {
      const pv = d.p(scan.ts[p]);
      mlog10p[p] = -Math.log10(Math.max(pv, 1e-300));
      if (d.extrapolated(scan.ts[p])) extrapolated[p] = 1;
    }
  }
  return { mlog10p, extrapolated };
}

export interface Hotspot {
  pixel: number;
  ra: number;
  dec: number;
  ts: number;
  ns: number;
  gamma: number;
  /** pre-trial p (when p-values were given) */
  p?: number;
}

function pixelDir(nside: number, pix: number): { ra: number; dec: number } {
  let r = 1;
  for (; r < 4 * nside; r++) {
    const { start, count } = ringInfo(nside, r);
    if (pix < start + count) {
      const equatorial = r >= nside && r <= 3 * nside;
      const shift = equatorial ? (((r + nside) & 1) === 1 ? 0 : 0.5) : 0.5;
      return { ra: ((pix - start + shift) * 2 * Math.PI) / count, dec: Math.asin(ringInfo(nside, r).z) };
    }
  }
  throw new InputError(`pixel ${pix} outside nside ${nside}`);
}

/** Hottest pixel of each hemisphere: smallest p when p-values are given, else largest TS. */
export function hottestSpots(scan: ScanResult, pv?: PixelPValues): { north: Hotspot | null; south: Hotspot | null } {
  let bn = -1, bs = -1;
  const score = (p: number) => (pv ? pv.mlog10p[p] : scan.ts[p]);
  for (let r = 1; r < 4 * scan.nside; r++) {
    const { start, count, z } = ringInfo(scan.nside, r);
    for (let p = start; p < start + count; p++) {
      if (scan.ts[p] === UNSEEN) continue;
      if (z > 0) { if (bn < 0 || score(p) > score(bn)) bn = p; }
      else if (bs < 0 || score(p) > score(bs)) bs = p;
    }
  }
  const mk = (p: number): Hotspot | null => (p < 0 ? null : { pixel: p, ...pixelDir(scan.nside, p), ts: scan.ts[p], ns: scan.ns[p], gamma: scan.gamma[p], p: pv ? Math.pow(10, -pv.mlog10p[p]) : undefined });
  return { north: mk(bn), south: mk(bs) };
}

export interface PostTrial {
  p: number;
  lo: number;
  hi: number;
  sigma: number;
  nTrials: number;
}

/** Post-trial p: fraction of background scans (or source-list trials) whose best pre-trial p is ≤ the observed one. */
export function postTrialFromMinP(observedP: number, trialMinP: ArrayLike<number>): PostTrial {
  const n = trialMinP.length;
  if (n === 0) throw new InputError('postTrialFromMinP: no trials');
  let k = 0;
  for (let i = 0; i < n; i++) if (trialMinP[i] <= observedP) k++;
  const iv = clopperPearson(k, n);
  // one-sided significance, 0 for p ≥ 0.5 (no negative or infinite σ in reports)
  return { p: k / n, lo: iv.lo, hi: iv.hi, sigma: Math.max(0, pToSigma(Math.min(1, Math.max(k / n, 1e-300)))), nTrials: n };
}

/** Per scan trial: smallest pixel p (NaN without a background) and largest TS in each hemisphere. */
export interface ScanTrialStats {
  north: Float64Array;
  south: Float64Array;
  northTs: Float64Array;
  southTs: Float64Array;
}

/**
 * Background scans for the hot-spot post-trial p (physics.md §2.5; the paper ran
 * 1,000): trial k scrambles the RAs with Rng.forStream(seed, start + k) inside the
 * scan workers (the data stay as given), scans, and records the smallest pixel p
 * in each hemisphere (north z > 0, as hottestSpots) and the largest TS. Results
 * depend only on (seed, trial index), not on workers or on how a run is split.
 */
export async function scanTrials(
  data: ScanData,
  bg: DecBackground | null,
  o: { nside: number; trials: number; seed: number; start?: number; workers?: number; decMin?: number; decMax?: number; onTrial?: (done: number) => void; runner?: ScanRunner },
): Promise<ScanTrialStats> {
  const r: ScanTrialStats = { north: new Float64Array(o.trials), south: new Float64Array(o.trials), northTs: new Float64Array(o.trials), southTs: new Float64Array(o.trials) };
  const runner = o.runner ?? new ScanRunner(data, { workers: o.workers });
  try {
    for (let t = 0; t < o.trials; t++) {
      const scan = await runner.scan({ nside: o.nside, decMin: o.decMin, decMax: o.decMax, scramble: { seed: o.seed, trial: (o.start ?? 0) + t } });
      const byTs = hottestSpots(scan);
      r.northTs[t] = byTs.north?.ts ?? 0;
      r.southTs[t] = byTs.south?.ts ?? 0;
      if (bg) {
        const spots = hottestSpots(scan, pixelPValues(scan, bg));
        r.north[t] = spots.north?.p ?? 1;
        r.south[t] = spots.south?.p ?? 1;
      } else {
        r.north[t] = NaN;
        r.south[t] = NaN;
      }
      o.onTrial?.(t + 1);
    }
  } finally {
    if (!o.runner) await runner.close();
  }
  return r;
}

/** Post-trial p from the largest TS of background scans: fraction with max TS ≥ the observed. */
export function postTrialFromMaxTs(observedTs: number, trialMaxTs: ArrayLike<number>): PostTrial {
  const neg = Float64Array.from(trialMaxTs, (x) => -x);
  return postTrialFromMinP(-observedTs, neg);
}
