import { describe, expect, it } from 'vitest';
import { DecBackground, hottestSpots, paperDecGrid, pixelPValues, postTrialFromMinP } from './significance.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { ringInfo } from '../likelihood/ringLookup.js';
import { UNSEEN } from '../sky/types.js';
import type { ScanResult } from './scan.js';

function fakeScan(nside: number): ScanResult {
  const npix = 12 * nside * nside;
  const ts = new Float64Array(npix).fill(UNSEEN);
  for (let r = 2; r < 4 * nside - 1; r++) {
    const { start, count } = ringInfo(nside, r);
    for (let p = start; p < start + count; p++) ts[p] = (p % 7) * 0.5;
  }
  return { nside, ts, ns: ts.slice(), gamma: ts.slice(), decMin: -1.4, decMax: 1.4, nPixels: 0 };
}

describe('scan significance', () => {
  it('the paper grid runs from −81° to 81° in 2° steps', () => {
    const g = paperDecGrid();
    expect(g.length).toBe(82);
    expect((g[0] * 180) / Math.PI).toBeCloseTo(-81, 12);
    expect((g[81] * 180) / Math.PI).toBeCloseTo(81, 12);
  });

  it('pixel p-values use the background at the nearest grid declination', () => {
    const scan = fakeScan(4);
    // north: TS uniform on [0, 10]; south: TS uniform on [0, 1] → the same TS is much rarer in the south
    const north = new TsDistribution(Float64Array.from({ length: 1000 }, (_, i) => (10 * i) / 1000));
    const south = new TsDistribution(Float64Array.from({ length: 1000 }, (_, i) => i / 1000));
    const bg = new DecBackground(Float64Array.from([-0.5, 0.5]), [south, north]);
    const pv = pixelPValues(scan, bg);
    let pn = -1, ps = -1;
    for (let r = 2; r < 15; r++) {
      const { start, z } = ringInfo(4, r);
      for (let p = start; p < start + 4; p++) {
        if (scan.ts[p] !== 3) continue;
        if (z > 0.2) pn = pv.mlog10p[p];
        if (z < -0.2) ps = pv.mlog10p[p];
      }
    }
    expect(pn).toBeCloseTo(-Math.log10(0.7), 2);
    expect(ps).toBeGreaterThan(pn);
    expect(pv.mlog10p[0]).toBe(UNSEEN); // pole ring not scanned
    const spots = hottestSpots(scan, pv);
    expect(spots.south!.dec).toBeLessThanOrEqual(0); // the equator ring counts as south
    expect(spots.north!.dec).toBeGreaterThan(0);
    expect(spots.south!.p!).toBeLessThan(spots.north!.p!);
  });

  it('post-trial p counts trials at least as significant, with a binomial interval', () => {
    const trials = Float64Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const r = postTrialFromMinP(0.0101, trials);
    expect(r.p).toBeCloseTo(0.01, 10);
    expect(r.lo).toBeLessThan(0.01); expect(r.hi).toBeGreaterThan(0.01);
    expect(r.sigma).toBeCloseTo(2.326, 2);
  });
});
