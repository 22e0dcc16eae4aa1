/**
 * Hot-loop kernels of the number API (nside ≤ 2^24), specialised from
 * geometry.ts: 32-bit integer operations (edge-line indices < 5·2^24 < 2^31) and
 * results returned or written straight into the caller's arrays, with no
 * scratch round trip. geometry.ts stays the general version (BigInt API,
 * neighbours, queries); tests check both against healpy.
 */
import { fmodulo } from './geometry.js';
import { xyf2nest, isqrt, compressEven, compressOdd } from './indices.js';

const TWOTHIRD = 2 / 3;
const INV_HALFPI = 2 / Math.PI;
const HALFPI = Math.PI / 2;
const TWO32 = 4294967296;

/**
 * (z, φ) → RING pixel, healpix_base loc2pix. Returns −1 when tol > 0 and the
 * location is within tol edge-line units of a pixel edge (or next to |z| = 2/3),
 * so that the caller can redo it with correctly rounded trigonometry.
 */
export function zphi2ring(nside: number, z: number, phi: number, sth: number, haveSth: boolean, tol: number): number {
  const za = Math.abs(z);
  let tt = phi * INV_HALFPI;
  if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
  if (za <= TWOTHIRD) {
    const nl4 = 4 * nside;
    const temp1 = nside * (0.5 + tt);
    const temp2 = nside * z * 0.75;
    const a = temp1 - temp2, b = temp1 + temp2;
    const jp = a | 0, jm = b | 0;
    if (tol > 0 && (a - jp < tol || jp + 1 - a < tol || b - jm < tol || jm + 1 - b < tol || TWOTHIRD - za < 1e-15)) return -1;
    const ir = nside + 1 + jp - jm; // ring counted from z = 2/3
    const kshift = 1 - (ir & 1);
    const t1 = jp + jm - nside + kshift + 1 + nl4 + nl4;
    return 2 * nside * (nside - 1) + (ir - 1) * nl4 + ((t1 >> 1) & (nl4 - 1));
  }
  const tp = tt - (tt | 0);
  const tmp = za < 0.99 || !haveSth ? nside * Math.sqrt(3 * (1 - za)) : (nside * sth) / Math.sqrt((1 + za) / 3);
  const a = tp * tmp, b = (1 - tp) * tmp;
  const jp = a | 0, jm = b | 0;
  if (tol > 0 && (a - jp < tol || jp + 1 - a < tol || b - jm < tol || jm + 1 - b < tol || za - TWOTHIRD < 1e-15)) return -1;
  const ir = jp + jm + 1; // ring counted from the nearest pole
  const ip = (tt * ir) | 0;
  return z > 0 ? 2 * ir * (ir - 1) + ip : 12 * nside * nside - 2 * ir * (ir + 1) + ip;
}

/** The even bits of a 32-bit integer packed into 16 (inverse of the bit spreading). */
function compact(x: number): number {
  x &= 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  return (x | (x >>> 8)) & 0x0000ffff;
}

/** FACE_EQ[5·ifp + ifm] = healpix_base's (ifp == ifm) ? ifp|4 : (ifp < ifm) ? ifp : ifm+8. */
const FACE_EQ = new Int32Array(25);
for (let ifp = 0; ifp < 5; ifp++) {
  for (let ifm = 0; ifm < 5; ifm++) FACE_EQ[ifp * 5 + ifm] = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
}

/** (z, φ) → NESTED pixel; same contract as zphi2ring. order = log2(nside). */
export function zphi2nest(nside: number, order: number, z: number, phi: number, sth: number, haveSth: boolean, tol: number): number {
  const za = Math.abs(z);
  let tt = phi * INV_HALFPI;
  if (!(tt >= 0 && tt < 4)) tt = fmodulo(tt, 4);
  if (za <= TWOTHIRD) {
    const temp1 = nside * (0.5 + tt);
    const temp2 = nside * (z * 0.75);
    const a = temp1 - temp2, b = temp1 + temp2;
    const jp = a | 0, jm = b | 0;
    if (tol > 0 && (a - jp < tol || jp + 1 - a < tol || b - jm < tol || jm + 1 - b < tol || TWOTHIRD - za < 1e-15)) return -1;
    // face from the edge-line blocks (a table instead of unpredictable branches)
    const face = FACE_EQ[(jp >> order) * 5 + (jm >> order)];
    return xyf2nest(nside, jm & (nside - 1), nside - (jp & (nside - 1)) - 1, face);
  }
  const ntt = Math.min(3, tt | 0);
  const tp = tt - ntt;
  const tmp = za < 0.99 || !haveSth ? nside * Math.sqrt(3 * (1 - za)) : (nside * sth) / Math.sqrt((1 + za) / 3);
  const a = tp * tmp, b = (1 - tp) * tmp;
  const ta = a | 0, tb = b | 0;
  if (tol > 0 && (a - ta < tol || ta + 1 - a < tol || b - tb < tol || tb + 1 - b < tol || za - TWOTHIRD < 1e-15)) return -1;
  const jp = Math.min(ta, nside - 1), jm = Math.min(tb, nside - 1);
  // north: (n−jm−1, n−jp−1, ntt); south: (jp, jm, ntt+8) — arithmetic select, the hemisphere is unpredictable
  const s = +(z >= 0);
  return xyf2nest(nside, s * (nside - jm - 1 - jp) + jp, s * (nside - jp - 1 - jm) + jm, ntt + 8 - 8 * s);
}

/**
 * RING pixel → centre. Writes θ to t[i] and φ to p[i]; with vec=true writes
 * the unit vector to (t, p, w)[i] instead (healpix_base pix2loc → pix2ang/pix2vec).
 */
export function ring2out(nside: number, pix: number, vec: boolean, t: Float64Array, p: Float64Array, w: Float64Array, i: number): void {
  const ncap = 2 * nside * (nside - 1);
  const npix = 12 * nside * nside;
  const fact2 = 4 / npix;
  let z: number, phi: number, sth = 0, have = false;
  if (pix < ncap) {
    const iring = (1 + isqrt(1 + 2 * pix)) >>> 1;
    const iphi = pix + 1 - 2 * iring * (iring - 1);
    const tmp = iring * iring * fact2;
    z = 1 - tmp;
    if (z > 0.99) { sth = Math.sqrt(tmp * (2 - tmp)); have = true; }
    phi = ((iphi - 0.5) * HALFPI) / iring;
  } else if (pix < npix - ncap) {
    const nl4 = 4 * nside;
    const ip = pix - ncap;
    const tmp = Math.floor(ip / nl4);
    const iring = tmp + nside;
    const iphi = ip - nl4 * tmp + 1;
    const fodd = ((iring + nside) & 1) === 1 ? 1 : 0.5;
    const fact1 = 2 * nside * fact2;
    z = (2 * nside - iring) * fact1;
    phi = (iphi - fodd) * Math.PI * 0.75 * fact1;
  } else {
    const ip = npix - pix;
    const iring = (1 + isqrt(2 * ip - 1)) >>> 1;
    const iphi = 4 * iring + 1 - (ip - 2 * iring * (iring - 1));
    const tmp = iring * iring * fact2;
    z = tmp - 1;
    if (z < -0.99) { sth = Math.sqrt(tmp * (2 - tmp)); have = true; }
    phi = ((iphi - 0.5) * HALFPI) / iring;
  }
  emit(z, phi, sth, have, vec, t, p, w, i);
}

/** NESTED pixel → centre; same outputs as ring2out. */
export function nest2out(nside: number, pix: number, vec: boolean, t: Float64Array, p: Float64Array, w: Float64Array, i: number): void {
  const npface = nside * nside;
  let face: number, ix: number, iy: number;
  if (nside <= 8192) {
    face = pix >>> (31 - Math.clz32(npface));
    const v = pix & (npface - 1);
    ix = compact(v);
    iy = compact(v >>> 1);
  } else {
    face = Math.floor(pix / npface);
    const v = pix - face * npface;
    const lo = v >>> 0, hi = (v - lo) / TWO32;
    ix = compressEven(lo) | (compressEven(hi) << 16);
    iy = compressOdd(lo) | (compressOdd(hi) << 16);
  }
  const fact2 = 4 / (12 * npface);
  const jr = JRLL[face] * nside - ix - iy - 1;
  let nr: number, z: number, sth = 0, have = false;
  if (jr < nside) {
    nr = jr;
    const tmp = nr * nr * fact2;
    z = 1 - tmp;
    if (z > 0.99) { sth = Math.sqrt(tmp * (2 - tmp)); have = true; }
  } else if (jr > 3 * nside) {
    nr = 4 * nside - jr;
    const tmp = nr * nr * fact2;
    z = tmp - 1;
    if (z < -0.99) { sth = Math.sqrt(tmp * (2 - tmp)); have = true; }
  } else {
    nr = nside;
    z = (2 * nside - jr) * (2 * nside * fact2);
  }
  let tmp = JPLL[face] * nr + ix - iy;
  if (tmp < 0) tmp += 8 * nr;
  const phi = nr === nside ? 0.75 * HALFPI * tmp * (2 * nside * fact2) : (0.5 * HALFPI * tmp) / nr;
  emit(z, phi, sth, have, vec, t, p, w, i);
}

const JRLL = new Int32Array([2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
const JPLL = new Int32Array([1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7]);

function emit(z: number, phi: number, sth: number, have: boolean, vec: boolean, t: Float64Array, p: Float64Array, w: Float64Array, i: number): void {
  if (vec) {
    const s = have ? sth : Math.sqrt((1 - z) * (1 + z));
    t[i] = s * Math.cos(phi);
    p[i] = s * Math.sin(phi);
    w[i] = z;
  } else {
    t[i] = have ? Math.atan2(sth, z) : Math.acos(z);
    p[i] = phi;
  }
}

/** RING → NESTED index (healpix_base ring2xyf + xyf2nest), int32 arithmetic inside a face. */
export function ring2nestFast(nside: number, order: number, pix: number): number {
  const ncap = 2 * nside * (nside - 1);
  const npix = 12 * nside * nside;
  let iring: number, iphi: number, kshift: number, nr: number, face: number;
  if (pix < ncap) {
    iring = (1 + isqrt(1 + 2 * pix)) >>> 1;
    iphi = pix + 1 - 2 * iring * (iring - 1);
    kshift = 0;
    nr = iring;
    face = ((iphi - 1) / nr) | 0;
  } else if (pix < npix - ncap) {
    const ip = pix - ncap;
    const tmp = ip < 2147483648 ? ip >>> (order + 2) : Math.floor(ip / (4 * nside));
    iring = tmp + nside;
    iphi = ip - tmp * 4 * nside + 1;
    kshift = (iring + nside) & 1;
    nr = nside;
    const ire = tmp + 1, irm = 2 * nside + 1 - tmp;
    const ifm = (iphi - (ire >> 1) + nside - 1) >> order;
    const ifp = (iphi - (irm >> 1) + nside - 1) >> order;
    face = FACE_EQ[ifp * 5 + ifm];
  } else {
    const ip = npix - pix;
    const ir = (1 + isqrt(2 * ip - 1)) >>> 1;
    iphi = 4 * ir + 1 - (ip - 2 * ir * (ir - 1));
    kshift = 0;
    nr = ir;
    iring = 4 * nside - ir;
    face = (((iphi - 1) / nr) | 0) + 8;
  }
  const irt = iring - (2 + (face >> 2)) * nside + 1;
  let ipt = 2 * iphi - JPLL[face] * nr - kshift - 1;
  if (ipt >= 2 * nside) ipt -= 8 * nside;
  return xyf2nest(nside, (ipt - irt) >> 1, (-ipt - irt) >> 1, face);
}

/** NESTED → RING index (healpix_base nest2xyf + xyf2ring). */
export function nest2ringFast(nside: number, pix: number): number {
  const npface = nside * nside;
  let face: number, ix: number, iy: number;
  if (nside <= 8192) {
    // npix < 2^31: all in int32, shift-mask de-interleaving
    const order2 = 31 - Math.clz32(npface);
    face = pix >>> order2;
    const v = pix & (npface - 1);
    ix = compact(v);
    iy = compact(v >>> 1);
  } else {
    face = Math.floor(pix / npface);
    const v = pix - face * npface;
    const lo = v >>> 0, hi = (v - lo) / TWO32;
    ix = compressEven(lo) | (compressEven(hi) << 16);
    iy = compressOdd(lo) | (compressOdd(hi) << 16);
  }
  const jr = JRLL[face] * nside - ix - iy - 1;
  let nr: number, start: number, kshift: number;
  if (jr < nside) {
    nr = jr;
    start = 2 * jr * (jr - 1);
    kshift = 0;
  } else if (jr < 3 * nside) {
    nr = nside;
    start = 2 * nside * (nside - 1) + (jr - nside) * 4 * nside;
    kshift = (jr - nside) & 1;
  } else {
    nr = 4 * nside - jr;
    start = 12 * npface - 2 * nr * (nr + 1);
    kshift = 0;
  }
  let jp = ((JPLL[face] * nr + ix - iy + 1 + kshift) / 2) | 0; // C++ integer division (toward zero)
  if (jp < 1) jp += 4 * nside;
  return start + jp - 1;
}
