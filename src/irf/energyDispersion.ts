/**
 * Energy dispersion P(log10 E_reco | E_true) from the release's column-normalised
 * histogram EnergyResS6a (paper Fig. S6a: reconstructed vs neutrino energy, 29 × 29 bins,
 * 501 GeV – 5 PeV). In the CSV each row is one true-energy bin and sums to 1 over the
 * reconstructed-energy columns. Outside the true range the nearest row is used: below
 * 501 GeV the events in the sample are upward fluctuations past the ~500 GeV threshold, so
 * the first row (E_reco ≈ 500–700 GeV) is the natural choice. Within a reconstructed bin,
 * log10 E_reco is uniform.
 */
import type { Rng } from '../stats/random.js';
import { FileFormatError } from '../errors.js';
import { findBin, readMatrix, readVector } from './tables.js';

export interface EnergyDispersion {
  /** log10(E_true/GeV) edges (nT + 1). */
  trueEdges: Float64Array;
  /** log10(E_reco/GeV) edges (nR + 1). */
  recoEdges: Float64Array;
  /** P(reco bin | true bin), row-major [t * nR + r], rows sum to 1. */
  prob: Float64Array;
  /** Row-wise cumulative of prob. */
  cdf: Float64Array;
}

export function makeEnergyDispersion(trueEdges: Float64Array, recoEdges: Float64Array, hist: Float64Array, file = '<matrix>'): EnergyDispersion {
  const nT = trueEdges.length - 1, nR = recoEdges.length - 1;
  if (hist.length !== nT * nR) throw new FileFormatError(file, 'shape', `${nT} × ${nR}`, `${hist.length} values`);
  const prob = new Float64Array(hist.length), cdf = new Float64Array(hist.length);
  for (let t = 0; t < nT; t++) {
    let s = 0;
    for (let r = 0; r < nR; r++) s += hist[t * nR + r];
    if (!(s > 0)) throw new FileFormatError(file, `row ${t + 1}`, 'a positive sum', String(s));
    let acc = 0;
    for (let r = 0; r < nR; r++) {
      prob[t * nR + r] = hist[t * nR + r] / s;
      acc += prob[t * nR + r];
      cdf[t * nR + r] = acc;
    }
    cdf[t * nR + nR - 1] = 1;
  }
  return { trueEdges, recoEdges, prob, cdf };
}

export function loadEnergyDispersion(dir: string, which: 'S6a' | 'S6b' = 'S6a'): EnergyDispersion {
  const x = readVector(`${dir}/EnergyRes${which}_x_edges.csv`).map(Math.log10);
  const y = readVector(`${dir}/EnergyRes${which}_y_edges.csv`).map(Math.log10);
  const h = readMatrix(`${dir}/EnergyRes${which}_hist.csv`);
  return makeEnergyDispersion(x, y, h.data, `${dir}/EnergyRes${which}_hist.csv`);
}

/** Row index used for a true log10 energy (clamped to the table). */
export function trueRow(d: EnergyDispersion, logETrue: number): number {
  const nT = d.trueEdges.length - 1;
  if (logETrue < d.trueEdges[0]) return 0;
  if (logETrue >= d.trueEdges[nT]) return nT - 1;
  return findBin(d.trueEdges, logETrue);
}

/** Draw log10(E_reco/GeV) for a true energy (GeV). */
export function sampleLogEReco(d: EnergyDispersion, eTrueGeV: number, rng: Rng): number {
  const nR = d.recoEdges.length - 1;
  const t = trueRow(d, Math.log10(eTrueGeV));
  const u = rng.uniform();
  let lo = 0, hi = nR - 1;
  const base = t * nR;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (d.cdf[base + m] < u) lo = m + 1; else hi = m; }
  return d.recoEdges[lo] + rng.uniform() * (d.recoEdges[lo + 1] - d.recoEdges[lo]);
}

/**
 * Fraction of events of true energy E whose log10 E_reco falls in [a, b): the row's bins
 * weighted by their overlap with [a, b) (log-uniform inside a bin).
 */
export function recoFraction(d: EnergyDispersion, eTrueGeV: number, a: number, b: number): number {
  const nR = d.recoEdges.length - 1;
  const t = trueRow(d, Math.log10(eTrueGeV));
  let f = 0;
  for (let r = 0; r < nR; r++) {
    const lo = Math.max(a, d.recoEdges[r]), hi = Math.min(b, d.recoEdges[r + 1]);
    if (hi > lo) f += (d.prob[t * nR + r] * (hi - lo)) / (d.recoEdges[r + 1] - d.recoEdges[r]);
  }
  return f;
}
