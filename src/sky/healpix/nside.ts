/**
 * Resolution parameters: nside ↔ npix, pixel area and size, and the validation
 * every other HEALPix function uses. nusky supports nside = 2^order, order 0…29
 * (healpy's range). The number API is limited to order ≤ 24 because pixel
 * indices must stay below 2^53 to be exact JS numbers (12·4^24 ≈ 3.4e15);
 * orders 25…29 go through the BigInt API (big.ts).
 */
import { InputError } from '../../errors.js';

/** Highest HEALPix order healpy supports (nside 2^29, npix 12·4^29 < 2^63). */
export const MAX_ORDER = 29;
export const MAX_NSIDE = 2 ** MAX_ORDER;
/** Highest order whose pixel indices are exact JS numbers (12·4^24 < 2^53). */
export const MAX_NUMBER_ORDER = 24;
export const MAX_NUMBER_NSIDE = 2 ** MAX_NUMBER_ORDER;

/**
 * True when nside is a power of 2 in [1, 2^29]. healpy also accepts other nside
 * values for RING maps; nusky does not (the `nest` argument is kept for healpy
 * compatibility and does not change the answer).
 */
export function isNsideOk(nside: number, nest = false): boolean {
  void nest;
  return Number.isInteger(nside) && nside >= 1 && nside <= MAX_NSIDE && (nside & (nside - 1)) === 0;
}

/** Order (log2 nside) of a valid nside, or an InputError naming `fn`. Allows 2^25…2^29. */
export function checkNsideAny(nside: number, fn: string): number {
  if (!isNsideOk(nside)) {
    throw new InputError(`${fn}: nside: expected a power of 2 between 1 and 2^29, found ${String(nside)}`);
  }
  return 31 - Math.clz32(nside);
}

/** Like checkNsideAny but for the number API: nside must be ≤ 2^24. */
export function checkNside(nside: number, fn: string): number {
  const order = checkNsideAny(nside, fn);
  if (order > MAX_NUMBER_ORDER) {
    throw new InputError(
      `${fn}: nside: expected ≤ 2^24 for number pixel indices (exact only below 2^53), found 2^${order}; ` +
        `use the BigInt functions (ang2pixBig, pix2angBig, vec2pixBig, pix2vecBig, nest2ringBig, ring2nestBig)`,
    );
  }
  return order;
}

/** log2(nside). */
export function nside2order(nside: number): number {
  return checkNsideAny(nside, 'nside2order');
}

/** Number of pixels, 12·nside². Exact as a number for every supported nside (it is 3·2^(2·order+2)). */
export function nside2npix(nside: number): number {
  checkNsideAny(nside, 'nside2npix');
  return 12 * nside * nside;
}

/** nside of a map with npix pixels; InputError when npix is not 12·nside² for a valid nside. */
export function npix2nside(npix: number): number {
  const nside = Math.round(Math.sqrt(npix / 12));
  if (!Number.isInteger(npix) || !isNsideOk(nside) || 12 * nside * nside !== npix) {
    throw new InputError(`npix2nside: npix: expected 12·nside² with nside a power of 2 ≤ 2^29, found ${String(npix)}`);
  }
  return nside;
}

/** Number of iso-latitude rings, 4·nside − 1. */
export function nRings(nside: number): number {
  checkNsideAny(nside, 'nRings');
  return 4 * nside - 1;
}

/** Pixel area 4π/npix in sr (square degrees when degrees=true), as healpy. */
export function nside2pixarea(nside: number, degrees = false): number {
  const area = (4 * Math.PI) / nside2npix(nside);
  return degrees ? area * (180 / Math.PI) ** 2 : area;
}

/** Approximate pixel size √(area) in radians (arcmin when arcmin=true), as healpy. */
export function nside2resol(nside: number, arcmin = false): number {
  const r = Math.sqrt(nside2pixarea(nside));
  return arcmin ? ((r * 180) / Math.PI) * 60 : r;
}

/**
 * Largest angular distance between a pixel centre and its corners, in radians
 * (degrees when degrees=true). Same construction as healpix_base.cc max_pixrad:
 * the corner at z=2/3, φ=π/(4·nside) versus the centre at z=1−(1−1/nside)²/3, φ=0.
 */
export function maxPixrad(nside: number, degrees = false): number {
  checkNsideAny(nside, 'maxPixrad');
  const za = 2 / 3;
  const sa = Math.sqrt((1 - za) * (1 + za));
  const pa = Math.PI / (4 * nside);
  const ax = sa * Math.cos(pa), ay = sa * Math.sin(pa);
  let t1 = 1 - 1 / nside;
  t1 *= t1;
  const zb = 1 - t1 / 3;
  const bx = Math.sqrt((1 - zb) * (1 + zb));
  // angle = atan2(|a×b|, a·b), with b = (bx, 0, zb)
  const cx = ay * zb, cy = za * bx - ax * zb, cz = -ay * bx;
  const r = Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + za * zb);
  return degrees ? (r * 180) / Math.PI : r;
}
