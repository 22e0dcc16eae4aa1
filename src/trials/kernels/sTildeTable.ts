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
import { KENT_MIN_SIGMA, besselI0eFast, raAveragedGaussianPdf, raAveragedPsPdf } from '../../likelihood/psf.js';
import { InputError } from '../../errors.js';
import { fastExp } from '../../likelihood/fastExp.js';

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

  /** ln S̃ at declination offset u = (δ − δs)/σ and ln σ; NaN outside the table. */
  lnAt(u: number, lnSigma: number): number {
    return bicubic(this.lnS, this.nU, this.nT, (u - this.u0) * this.invHu, (lnSigma - this.t0) * this.invHt);
  }

  /**
   * S̃ at declination dec (sin/cos given) for an event with σ = sigma: the table, or the exact
   * quadrature outside it and within 3σ of a pole, where ln S̃ varies on the finer scale
   * σ²/cos δs (the Bessel-like factor of the RA average, I0(cos δ cos δs/σ²)).
   */
  at(dec: number, sinDec: number, cosDec: number, sigma: number, lnSigma = Math.log(sigma)): number {
    if (cosDec >= 3 * sigma) {
      const v = this.lnAt((dec - this.decSrc) / sigma, lnSigma);
      if (v === v) return fastExp(v);
    }
    return raAveragedGaussianPdf(sinDec, cosDec, this.ss, this.cs, sigma);
  }

  private readonly ss: number;
  private readonly cs: number;
}


/**
 * Σ_k W_k S̃_k(δ; δ_k, σ) over the sources of a stack for the vMF branch (σ ≥ 7°): ln of the sum
 * tabulated on δ (step hd, nodes beyond a pole at the mirrored declination) × ln σ and read by
 * bicubic Lagrange interpolation; one lookup per event instead of K Bessel factors. The sum is
 * over all sources (no 5σ cut: for σ ≥ 7° a dropped term is < e^{-12.5} of its peak); nodes are
 * computed with the tabulated Bessel factor (besselI0eFast, ≤ 4e-11).
 * Accuracy (sTildeTable.test.ts): ≤ 1e-6 relative over the sphere and σ range.
 */
export class VmfSumTable {
  /** ln of the J sums per node: lnS[(c·nT + r)·J + j] (δ-major: events come sorted by declination within a σ class) */
  private readonly lnS: Float64Array;
  readonly J: number;
  private readonly nD: number;
  private readonly nT: number;
  private readonly d0: number;
  private readonly t0: number;
  private readonly invHd: number;
  private readonly invHt: number;

  /** One sum per weight vector in `weights` (each of length K, non-negative, not all zero). */
  constructor(decs: ArrayLike<number>, weights: ArrayLike<number>[], sigmaMin: number, sigmaMax: number, o: { hd?: number; ht?: number } = {}) {
    if (!(sigmaMin >= KENT_MIN_SIGMA && sigmaMax >= sigmaMin)) throw new InputError(`VmfSumTable: need 7° ≤ sigmaMin ≤ sigmaMax (radians), found ${sigmaMin}, ${sigmaMax}`);
    const hd = o.hd ?? (0.05 * Math.PI) / 180, ht = o.ht ?? 0.01;
    const J = (this.J = weights.length);
    this.d0 = -Math.PI / 2 - 2 * hd;
    this.nD = Math.ceil(Math.PI / hd) + 5;
    this.t0 = Math.log(sigmaMin) - ht;
    this.nT = Math.ceil((Math.log(sigmaMax) - Math.log(sigmaMin)) / ht) + 4;
    this.invHd = 1 / hd;
    this.invHt = 1 / ht;
    this.lnS = new Float64Array(this.nD * this.nT * J);
    const K = decs.length;
    const ss = Float64Array.from({ length: K }, (_, k) => Math.sin(decs[k]));
    const cs = Float64Array.from({ length: K }, (_, k) => Math.cos(decs[k]));
    const sk = new Float64Array(K);
    for (let r = 0; r < this.nT; r++) {
      // rows just below 7° use the vMF formula too (smooth continuation; only the stencil reads them)
      const sigma = Math.exp(this.t0 + r * ht);
      const kappa = 1 / (sigma * sigma);
      const a = kappa / (2 * Math.PI * -Math.expm1(-2 * kappa));
      for (let c = 0; c < this.nD; c++) {
        const dec = this.d0 + c * hd;
        // beyond a pole: the mirrored declination (same sin δ, cos δ ≥ 0)
        const sd = Math.sin(dec), cd = Math.abs(Math.cos(dec));
        for (let k = 0; k < K; k++) {
          const cc = cd * cs[k];
          sk[k] = a * Math.exp(kappa * (sd * ss[k] + cc - 1)) * besselI0eFast(kappa * cc);
        }
        for (let j = 0; j < J; j++) {
          let v = 0;
          for (let k = 0; k < K; k++) v += weights[j][k] * sk[k];
          this.lnS[(c * this.nT + r) * J + j] = Math.log(v);
        }
      }
    }
  }

  /** ln Σ_k W_k S̃_k at declination dec and ln σ for the first weight vector; NaN outside the table. */
  lnAt(dec: number, lnSigma: number): number {
    return this.lnAtInto(dec, lnSigma, SCRATCH, 0) ? SCRATCH[0] : NaN;
  }

  /** All J sums' logs into out[off … off+J); false (out untouched) outside the table. */
  lnAtInto(dec: number, lnSigma: number, out: Float64Array, off: number): boolean {
    const x = (lnSigma - this.t0) * this.invHt, y = (dec - this.d0) * this.invHd;
    const ix = x | 0, iy = y | 0, nX = this.nT, J = this.J;
    if (!(x >= 1 && ix + 2 < nX && y >= 1 && iy + 2 < this.nD)) return false;
    const fx = x - ix, fy = y - iy;
    const ax = fx + 1, bx = fx - 1, cx = fx - 2;
    const wx0 = -fx * bx * cx * SIXTH, wx1 = ax * bx * cx * 0.5, wx2 = -ax * fx * cx * 0.5, wx3 = ax * fx * bx * SIXTH;
    const ay = fy + 1, by = fy - 1, cy = fy - 2;
    const wy0 = -fy * by * cy * SIXTH, wy1 = ay * by * cy * 0.5, wy2 = -ay * fy * cy * 0.5, wy3 = ay * fy * by * SIXTH;
    const t = this.lnS, rowJ = nX * J;
    const o0 = ((iy - 1) * nX + ix - 1) * J;
    for (let j = 0; j < J; j++) {
      let o = o0 + j;
      let s = wy0 * (wx0 * t[o] + wx1 * t[o + J] + wx2 * t[o + 2 * J] + wx3 * t[o + 3 * J]);
      o += rowJ;
      s += wy1 * (wx0 * t[o] + wx1 * t[o + J] + wx2 * t[o + 2 * J] + wx3 * t[o + 3 * J]);
      o += rowJ;
      s += wy2 * (wx0 * t[o] + wx1 * t[o + J] + wx2 * t[o + 2 * J] + wx3 * t[o + 3 * J]);
      o += rowJ;
      s += wy3 * (wx0 * t[o] + wx1 * t[o + J] + wx2 * t[o + 2 * J] + wx3 * t[o + 3 * J]);
      out[off + j] = s;
    }
    return true;
  }
}

const SCRATCH = new Float64Array(64);

/** Exact Σ_k W_k S̃_k for the vMF branch (reference and fallback of VmfSumTable). */
export function vmfSum(sinDec: number, cosDec: number, sinSrc: ArrayLike<number>, cosSrc: ArrayLike<number>, weights: ArrayLike<number>, sigma: number): number {
  let v = 0;
  for (let k = 0; k < weights.length; k++) v += weights[k] * raAveragedPsPdf(sinDec, cosDec, sinSrc[k], cosSrc[k], sigma);
  return v;
}

const SIXTH = 1 / 6;

/** 4 × 4-point Lagrange interpolation of t (row-major, nX columns) at continuous node index (x, y); NaN outside. */
function bicubic(t: Float64Array, nX: number, nY: number, x: number, y: number): number {
  const ix = x | 0, iy = y | 0;
  if (!(x >= 1 && ix + 2 < nX && y >= 1 && iy + 2 < nY)) return NaN;
  const fx = x - ix, fy = y - iy;
  const ax = fx + 1, bx = fx - 1, cx = fx - 2;
  const wx0 = -fx * bx * cx * SIXTH, wx1 = ax * bx * cx * 0.5, wx2 = -ax * fx * cx * 0.5, wx3 = ax * fx * bx * SIXTH;
  const ay = fy + 1, by = fy - 1, cy = fy - 2;
  const wy0 = -fy * by * cy * SIXTH, wy1 = ay * by * cy * 0.5, wy2 = -ay * fy * cy * 0.5, wy3 = ay * fy * by * SIXTH;
  let o = (iy - 1) * nX + ix - 1;
  let s = wy0 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
  o += nX;
  s += wy1 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
  o += nX;
  s += wy2 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
  o += nX;
  s += wy3 * (wx0 * t[o] + wx1 * t[o + 1] + wx2 * t[o + 2] + wx3 * t[o + 3]);
  return s;
}
