/**
 * Source-list search (paper: 109 Galactic sources, Table S5): (n_s, γ) fitted at each listed
 * position with the scan's PointFitter; pre-trial p from point-source background trials on a
 * declination grid ('ps' kernel: RA scramble + 3° dec jitter); post-trial p of the hottest source
 * from correlated trials of the whole list — every source fitted on the same scramble, the
 * trial's statistic its smallest pre-trial p — so overlapping sources count as correlated.
 */
import { InputError } from '../errors.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { TrialPool } from '../trials/runner.js';
import type { EventSourceConfig } from '../trials/kernels/synthetic.js';
import type { ScanData } from './data.js';
import { PointFitter } from './pointFit.js';
import { DecBackground, postTrialFromMinP, type PostTrial } from './significance.js';

export interface ListedSource {
  name: string;
  /** radians */
  ra: number;
  dec: number;
}

export interface SourceFit extends ListedSource {
  ts: number;
  ns: number;
  gamma: number;
  /** pre-trial p from the background at the nearest grid declination (trials or labelled tail) */
  p: number;
  extrapolated: boolean;
}

/**
 * Background TS distributions of the 'ps' kernel at each grid declination (radians); grid point k
 * uses seed + k, so a run is reproducible and independent of the number of workers.
 */
export async function decBackgroundTrials(
  events: EventSourceConfig,
  decs: ArrayLike<number>,
  perDec: number,
  seed: number,
  workers?: number,
  onProgress?: (done: number, total: number) => void,
): Promise<DecBackground> {
  if (!(Number.isInteger(perDec) && perDec > 0)) throw new InputError(`source list: background trials per declination must be a positive integer, found ${perDec}`);
  const pool = new TrialPool({ workers });
  const dists: TsDistribution[] = [];
  try {
    for (let k = 0; k < decs.length; k++) {
      const t = await pool.run({ kernel: { module: 'ps', config: { ...events, source: { ra: 0, dec: (decs[k] * 180) / Math.PI } } }, seed: seed + k, count: perDec }, (d) => onProgress?.(k * perDec + d, decs.length * perDec));
      dists.push(new TsDistribution(t.data.ts));
    }
  } finally {
    await pool.close();
  }
  return new DecBackground(Float64Array.from(decs), dists);
}

/** Fit every source on the observed events (same likelihood as the scan and the 'ps' kernel). */
export function fitSources(data: ScanData, sources: ListedSource[], bg: DecBackground): SourceFit[] {
  const fitter = new PointFitter(data);
  const res = { ts: 0, ns: 0, gamma: 0 };
  return sources.map((s) => {
    fitter.fitAt(s.ra, s.dec, res);
    const pv = bg.pValue(s.dec, res.ts);
    return { ...s, ts: res.ts, ns: res.ns, gamma: res.gamma, p: pv.p, extrapolated: pv.extrapolated };
  });
}

/**
 * Correlated source-list trials: smallest pre-trial p over the list on each of `count` scrambles
 * (trial k from Rng.forStream(seed, k)), each p from `bg` exactly as for the observed fits.
 */
export async function sourceListTrials(
  events: EventSourceConfig,
  sources: ListedSource[],
  bg: DecBackground,
  count: number,
  seed: number,
  workers?: number,
  onProgress?: (done: number) => void,
): Promise<Float64Array> {
  if (sources.length === 0) throw new InputError('source list: no sources');
  const pool = new TrialPool({ workers });
  try {
    const config = { ...events, sources: sources.map((s) => ({ ra: (s.ra * 180) / Math.PI, dec: (s.dec * 180) / Math.PI })) };
    const t = await pool.run({ kernel: { module: 'ps', config }, seed, count }, (d) => onProgress?.(d));
    const minP = new Float64Array(count).fill(1);
    for (let k = 0; k < sources.length; k++) {
      const dist = bg.at(sources[k].dec);
      const ts = t.data[`ts_${k}`];
      for (let i = 0; i < count; i++) {
        const p = dist.p(ts[i]);
        if (p < minP[i]) minP[i] = p;
      }
    }
    return minP;
  } finally {
    await pool.close();
  }
}

/** The hottest source: smallest pre-trial p, ties by the larger TS. */
export function hottestSource(fits: SourceFit[]): SourceFit {
  if (fits.length === 0) throw new InputError('source list: no fitted sources');
  let hot = fits[0];
  for (const f of fits) if (f.p < hot.p || (f.p === hot.p && f.ts > hot.ts)) hot = f;
  return hot;
}

/** The hottest source and its post-trial p from the trials' smallest p. */
export function sourceListPostTrial(fits: SourceFit[], trialMinP: ArrayLike<number>): { hottest: SourceFit; post: PostTrial } {
  const hot = hottestSource(fits);
  return { hottest: hot, post: postTrialFromMinP(hot.p, trialMinP) };
}
