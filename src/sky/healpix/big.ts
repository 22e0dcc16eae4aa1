/**
 * BigInt pixel indices for every nside up to 2^29 (npix up to 12·4^29 > 2^53,
 * beyond exact JS numbers). The geometry is the same code as the number API
 * (geometry.ts); only the index arithmetic is done in BigInt. Slower than the
 * number API; use it where nside > 2^24 (it also works for smaller nside).
 */
import { InputError } from '../../errors.js';
import { OUT, loc2ringPos, loc2xyf, ringPos2loc, xyf2loc, ringPos2xyf, xyf2ringPos } from './geometry.js';
import { checkNsideAny } from './nside.js';
import { spread16, compressEven, compressOdd } from './indices.js';
import { checkTheta, checkPhi } from './pixel.js';
import { cosCR, sinCR, atan2CR } from './trig.js';

function xyf2nestBig(order: number, ix: number, iy: number, face: number): bigint {
  const lo = spread16(ix & 0xffff) + 2 * spread16(iy & 0xffff);
  const hi = spread16(ix >>> 16) + 2 * spread16(iy >>> 16);
  return (BigInt(face) << BigInt(2 * order)) + (BigInt(hi) << 32n) + BigInt(lo);
}

function nest2xyfBig(order: number, pix: bigint): void {
  const face = Number(pix >> BigInt(2 * order));
  const v = pix & ((1n << BigInt(2 * order)) - 1n);
  const lo = Number(v & 0xffffffffn), hi = Number(v >> 32n);
  OUT[0] = compressEven(lo) | (compressEven(hi) << 16);
  OUT[1] = compressOdd(lo) | (compressOdd(hi) << 16);
  OUT[2] = face;
}

function isqrtBig(x: bigint): bigint {
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r--;
  while ((r + 1n) * (r + 1n) <= x) r++;
  return r;
}

function ringStartBig(nside: number, ring: number): bigint {
  const n = BigInt(nside), r = BigInt(ring);
  if (ring < nside) return 2n * r * (r - 1n);
  if (ring < 3 * nside) return 2n * n * (n - 1n) + (r - n) * 4n * n;
  const nr = 4n * n - r;
  return 12n * n * n - 2n * nr * (nr + 1n);
}

function pix2ringPosBig(nside: number, pix: bigint): void {
  const n = BigInt(nside);
  const ncap = 2n * n * (n - 1n), npix = 12n * n * n;
  if (pix < ncap) {
    const iring = (1n + isqrtBig(1n + 2n * pix)) >> 1n;
    OUT[0] = Number(iring);
    OUT[1] = Number(pix - 2n * iring * (iring - 1n));
  } else if (pix < npix - ncap) {
    const ip = pix - ncap;
    const tmp = ip / (4n * n);
    OUT[0] = Number(tmp + n);
    OUT[1] = Number(ip - tmp * 4n * n);
  } else {
    const ip = npix - pix;
    const iring = (1n + isqrtBig(2n * ip - 1n)) >> 1n;
    OUT[0] = 4 * nside - Number(iring);
    OUT[1] = Number(4n * iring - (ip - 2n * iring * (iring - 1n)));
  }
}

function toBig(nside: number, ipix: bigint | number, fn: string): bigint {
  const p = typeof ipix === 'bigint' ? ipix : Number.isSafeInteger(ipix) ? BigInt(ipix) : -1n;
  const npix = 12n * BigInt(nside) * BigInt(nside);
  if (p < 0n || p >= npix) throw new InputError(`${fn}: ipix: expected an integer in [0, ${npix}) for nside ${nside}, found ${String(ipix)}`);
  return p;
}

function loc2pixBig(nside: number, order: number, z: number, phi: number, sth: number, haveSth: boolean, nest: boolean): bigint {
  if (nest) {
    loc2xyf(nside, z, phi, sth, haveSth);
    return xyf2nestBig(order, OUT[0], OUT[1], OUT[2]);
  }
  loc2ringPos(nside, z, phi, sth, haveSth);
  return ringStartBig(nside, OUT[0]) + BigInt(OUT[1]);
}

/** ang2pix for any nside ≤ 2^29, BigInt result (same edge handling as ang2pix). */
export function ang2pixBig(nside: number, theta: number, phi: number, nest = false): bigint {
  const order = checkNsideAny(nside, 'ang2pixBig');
  checkTheta(theta, 'ang2pixBig');
  checkPhi(phi, 'ang2pixBig');
  const pole = theta < 0.01 || theta > 3.14159 - 0.01;
  const p = loc2pixBig(nside, order, Math.cos(theta), phi, pole ? Math.sin(theta) : 0, pole, nest);
  if (OUT[3] > 1e-13 * nside) return p;
  return loc2pixBig(nside, order, cosCR(theta), phi, pole ? sinCR(theta) : 0, pole, nest);
}

/** vec2pix for any nside ≤ 2^29, BigInt result. */
export function vec2pixBig(nside: number, x: number, y: number, z: number, nest = false): bigint {
  const order = checkNsideAny(nside, 'vec2pixBig');
  if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z)) || (x === 0 && y === 0 && z === 0)) {
    throw new InputError(`vec2pixBig: vector: expected finite and non-zero, found (${x}, ${y}, ${z})`);
  }
  const xl = 1 / Math.sqrt(x * x + y * y + z * z);
  const phi = x === 0 && y === 0 ? 0 : Math.atan2(y, x);
  const nz = z * xl;
  const pole = Math.abs(nz) > 0.99;
  const sth = pole ? Math.sqrt(x * x + y * y) * xl : 0;
  const p = loc2pixBig(nside, order, nz, phi, sth, pole, nest);
  if (OUT[3] > 1e-13 * nside) return p;
  return loc2pixBig(nside, order, nz, atan2CR(y, x), sth, pole, nest); // near an edge: correctly rounded φ
}

function pix2locBig(nside: number, pix: bigint, nest: boolean): void {
  if (nest) {
    nest2xyfBig(31 - Math.clz32(nside), pix);
    xyf2loc(nside, OUT[0], OUT[1], OUT[2]);
  } else {
    pix2ringPosBig(nside, pix);
    ringPos2loc(nside, OUT[0], OUT[1]);
  }
}

/** pix2ang for any nside ≤ 2^29: [θ, φ] of the centre of pixel ipix (BigInt or safe integer). */
export function pix2angBig(nside: number, ipix: bigint | number, nest = false): [number, number] {
  checkNsideAny(nside, 'pix2angBig');
  pix2locBig(nside, toBig(nside, ipix, 'pix2angBig'), nest);
  return [OUT[3] === 1 ? Math.atan2(OUT[2], OUT[0]) : Math.acos(OUT[0]), OUT[1]];
}

/** pix2vec for any nside ≤ 2^29. */
export function pix2vecBig(nside: number, ipix: bigint | number, nest = false): [number, number, number] {
  checkNsideAny(nside, 'pix2vecBig');
  pix2locBig(nside, toBig(nside, ipix, 'pix2vecBig'), nest);
  const z = OUT[0], phi = OUT[1];
  const s = OUT[3] === 1 ? OUT[2] : Math.sqrt((1 - z) * (1 + z));
  return [s * Math.cos(phi), s * Math.sin(phi), z];
}

/** nest2ring for any nside ≤ 2^29. */
export function nest2ringBig(nside: number, ipix: bigint | number): bigint {
  const order = checkNsideAny(nside, 'nest2ringBig');
  nest2xyfBig(order, toBig(nside, ipix, 'nest2ringBig'));
  xyf2ringPos(nside, OUT[0], OUT[1], OUT[2]);
  return ringStartBig(nside, OUT[0]) + BigInt(OUT[1]);
}

/** ring2nest for any nside ≤ 2^29. */
export function ring2nestBig(nside: number, ipix: bigint | number): bigint {
  const order = checkNsideAny(nside, 'ring2nestBig');
  pix2ringPosBig(nside, toBig(nside, ipix, 'ring2nestBig'));
  ringPos2xyf(nside, OUT[0], OUT[1]);
  return xyf2nestBig(order, OUT[0], OUT[1], OUT[2]);
}
