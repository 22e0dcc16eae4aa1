/**
 * Array loops of the number API for nside ≤ 2^13 (npix < 2^31), where every
 * pixel index and intermediate fits in int32: one monomorphic loop per scheme,
 * kernels inlined by hand, integer `| 0` / shifts instead of Math.floor, and a
 * branch-light edge test. arrays.ts uses them for small nside and keeps the
 * general (double) kernels of fast.ts for larger nside. Results are identical
 * (tests and scripts/validate-healpix.ts compare both with healpy).
 */
import { fmodulo } from './geometry.js';
import { angToPix, checkTheta, checkPhi } from './pixel.js';

/** Largest nside handled here: 12·nside² < 2^31. */
export const LOOP_MAX_NSIDE = 8192;

const TWOTHIRD = 2 / 3;
const INV_HALFPI = 2 / Math.PI;

/** FACE_EQ[5·ifp + ifm] = healpix_base's (ifp == ifm) ? ifp|4 : (ifp < ifm) ? ifp : ifm+8. */
const FACE_EQ = new Int32Array(25);
for (let ifp = 0; ifp < 5; ifp++) {
  for (let ifm = 0; ifm < 5; ifm++) FACE_EQ[ifp * 5 + ifm] = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
}

/** UTAB[b]: the 8 bits of b spread to the even bits of 16 (healpix_base utab). */
const UTAB = new Int32Array(256);
for (let b = 0; b < 256; b++) {
  let u = 0;
  for (let k = 0; k < 8; k++) if (b & (1 << k)) u |= 1 << (2 * k);
  UTAB[b] = u;
}

/**
 * The belt |z| ≤ 2/3 as θ ∈ [acos(2/3), π − acos(2/3)] (mpmath, rounded): tested
 * on θ, the branch does not wait for cos θ. Where the two tests could disagree
 * (|z| within ~1e-16 of 2/3) the |z| − 2/3 margin test sends the direction to
 * angToPix anyway.
 */
const THETA_EQ_MIN = 0.8410686705679302, THETA_EQ_MAX = 2.300523983021863;

/**
 * cos θ for θ ∈ [0, π] to ≤ 2.2e-16 (checked against trig.ts cosCR in loops.test.ts):
 * cos θ = sin r with r = π/2 − θ (π/2 as hi + lo), sin r = r + r·r²·Q(r²), 1 + sQ(s) the
 * degree-9 Chebyshev interpolant of sin(√s)/√s on [0, (π/2)²] (max error 3.8e-17,
 * fitted with mpmath at 50 digits). Inlined, unlike V8's Math.cos (a C call).
 * The pixel depends on these last bits only within a few ulps of an edge, where
 * the loops fall back to angToPix (correctly rounded cos): 2.2e-16 in z moves a
 * location by ≤ 122·nside·2.2e-16 < 1e-13·nside edge-line units for θ ≥ 0.01
 * (|z| ≤ 0.99995; nearer the poles sin θ is used), and the |z| = 2/3 margin is 1e-15.
 */
export function cosFast(t: number): number {
  const r = 1.5707963267948966 - t + 6.123233995736766e-17;
  const s = r * r;
  return r + r * s * (-0.16666666666666666 + s * (0.008333333333333333 + s * (-0.0001984126984126967 + s * (2.755731922394071e-6 +
    s * (-2.5052108378602197e-8 + s * (1.6059043206300948e-10 + s * (-7.647127739966418e-13 + s * (2.8102145350022103e-15 +
    s * -7.982518961783833e-18))))))));
}

/**
 * ang2pix over arrays, RING, nside ≤ LOOP_MAX_NSIDE. Same arithmetic as
 * fast.ts zphi2ring; a direction within 1e-13·nside edge-line units of an edge
 * goes to angToPix (correctly rounded cos θ, see trig.ts).
 */
export function ang2pixRingLoop(nside: number, theta: ArrayLike<number>, phi: ArrayLike<number>, res: Float64Array): void {
  const n = theta.length;
  const nl4 = 4 * nside, ncap = 2 * nside * (nside - 1), npix = 12 * nside * nside;
  const lim = 0.5 - 1e-13 * nside; // |frac − ½| > lim ⇔ within the edge margin
  for (let i = 0; i < n; i++) {
    const t = theta[i], p = phi[i];
    if (!(t >= 0 && t <= Math.PI)) checkTheta(t, `ang2pixArray[${i}]`);
    if (p - p !== 0) checkPhi(p, `ang2pixArray[${i}]`);
    const z = cosFast(t);
    const za = Math.abs(z);
    let tt = p * INV_HALFPI;
    if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
    let q: number;
    if (t >= THETA_EQ_MIN && t <= THETA_EQ_MAX) {
      const temp1 = nside * (0.5 + tt);
      const temp2 = nside * z * 0.75;
      const a = temp1 - temp2, b = temp1 + temp2;
      const jp = a | 0, jm = b | 0;
      if (Math.abs(a - jp - 0.5) > lim || Math.abs(b - jm - 0.5) > lim || TWOTHIRD - za < 1e-15) {
        res[i] = angToPix(nside, t, p, false);
        continue;
      }
      const ir = nside + 1 + jp - jm; // ring counted from z = 2/3
      const kshift = 1 - (ir & 1);
      const t1 = jp + jm - nside + kshift + 1 + nl4 + nl4;
      q = ncap + (ir - 1) * nl4 + ((t1 >> 1) & (nl4 - 1));
    } else {
      const tp = tt - (tt | 0);
      // sin θ near the poles (t < 0.01 or > π − 0.01 ⇒ za > 0.99), as healpix_base ang2pix
      const tmp = t >= 0.01 && t <= 3.14159 - 0.01 ? nside * Math.sqrt(3 * (1 - za)) : (nside * Math.sin(t)) / Math.sqrt((1 + za) / 3);
      const a = tp * tmp, b = (1 - tp) * tmp;
      const jp = a | 0, jm = b | 0;
      if (Math.abs(a - jp - 0.5) > lim || Math.abs(b - jm - 0.5) > lim || za - TWOTHIRD < 1e-15) {
        res[i] = angToPix(nside, t, p, false);
        continue;
      }
      const ir = jp + jm + 1; // ring counted from the nearest pole
      const ip = (tt * ir) | 0;
      q = z > 0 ? 2 * ir * (ir - 1) + ip : npix - 2 * ir * (ir + 1) + ip;
    }
    res[i] = q;
  }
}

/** ang2pix over arrays, NESTED, nside ≤ LOOP_MAX_NSIDE (fast.ts zphi2nest inlined). */
export function ang2pixNestLoop(nside: number, theta: ArrayLike<number>, phi: ArrayLike<number>, res: Float64Array): void {
  const n = theta.length;
  const order = 31 - Math.clz32(nside), order2 = 2 * order, nm1 = nside - 1;
  const lim = 0.5 - 1e-13 * nside;
  for (let i = 0; i < n; i++) {
    const t = theta[i], p = phi[i];
    if (!(t >= 0 && t <= Math.PI)) checkTheta(t, `ang2pixArray[${i}]`);
    if (p - p !== 0) checkPhi(p, `ang2pixArray[${i}]`);
    const z = cosFast(t);
    const za = Math.abs(z);
    let tt = p * INV_HALFPI;
    if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
    let ix: number, iy: number, face: number;
    if (t >= THETA_EQ_MIN && t <= THETA_EQ_MAX) {
      const temp1 = nside * (0.5 + tt);
      const temp2 = nside * (z * 0.75);
      const a = temp1 - temp2, b = temp1 + temp2;
      const jp = a | 0, jm = b | 0;
      if (Math.abs(a - jp - 0.5) > lim || Math.abs(b - jm - 0.5) > lim || TWOTHIRD - za < 1e-15) {
        res[i] = angToPix(nside, t, p, true);
        continue;
      }
      face = FACE_EQ[(jp >> order) * 5 + (jm >> order)];
      ix = jm & nm1;
      iy = nm1 - (jp & nm1);
    } else {
      const ntt = Math.min(3, tt | 0);
      const tp = tt - ntt;
      const tmp = t >= 0.01 && t <= 3.14159 - 0.01 ? nside * Math.sqrt(3 * (1 - za)) : (nside * Math.sin(t)) / Math.sqrt((1 + za) / 3);
      const a = tp * tmp, b = (1 - tp) * tmp;
      const ta = a | 0, tb = b | 0;
      if (Math.abs(a - ta - 0.5) > lim || Math.abs(b - tb - 0.5) > lim || za - TWOTHIRD < 1e-15) {
        res[i] = angToPix(nside, t, p, true);
        continue;
      }
      const jp = Math.min(ta, nm1), jm = Math.min(tb, nm1);
      // north: (n−jm−1, n−jp−1, ntt); south: (jp, jm, ntt+8)
      const s = z >= 0 ? 1 : 0;
      ix = s * (nm1 - jm - jp) + jp;
      iy = s * (nm1 - jp - jm) + jm;
      face = ntt + 8 - 8 * s;
    }
    res[i] = (face << order2) | UTAB[ix & 0xff] | (UTAB[ix >> 8] << 16) | (UTAB[iy & 0xff] << 1) | (UTAB[iy >> 8] << 17);
  }
}
