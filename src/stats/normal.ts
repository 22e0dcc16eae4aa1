/**
 * Normal distribution and the σ ↔ p convention. IceCube quotes significances
 * one-sided: p = P(Z > nσ), e.g. 5σ ↔ 2.87e-7, 3σ ↔ 1.35e-3 (physics.md §3.1:
 * 1.26e-6 ↔ 4.71σ).
 */
import { erfc } from './special.js';
import { InputError } from '../errors.js';

const SQRT1_2 = Math.SQRT1_2;

export function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** P(Z ≤ z). */
export function normCdf(z: number): number {
  return 0.5 * erfc(-z * SQRT1_2);
}

/** P(Z > z), accurate for large z (no 1 − cdf cancellation). */
export function normSf(z: number): number {
  return 0.5 * erfc(z * SQRT1_2);
}

/**
 * z with P(Z > z) = p. Start from Abramowitz & Stegun 26.2.23 (|ε| < 4.5e-4),
 * then Newton steps on ln sf(z), which stay well-conditioned down to p ~ 1e-300.
 */
export function normIsf(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new InputError(`normIsf: p must be in [0, 1], got ${p}`);
  if (p === 0) return Infinity;
  if (p === 1) return -Infinity;
  if (p > 0.5) return -normIsf(1 - p);
  const t = Math.sqrt(-2 * Math.log(p));
  let z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  const lp = Math.log(p);
  for (let i = 0; i < 50; i++) {
    const sf = normSf(z);
    const step = (Math.log(sf) - lp) * (sf / normPdf(z)); // f/f' with f = ln sf − ln p, f' = −φ/sf
    z += step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/** One-sided p-value of an nσ excess. */
export function sigmaToP(sigma: number): number {
  return normSf(sigma);
}

/** One-sided significance (σ) of a p-value. */
export function pToSigma(p: number): number {
  return normIsf(p);
}
