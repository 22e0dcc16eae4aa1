import { describe, expect, it } from 'vitest';
import { loadKernel } from '../kernelLoader.js';
import { Rng } from '../../stats/random.js';
import { median } from '../../stats/quantile.js';
import { nsRecovery } from './kernelTesting.js';

// small and fast: 3000 synthetic events, a Galactic-band template at nside 4, direct smoothing
// two identical templates (one setup for all tests): columns ts_0, ns_0, ts_1, ns_1
const cfg = { synthetic: { nBackground: 3000, seed: 4 }, templates: ['galactic-band', 'galactic-band'], nside: 4, smoother: 'direct', reservoir: 5000 };

describe('template kernel', () => {
  it('background TS ≥ 0 with about half the trials at TS = 0 (bounded n_s fit)', async () => {
    const k = await loadKernel({ module: 'template', config: cfg });
    const out = new Float64Array(4);
    let zeros = 0;
    const n = 200;
    for (let i = 0; i < n; i++) {
      k.run(Rng.forStream(1, i), 0, out);
      expect(out[0]).toBeGreaterThanOrEqual(0);
      if (out[0] === 0) zeros++;
    }
    expect(zeros / n).toBeGreaterThan(0.35);
    expect(zeros / n).toBeLessThan(0.7);
  });

  it('recovers the injected n_s without bias within its spread at three strengths (background PDF rebuilt per trial, the default)', async () => {
    const k = await loadKernel({ module: 'template', config: cfg });
    for (const nInj of [30, 80, 200]) {
      const r = nsRecovery(k, nInj, 60);
      expect(Math.abs(r.median - nInj)).toBeLessThan(0.5 * r.spread + 3);
    }
  });

  it('correlated templates share one scramble: identical templates give identical TS', async () => {
    const k = await loadKernel({ module: 'template', config: cfg });
    expect(k.columns).toEqual(['ts_0', 'ns_0', 'ts_1', 'ns_1']);
    const out = new Float64Array(4);
    for (let i = 0; i < 5; i++) {
      k.run(Rng.forStream(2, i), 20, out);
      expect(out[2]).toBe(out[0]);
    }
  });
});


describe('template kernel background rebuild (update_bg)', () => {
  it('rebuilding the background PDF with the injected events removes most of the low n_s bias of a fixed one', async () => {
    const med = async (updateBg: boolean) => {
      const k = await loadKernel({ module: 'template', config: { ...cfg, updateBg } });
      const out = new Float64Array(4);
      const ns: number[] = [];
      for (let i = 0; i < 200; i++) {
        k.run(Rng.forStream(251, i), 250, out);
        ns.push(out[1]);
      }
      return median(ns);
    };
    const on = await med(true);
    const off = await med(false);
    expect(Math.abs(on - 250)).toBeLessThan(25);
    expect(off).toBeLessThan(on);
  });
});
