import { psPdf } from './psf.js';

// 256-point Gauss–Legendre on [−1, 1], computed once (Newton on P_n)
const N = 256;
const X = new Float64Array(N);
const W = new Float64Array(N);
(function init() {
  for (let i = 0; i < N; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (N + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= N; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (N * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    X[i] = x;
    W[i] = 2 / ((1 - x * x) * dp * dp);
  }
})();

/**
 * Legendre coefficients b_l = 2π ∫ S(ψ) P_l(cos ψ) sin ψ dψ (l = 0 … lmax) of the point-source
 * PDF of psf.ts at σ, normalised to b_0 = 1. Smoothing a map with this window convolves it with
 * exactly the event PDF (Gaussian below 7°, vMF above), so a point-like template gives the
 * point-source PDF. Quadrature: 256-point Gauss–Legendre in ψ over [0, min(π, 12σ)].
 */
export function eventPdfBeam(sigma: number, lmax: number): Float64Array {
  const psiMax = Math.min(Math.PI, 12 * sigma);
  const half = 0.5 * psiMax;
  const b = new Float64Array(lmax + 1);
  for (let k = 0; k < N; k++) {
    const psi = half * (X[k] + 1);
    const c = Math.cos(psi);
    const w = W[k] * half * psPdf(c, sigma) * Math.sin(psi);
    let p0 = 1;
    let p1 = c;
    b[0] += w;
    if (lmax >= 1) b[1] += w * c;
    for (let l = 2; l <= lmax; l++) {
      const p2 = ((2 * l - 1) * c * p1 - (l - 1) * p0) / l;
      p0 = p1;
      p1 = p2;
      b[l] += w * p2;
    }
  }
  const b0 = b[0];
  for (let l = 0; l <= lmax; l++) b[l] /= b0;
  return b;
}
