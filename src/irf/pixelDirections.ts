/**
 * Equatorial directions (RA, sin δ) of every pixel centre of a HEALPix map, RING or NESTED,
 * equatorial or Galactic: pixel centres from src/sky/healpix (healpy's pix2vec / pix2ang), the
 * Galactic → ICRS rotation from src/sky/coords (astropy's matrix).
 */
import { InputError } from '../errors.js';
import { GALACTIC_TO_ICRS } from '../sky/coords.js';
import { pix2angArray, pix2vecArray } from '../sky/healpix/index.js';
import type { SkyMap } from '../sky/types.js';

function checkMap(map: SkyMap, fn: string): Float64Array {
  const { nside } = map;
  if (!(Number.isInteger(nside) && nside > 0 && (nside & (nside - 1)) === 0)) throw new InputError(`${fn}: nside must be a power of 2, got ${nside}`);
  const npix = 12 * nside * nside;
  if (map.data.length !== npix) throw new InputError(`${fn}: map has ${map.data.length} values, expected ${npix} for nside ${nside}`);
  const ipix = new Float64Array(npix);
  for (let p = 0; p < npix; p++) ipix[p] = p;
  return ipix;
}

/** sin δ (equatorial) of each pixel centre of `map`. */
export function pixelSinDecEquatorial(map: SkyMap): Float64Array {
  const ipix = checkMap(map, 'pixelSinDecEquatorial');
  const { x, y, z } = pix2vecArray(map.nside, ipix, map.ordering === 'NESTED');
  if (map.frame === 'equatorial') return z; // healpy's exact ring z
  const [, , r] = GALACTIC_TO_ICRS;
  for (let p = 0; p < z.length; p++) z[p] = r[0] * x[p]! + r[1] * y[p]! + r[2] * z[p]!;
  return z;
}

/** Equatorial RA (rad, [0, 2π)) and sin δ of every pixel centre of `map`. */
export function pixelDirectionsEquatorial(map: SkyMap): { ra: Float64Array; sinDec: Float64Array } {
  const ipix = checkMap(map, 'pixelDirectionsEquatorial');
  const nest = map.ordering === 'NESTED';
  if (map.frame === 'equatorial') {
    return { ra: pix2angArray(map.nside, ipix, nest).phi, sinDec: pix2vecArray(map.nside, ipix, nest).z };
  }
  const { x, y, z } = pix2vecArray(map.nside, ipix, nest);
  const [a, b, c] = GALACTIC_TO_ICRS;
  const ra = new Float64Array(z.length);
  for (let p = 0; p < z.length; p++) {
    const ex = a[0] * x[p]! + a[1] * y[p]! + a[2] * z[p]!;
    const ey = b[0] * x[p]! + b[1] * y[p]! + b[2] * z[p]!;
    const ez = c[0] * x[p]! + c[1] * y[p]! + c[2] * z[p]!;
    const phi = Math.atan2(ey, ex);
    ra[p] = phi < 0 ? phi + 2 * Math.PI : phi;
    z[p] = ez;
  }
  return { ra, sinDec: z };
}
