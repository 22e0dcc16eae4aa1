/**
 * HEALPix RING helpers (thin wrappers over src/sky/healpix and src/sky/coords) and the
 * area-averaging resampler used for template frame/nside conversion.
 */
import { InputError } from '../errors.js';
import { ang2pix, pix2angArray } from '../sky/healpix/index.js';
import { frameMatrix, rotateThetaPhiTo } from '../sky/coords.js';
import type { Frame } from '../sky/types.js';

export function nside2npix(nside: number): number {
  return 12 * nside * nside;
}

export function npix2nside(npix: number): number {
  const nside = Math.round(Math.sqrt(npix / 12));
  if (12 * nside * nside !== npix || nside < 1 || (nside & (nside - 1)) !== 0) {
    throw new InputError(`map length ${npix} is not 12·nside² for a power-of-two nside`);
  }
  return nside;
}

/** Pixel-centre colatitude θ and longitude φ (radians) of every RING pixel, as healpy.pix2ang. */
export function pixCentersRing(nside: number): { theta: Float64Array; phi: Float64Array } {
  const npix = nside2npix(nside);
  const ipix = new Float64Array(npix);
  for (let p = 0; p < npix; p++) ipix[p] = p;
  return pix2angArray(nside, ipix);
}

/** RING pixel index containing direction (θ, φ), as healpy.ang2pix(nside, θ, φ). */
export function ang2pixRing(nside: number, theta: number, phi: number): number {
  return ang2pix(nside, theta, phi);
}

/**
 * Rotate direction (θ, φ) from frame `from` to frame `to` (colatitude/longitude in radians), writing
 * into out[0], out[1]: sky/coords.ts rotateThetaPhiTo with the astropy ICRS↔Galactic matrix.
 */
export function rotateDir(from: Frame, to: Frame, theta: number, phi: number, out: Float64Array): void {
  rotateThetaPhiTo(frameMatrix(from, to), theta, phi, out);
}

/**
 * Resample `nComp` interleaved-by-pixel planes (data[p * nComp + k]) from (nsideIn, frameIn) to
 * (nsideOut, frameOut), RING ordering. Area-averaging when going down in resolution (every input
 * pixel centre lands in one output pixel), nearest-pixel lookup otherwise and for any output
 * pixel that received no input centre. Preserves the mean of an intensity-like quantity.
 */
export function resampleRing(
  data: ArrayLike<number>,
  nComp: number,
  nsideIn: number,
  frameIn: Frame,
  nsideOut: number,
  frameOut: Frame,
): Float64Array {
  const npixIn = nside2npix(nsideIn);
  const npixOut = nside2npix(nsideOut);
  const out = new Float64Array(npixOut * nComp);
  if (nsideIn === nsideOut && frameIn === frameOut) {
    for (let i = 0; i < out.length; i++) out[i] = data[i];
    return out;
  }
  const count = new Float64Array(npixOut);
  const d = new Float64Array(2);
  if (nsideOut <= nsideIn) {
    const { theta, phi } = pixCentersRing(nsideIn);
    for (let p = 0; p < npixIn; p++) {
      rotateDir(frameIn, frameOut, theta[p], phi[p], d);
      const q = ang2pixRing(nsideOut, d[0], d[1]);
      count[q] += 1;
      for (let k = 0; k < nComp; k++) out[q * nComp + k] += data[p * nComp + k];
    }
  }
  const c = pixCentersRing(nsideOut);
  for (let q = 0; q < npixOut; q++) {
    if (count[q] > 0) {
      for (let k = 0; k < nComp; k++) out[q * nComp + k] /= count[q];
      continue;
    }
    rotateDir(frameOut, frameIn, c.theta[q], c.phi[q], d);
    const p = ang2pixRing(nsideIn, d[0], d[1]);
    for (let k = 0; k < nComp; k++) out[q * nComp + k] = data[p * nComp + k];
  }
  return out;
}
