/**
 * Pixel-index array loops for nside ≤ 2^13 (npix < 2^31, all int32):
 * ring2nest / nest2ring (healpix_base ring2xyf/xyf2nest and nest2xyf/xyf2ring)
 * with 256-entry bit-(de)interleaving tables like healpix_base utab/ctab.
 * Same results as fast.ts (the general kernels used above 2^13).
 */
import { checkPix, ringStart } from './indices.js';
import { ring2out } from './fast.js';

const FACE_EQ = new Int32Array(25);
for (let ifp = 0; ifp < 5; ifp++) {
  for (let ifm = 0; ifm < 5; ifm++) FACE_EQ[ifp * 5 + ifm] = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
}
const JRLL = new Int32Array([2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
const JPLL = new Int32Array([1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7]);

/** UTAB[b]: bits of byte b spread to the even bits; CTAB[b]: even bits of b in the low nibble, odd bits in the high one. */
const UTAB = new Int32Array(256);
const CTAB = new Int32Array(256);
for (let b = 0; b < 256; b++) {
  let u = 0, c = 0;
  for (let k = 0; k < 8; k++) if (b & (1 << k)) u |= 1 << (2 * k);
  for (let k = 0; k < 4; k++) {
    if (b & (1 << (2 * k))) c |= 1 << k;
    if (b & (1 << (2 * k + 1))) c |= 1 << (k + 4);
  }
  UTAB[b] = u;
  CTAB[b] = c;
}

/** RING → NESTED over an array, nside ≤ 2^13. */
export function ring2nestLoop(nside: number, ipix: ArrayLike<number>, res: Float64Array, fn: string): void {
  const n = ipix.length;
  const order = 31 - Math.clz32(nside), order2 = 2 * order;
  const ncap = 2 * nside * (nside - 1), npix = 12 * nside * nside, nl4 = 4 * nside;
  for (let i = 0; i < n; i++) {
    const p = ipix[i];
    if (!(p >= 0 && p < npix && (p | 0) === p)) checkPix(nside, p, `${fn}[${i}]`);
    const pix = p | 0;
    let iring: number, iphi: number, kshift: number, nr: number, face: number;
    if (pix < ncap) {
      iring = (1 + (Math.sqrt(1.5 + 2 * pix) | 0)) >>> 1; // isqrt(1 + 2 pix), exact below 2^50
      iphi = pix + 1 - 2 * iring * (iring - 1);
      kshift = 0;
      nr = iring;
      face = ((iphi - 1) / nr) | 0;
    } else if (pix < npix - ncap) {
      const ip = pix - ncap;
      const tmp = ip >> (order + 2);
      iring = tmp + nside;
      iphi = (ip & (nl4 - 1)) + 1;
      kshift = (iring + nside) & 1;
      nr = nside;
      const ifm = (iphi - ((tmp + 1) >> 1) + nside - 1) >> order;
      const ifp = (iphi - ((2 * nside + 1 - tmp) >> 1) + nside - 1) >> order;
      face = FACE_EQ[ifp * 5 + ifm];
    } else {
      const ip = npix - pix;
      const ir = (1 + (Math.sqrt(2 * ip - 0.5) | 0)) >>> 1; // isqrt(2 ip − 1)
      iphi = 4 * ir + 1 - (ip - 2 * ir * (ir - 1));
      kshift = 0;
      nr = ir;
      iring = nl4 - ir;
      face = (((iphi - 1) / nr) | 0) + 8;
    }
    const irt = iring - ((2 + (face >> 2)) << order) + 1;
    let ipt = 2 * iphi - JPLL[face] * nr - kshift - 1;
    if (ipt >= 2 * nside) ipt -= 8 * nside;
    const ix = (ipt - irt) >> 1, iy = (-ipt - irt) >> 1;
    res[i] = (face << order2) | UTAB[ix & 0xff] | (UTAB[ix >> 8] << 16) | (UTAB[iy & 0xff] << 1) | (UTAB[iy >> 8] << 17);
  }
}

/** NESTED → RING over an array, nside ≤ 2^13. */
export function nest2ringLoop(nside: number, ipix: ArrayLike<number>, res: Float64Array, fn: string): void {
  const n = ipix.length;
  const order = 31 - Math.clz32(nside), order2 = 2 * order;
  const npface = nside * nside, npix = 12 * npface, nl4 = 4 * nside;
  const tab = ringTables(nside);
  for (let i = 0; i < n; i++) {
    const p = ipix[i];
    if (!(p >= 0 && p < npix && (p | 0) === p)) checkPix(nside, p, `${fn}[${i}]`);
    const pix = p | 0;
    const face = pix >> order2;
    const v = pix & (npface - 1);
    const c0 = CTAB[v & 0xff], c1 = CTAB[(v >> 8) & 0xff], c2 = CTAB[(v >> 16) & 0xff], c3 = CTAB[v >> 24];
    const ix = (c0 & 15) | ((c1 & 15) << 4) | ((c2 & 15) << 8) | ((c3 & 15) << 12);
    const iy = (c0 >> 4) | ((c1 >> 4) << 4) | ((c2 >> 4) << 8) | ((c3 >> 4) << 12);
    const jr = (JRLL[face] << order) - ix - iy - 1;
    const nr = tab.nr[jr];
    const x = JPLL[face] * nr + ix - iy + 1 + tab.kshift[jr];
    let jp = (x + (x >>> 31)) >> 1; // C++ integer division by 2 (toward zero)
    jp += nl4 & ((jp - 1) >> 31); // + 4·nside when jp < 1, without a branch
    res[i] = tab.start[jr] + jp - 1;
  }
}

interface RingTables { nr: Int32Array; start: Int32Array; kshift: Int32Array }
const ringTabs = new Map<number, RingTables>();

/**
 * Per ring 1…4·nside−1: pixels in the ring per quarter-sphere face (nr), first
 * RING index and kshift, as healpix_base xyf2ring computes them from jr with
 * three unpredictable branches; table look-ups instead (≤ 384 kB at 2^13).
 */
function ringTables(nside: number): RingTables {
  let t = ringTabs.get(nside);
  if (t) return t;
  const nl4 = 4 * nside;
  t = { nr: new Int32Array(nl4), start: new Int32Array(nl4), kshift: new Int32Array(nl4) };
  for (let jr = 1; jr < nl4; jr++) {
    t.start[jr] = ringStart(nside, jr);
    t.nr[jr] = jr < nside ? jr : jr < 3 * nside ? nside : nl4 - jr;
    t.kshift[jr] = jr >= nside && jr < 3 * nside ? (jr - nside) & 1 : 0;
  }
  if (ringTabs.size >= 4) ringTabs.clear();
  ringTabs.set(nside, t);
  return t;
}

const HALFPI = Math.PI / 2;
const thetaTables = new Map<number, Float64Array>();

/** θ of every ring 1…4·nside−1 (index = ring), from ring2out itself so that values are bit-identical. */
function ringTheta(nside: number): Float64Array {
  let tab = thetaTables.get(nside);
  if (tab) return tab;
  tab = new Float64Array(4 * nside);
  const t = new Float64Array(1), p = new Float64Array(1);
  for (let r = 1; r < 4 * nside; r++) {
    ring2out(nside, ringStart(nside, r), false, t, p, p, 0);
    tab[r] = t[0];
  }
  if (thetaTables.size >= 4) thetaTables.clear(); // ≤ 4 tables of ≤ 256 kB
  thetaTables.set(nside, tab);
  return tab;
}

/** pix2ang RING over arrays, nside ≤ 2^13: θ from the per-ring table, φ as fast.ts ring2out. */
export function pix2angRingLoop(nside: number, ipix: ArrayLike<number>, theta: Float64Array, phi: Float64Array): void {
  const n = ipix.length;
  const TH = ringTheta(nside);
  const order = 31 - Math.clz32(nside);
  const ncap = 2 * nside * (nside - 1), npix = 12 * nside * nside, nl4 = 4 * nside;
  const fact1 = 2 * nside * (4 / npix);
  for (let i = 0; i < n; i++) {
    const p = ipix[i];
    if (!(p >= 0 && p < npix && (p | 0) === p)) checkPix(nside, p, `pix2angArray[${i}]`);
    const pix = p | 0;
    if (pix < ncap) {
      const iring = (1 + (Math.sqrt(1.5 + 2 * pix) | 0)) >>> 1;
      const iphi = pix + 1 - 2 * iring * (iring - 1);
      theta[i] = TH[iring];
      phi[i] = ((iphi - 0.5) * HALFPI) / iring;
    } else if (pix < npix - ncap) {
      const ip = pix - ncap;
      const iring = (ip >> (order + 2)) + nside;
      const iphi = (ip & (nl4 - 1)) + 1;
      const fodd = ((iring + nside) & 1) === 1 ? 1 : 0.5;
      theta[i] = TH[iring];
      phi[i] = (iphi - fodd) * Math.PI * 0.75 * fact1;
    } else {
      const ip = npix - pix;
      const ir = (1 + (Math.sqrt(2 * ip - 0.5) | 0)) >>> 1;
      const iphi = 4 * ir + 1 - (ip - 2 * ir * (ir - 1));
      theta[i] = TH[nl4 - ir];
      phi[i] = ((iphi - 0.5) * HALFPI) / ir;
    }
  }
}

/** pix2ang NESTED over arrays, nside ≤ 2^13 (fast.ts nest2out with the ring θ table). */
export function pix2angNestLoop(nside: number, ipix: ArrayLike<number>, theta: Float64Array, phi: Float64Array): void {
  const n = ipix.length;
  const TH = ringTheta(nside), NR = ringTables(nside).nr;
  const order = 31 - Math.clz32(nside), order2 = 2 * order;
  const npface = nside * nside, npix = 12 * npface, nl4 = 4 * nside;
  const feq = 2 * nside * (4 / npix), ceq = 0.75 * HALFPI, cpol = 0.5 * HALFPI;
  for (let i = 0; i < n; i++) {
    const p = ipix[i];
    if (!(p >= 0 && p < npix && (p | 0) === p)) checkPix(nside, p, `pix2angArray[${i}]`);
    const pix = p | 0;
    const face = pix >> order2;
    const v = pix & (npface - 1);
    const c0 = CTAB[v & 0xff], c1 = CTAB[(v >> 8) & 0xff], c2 = CTAB[(v >> 16) & 0xff], c3 = CTAB[v >> 24];
    const ix = (c0 & 15) | ((c1 & 15) << 4) | ((c2 & 15) << 8) | ((c3 & 15) << 12);
    const iy = (c0 >> 4) | ((c1 >> 4) << 4) | ((c2 >> 4) << 8) | ((c3 >> 4) << 12);
    const jr = (JRLL[face] << order) - ix - iy - 1;
    const nr = NR[jr];
    let tmp = JPLL[face] * nr + ix - iy;
    if (tmp < 0) tmp += 8 * nr;
    theta[i] = TH[jr];
    phi[i] = nr === nside ? ceq * tmp * feq : (cpol * tmp) / nr;
  }
}
