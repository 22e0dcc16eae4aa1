/**
 * Celestial coordinates: ICRS equatorial ↔ Galactic, exactly as astropy defines them,
 * angular distances and unit vectors. Radians throughout; longitudes in [0, 2π).
 */
import type { Frame } from './types.js';

export type Mat3 = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

const DEG = Math.PI / 180;
const MAS = DEG / 3_600_000;

/** astropy's `rotation_matrix(angle, axis)`: rotates the coordinate frame by `angle` (radians) about x, y or z. */
export function rotationMatrix(angle: number, axis: 'x' | 'y' | 'z'): Mat3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  if (axis === 'x') return [[1, 0, 0], [0, c, s], [0, -s, c]];
  if (axis === 'y') return [[c, 0, -s], [0, 1, 0], [s, 0, c]];
  return [[c, s, 0], [-s, c, 0], [0, 0, 1]];
}

export function matMul(a: Mat3, b: Mat3): Mat3 {
  const r = (i: number, j: number): number => a[i]![0] * b[0]![j]! + a[i]![1] * b[1]![j]! + a[i]![2] * b[2]![j]!;
  return [[r(0, 0), r(0, 1), r(0, 2)], [r(1, 0), r(1, 1), r(1, 2)], [r(2, 0), r(2, 1), r(2, 2)]];
}

export function transpose(m: Mat3): Mat3 {
  return [[m[0][0], m[1][0], m[2][0]], [m[0][1], m[1][1], m[2][1]], [m[0][2], m[1][2], m[2][2]]];
}

/**
 * ICRS → FK5 (J2000) frame bias, the "B matrix" of USNO Circular 179 (Kaplan 2005, eq. 3.4):
 * η0 = −19.9 mas, ξ0 = 9.1 mas, dα0 = −22.9 mas. Same as astropy `_icrs_to_fk5_matrix`.
 */
export const ICRS_TO_FK5: Mat3 = matMul(matMul(rotationMatrix(19.9 * MAS, 'x'), rotationMatrix(9.1 * MAS, 'y')), rotationMatrix(-22.9 * MAS, 'z'));

/**
 * FK5 (J2000) → Galactic. The IAU 1958 system is defined in FK4 B1950 (pole 192.25°, 27.4°; l of the
 * celestial pole 123°); astropy (coordinates/builtin_frames/galactic.py) carries it to FK5 J2000 as the
 * pole (192.8594812065348°, 27.12825118085622°) and lon0 = 122.9319185680026°.
 */
export const FK5_TO_GALACTIC: Mat3 = matMul(
  matMul(rotationMatrix((180 - 122.9319185680026) * DEG, 'z'), rotationMatrix((90 - 27.12825118085622) * DEG, 'y')),
  rotationMatrix(192.8594812065348 * DEG, 'z'),
);

/** ICRS → Galactic, astropy's path ICRS → FK5(J2000) → Galactic as one matrix: v_gal = M · v_icrs. */
export const ICRS_TO_GALACTIC: Mat3 = matMul(FK5_TO_GALACTIC, ICRS_TO_FK5);
export const GALACTIC_TO_ICRS: Mat3 = transpose(ICRS_TO_GALACTIC);

/** The identity; rotateLonLat/rotateLonLatTo pass directions through it untouched (no round-off). */
export const IDENTITY3: Mat3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

/** The rotation taking unit vectors of frame `from` to frame `to` (IDENTITY3 when they agree). */
export function frameMatrix(from: Frame, to: Frame): Mat3 {
  if (from === to) return IDENTITY3;
  return from === 'equatorial' ? ICRS_TO_GALACTIC : GALACTIC_TO_ICRS;
}

const TWO_PI = 2 * Math.PI;
function wrap(lon: number): number {
  const w = lon < 0 ? lon + TWO_PI : lon;
  return w >= TWO_PI ? w - TWO_PI : w;
}

/** Unit vector of (lon, lat). */
export function radec2vec(ra: number, dec: number, out: Float64Array = new Float64Array(3)): Float64Array {
  const cd = Math.cos(dec);
  out[0] = cd * Math.cos(ra);
  out[1] = cd * Math.sin(ra);
  out[2] = Math.sin(dec);
  return out;
}

/** (lon, lat) of a vector (need not be unit). Latitude via atan2, accurate at the poles. */
export function vec2radec(x: number, y: number, z: number): { ra: number; dec: number } {
  return { ra: wrap(Math.atan2(y, x)), dec: Math.atan2(z, Math.hypot(x, y)) };
}

/**
 * Rotate one direction by matrix m, writing (lon′, lat′) to out[0], out[1]: no allocation, for
 * per-pixel loops. IDENTITY3 passes (lon, lat) through exactly (not even wrapped to [0, 2π)).
 */
export function rotateLonLatTo(m: Mat3, lon: number, lat: number, out: Float64Array | number[]): void {
  if (m === IDENTITY3) {
    out[0] = lon;
    out[1] = lat;
    return;
  }
  const cl = Math.cos(lat);
  const x = cl * Math.cos(lon);
  const y = cl * Math.sin(lon);
  const z = Math.sin(lat);
  const X = m[0][0] * x + m[0][1] * y + m[0][2] * z;
  const Y = m[1][0] * x + m[1][1] * y + m[1][2] * z;
  const Z = m[2][0] * x + m[2][1] * y + m[2][2] * z;
  out[0] = wrap(Math.atan2(Y, X));
  out[1] = Math.atan2(Z, Math.hypot(X, Y));
}

/**
 * rotateLonLatTo for HEALPix angles: colatitude θ and longitude φ in, (θ′, φ′) out in out[0], out[1],
 * φ′ in [0, 2π). IDENTITY3 passes (θ, φ) through exactly (not wrapped).
 */
export function rotateThetaPhiTo(m: Mat3, theta: number, phi: number, out: Float64Array | number[]): void {
  if (m === IDENTITY3) {
    out[0] = theta;
    out[1] = phi;
    return;
  }
  const st = Math.sin(theta);
  const x = st * Math.cos(phi);
  const y = st * Math.sin(phi);
  const z = Math.cos(theta);
  const X = m[0][0] * x + m[0][1] * y + m[0][2] * z;
  const Y = m[1][0] * x + m[1][1] * y + m[1][2] * z;
  const Z = m[2][0] * x + m[2][1] * y + m[2][2] * z;
  out[0] = Math.atan2(Math.hypot(X, Y), Z);
  out[1] = wrap(Math.atan2(Y, X));
}

const scratch = new Float64Array(2);

/** Rotate one direction by matrix m. */
export function rotateLonLat(m: Mat3, lon: number, lat: number): { lon: number; lat: number } {
  rotateLonLatTo(m, lon, lat, scratch);
  return { lon: scratch[0]!, lat: scratch[1]! };
}

/** Rotate arrays of directions by matrix m into outLon/outLat (which may alias the inputs). */
export function rotateLonLatArray(
  m: Mat3, lon: ArrayLike<number>, lat: ArrayLike<number>,
  outLon: Float64Array = new Float64Array(lon.length), outLat: Float64Array = new Float64Array(lon.length),
): { lon: Float64Array; lat: Float64Array } {
  const [a, b, c] = m;
  for (let i = 0; i < lon.length; i++) {
    const cl = Math.cos(lat[i]!);
    const x = cl * Math.cos(lon[i]!);
    const y = cl * Math.sin(lon[i]!);
    const z = Math.sin(lat[i]!);
    const X = a[0] * x + a[1] * y + a[2] * z;
    const Y = b[0] * x + b[1] * y + b[2] * z;
    const Z = c[0] * x + c[1] * y + c[2] * z;
    outLon[i] = wrap(Math.atan2(Y, X));
    outLat[i] = Math.atan2(Z, Math.hypot(X, Y));
  }
  return { lon: outLon, lat: outLat };
}

/** ICRS (ra, dec) → Galactic (l, b), radians. */
export function equatorialToGalactic(ra: number, dec: number): { l: number; b: number } {
  const r = rotateLonLat(ICRS_TO_GALACTIC, ra, dec);
  return { l: r.lon, b: r.lat };
}

/** Galactic (l, b) → ICRS (ra, dec), radians. */
export function galacticToEquatorial(l: number, b: number): { ra: number; dec: number } {
  const r = rotateLonLat(GALACTIC_TO_ICRS, l, b);
  return { ra: r.lon, dec: r.lat };
}

export function equatorialToGalacticArray(ra: ArrayLike<number>, dec: ArrayLike<number>, outL?: Float64Array, outB?: Float64Array): { l: Float64Array; b: Float64Array } {
  const r = rotateLonLatArray(ICRS_TO_GALACTIC, ra, dec, outL, outB);
  return { l: r.lon, b: r.lat };
}

export function galacticToEquatorialArray(l: ArrayLike<number>, b: ArrayLike<number>, outRa?: Float64Array, outDec?: Float64Array): { ra: Float64Array; dec: Float64Array } {
  const r = rotateLonLatArray(GALACTIC_TO_ICRS, l, b, outRa, outDec);
  return { ra: r.lon, dec: r.lat };
}

/**
 * Great-circle distance between two directions (radians), Vincenty's formula as astropy's
 * `angular_separation`: accurate for tiny, ordinary and antipodal separations alike.
 */
export function angularDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dl = lon2 - lon1;
  const sdl = Math.sin(dl);
  const cdl = Math.cos(dl);
  const s1 = Math.sin(lat1);
  const c1 = Math.cos(lat1);
  const s2 = Math.sin(lat2);
  const c2 = Math.cos(lat2);
  const num1 = c2 * sdl;
  const num2 = c1 * s2 - s1 * c2 * cdl;
  const den = s1 * s2 + c1 * c2 * cdl;
  return Math.atan2(Math.hypot(num1, num2), den);
}
