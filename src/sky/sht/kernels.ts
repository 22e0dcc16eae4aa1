/**
 * Legendre kernels of the transforms: for one m and a chunk of ring pairs, the sums over l of
 * μ_lm(x_ring)·(…) with the scaled recursion μ_l = x·a_l·μ_{l−1} − μ_{l−2} (see ylm.ts).
 *
 * - λ_mm ∝ sin^m θ underflows near the poles: each ring keeps λ_mm as v·2^(−600 s). The recursion then
 *   runs without accumulating until |v| > 2^300 brings s to 0 (skipped terms are < 2^−300). A ring that
 *   never reaches s = 0 by lmax is "dead" for this m and all larger m (the evanescent region only
 *   grows with m), as in libsharp.
 * - Rings are processed two at a time so coefficient and alm loads are shared (ILP); the ring that
 *   starts contributing at lower l runs alone until the other catches up.
 * Accumulators are by parity of l−m: north = even + odd, south = even − odd (λ_lm(−x) = (−1)^(l+m) λ_lm(x)).
 */

const BIG = 2 ** 300;
const SMALL = 2 ** -300;
const RESCALE = 2 ** -600;
const UPSCALE = 2 ** 600;

/** Per-chunk state; arrays of length `chunk`. */
export class ChunkState {
  readonly x: Float64Array; readonly sth: Float64Array;
  readonly mm: Float64Array; readonly mmS: Int32Array; readonly dead: Uint8Array;
  readonly l: Int32Array; readonly mu0: Float64Array; readonly mu1: Float64Array;
  /** Even/odd sums (synthesis) or even/odd inputs (analysis), real and imaginary. */
  readonly er: Float64Array; readonly ei: Float64Array; readonly or: Float64Array; readonly oi: Float64Array;
  readonly alive: Int32Array;
  n = 0;

  constructor(chunk: number) {
    const f = () => new Float64Array(chunk);
    this.x = f(); this.sth = f(); this.mm = f(); this.mu0 = f(); this.mu1 = f();
    this.er = f(); this.ei = f(); this.or = f(); this.oi = f();
    this.mmS = new Int32Array(chunk); this.dead = new Uint8Array(chunk); this.l = new Int32Array(chunk);
    this.alive = new Int32Array(chunk);
  }

  /** Start a chunk of n ring pairs with northern cos θ / sin θ taken from cth, sth at offset p0. */
  reset(n: number, cth: Float64Array, sth: Float64Array, p0: number): void {
    this.n = n;
    for (let c = 0; c < n; c++) {
      this.x[c] = cth[p0 + c]; this.sth[c] = sth[p0 + c];
      this.mm[c] = 1 / Math.sqrt(4 * Math.PI); this.mmS[c] = 0; this.dead[c] = 0;
    }
  }

  /**
   * Step λ_mm to this m for every ring and run the scaled prefix; fills l, mu0, mu1 and the list of
   * alive rings (ordered as in the chunk). Returns the number of alive rings.
   */
  prefix(m: number, lmax: number, a: Float64Array, mmFactor: Float64Array, base: number): number {
    let na = 0;
    for (let c = 0; c < this.n; c++) {
      if (this.dead[c]) continue;
      let lam2 = this.mm[c], s = this.mmS[c];
      if (m > 0) {
        lam2 *= -mmFactor[m] * this.sth[c];
        if (Math.abs(lam2) < SMALL) { lam2 *= UPSCALE; s++; }
        this.mm[c] = lam2; this.mmS[c] = s;
      }
      let lam1 = 0, l = m;
      const x = this.x[c];
      while (s > 0 && l < lmax) {
        l++;
        const t = x * a[base + l] * lam2 - lam1; lam1 = lam2; lam2 = t;
        if (Math.abs(lam2) > BIG) { lam1 *= RESCALE; lam2 *= RESCALE; s--; }
      }
      if (s > 0) { this.dead[c] = 1; continue; }
      this.l[c] = l; this.mu0[c] = lam1; this.mu1[c] = lam2;
      this.alive[na++] = c;
    }
    return na;
  }
}

/** Synthesis, one ring: accumulate Σ alm·μ over l = state.l … lstop−1 into the ring's parity sums. */
export function synthSingle(st: ChunkState, c: number, lstop: number, m: number, lmax: number,
  re: Float64Array, im: Float64Array, a: Float64Array, base: number): void {
  let l = st.l[c], p0 = st.mu0[c], p1 = st.mu1[c];
  const x = st.x[c];
  let er = st.er[c], ei = st.ei[c], or = st.or[c], oi = st.oi[c];
  for (; l < lstop; l++) {
    const i = base + l;
    if (((l - m) & 1) === 0) { er += p1 * re[i]; ei += p1 * im[i]; } else { or += p1 * re[i]; oi += p1 * im[i]; }
    if (l < lmax) { const t = x * a[i + 1] * p1 - p0; p0 = p1; p1 = t; }
  }
  st.l[c] = l; st.mu0[c] = p0; st.mu1[c] = p1;
  st.er[c] = er; st.ei[c] = ei; st.or[c] = or; st.oi[c] = oi;
}

/** Synthesis, two rings at the same l, from there to lmax. */
export function synthPair(st: ChunkState, c1: number, c2: number, m: number, lmax: number,
  re: Float64Array, im: Float64Array, a: Float64Array, base: number): void {
  const l0 = st.l[c1];
  const x1 = st.x[c1], x2 = st.x[c2];
  let p1 = st.mu1[c1], q1 = st.mu0[c1], p2 = st.mu1[c2], q2 = st.mu0[c2];
  let u1r = 0, u1i = 0, v1r = 0, v1i = 0, u2r = 0, u2i = 0, v2r = 0, v2i = 0;
  let i = base + l0;
  const nfull = (lmax - l0 + 1) >> 1;
  for (let k = 0; k < nfull; k++) {
    let ar = re[i], ai = im[i];
    u1r += p1 * ar; u1i += p1 * ai; u2r += p2 * ar; u2i += p2 * ai;
    const a1 = a[i + 1];
    q1 = x1 * a1 * p1 - q1; q2 = x2 * a1 * p2 - q2;
    ar = re[i + 1]; ai = im[i + 1];
    v1r += q1 * ar; v1i += q1 * ai; v2r += q2 * ar; v2i += q2 * ai;
    const a2 = a[i + 2]; // a has two padding zeros, so this read is in bounds at l = lmax−1
    p1 = x1 * a2 * q1 - p1; p2 = x2 * a2 * q2 - p2;
    i += 2;
  }
  if (((lmax - l0 + 1) & 1) !== 0) {
    const ar = re[i], ai = im[i];
    u1r += p1 * ar; u1i += p1 * ai; u2r += p2 * ar; u2i += p2 * ai;
  }
  if (((l0 - m) & 1) === 0) {
    st.er[c1] += u1r; st.ei[c1] += u1i; st.or[c1] += v1r; st.oi[c1] += v1i;
    st.er[c2] += u2r; st.ei[c2] += u2i; st.or[c2] += v2r; st.oi[c2] += v2i;
  } else {
    st.er[c1] += v1r; st.ei[c1] += v1i; st.or[c1] += u1r; st.oi[c1] += u1i;
    st.er[c2] += v2r; st.ei[c2] += v2i; st.or[c2] += u2r; st.oi[c2] += u2i;
  }
  st.l[c1] = st.l[c2] = lmax + 1;
}

/** Analysis, one ring: alm_l += μ_l·(even or odd input) for l = state.l … lstop−1. */
export function anaSingle(st: ChunkState, c: number, lstop: number, m: number, lmax: number,
  re: Float64Array, im: Float64Array, a: Float64Array, base: number): void {
  let l = st.l[c], p0 = st.mu0[c], p1 = st.mu1[c];
  const x = st.x[c];
  const er = st.er[c], ei = st.ei[c], or = st.or[c], oi = st.oi[c];
  for (; l < lstop; l++) {
    const i = base + l;
    if (((l - m) & 1) === 0) { re[i] += p1 * er; im[i] += p1 * ei; } else { re[i] += p1 * or; im[i] += p1 * oi; }
    if (l < lmax) { const t = x * a[i + 1] * p1 - p0; p0 = p1; p1 = t; }
  }
  st.l[c] = l; st.mu0[c] = p0; st.mu1[c] = p1;
}

/** Analysis, two rings at the same l, from there to lmax. */
export function anaPair(st: ChunkState, c1: number, c2: number, m: number, lmax: number,
  re: Float64Array, im: Float64Array, a: Float64Array, base: number): void {
  const l0 = st.l[c1];
  const x1 = st.x[c1], x2 = st.x[c2];
  let p1 = st.mu1[c1], q1 = st.mu0[c1], p2 = st.mu1[c2], q2 = st.mu0[c2];
  const even = ((l0 - m) & 1) === 0;
  // (u·) multiplies μ at l0, l0+2, …; (v·) at l0+1, l0+3, …
  const u1r = even ? st.er[c1] : st.or[c1], u1i = even ? st.ei[c1] : st.oi[c1];
  const v1r = even ? st.or[c1] : st.er[c1], v1i = even ? st.oi[c1] : st.ei[c1];
  const u2r = even ? st.er[c2] : st.or[c2], u2i = even ? st.ei[c2] : st.oi[c2];
  const v2r = even ? st.or[c2] : st.er[c2], v2i = even ? st.oi[c2] : st.ei[c2];
  let i = base + l0;
  const nfull = (lmax - l0 + 1) >> 1;
  for (let k = 0; k < nfull; k++) {
    re[i] += p1 * u1r + p2 * u2r; im[i] += p1 * u1i + p2 * u2i;
    const a1 = a[i + 1];
    q1 = x1 * a1 * p1 - q1; q2 = x2 * a1 * p2 - q2;
    re[i + 1] += q1 * v1r + q2 * v2r; im[i + 1] += q1 * v1i + q2 * v2i;
    const a2 = a[i + 2];
    p1 = x1 * a2 * q1 - p1; p2 = x2 * a2 * q2 - p2;
    i += 2;
  }
  if (((lmax - l0 + 1) & 1) !== 0) { re[i] += p1 * u1r + p2 * u2r; im[i] += p1 * u1i + p2 * u2i; }
  st.l[c1] = st.l[c2] = lmax + 1;
}

/**
 * Analysis, four rings at the same l. The recursion is latency-bound (a multiply and a subtract per l
 * on the dependency chain), so four independent rings per pass run ~1.5× faster per ring than two.
 */
export function anaQuad(s: ChunkState, c1: number, c2: number, c3: number, c4: number, m: number, lmax: number,
  re: Float64Array, im: Float64Array, a: Float64Array, base: number): void {
  const l0 = s.l[c1];
  const x1 = s.x[c1], x2 = s.x[c2], x3 = s.x[c3], x4 = s.x[c4];
  let p1 = s.mu1[c1], q1 = s.mu0[c1], p2 = s.mu1[c2], q2 = s.mu0[c2];
  let p3 = s.mu1[c3], q3 = s.mu0[c3], p4 = s.mu1[c4], q4 = s.mu0[c4];
  const ev = ((l0 - m) & 1) === 0;
  const u1r = ev ? s.er[c1] : s.or[c1], u1i = ev ? s.ei[c1] : s.oi[c1], v1r = ev ? s.or[c1] : s.er[c1], v1i = ev ? s.oi[c1] : s.ei[c1];
  const u2r = ev ? s.er[c2] : s.or[c2], u2i = ev ? s.ei[c2] : s.oi[c2], v2r = ev ? s.or[c2] : s.er[c2], v2i = ev ? s.oi[c2] : s.ei[c2];
  const u3r = ev ? s.er[c3] : s.or[c3], u3i = ev ? s.ei[c3] : s.oi[c3], v3r = ev ? s.or[c3] : s.er[c3], v3i = ev ? s.oi[c3] : s.ei[c3];
  const u4r = ev ? s.er[c4] : s.or[c4], u4i = ev ? s.ei[c4] : s.oi[c4], v4r = ev ? s.or[c4] : s.er[c4], v4i = ev ? s.oi[c4] : s.ei[c4];
  let i = base + l0;
  const nfull = (lmax - l0 + 1) >> 1;
  for (let k = 0; k < nfull; k++) {
    re[i] += p1 * u1r + p2 * u2r + (p3 * u3r + p4 * u4r);
    im[i] += p1 * u1i + p2 * u2i + (p3 * u3i + p4 * u4i);
    const a1 = a[i + 1];
    q1 = x1 * a1 * p1 - q1; q2 = x2 * a1 * p2 - q2; q3 = x3 * a1 * p3 - q3; q4 = x4 * a1 * p4 - q4;
    re[i + 1] += q1 * v1r + q2 * v2r + (q3 * v3r + q4 * v4r);
    im[i + 1] += q1 * v1i + q2 * v2i + (q3 * v3i + q4 * v4i);
    const a2 = a[i + 2];
    p1 = x1 * a2 * q1 - p1; p2 = x2 * a2 * q2 - p2; p3 = x3 * a2 * q3 - p3; p4 = x4 * a2 * q4 - p4;
    i += 2;
  }
  if (((lmax - l0 + 1) & 1) !== 0) {
    re[i] += p1 * u1r + p2 * u2r + (p3 * u3r + p4 * u4r);
    im[i] += p1 * u1i + p2 * u2i + (p3 * u3i + p4 * u4i);
  }
  s.l[c1] = s.l[c2] = s.l[c3] = s.l[c4] = lmax + 1;
}
