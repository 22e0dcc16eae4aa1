/**
 * nusky HEALPix: RING and NESTED pixelisation (Górski et al. 2005, ApJ 622, 759)
 * with healpy's function names in camelCase. See docs/healpix.md.
 */
export {
  MAX_ORDER, MAX_NSIDE, MAX_NUMBER_ORDER, MAX_NUMBER_NSIDE,
  isNsideOk, nside2order, nside2npix, npix2nside, nRings, nside2pixarea, nside2resol, maxPixrad,
} from './nside.js';
export { ang2pix, pix2ang, vec2pix, pix2vec, ang2vec, vec2ang, nest2ring, ring2nest } from './pixel.js';
export { ang2pixArray, pix2angArray, vec2pixArray, pix2vecArray, nest2ringArray, ring2nestArray } from './arrays.js';
export { reorder, type ReorderOptions } from './reorder.js';
export { ringInfo, type RingInfo } from './ringinfo.js';
export { ang2pixBig, pix2angBig, vec2pixBig, pix2vecBig, nest2ringBig, ring2nestBig } from './big.js';
export { getAllNeighbours, getAllNeighboursArray } from './neighbours.js';
export { getInterpWeights, getInterpWeightsArray, getInterpVal, getInterpValArray } from './interp.js';
export { udGrade, isBad, type UdGradeOptions } from './udgrade.js';
export { queryDisc, queryStrip, type QueryOptions } from './query-disc.js';
export { queryPolygon } from './query-polygon.js';
