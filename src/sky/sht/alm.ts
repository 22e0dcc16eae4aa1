/**
 * Spherical-harmonic coefficients a_lm of a real map, in healpy's layout.
 *
 * Only m ≥ 0 is stored (a_{l,−m} = (−1)^m conj(a_lm) for a real map), m-major:
 * index(l, m, lmax) = m·(2·lmax + 1 − m)/2 + l, for 0 ≤ m ≤ mmax, m ≤ l ≤ lmax
 * (healpy.Alm.getidx). Real and imaginary parts are separate Float64Arrays.
 */
import { InputError } from '../../errors.js';

export interface Alm {
  lmax: number;
  mmax: number;
  re: Float64Array;
  im: Float64Array;
}

/** Index of a_lm in the m-major layout (healpy.Alm.getidx). */
export function almIndex(l: number, m: number, lmax: number): number {
  return (m * (2 * lmax + 1 - m)) / 2 + l;
}

/** Number of stored coefficients for (lmax, mmax) (healpy.Alm.getsize). */
export function almSize(lmax: number, mmax = lmax): number {
  return (mmax * (2 * lmax + 1 - mmax)) / 2 + lmax + 1;
}

/** A zeroed Alm. */
export function createAlm(lmax: number, mmax = lmax): Alm {
  checkLmax(lmax, mmax);
  const n = almSize(lmax, mmax);
  return { lmax, mmax, re: new Float64Array(n), im: new Float64Array(n) };
}

export function cloneAlm(a: Alm): Alm {
  return { lmax: a.lmax, mmax: a.mmax, re: a.re.slice(), im: a.im.slice() };
}

export function checkLmax(lmax: number, mmax: number): void {
  if (!Number.isInteger(lmax) || lmax < 0) throw new InputError(`lmax: expected an integer ≥ 0, found ${lmax}`);
  if (!Number.isInteger(mmax) || mmax < 0 || mmax > lmax)
    throw new InputError(`mmax: expected an integer in [0, lmax=${lmax}], found ${mmax}`);
}

export function checkAlm(a: Alm): void {
  checkLmax(a.lmax, a.mmax);
  const n = almSize(a.lmax, a.mmax);
  if (a.re.length !== n || a.im.length !== n)
    throw new InputError(`alm: expected ${n} coefficients for lmax=${a.lmax}, mmax=${a.mmax}, found ${a.re.length}/${a.im.length}`);
}

/**
 * Multiply a_lm by f_l (healpy.almxfl); returns a new Alm unless inplace.
 * Coefficients with l beyond fl's length are set to zero, as in healpy.
 */
export function almxfl(alm: Alm, fl: ArrayLike<number>, inplace = false): Alm {
  checkAlm(alm);
  const out = inplace ? alm : cloneAlm(alm);
  const { lmax, mmax } = alm;
  for (let m = 0; m <= mmax; m++) {
    const base = almIndex(0, m, lmax);
    for (let l = m; l <= lmax; l++) {
      const f = l < fl.length ? fl[l] : 0;
      out.re[base + l] *= f;
      out.im[base + l] *= f;
    }
  }
  return out;
}

/** Angular power spectrum C_l = (|a_l0|² + 2 Σ_{m≥1} |a_lm|²)/(2l+1) (healpy.alm2cl, one alm). */
export function alm2cl(alm: Alm): Float64Array {
  checkAlm(alm);
  const { lmax, mmax, re, im } = alm;
  const cl = new Float64Array(lmax + 1);
  for (let m = 0; m <= mmax; m++) {
    const base = almIndex(0, m, lmax);
    const w = m === 0 ? 1 : 2;
    for (let l = m; l <= lmax; l++) cl[l] += w * (re[base + l] * re[base + l] + im[base + l] * im[base + l]);
  }
  for (let l = 0; l <= lmax; l++) cl[l] /= 2 * l + 1;
  return cl;
}

/** σ of a Gaussian with the given FWHM: FWHM = σ·√(8 ln 2). */
export const FWHM2SIGMA = 1 / Math.sqrt(8 * Math.log(2));

/**
 * Gaussian beam window b_l = exp(−l(l+1)σ²/2) for l = 0 … lmax, fwhm in radians
 * (healpy.gauss_beam, temperature only).
 */
export function gaussBeam(fwhm: number, lmax: number): Float64Array {
  if (!(fwhm >= 0)) throw new InputError(`fwhm: expected a non-negative angle in radians, found ${fwhm}`);
  const s2 = (fwhm * FWHM2SIGMA) ** 2;
  const b = new Float64Array(lmax + 1);
  for (let l = 0; l <= lmax; l++) b[l] = Math.exp(-0.5 * l * (l + 1) * s2);
  return b;
}
