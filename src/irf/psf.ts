/**
 * Angular response: per-event angular uncertainty σ ("angErr") and the opening angle ψ
 * between true and reconstructed direction.
 *
 * Model (nusky's choice, fitted to the release tables at load time):
 *  - ψ given σ follows a von Mises–Fisher distribution with κ = 1/(c σ)², i.e. the chord
 *    ρ = 2 sin(ψ/2) is Rayleigh(c σ). This is the 2-D Gaussian / Kent form the analysis
 *    uses for its spatial PDF (physics.md §1.5).
 *  - the event's true ψ-scale s is log-normal given E_ν (median S(E), width w(E)), fitted per
 *    row of angular_resolution.csv (paper Fig. S5) so that the 20/50/80 % quantiles of ψ match;
 *    ψ | s is vMF with κ = 1/s².
 *  - the reported angErr is σ = (S/c)·exp(β w z + w_x,E z'), z' ~ N(0,1) independent: σ
 *    follows a fraction β of the event's true resolution fluctuation, plus estimator noise.
 *    c (how conservative σ is) and w_eff, the width of ln(s c/σ), are fitted to coverage.csv
 *    (paper Fig. S7): with the estimated q-containment radius r_q = σ √(−2 ln(1−q)) the
 *    true coverage is E_z[1 − (1−q)^(exp(2 w_eff z)/c²)]. Given β, the noise width follows as
 *    w_x,E = √(max(0, w_eff² − (1−β)² w(E)²)). β is the one sample-level parameter that the
 *    tables do not fix; it is calibrated to the width of the angErr distribution (Fig. S2).
 */
import type { Rng } from '../stats/random.js';
import { normCdf, truncatedChordQuantile } from './psfFit.js';

export {
  fitQuantiles, modelCoverage, fitCoverage, loadCascadeAngularModel, angularModelJson, fitCascadeAngularModel,
  DNNC_ANGERR_BETA, DNNC_ANGERR_SCALE, DNNC_MAX_ANGERR_DEG,
} from './psfFit.js';

export interface AngularModel {
  /** log10(E/GeV) nodes. */
  logE: Float64Array;
  /** ln of the median angErr σ (rad) at each node. */
  lnMedian: Float64Array;
  /** log-normal width of σ at each node. */
  width: Float64Array;
  /** ψ scale relative to σ (coverage calibration). */
  c: number;
  /** width of ln(s·c/σ) (coverage calibration). */
  wEff: number;
  /** fraction of the per-event resolution fluctuation that angErr follows. */
  beta: number;
  /** overall scale of the reported angErr relative to the coverage calibration (1 = Fig. S7). */
  sigmaScale: number;
  /** Largest reported σ (rad) in the sample: draws above are rejected (selection cut). */
  maxSigma: number;
}

function interp(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const m = (lo + hi) >>> 1; if (x >= xs[m]) lo = m; else hi = m; }
  return ys[lo] + ((x - xs[lo]) / (xs[hi] - xs[lo])) * (ys[hi] - ys[lo]);
}

/** Median ψ-scale / c (rad) at true energy E (GeV) = median angErr; constant beyond the table. */
export function angErrMedian(m: AngularModel, eGeV: number): number {
  return Math.exp(interp(m.logE, m.lnMedian, Math.log10(eGeV)));
}
export function angErrWidth(m: AngularModel, eGeV: number): number {
  return interp(m.logE, m.width, Math.log10(eGeV));
}

/**
 * Draw one event's angular response at true energy E: out[0] = reported angErr σ (rad),
 * out[1] = opening angle ψ (rad) between true and reconstructed direction. `scale`
 * multiplies σ and `psiScale` the ψ scale (both 1 for neutrinos; > 1 for mis-reconstructed muons).
 */
export function sampleAngular(m: AngularModel, eGeV: number, rng: Rng, out: Float64Array, scale = 1, psiScale = scale): void {
  const w = angErrWidth(m, eGeV), med = scale * angErrMedian(m, eGeV);
  const d = (1 - m.beta) * w;
  const wx = Math.sqrt(Math.max(0, m.wEff * m.wEff - d * d));
  // Truncation at maxSigma (selection cut): redraw (z, z') jointly. The (S, w) fit of the
  // model already accounts for it (truncatedPsiQuantiles), so ψ still follows Fig. S5.
  let z = 0, sigma = Infinity;
  for (let tries = 0; sigma > m.maxSigma; tries++) {
    if (tries > 10000) { sigma = m.maxSigma; break; }
    z = rng.normal();
    sigma = m.sigmaScale * med * Math.exp(m.beta * w * z + wx * rng.normal());
  }
  let s = m.c * psiScale * angErrMedian(m, eGeV) * Math.exp(w * z);
  if (s > Math.PI) s = Math.PI;
  out[0] = sigma;
  out[1] = sampleOpeningAngleForScale(s, rng);
}

/** Opening angle ψ (rad) for ψ-scale s: vMF with κ = 1/s² (exact inversion). */
export function sampleOpeningAngleForScale(s: number, rng: Rng): number {
  const kappa = 1 / (s * s);
  const u = rng.uniform();
  const x = kappa > 50 ? Math.log(1 - u) / kappa : Math.log(u + (1 - u) * Math.exp(-2 * kappa)) / kappa;
  const cosPsi = 1 + x;
  return Math.acos(cosPsi < -1 ? -1 : cosPsi);
}

/**
 * P(angErr = σ | E): density (per rad) of the reported σ at true energy E — log-normal with
 * median k·S/c and width √((βw)² + w_x²), truncated at maxSigma and renormalised.
 */
export function angErrPdf(m: AngularModel, sigma: number, eGeV: number): number {
  if (!(sigma > 0) || sigma > m.maxSigma) return 0;
  const w = angErrWidth(m, eGeV), med = m.sigmaScale * angErrMedian(m, eGeV);
  const d = (1 - m.beta) * w;
  const wx2 = Math.max(0, m.wEff * m.wEff - d * d);
  const sd = Math.sqrt(m.beta * m.beta * w * w + wx2);
  const z = Math.log(sigma / med) / sd;
  const norm = normCdf(Math.log(m.maxSigma / med) / sd);
  return Math.exp(-0.5 * z * z) / (sigma * sd * Math.sqrt(2 * Math.PI) * norm);
}

/** Quantile q of the opening angle ψ (rad) at true energy E, σ cut included (for validation against Fig. S5). */
export function psfQuantile(m: AngularModel, q: number, eGeV: number): number {
  const w = angErrWidth(m, eGeV), S = m.c * angErrMedian(m, eGeV);
  const d = (1 - m.beta) * w;
  const wx = Math.sqrt(Math.max(0, m.wEff * m.wEff - d * d));
  const r = truncatedChordQuantile(q, S, w, m.sigmaScale / m.c, m.beta, wx, m.maxSigma);
  return 2 * Math.asin(Math.min(1, r / 2));
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
