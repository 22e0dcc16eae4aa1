/**
 * Scalar pixel functions with healpy's names, argument order and defaults
 * (θ = colatitude, φ = longitude, radians; nest=false). Number API: nside ≤ 2^24.
 */
import { InputError } from '../../errors.js';
import { OUT, loc2ringPos, loc2xyf, ringPos2loc, xyf2loc, ringPos2xyf, xyf2ringPos, TWOPI, HALFPI } from './geometry.js';
import { checkNside } from './nside.js';
import { cosCR, sinCR, atan2CR } from './trig.js';
import { zphi2ring, zphi2nest, ring2out, nest2out, ring2nestFast, nest2ringFast } from './fast.js';
import { xyf2nest, nest2xyf, ringStart, pix2ringPos, checkPix } from './indices.js';

const DEG = Math.PI / 180;
const RAD2DEG = 180 / Math.PI;

/** InputError unless 0 ≤ θ ≤ π (NaN fails too). */
export function checkTheta(theta: number, fn: string): void {
  if (!(theta >= 0 && theta <= Math.PI)) {
    throw new InputError(`${fn}: theta: expected a colatitude in [0, π] radians, found ${String(theta)}`);
  }
}

export function checkPhi(phi: number, fn: string): void {
  if (!Number.isFinite(phi)) throw new InputError(`${fn}: phi: expected a finite longitude in radians, found ${String(phi)}`);
}

/** Location → pixel (number); the hot-loop kernel behind ang2pix/vec2pix. */
export function loc2pix(nside: number, z: number, phi: number, sth: number, haveSth: boolean, nest: boolean): number {
  if (nest) {
    loc2xyf(nside, z, phi, sth, haveSth);
    return xyf2nest(nside, OUT[0], OUT[1], OUT[2]);
  }
  loc2ringPos(nside, z, phi, sth, haveSth);
  return ringStart(nside, OUT[0]) + OUT[1];
}

/**
 * (θ, φ) → pixel, as healpix_base ang2pix: sin θ is passed near the poles. No validation.
 * When the direction is within ~1e-13 edge-line units of a pixel edge (about 1000
 * ulps of cos θ), cos θ and sin θ are recomputed correctly rounded (trig.ts), so
 * the pixel does not depend on V8's libm.
 */
export function angToPix(nside: number, theta: number, phi: number, nest: boolean): number {
  const pole = theta < 0.01 || theta > 3.14159 - 0.01;
  const tol = 1e-13 * nside;
  if (nest) {
    const order = 31 - Math.clz32(nside);
    const p = zphi2nest(nside, order, Math.cos(theta), phi, pole ? Math.sin(theta) : 0, pole, tol);
    return p >= 0 ? p : zphi2nest(nside, order, cosCR(theta), phi, pole ? sinCR(theta) : 0, pole, 0);
  }
  const p = zphi2ring(nside, Math.cos(theta), phi, pole ? Math.sin(theta) : 0, pole, tol);
  return p >= 0 ? p : zphi2ring(nside, cosCR(theta), phi, pole ? sinCR(theta) : 0, pole, 0);
}

/** (x, y, z) (any length) → pixel, as healpix_base vec2pix. No validation. */
export function vecToPix(nside: number, x: number, y: number, z: number, nest: boolean): number {
  const xl = 1 / Math.sqrt(x * x + y * y + z * z);
  const phi = x === 0 && y === 0 ? 0 : Math.atan2(y, x);
  const nz = z * xl;
  const pole = Math.abs(nz) > 0.99;
  const sth = pole ? Math.sqrt(x * x + y * y) * xl : 0;
  const tol = 1e-13 * nside;
  // near an edge, redo with a correctly rounded atan2 (V8 and glibc differ by an ulp at times)
  if (nest) {
    const order = 31 - Math.clz32(nside);
    const p = zphi2nest(nside, order, nz, phi, sth, pole, tol);
    return p >= 0 ? p : zphi2nest(nside, order, nz, atan2CR(y, x), sth, pole, 0);
  }
  const p = zphi2ring(nside, nz, phi, sth, pole, tol);
  return p >= 0 ? p : zphi2ring(nside, nz, atan2CR(y, x), sth, pole, 0);
}

/** Pixel → location in OUT (z, φ, sin θ, haveSth). No validation. */
export function pix2loc(nside: number, pix: number, nest: boolean): void {
  if (nest) {
    nest2xyf(nside, pix);
    xyf2loc(nside, OUT[0], OUT[1], OUT[2]);
  } else {
    pix2ringPos(nside, pix);
    ringPos2loc(nside, OUT[0], OUT[1]);
  }
}

/** θ from the location in OUT: atan2 near the poles (precision), acos elsewhere. */
export function locTheta(): number {
  return OUT[3] === 1 ? Math.atan2(OUT[2], OUT[0]) : Math.acos(OUT[0]);
}

/**
 * Pixel containing direction (θ, φ). With lonlat=true, theta is longitude and
 * phi latitude, both in degrees (healpy's convention).
 */
export function ang2pix(nside: number, theta: number, phi: number, nest = false, lonlat = false): number {
  checkNside(nside, 'ang2pix');
  if (lonlat) [theta, phi] = [HALFPI - phi * DEG, theta * DEG];
  checkTheta(theta, 'ang2pix');
  checkPhi(phi, 'ang2pix');
  return angToPix(nside, theta, phi, nest);
}

const S0 = new Float64Array(1), S1 = new Float64Array(1), S2 = new Float64Array(1);

/** Centre [θ, φ] of pixel ipix, φ in [0, 2π) (with lonlat=true: [lon, lat] in degrees). */
export function pix2ang(nside: number, ipix: number, nest = false, lonlat = false): [number, number] {
  checkNside(nside, 'pix2ang');
  checkPix(nside, ipix, 'pix2ang');
  if (nest) nest2out(nside, ipix, false, S0, S1, S2, 0);
  else ring2out(nside, ipix, false, S0, S1, S2, 0);
  return lonlat ? [S1[0] * RAD2DEG, 90 - S0[0] * RAD2DEG] : [S0[0], S1[0]];
}

/** Pixel containing the direction of vector (x, y, z) (need not be unit length). */
export function vec2pix(nside: number, x: number, y: number, z: number, nest = false): number {
  checkNside(nside, 'vec2pix');
  if (!(Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z)) || (x === 0 && y === 0 && z === 0)) {
    throw new InputError(`vec2pix: vector: expected finite and non-zero, found (${x}, ${y}, ${z})`);
  }
  return vecToPix(nside, x, y, z, nest);
}

/** Unit vector [x, y, z] to the centre of pixel ipix. */
export function pix2vec(nside: number, ipix: number, nest = false): [number, number, number] {
  checkNside(nside, 'pix2vec');
  checkPix(nside, ipix, 'pix2vec');
  if (nest) nest2out(nside, ipix, true, S0, S1, S2, 0);
  else ring2out(nside, ipix, true, S0, S1, S2, 0);
  return [S0[0], S1[0], S2[0]];
}

/** Unit vector of direction (θ, φ) (lonlat=true: lon, lat in degrees). */
export function ang2vec(theta: number, phi: number, lonlat = false): [number, number, number] {
  if (lonlat) [theta, phi] = [HALFPI - phi * DEG, theta * DEG];
  checkTheta(theta, 'ang2vec');
  const s = Math.sin(theta);
  return [s * Math.cos(phi), s * Math.sin(phi), Math.cos(theta)];
}

/** [θ, φ] of vector (x, y, z), φ in [0, 2π) (lonlat=true: [lon, lat] in degrees), as healpy vec2ang. */
export function vec2ang(x: number, y: number, z: number, lonlat = false): [number, number] {
  const theta = Math.acos(z / Math.sqrt(x * x + y * y + z * z));
  let phi = Math.atan2(y, x);
  if (phi < 0) phi += TWOPI;
  if (phi >= TWOPI) phi = 0; // -tiny + 2π rounds to 2π
  return lonlat ? [phi * RAD2DEG, 90 - theta * RAD2DEG] : [theta, phi];
}

/** NESTED index → RING index. */
export function nest2ring(nside: number, ipix: number): number {
  checkNside(nside, 'nest2ring');
  checkPix(nside, ipix, 'nest2ring');
  return nestToRing(nside, ipix);
}

/** RING index → NESTED index. */
export function ring2nest(nside: number, ipix: number): number {
  checkNside(nside, 'ring2nest');
  checkPix(nside, ipix, 'ring2nest');
  return ringToNest(nside, ipix);
}

/** Unchecked kernels for loops. */
export function nestToRing(nside: number, pix: number): number {
  return nest2ringFast(nside, pix);
}

export function ringToNest(nside: number, pix: number): number {
  return ring2nestFast(nside, 31 - Math.clz32(nside), pix);
}

/** Face coordinates → pixel in either scheme (number). */
export function xyf2pix(nside: number, ix: number, iy: number, face: number, nest: boolean): number {
  if (nest) return xyf2nest(nside, ix, iy, face);
  xyf2ringPos(nside, ix, iy, face);
  return ringStart(nside, OUT[0]) + OUT[1];
}

/** Pixel → face coordinates in OUT (ix, iy, face). */
export function pix2xyf(nside: number, pix: number, nest: boolean): void {
  if (nest) nest2xyf(nside, pix);
  else {
    pix2ringPos(nside, pix);
    ringPos2xyf(nside, OUT[0], OUT[1]);
  }
}

