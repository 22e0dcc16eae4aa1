/**
 * Pixel index ↔ position for the number API (nside ≤ 2^24, indices < 2^53).
 * NESTED indices interleave the bits of (ix, iy) inside a face (Górski et al.
 * 2005 §4, Fig. 1); done 16 bits at a time with lookup tables, as
 * healpix_base.cc spread_bits/compress_bits, because JS bit operators are 32-bit.
 */
import { InputError } from '../../errors.js';
import { OUT } from './geometry.js';

const TWO32 = 4294967296;

/** UTAB[b]: the 8 bits of b spread to the even bits of 16. */
export const UTAB = new Uint16Array(256);
/** CEVEN[b], CODD[b]: the even / odd bits of byte b packed into 4 bits. */
export const CEVEN = new Uint8Array(256);
export const CODD = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  let u = 0, e = 0, o = 0;
  for (let k = 0; k < 8; k++) if (b & (1 << k)) u |= 1 << (2 * k);
  for (let k = 0; k < 4; k++) {
    if (b & (1 << (2 * k))) e |= 1 << k;
    if (b & (1 << (2 * k + 1))) o |= 1 << k;
  }
  UTAB[b] = u;
  CEVEN[b] = e;
  CODD[b] = o;
}

/** Spread the 16 low bits of v to the even bits of a 32-bit result (< 2^31). */
export function spread16(v: number): number {
  return UTAB[v & 0xff] | (UTAB[(v >>> 8) & 0xff] << 16);
}

/** Even bits of a uint32 packed into 16 bits. */
export function compressEven(v: number): number {
  return CEVEN[v & 0xff] | (CEVEN[(v >>> 8) & 0xff] << 4) | (CEVEN[(v >>> 16) & 0xff] << 8) | (CEVEN[v >>> 24] << 12);
}

/** Odd bits of a uint32 packed into 16 bits. */
export function compressOdd(v: number): number {
  return CODD[v & 0xff] | (CODD[(v >>> 8) & 0xff] << 4) | (CODD[(v >>> 16) & 0xff] << 8) | (CODD[v >>> 24] << 12);
}

/** Spread the 16 low bits of x to the even bits (shift-and-mask, no memory access). */
function spreadBits(x: number): number {
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  return (x | (x << 1)) & 0x55555555;
}

/** Face coordinates → NESTED index (number, nside ≤ 2^24). */
export function xyf2nest(nside: number, ix: number, iy: number, face: number): number {
  if (nside <= 32768) return face * nside * nside + (spreadBits(ix) | (spreadBits(iy) << 1)); // < 2^31
  const lo = (spreadBits(ix & 0xffff) | (spreadBits(iy & 0xffff) << 1)) >>> 0;
  const hi = spreadBits(ix >>> 16) + 2 * spreadBits(iy >>> 16);
  return face * nside * nside + hi * TWO32 + lo;
}

/** NESTED index → face coordinates in OUT[0] = ix, OUT[1] = iy, OUT[2] = face. */
export function nest2xyf(nside: number, pix: number): void {
  const npface = nside * nside;
  const face = Math.floor(pix / npface);
  const v = pix - face * npface;
  const lo = v >>> 0; // ToUint32 is v mod 2^32, exact for integers < 2^53
  const hi = (v - lo) / TWO32;
  OUT[0] = compressEven(lo) | (compressEven(hi) << 16);
  OUT[1] = compressOdd(lo) | (compressOdd(hi) << 16);
  OUT[2] = face;
}

/** floor(√x) for integer x < 2^53 (cxxutils isqrt, with the correction for large x). */
export function isqrt(x: number): number {
  let r = Math.floor(Math.sqrt(x + 0.5));
  if (x >= 2 ** 50) {
    if (r * r > x) r--;
    else if ((r + 1) * (r + 1) <= x) r++;
  }
  return r;
}

/** First RING index of ring `ring` (1…4n−1), healpix_base.cc get_ring_info_small. */
export function ringStart(nside: number, ring: number): number {
  if (ring < nside) return 2 * ring * (ring - 1);
  if (ring < 3 * nside) return 2 * nside * (nside - 1) + (ring - nside) * 4 * nside;
  const nr = 4 * nside - ring;
  return 12 * nside * nside - 2 * nr * (nr + 1);
}

/** RING index → position: OUT[0] = ring, OUT[1] = 0-based index in ring. */
export function pix2ringPos(nside: number, pix: number): void {
  const ncap = 2 * nside * (nside - 1);
  const npix = 12 * nside * nside;
  if (pix < ncap) {
    const iring = Math.floor((1 + isqrt(1 + 2 * pix)) / 2);
    OUT[0] = iring;
    OUT[1] = pix - 2 * iring * (iring - 1);
  } else if (pix < npix - ncap) {
    const ip = pix - ncap;
    const nl4 = 4 * nside;
    const tmp = Math.floor(ip / nl4);
    OUT[0] = tmp + nside;
    OUT[1] = ip - tmp * nl4;
  } else {
    const ip = npix - pix;
    const iring = Math.floor((1 + isqrt(2 * ip - 1)) / 2); // counted from the south pole
    OUT[0] = 4 * nside - iring;
    OUT[1] = 4 * iring - (ip - 2 * iring * (iring - 1));
  }
}

/** InputError unless pix is an integer in [0, 12·nside²). */
export function checkPix(nside: number, pix: number, fn: string): void {
  if (!(Number.isInteger(pix) && pix >= 0 && pix < 12 * nside * nside)) {
    throw new InputError(`${fn}: ipix: expected an integer in [0, ${12 * nside * nside}) for nside ${nside}, found ${String(pix)}`);
  }
}
