/**
 * sin δ (equatorial) of every pixel centre of a HEALPix map, RING or NESTED, equatorial or
 * Galactic. Kept local to the IRF code so that flux → event conversions do not depend on the
 * full HEALPix module; formulas from Górski et al. 2005, ApJ 622, 759 (§4, ring scheme).
 */
import { InputError } from '../errors.js';
import type { SkyMap } from '../sky/types.js';

/** Galactic → ICRS rotation (transpose of the ICRS→Galactic matrix, Hipparcos Vol. 1 §1.5.3 / astropy). */
const G2E = [
  -0.0548755604162154, 0.4941094278755837, -0.8676661490190047,
  -0.873437090234885, -0.4448296299600112, -0.1980763734312015,
  -0.4838350155487132, 0.7469822444972189, 0.4559837761750669,
];

/** (z = cos θ, φ) of RING pixel p. */
export function ringPix2zphi(nside: number, p: number, out: Float64Array): void {
  const npix = 12 * nside * nside;
  const ncap = 2 * nside * (nside - 1);
  if (p < ncap) {
    const i = Math.floor((1 + Math.sqrt(1 + 2 * p)) / 2);
    const j = p + 1 - 2 * i * (i - 1);
    out[0] = 1 - (i * i) / (3 * nside * nside);
    out[1] = (Math.PI / (2 * i)) * (j - 0.5);
  } else if (p < npix - ncap) {
    const pp = p - ncap;
    const i = Math.floor(pp / (4 * nside)) + nside;
    const j = (pp % (4 * nside)) + 1;
    const s = ((i + nside) & 1) === 1 ? 1 : 0.5;
    out[0] = (4 / 3) - (2 * i) / (3 * nside);
    out[1] = (Math.PI / (2 * nside)) * (j - s);
  } else {
    const pp = npix - p;
    const i = Math.floor((1 + Math.sqrt(2 * pp - 1)) / 2);
    const j = 4 * i + 1 - (pp - 2 * i * (i - 1));
    out[0] = -1 + (i * i) / (3 * nside * nside);
    out[1] = (Math.PI / (2 * i)) * (j - 0.5);
  }
}

/** NESTED → RING pixel index (Górski et al. 2005 face layout). */
export function nest2ring(nside: number, p: number): number {
  const npface = nside * nside;
  const face = Math.floor(p / npface);
  let ipf = p % npface;
  let ix = 0, iy = 0;
  for (let b = 0; ipf > 0; b++) {
    ix |= (ipf & 1) << b;
    ipf >>>= 1;
    iy |= (ipf & 1) << b;
    ipf >>>= 1;
  }
  const jrll = [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4];
  const jpll = [1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7];
  const jr = jrll[face] * nside - ix - iy - 1;
  let nr: number, kshift: number, startpix: number;
  if (jr < nside) { nr = jr; startpix = 2 * nr * (nr - 1); kshift = 0; }
  else if (jr > 3 * nside) { nr = 4 * nside - jr; startpix = 12 * npface - 2 * (nr + 1) * nr; kshift = 0; }
  else { nr = nside; startpix = 2 * nside * (nside - 1) + (jr - nside) * 4 * nside; kshift = (jr - nside) & 1; }
  let jp = Math.floor((jpll[face] * nr + ix - iy + 1 + kshift) / 2);
  if (jp > 4 * nside) jp -= 4 * nside;
  if (jp < 1) jp += 4 * nside;
  return startpix + jp - 1;
}

/** sin δ (equatorial) of each pixel centre of `map`. */
export function pixelSinDecEquatorial(map: SkyMap): Float64Array {
  const { nside } = map;
  if (!(Number.isInteger(nside) && nside > 0 && (nside & (nside - 1)) === 0)) throw new InputError(`pixelSinDecEquatorial: nside must be a power of 2, got ${nside}`);
  const npix = 12 * nside * nside;
  if (map.data.length !== npix) throw new InputError(`pixelSinDecEquatorial: map has ${map.data.length} values, expected ${npix} for nside ${nside}`);
  const out = new Float64Array(npix);
  const zp = new Float64Array(2);
  for (let p = 0; p < npix; p++) {
    ringPix2zphi(nside, map.ordering === 'NESTED' ? nest2ring(nside, p) : p, zp);
    if (map.frame === 'equatorial') { out[p] = zp[0]; continue; }
    const z = zp[0], st = Math.sqrt(Math.max(0, 1 - z * z));
    const x = st * Math.cos(zp[1]), y = st * Math.sin(zp[1]);
    out[p] = G2E[6] * x + G2E[7] * y + G2E[8] * z;
  }
  return out;
}

/** Equatorial RA (rad, [0, 2π)) and sin δ of every pixel centre of `map`. */
export function pixelDirectionsEquatorial(map: SkyMap): { ra: Float64Array; sinDec: Float64Array } {
  const { nside } = map;
  const npix = 12 * nside * nside;
  const sinDec = pixelSinDecEquatorial(map);
  const ra = new Float64Array(npix);
  const zp = new Float64Array(2);
  for (let p = 0; p < npix; p++) {
    ringPix2zphi(nside, map.ordering === 'NESTED' ? nest2ring(nside, p) : p, zp);
    if (map.frame === 'equatorial') { ra[p] = zp[1]; continue; }
    const z = zp[0], st = Math.sqrt(Math.max(0, 1 - z * z));
    const x = st * Math.cos(zp[1]), y = st * Math.sin(zp[1]);
    const ex = G2E[0] * x + G2E[1] * y + G2E[2] * z;
    const ey = G2E[3] * x + G2E[4] * y + G2E[5] * z;
    let a = Math.atan2(ey, ex);
    if (a < 0) a += 2 * Math.PI;
    ra[p] = a;
  }
  return { ra, sinDec };
}
