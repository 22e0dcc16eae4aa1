/**
 * Analysis-level trial products on top of the pool: background distributions,
 * sensitivity, discovery potential, Neyman upper limits, n_s bias curves and the
 * correlated post-trial correction over several templates.
 */
import { TsDistribution } from '../stats/tsDistribution.js';
import { clopperPearson } from '../stats/binomial.js';
import { quantile, median } from '../stats/quantile.js';
import { pToSigma } from '../stats/normal.js';
import { InputError } from '../errors.js';
import type { KernelSpec } from './kernel.js';
import type { ProgressFn, TrialPool } from './runner.js';
import { findStrength, type StrengthResult, type StrengthSearch } from './sensitivity.js';
import type { TrialTable } from './table.js';

export interface SearchOptions {
  seed: number;
  /** TS column to use (default: the kernel's first column) */
  column?: string;
  trialsPerStep?: number;
  tol?: number;
  guess?: number;
  maxSteps?: number;
  fluxPerEvent?: number;
  onStep?: StrengthSearch['onStep'];
}

function signalTrials(pool: TrialPool, kernel: KernelSpec, column?: string): StrengthSearch['signalTrials'] {
  return async (mean, count, seed) => {
    const t = await pool.run({ kernel, seed, count, meanInjected: mean, poisson: true });
    return t.data[column ?? t.columns[2]];
  };
}

function fractionAbove(bg: TsDistribution, thr: number, inclusive: boolean): number {
  let k = 0;
  for (const v of bg.ts) if (inclusive ? v >= thr : v > thr) k++;
  return k / bg.n;
}

/** 90 % of signal trials above the median background TS. */
export function sensitivity(pool: TrialPool, kernel: KernelSpec, bg: TsDistribution, o: SearchOptions): Promise<StrengthResult> {
  const thr = bg.median();
  return findStrength({ ...o, signalTrials: signalTrials(pool, kernel, o.column), threshold: thr, beta: 0.9, backgroundFraction: fractionAbove(bg, thr, false) });
}

/** 50 % of signal trials above the nσ threshold (from trials, or the labelled tail fit). */
export async function discoveryPotential(pool: TrialPool, kernel: KernelSpec, bg: TsDistribution, sigma: number, o: SearchOptions): Promise<StrengthResult & { thresholdExtrapolated: boolean }> {
  const thr = bg.threshold(sigma);
  const r = await findStrength({ ...o, signalTrials: signalTrials(pool, kernel, o.column), threshold: thr.ts, beta: 0.5, backgroundFraction: fractionAbove(bg, thr.ts, false) });
  return { ...r, thresholdExtrapolated: thr.extrapolated };
}

/** Neyman 90 % upper limit: the strength at which 90 % of signal trials have TS ≥ the observed TS. */
export function upperLimit(pool: TrialPool, kernel: KernelSpec, bg: TsDistribution, tsObserved: number, o: SearchOptions, cl = 0.9): Promise<StrengthResult> {
  const f0 = fractionAbove(bg, tsObserved, true);
  // when the observation is below the background median the limit is the sensitivity-like one at TS ≥ observed
  return findStrength({ ...o, signalTrials: signalTrials(pool, kernel, o.column), threshold: tsObserved, beta: cl, backgroundFraction: Math.min(f0, cl - 1e-3), inclusive: true });
}

export interface NsBiasRow {
  nInjected: number;
  median: number;
  q16: number;
  q84: number;
  nTrials: number;
}

/** Median fitted n_s with 16/84 % bands against a fixed (not Poisson-fluctuated) injected number. */
export async function nsBias(pool: TrialPool, kernel: KernelSpec, nInjected: number[], count: number, seed: number, nsColumn = 'ns', onProgress?: ProgressFn): Promise<NsBiasRow[]> {
  const rows: NsBiasRow[] = [];
  for (const n of nInjected) {
    const t = await pool.run({ kernel, seed, count, meanInjected: n, poisson: false }, onProgress);
    const ns = t.data[nsColumn];
    if (!ns) throw new InputError(`nsBias: kernel has no column ${nsColumn}; columns: ${t.columns.join(', ')}`);
    rows.push({ nInjected: n, median: median(ns), q16: quantile(ns, 0.16), q84: quantile(ns, 0.84), nTrials: count });
  }
  return rows;
}

export interface PostTrialResult {
  /** pre-trial p per template (from that template's own background trials) */
  preTrial: { column: string; ts: number; p: number; extrapolated: boolean }[];
  best: string;
  pMin: number;
  /** fraction of correlated background trials whose smallest p is ≤ the observed smallest p */
  postTrial: number;
  postTrialLo: number;
  postTrialHi: number;
  postTrialSigma: number;
  /** the conservative bound used in the paper: m × p_min (physics.md §2.5) */
  bonferroni: number;
}

/**
 * Correlated post-trial correction: each background trial evaluated all
 * templates on the same scramble (one row, several TS columns). The trial's
 * statistic is its smallest pre-trial p over the templates.
 */
export function postTrialMinP(bg: TrialTable, columns: string[], observedTs: number[]): PostTrialResult {
  if (columns.length !== observedTs.length || columns.length === 0) throw new InputError(`postTrialMinP: ${columns.length} columns but ${observedTs.length} observed TS values`);
  const dists = columns.map((c) => {
    const d = bg.data[c];
    if (!d) throw new InputError(`postTrialMinP: trials have no column ${c}; columns: ${bg.columns.join(', ')}`);
    return new TsDistribution(d);
  });
  const pre = columns.map((c, j) => {
    const pv = dists[j].pValue(observedTs[j]);
    return { column: c, ts: observedTs[j], p: pv.p, extrapolated: pv.extrapolated };
  });
  let bi = 0;
  for (let j = 1; j < pre.length; j++) if (pre[j].p < pre[bi].p) bi = j;
  const pMin = pre[bi].p;
  let k = 0;
  for (let i = 0; i < bg.n; i++) {
    let m = 1;
    for (let j = 0; j < columns.length; j++) {
      const p = dists[j].p(bg.data[columns[j]][i]);
      if (p < m) m = p;
    }
    if (m <= pMin) k++;
  }
  const iv = clopperPearson(k, bg.n);
  const post = k / bg.n;
  return { preTrial: pre, best: pre[bi].column, pMin, postTrial: post, postTrialLo: iv.lo, postTrialHi: iv.hi, postTrialSigma: pToSigma(Math.min(1, Math.max(post, 1e-300))), bonferroni: Math.min(1, columns.length * pMin) };
}
