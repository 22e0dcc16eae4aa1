/**
 * Maximum-likelihood fits used for TS distributions: a gamma (≡ χ² with free
 * dof and scale) to a whole sample, and to the tail above a threshold (a
 * truncated gamma) for p-values beyond the trials.
 */
import { digamma, trigamma } from './special.js';
import { gammaLogPdf, gammaLogSf } from './chi2.js';
import { InputError } from '../errors.js';

export interface GammaParams {
  shape: number;
  scale: number;
}

/** Gamma MLE with loc = 0 (scipy.stats.gamma.fit(x, floc=0)): Newton on ln k − ψ(k) = ln x̄ − mean ln x (Minka 2002). */
export function gammaFitMle(x: ArrayLike<number>): GammaParams {
  const n = x.length;
  if (n < 2) throw new InputError(`gammaFitMle: need at least 2 values, got ${n}`);
  let sum = 0;
  let sumLog = 0;
  for (let i = 0; i < n; i++) {
    if (!(x[i] > 0)) throw new InputError(`gammaFitMle: values must be > 0, found ${x[i]} at index ${i}`);
    sum += x[i];
    sumLog += Math.log(x[i]);
  }
  const mean = sum / n;
  const s = Math.log(mean) - sumLog / n;
  let k = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (let i = 0; i < 100; i++) {
    const step = (Math.log(k) - digamma(k) - s) / (1 / k - trigamma(k));
    let next = k - step;
    if (!(next > 0)) next = k / 2;
    if (Math.abs(next - k) < 1e-14 * k) {
      k = next;
      break;
    }
    k = next;
  }
  return { shape: k, scale: mean / k };
}

/** Nelder–Mead simplex minimiser (small, derivative-free; used for 1–3 parameter fits). */
export function nelderMead(f: (p: Float64Array) => number, x0: ArrayLike<number>, step: ArrayLike<number>, tol = 1e-10, maxIter = 2000): { x: Float64Array; f: number } {
  const n = x0.length;
  const pts: Float64Array[] = [];
  const vals: number[] = [];
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] += step[i - 1];
    pts.push(p);
    vals.push(f(p));
  }
  const c = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  for (let it = 0; it < maxIter; it++) {
    const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
    const best = order[0], worst = order[n], second = order[n - 1];
    if (Math.abs(vals[worst] - vals[best]) <= tol * (Math.abs(vals[best]) + tol)) break;
    c.fill(0);
    for (let i = 0; i <= n; i++) if (i !== worst) for (let j = 0; j < n; j++) c[j] += pts[i][j] / n;
    for (let j = 0; j < n; j++) xr[j] = c[j] + (c[j] - pts[worst][j]);
    const fr = f(xr);
    if (fr < vals[best]) {
      for (let j = 0; j < n; j++) xe[j] = c[j] + 2 * (c[j] - pts[worst][j]);
      const fe = f(xe);
      if (fe < fr) { pts[worst].set(xe); vals[worst] = fe; } else { pts[worst].set(xr); vals[worst] = fr; }
    } else if (fr < vals[second]) {
      pts[worst].set(xr); vals[worst] = fr;
    } else {
      for (let j = 0; j < n; j++) xr[j] = c[j] + 0.5 * (pts[worst][j] - c[j]);
      const fc = f(xr);
      if (fc < vals[worst]) { pts[worst].set(xr); vals[worst] = fc; } else {
        for (let i = 0; i <= n; i++) if (i !== best) {
          for (let j = 0; j < n; j++) pts[i][j] = pts[best][j] + 0.5 * (pts[i][j] - pts[best][j]);
          vals[i] = f(pts[i]);
        }
      }
    }
  }
  let b = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[b]) b = i;
  return { x: pts[b], f: vals[b] };
}

/**
 * MLE of a gamma to the values above `threshold` (truncated below):
 * max Σ ln f(x_i) − n ln S(threshold). Fitted in (ln shape, ln scale).
 */
export function gammaFitTail(x: ArrayLike<number>, threshold: number): GammaParams & { n: number } {
  const tail: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] > threshold) tail.push(x[i]);
  if (tail.length < 10) throw new InputError(`gammaFitTail: need at least 10 values above ${threshold}, found ${tail.length}`);
  const start = threshold > 0 ? gammaFitMle(tail.map((v) => v - threshold)) : gammaFitMle(tail);
  const nll = (p: Float64Array): number => {
    const k = Math.exp(p[0]), th = Math.exp(p[1]);
    let s = 0;
    for (const v of tail) s -= gammaLogPdf(v, k, th);
    return s + tail.length * gammaLogSf(threshold, k, th);
  };
  const r = nelderMead(nll, [Math.log(Math.max(start.shape, 0.3)), Math.log(start.scale)], [0.3, 0.3], 1e-12);
  return { shape: Math.exp(r.x[0]), scale: Math.exp(r.x[1]), n: tail.length };
}
