import { InputError } from '../errors.js';

/**
 * Background spatial PDF from the (RA-scrambled) data: uniform in RA, a smooth density
 * in sin δ. D̃(δ) = p(sin δ)/(2π) in sr⁻¹.
 *
 * The sin δ density is a Gaussian KDE with bandwidth `bandwidth` in sin δ units
 * (default 5° in radians = 0.0873, csky's `sindec_bandwidth: np.radians(5)`,
 * physics.md §2.2), with reflection at sin δ = ±1 so no mass leaks out. It is
 * evaluated on a fine grid (binned KDE: counts in `nGrid` bins convolved with the
 * kernel) and interpolated linearly; the binning error is O((2/nGrid)²/h²) ≈ 1e-4
 * relative for the defaults.
 */
export interface SinDecDensity {
  /** grid of sin δ at bin centres */
  readonly x: Float64Array;
  /** density in sin δ (integrates to 1 over [−1, 1]) */
  readonly p: Float64Array;
  readonly bandwidth: number;
}

export const DEFAULT_SINDEC_BANDWIDTH = (5 * Math.PI) / 180;

export function sinDecKde(sinDec: ArrayLike<number>, bandwidth = DEFAULT_SINDEC_BANDWIDTH, nGrid = 1000): SinDecDensity {
  if (!(bandwidth > 0)) throw new InputError(`sinDecKde: bandwidth must be > 0, found ${bandwidth}`);
  const n = sinDec.length;
  if (n === 0) throw new InputError('sinDecKde: no events');
  const dx = 2 / nGrid;
  const counts = new Float64Array(nGrid);
  for (let i = 0; i < n; i++) {
    let k = Math.floor((sinDec[i] + 1) / dx);
    if (k < 0) k = 0;
    else if (k >= nGrid) k = nGrid - 1;
    counts[k]++;
  }
  const x = new Float64Array(nGrid);
  for (let j = 0; j < nGrid; j++) x[j] = -1 + (j + 0.5) * dx;
  const p = new Float64Array(nGrid);
  const reach = Math.ceil((6 * bandwidth) / dx);
  const norm = 1 / (n * bandwidth * Math.sqrt(2 * Math.PI));
  for (let k = 0; k < nGrid; k++) {
    if (counts[k] === 0) continue;
    const xk = x[k];
    const lo = Math.max(0, k - reach);
    const hi = Math.min(nGrid - 1, k + reach);
    for (let j = lo; j <= hi; j++) {
      const xj = x[j];
      // kernel plus its mirror images at −1 and +1
      const u = (xj - xk) / bandwidth;
      const ul = (xj - (-2 - xk)) / bandwidth;
      const uh = (xj - (2 - xk)) / bandwidth;
      p[j] += counts[k] * norm * (Math.exp(-0.5 * u * u) + Math.exp(-0.5 * ul * ul) + Math.exp(-0.5 * uh * uh));
    }
  }
  // renormalise the binned estimate exactly (the Riemann sum is the integral we interpolate)
  let s = 0;
  for (let j = 0; j < nGrid; j++) s += p[j] * dx;
  for (let j = 0; j < nGrid; j++) p[j] /= s;
  return { x, p, bandwidth };
}

/** Density in sin δ at `s` (linear interpolation, flat beyond the outer bin centres). */
export function evalSinDecDensity(d: SinDecDensity, s: number): number {
  const nGrid = d.x.length;
  const t = (s + 1) / (2 / nGrid) - 0.5;
  if (t <= 0) return d.p[0];
  if (t >= nGrid - 1) return d.p[nGrid - 1];
  const k = Math.floor(t);
  const f = t - k;
  return d.p[k] * (1 - f) + d.p[k + 1] * f;
}

/** Background spatial PDF D̃ (sr⁻¹) for each event: p(sin δ_i)/(2π). */
export function backgroundSpacePdf(d: SinDecDensity, sinDec: ArrayLike<number>, out = new Float64Array(sinDec.length)): Float64Array {
  for (let i = 0; i < sinDec.length; i++) out[i] = evalSinDecDensity(d, sinDec[i]) / (2 * Math.PI);
  return out;
}
