/**
 * Procedures shared by the trial-kernel tests (the assertions stay in each test):
 * the n̂_s sample of signal trials at a fixed injected number, and two kernels run on
 * the same trial streams for a fast-vs-reference comparison.
 */
import { Rng } from '../../stats/random.js';
import { median, quantile } from '../../stats/quantile.js';
import type { TrialKernel } from '../kernel.js';

/** Median n̂_s and its 16–84 % width over `trials` signal trials with nInj injected (trial i: stream (nInj, i)). */
export function nsRecovery(k: TrialKernel, nInj: number, trials: number, nsColumn = 1): { median: number; spread: number } {
  const out = new Float64Array(k.columns.length);
  const ns: number[] = [];
  for (let i = 0; i < trials; i++) {
    k.run(Rng.forStream(nInj, i), nInj, out);
    ns.push(out[nsColumn]);
  }
  return { median: median(ns), spread: quantile(ns, 0.84) - quantile(ns, 0.16) };
}

/**
 * Runs `a` and `b` on the same streams (seed, i) for i < count, injecting `nInjOdd` on odd trials,
 * and calls `check(outA, outB)` after each trial.
 */
export function runPaired(a: TrialKernel, b: TrialKernel, count: number, seed: number, nInjOdd: number, check: (x: Float64Array, y: Float64Array) => void): void {
  const x = new Float64Array(a.columns.length), y = new Float64Array(b.columns.length);
  for (let i = 0; i < count; i++) {
    const nInj = i % 2 ? nInjOdd : 0;
    a.run(Rng.forStream(seed, i), nInj, x);
    b.run(Rng.forStream(seed, i), nInj, y);
    check(x, y);
  }
}
