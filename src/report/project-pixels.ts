/** Which HEALPix pixel each pixel of a Mollweide raster shows (the inverse-projection lookup). */
import { ang2pixArray } from '../sky/healpix/index.js';
import type { Frame, SkyMap } from '../sky/types.js';
import { frameMatrix, rotateLonLatTo } from '../sky/coords.js';
import type { MollLayout } from './layout.js';
import { MOLL_XMAX, MOLL_YMAX, mollweideHalfWidth, mollweideInverse } from './projection.js';

/**
 * Which map pixel every output pixel inside the ellipse shows: one inverse projection per output
 * pixel → display (lon, lat) → map frame → HEALPix pixel, through a single ang2pixArray call.
 * Output pixel (i, j) of an iw × ih grid covering the ellipse's bounding box has centre
 * x = (2(i + ½)/iw − 1)·2√2, y = (1 − 2(j + ½)/ih)·√2. Returns the flat raster indices and pixels.
 */
export function projectPixels(
  nside: number, ordering: SkyMap['ordering'], mapFrame: Frame, l: Pick<MollLayout, 'lon0' | 'frame'>, iw: number, ih: number,
): { idx: Int32Array; pix: Float64Array } {
  const cap = iw * ih;
  const idx = new Int32Array(cap);
  const theta = new Float64Array(cap);
  const phi = new Float64Array(cap);
  const rot = frameMatrix(l.frame, mapFrame);
  const ll = new Float64Array(2);
  let n = 0;
  for (let j = 0; j < ih; j++) {
    const y = (1 - (2 * (j + 0.5)) / ih) * MOLL_YMAX;
    // Latitude and the x → λ factor are constant along a row (mollweideInverse, hoisted).
    mollweideInverse(0, y, ll);
    const lat = ll[1]!;
    const xToLon = Math.PI / (MOLL_XMAX * Math.cos(Math.asin(Math.min(1, Math.abs(y) / MOLL_YMAX))));
    const half = mollweideHalfWidth(y);
    for (let i = 0; i < iw; i++) {
      const x = ((2 * (i + 0.5)) / iw - 1) * MOLL_XMAX;
      if ((x * x) / 8 + (y * y) / 2 > 1 || Math.abs(x) > half) continue;
      // Screen x to the right = decreasing longitude.
      rotateLonLatTo(rot, l.lon0 - x * xToLon, lat, ll);
      idx[n] = j * iw + i;
      theta[n] = Math.PI / 2 - ll[1]!;
      phi[n] = ll[0]!;
      n++;
    }
  }
  const pix = ang2pixArray(nside, theta.subarray(0, n), phi.subarray(0, n), ordering === 'NESTED');
  return { idx: idx.slice(0, n), pix };
}
