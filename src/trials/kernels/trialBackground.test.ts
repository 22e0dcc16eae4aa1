import { describe, expect, it } from 'vitest';
import { Rng } from '../../stats/random.js';
import { Dataset } from '../../likelihood/dataset.js';
import { energyBinIndex, energyRatio } from '../../likelihood/energyPdf.js';
import { syntheticEvents } from '../../likelihood/synthetic.js';
import { scanDataFromDataset } from '../../scan/data.js';
import { energyModel } from './synthetic.js';
import { TrialBackground } from './trialBackground.js';

describe('TrialBackground', () => {
  const ds = new Dataset(syntheticEvents(new Rng(2), { nBackground: 3000 }));
  const em = energyModel(ds, 'ideal');
  const make = () => {
    const d = scanDataFromDataset(ds, em.grid);
    return { d, bg: new TrialBackground(ds, d, Array.from(d.gammas, (g) => em.signalHist(g))) };
  };

  it('on the unscrambled data reproduces the data energy bins, S/B grid and 1/D̃', () => {
    const { d, bg } = make();
    const bin0 = d.eBin.slice(), ratio0 = d.binRatio.slice(), invD0 = d.invD.slice();
    bg.setBins();
    expect(Array.from(d.eBin)).toEqual(Array.from(bin0));
    bg.rebuild(d.nSorted);
    for (let k = 0; k < ratio0.length; k++) expect(Math.abs(d.binRatio[k] - ratio0[k])).toBeLessThanOrEqual(1e-12 * Math.max(1, ratio0[k]));
    for (let i = 0; i < d.nSorted; i++) expect(Math.abs(d.invD[i] / invD0[i] - 1)).toBeLessThan(1e-12);
  });

  it('setRatios writes energyRatio of the given histogram for every γ (bit for bit, empty bins included) and the per-bin maximum', () => {
    const { d, bg } = make();
    const rng = new Rng(8), h = ds.bgEnergyHist.slice();
    for (let k = 0; k < h.length; k++) h[k] = rng.uniform() < 0.2 ? 0 : Math.floor(50 * rng.uniform());
    bg.setRatios(h);
    const max = new Float64Array(d.nBins);
    for (let g = 0; g < d.gammas.length; g++) {
      const want = energyRatio(ds.binning, em.signalHist(d.gammas[g]), h);
      expect(Array.from(d.binRatio.subarray(g * d.nBins, (g + 1) * d.nBins))).toEqual(Array.from(want));
      for (let b = 0; b < d.nBins; b++) max[b] = Math.max(max[b], want[b]);
    }
    expect(Array.from(d.binRatioMax)).toEqual(Array.from(max));
  });

  it('after moving the events in declination, bins follow the new sin δ (log E column kept; rebuild and setBins) and the KDE is that of the moved events', () => {
    const { d, bg } = make();
    const rng = new Rng(5);
    const logE = Float64Array.from({ length: d.nSorted }, (_, i) => ds.events.logE[d.order[i]]);
    for (let i = 0; i < d.nSorted; i++) {
      d.dec[i] = Math.max(-1.4, Math.min(1.4, d.dec[i] + 0.3 * rng.normal()));
      d.sinDec[i] = Math.sin(d.dec[i]);
    }
    const want = energyBinIndex(ds.binning, d.sinDec.subarray(0, d.nSorted), logE);
    bg.rebuild(d.nSorted);
    expect(Array.from(d.eBin.subarray(0, d.nSorted))).toEqual(Array.from(want));
    d.eBin.fill(0, 0, d.nSorted);
    bg.setBins();
    expect(Array.from(d.eBin.subarray(0, d.nSorted))).toEqual(Array.from(want));
    // 1/D̃ of the events nearest a few sin δ values against a direct (unbinned, reflected) KDE sum
    // of the moved events (the binned KDE is good to 2e-3, as the data's)
    const h = ds.bgDensity.bandwidth;
    for (const s of [-0.8, -0.2, 0.35, 0.9]) {
      let j = 0;
      for (let i = 1; i < d.nSorted; i++) if (Math.abs(d.sinDec[i] - s) < Math.abs(d.sinDec[j] - s)) j = i;
      let pj = 0;
      for (let i = 0; i < d.nSorted; i++) for (const m of [d.sinDec[i], -2 - d.sinDec[i], 2 - d.sinDec[i]]) pj += Math.exp(-0.5 * ((d.sinDec[j] - m) / h) ** 2);
      pj /= d.nSorted * h * Math.sqrt(2 * Math.PI);
      expect(Math.abs((2 * Math.PI) / d.invD[j] / pj - 1)).toBeLessThan(3e-3);
    }
  });
});
