import type { SkyMap } from '../sky/types.js';
import { RingLookup } from './ringLookup.js';

/**
 * Per-pixel TS contribution map (paper Fig. 3; release Fig3/contibution_map_*.csv: TS/sr,
 * nside 64, equatorial): each event adds 2 ln(1 + n̂_s x_i/N) to the pixel it falls in,
 * divided by the pixel solid angle. The map sums (× Ω_pix) to the TS.
 */
export function tsContributionMap(ra: Float64Array, dec: Float64Array, x: Float64Array, ns: number, N: number, nside = 64): SkyMap {
  const npix = 12 * nside * nside;
  const omega = (4 * Math.PI) / npix;
  const data = new Float64Array(npix);
  const lk = new RingLookup(nside, dec);
  for (let i = 0; i < ra.length; i++) data[lk.pix(i, ra[i])] += (2 * Math.log1p((ns * x[i]) / N)) / omega;
  return { nside, ordering: 'RING', frame: 'equatorial', data, name: 'TS contribution', unit: 'TS/sr' };
}
