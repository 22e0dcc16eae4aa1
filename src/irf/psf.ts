/**
 * Angular response: per-event angular uncertainty σ ("angErr") and the opening angle ψ
 * between true and reconstructed direction.
 *
 * Model (nusky's choice, fitted to the release tables at load time):
 *  - ψ given σ follows a von Mises–Fisher distribution with κ = 1/(c σ)², i.e. the chord
 *    ρ = 2 sin(ψ/2) is Rayleigh(c σ). This is the 2-D Gaussian / Kent form the analysis
 *    uses for its spatial PDF (physics.md §1.5).
 *  - c is fitted to coverage.csv (paper Fig. S7): with the estimated q-containment radius
 *    r_q = σ √(−2 ln(1−q)), the true coverage is 1 − (1−q)^(1/c²).
 *  - σ given E_ν is log-normal, median m(E), width w(E), fitted per row of
 *    angular_resolution.csv (paper Fig. S5) so that the 20/50/80 % quantiles of ψ match.
 */
import type { Rng } from '../stats/random.js';
import { readNamedColumns } from './tables.js';

export interface AngularModel {
  /** log10(E/GeV) nodes. */
  logE: Float64Array;
  /** ln of the median angErr σ (rad) at each node. */
  lnMedian: Float64Array;
  /** log-normal width of σ at each node. */
  width: Float64Array;
  /** ψ scale relative to σ (coverage calibration). */
  c: number;
  /** Upper bound on a sampled σ (rad). */
  maxSigma: number;
}

const Z_NODES = 97;
const ZS = Float64Array.from({ length: Z_NODES }, (_, i) => -6 + (12 * i) / (Z_NODES - 1));
const ZW = Float64Array.from(ZS, (z) => Math.exp(-0.5 * z * z));
const ZW_SUM = ZW.reduce((a, b) => a + b, 0);

/** CDF of the chord ρ for σ = e^{wz} (median 1), ψ-scale 1: E_z[1 − exp(−ρ²/(2σ²))]. */
function unitMixtureCdf(rho: number, w: number): number {
  let s = 0;
  for (let i = 0; i < Z_NODES; i++) {
    const sig = Math.exp(w * ZS[i]);
    s += ZW[i] * (1 - Math.exp(-(rho * rho) / (2 * sig * sig)));
  }
  return s / ZW_SUM;
}

function unitQuantile(q: number, w: number): number {
  let lo = 1e-4, hi = 1e3;
  for (let it = 0; it < 60; it++) {
    const mid = Math.sqrt(lo * hi);
    if (unitMixtureCdf(mid, w) < q) lo = mid; else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

let widthGrid: { w: Float64Array; q20: Float64Array; q50: Float64Array; q80: Float64Array } | null = null;
function getWidthGrid() {
  if (widthGrid) return widthGrid;
  const n = 161;
  const w = Float64Array.from({ length: n }, (_, i) => i * 0.01);
  const q20 = w.map((x) => unitQuantile(0.2, x));
  const q50 = w.map((x) => unitQuantile(0.5, x));
  const q80 = w.map((x) => unitQuantile(0.8, x));
  widthGrid = { w, q20, q50, q80 };
  return widthGrid;
}

const chord = (psiRad: number) => 2 * Math.sin(psiRad / 2);
const DEG = Math.PI / 180;

/** Fit (scale, width) of the log-normal σ to three ψ quantiles (degrees). Returns ψ-scale S = c·m (chord units) and w. */
export function fitQuantiles(q20Deg: number, q50Deg: number, q80Deg: number): { scale: number; width: number } {
  const g = getWidthGrid();
  const r20 = chord(q20Deg * DEG), r50 = chord(q50Deg * DEG), r80 = chord(q80Deg * DEG);
  const a = Math.log(r20 / r50), b = Math.log(r80 / r50);
  let best = 0, bestErr = Infinity;
  for (let i = 0; i < g.w.length; i++) {
    const e = (Math.log(g.q20[i] / g.q50[i]) - a) ** 2 + (Math.log(g.q80[i] / g.q50[i]) - b) ** 2;
    if (e < bestErr) { bestErr = e; best = i; }
  }
  // geometric-mean scale over the three quantiles
  const scale = Math.exp((Math.log(r20 / g.q20[best]) + Math.log(r50 / g.q50[best]) + Math.log(r80 / g.q80[best])) / 3);
  return { scale, width: g.w[best] };
}

/** Least-squares c from coverage curves: coverage(q) = 1 − (1−q)^(1/c²). */
export function fitCoverageScale(q: ArrayLike<number>, cov: ArrayLike<number>): number {
  let best = 1, bestErr = Infinity;
  for (let c = 0.5; c <= 1.5; c += 0.001) {
    let e = 0;
    for (let i = 0; i < q.length; i++) e += (1 - Math.pow(1 - q[i], 1 / (c * c)) - cov[i]) ** 2;
    if (e < bestErr) { bestErr = e; best = c; }
  }
  return best;
}

/** Angular model of the DNN-cascade sample from the shipped release tables. */
export function loadCascadeAngularModel(dir: string): AngularModel {
  const cov = readNamedColumns(`${dir}/coverage.csv`);
  const qs: number[] = [], cs: number[] = [];
  for (const col of ['cov_base_1TeV', 'cov_base_10TeV', 'cov_base_500TeV']) {
    cov.quantiles.forEach((q, i) => { qs.push(q); cs.push(cov[col][i]); });
  }
  const c = fitCoverageScale(qs, cs);
  const res = readNamedColumns(`${dir}/angular_resolution.csv`);
  const n = res.energy.length;
  const logE = new Float64Array(n), lnMedian = new Float64Array(n), width = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = fitQuantiles(res.this_work_20p[i], res.this_work_50p[i], res.this_work_80p[i]);
    logE[i] = Math.log10(res.energy[i]);
    lnMedian[i] = Math.log(f.scale / c);
    width[i] = f.width;
  }
  return { logE, lnMedian, width, c, maxSigma: Math.PI / 2 };
}

function interp(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const m = (lo + hi) >>> 1; if (x >= xs[m]) lo = m; else hi = m; }
  return ys[lo] + ((x - xs[lo]) / (xs[hi] - xs[lo])) * (ys[hi] - ys[lo]);
}

/** Median angErr σ (rad) at true energy E (GeV); constant beyond the table. */
export function angErrMedian(m: AngularModel, eGeV: number): number {
  return Math.exp(interp(m.logE, m.lnMedian, Math.log10(eGeV)));
}
export function angErrWidth(m: AngularModel, eGeV: number): number {
  return interp(m.logE, m.width, Math.log10(eGeV));
}

/** Draw a per-event angErr σ (rad) for true energy E. */
export function sampleAngErr(m: AngularModel, eGeV: number, rng: Rng): number {
  const s = angErrMedian(m, eGeV) * Math.exp(angErrWidth(m, eGeV) * rng.normal());
  return s > m.maxSigma ? m.maxSigma : s;
}

/** Draw the opening angle ψ (rad) for an event with angErr σ: vMF with κ = 1/(cσ)² (exact inversion). */
export function sampleOpeningAngle(m: AngularModel, sigma: number, rng: Rng): number {
  const s = m.c * sigma;
  const kappa = 1 / (s * s);
  const u = rng.uniform();
  const x = kappa > 50 ? Math.log(1 - u) / kappa : Math.log(u + (1 - u) * Math.exp(-2 * kappa)) / kappa;
  const cosPsi = 1 + x;
  return Math.acos(cosPsi < -1 ? -1 : cosPsi);
}

/** P(ψ < psi | E) of the model (mixture over σ), for validation against the release quantiles. */
export function psfCdf(m: AngularModel, psiRad: number, eGeV: number): number {
  const med = angErrMedian(m, eGeV) * m.c;
  return unitMixtureCdf(chord(psiRad) / med, angErrWidth(m, eGeV));
}

/** Quantile of ψ (rad) at E by bisection on psfCdf. */
export function psfQuantile(m: AngularModel, q: number, eGeV: number): number {
  let lo = 0, hi = Math.PI;
  for (let it = 0; it < 50; it++) {
    const mid = 0.5 * (lo + hi);
    if (psfCdf(m, mid, eGeV) < q) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Rotate (ra, dec) by opening angle ψ at position angle φ; writes into out[0..1].
 * Spherical law of cosines; no allocation.
 */
export function offsetDirection(ra: number, dec: number, psi: number, phi: number, out: Float64Array): void {
  const sd = Math.sin(dec), cd = Math.cos(dec), sp = Math.sin(psi), cp = Math.cos(psi);
  let sd2 = sd * cp + cd * sp * Math.cos(phi);
  if (sd2 > 1) sd2 = 1; else if (sd2 < -1) sd2 = -1;
  const dra = Math.atan2(Math.sin(phi) * sp * cd, cp - sd * sd2);
  let ra2 = (ra + dra) % (2 * Math.PI);
  if (ra2 < 0) ra2 += 2 * Math.PI;
  out[0] = ra2;
  out[1] = Math.asin(sd2);
}
