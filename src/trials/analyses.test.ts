import { afterAll, describe, expect, it } from 'vitest';
import { TrialPool } from './runner.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { discoveryPotential, nsBias, postTrialMinP, sensitivity, upperLimit } from './analyses.js';
import { ksTest } from '../stats/ks.js';

const toy = { module: 'toy', config: { nEvents: 1000, mu: 0.5, sigma: 0.03 } };

describe('trial analyses on the toy kernel', () => {
  const pool = new TrialPool({ workers: 2 });
  afterAll(() => pool.close());

  it('p-values of independent background trials are uniform (KS p > 0.01 over 1,500 trials)', async () => {
    const bg = new TsDistribution((await pool.run({ kernel: toy, seed: 11, count: 20000 })).data.ts);
    const test = (await pool.run({ kernel: toy, seed: 12, count: 1500 })).data.ts;
    // the TS = 0 heap makes p = 1 an atom; below it P(p ≤ α) = α, so p/p_heap is uniform on the continuous part
    const pHeap = bg.p(1e-12);
    const ps = Array.from(test, (t) => bg.p(t)).filter((p) => p < pHeap).map((p) => p / pHeap);
    expect(ps.length).toBeGreaterThan(500);
    expect(ksTest(ps, (x) => Math.min(1, Math.max(0, x))).p).toBeGreaterThan(0.01);
  });

  it('sensitivity: at the found strength, 90 % of fresh signal trials exceed the background median', async () => {
    const bg = new TsDistribution((await pool.run({ kernel: toy, seed: 21, count: 4000 })).data.ts);
    const r = await sensitivity(pool, toy, bg, { seed: 5, trialsPerStep: 400, fluxPerEvent: 2e-3 });
    expect(r.nSignal).toBeGreaterThan(2);
    expect(r.flux).toBeCloseTo(r.nSignal * 2e-3, 12);
    const check = (await pool.run({ kernel: toy, seed: 999, count: 2000, meanInjected: r.nSignal })).data.ts;
    const f = Array.from(check).filter((t) => t > bg.median()).length / 2000;
    expect(Math.abs(f - 0.9)).toBeLessThan(3 * Math.sqrt(0.09 / 2000) + 0.02);
  });

  it('3σ discovery potential: 50 % of fresh signal trials exceed the 3σ threshold, and it lies above the sensitivity', async () => {
    const bg = new TsDistribution((await pool.run({ kernel: toy, seed: 22, count: 8000 })).data.ts);
    const dp = await discoveryPotential(pool, toy, bg, 3, { seed: 6, trialsPerStep: 400 });
    expect(dp.thresholdExtrapolated).toBe(false);
    const check = (await pool.run({ kernel: toy, seed: 998, count: 2000, meanInjected: dp.nSignal })).data.ts;
    const f = Array.from(check).filter((t) => t > dp.threshold).length / 2000;
    expect(Math.abs(f - 0.5)).toBeLessThan(3 * Math.sqrt(0.25 / 2000) + 0.02);
    const ul = await upperLimit(pool, toy, bg, dp.threshold, { seed: 7, trialsPerStep: 400 });
    expect(ul.nSignal).toBeGreaterThan(dp.nSignal); // 90 % ≥ t needs more signal than 50 % > t
  });

  it('n_s bias curve brackets the injected value with its 16–84 % band', async () => {
    const rows = await nsBias(pool, toy, [0, 20, 60], 300, 3);
    expect(rows[0].q16).toBe(0); // about half the background fits sit at n_s = 0 (bounded fit)
    for (const r of rows.slice(1)) {
      expect(r.q16).toBeLessThan(r.nInjected); expect(r.q84).toBeGreaterThan(r.nInjected);
      expect(r.q16).toBeLessThanOrEqual(r.median); expect(r.median).toBeLessThanOrEqual(r.q84);
    }
  });

  it('correlated post-trial p lies between the smallest pre-trial p and the Bonferroni bound', async () => {
    const multi = { module: 'toy-multi', config: { nEvents: 1000, sigma: 0.03 } };
    const bg = await pool.run({ kernel: multi, seed: 31, count: 6000 });
    expect(bg.columns).toEqual(['trial', 'n_inj', 'ts_0', 'ns_0', 'ts_1', 'ns_1', 'ts_2', 'ns_2']);
    const r = postTrialMinP(bg, ['ts_0', 'ts_1', 'ts_2'], [1, 6, 5]);
    expect(r.best).toBe('ts_1');
    expect(r.postTrial).toBeGreaterThanOrEqual(r.pMin);
    expect(r.postTrial).toBeLessThanOrEqual(r.bonferroni + 3 * Math.sqrt(r.bonferroni / 6000));
    // centres 0.5 and 0.55 overlap (σ = 0.03): correlated trials give a smaller factor than 3
    expect(r.postTrial).toBeLessThan(r.bonferroni);
  });
});
