import { almxfl, cloneAlm, gaussBeam, FWHM2SIGMA } from '../sky/sht/alm.js';
import { alm2map, map2alm, truncate } from '../sky/sht/transforms.js';
import type { Smoother } from './templatePdf.js';

/**
 * Smoother for templatePdf: one map2alm, then for each σ the Gaussian beam
 * b_l = exp(−l(l+1)σ²/2) and one alm2map (healpy.smoothing per σ, without repeating the
 * analysis), synthesised at each map's own nside. lmax = 3·nside − 1 (healpy's default); `iter` Jacobi iterations of map2alm.
 * For wide beams the synthesis stops at the l where b_l < 1e-10 (l(l+1)σ²/2 > 23), which
 * changes the map by < 1e-10 relative and makes a 40° map ~100× cheaper than a 1° one.
 */
export function harmonicSmoother(opts: { lmax?: number; iter?: number } = {}): Smoother {
  return (map, nside, sigmas, outNsides) => {
    const lmax = opts.lmax ?? 3 * nside - 1;
    const alm = map2alm(map, { lmax, iter: opts.iter ?? 1 });
    return Array.from(sigmas, (s, k) => {
      const l = Math.min(lmax, Math.ceil(Math.sqrt(46) / Math.max(s, 1e-12)));
      const a = l < lmax ? truncate(alm, l, l) : cloneAlm(alm);
      almxfl(a, gaussBeam(s / FWHM2SIGMA, l), true);
      return alm2map(a, outNsides[k], { lmax: l, mmax: l });
    });
  };
}
