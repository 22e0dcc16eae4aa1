/**
 * Allocation-free maximisation of the one-parameter likelihood
 *   ln L(n_s) − ln L(0) = Σ_i ln(1 + n_s a_i),
 * the form of the template likelihood of physics.md §2.1 with
 * a_i = (S_i/D̃_i − S̃_i/D̃_i)·(S^E_i/D^E_i)/N. The function is concave in n_s, so
 * safeguarded Newton (bisection fallback) converges to the unique maximum on the
 * allowed range, which keeps every 1 + n_s a_i > 0. n_s is bounded below by 0
 * (the fit starts at 0, as csky's does), so TS ≥ 0.
 */
export interface NsFit {
  ns: number;
  ts: number;
}

function llh(a: Float64Array, n: number, ns: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log1p(ns * a[i]);
  return s;
}

/** Maximise Σ ln(1 + ns·a_i) over ns ∈ [0, nsMax]; `n` = number of used entries of `a`. */
export function fitNs(a: Float64Array, n: number, nsMax = Infinity, out: NsFit = { ns: 0, ts: 0 }): NsFit {
  let g0 = 0;
  let amin = 0;
  for (let i = 0; i < n; i++) {
    g0 += a[i];
    if (a[i] < amin) amin = a[i];
  }
  if (!(g0 > 0)) {
    out.ns = 0;
    out.ts = 0;
    return out;
  }
  // feasible region: 1 + ns·a_i > 0 for all i
  let hi = Math.min(nsMax, amin < 0 ? -0.999999 / amin : Infinity);
  let lo = 0;
  if (!Number.isFinite(hi)) {
    // all a_i ≥ 0: the likelihood grows without bound; cap by nsMax or by a large multiple of n
    hi = Number.isFinite(nsMax) ? nsMax : 1e6 * Math.max(1, n);
  }
  let ns = Math.min(hi, Math.max(1e-6, g0 / Math.max(1e-300, sumSq(a, n))));
  for (let it = 0; it < 100; it++) {
    let g = 0;
    let h = 0;
    for (let i = 0; i < n; i++) {
      const d = 1 / (1 + ns * a[i]);
      const t = a[i] * d;
      g += t;
      h -= t * t;
    }
    if (g > 0) lo = ns;
    else hi = ns;
    let next = ns - g / h;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - ns) < 1e-10 * Math.max(1, ns) || hi - lo < 1e-12 * Math.max(1, hi)) {
      ns = next;
      break;
    }
    ns = next;
  }
  if (ns >= nsMax) ns = nsMax;
  out.ns = ns;
  out.ts = Math.max(0, 2 * llh(a, n, ns));
  return out;
}

function sumSq(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * a[i];
  return s;
}
