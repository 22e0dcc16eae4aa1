/**
 * The 8 neighbours of a pixel, in healpy's order SW, W, NW, N, NE, E, SE, S
 * (−1 where a pixel has only 7: the W, N, E or S neighbour at the 8 face
 * corners where 3 faces meet). Algorithm and face tables: healpix_base.cc
 * neighbors (nb_xoffset, nb_yoffset, nb_facearray, nb_swaparray).
 */
import { InputError } from '../../errors.js';
import { OUT } from './geometry.js';
import { checkNside } from './nside.js';
import { checkPix } from './indices.js';
import { xyf2pix, pix2xyf } from './pixel.js';

const XOFF = [-1, -1, 0, 1, 1, 1, 0, -1];
const YOFF = [0, 1, 1, 1, 0, -1, -1, -1];
// nb_facearray[nbnum][face]: the face reached when leaving `face` towards neighbour block nbnum
const FACEARRAY = [
  [8, 9, 10, 11, -1, -1, -1, -1, 10, 11, 8, 9], // S
  [5, 6, 7, 4, 8, 9, 10, 11, 9, 10, 11, 8], // SE
  [-1, -1, -1, -1, 5, 6, 7, 4, -1, -1, -1, -1], // E
  [4, 5, 6, 7, 11, 8, 9, 10, 11, 8, 9, 10], // SW
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], // centre
  [1, 2, 3, 0, 0, 1, 2, 3, 5, 6, 7, 4], // NE
  [-1, -1, -1, -1, 7, 4, 5, 6, -1, -1, -1, -1], // W
  [3, 0, 1, 2, 3, 0, 1, 2, 4, 5, 6, 7], // NW
  [2, 3, 0, 1, -1, -1, -1, -1, 0, 1, 2, 3], // N
];
// nb_swaparray[nbnum][face>>2]: bit 1 flip x, bit 2 flip y, bit 4 swap x and y
const SWAPARRAY = [
  [0, 0, 3], [0, 0, 6], [0, 0, 0], [0, 0, 5], [0, 0, 0], [5, 0, 0], [0, 0, 0], [6, 0, 0], [3, 0, 0],
];

/** Neighbours of ipix written to out[offset…offset+7] (no allocation; no validation). */
export function neighboursInto(nside: number, ipix: number, nest: boolean, out: Float64Array, offset = 0): void {
  pix2xyf(nside, ipix, nest);
  const ix = OUT[0], iy = OUT[1], face = OUT[2];
  const nsm1 = nside - 1;
  if (ix > 0 && ix < nsm1 && iy > 0 && iy < nsm1) {
    for (let m = 0; m < 8; m++) out[offset + m] = xyf2pix(nside, ix + XOFF[m], iy + YOFF[m], face, nest);
    return;
  }
  for (let i = 0; i < 8; i++) {
    let x = ix + XOFF[i], y = iy + YOFF[i];
    let nbnum = 4;
    if (x < 0) { x += nside; nbnum -= 1; } else if (x >= nside) { x -= nside; nbnum += 1; }
    if (y < 0) { y += nside; nbnum -= 3; } else if (y >= nside) { y -= nside; nbnum += 3; }
    const f = FACEARRAY[nbnum][face];
    if (f < 0) {
      out[offset + i] = -1;
      continue;
    }
    const bits = SWAPARRAY[nbnum][face >> 2];
    if (bits & 1) x = nside - x - 1;
    if (bits & 2) y = nside - y - 1;
    if (bits & 4) [x, y] = [y, x];
    out[offset + i] = xyf2pix(nside, x, y, f, nest);
  }
}

/**
 * healpy get_all_neighbours(nside, ipix, nest): the 8 neighbours of ipix in the
 * order SW, W, NW, N, NE, E, SE, S, −1 where none. Float64Array because indices
 * exceed int32 above nside 2^13.
 */
export function getAllNeighbours(nside: number, ipix: number, nest = false, out?: Float64Array): Float64Array {
  checkNside(nside, 'getAllNeighbours');
  checkPix(nside, ipix, 'getAllNeighbours');
  const res = out ?? new Float64Array(8);
  if (res.length < 8) throw new InputError(`getAllNeighbours: out: expected length ≥ 8, found ${res.length}`);
  neighboursInto(nside, ipix, nest, res);
  return res;
}

/** Neighbours of many pixels: row i (8 values) of the result holds those of ipix[i]. */
export function getAllNeighboursArray(nside: number, ipix: ArrayLike<number>, nest = false, out?: Float64Array): Float64Array {
  checkNside(nside, 'getAllNeighboursArray');
  const n = ipix.length;
  const res = out ?? new Float64Array(8 * n);
  if (res.length !== 8 * n) throw new InputError(`getAllNeighboursArray: out: expected length ${8 * n}, found ${res.length}`);
  for (let i = 0; i < n; i++) {
    checkPix(nside, ipix[i], `getAllNeighboursArray[${i}]`);
    neighboursInto(nside, ipix[i], nest, res, 8 * i);
  }
  return res;
}
