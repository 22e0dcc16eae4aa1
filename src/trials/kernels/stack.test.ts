import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKernel } from '../kernelLoader.js';
import { Rng } from '../../stats/random.js';
import { loadDnnCascadeIrf } from '../../irf/irf.js';
import { dnnCascadeUptime } from '../../sim/uptime.js';
import { DEFAULT_CASCADE_MODEL } from '../../sim/cascadeModel.js';
import { simulateSample } from '../../sim/simulate.js';
import { writeSample } from '../../events/io.js';
import { e2At100TeVForPointSource } from '../../irf/expectation.js';
import { psPdf, raAveragedPsPdf, KENT_MIN_SIGMA } from '../../likelihood/psf.js';
import { nsRecovery, runPaired } from './kernelTesting.js';

describe('stacking kernel with injection', () => {
  it('recovers the injected n_s on a simulated sample (1/10 of the livetime, the 12 SNR sources)', async () => {
    const irf = loadDnnCascadeIrf();
    const sample = simulateSample({ irf, uptime: dnnCascadeUptime(irf.livetimeS / 10), rng: new Rng(7), background: DEFAULT_CASCADE_MODEL });
    const file = join(mkdtempSync(join(tmpdir(), 'nusky-stack-')), 'bg.parquet');
    writeSample(file, sample);
    const rows = readFileSync(new URL('../../../data/catalogs/snr_ESTES_12.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
    const sources = rows.map((l) => ({ ra: Number(l.split(',')[1]), dec: Number(l.split(',')[2]) }));
    // re-weighted sources (J = 4 basis vectors for the SNR declinations); the jitter tables are checked below
    const k = await loadKernel({ module: 'stack', config: { events: file, sources, energy: 'irf', reservoir: 1000, decJitter: false } });
    expect(k.fluxPerEvent!()).toBeGreaterThan(0);
    const out = new Float64Array(3);
    for (let i = 0; i < 10; i++) {
      k.run(Rng.forStream(1, i), 0, out);
      expect(out[0]).toBeGreaterThanOrEqual(0);
    }
    for (const n of [20, 60]) {
      const r = nsRecovery(k, n, 30);
      expect(Math.abs(r.median - n)).toBeLessThan(0.5 * r.spread + 3);
    }
  });

  it('with the declination jitter, S̃ from the tables gives the TS and n_s of the exact-S̃ reference mode within 1e-5 relative (12 sources, synthetic sample)', async () => {
    const sources = Array.from({ length: 12 }, (_, k) => ({ ra: 30 * k, dec: -60 + 10 * k }));
    // fixed weights (J = 1) keep this test fast; the re-weighted tables are the same class per basis vector
    const base = { synthetic: { nBackground: 5000, seed: 8 }, sources, energy: 'irf', reservoir: 300, reweight: false };
    const fast = await loadKernel({ module: 'stack', config: base });
    const exact = await loadKernel({ module: 'stack', config: { ...base, exactSTilde: true } });
    let nonzero = 0;
    runPaired(fast, exact, 10, 41, 15, (a, b) => {
      expect(Math.abs(a[0] - b[0])).toBeLessThanOrEqual(1e-5 * Math.max(1, b[0]));
      expect(Math.abs(a[1] - b[1])).toBeLessThanOrEqual(1e-5 * Math.max(1, b[1]));
      if (b[0] > 0) nonzero++;
    });
    expect(nonzero).toBeGreaterThan(3);
  });

  it('re-weighted fit: the TS at the fitted (n_s, γ) equals a direct evaluation with W_k(γ) ∝ acceptance_k(γ), and no γ of the grid does better', async () => {
    // three sources in different declination bands of the IRF's acceptance (J = 3 groups)
    const sources = [{ ra: 40, dec: -50 }, { ra: 200, dec: 5 }, { ra: 300, dec: 50 }];
    const k = await loadKernel({ module: 'stack', config: { synthetic: { nBackground: 3000, seed: 9 }, sources, energy: 'irf', reservoir: 200, decJitter: false, updateBg: false } });
    const irf = loadDnnCascadeIrf();
    const DEG = Math.PI / 180;
    const out = new Float64Array(3);
    let checked = 0;
    for (let t = 0; t < 12 && checked < 4; t++) {
      k.run(Rng.forStream(61, t), 25, out);
      if (!(out[0] > 0)) continue;
      checked++;
      // the kernel's trial state (events after the scramble and injection, 1/D̃, S/B grid)
      const d = (k as unknown as { d: { n: number; ra: Float64Array; dec: Float64Array; sigma: Float64Array; invD: Float64Array; eBin: Int32Array; gammas: Float64Array; binRatio: Float64Array; nBins: number } }).d;
      const N = d.n, nB = d.nBins, G = d.gammas;
      const S = sources.map((s) => Float64Array.from({ length: N }, (_, i) => {
        const c = Math.sin(d.dec[i]) * Math.sin(s.dec * DEG) + Math.cos(d.dec[i]) * Math.cos(s.dec * DEG) * Math.cos(d.ra[i] - s.ra * DEG);
        return c >= Math.cos(Math.min(5 * d.sigma[i], Math.PI)) ? psPdf(c, d.sigma[i]) : 0;
      }));
      const St = sources.map((s) => Float64Array.from({ length: N }, (_, i) => {
        if (d.sigma[i] < KENT_MIN_SIGMA && Math.abs(d.dec[i] - s.dec * DEG) > 5 * d.sigma[i]) return 0;
        return raAveragedPsPdf(Math.sin(d.dec[i]), Math.cos(d.dec[i]), Math.sin(s.dec * DEG), Math.cos(s.dec * DEG), d.sigma[i]);
      }));
      const W = (g: number) => { const a = sources.map((s) => 1 / e2At100TeVForPointSource(irf, 1, g, Math.sin(s.dec * DEG))); const z = a.reduce((x, v) => x + v, 0); return a.map((v) => v / z); };
      // TS at (n, grid position g + f): W and R interpolated linearly between grid values, as the kernel does
      const tsAt = (n: number, g: number, f: number) => {
        const g1 = f > 0 ? g + 1 : g, w0 = W(G[g]), w1 = W(G[g1]);
        let s = 0;
        for (let i = 0; i < N; i++) {
          let y = 0;
          for (let q = 0; q < sources.length; q++) y += ((1 - f) * w0[q] + f * w1[q]) * (S[q][i] - St[q][i]);
          const r = (1 - f) * d.binRatio[g * nB + d.eBin[i]] + f * d.binRatio[g1 * nB + d.eBin[i]];
          const u = (n * y * d.invD[i] * r) / N;
          if (!(u > -1)) return -Infinity;
          s += Math.log1p(u);
        }
        return 2 * s;
      };
      const pos = (out[2] - G[0]) / (G[1] - G[0]);
      const g = Math.min(Math.floor(pos), G.length - 2);
      expect(Math.abs(tsAt(out[1], g, pos - g) - out[0])).toBeLessThan(1e-4 * Math.max(1, out[0]));
      // the fitted point beats every grid γ at its own best n (golden section on the exact TS)
      for (let gg = 0; gg < G.length; gg += 3) {
        let a = 0, b = 3 * out[1] + 10;
        for (let it = 0; it < 60; it++) { const c1 = b - 0.618 * (b - a), c2 = a + 0.618 * (b - a); if (tsAt(c1, gg, 0) > tsAt(c2, gg, 0)) b = c2; else a = c1; }
        expect(tsAt(0.5 * (a + b), gg, 0)).toBeLessThanOrEqual(out[0] + 1e-4 * Math.max(1, out[0]));
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});
