/**
 * Forward folding of a diffuse flux through the IRFs: expected counts in (true sin δ,
 * true E, flavour) cells, Poisson draws per cell, and true energies/directions inside a cell.
 */
import type { Rng } from '../stats/random.js';
import type { Irf } from '../irf/irf.js';
import { flavourShare } from '../irf/irf.js';
import { findBin } from '../irf/tables.js';
import { nEBins } from '../irf/effectiveArea.js';

/** Per-flavour flux (f = 0 e, 1 μ, 2 τ) in GeV⁻¹ cm⁻² s⁻¹ sr⁻¹ at E and local cos(zenith) = −sin δ. */
export type DiffuseFlux = (flavour: number, eGeV: number, cosZen: number) => number;

export interface FoldedGrid {
  nSin: number;
  nE: number;
  sinEdges: Float64Array;
  logEEdges: Float64Array;
  /** expected events per cell [(j * nE + k) * 3 + f] */
  mu: Float64Array;
  /** local spectral index of the integrand in each cell (for sampling E inside the cell) */
  gamma: Float64Array;
  total: number;
}

const GL_X = [-0.9061798459386640, -0.5384693101056831, 0, 0.5384693101056831, 0.9061798459386640];
const GL_W = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];

/** Expected counts of a diffuse flux in nSin uniform sin δ rows × the area's energy bins × 3 flavours. */
export function foldDiffuse(irf: Irf, flux: DiffuseFlux, nSin = 40): FoldedGrid {
  const a = irf.aeff, nE = nEBins(a);
  const sinEdges = Float64Array.from({ length: nSin + 1 }, (_, j) => -1 + (2 * j) / nSin);
  const mu = new Float64Array(nSin * nE * 3), gamma = new Float64Array(nSin * nE * 3);
  const shares = irf.flavourShares;
  let total = 0;
  // flavour shares at the quadrature nodes and bin edges, once per energy bin (7 nodes × 3 flavours)
  const nodeE = new Float64Array(nE * 7), nodeShare = new Float64Array(nE * 7 * 3);
  for (let k = 0; k < nE; k++) {
    const lo = a.logEEdges[k] * Math.LN10, hi = a.logEEdges[k + 1] * Math.LN10;
    const h = 0.5 * (hi - lo), c = 0.5 * (hi + lo);
    for (let i = 0; i < 7; i++) {
      const e = i < 5 ? Math.exp(c + h * GL_X[i]) : Math.exp(i === 5 ? lo : hi);
      nodeE[k * 7 + i] = e;
      for (let f = 0; f < 3; f++) nodeShare[(k * 7 + i) * 3 + f] = shares ? flavourShare(shares, f, e) : f === 1 ? 1 : 0;
    }
  }
  for (let j = 0; j < nSin; j++) {
    const sMid = 0.5 * (sinEdges[j] + sinEdges[j + 1]);
    const band = findBin(a.sinDecEdges, sMid);
    const cosZen = -sMid;
    const omega = 2 * Math.PI * (sinEdges[j + 1] - sinEdges[j]);
    for (let k = 0; k < nE; k++) {
      const A = a.values[band * nE + k];
      if (!(A > 0)) continue;
      const lo = a.logEEdges[k] * Math.LN10, hi = a.logEEdges[k + 1] * Math.LN10;
      const h = 0.5 * (hi - lo);
      for (let f = 0; f < 3; f++) {
        const g = (i: number) => {
          const sh = nodeShare[(k * 7 + i) * 3 + f];
          return sh === 0 ? 0 : sh * flux(f, nodeE[k * 7 + i], cosZen);
        };
        let s = 0;
        for (let i = 0; i < 5; i++) s += GL_W[i] * g(i) * nodeE[k * 7 + i];
        const m = s * h * A * omega * irf.livetimeS;
        const idx = (j * nE + k) * 3 + f;
        mu[idx] = m;
        total += m;
        if (m === 0) continue;
        const gl = g(5), gh = g(6);
        gamma[idx] = gl > 0 && gh > 0 ? -Math.log(gh / gl) / (hi - lo) : 2;
      }
    }
  }
  return { nSin, nE, sinEdges, logEEdges: a.logEEdges, mu, gamma, total };
}

/** Expected events per flavour of a folded grid. */
export function flavourTotals(g: FoldedGrid): [number, number, number] {
  const t: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < g.mu.length; i++) t[i % 3] += g.mu[i];
  return t;
}

/** Draw E ∝ E^-γ in [10^lo, 10^hi] (inverse CDF). */
export function samplePowerLawInBin(logLo: number, logHi: number, gamma: number, rng: Rng): number {
  const u = rng.uniform();
  const a = Math.pow(10, logLo), b = Math.pow(10, logHi);
  if (Math.abs(gamma - 1) < 1e-6) return a * Math.pow(b / a, u);
  const p = 1 - gamma;
  const ap = Math.pow(a, p), bp = Math.pow(b, p);
  return Math.pow(ap + u * (bp - ap), 1 / p);
}

/** Poisson counts per cell (Int32Array) and their sum. */
export function drawCounts(g: FoldedGrid, rng: Rng, scale = 1): { counts: Int32Array; n: number } {
  const counts = new Int32Array(g.mu.length);
  let n = 0;
  for (let i = 0; i < g.mu.length; i++) {
    const m = g.mu[i] * scale;
    if (m > 0) { counts[i] = rng.poisson(m); n += counts[i]; }
  }
  return { counts, n };
}
