import { describe, expect, it } from 'vitest';
import { Rng } from '../stats/random.js';
import { syntheticEvents, powerLawHistogram } from '../likelihood/synthetic.js';
import { Dataset } from '../likelihood/dataset.js';
import { EnergyRatioGrid, PAPER_ENERGY_BINNING } from '../likelihood/energyPdf.js';
import { ringInfo } from '../likelihood/ringLookup.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { DEFAULT_GAMMAS, scanDataFromDataset } from './data.js';
import { ScanRunner } from './scan.js';
import { DecBackground, hottestSpots, pixelPValues, scanTrials } from './significance.js';
import { hotspotPostTrial, scanTrialStats, scanTrialTable } from './postTrials.js';
import { mergeTrials } from '../trials/storage.js';

const NSIDE = 4;

function data(nSig: number, seed = 22) {
  const ev = syntheticEvents(new Rng(seed), { nBackground: 1500, signal: nSig > 0 ? [{ ra: 2, dec: 0.4, n: nSig, gamma: 2 }] : [] });
  const ds = new Dataset(ev);
  const g = Array.from(DEFAULT_GAMMAS);
  const energy = new EnergyRatioGrid(PAPER_ENERGY_BINNING, g, g.map((x) => powerLawHistogram(PAPER_ENERGY_BINNING, x)), ds.bgEnergyHist);
  return scanDataFromDataset(ds, energy);
}

/** Background TS per ring declination from the pixels of scrambled scans (cheap, for tests). */
async function ringBackground(runner: ScanRunner, n: number): Promise<DecBackground> {
  const perRing = new Map<number, number[]>();
  for (let t = 0; t < n; t++) {
    const s = await runner.scan({ nside: NSIDE, scramble: { seed: 99, trial: t } });
    for (let r = 1; r < 4 * NSIDE; r++) {
      const { start, count } = ringInfo(NSIDE, r);
      if (s.ts[start] < -1e30) continue;
      const a = perRing.get(r) ?? [];
      for (let p = start; p < start + count; p++) a.push(s.ts[p]);
      perRing.set(r, a);
    }
  }
  const rings = [...perRing.keys()].sort((a, b) => b - a); // increasing declination
  return new DecBackground(Float64Array.from(rings, (r) => Math.asin(ringInfo(NSIDE, r).z)), rings.map((r) => new TsDistribution(Float64Array.from(perRing.get(r)!))));
}

describe('hot-spot post-trial from scrambled scans', () => {
  it('scan trials depend only on (seed, trial): 1 or 2 workers, one run or two merged', async () => {
    const d = data(0);
    const raBefore = d.ra.slice();
    const a = await scanTrials(d, null, { nside: NSIDE, trials: 4, seed: 7, workers: 1 });
    const b = await scanTrials(d, null, { nside: NSIDE, trials: 4, seed: 7, workers: 2 });
    const c1 = await scanTrials(d, null, { nside: NSIDE, trials: 2, seed: 7, workers: 1 });
    const c2 = await scanTrials(d, null, { nside: NSIDE, trials: 2, seed: 7, start: 2, workers: 1 });
    expect(Array.from(b.northTs)).toEqual(Array.from(a.northTs));
    expect(Array.from(b.southTs)).toEqual(Array.from(a.southTs));
    const merged = scanTrialStats(mergeTrials([scanTrialTable(c1, 7, 0, { x: 1 }), scanTrialTable(c2, 7, 2, { x: 1 })]));
    expect(Array.from(merged.northTs)).toEqual(Array.from(a.northTs));
    expect(new Set(a.northTs).size).toBe(4); // different scrambles
    expect(Array.from(d.ra)).toEqual(Array.from(raBefore)); // the caller's data are restored
    expect(() => mergeTrials([scanTrialTable(c1, 7, 0, { x: 1 }), scanTrialTable(c1, 7, 0, { x: 1 })])).toThrow(/repeats trials/);
    expect(() => mergeTrials([scanTrialTable(c1, 7, 0, { x: 1 }), scanTrialTable(c2, 7, 2, { x: 2 })])).toThrow(/config hash/);
  });

  it('on background data the post-trial p is far above the hottest pixel pre-trial p; a strong source stays significant', async () => {
    const bgData = data(0);
    const runner = new ScanRunner(bgData, { workers: 1 });
    try {
      const bg = await ringBackground(runner, 40);
      const trials = await scanTrials(bgData, bg, { nside: NSIDE, trials: 30, seed: 5, runner });
      const obs = await runner.scan({ nside: NSIDE });
      const spots = hottestSpots(obs, pixelPValues(obs, bg));
      const post = hotspotPostTrial(spots, trials);
      expect(post.statistic).toBe('p');
      // ~90 pixels per hemisphere: the look-elsewhere effect makes p_post ≫ p_pre
      for (const [h, p] of [[spots.north!, post.north!], [spots.south!, post.south!]] as const) {
        expect(p.nTrials).toBe(30);
        expect(p.lo).toBeGreaterThan(5 * h.p!);
      }
    } finally {
      await runner.close();
    }
    const src = data(40);
    const r2 = new ScanRunner(src, { workers: 1 });
    try {
      const trials = await scanTrials(src, null, { nside: NSIDE, trials: 30, seed: 5, runner: r2 });
      const obs = await r2.scan({ nside: NSIDE });
      const post = hotspotPostTrial(hottestSpots(obs), trials);
      expect(post.statistic).toBe('ts');
      expect(post.north!.p).toBe(0); // no scrambled scan comes close to the injected source
      expect(post.north!.hi).toBeLessThan(0.1);
    } finally {
      await r2.close();
    }
  });
});
