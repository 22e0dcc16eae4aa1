/**
 * Vectorised pixel functions over typed arrays: one validation pass per element,
 * no allocation inside the loops (outputs may be passed in to reuse buffers).
 */
import { InputError } from '../../errors.js';
import { checkNside } from './nside.js';
import { checkPix } from './indices.js';
import { angToPix, vecToPix, checkTheta, checkPhi, nestToRing, ringToNest } from './pixel.js';
import { ring2out, nest2out, zphi2ring, zphi2nest } from './fast.js';
import { LOOP_MAX_NSIDE, ang2pixRingLoop, ang2pixNestLoop } from './loops.js';
import { vec2pixLoop } from './loops-vec.js';
import { ring2nestLoop, nest2ringLoop, pix2angRingLoop, pix2angNestLoop } from './loops-pix.js';

function outArray(out: Float64Array | undefined, n: number, fn: string, name: string): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) throw new InputError(`${fn}: ${name}: expected length ${n}, found ${out.length}`);
  return out;
}

function sameLength(a: ArrayLike<number>, b: ArrayLike<number>, fn: string, names: string): void {
  if (a.length !== b.length) throw new InputError(`${fn}: ${names}: expected equal lengths, found ${a.length} and ${b.length}`);
}

/** Pixels of directions (theta[i], phi[i]); out (length n) is filled and returned. */
export function ang2pixArray(
  nside: number,
  theta: ArrayLike<number>,
  phi: ArrayLike<number>,
  nest = false,
  out?: Float64Array,
): Float64Array {
  checkNside(nside, 'ang2pixArray');
  sameLength(theta, phi, 'ang2pixArray', 'theta, phi');
  const n = theta.length;
  const res = outArray(out, n, 'ang2pixArray', 'out');
  if (nside <= LOOP_MAX_NSIDE) {
    if (nest) ang2pixNestLoop(nside, theta, phi, res);
    else ang2pixRingLoop(nside, theta, phi, res);
    return res;
  }
  const tol = 1e-13 * nside; // edge margin below which angToPix's correctly rounded path is taken
  const order = 31 - Math.clz32(nside);
  for (let i = 0; i < n; i++) {
    const t = theta[i], p = phi[i];
    if (!(t >= 0 && t <= Math.PI)) checkTheta(t, `ang2pixArray[${i}]`);
    if (p - p !== 0) checkPhi(p, `ang2pixArray[${i}]`);
    // inlined fast path of angToPix, one loop per scheme
    const pole = t < 0.01 || t > 3.14159 - 0.01;
    const q = nest
      ? zphi2nest(nside, order, Math.cos(t), p, pole ? Math.sin(t) : 0, pole, tol)
      : zphi2ring(nside, Math.cos(t), p, pole ? Math.sin(t) : 0, pole, tol);
    res[i] = q >= 0 ? q : angToPix(nside, t, p, nest);
  }
  return res;
}

/** Pixel centres of ipix[i]; returns {theta, phi} (φ in [0, 2π)), filling outTheta/outPhi when given. */
export function pix2angArray(
  nside: number,
  ipix: ArrayLike<number>,
  nest = false,
  outTheta?: Float64Array,
  outPhi?: Float64Array,
): { theta: Float64Array; phi: Float64Array } {
  checkNside(nside, 'pix2angArray');
  const n = ipix.length;
  const theta = outArray(outTheta, n, 'pix2angArray', 'outTheta');
  const phi = outArray(outPhi, n, 'pix2angArray', 'outPhi');
  if (nside <= LOOP_MAX_NSIDE) {
    if (nest) pix2angNestLoop(nside, ipix, theta, phi);
    else pix2angRingLoop(nside, ipix, theta, phi);
    return { theta, phi };
  }
  const npix = 12 * nside * nside;
  for (let i = 0; i < n; i++) {
    const p = ipix[i];
    if (!(p >= 0 && p < npix && Math.floor(p) === p)) checkPix(nside, p, `pix2angArray[${i}]`);
    if (nest) nest2out(nside, p, false, theta, phi, phi, i);
    else ring2out(nside, p, false, theta, phi, phi, i);
  }
  return { theta, phi };
}

/** Pixels of vectors (x[i], y[i], z[i]) (any length, non-zero). */
export function vec2pixArray(
  nside: number,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  z: ArrayLike<number>,
  nest = false,
  out?: Float64Array,
): Float64Array {
  checkNside(nside, 'vec2pixArray');
  sameLength(x, y, 'vec2pixArray', 'x, y');
  sameLength(x, z, 'vec2pixArray', 'x, z');
  const n = x.length;
  const res = outArray(out, n, 'vec2pixArray', 'out');
  if (nside <= LOOP_MAX_NSIDE) {
    vec2pixLoop(nside, x, y, z, nest, res);
    return res;
  }
  for (let i = 0; i < n; i++) {
    const a = x[i], b = y[i], c = z[i];
    const r2 = a * a + b * b + c * c;
    if (!(r2 > 0 && r2 < Infinity)) {
      throw new InputError(`vec2pixArray[${i}]: vector: expected finite and non-zero, found (${a}, ${b}, ${c})`);
    }
    res[i] = vecToPix(nside, a, b, c, nest);
  }
  return res;
}

/** Unit vectors to the centres of ipix[i]. */
export function pix2vecArray(
  nside: number,
  ipix: ArrayLike<number>,
  nest = false,
  outX?: Float64Array,
  outY?: Float64Array,
  outZ?: Float64Array,
): { x: Float64Array; y: Float64Array; z: Float64Array } {
  checkNside(nside, 'pix2vecArray');
  const n = ipix.length;
  const x = outArray(outX, n, 'pix2vecArray', 'outX');
  const y = outArray(outY, n, 'pix2vecArray', 'outY');
  const z = outArray(outZ, n, 'pix2vecArray', 'outZ');
  const npix = 12 * nside * nside;
  for (let i = 0; i < n; i++) {
    const p = ipix[i];
    if (!(p >= 0 && p < npix && Math.floor(p) === p)) checkPix(nside, p, `pix2vecArray[${i}]`);
    if (nest) nest2out(nside, p, true, x, y, z, i);
    else ring2out(nside, p, true, x, y, z, i);
  }
  return { x, y, z };
}

function convertArray(nside: number, ipix: ArrayLike<number>, out: Float64Array | undefined, fn: string, toRing: boolean): Float64Array {
  checkNside(nside, fn);
  const n = ipix.length;
  const res = outArray(out, n, fn, 'out');
  if (nside <= LOOP_MAX_NSIDE) {
    if (toRing) nest2ringLoop(nside, ipix, res, fn);
    else ring2nestLoop(nside, ipix, res, fn);
    return res;
  }
  const npix = 12 * nside * nside;
  for (let i = 0; i < n; i++) {
    const p = ipix[i];
    if (!(p >= 0 && p < npix && Math.floor(p) === p)) checkPix(nside, p, `${fn}[${i}]`);
    res[i] = toRing ? nestToRing(nside, p) : ringToNest(nside, p);
  }
  return res;
}

/** nest2ring over an array. */
export function nest2ringArray(nside: number, ipix: ArrayLike<number>, out?: Float64Array): Float64Array {
  return convertArray(nside, ipix, out, 'nest2ringArray', true);
}

/** ring2nest over an array. */
export function ring2nestArray(nside: number, ipix: ArrayLike<number>, out?: Float64Array): Float64Array {
  return convertArray(nside, ipix, out, 'ring2nestArray', false);
}
