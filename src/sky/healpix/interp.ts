/**
 * Bilinear interpolation on the rings (healpy get_interp_weights /
 * get_interp_val; healpix_base.cc get_interpol): the two rings around θ, on each
 * the two pixels around φ, weights linear in φ along each ring and in θ between
 * the rings; near a pole the missing ring is replaced by the 4 polar pixels.
 */
import { InputError } from '../../errors.js';
import { TWOTHIRD, TWOPI, ring2theta, normPhi, ringAbove } from './geometry.js';
import { checkNside, npix2nside } from './nside.js';
import { checkTheta, checkPhi, ringToNest } from './pixel.js';
import { cosCR } from './trig.js';

/** ring_above with a correctly rounded cos θ when θ sits on a ring (pixel centres), see pixel.ts angToPix. */
function ringAboveTheta(nside: number, theta: number): number {
  const z = Math.cos(theta);
  const az = Math.abs(z);
  const v = az <= TWOTHIRD ? nside * (2 - 1.5 * z) : nside * Math.sqrt(3 * (1 - az));
  const iv = Math.trunc(v);
  if (v - iv > 1e-13 * nside && iv + 1 - v > 1e-13 * nside) return az <= TWOTHIRD || z > 0 ? iv : 4 * nside - iv - 1;
  return ringAbove(nside, cosCR(theta));
}

let tableNside = 0;
let tableTheta = new Float64Array(0);

/** Colatitude of ring `ring`; tabulated per nside (≤ 2^16, ≤ 2 MB) to save an acos per ring. */
function ringTheta(nside: number, ring: number): number {
  if (nside > 65536) return ring2theta(nside, ring);
  if (tableNside !== nside) {
    tableTheta = new Float64Array(4 * nside);
    for (let r = 1; r < 4 * nside; r++) tableTheta[r] = ring2theta(nside, r);
    tableNside = nside;
  }
  return tableTheta[ring];
}

/** The two pixels of ring `ring` around φ and their φ weights into pix/w[o], [o+1]; returns the ring's θ. */
function ringPair(nside: number, ring: number, phi: number, pix: Float64Array, w: Float64Array, o: number): number {
  let sp: number, nr: number, shift: number;
  if (ring < nside) {
    sp = 2 * ring * (ring - 1);
    nr = 4 * ring;
    shift = 1;
  } else if (ring < 3 * nside) {
    sp = 2 * nside * (nside - 1) + (ring - nside) * 4 * nside;
    nr = 4 * nside;
    shift = ((ring - nside) & 1) === 0 ? 1 : 0;
  } else {
    const r = 4 * nside - ring;
    sp = 12 * nside * nside - 2 * r * (r + 1);
    nr = 4 * r;
    shift = 1;
  }
  const dphi = TWOPI / nr;
  const tmp = phi / dphi - 0.5 * shift;
  let i1 = tmp < 0 ? Math.trunc(tmp) - 1 : Math.trunc(tmp);
  const w1 = (phi - (i1 + 0.5 * shift) * dphi) / dphi;
  let i2 = i1 + 1;
  if (i1 < 0) i1 += nr;
  if (i2 >= nr) i2 -= nr;
  pix[o] = sp + i1;
  pix[o + 1] = sp + i2;
  w[o] = 1 - w1;
  w[o + 1] = w1;
  return ringTheta(nside, ring);
}

/** Weights for (θ, φ) into pix[o…o+3], w[o…o+3]; φ any finite value. No validation. */
export function interpWeightsInto(
  nside: number, theta: number, phi: number, nest: boolean, pix: Float64Array, w: Float64Array, o: number,
): void {
  if (!(phi >= 0 && phi < TWOPI)) phi = normPhi(phi);
  const ir1 = ringAboveTheta(nside, theta);
  const ir2 = ir1 + 1;
  const nl4 = 4 * nside;
  const theta1 = ir1 > 0 ? ringPair(nside, ir1, phi, pix, w, o) : 0;
  const theta2 = ir2 < nl4 ? ringPair(nside, ir2, phi, pix, w, o + 2) : 0;
  if (ir1 === 0) {
    // north of ring 1: blend with the 4 pixels of ring 1 (the pole value is their mean)
    const wtheta = theta / theta2;
    w[o + 2] *= wtheta;
    w[o + 3] *= wtheta;
    const fac = (1 - wtheta) * 0.25;
    w[o] = fac;
    w[o + 1] = fac;
    w[o + 2] += fac;
    w[o + 3] += fac;
    pix[o] = (pix[o + 2] + 2) & 3;
    pix[o + 1] = (pix[o + 3] + 2) & 3;
  } else if (ir2 === nl4) {
    const wtheta = (theta - theta1) / (Math.PI - theta1);
    w[o] *= 1 - wtheta;
    w[o + 1] *= 1 - wtheta;
    const fac = wtheta * 0.25;
    w[o] += fac;
    w[o + 1] += fac;
    w[o + 2] = fac;
    w[o + 3] = fac;
    const npix = 12 * nside * nside;
    pix[o + 2] = ((pix[o] - (npix - 4) + 2) & 3) + npix - 4;
    pix[o + 3] = ((pix[o + 1] - (npix - 4) + 2) & 3) + npix - 4;
  } else {
    const wtheta = (theta - theta1) / (theta2 - theta1);
    w[o] *= 1 - wtheta;
    w[o + 1] *= 1 - wtheta;
    w[o + 2] *= wtheta;
    w[o + 3] *= wtheta;
  }
  if (nest) for (let m = 0; m < 4; m++) pix[o + m] = ringToNest(nside, pix[o + m]);
}

/** healpy get_interp_weights for one direction: 4 pixels and their weights (sum 1). */
export function getInterpWeights(nside: number, theta: number, phi: number, nest = false): { pix: Float64Array; weights: Float64Array } {
  checkNside(nside, 'getInterpWeights');
  checkTheta(theta, 'getInterpWeights');
  checkPhi(phi, 'getInterpWeights');
  const pix = new Float64Array(4), weights = new Float64Array(4);
  interpWeightsInto(nside, theta, phi, nest, pix, weights, 0);
  return { pix, weights };
}

/** Array form without allocation: direction i fills outPix/outW[4i…4i+3]. */
export function getInterpWeightsArray(
  nside: number, theta: ArrayLike<number>, phi: ArrayLike<number>, nest: boolean, outPix: Float64Array, outW: Float64Array,
): void {
  checkNside(nside, 'getInterpWeightsArray');
  const n = theta.length;
  if (phi.length !== n || outPix.length !== 4 * n || outW.length !== 4 * n) {
    throw new InputError(`getInterpWeightsArray: lengths: expected theta, phi of n and outPix, outW of 4n, found ${n}, ${phi.length}, ${outPix.length}, ${outW.length}`);
  }
  for (let i = 0; i < n; i++) {
    const t = theta[i], p = phi[i];
    if (!(t >= 0 && t <= Math.PI)) checkTheta(t, `getInterpWeightsArray[${i}]`);
    if (p - p !== 0) checkPhi(p, `getInterpWeightsArray[${i}]`);
    interpWeightsInto(nside, t, p, nest, outPix, outW, 4 * i);
  }
}

const scratchPix = new Float64Array(4), scratchW = new Float64Array(4);

/** healpy get_interp_val: bilinear value of `map` at (θ, φ). UNSEEN pixels are not treated specially (as healpy). */
export function getInterpVal(map: ArrayLike<number>, theta: number, phi: number, nest = false): number {
  const nside = npix2nside(map.length);
  checkNside(nside, 'getInterpVal');
  checkTheta(theta, 'getInterpVal');
  checkPhi(phi, 'getInterpVal');
  interpWeightsInto(nside, theta, phi, nest, scratchPix, scratchW, 0);
  return map[scratchPix[0]] * scratchW[0] + map[scratchPix[1]] * scratchW[1] + map[scratchPix[2]] * scratchW[2] + map[scratchPix[3]] * scratchW[3];
}

/** getInterpVal over arrays of directions. */
export function getInterpValArray(
  map: ArrayLike<number>, theta: ArrayLike<number>, phi: ArrayLike<number>, nest = false, out?: Float64Array,
): Float64Array {
  const nside = npix2nside(map.length);
  checkNside(nside, 'getInterpValArray');
  const n = theta.length;
  if (phi.length !== n) throw new InputError(`getInterpValArray: theta, phi: expected equal lengths, found ${n} and ${phi.length}`);
  const res = out ?? new Float64Array(n);
  if (res.length !== n) throw new InputError(`getInterpValArray: out: expected length ${n}, found ${res.length}`);
  for (let i = 0; i < n; i++) {
    const t = theta[i], p = phi[i];
    if (!(t >= 0 && t <= Math.PI)) checkTheta(t, `getInterpValArray[${i}]`);
    if (p - p !== 0) checkPhi(p, `getInterpValArray[${i}]`);
    interpWeightsInto(nside, t, p, nest, scratchPix, scratchW, 0);
    res[i] = map[scratchPix[0]] * scratchW[0] + map[scratchPix[1]] * scratchW[1] + map[scratchPix[2]] * scratchW[2] + map[scratchPix[3]] * scratchW[3];
  }
  return res;
}
