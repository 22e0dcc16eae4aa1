import { InputError } from '../errors.js';
import { MultiSpline } from './spline.js';

/**
 * Energy term of the likelihood: the ratio S^E/B^E in (sin δ, log10 E_reco) bins.
 * Each sin δ row is normalised over energy (csky `normalize_axes=([1])`), signal from
 * the IRF folded with the hypothesis' spectrum, background from the data (physics.md §2.4).
 * The builder takes plain histograms (expected events per bin, row-major: row = sin δ bin,
 * column = log E bin) so it does not depend on the IRF module.
 */
export interface EnergyBinning {
  readonly sinDecEdges: Float64Array;
  readonly logEEdges: Float64Array;
}

function linspace(a: number, b: number, n: number): Float64Array {
  const o = new Float64Array(n);
  for (let i = 0; i < n; i++) o[i] = a + ((b - a) * i) / (n - 1);
  return o;
}

/** 19 × 19 bins: sin δ ∈ [−1, 1], log10 E_reco/GeV from log10(500) to 8.001. Source: DNNC config.py (physics.md §2.4). */
export const PAPER_ENERGY_BINNING: EnergyBinning = {
  sinDecEdges: linspace(-1, 1, 20),
  logEEdges: linspace(Math.log10(500), 8.001, 20),
};

/** Bin index for value v in edges (clamped into the first/last bin: events below 500 GeV use the first bin). */
function findBin(edges: Float64Array, v: number): number {
  const n = edges.length - 1;
  if (!(v > edges[0])) return 0;
  if (v >= edges[n]) return n - 1;
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (v >= edges[mid]) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Flat bin index (row-major) of every event. */
export function energyBinIndex(b: EnergyBinning, sinDec: ArrayLike<number>, logE: ArrayLike<number>, out = new Int32Array(sinDec.length)): Int32Array {
  const nE = b.logEEdges.length - 1;
  for (let i = 0; i < sinDec.length; i++) out[i] = findBin(b.sinDecEdges, sinDec[i]) * nE + findBin(b.logEEdges, logE[i]);
  return out;
}

/** Event-count histogram (row-major) of the data, the background of the energy term. */
export function histogramEvents(b: EnergyBinning, sinDec: ArrayLike<number>, logE: ArrayLike<number>): Float64Array {
  const h = new Float64Array((b.sinDecEdges.length - 1) * (b.logEEdges.length - 1));
  const idx = energyBinIndex(b, sinDec, logE);
  for (let i = 0; i < idx.length; i++) h[idx[i]]++;
  return h;
}

/**
 * S/B ratio per bin from a signal and a background histogram, each row normalised over energy.
 * Bins without background but with signal take the largest ratio of their row (SkyLLH's
 * convention); bins with neither get 1; bins with background and no signal get 0.
 */
export function energyRatio(b: EnergyBinning, signal: Float64Array, background: Float64Array): Float64Array {
  const nS = b.sinDecEdges.length - 1;
  const nE = b.logEEdges.length - 1;
  if (signal.length !== nS * nE || background.length !== nS * nE)
    throw new InputError(`energyRatio: histograms must have ${nS}×${nE} = ${nS * nE} bins, found ${signal.length} and ${background.length}`);
  const r = new Float64Array(nS * nE);
  for (let row = 0; row < nS; row++) {
    let ss = 0;
    let sb = 0;
    for (let c = 0; c < nE; c++) {
      const s = signal[row * nE + c];
      const bk = background[row * nE + c];
      if (!(s >= 0) || !(bk >= 0)) throw new InputError(`energyRatio: negative or NaN histogram entry in bin (${row}, ${c})`);
      ss += s;
      sb += bk;
    }
    let maxR = 0;
    for (let c = 0; c < nE; c++) {
      const k = row * nE + c;
      if (background[k] > 0 && ss > 0) {
        r[k] = signal[k] / ss / (background[k] / sb);
        if (r[k] > maxR) maxR = r[k];
      }
    }
    for (let c = 0; c < nE; c++) {
      const k = row * nE + c;
      if (!(background[k] > 0)) r[k] = signal[k] > 0 ? maxR : 1;
    }
  }
  return r;
}

/** Floor applied before taking ln R for the γ interpolation. */
const LN_FLOOR = 1e-12;

/**
 * Energy S/B on a grid of spectral indices γ, interpolated smoothly between grid values with a
 * natural cubic spline in ln R per bin (so R > 0 and dR/dγ is continuous).
 */
export class EnergyRatioGrid {
  readonly gammas: Float64Array;
  readonly nBins: number;
  private readonly spline: MultiSpline;
  private readonly tmp: Float64Array;
  private readonly tmpD: Float64Array;
  private readonly tmpD2: Float64Array;

  constructor(
    readonly binning: EnergyBinning,
    gammas: ArrayLike<number>,
    signalHistograms: Float64Array[],
    background: Float64Array,
  ) {
    if (gammas.length !== signalHistograms.length) throw new InputError(`EnergyRatioGrid: ${gammas.length} γ values but ${signalHistograms.length} histograms`);
    this.gammas = Float64Array.from(gammas);
    const logs = signalHistograms.map((s) => {
      const r = energyRatio(binning, s, background);
      for (let k = 0; k < r.length; k++) r[k] = Math.log(Math.max(r[k], LN_FLOOR));
      return r;
    });
    this.nBins = logs[0].length;
    this.spline = new MultiSpline(this.gammas, logs);
    this.tmp = new Float64Array(this.nBins);
    this.tmpD = new Float64Array(this.nBins);
    this.tmpD2 = new Float64Array(this.nBins);
  }

  /** S/B per bin at γ (clamped to the grid range) into `out`; d/dγ into `d1`, d²/dγ² into `d2` when given. No allocation. */
  ratioInto(gamma: number, out: Float64Array, d1?: Float64Array, d2?: Float64Array): void {
    const need1 = d1 !== undefined || d2 !== undefined;
    this.spline.evalInto(gamma, this.tmp, need1 ? this.tmpD : undefined, d2 ? this.tmpD2 : undefined);
    for (let k = 0; k < this.nBins; k++) {
      out[k] = Math.exp(this.tmp[k]);
      if (d1) d1[k] = out[k] * this.tmpD[k];
      if (d2) d2[k] = out[k] * (this.tmpD2[k] + this.tmpD[k] * this.tmpD[k]);
    }
  }
}
