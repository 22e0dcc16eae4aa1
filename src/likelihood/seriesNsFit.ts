/**
 * n_s fit of the signal-subtracted likelihood (physics.md §2.1) when most events enter through
 * the series ln(1+u) = u − u²/2 + u³/3 with moments c1, c2, c3 and m events are exact:
 * used by the scan's PointFitter and the trial kernels' SeriesFit / MultiSeriesFit.
 */
export interface NsState {
  ns: number;
  ts: number;
}

/**
 * max over ns ∈ [0, N) of Σ_{j<m} ln(1 + ns x_j/N) + c1 u − c2 u²/2 + c3 u³/3 (u = ns/N):
 * safeguarded Newton from nsStart (PointFitter's n_s fit), TS = 2·max (0 when the slope at 0 ≤ 0).
 */
export function seriesNsFit(x: Float64Array, m: number, c1: number, c2: number, c3: number, N: number, nsStart: number, out: NsState): void {
  const a1 = c1 / N, a2 = c2 / (N * N), a3 = c3 / (N * N * N);
  let g0 = a1, xmin = 0;
  for (let j = 0; j < m; j++) { g0 += x[j] / N; if (x[j] < xmin) xmin = x[j]; }
  if (!(g0 > 0)) { out.ns = 0; out.ts = 0; return; }
  let lo = 0;
  let hi = xmin < 0 ? Math.min(N, (-0.999999 * N) / xmin) : N;
  let ns = nsStart > 0 && nsStart < hi ? nsStart : Math.min(0.5 * hi, 1);
  for (let it = 0; it < 80; it++) {
    let g = a1 - ns * a2 + ns * ns * a3, h = -a2 + 2 * ns * a3;
    for (let j = 0; j < m; j++) {
      const t = x[j] / (N + ns * x[j]);
      g += t;
      h -= t * t;
    }
    if (g > 0) lo = ns; else hi = ns;
    let next = h < 0 ? ns - g / h : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - ns) < 1e-7 * Math.max(1, ns) || hi - lo < 1e-9 * Math.max(1, hi);
    ns = next;
    if (done) break;
  }
  let s = ns * a1 - 0.5 * ns * ns * a2 + (ns * ns * ns * a3) / 3;
  // Σ ln(1 + u_j) as logs of products of 16 factors (each in [1e-6, ~1e4] here: no over/underflow);
  // one log per 16 terms, rounding ~1e-16 per factor
  let prod = 1;
  for (let j = 0; j < m; j++) {
    prod *= 1 + (ns * x[j]) / N;
    if ((j & 15) === 15) { s += Math.log(prod); prod = 1; }
  }
  s += Math.log(prod);
  out.ns = ns;
  out.ts = s > 0 ? 2 * s : 0;
}
