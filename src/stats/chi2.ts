/**
 * χ² and gamma distributions. χ²_k(x) = Gamma(shape k/2, scale 2); a "χ² with
 * free dof and scale" is the same family as a gamma with free shape and scale.
 */
import { gammaP, gammaQ, logGammaQ, lgamma } from './special.js';
import { InputError } from '../errors.js';

export function chi2Cdf(x: number, df: number): number {
  if (!(df > 0)) throw new InputError(`chi2Cdf: df must be > 0, got ${df}`);
  return x <= 0 ? 0 : gammaP(df / 2, x / 2);
}

/** P(χ²_df > x); for df = 1 this equals erfc(√(x/2)). */
export function chi2Sf(x: number, df: number): number {
  if (!(df > 0)) throw new InputError(`chi2Sf: df must be > 0, got ${df}`);
  return x <= 0 ? 1 : gammaQ(df / 2, x / 2);
}

/** x with P(χ²_df > x) = p (Newton on ln sf with bisection safeguard). */
export function chi2Isf(p: number, df: number): number {
  return 2 * gammaIsf(p, df / 2, 1);
}

export function gammaCdf(x: number, shape: number, scale: number): number {
  return x <= 0 ? 0 : gammaP(shape, x / scale);
}

export function gammaSf(x: number, shape: number, scale: number): number {
  return x <= 0 ? 1 : gammaQ(shape, x / scale);
}

export function gammaLogSf(x: number, shape: number, scale: number): number {
  return x <= 0 ? 0 : logGammaQ(shape, x / scale);
}

export function gammaLogPdf(x: number, shape: number, scale: number): number {
  if (x < 0) return -Infinity;
  return (shape - 1) * Math.log(x) - x / scale - lgamma(shape) - shape * Math.log(scale);
}

/** x with gammaSf(x) = p. */
export function gammaIsf(p: number, shape: number, scale: number): number {
  if (!(p >= 0 && p <= 1)) throw new InputError(`gammaIsf: p must be in [0, 1], got ${p}`);
  if (p === 1) return 0;
  if (p === 0) return Infinity;
  const lp = Math.log(p);
  // bracket in y = x/scale
  let lo = 0;
  let hi = Math.max(1, shape);
  while (logGammaQ(shape, hi) > lp) {
    lo = hi;
    hi *= 2;
  }
  let y = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const f = logGammaQ(shape, y) - lp;
    if (f > 0) lo = y;
    else hi = y;
    // Newton step on ln Q: d/dy ln Q = −pdf/Q
    const lpdf = (shape - 1) * Math.log(y) - y - lgamma(shape);
    let next = y + f / Math.exp(lpdf - logGammaQ(shape, y));
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - y) <= 1e-14 * y || hi - lo <= 1e-15 * hi) {
      y = next;
      break;
    }
    y = next;
  }
  return y * scale;
}
