/**
 * Recursion coefficients for the normalised associated Legendre functions
 * λ_lm(x) = √((2l+1)/4π · (l−m)!/(l+m)!) P_lm(x) (Condon–Shortley phase, as in healpy's Y_lm):
 *
 *   λ_mm     = −√((2m+1)/(2m)) · sinθ · λ_{m−1,m−1},   λ_00 = 1/√(4π)
 *   λ_lm     = A_lm · x · λ_{l−1,m} − B_lm · λ_{l−2,m},  l ≥ m+1 (λ_{m−1,m} = 0)
 *   A_lm     = √((4l²−1)/(l²−m²)),  B_lm = A_lm · √(((l−1)²−m²)/(4(l−1)²−1))
 *
 * This upward recursion in l is the standard stable one (e.g. Górski et al. 2005 §; libsharp,
 * Reinecke 2013 A&A 554, A112). Coefficients are stored in the alm layout (m-major) so the inner
 * loops share one index with the alm arrays; they are cached per lmax (2·almSize doubles).
 *
 * Underflow of λ_mm = O(sin^m θ) near the poles is handled by the caller with a power-of-two
 * scale counter (values are kept as v · 2^(−SCALE_BITS·s)); see transforms.ts.
 */
import { almSize } from './alm.js';

export interface YlmCoeffs {
  lmax: number;
  A: Float64Array;
  B: Float64Array;
  /** √((2m+1)/(2m)) for m ≥ 1 (λ_mm step), index m. */
  mmFactor: Float64Array;
}

const cache = new Map<number, YlmCoeffs>();

export function ylmCoeffs(lmax: number): YlmCoeffs {
  const hit = cache.get(lmax);
  if (hit) return hit;
  const n = almSize(lmax, lmax);
  const A = new Float64Array(n), B = new Float64Array(n);
  let i = 0;
  for (let m = 0; m <= lmax; m++) {
    A[i] = 0; B[i] = 0; i++; // l = m: not used
    for (let l = m + 1; l <= lmax; l++, i++) {
      const l2 = l * l, m2 = m * m;
      const a = Math.sqrt((4 * l2 - 1) / (l2 - m2));
      A[i] = a;
      const lm1 = l - 1;
      B[i] = a * Math.sqrt((lm1 * lm1 - m2) / (4 * lm1 * lm1 - 1));
    }
  }
  const mmFactor = new Float64Array(lmax + 1);
  for (let m = 1; m <= lmax; m++) mmFactor[m] = Math.sqrt((2 * m + 1) / (2 * m));
  const c = { lmax, A, B, mmFactor };
  // keep a few lmax values only: each costs 16·almSize bytes
  if (cache.size >= 4) cache.delete(cache.keys().next().value as number);
  cache.set(lmax, c);
  return c;
}
