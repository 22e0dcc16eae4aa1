/**
 * Fused likelihood pass of the 2-D (n_s, γ) fit (sourceSearch.ts), for per-event spatial factors A_i
 * (γ-independent) and per-bin energy ratios R(γ) with derivatives.
 */
/**
 * One fused pass at (n, γ) for γ-independent source weights: returns TS and writes
 * [TS, ∂TS/∂n, ∂TS/∂γ, ∂²TS/∂n², ∂²TS/∂n∂γ, ∂²TS/∂γ²] into P (−∞ outside the domain).
 * With u = A R/N, f = 1 + n u: ∂n = 2Σu/f, ∂γ = 2Σ n u'/f, ∂nn = −2Σ u²/f²,
 * ∂nγ = 2Σ (u'/f − n u u'/f²), ∂γγ = 2Σ (n u''/f − n² u'²/f²).
 */
export function pass2d(A: Float64Array, bin: Int32Array, R: Float64Array, R1: Float64Array, R2: Float64Array, n: number, ns: number, P: Float64Array): number {
  const invN = 1 / n;
  let gn = 0;
  let gg = 0;
  let hnn = 0;
  let hng = 0;
  let hgg = 0;
  let lsum = 0;
  let prod = 1;
  let cnt = 0;
  for (let i = 0; i < n; i++) {
    const b = bin[i];
    const ai = A[i] * invN;
    const u = ai * R[b];
    const u1 = ai * R1[b];
    const f = 1 + ns * u;
    if (f <= 0) {
      P.fill(0);
      P[0] = -Infinity;
      return -Infinity;
    }
    const q = 1 / f;
    const uq = u * q;
    const u1q = u1 * q;
    gn += uq;
    gg += u1q;
    hnn -= uq * uq;
    hng += u1q - ns * uq * u1q;
    hgg += ai * R2[b] * q - ns * u1q * u1q;
    prod *= f;
    if (++cnt === 16) {
      lsum += prod > 1e-280 && prod < 1e280 ? Math.log(prod) : NaN;
      prod = 1;
      cnt = 0;
    }
  }
  lsum += Math.log(prod);
  if (Number.isNaN(lsum)) {
    // a block over/underflowed: recompute with one log per event
    lsum = 0;
    for (let i = 0; i < n; i++) lsum += Math.log1p(ns * A[i] * invN * R[bin[i]]);
  }
  P[0] = 2 * lsum;
  P[1] = 2 * gn;
  P[2] = 2 * ns * gg;
  P[3] = 2 * hnn;
  P[4] = 2 * hng;
  P[5] = 2 * ns * hgg;
  return P[0];
}
