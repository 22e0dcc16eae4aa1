/**
 * Binomial confidence intervals for fractions estimated from trials
 * (p-values, "fraction of signal trials above threshold").
 */
import { betaIncInv } from './special.js';
import { InputError } from '../errors.js';

/** 1σ (68.27 %) central coverage. */
export const ONE_SIGMA_CL = 0.6826894921370859;

export interface Interval {
  lo: number;
  hi: number;
}

function check(k: number, n: number, cl: number): void {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && n >= 1 && k <= n)) throw new InputError(`binomial: need integers 0 <= k <= n, n >= 1; got k=${k}, n=${n}`);
  if (!(cl > 0 && cl < 1)) throw new InputError(`binomial: cl must be in (0, 1), got ${cl}`);
}

/**
 * Clopper & Pearson (1934) exact central interval: lo = B⁻¹(α/2; k, n−k+1),
 * hi = B⁻¹(1−α/2; k+1, n−k), via the regularised incomplete beta.
 */
export function clopperPearson(k: number, n: number, cl = ONE_SIGMA_CL): Interval {
  check(k, n, cl);
  const a = 1 - cl;
  return {
    lo: k === 0 ? 0 : betaIncInv(k, n - k + 1, a / 2),
    hi: k === n ? 1 : betaIncInv(k + 1, n - k, 1 - a / 2),
  };
}

/** Wilson (1927) score interval; z is the two-sided normal quantile of cl. */
export function wilson(k: number, n: number, z = 1): Interval {
  if (!(n >= 1 && k >= 0 && k <= n)) throw new InputError(`wilson: need 0 <= k <= n, n >= 1; got k=${k}, n=${n}`);
  const p = k / n;
  const z2 = z * z;
  const c = (p + z2 / (2 * n)) / (1 + z2 / n);
  const h = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { lo: Math.max(0, c - h), hi: Math.min(1, c + h) };
}
