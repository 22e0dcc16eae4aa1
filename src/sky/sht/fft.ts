/**
 * Complex and real FFTs for HEALPix ring lengths (4i and 4·nside, so any even length).
 *
 * Complex transforms: iterative Stockham autosort, mixed radix 4/2/3/5 plus a generic
 * odd radix; lengths with a prime factor > MAX_DIRECT_PRIME use Bluestein's chirp-z
 * algorithm on a power-of-two length (so every length costs O(n log n)).
 * Real transforms of even length N use one complex FFT of length N/2 (the usual
 * even/odd packing). Plans are cached per length; all scratch is allocated in the plan.
 */

const MAX_DIRECT_PRIME = 31;

function factorize(n: number): number[] {
  const f: number[] = [];
  while (n % 4 === 0) { f.push(4); n /= 4; }
  while (n % 2 === 0) { f.push(2); n /= 2; }
  for (let p = 3; p * p <= n; p += 2) while (n % p === 0) { f.push(p); n /= p; }
  if (n > 1) f.push(n);
  return f;
}

/** Forward complex DFT X_k = Σ x_j e^{-2πijk/n}, in place on separate re/im arrays. */
export class ComplexFFT {
  readonly n: number;
  private readonly factors: number[] = [];
  private readonly twr: Float64Array[] = [];
  private readonly twi: Float64Array[] = [];
  private readonly rootR: Float64Array[] = [];
  private readonly rootI: Float64Array[] = [];
  private readonly sr: Float64Array;
  private readonly si: Float64Array;
  private readonly tr: Float64Array;
  private readonly ti: Float64Array;
  // Bluestein state
  private readonly blue: ComplexFFT | null = null;
  private readonly chirpR: Float64Array | null = null;
  private readonly chirpI: Float64Array | null = null;
  private readonly bR: Float64Array | null = null;
  private readonly bI: Float64Array | null = null;

  constructor(n: number) {
    this.n = n;
    const f = factorize(n);
    const maxp = f.length ? Math.max(...f) : 1;
    if (maxp > MAX_DIRECT_PRIME) {
      let k = 1;
      while (k < 2 * n - 1) k *= 2;
      this.blue = new ComplexFFT(k);
      const cr = new Float64Array(n), ci = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const j2 = (j * j) % (2 * n); // exact n² mod 2n keeps the chirp phase accurate
        const a = (Math.PI * j2) / n;
        cr[j] = Math.cos(a);
        ci[j] = -Math.sin(a);
      }
      this.chirpR = cr; this.chirpI = ci;
      const br = new Float64Array(k), bi = new Float64Array(k);
      br[0] = cr[0]; bi[0] = -ci[0];
      for (let j = 1; j < n; j++) {
        br[j] = br[k - j] = cr[j];
        bi[j] = bi[k - j] = -ci[j];
      }
      this.blue.forward(br, bi);
      this.bR = br; this.bI = bi;
      this.sr = new Float64Array(k); this.si = new Float64Array(k);
      this.tr = new Float64Array(0); this.ti = new Float64Array(0);
      return;
    }
    this.factors = f;
    let L = 1;
    for (const p of f) {
      const Lp = L * p;
      const wr = new Float64Array(L * (p - 1)), wi = new Float64Array(L * (p - 1));
      for (let k0 = 0; k0 < L; k0++)
        for (let q = 1; q < p; q++) {
          const a = (-2 * Math.PI * q * k0) / Lp;
          wr[k0 * (p - 1) + q - 1] = Math.cos(a);
          wi[k0 * (p - 1) + q - 1] = Math.sin(a);
        }
      this.twr.push(wr); this.twi.push(wi);
      const rr = new Float64Array(p), ri = new Float64Array(p);
      for (let q = 0; q < p; q++) { rr[q] = Math.cos((-2 * Math.PI * q) / p); ri[q] = Math.sin((-2 * Math.PI * q) / p); }
      this.rootR.push(rr); this.rootI.push(ri);
      L = Lp;
    }
    this.sr = new Float64Array(n); this.si = new Float64Array(n);
    this.tr = new Float64Array(32); this.ti = new Float64Array(32);
  }

  forward(re: Float64Array, im: Float64Array): void {
    if (this.blue) return this.bluestein(re, im);
    const n = this.n;
    let ar = re, ai = im, br = this.sr, bi = this.si;
    let L = 1;
    for (let s = 0; s < this.factors.length; s++) {
      const p = this.factors[s];
      const R = n / L, Rp = R / p;
      const wr = this.twr[s], wi = this.twi[s];
      if (p === 4) radix4(ar, ai, br, bi, L, R, Rp, wr, wi);
      else if (p === 2) radix2(ar, ai, br, bi, L, R, Rp, wr, wi);
      else if (p === 3) radix3(ar, ai, br, bi, L, R, Rp, wr, wi);
      else this.radixGeneric(p, s, ar, ai, br, bi, L, R, Rp, wr, wi);
      const t0 = ar, t1 = ai; ar = br; ai = bi; br = t0; bi = t1;
      L *= p;
    }
    if (ar !== re) { re.set(ar); im.set(ai); }
  }

  private radixGeneric(p: number, s: number, ar: Float64Array, ai: Float64Array, br: Float64Array, bi: Float64Array,
    L: number, R: number, Rp: number, wr: Float64Array, wi: Float64Array): void {
    const tr = this.tr, ti = this.ti, rr = this.rootR[s], ri = this.rootI[s];
    for (let k0 = 0; k0 < L; k0++) {
      const tw = k0 * (p - 1);
      for (let r = 0; r < Rp; r++) {
        const base = k0 * R + r;
        tr[0] = ar[base]; ti[0] = ai[base];
        for (let q = 1; q < p; q++) {
          const xr = ar[base + q * Rp], xi = ai[base + q * Rp];
          const c = wr[tw + q - 1], d = wi[tw + q - 1];
          tr[q] = xr * c - xi * d; ti[q] = xr * d + xi * c;
        }
        for (let k1 = 0; k1 < p; k1++) {
          let sr = 0, si = 0, idx = 0;
          for (let q = 0; q < p; q++) {
            const c = rr[idx], d = ri[idx];
            sr += tr[q] * c - ti[q] * d; si += tr[q] * d + ti[q] * c;
            idx += k1; if (idx >= p) idx -= p;
          }
          const o = (k0 + L * k1) * Rp + r;
          br[o] = sr; bi[o] = si;
        }
      }
    }
  }

  /** Inverse without normalisation: x_j = Σ X_k e^{+2πijk/n} (swap re/im around the forward pass). */
  backward(re: Float64Array, im: Float64Array): void {
    this.forward(im, re);
  }

  private bluestein(re: Float64Array, im: Float64Array): void {
    const n = this.n, blue = this.blue!, k = blue.n;
    const cr = this.chirpR!, ci = this.chirpI!, sr = this.sr, si = this.si;
    for (let j = 0; j < n; j++) {
      const xr = re[j], xi = im[j];
      sr[j] = xr * cr[j] - xi * ci[j]; si[j] = xr * ci[j] + xi * cr[j];
    }
    sr.fill(0, n); si.fill(0, n);
    blue.forward(sr, si);
    const br = this.bR!, bi = this.bI!;
    for (let j = 0; j < k; j++) {
      const xr = sr[j], xi = si[j];
      sr[j] = xr * br[j] - xi * bi[j]; si[j] = xr * bi[j] + xi * br[j];
    }
    blue.backward(sr, si);
    const inv = 1 / k;
    for (let j = 0; j < n; j++) {
      const xr = sr[j] * inv, xi = si[j] * inv;
      re[j] = xr * cr[j] - xi * ci[j]; im[j] = xr * ci[j] + xi * cr[j];
    }
  }
}

// Stockham stage: A_L[k0][r' + Rp q] (index k0·R + r' + Rp·q) → A_{Lp}[k0 + L k1][r'] (index (k0 + L k1)·Rp + r').
function radix2(ar: Float64Array, ai: Float64Array, br: Float64Array, bi: Float64Array,
  L: number, R: number, Rp: number, wr: Float64Array, wi: Float64Array): void {
  for (let k0 = 0; k0 < L; k0++) {
    const c = wr[k0], d = wi[k0];
    const i0 = k0 * R, o0 = k0 * Rp, o1 = (k0 + L) * Rp;
    for (let r = 0; r < Rp; r++) {
      const x0r = ar[i0 + r], x0i = ai[i0 + r];
      const yr = ar[i0 + Rp + r], yi = ai[i0 + Rp + r];
      const x1r = yr * c - yi * d, x1i = yr * d + yi * c;
      br[o0 + r] = x0r + x1r; bi[o0 + r] = x0i + x1i;
      br[o1 + r] = x0r - x1r; bi[o1 + r] = x0i - x1i;
    }
  }
}

const S3 = Math.sqrt(3) / 2;
function radix3(ar: Float64Array, ai: Float64Array, br: Float64Array, bi: Float64Array,
  L: number, R: number, Rp: number, wr: Float64Array, wi: Float64Array): void {
  for (let k0 = 0; k0 < L; k0++) {
    const c1 = wr[2 * k0], d1 = wi[2 * k0], c2 = wr[2 * k0 + 1], d2 = wi[2 * k0 + 1];
    const i0 = k0 * R, o0 = k0 * Rp, o1 = (k0 + L) * Rp, o2 = (k0 + 2 * L) * Rp;
    for (let r = 0; r < Rp; r++) {
      const x0r = ar[i0 + r], x0i = ai[i0 + r];
      let yr = ar[i0 + Rp + r], yi = ai[i0 + Rp + r];
      const x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1;
      yr = ar[i0 + 2 * Rp + r]; yi = ai[i0 + 2 * Rp + r];
      const x2r = yr * c2 - yi * d2, x2i = yr * d2 + yi * c2;
      const sr = x1r + x2r, si = x1i + x2i;
      const mr = x0r - 0.5 * sr, mi = x0i - 0.5 * si;
      // e^{-2πi/3} = -1/2 - i√3/2
      const dr = S3 * (x1i - x2i), di = -S3 * (x1r - x2r);
      br[o0 + r] = x0r + sr; bi[o0 + r] = x0i + si;
      br[o1 + r] = mr + dr; bi[o1 + r] = mi + di;
      br[o2 + r] = mr - dr; bi[o2 + r] = mi - di;
    }
  }
}

function radix4(ar: Float64Array, ai: Float64Array, br: Float64Array, bi: Float64Array,
  L: number, R: number, Rp: number, wr: Float64Array, wi: Float64Array): void {
  for (let k0 = 0; k0 < L; k0++) {
    const t = 3 * k0;
    const c1 = wr[t], d1 = wi[t], c2 = wr[t + 1], d2 = wi[t + 1], c3 = wr[t + 2], d3 = wi[t + 2];
    const i0 = k0 * R, o0 = k0 * Rp, o1 = (k0 + L) * Rp, o2 = (k0 + 2 * L) * Rp, o3 = (k0 + 3 * L) * Rp;
    for (let r = 0; r < Rp; r++) {
      const x0r = ar[i0 + r], x0i = ai[i0 + r];
      let yr = ar[i0 + Rp + r], yi = ai[i0 + Rp + r];
      const x1r = yr * c1 - yi * d1, x1i = yr * d1 + yi * c1;
      yr = ar[i0 + 2 * Rp + r]; yi = ai[i0 + 2 * Rp + r];
      const x2r = yr * c2 - yi * d2, x2i = yr * d2 + yi * c2;
      yr = ar[i0 + 3 * Rp + r]; yi = ai[i0 + 3 * Rp + r];
      const x3r = yr * c3 - yi * d3, x3i = yr * d3 + yi * c3;
      const ar0 = x0r + x2r, ai0 = x0i + x2i, ar1 = x0r - x2r, ai1 = x0i - x2i;
      const ar2 = x1r + x3r, ai2 = x1i + x3i, ar3 = x1r - x3r, ai3 = x1i - x3i;
      // k1=1: x0 - i x1 - x2 + i x3 = ar1 - i·ar3
      br[o0 + r] = ar0 + ar2; bi[o0 + r] = ai0 + ai2;
      br[o1 + r] = ar1 + ai3; bi[o1 + r] = ai1 - ar3;
      br[o2 + r] = ar0 - ar2; bi[o2 + r] = ai0 - ai2;
      br[o3 + r] = ar1 - ai3; bi[o3 + r] = ai1 + ar3;
    }
  }
}

/**
 * Real FFT of even length N through a complex FFT of length N/2.
 * forward: x[0..N) → X_k = Σ x_j e^{-2πijk/N}, k = 0..N/2 (re/im arrays of length N/2+1).
 * backward: X_0..X_{N/2} (Hermitian spectrum) → x_j = Σ_{k<N} X_k e^{+2πijk/N} (unnormalised).
 */
export class RealFFT {
  readonly n: number;
  private readonly m: number;
  private readonly cfft: ComplexFFT;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;

  constructor(n: number) {
    if (n < 2 || n % 2 !== 0) throw new RangeError(`RealFFT: length must be even and ≥ 2, got ${n}`);
    this.n = n;
    const m = (this.m = n / 2);
    this.cfft = new ComplexFFT(m);
    this.zr = new Float64Array(m); this.zi = new Float64Array(m);
    this.wr = new Float64Array(m + 1); this.wi = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) { this.wr[k] = Math.cos((2 * Math.PI * k) / n); this.wi[k] = Math.sin((2 * Math.PI * k) / n); }
  }

  forward(x: Float64Array, xOff: number, outR: Float64Array, outI: Float64Array): void {
    const m = this.m, zr = this.zr, zi = this.zi, wr = this.wr, wi = this.wi;
    for (let j = 0; j < m; j++) { zr[j] = x[xOff + 2 * j]; zi[j] = x[xOff + 2 * j + 1]; }
    this.cfft.forward(zr, zi);
    for (let k = 0; k <= m; k++) {
      const k1 = k === m ? 0 : k, k2 = k === 0 ? 0 : m - k;
      const ar = zr[k1], ai = zi[k1], br = zr[k2], bi = -zi[k2]; // Z_k, conj Z_{m-k}
      const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
      // O_k = (Z_k - conj Z_{m-k}) / 2i
      const or = 0.5 * (ai - bi), oi = -0.5 * (ar - br);
      const c = wr[k], s = -wi[k]; // e^{-2πik/N}
      outR[k] = er + or * c - oi * s;
      outI[k] = ei + or * s + oi * c;
    }
  }

  backward(inR: Float64Array, inI: Float64Array, x: Float64Array, xOff: number): void {
    const m = this.m, zr = this.zr, zi = this.zi, wr = this.wr, wi = this.wi;
    for (let k = 0; k < m; k++) {
      const ar = inR[k], ai = inI[k], br = inR[m - k], bi = -inI[m - k]; // X_k, conj X_{m-k}
      const dr = ar - br, di = ai - bi;
      // i e^{+2πik/N} (X_k - conj X_{m-k})
      const c = wr[k], s = wi[k];
      const tr = dr * c - di * s, ti = dr * s + di * c;
      zr[k] = ar + br - ti; zi[k] = ai + bi + tr;
    }
    this.cfft.backward(zr, zi);
    for (let j = 0; j < m; j++) { x[xOff + 2 * j] = zr[j]; x[xOff + 2 * j + 1] = zi[j]; }
  }
}

const realCache = new Map<number, RealFFT>();
/** Cached real-FFT plan for length n (plans hold scratch, so do not share across threads). */
export function realFFT(n: number): RealFFT {
  let p = realCache.get(n);
  if (!p) { p = new RealFFT(n); realCache.set(n, p); }
  return p;
}
