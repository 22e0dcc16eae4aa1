import { almxfl, cloneAlm, gaussBeam, FWHM2SIGMA } from '../sky/sht/alm.js';
import { alm2map, map2alm, truncate } from '../sky/sht/transforms.js';
import { eventPdfBeam } from './kernelBeam.js';
import type { Smoother } from './templatePdf.js';

/**
 * Smoother for templatePdf: one map2alm, then for each σ a window b_l and one alm2map.
 * Window (`kernel`): 'event-pdf' (default) = the Legendre coefficients of the point-source PDF
 * of psf.ts (Gaussian < 7°, vMF ≥ 7°), so template and point-source PDFs use the same kernel;
 * 'gaussian-beam' = healpy.smoothing's b_l = exp(−l(l+1)σ²/2), which differs from the vMF by
 * +4.6 % at the peak and −37 % at 90° for σ = 30° (scripts/validate-likelihood.ts) (healpy.smoothing per σ, without repeating the
 * analysis), synthesised at each map's own nside. lmax = 3·nside − 1 (healpy's default); `iter` Jacobi iterations of map2alm.
 * For wide beams the synthesis stops at the l where b_l < 1e-10 (l(l+1)σ²/2 > 23), which
 * changes the map by < 1e-10 relative and makes a 40° map ~100× cheaper than a 1° one.
 */
export function harmonicSmoother(opts: { lmax?: number; iter?: number; kernel?: 'event-pdf' | 'gaussian-beam' } = {}): Smoother {
  const kernel = opts.kernel ?? 'event-pdf';
  return (map, nside, sigmas, outNsides) => {
    const lmax = opts.lmax ?? 3 * nside - 1;
    const alm = map2alm(map, { lmax, iter: opts.iter ?? 1 });
    return Array.from(sigmas, (s, k) => {
      const l = Math.min(lmax, Math.ceil(Math.sqrt(46) / Math.max(s, 1e-12)));
      const a = l < lmax ? truncate(alm, l, l) : cloneAlm(alm);
      almxfl(a, kernel === 'event-pdf' ? eventPdfBeam(s, l) : gaussBeam(s / FWHM2SIGMA, l), true);
      return alm2map(a, outNsides[k], { lmax: l, mmax: l });
    });
  };
}
