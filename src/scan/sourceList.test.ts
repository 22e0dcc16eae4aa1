import { describe, expect, it } from 'vitest';
import { Dataset } from '../likelihood/dataset.js';
import { idealEnergyGrid, loadEvents } from '../trials/kernels/synthetic.js';
import { scanDataFromDataset } from './data.js';
import { decBackgroundTrials, fitSources, sourceListPostTrial, sourceListTrials, type ListedSource } from './sourceList.js';

const DEG = Math.PI / 180;
const events = { synthetic: { nBackground: 2000, seed: 5 } };

describe('source-list search', () => {
  it('with one source at a grid declination, the correlated post-trial p equals its pre-trial p (same scrambles)', async () => {
    const src: ListedSource[] = [{ name: 'A', ra: 40 * DEG, dec: 20 * DEG }];
    // the list trials use the same seed and kernel as the background at 20°, so they are the same trials
    const bg = await decBackgroundTrials(events, [-20 * DEG, 20 * DEG], 60, 100, 0);
    const trials = await sourceListTrials(events, src, bg, 60, 101, 0);
    const ds = new Dataset(await loadEvents(events));
    const data = scanDataFromDataset(ds, idealEnergyGrid(ds));
    const fits = fitSources(data, src, bg);
    const { hottest, post } = sourceListPostTrial(fits, trials);
    expect(hottest.name).toBe('A');
    const pre = bg.at(20 * DEG).p(hottest.ts);
    expect(hottest.p).toBe(pre);
    expect(post.p).toBeCloseTo(pre, 12);
    expect(post.nTrials).toBe(60);
  }, 60_000);

  it('the post-trial p of a list is at least the pre-trial p of its hottest source, and grows with the list', async () => {
    const bg = await decBackgroundTrials(events, [-30 * DEG, 0, 30 * DEG], 40, 7, 0);
    const one: ListedSource[] = [{ name: 'a', ra: 10 * DEG, dec: 0 }];
    const many: ListedSource[] = [...one, ...[60, 120, 180, 240, 300].map((ra, k) => ({ name: `s${k}`, ra: ra * DEG, dec: (k % 2 ? 30 : -30) * DEG }))];
    const ds = new Dataset(await loadEvents(events));
    const data = scanDataFromDataset(ds, idealEnergyGrid(ds));
    const t1 = await sourceListTrials(events, one, bg, 40, 9, 0);
    const t6 = await sourceListTrials(events, many, bg, 40, 9, 0);
    // same scrambles: the minimum over a superset is never larger
    for (let i = 0; i < 40; i++) expect(t6[i]).toBeLessThanOrEqual(t1[i]);
    const r = sourceListPostTrial(fitSources(data, many, bg), t6);
    expect(r.post.p).toBeGreaterThanOrEqual(r.hottest.p - 1e-12);
  }, 60_000);

  it('rejects an empty list and a bad trial count with a clear error', async () => {
    await expect(sourceListTrials(events, [], null as never, 5, 1, 0)).rejects.toThrow(/no sources/);
    await expect(decBackgroundTrials(events, [0], 0, 1, 0)).rejects.toThrow(/positive integer/);
    expect(() => sourceListPostTrial([], [0.5])).toThrow(/no fitted sources/);
  });
});
