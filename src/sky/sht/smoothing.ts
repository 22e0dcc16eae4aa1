/**
 * Gaussian smoothing and power spectra through the harmonic transforms (healpy.smoothing / anafast).
 */
import { InputError } from '../../errors.js';
import { UNSEEN } from '../types.js';
import { type Alm, alm2cl, almxfl, FWHM2SIGMA, gaussBeam } from './alm.js';
import { npix2nside } from './geometry.js';
import { alm2map, map2alm } from './transforms.js';

export interface SmoothingOptions {
  /** Full width at half maximum in radians (healpy's fwhm). */
  fwhm?: number;
  /** Gaussian σ in radians; overrides fwhm (healpy's sigma). */
  sigma?: number;
  /** Default 3·nside − 1. */
  lmax?: number;
  mmax?: number;
  /** Jacobi iterations of map2alm (healpy default 3). */
  iter?: number;
  /** Extra window f_l applied with the beam (healpy's beam_window; replaces the Gaussian when given). */
  beamWindow?: ArrayLike<number>;
}

/**
 * Smooth a RING map with a Gaussian beam: alm2map(almxfl(map2alm(map, lmax, iter), b_l)), b_l =
 * exp(−l(l+1)σ²/2) (healpy.smoothing, pixwin off). UNSEEN pixels are zero in the transform and stay
 * UNSEEN in the output, as in healpy.
 */
export function smoothing(map: Float64Array, opts: SmoothingOptions = {}): Float64Array {
  const nside = npix2nside(map.length);
  if (nside < 0) throw new InputError(`smoothing: map: expected 12·nside² pixels, found ${map.length}`);
  const lmax = opts.lmax ?? 3 * nside - 1;
  let fwhm = opts.fwhm ?? 0;
  if (opts.sigma !== undefined) {
    if (!(opts.sigma >= 0)) throw new InputError(`smoothing: sigma: expected an angle ≥ 0 in radians, found ${opts.sigma}`);
    fwhm = opts.sigma / FWHM2SIGMA;
  }
  const alm = map2alm(map, { lmax, mmax: opts.mmax, iter: opts.iter ?? 3 });
  return beamToMap(alm, opts.beamWindow ?? gaussBeam(fwhm, lmax), map, nside);
}

/** alm2map(almxfl(alm, fl)) with UNSEEN restored from the input map. */
function beamToMap(alm: Alm, fl: ArrayLike<number>, map: Float64Array, nside: number): Float64Array {
  const lmax = alm.lmax;
  const b = almxfl(alm, fl);
  // Multipoles where the window is below 1e-30 of its peak add nothing at double precision: synthesise
  // only up to the last significant l (for σ = 5° at nside 256 that is l ≈ 150 instead of 767).
  let peak = 0;
  for (let l = 0; l < Math.min(fl.length, lmax + 1); l++) peak = Math.max(peak, Math.abs(fl[l]));
  let lEff = Math.min(fl.length - 1, lmax);
  while (lEff > 0 && Math.abs(fl[lEff]) <= 1e-30 * peak) lEff--;
  const out = alm2map(b, nside, { lmax: lEff, mmax: Math.min(b.mmax, lEff) });
  for (let p = 0; p < map.length; p++) if (map[p] === UNSEEN) out[p] = UNSEEN;
  return out;
}

export interface SmoothingGridOptions {
  /** Gaussian σ values in radians (one output map each). */
  sigmas?: ArrayLike<number>;
  /** Or FWHM values in radians. */
  fwhms?: ArrayLike<number>;
  lmax?: number;
  mmax?: number;
  iter?: number;
}

/**
 * The same map smoothed with several Gaussian widths: one map2alm (the expensive part with iter=3),
 * then one band-limited alm2map per width. Each output equals smoothing(map, {sigma}) exactly.
 * This is the template-search use: a template convolved with a grid of event uncertainties.
 */
export function smoothingGrid(map: Float64Array, opts: SmoothingGridOptions): Float64Array[] {
  const nside = npix2nside(map.length);
  if (nside < 0) throw new InputError(`smoothingGrid: map: expected 12·nside² pixels, found ${map.length}`);
  if ((opts.sigmas === undefined) === (opts.fwhms === undefined)) throw new InputError('smoothingGrid: give exactly one of sigmas or fwhms');
  const fwhms = opts.fwhms ? Array.from(opts.fwhms) : Array.from(opts.sigmas!, (s) => s / FWHM2SIGMA);
  for (const f of fwhms) if (!(f >= 0)) throw new InputError(`smoothingGrid: widths must be angles ≥ 0 in radians, found ${f * (opts.fwhms ? 1 : FWHM2SIGMA)}`);
  const lmax = opts.lmax ?? 3 * nside - 1;
  const alm = map2alm(map, { lmax, mmax: opts.mmax, iter: opts.iter ?? 3 });
  return fwhms.map((f) => beamToMap(alm, gaussBeam(f, lmax), map, nside));
}

export interface AnafastOptions {
  lmax?: number;
  mmax?: number;
  iter?: number;
}

/** Angular power spectrum of a RING map (healpy.anafast, one map): alm2cl(map2alm(map, lmax, iter)). */
export function anafast(map: Float64Array, opts: AnafastOptions = {}): Float64Array {
  return alm2cl(map2alm(map, { lmax: opts.lmax, mmax: opts.mmax, iter: opts.iter ?? 3 }));
}
