import { afterAll, describe, expect, it } from 'vitest';
import { runTrials, TrialPool } from './runner.js';
import { chi2Sf } from '../stats/chi2.js';
import { ksTest } from '../stats/ks.js';
import { median, quantile } from '../stats/quantile.js';

const toy = { module: 'toy', config: { nEvents: 2000, mu: 0.5, sigma: 0.03 } };

describe('trial runner', () => {
  const pool2 = new TrialPool({ workers: 2, chunkSize: 37 });
  afterAll(() => pool2.close());

  it('gives identical tables with 1 and 2 workers and any chunk size', async () => {
    const a = await runTrials({ kernel: toy, seed: 42, count: 200, meanInjected: 5 }, { workers: 1, chunkSize: 200 });
    const b = await pool2.run({ kernel: toy, seed: 42, count: 200, meanInjected: 5 });
    expect(b.columns).toEqual(a.columns);
    for (const c of a.columns) expect(Array.from(b.data[c])).toEqual(Array.from(a.data[c]));
    expect(a.provenance[0].configHash).toBe(b.provenance[0].configHash);
  });

  it('a trial depends only on (seed, index): a sub-range reproduces the same rows', async () => {
    const a = await runTrials({ kernel: toy, seed: 7, count: 60 }, { workers: 0 });
    const b = await runTrials({ kernel: toy, seed: 7, start: 40, count: 20 }, { workers: 0 });
    expect(Array.from(b.data.ts)).toEqual(Array.from(a.data.ts.subarray(40)));
    expect(Array.from(b.data.trial)).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
  });

  it('background TS ≥ 0 and follows Chernoff ½δ(0) + ½χ²₁ (KS p > 0.01 over 2,000 trials)', async () => {
    const t = await pool2.run({ kernel: toy, seed: 1, count: 2000 });
    const ts = t.data.ts;
    let zeros = 0;
    for (const v of ts) {
      expect(v).toBeGreaterThanOrEqual(0);
      if (v < 1e-9) zeros++;
    }
    // fraction at zero is binomial(2000, ½): 4σ band
    expect(Math.abs(zeros / 2000 - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 2000));
    const pos = Array.from(ts).filter((v) => v >= 1e-9);
    expect(ksTest(pos, (x) => 1 - chi2Sf(x, 1)).p).toBeGreaterThan(0.01);
  });

  it('recovers injected n_s without bias within its spread at three strengths', async () => {
    for (const nInj of [10, 30, 80]) {
      const t = await pool2.run({ kernel: toy, seed: 100 + nInj, count: 300, meanInjected: nInj, poisson: false });
      const ns = t.data.ns;
      const spread = quantile(ns, 0.84) - quantile(ns, 0.16);
      expect(Math.abs(median(ns) - nInj)).toBeLessThan(0.25 * spread + 1);
      // Poisson is off: every trial injected exactly nInj
      expect(t.data.n_inj.every((v) => v === nInj)).toBe(true);
    }
  });

  it('Poisson-fluctuates the injected number around its mean', async () => {
    const t = await runTrials({ kernel: toy, seed: 3, count: 400, meanInjected: 20 }, { workers: 0 });
    let s = 0, s2 = 0;
    for (const v of t.data.n_inj) { s += v; s2 += v * v; }
    const m = s / 400, v = s2 / 400 - m * m;
    expect(Math.abs(m - 20)).toBeLessThan(4 * Math.sqrt(20 / 400));
    expect(v).toBeGreaterThan(12); expect(v).toBeLessThan(30);
  });
});
