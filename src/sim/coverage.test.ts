import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { loadDnnCascadeIrf } from '../irf/irf.js';
import { sampleAngular } from '../irf/psf.js';
import { irfDataPath, readNamedColumns } from '../irf/tables.js';

// Coverage of the simulated angErr (paper Fig. S7, shipped data/irf/dnnc/coverage.csv): the fraction of
// events whose true opening angle ψ lies inside the Gaussian q-containment radius σ·√(−2 ln(1−q)).
// The likelihood's PDF assumes coverage = q; the real sample is over-conservative (0.49 → 0.60–0.62,
// 0.90 → 0.90–0.93), which biases n̂_s high (+10 % in the release's ns_bias_pi0.csv). The simulation must
// reproduce that, neither Gaussian nor more conservative. Measured (seed 7, 20k events per energy):
// worst deviation +0.017 (1 TeV), +0.033 (10 TeV), +0.023 (500 TeV), all from DNNC_ANGERR_SCALE = 1.05,
// the 5 % σ inflation that Fig. S2's median angErr (18.0°) needs; with 1.0 it is within ±0.03 of the
// table but Fig. S2 is missed by 17 % (docs/events-irf-sim.md, 2026-11-26).
const irf = loadDnnCascadeIrf();
const cov = readNamedColumns(irfDataPath('dnnc/coverage.csv'));
const N = 20000;

function simulatedCoverage(eGeV: number, seed: number): Float64Array {
  const rng = new Rng(seed), out = new Float64Array(2), ratio = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    sampleAngular(irf.angular, eGeV, rng, out);
    ratio[i] = out[1] / out[0];
  }
  return Float64Array.from(cov.quantiles, (q) => {
    const r = Math.sqrt(-2 * Math.log(1 - q));
    let h = 0;
    for (let i = 0; i < N; i++) if (ratio[i] < r) h++;
    return h / N;
  });
}

describe('simulated angErr coverage vs coverage.csv (Fig. S7)', () => {
  for (const [e, col] of [[1e3, 'cov_base_1TeV'], [1e4, 'cov_base_10TeV'], [5e5, 'cov_base_500TeV']] as const) {
    it(`follows ${col} within 0.04 at every estimated containment and is over-conservative like the data`, () => {
      const c = simulatedCoverage(e, 7);
      let worst = 0;
      for (let k = 0; k < c.length; k++) worst = Math.max(worst, Math.abs(c[k] - cov[col][k]));
      expect(worst).toBeLessThan(0.04);
      // at q ≈ 0.49 the data's true containment is 0.60–0.62: far from the Gaussian 0.49
      const k49 = cov.quantiles.findIndex((q) => q > 0.48);
      expect(c[k49]).toBeGreaterThan(0.58);
      expect(c[k49]).toBeLessThan(0.66);
    });
  }
});
