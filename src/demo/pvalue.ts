/** p-values of observed TS values from background trials, in the demo's result shape. */
import { pToSigma } from '../stats/normal.js';
import { TsDistribution } from '../stats/tsDistribution.js';

export interface DemoPValue {
  p: number;
  /** 1σ Clopper-Pearson interval of the trial estimate */
  pLo: number;
  pHi: number;
  /** one-sided Gaussian significance, as the paper (p 1.26e-6 ↔ 4.71σ) */
  sigma: number;
  nTrials: number;
  nAbove: number;
  /** true when p comes from the gamma fitted to the tail, beyond what the trials resolve */
  extrapolated: boolean;
  /** true when no trial reached the TS and no tail fit was possible: p is then the 1σ upper bound pHi */
  bound: boolean;
}

export function pValueOf(bg: Float64Array | TsDistribution, ts: number): DemoPValue {
  const d = bg instanceof TsDistribution ? bg : new TsDistribution(bg);
  const v = d.pValue(ts);
  const bound = v.p === 0;
  const p = bound ? v.pHi : v.p;
  return { p, pLo: v.pLo, pHi: v.pHi, sigma: pToSigma(Math.min(1, Math.max(p, 1e-300))), nTrials: v.nTrials, nAbove: v.nAbove, extrapolated: v.extrapolated, bound };
}

/** Histogram of background TS (for results.json and the report). */
export function tsHistogram(ts: Float64Array, nBins = 40): { edges: number[]; counts: number[] } {
  let max = 0;
  for (const v of ts) if (v > max) max = v;
  const hi = Math.max(1, max) * 1.0001;
  const edges = Array.from({ length: nBins + 1 }, (_, k) => (hi * k) / nBins);
  const counts = new Array<number>(nBins).fill(0);
  for (const v of ts) counts[Math.min(nBins - 1, Math.max(0, Math.floor((v / hi) * nBins)))]++;
  return { edges, counts };
}
