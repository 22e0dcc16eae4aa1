/** One-sample Kolmogorov–Smirnov test. */
import { InputError } from '../errors.js';
import { sorted } from './quantile.js';

/**
 * Survival function of the Kolmogorov distribution, Q_KS(x) = 2 Σ (−1)^{k−1} e^{−2k²x²}
 * (scipy.special.kolmogorov). Below x = 1.18 the theta-function form
 * √(2π)/x Σ e^{−(2k−1)²π²/(8x²)} converges faster (NR3 §14.3.3).
 */
export function kolmogorovSf(x: number): number {
  if (x <= 0) return 1;
  if (x < 1.18) {
    const y = Math.exp((-Math.PI * Math.PI) / (8 * x * x));
    let s = 0;
    for (let k = 1; k < 50; k += 2) {
      const t = Math.pow(y, k * k);
      s += t;
      if (t < 1e-17 * s) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / x) * s;
  }
  let s = 0;
  for (let k = 1; k < 100; k++) {
    const t = Math.exp(-2 * k * k * x * x);
    s += k % 2 === 1 ? t : -t;
    if (t < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

export interface KsResult {
  /** sup |F_n − F| */
  d: number;
  n: number;
  p: number;
  method: 'asymp' | 'stephens';
}

/**
 * KS statistic of a sample against a continuous cdf and its p-value.
 * 'asymp': Q_KS(√n D) (scipy kstest method='asymp'); 'stephens' (default):
 * Q_KS((√n + 0.12 + 0.11/√n) D), Stephens (1970), accurate to a few % already at small n.
 */
export function ksTest(sample: ArrayLike<number>, cdf: (x: number) => number, method: 'asymp' | 'stephens' = 'stephens'): KsResult {
  const n = sample.length;
  if (n < 1) throw new InputError('ksTest: empty sample');
  const s = sorted(sample);
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  const sn = Math.sqrt(n);
  const p = kolmogorovSf(method === 'asymp' ? sn * d : (sn + 0.12 + 0.11 / sn) * d);
  return { d, n, p, method };
}
