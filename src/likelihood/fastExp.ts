/**
 * exp(x) for the PDF inner loops (scan, trial kernels), ~2.5× faster than Math.exp in V8 (Node 20)
 * at < 2e-15 relative error for x ∈ [−700, 700]. Table method (Tang 1989, ACM
 * TOMS 15:144): x = (64q + j)·ln2/64 + r with |r| ≤ ln2/128, exp(x) = 2^q·2^(j/64)·p(r),
 * p the degree-5 Taylor polynomial (|r|⁶/720 < 4e-17). Round-to-nearest by the
 * 1.5·2^52 shift; ln2/64 split into a short high part (exact n·HI) and the rest (fdlibm).
 */
const NT = 64;
const T = Float64Array.from({ length: NT }, (_, j) => Math.pow(2, j / NT));
const P2 = Float64Array.from({ length: 2100 }, (_, k) => Math.pow(2, k - 1074));
const INV = NT / Math.LN2;
// fdlibm e_exp.c ln2HI/ln2LO (ln2HI has 21 trailing zero bits, so n·HI is exact), divided by 64 (exact)
const HI = 6.93147180369123816490e-1 / NT;
const LO = 1.90821492927058770002e-10 / NT;
const SHIFT = 6755399441055744; // 1.5·2^52

/** exp(x); 0 below −700 (the scan only needs non-positive arguments of modest size). */
export function fastExp(x: number): number {
  if (!(x >= -700)) return x !== x ? NaN : 0;
  if (x > 700) return Math.exp(x);
  const nd = x * INV + SHIFT - SHIFT;
  const n = nd | 0;
  const r = x - nd * HI - nd * LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return P2[(n >> 6) + 1074] * T[n & 63] * p;
}
