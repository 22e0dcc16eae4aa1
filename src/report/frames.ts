/**
 * Rotations between the display frame of a plot and the frame of the data, as 3×3 matrices
 * acting on unit vectors, so the per-pixel work is nine multiply-adds (no per-pixel allocation).
 */
import { frameMatrix } from '../sky/coords.js';
import type { Frame } from '../sky/types.js';

/** Row-major 3×3 matrix. */
export type Mat3 = Float64Array;

export const IDENTITY: Mat3 = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);

/**
 * Matrix taking unit vectors in frame `from` to frame `to`: sky/coords.ts `frameMatrix` (astropy's
 * ICRS → FK5 → Galactic) flattened; the shared IDENTITY when the frames agree.
 */
export function frameRotation(from: Frame, to: Frame): Mat3 {
  if (from === to) return IDENTITY;
  return new Float64Array(frameMatrix(from, to).flat());
}

/**
 * Rotates (lon, lat) in radians by m, writing (lon′, lat′) to out; lon′ in [0, 2π).
 * Identity matrices pass values through untouched (no round-off).
 */
export function rotateLonLat(m: Mat3, lon: number, lat: number, out: Float64Array | number[]): void {
  if (m === IDENTITY) {
    out[0] = lon;
    out[1] = lat;
    return;
  }
  const cl = Math.cos(lat);
  const x = cl * Math.cos(lon);
  const y = cl * Math.sin(lon);
  const z = Math.sin(lat);
  const X = m[0]! * x + m[1]! * y + m[2]! * z;
  const Y = m[3]! * x + m[4]! * y + m[5]! * z;
  const Z = m[6]! * x + m[7]! * y + m[8]! * z;
  let l = Math.atan2(Y, X);
  if (l < 0) l += 2 * Math.PI;
  out[0] = l;
  out[1] = Math.asin(Math.max(-1, Math.min(1, Z)));
}
