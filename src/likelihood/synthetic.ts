import type { Rng } from '../stats/random.js';
import type { EventArrays } from './dataset.js';
import type { EnergyBinning } from './energyPdf.js';

/**
 * Synthetic cascade-like samples for tests and benchmarks (no IRF needed): background with a
 * sin δ slope and E^-3.7 energies, σ log-normal around 18° (the DNNC angErr median, physics.md
 * §1.5); optional signal events around sources with E^-γ energies and σ-Gaussian scatter.
 * Perfect energy resolution, so the signal energy histogram is analytic (powerLawHistogram).
 */
export interface SyntheticOptions {
  nBackground: number;
  signal?: { ra: number; dec: number; n: number; gamma: number }[];
  logEMin?: number;
}

function drawLogE(rng: Rng, gamma: number, logEMin: number, logEMax = 7.5): number {
  // inverse CDF of E^-γ between 10^min and 10^max
  const a = 1 - gamma;
  const lo = Math.pow(10, a * logEMin);
  const hi = Math.pow(10, a * logEMax);
  return Math.log10(lo + rng.uniform() * (hi - lo)) / a;
}

function drawSigma(rng: Rng): number {
  const s = 18 * Math.exp(0.45 * rng.normal());
  return (Math.min(Math.max(s, 1), 60) * Math.PI) / 180;
}

export function syntheticEvents(rng: Rng, o: SyntheticOptions): EventArrays {
  const logEMin = o.logEMin ?? Math.log10(500);
  const nSig = (o.signal ?? []).reduce((s, x) => s + x.n, 0);
  const n = o.nBackground + nSig;
  const ev: EventArrays = { ra: new Float64Array(n), dec: new Float64Array(n), sigma: new Float64Array(n), logE: new Float64Array(n) };
  for (let i = 0; i < o.nBackground; i++) {
    // density ∝ 1 + 0.3 sin δ (more events in the north, like the sample)
    let z: number;
    do z = 2 * rng.uniform() - 1;
    while (rng.uniform() * 1.3 > 1 + 0.3 * z);
    ev.ra[i] = 2 * Math.PI * rng.uniform();
    ev.dec[i] = Math.asin(z);
    ev.sigma[i] = drawSigma(rng);
    ev.logE[i] = drawLogE(rng, 3.7, logEMin);
  }
  let i = o.nBackground;
  for (const s of o.signal ?? []) {
    for (let j = 0; j < s.n; j++, i++) {
      const sig = drawSigma(rng) * 0.7;
      // small-angle scatter; clamp to the sphere
      const dec = Math.max(-Math.PI / 2 + 1e-6, Math.min(Math.PI / 2 - 1e-6, s.dec + sig * rng.normal()));
      ev.dec[i] = dec;
      ev.ra[i] = (((s.ra + (sig * rng.normal()) / Math.max(Math.cos(dec), 0.05)) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
      ev.sigma[i] = sig;
      ev.logE[i] = drawLogE(rng, s.gamma, logEMin);
    }
  }
  return ev;
}

/** Expected signal histogram for E^-γ with perfect energy resolution, uniform in sin δ. */
export function powerLawHistogram(b: EnergyBinning, gamma: number): Float64Array {
  const nS = b.sinDecEdges.length - 1;
  const nE = b.logEEdges.length - 1;
  const h = new Float64Array(nS * nE);
  const prim = (l: number) => (Math.abs(gamma - 1) < 1e-12 ? l * Math.LN10 : Math.pow(10, (1 - gamma) * l) / (1 - gamma));
  for (let r = 0; r < nS; r++)
    for (let c = 0; c < nE; c++) h[r * nE + c] = (b.sinDecEdges[r + 1] - b.sinDecEdges[r]) * (prim(b.logEEdges[c + 1]) - prim(b.logEEdges[c]));
  return h;
}
