/**
 * vec2pix array loops for nside ≤ 2^13 (int32 arithmetic, kernels of fast.ts
 * inlined). φ comes from quarterTurns, a polynomial atan2 within ~5e-16 rad of the
 * true angle: V8's Math.atan2 is a non-inlined C call (~35 ns) and dominated the
 * loop. Its error only matters within a few ulps of a pixel edge, and every
 * direction within 1e-13·nside edge-line units of one (≫ 1e-15 rad) is redone
 * by vecToPix with the correctly rounded atan2 of trig.ts, so pixels are
 * unchanged.
 */
import { fmodulo } from './geometry.js';
import { vecToPix } from './pixel.js';
import { InputError } from '../../errors.js';

const TWOTHIRD = 2 / 3;
const INV_HALFPI = 2 / Math.PI;
const TAN_PI8 = 0.41421356237309503;

/**
 * atan2(y, x) in quarter turns (φ·2/π), in [0, 4], to ~5e-16, branch-free:
 * t = min/max(|x|, |y|) ∈ [0, 1], atan t = atan c + atan u with c = tan(π/8),
 * u = (t − c)/(1 + c·t) ∈ [−c, c]; atan u = u·P(u²), P the degree-10 Chebyshev
 * interpolant of atan(√s)/√s on [0, c²] (max error 2.5e-17, fitted with mpmath
 * at 50 digits); then the octant by arithmetic selects (signs are random, so
 * branches would mispredict). atan(c)·2/π rounds to 0.25. Returning [0, 4)
 * directly also avoids fmodulo's slow `%` for the half of directions with y < 0.
 * (x, y) must not both be 0.
 */
export function quarterTurns(y: number, x: number): number {
  const ax = Math.abs(x), ay = Math.abs(y);
  const mn = Math.min(ax, ay), mx = Math.max(ax, ay);
  const u = (mn - TAN_PI8 * mx) / (mx + TAN_PI8 * mn); // = (t − c)/(1 + c·t), t = mn/mx: one division
  const s = u * u;
  const p = 1 + s * (-0.3333333333332844 + s * (0.1999999999885511 + s * (-0.14285714180976467 + s * (0.11111106180455946 +
    s * (-0.09090773074808414 + s * (0.07689953496306857 + s * (-0.06640233930429408 + s * (0.056883492268090106 +
    s * (-0.04348052215716462 + s * 0.021135373157693246)))))))));
  let w = 0.25 + INV_HALFPI * (u * p); // [0, ½]
  const sw = +(ay > ax), xn = +(x < 0), yn = +(y < 0);
  w += sw * (1 - 2 * w);
  w += xn * (2 - 2 * w);
  return w + yn * (4 - 2 * w);
}

function badVector(i: number, a: number, b: number, c: number): never {
  throw new InputError(`vec2pixArray[${i}]: vector: expected finite and non-zero, found (${a}, ${b}, ${c})`);
}

/** vec2pix over arrays, nside ≤ 2^13, RING (nest=false) or NESTED. */
export function vec2pixLoop(nside: number, x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, nest: boolean, res: Float64Array): void {
  if (nest) vec2nestLoop(nside, x, y, z, res);
  else vec2ringLoop(nside, x, y, z, res);
}

function vec2ringLoop(nside: number, x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, res: Float64Array): void {
  const n = x.length;
  const nl4 = 4 * nside, ncap = 2 * nside * (nside - 1), npix = 12 * nside * nside;
  const lim = 0.5 - 1e-13 * nside; // |frac − ½| > lim ⇔ within the edge margin
  for (let i = 0; i < n; i++) {
    const vx = x[i], vy = y[i], vz = z[i];
    const r2 = vx * vx + vy * vy + vz * vz;
    if (!(r2 > 0 && r2 < Infinity)) badVector(i, vx, vy, vz);
    const xl = 1 / Math.sqrt(r2);
    const nz = vz * xl, za = Math.abs(nz);
    let tt = vx === 0 && vy === 0 ? 0 : quarterTurns(vy, vx);
    if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
    let q: number;
    if (za <= TWOTHIRD) {
      const temp1 = nside * (0.5 + tt);
      const temp2 = nside * nz * 0.75;
      const a = temp1 - temp2, b = temp1 + temp2;
      const jp = a | 0, jm = b | 0;
      if (Math.abs(a - jp - 0.5) > lim || Math.abs(b - jm - 0.5) > lim || TWOTHIRD - za < 1e-15) {
        res[i] = vecToPix(nside, vx, vy, vz, false);
        continue;
      }
      const ir = nside + 1 + jp - jm;
      const kshift = 1 - (ir & 1);
      const t1 = jp + jm - nside + kshift + 1 + nl4 + nl4;
      q = ncap + (ir - 1) * nl4 + ((t1 >> 1) & (nl4 - 1));
    } else {
      const tp = tt - (tt | 0);
      const tmp = za > 0.99 ? (nside * (Math.sqrt(vx * vx + vy * vy) * xl)) / Math.sqrt((1 + za) / 3) : nside * Math.sqrt(3 * (1 - za));
      const a = tp * tmp, b = (1 - tp) * tmp;
      const jp = a | 0, jm = b | 0;
      if (Math.abs(a - jp - 0.5) > lim || Math.abs(b - jm - 0.5) > lim || za - TWOTHIRD < 1e-15) {
        res[i] = vecToPix(nside, vx, vy, vz, false);
        continue;
      }
      const ir = jp + jm + 1;
      const ip = (tt * ir) | 0;
      q = nz > 0 ? 2 * ir * (ir - 1) + ip : npix - 2 * ir * (ir + 1) + ip;
    }
    res[i] = q;
  }
}

const FACE_EQ = new Int32Array(25);
for (let ifp = 0; ifp < 5; ifp++) {
  for (let ifm = 0; ifm < 5; ifm++) FACE_EQ[ifp * 5 + ifm] = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
}
const UTAB = new Int32Array(256);
for (let b = 0; b < 256; b++) {
  let u = 0;
  for (let k = 0; k < 8; k++) if (b & (1 << k)) u |= 1 << (2 * k);
  UTAB[b] = u;
}

function vec2nestLoop(nside: number, x: ArrayLike<number>, y: ArrayLike<number>, z: ArrayLike<number>, res: Float64Array): void {
  const n = x.length;
  const order = 31 - Math.clz32(nside), order2 = 2 * order, nm1 = nside - 1;
  const lim = 0.5 - 1e-13 * nside;
  for (let i = 0; i < n; i++) {
    const vx = x[i], vy = y[i], vz = z[i];
    const r2 = vx * vx + vy * vy + vz * vz;
    if (!(r2 > 0 && r2 < Infinity)) badVector(i, vx, vy, vz);
    const xl = 1 / Math.sqrt(r2);
    const nz = vz * xl, za = Math.abs(nz);
    let tt = vx === 0 && vy === 0 ? 0 : quarterTurns(vy, vx);
    if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
    let ix: number, iy: number, face: number;
    if (za <= TWOTHIRD) {
      const temp1 = nside * (0.5 + tt);
      const temp2 = nside * (nz * 0.75);
      const a = temp1 - temp2, b = temp1 + temp2;
      const jp = a | 0, jm = b | 0;
      if (Math.abs(a - jp - 0.5) > lim || Math.abs(b - jm - 0.5) > lim || TWOTHIRD - za < 1e-15) {
        res[i] = vecToPix(nside, vx, vy, vz, true);
        continue;
      }
      face = FACE_EQ[(jp >> order) * 5 + (jm >> order)];
      ix = jm & nm1;
      iy = nm1 - (jp & nm1);
    } else {
      const ntt = Math.min(3, tt | 0);
      const tp = tt - ntt;
      const tmp = za > 0.99 ? (nside * (Math.sqrt(vx * vx + vy * vy) * xl)) / Math.sqrt((1 + za) / 3) : nside * Math.sqrt(3 * (1 - za));
      const a = tp * tmp, b = (1 - tp) * tmp;
      const ta = a | 0, tb = b | 0;
      if (Math.abs(a - ta - 0.5) > lim || Math.abs(b - tb - 0.5) > lim || za - TWOTHIRD < 1e-15) {
        res[i] = vecToPix(nside, vx, vy, vz, true);
        continue;
      }
      const jp = Math.min(ta, nm1), jm = Math.min(tb, nm1);
      const s = nz >= 0 ? 1 : 0;
      ix = s * (nm1 - jm - jp) + jp;
      iy = s * (nm1 - jp - jm) + jm;
      face = ntt + 8 - 8 * s;
    }
    res[i] = (face << order2) | UTAB[ix & 0xff] | (UTAB[ix >> 8] << 16) | (UTAB[iy & 0xff] << 1) | (UTAB[iy >> 8] << 17);
  }
}
