/**
 * Sensitivity, discovery potential and upper limits by an adaptive search in
 * the injected strength (csky `find_n_sig`-like; physics.md §2.5):
 *   sensitivity: 90 % of signal trials have TS > median background TS;
 *   discovery potential: 50 % above the nσ threshold;
 *   Neyman upper limit: 90 % of signal trials have TS ≥ the observed TS.
 * The fraction-above curve is modelled as f(n) = f0 + (1 − f0)·G(n; k, θ) with G a
 * gamma cdf (a χ² cdf with free dof and scale), f0 the background fraction
 * above the threshold, fitted to all strengths tried by binomial likelihood.
 */
import { gammaCdf } from '../stats/chi2.js';
import { nelderMead } from '../stats/fit.js';
import { hashSeed } from '../stats/random.js';
import { InputError } from '../errors.js';

export interface StrengthPoint {
  meanInjected: number;
  nAbove: number;
  nTrials: number;
}

export interface StrengthResult {
  /** mean injected signal events at which the fraction reaches `beta` */
  nSignal: number;
  /** nSignal × fluxPerEvent when a conversion was given */
  flux?: number;
  beta: number;
  threshold: number;
  points: StrengthPoint[];
  model: { f0: number; shape: number; scale: number };
  /** relative 1σ statistical error on nSignal from the binomial errors near it */
  relError: number;
  converged: boolean;
}

/** Runs `count` signal trials at a mean strength with a given seed and returns their TS. */
export type SignalTrials = (meanInjected: number, count: number, seed: number) => Promise<Float64Array>;

export interface StrengthSearch {
  signalTrials: SignalTrials;
  /** TS threshold (median background TS, nσ threshold or observed TS) */
  threshold: number;
  /** target fraction of signal trials above the threshold (0.9 or 0.5) */
  beta: number;
  /** fraction of background trials above the threshold (f0 of the model) */
  backgroundFraction: number;
  /** strict (>) for sensitivity/DP, inclusive (≥) for upper limits */
  inclusive?: boolean;
  seed: number;
  /** first strength to try (events, default 10) */
  guess?: number;
  /** trials per strength (default 500) */
  trialsPerStep?: number;
  /** stop when the relative statistical error is below this (default 0.025, csky's tol) */
  tol?: number;
  maxSteps?: number;
  fluxPerEvent?: number;
  onStep?: (p: StrengthPoint, estimate: number | null) => void;
}

function frac(ts: Float64Array, thr: number, inclusive: boolean): number {
  let k = 0;
  for (const v of ts) if (inclusive ? v >= thr : v > thr) k++;
  return k;
}

function model(n: number, f0: number, k: number, th: number): number {
  return f0 + (1 - f0) * gammaCdf(n, k, th);
}

/** Binomial-likelihood fit of the fraction-above curve; returns (shape, scale). */
export function fitFractionCurve(points: StrengthPoint[], f0: number): { shape: number; scale: number } {
  const nll = (p: Float64Array): number => {
    const k = Math.exp(p[0]), th = Math.exp(p[1]);
    let s = 0;
    for (const q of points) {
      const f = Math.min(1 - 1e-12, Math.max(1e-12, model(q.meanInjected, f0, k, th)));
      s -= q.nAbove * Math.log(f) + (q.nTrials - q.nAbove) * Math.log(1 - f);
    }
    return s;
  };
  const mid = points.reduce((a, q) => a + q.meanInjected, 0) / points.length || 1;
  let best: { x: Float64Array; f: number } = { x: new Float64Array([0, Math.log(mid)]), f: Infinity };
  for (const k0 of [0.5, 1.5, 4]) {
    const r = nelderMead(nll, [Math.log(k0), Math.log(mid / k0)], [0.5, 0.5], 1e-12, 4000);
    if (r.f < best.f) best = r;
  }
  return { shape: Math.exp(best.x[0]), scale: Math.exp(best.x[1]) };
}

/** Strength n with model(n) = beta (bisection on a monotone curve). */
function invert(beta: number, f0: number, k: number, th: number): number {
  if (beta <= f0) return 0;
  let lo = 0;
  let hi = th * Math.max(1, k);
  while (model(hi, f0, k, th) < beta && hi < 1e12) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const m = 0.5 * (lo + hi);
    if (model(m, f0, k, th) < beta) lo = m;
    else hi = m;
  }
  return 0.5 * (lo + hi);
}

export async function findStrength(s: StrengthSearch): Promise<StrengthResult> {
  const beta = s.beta;
  if (!(beta > 0 && beta < 1)) throw new InputError(`findStrength: beta must be in (0, 1), found ${beta}`);
  const f0 = Math.min(s.backgroundFraction, 1 - 1e-9);
  if (beta <= f0) throw new InputError(`findStrength: background alone already has ${f0} of trials above the threshold (target ${beta})`);
  const N = s.trialsPerStep ?? 500;
  const tol = s.tol ?? 0.025;
  const maxSteps = s.maxSteps ?? 20;
  const inclusive = s.inclusive ?? false;
  const points: StrengthPoint[] = [];
  let step = 0;
  const trial = async (n: number): Promise<number> => {
    const ts = await s.signalTrials(n, N, hashSeed(s.seed, step++));
    const p = { meanInjected: n, nAbove: frac(ts, s.threshold, inclusive), nTrials: N };
    points.push(p);
    return p.nAbove / N;
  };
  // 1. bracket the target
  let n = s.guess ?? 10;
  let f = await trial(n);
  s.onStep?.(points[points.length - 1], null);
  if (f < beta) {
    while (f < beta && step < maxSteps) { n *= 2; f = await trial(n); s.onStep?.(points[points.length - 1], null); }
  } else {
    while (f >= beta && step < maxSteps && n > 1e-3) { n /= 2; f = await trial(n); s.onStep?.(points[points.length - 1], null); }
  }
  // 2. refine: fit, try the estimate and its neighbours until the error is small
  let est = NaN;
  let relError = Infinity;
  let fit = { shape: 1, scale: n };
  while (step < maxSteps) {
    fit = fitFractionCurve(points, f0);
    const next = invert(beta, f0, fit.shape, fit.scale);
    relError = estimateRelError(points, next, beta, f0, fit);
    const change = Number.isFinite(est) ? Math.abs(next - est) / next : Infinity;
    est = next;
    s.onStep?.(points[points.length - 1], est);
    if (relError < tol && change < tol) break;
    await trial(est);
    if (step + 2 <= maxSteps && relError > 3 * tol) { await trial(est * 0.8); await trial(est * 1.25); }
  }
  fit = fitFractionCurve(points, f0);
  est = invert(beta, f0, fit.shape, fit.scale);
  relError = estimateRelError(points, est, beta, f0, fit);
  return {
    nSignal: est,
    flux: s.fluxPerEvent !== undefined ? est * s.fluxPerEvent : undefined,
    beta,
    threshold: s.threshold,
    points,
    model: { f0, ...fit },
    relError,
    converged: relError < tol,
  };
}

/**
 * Statistical error of n*: binomial error of the fraction from the trials near
 * n* (within ±30 %), propagated through the slope of the fitted curve.
 */
function estimateRelError(points: StrengthPoint[], n: number, beta: number, f0: number, fit: { shape: number; scale: number }): number {
  let nNear = 0;
  for (const p of points) if (Math.abs(p.meanInjected - n) <= 0.3 * n) nNear += p.nTrials;
  if (nNear === 0) return Infinity;
  const h = 1e-4 * n;
  const slope = (model(n + h, f0, fit.shape, fit.scale) - model(n - h, f0, fit.shape, fit.scale)) / (2 * h);
  const sf = Math.sqrt((beta * (1 - beta)) / nNear);
  return sf / slope / n;
}
