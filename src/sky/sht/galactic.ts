/**
 * Whole-map change of frame (Galactic ↔ ICRS equatorial) through the harmonic coefficients.
 *
 * The ICRS → Galactic matrix is built as astropy 5 builds it (so results match astropy to ~1e-15):
 *   ICRS → FK5 J2000: frame bias B = R_x(−η0) R_y(ξ0) R_z(dα0), η0 = −19.9 mas, ξ0 = 9.1 mas,
 *     dα0 = −22.9 mas (USNO Circular 179, Kaplan 2005, eq. 3.5; astropy's _icrs_to_fk5_matrix),
 *   FK5 J2000 → Galactic: R_z(180° − l_NCP) R_y(90° − δ_NGP) R_z(α_NGP) with astropy's Galactic constants
 *     α_NGP = 192.8594812065348°, δ_NGP = 27.12825118085622°, l0 = 122.9319185680026°
 *     (astropy/coordinates/builtin_frames/galactic.py, the J2000 transcription of Blaauw et al. 1960).
 * R_x, R_y, R_z are ERFA's passive (frame) rotations. healpy's Rotator(coord=['G','C']) uses older
 * constants and differs from this matrix by ~1e-7 rad (~0.03″).
 */
import { InputError } from '../../errors.js';
import type { Frame, SkyMap } from '../types.js';
import { rotateAlm, matrixToEulerZYZ } from './rotate.js';
import { alm2map, map2alm } from './transforms.js';

type M3 = number[][];
const AS = Math.PI / (180 * 3600);
const DEG = Math.PI / 180;

function rx(a: number): M3 { const c = Math.cos(a), s = Math.sin(a); return [[1, 0, 0], [0, c, s], [0, -s, c]]; }
function ry(a: number): M3 { const c = Math.cos(a), s = Math.sin(a); return [[c, 0, -s], [0, 1, 0], [s, 0, c]]; }
function rz(a: number): M3 { const c = Math.cos(a), s = Math.sin(a); return [[c, s, 0], [-s, c, 0], [0, 0, 1]]; }
function mul(a: M3, b: M3): M3 {
  return a.map((row) => [0, 1, 2].map((j) => row[0] * b[0][j] + row[1] * b[1][j] + row[2] * b[2][j]));
}
function transpose(a: M3): M3 { return [0, 1, 2].map((i) => [a[0][i], a[1][i], a[2][i]]); }

/** Row-major matrix with v_gal = M · v_icrs (unit vectors). */
export function icrsToGalacticMatrix(): M3 {
  const eta0 = -0.0199 * AS, xi0 = 0.0091 * AS, da0 = -0.0229 * AS;
  const bias = mul(rx(-eta0), mul(ry(xi0), rz(da0)));
  const raNgp = 192.8594812065348, decNgp = 27.12825118085622, lon0 = 122.9319185680026;
  const fk5ToGal = mul(rz((180 - lon0) * DEG), mul(ry((90 - decNgp) * DEG), rz(raNgp * DEG)));
  return mul(fk5ToGal, bias);
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
