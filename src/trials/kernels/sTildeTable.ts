/**
 * Tabulated RA-averaged point-source PDF S̃(δ; δs, σ) of one source for the Gaussian PDF branch
 * (σ < 7°, where psf.ts integrates 32 Gauss–Legendre nodes per event: ~1.5 µs), so trial
 * kernels can recompute S̃ for every event after a declination jitter.
 *
 * ln S̃ is tabulated on u = (δ − δs)/σ ∈ [−uMax, uMax] (the reach, default 5σ) × t = ln σ and
 * read by 4 × 4-point (bicubic) Lagrange interpolation. In these coordinates ln S̃ ≈ −u²/2 + a
 * smooth function of (δ, σ), so a uniform grid suffices; nodes beyond a pole take S̃ at the
 * mirrored declination (S̃ is even about the pole), which keeps the stencil smooth there.
 * Within 3σ of a pole (cos δ < 3σ) and outside the table `at` returns the exact quadrature.
 * Accuracy (sTildeTable.test.ts): ≤ 1e-6 relative over |δ − δs| ≤ 5σ, σ in the table's range.
 */
import { KENT_MIN_SIGMA, raAveragedGaussianPdf } from '../../likelihood/psf.js';
import { InputError } from '../../errors.js';

export interface STildeTableOptions {
  /** tabulated |δ − δs|/σ (default 5, the kernels' reach) */
  uMax?: number;
  /** grid steps in u and ln σ (defaults 0.05, 0.02) */
  hu?: number;
  ht?: number;
}

export class STildeTable {
  private readonly lnS: Float64Array;
  private readonly nU: number;
  private readonly u0: number;
  private readonly t0: number;
  private readonly invHu: number;
  private readonly invHt: number;
  private readonly nT: number;

  /** S̃ for sources at declination decSrc (radians), σ ∈ [sigmaMin, sigmaMax] (radians, sigmaMax ≤ 7°). */
  constructor(readonly decSrc: number, readonly sigmaMin: number, readonly sigmaMax: number, o: STildeTableOptions = {}) {
    if (!(sigmaMin > 0 && sigmaMax >= sigmaMin && sigmaMax <= KENT_MIN_SIGMA)) throw new InputError(`STildeTable: need 0 < sigmaMin ≤ sigmaMax ≤ 7° (radians), found ${sigmaMin}, ${sigmaMax}`);
    const uMax = o.uMax ?? 5, hu = o.hu ?? 0.05, ht = o.ht ?? 0.02;
    this.u0 = -uMax - hu;
    this.nU = Math.ceil((2 * uMax) / hu) + 4;
    this.t0 = Math.log(sigmaMin) - ht;
    this.nT = Math.ceil((Math.log(sigmaMax) - Math.log(sigmaMin)) / ht) + 4;
    this.invHu = 1 / hu;
    this.invHt = 1 / ht;
    this.lnS = new Float64Array(this.nU * this.nT);
    const ss = (this.ss = Math.sin(decSrc)), cs = (this.cs = Math.cos(decSrc));
    for (let r = 0; r < this.nT; r++) {
      // the last rows reach slightly past 7°: the Gaussian formula continues smoothly there
      const sigma = Math.exp(this.t0 + r * ht);
      for (let c = 0; c < this.nU; c++) {
        const dec = decSrc + (this.u0 + c * hu) * sigma;
        // beyond a pole: the mirrored declination (same sin δ, cos δ ≥ 0)
        const v = raAveragedGaussianPdf(Math.sin(dec), Math.abs(Math.cos(dec)), ss, cs, sigma);
        this.lnS[r * this.nU + c] = Math.log(v);
      }
    }
  }

  /** ln S̃ at declination offset u = (δ − δs)/σ and ln σ (both inside the table). */
  lnAt(u: number, lnSigma: number): number {
    const x = (u - this.u0) * this.invHu, y = (lnSigma - this.t0) * this.invHt;
    const ix = x | 0, iy = y | 0;
    const fx = x - ix, fy = y - iy;
    const nU = this.nU, t = this.lnS;
    if (!(ix >= 1 && ix + 2 < nU && iy >= 1 && iy + 2 < this.nT)) return NaN;
    // 4-point Lagrange weights for nodes −1, 0, 1, 2
    const ax = fx + 1, bx = fx - 1, cx = fx - 2;
    const wx0 = (-fx * bx * cx) / 6, wx1 = (ax * bx * cx) / 2, wx2 = (-ax * fx * cx) / 2, wx3 = (ax * fx * bx) / 6;
    const ay = fy + 1, by = fy - 1, cy = fy - 2;
    const wy0 = (-fy * by * cy) / 6, wy1 = (ay * by * cy) / 2, wy2 = (-ay * fy * cy) / 2, wy3 = (ay * fy * by) / 6;
    let o = (iy - 1) * nU + ix - 1;
    let s = wy0 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
    o += nU;
    s += wy1 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
    o += nU;
    s += wy2 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
    o += nU;
    s += wy3 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
    return s;
  }

  /**
   * S̃ at declination dec (sin/cos given) for an event with σ = sigma: the table, or the exact
   * quadrature outside it and within 3σ of a pole, where ln S̃ varies on the finer scale
   * σ²/cos δs (the Bessel-like factor of the RA average, I0(cos δ cos δs/σ²)).
   */
  at(dec: number, sinDec: number, cosDec: number, sigma: number, lnSigma = Math.log(sigma)): number {
    if (cosDec >= 3 * sigma) {
      const v = this.lnAt((dec - this.decSrc) / sigma, lnSigma);
      if (v === v) return Math.exp(v);
    }
    return raAveragedGaussianPdf(sinDec, cosDec, this.ss, this.cs, sigma);
  }

  private readonly ss: number;
  private readonly cs: number;
}

