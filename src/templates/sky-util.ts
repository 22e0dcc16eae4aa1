/**
 * Minimal HEALPix RING geometry and Galactic↔equatorial rotation used by the template code.
 * Kept local (and small) so templates work while src/sky/healpix and src/sky/coords are being
 * written; the algorithms are the standard ones of Górski et al. 2005 (ApJ 622, 759), §4.
 */
import { InputError } from '../errors.js';
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
  const theta = new Float64Array(npix);
  const phi = new Float64Array(npix);
  const ncap = 2 * nside * (nside - 1);
  for (let p = 0; p < npix; p++) {
    let z: number;
    let ph: number;
    if (p < ncap) {
      const iring = Math.floor((1 + Math.sqrt(1 + 2 * p)) / 2);
      const iphi = p + 1 - 2 * iring * (iring - 1);
      z = 1 - (iring * iring) / (3 * nside * nside);
      ph = ((iphi - 0.5) * Math.PI) / (2 * iring);
    } else if (p < npix - ncap) {
      const ip = p - ncap;
      const iring = Math.floor(ip / (4 * nside)) + nside;
      const iphi = (ip % (4 * nside)) + 1;
      const fodd = ((iring + nside) & 1) === 1 ? 1 : 0.5;
      z = ((2 * nside - iring) * 2) / (3 * nside);
      ph = ((iphi - fodd) * Math.PI) / (2 * nside);
    } else {
      const ip = npix - p;
      const iring = Math.floor((1 + Math.sqrt(2 * ip - 1)) / 2);
      const iphi = 4 * iring + 1 - (ip - 2 * iring * (iring - 1));
      z = -1 + (iring * iring) / (3 * nside * nside);
      ph = ((iphi - 0.5) * Math.PI) / (2 * iring);
    }
    theta[p] = Math.acos(z);
    phi[p] = ph;
  }
  return { theta, phi };
}

/** RING pixel index containing direction (θ, φ), as healpy.ang2pix(nside, θ, φ). */
export function ang2pixRing(nside: number, theta: number, phi: number): number {
  const z = Math.cos(theta);
  const za = Math.abs(z);
  const twoPi = 2 * Math.PI;
  let tt = ((phi % twoPi) + twoPi) % twoPi;
  tt /= Math.PI / 2; // in [0, 4)
  if (za <= 2 / 3) {
    const temp1 = nside * (0.5 + tt);
    const temp2 = nside * z * 0.75;
    const jp = Math.floor(temp1 - temp2);
    const jm = Math.floor(temp1 + temp2);
    const ir = nside + 1 + jp - jm;
    const kshift = 1 - (ir & 1);
    let ip = Math.floor((jp + jm - nside + kshift + 1) / 2);
    ip = ((ip % (4 * nside)) + 4 * nside) % (4 * nside);
    return 2 * nside * (nside - 1) + (ir - 1) * 4 * nside + ip;
  }
  const tp = tt - Math.floor(tt);
  const tmp = nside * Math.sqrt(3 * (1 - za));
  const jp = Math.floor(tp * tmp);
  const jm = Math.floor((1 - tp) * tmp);
  const ir = jp + jm + 1;
  let ip = Math.floor(tt * ir);
  ip = ((ip % (4 * ir)) + 4 * ir) % (4 * ir);
  return z > 0 ? 2 * ir * (ir - 1) + ip : 12 * nside * nside - 2 * ir * (ir + 1) + ip;
}

/**
 * ICRS → Galactic rotation matrix (Hipparcos catalogue, ESA 1997, Vol. 1 §1.5.3, as used by astropy
 * to sub-arcsecond precision). Row-major; v_gal = M · v_icrs.
 */
export const ICRS_TO_GAL = [
  -0.0548755604162154, -0.873437090234885, -0.4838350155487132,
  0.4941094278755837, -0.4448296299600112, 0.7469822444972189,
  -0.8676661490190047, -0.1980763734312015, 0.4559837761750669,
] as const;

/**
 * Rotate direction (θ, φ) from frame `from` to frame `to` (colatitude/longitude in radians).
 * Writes into out[0], out[1].
 */
export function rotateDir(from: Frame, to: Frame, theta: number, phi: number, out: Float64Array): void {
  if (from === to) {
    out[0] = theta;
    out[1] = phi;
    return;
  }
  const st = Math.sin(theta);
  const x = st * Math.cos(phi);
  const y = st * Math.sin(phi);
  const z = Math.cos(theta);
  const m = ICRS_TO_GAL;
  let u: number, v: number, w: number;
  if (from === 'equatorial') {
    u = m[0] * x + m[1] * y + m[2] * z;
    v = m[3] * x + m[4] * y + m[5] * z;
    w = m[6] * x + m[7] * y + m[8] * z;
  } else {
    u = m[0] * x + m[3] * y + m[6] * z;
    v = m[1] * x + m[4] * y + m[7] * z;
    w = m[2] * x + m[5] * y + m[8] * z;
  }
  out[0] = Math.acos(Math.max(-1, Math.min(1, w)));
  let ph = Math.atan2(v, u);
  if (ph < 0) ph += 2 * Math.PI;
  out[1] = ph;
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
