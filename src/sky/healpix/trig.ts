/**
 * Correctly rounded cos θ and sin θ for θ ∈ [0, π], in double-double arithmetic
 * (Dekker 1971 two-product, Knuth two-sum; Taylor series after reduction to
 * |r| ≤ π/4). V8's Math.cos is within 1 ulp but not the nearest double for ~3% of
 * arguments; healpy uses glibc's cos, which is not for ~0.1% (measured); for a
 * direction lying on a pixel edge one ulp decides the pixel. pixel.ts uses these
 * only on that rare slow path, so ang2pix stays fast and identical to healpy.
 */

// π/2 and π to ~1e-49 as sums of three doubles
const PIO2 = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33];
const PI = [3.141592653589793, 1.2246467991473532e-16, -2.9947698097183397e-33];

let H = 0, L = 0; // result of the dd operations below

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  L = a - (s - bb) + (b - bb);
  H = s;
}

/** (ah, al) · (bh, bl) → (H, L). */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  const ca = 134217729 * ah, cb = 134217729 * bh; // Veltkamp split into 26-bit halves
  const a1 = ca - (ca - ah), a2 = ah - a1;
  const b1 = cb - (cb - bh), b2 = bh - b1;
  const e = a1 * b1 - p + a1 * b2 + a2 * b1 + a2 * b2;
  const lo = e + (ah * bl + al * bh);
  H = p + lo;
  L = lo - (H - p);
}

/** (ah, al) + (bh, bl) → (H, L). */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s = H;
  const lo = L + al + bl;
  H = s + lo;
  L = lo - (H - s);
}

/** (ah, al) / m for a small integer m → (H, L). */
function ddDivInt(ah: number, al: number, m: number): void {
  const q1 = ah / m;
  const cq = 134217729 * q1;
  const p1 = cq - (cq - q1), p2 = q1 - p1;
  const prod = q1 * m;
  const err = p1 * m - prod + p2 * m; // q1·m = prod + err exactly (m < 2^26)
  const r = ah - prod - err + al;
  const q2 = r / m;
  H = q1 + q2;
  L = q2 - (H - q1);
}

/** Horner evaluation of Σ (−r²)^k / (a_k) with a_k the factorial denominators; odd=true: sin, false: cos. */
function series(rh: number, rl: number, odd: boolean): void {
  ddMul(rh, rl, rh, rl);
  const r2h = H, r2l = L;
  let th = 1, tl = 0;
  for (let k = 13; k >= 1; k--) {
    const m = odd ? 2 * k * (2 * k + 1) : (2 * k - 1) * (2 * k);
    ddMul(r2h, r2l, th, tl);
    ddDivInt(H, L, m);
    ddAdd(1, 0, -H, -L);
    th = H;
    tl = L;
  }
  if (odd) ddMul(rh, rl, th, tl);
  else {
    H = th;
    L = tl;
  }
}

/** c − θ as a double-double for a three-part constant c with θ in [c/2, 2c]. */
function reduce(c: number[], theta: number): void {
  const d = c[0] - theta; // exact (Sterbenz)
  ddAdd(d, 0, c[1], c[2]);
}

/** cos θ as a double-double in (H, L), θ ∈ [0, π]. */
function cosDD(theta: number): void {
  if (theta <= 0.7853981633974483) series(theta, 0, false);
  else if (theta >= 2.356194490192345) {
    reduce(PI, theta);
    series(H, L, false);
    H = -H;
    L = -L;
  } else {
    reduce(PIO2, theta);
    series(H, L, true);
  }
}

/** sin θ as a double-double in (H, L), θ ∈ [0, π]. */
function sinDD(theta: number): void {
  if (theta <= 0.7853981633974483) series(theta, 0, true);
  else if (theta >= 2.356194490192345) {
    reduce(PI, theta);
    series(H, L, true);
  } else {
    reduce(PIO2, theta);
    series(H, L, false);
  }
}

/** cos θ rounded to nearest, θ ∈ [0, π]. */
export function cosCR(theta: number): number {
  cosDD(theta);
  return H + L;
}

/** sin θ rounded to nearest, θ ∈ [0, π]. */
export function sinCR(theta: number): number {
  sinDD(theta);
  return H + L;
}

/**
 * atan2(y, x) rounded to nearest (0 for x = y = 0, as healpix safe_atan2): one
 * Newton step from Math.atan2, φ = φ0 + (y cos φ0 − x sin φ0)/(x cos φ0 + y sin φ0),
 * with cos φ0 and sin φ0 in double-double so that the small correction is exact
 * to ~1e-16 of an ulp.
 */
export function atan2CR(y: number, x: number): number {
  if (x === 0 && y === 0) return 0;
  const p0 = Math.atan2(y, x);
  const a = Math.abs(p0);
  cosDD(a);
  const ch = H, cl = L;
  sinDD(a);
  const sh = p0 < 0 ? -H : H, sl = p0 < 0 ? -L : L;
  ddMul(y, 0, ch, cl);
  const yh = H, yl = L;
  ddMul(x, 0, sh, sl);
  ddAdd(yh, yl, -H, -L);
  const num = H + L;
  const den = x * ch + y * sh;
  return p0 + num / den;
}
