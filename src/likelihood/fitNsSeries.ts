import { fitNs, tsAt, type NsFit, type NsFitOptions } from './fitNs.js';

/**
 * The n_s fit of fitNs.ts from power sums: events with |x_i| ≤ xb enter through
 *   ln(1 + a x) = Σ_{k=1}^{7} (−1)^{k+1} (a x)^k / k + R,   |R| ≤ |a x|^8 / (8 (1 − a·xb)),
 *   x/(1 + a x) = Σ_{k=0}^{6} (−a)^k x^{k+1} + r,        |r| ≤ a^7 x^8 / (1 − a·xb)        (a = n/N),
 * i.e. through P_k = Σ x^k (k ≤ 8), and the few others exactly. One fit then costs O(8 + #exact)
 * per iteration instead of O(N). The remainders are bounded by the same P_8 (Σ|x|^8 = P_8), so the
 * result is accepted only where the bounds prove it equal to the exact fit:
 *   |ΔTS| ≤ 2 a^8 P_8 / (8 (1 − a·xb)) ≤ 1e-10·max(1, TS)  and  |Δn̂| ≤ N |r_sum| / |dG/dn| ≤ 1e-10·max(1, n̂);
 * otherwise (or when n̂ would leave a·xb ≤ ¼) the exact fitNs over all x is returned.
 */
const U_MAX = 0.25;
const REL = 1e-10;

/**
 * sums = [P1 … P8] over the series events, exact[0..nExact) = x of the other events, x = all m
 * values (for the exact fallback), N = sample size. Writes into out and returns it; out.iterations
 * counts Newton steps, and is negative (−iterations of fitNs) when the exact fallback was used.
 */
export function fitNsSeries(sums: Float64Array, exact: Float64Array, nExact: number, xb: number, x: Float64Array, m: number, N: number, out: NsFit, opts: NsFitOptions = {}): NsFit {
  const fallback = () => {
    fitNs(x, m, N, out, opts);
    out.iterations = -out.iterations;
    return out;
  };
  let g0 = sums[0];
  let h0 = sums[1];
  let xmin = 0;
  for (let i = 0; i < nExact; i++) {
    const v = exact[i];
    g0 += v;
    h0 += v * v;
    if (v < xmin) xmin = v;
  }
  out.iterations = 0;
  out.converged = true;
  if (!(g0 > 0)) {
    out.ns = 0;
    out.ts = 0;
    return out;
  }
  const nDom = xmin < 0 ? -N / xmin : Infinity;
  const nsMax = Math.min(opts.nsMax ?? N, nDom * (1 - 1e-12));
  const nLim = (U_MAX * N) / xb;
  const hiLim = Math.min(nsMax, nLim);
  // G(n) = Σ x/(N + n x) (= dTS/dn / 2) and H = dG/dn; series part by Horner in −a
  const P1 = sums[0], P2 = sums[1], P3 = sums[2], P4 = sums[3], P5 = sums[4], P6 = sums[5], P7 = sums[6], P8 = sums[7];
  let G = 0;
  let H = 0;
  // the exact events' sums in a plain function (V8 keeps closure-captured G, H in the context: a load and store per event)
  const derivs = (n: number) => {
    const b = -n / N;
    const g = (P1 + b * (P2 + b * (P3 + b * (P4 + b * (P5 + b * (P6 + b * P7)))))) / N;
    const h = -(P2 + b * (2 * P3 + b * (3 * P4 + b * (4 * P5 + b * (5 * P6 + b * (6 * P7 + b * 7 * P8)))))) / (N * N);
    exactDerivs(exact, nExact, N, n, g, h, GH);
    G = GH[0];
    H = GH[1];
  };
  let lo = 0;
  let hi = hiLim;
  let n = (g0 * N) / h0;
  if (!(n < hi)) n = 0.5 * hi;
  const maxIter = opts.maxIter ?? 100;
  let atMax = false;
  for (let it = 1; it <= maxIter; it++) {
    out.iterations = it;
    derivs(n);
    if (G > 0) lo = n;
    else hi = n;
    let next = H < 0 ? n - G / H : NaN;
    if (!(next > lo && next < hi)) {
      if (hi === hiLim && !atMax) {
        // the root may lie at or beyond the upper end
        atMax = true;
        derivs(hiLim);
        if (G >= 0) {
          if (hiLim < nsMax) return fallback(); // beyond the series region
          n = nsMax;
          break;
        }
      }
      next = 0.5 * (lo + hi);
    }
    const step = Math.abs(next - n);
    n = next;
    if (step <= 1e-13 * Math.max(1, n) || hi - lo <= 1e-13 * Math.max(1, n)) break;
    if (it === maxIter) out.converged = false;
  }
  // TS and the proven bounds
  const a = n / N;
  const b = -a;
  const F = a * (P1 + b * (P2 / 2 + b * (P3 / 3 + b * (P4 / 4 + b * (P5 / 5 + b * (P6 / 6 + b * (P7 / 7)))))));
  const ts = 2 * F + tsAt(exact, nExact, N, n);
  const a8 = a ** 8 * P8;
  const dTs = (2 * a8) / (8 * (1 - a * xb));
  derivs(n);
  const dN = n > 0 && H < 0 ? (a8 / a / (1 - a * xb) / N) / -H : 0;
  if (!(dTs <= REL * Math.max(1, ts)) || !(dN <= REL * Math.max(1, n))) return fallback();
  out.ns = n;
  out.ts = ts;
  return out;
}

const GH = new Float64Array(2);
/** GH ← [g + Σ q_i, h − Σ q_i²], q_i = x_i/(N + n x_i), summed in event order (a plain function: its loop keeps g, h in registers) */
function exactDerivs(exact: Float64Array, nExact: number, N: number, n: number, g: number, h: number, out: Float64Array): void {
  for (let i = 0; i < nExact; i++) {
    const q = exact[i] / (N + n * exact[i]);
    g += q;
    h -= q * q;
  }
  out[0] = g;
  out[1] = h;
}

/**
 * The inputs of fitNsSeries for x[0..m) in JavaScript (where the WebAssembly kernel does not make
 * them, e.g. signal trials): sums ← P1 … P8 over |x| ≤ xb, exact[0..) ← the other x; returns their number.
 */
export function powerSums(x: Float64Array, m: number, xb: number, sums: Float64Array, exact: Float64Array): number {
  let p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0, p8 = 0;
  let ne = 0;
  for (let i = 0; i < m; i++) {
    const v = x[i];
    if (Math.abs(v) <= xb) {
      const v2 = v * v, v4 = v2 * v2;
      p1 += v; p2 += v2; p3 += v2 * v; p4 += v4;
      p5 += v4 * v; p6 += v4 * v2; p7 += v4 * v2 * v; p8 += v4 * v4;
    } else exact[ne++] = v;
  }
  sums[0] = p1; sums[1] = p2; sums[2] = p3; sums[3] = p4; sums[4] = p5; sums[5] = p6; sums[6] = p7; sums[7] = p8;
  return ne;
}

/** powerSums for x[from..to), added to sums and appended to exact from index ne0; returns how many were appended. */
export function powerSumsAdd(x: Float64Array, from: number, to: number, xb: number, sums: Float64Array, exact: Float64Array, ne0: number): number {
  let ne = ne0;
  for (let i = from; i < to; i++) {
    const v = x[i];
    if (Math.abs(v) <= xb) {
      const v2 = v * v, v4 = v2 * v2;
      sums[0] += v; sums[1] += v2; sums[2] += v2 * v; sums[3] += v4;
      sums[4] += v4 * v; sums[5] += v4 * v2; sums[6] += v4 * v2 * v; sums[7] += v4 * v4;
    } else exact[ne++] = v;
  }
  return ne - ne0;
}
