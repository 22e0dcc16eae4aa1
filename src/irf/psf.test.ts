import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { irfDataPath, readNamedColumns } from './tables.js';
import { loadDnnCascadeIrf } from './irf.js';
import { angErrPdf, angularModelJson, sampleAngular, fitCascadeAngularModel, modelCoverage, offsetDirection, psfQuantile, sampleOpeningAngleForScale } from './psf.js';

const irf = loadDnnCascadeIrf();
const DEG = 180 / Math.PI;

describe('angular model of the DNN-cascade sample', () => {
  it('reproduces the median opening angle of angular_resolution.csv within 2 % and the 20/80 % quantiles within 15 %', () => {
    const t = readNamedColumns(irfDataPath('dnnc/angular_resolution.csv'));
    for (let i = 0; i < t.energy.length; i += 4) {
      for (const [q, col] of [[0.2, 'this_work_20p'], [0.5, 'this_work_50p'], [0.8, 'this_work_80p']] as const) {
        // a log-normal × Rayleigh shape cannot hit all three quantiles; the median is fitted exactly
        expect(Math.abs((psfQuantile(irf.angular, q, t.energy[i]) * DEG) / t[col][i] - 1)).toBeLessThan(q === 0.5 ? 0.02 : 0.15);
      }
    }
  });

  it('reproduces the baseline coverage curves of coverage.csv within 0.05', () => {
    const c = readNamedColumns(irfDataPath('dnnc/coverage.csv'));
    for (let i = 0; i < c.quantiles.length; i++) {
      const ref = (c.cov_base_1TeV[i] + c.cov_base_10TeV[i] + c.cov_base_500TeV[i]) / 3;
      expect(Math.abs(modelCoverage(c.quantiles[i], irf.angular.c, irf.angular.wEff) - ref)).toBeLessThan(0.05);
    }
  });

  it('samples vMF opening angles whose mean 1 − cos ψ is 1/κ − 2/(e^{2κ} − 1)… ≈ 1/κ for small scales', () => {
    const rng = new Rng(3), s = 0.05;
    let m = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) m += 1 - Math.cos(sampleOpeningAngleForScale(s, rng));
    expect(m / n / (s * s)).toBeCloseTo(1, 2);
  });

  it('the shipped angular_model.json equals a fresh fit of the release tables', () => {
    expect(angularModelJson(irf.angular)).toBe(angularModelJson(fitCascadeAngularModel(irfDataPath('dnnc'))));
  });

  it('angErrPdf integrates to 1 and matches the sampled angErr histogram at 3 TeV', () => {
    const rng = new Rng(8), n = 100000, out = new Float64Array(2);
    const edges = Array.from({ length: 22 }, (_, i) => (i * 2 * Math.PI) / 180);
    const h = new Float64Array(21);
    for (let i = 0; i < n; i++) {
      sampleAngular(irf.angular, 3000, rng, out);
      const b = Math.floor(out[0] / edges[1]);
      if (b < 21) h[b]++;
    }
    let total = 0;
    for (let b = 0; b < 21; b++) {
      let p = 0;
      for (let k = 0; k < 20; k++) p += angErrPdf(irf.angular, edges[b] + ((k + 0.5) / 20) * edges[1], 3000) * (edges[1] / 20);
      total += p;
      expect(Math.abs(h[b] - n * p)).toBeLessThan(5 * Math.sqrt(n * p) + 5);
    }
    expect(total).toBeCloseTo(1, 2);
  });

  it('offsets a direction by exactly ψ', () => {
    const out = new Float64Array(2);
    const rng = new Rng(1);
    for (let i = 0; i < 100; i++) {
      const ra = rng.uniform() * 6.28, dec = Math.asin(2 * rng.uniform() - 1), psi = rng.uniform() * 3, phi = rng.uniform() * 6.28;
      offsetDirection(ra, dec, psi, phi, out);
      const c = Math.sin(dec) * Math.sin(out[1]) + Math.cos(dec) * Math.cos(out[1]) * Math.cos(out[0] - ra);
      expect(Math.acos(Math.min(1, Math.max(-1, c)))).toBeCloseTo(psi, 9);
    }
  });
});
