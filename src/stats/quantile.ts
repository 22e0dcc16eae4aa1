/** Quantiles of samples (numpy's default 'linear' rule, Hyndman & Fan type 7). */
import { InputError } from '../errors.js';

/** Sorted copy of a sample. */
export function sorted(x: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(x);
  s.sort();
  return s;
}

/** Quantile q ∈ [0, 1] of an ascending sample (numpy.quantile default). */
export function quantileSorted(s: ArrayLike<number>, q: number): number {
  if (s.length === 0) throw new InputError('quantile: empty sample');
  if (!(q >= 0 && q <= 1)) throw new InputError(`quantile: q must be in [0, 1], got ${q}`);
  const h = (s.length - 1) * q;
  const i = Math.floor(h);
  if (i >= s.length - 1) return s[s.length - 1];
  return s[i] + (h - i) * (s[i + 1] - s[i]);
}

export function quantile(x: ArrayLike<number>, q: number): number {
  return quantileSorted(sorted(x), q);
}

export function median(x: ArrayLike<number>): number {
  return quantile(x, 0.5);
}

/** Number of entries of an ascending sample strictly greater than t (binary search). */
export function countAbove(s: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (s[m] > t) hi = m;
    else lo = m + 1;
  }
  return s.length - lo;
}

/** Number of entries of an ascending sample ≥ t. */
export function countAtLeast(s: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (s[m] >= t) hi = m;
    else lo = m + 1;
  }
  return s.length - lo;
}
