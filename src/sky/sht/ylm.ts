/**
 * Recursion coefficients for the normalised associated Legendre functions
 * λ_lm(x) = √((2l+1)/4π · (l−m)!/(l+m)!) P_lm(x) (Condon–Shortley phase, as in healpy's Y_lm):
 *
 *   λ_mm     = −√((2m+1)/(2m)) · sinθ · λ_{m−1,m−1},   λ_00 = 1/√(4π)
 *   λ_lm     = A_lm · x · λ_{l−1,m} − B_lm · λ_{l−2,m},  l ≥ m+1 (λ_{m−1,m} = 0)
 *   A_lm     = √((4l²−1)/(l²−m²)),  B_lm = A_lm · √(((l−1)²−m²)/(4(l−1)²−1))
 * computed in the scaled form μ = λ/c below.
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
  /** Scaled recursion μ_l = x·a_l·μ_{l−1} − μ_{l−2} (l ≥ m+1, μ_{m−1} = 0, μ_m = λ_mm), alm layout. */
  a: Float64Array;
  /** λ_lm = c_lm · μ_lm (c_mm = c_{m+1,m} = 1, c_l = B_l c_{l−2}); bounded polynomially in l. */
  c: Float64Array;
  /** √((2m+1)/(2m)) for m ≥ 1 (λ_mm step), index m. */
  mmFactor: Float64Array;
}

const cache = new Map<number, YlmCoeffs>();

/**
 * Coefficients for the scaled recursion: dividing λ_l by c_l removes B_l, so each step costs one
 * coefficient load and two multiplies (the idea of libsharp's/ducc's "alpha" coefficients).
 */
export function ylmCoeffs(lmax: number): YlmCoeffs {
  const hit = cache.get(lmax);
  if (hit) return hit;
  const n = almSize(lmax, lmax);
  const a = new Float64Array(n + 2), c = new Float64Array(n); // a: two padding zeros for the unrolled kernels
  let i = 0;
  for (let m = 0; m <= lmax; m++) {
    const m2 = m * m;
    a[i] = 0; c[i] = 1; i++; // l = m
    for (let l = m + 1; l <= lmax; l++, i++) {
      const l2 = l * l;
      const A = Math.sqrt((4 * l2 - 1) / (l2 - m2));
      if (l === m + 1) { a[i] = A; c[i] = 1; continue; }
      const lm1 = l - 1;
      const B = A * Math.sqrt((lm1 * lm1 - m2) / (4 * lm1 * lm1 - 1));
      c[i] = B * c[i - 2];
      a[i] = (A * c[i - 1]) / c[i];
    }
  }
  const mmFactor = new Float64Array(lmax + 1);
  for (let m = 1; m <= lmax; m++) mmFactor[m] = Math.sqrt((2 * m + 1) / (2 * m));
  const co = { lmax, a, c, mmFactor };
  // keep a few lmax values only: each costs 16·almSize bytes
  if (cache.size >= 4) cache.delete(cache.keys().next().value as number);
  cache.set(lmax, co);
  return co;
}
