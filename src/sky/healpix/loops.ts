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
    const z = Math.cos(t);
    const za = Math.abs(z);
    let tt = p * INV_HALFPI;
    if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
    let q: number;
    if (za <= TWOTHIRD) {
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
    const z = Math.cos(t);
    const za = Math.abs(z);
    let tt = p * INV_HALFPI;
    if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
    let ix: number, iy: number, face: number;
    if (za <= TWOTHIRD) {
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
