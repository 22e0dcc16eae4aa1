import { describe, expect, it } from 'vitest';
import { loadKernel } from '../kernelLoader.js';
import { Rng } from '../../stats/random.js';
import { drawVmf } from './synthetic.js';
import { nsRecovery, runPaired } from './kernelTesting.js';

const cfg = { synthetic: { nBackground: 4000, seed: 3 }, source: { ra: 120, dec: -30 }, gammaInjected: 2 };

describe('point-source kernel', () => {
  it('vMF draws have the right mean cos ψ (coth κ − 1/κ)', () => {
    const rng = new Rng(1);
    const out = new Float64Array(2);
    const sigma = 0.2, kappa = 1 / (sigma * sigma);
    let s = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      drawVmf(rng, 1, 0.4, sigma, out);
      s += Math.sin(out[1]) * Math.sin(0.4) + Math.cos(out[1]) * Math.cos(0.4) * Math.cos(out[0] - 1);
    }
    const truth = 1 / Math.tanh(kappa) - 1 / kappa;
    expect(Math.abs(s / n - truth)).toBeLessThan(4 * (sigma * sigma) / Math.sqrt(n));
  });

  it('background trials have TS ≥ 0 and a deterministic result per trial stream', async () => {
    const k = await loadKernel({ module: 'ps', config: cfg });
    const a = new Float64Array(3), b = new Float64Array(3);
    for (let i = 0; i < 30; i++) {
      k.run(Rng.forStream(9, i), 0, a);
      expect(a[0]).toBeGreaterThanOrEqual(0);
      expect(a[2]).toBeGreaterThanOrEqual(1); expect(a[2]).toBeLessThanOrEqual(4);
    }
    k.run(Rng.forStream(9, 3), 5, a);
    k.run(Rng.forStream(9, 4), 0, b);
    k.run(Rng.forStream(9, 3), 5, b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('recovers the injected n_s without bias within its spread at three strengths', async () => {
    const k = await loadKernel({ module: 'ps', config: cfg });
    for (const nInj of [15, 40, 100]) {
      const r = nsRecovery(k, nInj, 40);
      expect(Math.abs(r.median - nInj)).toBeLessThan(0.5 * r.spread + 2);
    }
  });

  it('after the jitter, tabulated S̃ (Bessel table, Gaussian-branch tables) gives the TS and n_s of the exact-S̃ reference mode within 1e-6 relative', async () => {
    const fast = await loadKernel({ module: 'ps', config: cfg });
    const exact = await loadKernel({ module: 'ps', config: { ...cfg, exactSTilde: true } });
    let nonzero = 0;
    runPaired(fast, exact, 20, 31, 20, (a, b) => {
      expect(Math.abs(a[0] - b[0])).toBeLessThanOrEqual(1e-6 * Math.max(1, b[0]));
      expect(Math.abs(a[1] - b[1])).toBeLessThanOrEqual(1e-6 * Math.max(1, b[1]));
      if (b[0] > 0) nonzero++;
    });
    expect(nonzero).toBeGreaterThan(5);
  });
});
