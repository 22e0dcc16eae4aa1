/**
 * Whole-map change of frame (Galactic ↔ ICRS equatorial) through the harmonic coefficients.
 *
 * The ICRS → Galactic matrix is src/sky/coords.ts's ICRS_TO_GALACTIC, built as astropy 5 builds it
 * (USNO Circular 179 frame bias, then astropy's J2000 Galactic pole and longitude constants); the tests
 * check it against astropy to 1e-14. healpy's Rotator(coord=['G','C']) uses older constants and differs
 * by ~1.3e-7 rad (~0.03″).
 */
import { InputError } from '../../errors.js';
import { ICRS_TO_GALACTIC, transpose, type Mat3 } from '../coords.js';
import type { Frame, SkyMap } from '../types.js';
import { rotateAlm, matrixToEulerZYZ } from './rotate.js';
import { alm2map, map2alm } from './transforms.js';

/** Row-major matrix with v_gal = M · v_icrs (unit vectors). */
export function icrsToGalacticMatrix(): Mat3 {
  return ICRS_TO_GALACTIC;
}

export interface RotateMapOptions {
  lmax?: number;
  iter?: number;
}

/**
 * Re-express a RING map in another frame by rotating its a_lm (like healpy Rotator.rotate_map_alms
 * without pixel weights: map2alm with `iter` Jacobi steps, lmax 3·nside−1, rotateAlm, alm2map).
 * The result is band-limited to lmax, so sharp features ring slightly.
 */
export function rotateMapAlm(map: SkyMap, to: Frame, opts: RotateMapOptions = {}): SkyMap {
  if (map.ordering !== 'RING') throw new InputError(`rotateMapAlm: ordering: expected RING, found ${map.ordering}`);
  if (to !== 'galactic' && to !== 'equatorial') throw new InputError(`rotateMapAlm: to: expected galactic or equatorial, found ${String(to)}`);
  if (map.frame === to) return { ...map, data: map.data.slice() };
  const g = icrsToGalacticMatrix();
  // active rotation taking vectors of the old frame to the new one
  const R = to === 'galactic' ? g : transpose(g);
  const [psi, theta, phi] = matrixToEulerZYZ(R);
  const lmax = opts.lmax ?? 3 * map.nside - 1;
  const alm = map2alm(map.data, { lmax, iter: opts.iter ?? 3 });
  const data = alm2map(rotateAlm(alm, psi, theta, phi), map.nside);
  return { ...map, frame: to, data };
}
