import { describe, expect, it } from 'vitest';
import { Rng } from '../../stats/random.js';
import { raAveragedPsPdf } from '../../likelihood/psf.js';
import { STildeTable, VmfSumBands, VmfSumTable, vmfSum } from './sTildeTable.js';

const DEG = Math.PI / 180;

describe('STildeTable', () => {
  it('equals raAveragedPsPdf (Gaussian branch) within 1e-6 relative for |δ − δs| ≤ 5σ, σ from 0.2° to 7°, sources up to 89° (poles included)', () => {
    const rng = new Rng(3);
    let worst = 0;
    for (const ds of [-89, -60, -30, 0, 20, 45, 75, 84, 89]) {
      const tab = new STildeTable(ds * DEG, 0.2 * DEG, 7 * DEG * (1 - 1e-12));
      const ss = Math.sin(ds * DEG), cs = Math.cos(ds * DEG);
      for (let k = 0; k < 4000; k++) {
        const sigma = 0.2 * DEG * Math.exp(Math.log(35) * rng.uniform()) * (1 - 1e-12);
        const lo = Math.max(-Math.PI / 2, ds * DEG - 5 * sigma), hi = Math.min(Math.PI / 2, ds * DEG + 5 * sigma);
        const dec = lo + (hi - lo) * rng.uniform();
        const want = raAveragedPsPdf(Math.sin(dec), Math.cos(dec), ss, cs, sigma);
        worst = Math.max(worst, Math.abs(tab.at(dec, Math.sin(dec), Math.cos(dec), sigma) / want - 1));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('reads NaN outside its σ range or beyond 5σ, where at() returns the exact quadrature', () => {
    const tab = new STildeTable(0.3, 1 * DEG, 5 * DEG);
    expect(Number.isNaN(tab.lnAt(0, Math.log(6 * DEG)))).toBe(true);
    expect(Number.isNaN(tab.lnAt(5.2, Math.log(2 * DEG)))).toBe(true);
    expect(Number.isFinite(tab.lnAt(4.9, Math.log(2 * DEG)))).toBe(true);
    const d = 0.3 + 5.2 * 2 * DEG;
    expect(tab.at(d, Math.sin(d), Math.cos(d), 2 * DEG)).toBe(raAveragedPsPdf(Math.sin(d), Math.cos(d), Math.sin(0.3), Math.cos(0.3), 2 * DEG));
  });

  it('VmfSumTable equals the exact Σ_k W_k S̃_k within 1e-6 relative for σ from 7° to 60° over the sphere (12-source stack, two far-apart sources, a source near the pole)', () => {
    const rng = new Rng(4);
    const cats = [
      { decs: Array.from({ length: 12 }, (_, k) => (-60 + 10 * k) * DEG), w: Array.from({ length: 12 }, (_, k) => 0.02 + 0.01 * k) },
      { decs: [-60 * DEG, 60 * DEG], w: [0.5, 0.5] },
      { decs: [85 * DEG, -10 * DEG], w: [0.9, 0.1] },
    ];
    let worst = 0;
    for (const c of cats) {
      const tab = new VmfSumTable(c.decs, [c.w], 7 * DEG, 60 * DEG);
      const ss = c.decs.map(Math.sin), cs = c.decs.map(Math.cos);
      for (let k = 0; k < 6000; k++) {
        const sigma = 7 * DEG * Math.exp(Math.log(60 / 7) * rng.uniform());
        const dec = k % 10 === 0 ? (k % 20 === 0 ? 1 : -1) * (Math.PI / 2 - 0.1 * rng.uniform()) : Math.asin(2 * rng.uniform() - 1);
        const want = vmfSum(Math.sin(dec), Math.cos(dec), ss, cs, c.w, sigma);
        worst = Math.max(worst, Math.abs(Math.exp(tab.lnAt(dec, Math.log(sigma))) / want - 1));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });
  it('VmfSumBands (a δ step per σ band, chosen by the mid-cell check) equals the exact Σ_k W_k S̃_k within 1e-6 relative for σ from 7° to 60° and |δ| ≤ 82° (outside the jitter\'s polar caps), several weight vectors and far-apart sources; beyond 82° it answers false', () => {
    const rng = new Rng(5);
    const decs12 = Array.from({ length: 12 }, (_, k) => (-60 + 10 * k) * DEG);
    const grp = [0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4];
    const cats = [
      { decs: decs12, w: Array.from({ length: 5 }, (_, j) => decs12.map((_, k) => (grp[k] === j ? 0.02 + 0.01 * k : 0))) },
      { decs: [-60 * DEG, 60 * DEG, 0], w: [[0.5, 0.5, 0], [0, 0, 1]] },
      { decs: [85 * DEG, -10 * DEG], w: [[0.9, 0.1]] },
    ];
    let worst = 0;
    const out = new Float64Array(8);
    for (const c of cats) {
      const bands = new VmfSumBands(c.decs, c.w, 7 * DEG, 60 * DEG, { maxAbsDec: 82 * DEG });
      for (const t of bands.tables) expect(t.midCellError(c.decs, c.w)).toBeLessThanOrEqual(1e-7);
      const ss = c.decs.map(Math.sin), cs = c.decs.map(Math.cos);
      for (let k = 0; k < 5000; k++) {
        const sigma = 7 * DEG * Math.exp(Math.log(60 / 7) * rng.uniform() * (1 - 1e-12));
        const dec = k % 10 === 0 ? (k % 20 === 0 ? 1 : -1) * (82 * DEG - 0.05 * rng.uniform()) : Math.asin(2 * rng.uniform() - 1);
        const ls = Math.log(sigma);
        if (Math.abs(dec) > 82 * DEG) {
          expect(bands.lnAtInto(bands.band(ls), dec, ls, out, 0)).toBe(false);
          continue;
        }
        expect(bands.lnAtInto(bands.band(ls), dec, ls, out, 0)).toBe(true);
        c.w.forEach((w, j) => { worst = Math.max(worst, Math.abs(Math.exp(out[j]) / vmfSum(Math.sin(dec), Math.cos(dec), ss, cs, w, sigma) - 1)); });
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('the adaptive δ step grows with σ and is finer for far-apart sources in one sum (steep log-sum) than for one source', () => {
    const far = new VmfSumBands([-60 * DEG, 60 * DEG], [[0.5, 0.5]], 7 * DEG, 40 * DEG, { maxAbsDec: 82 * DEG });
    const one = new VmfSumBands([20 * DEG], [[1]], 7 * DEG, 40 * DEG, { maxAbsDec: 82 * DEG });
    const hd = (b: VmfSumBands) => b.tables.map((t) => t.hd);
    for (const b of [far, one]) for (let k = 1; k < b.tables.length; k++) expect(hd(b)[k]).toBeGreaterThanOrEqual(hd(b)[k - 1]);
    expect(hd(far)[0]).toBeLessThan(hd(one)[0]);
    expect(hd(far)[far.tables.length - 1]).toBeGreaterThan(hd(far)[0]);
  });
});
