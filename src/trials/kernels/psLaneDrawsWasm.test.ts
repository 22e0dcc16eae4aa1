import { describe, expect, it } from 'vitest';
import { PsWasm } from './psPassWasm.js';
import { Rng } from '../../stats/random.js';
import { LaneRng } from '../../stats/laneRng.js';

describe('PsWasm lane generator (psLaneDrawsWasm.ts)', () => {
  const w = new PsWasm({ cap: 3100, n0: 3000, nBins: 4, nE: 2, edges: Float64Array.of(-1, 0, 1), uniformEdges: true, nGrid: 100, bandwidth: 0.1, lim: 1.4, width: 0.05 }, () => 0);

  it('lras and lnfill draw exactly what LaneRng.fillUniform (×2π) and fillNormal draw, every tail length, and leave the same lane state', () => {
    const cases = [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 7], [7, 6], [1000, 2999], [3000, 3000], [3001, 2998], [2997, 1]];
    for (const [k, [nRa, nN]] of cases.entries()) {
      const js = new LaneRng();
      js.seedFrom(Rng.forStream(5, k));
      w.lanes.seedFrom(Rng.forStream(5, k));
      w.f64.ra.fill(-1);
      w.f64.norm.fill(-1);
      w.lras(nRa);
      w.lnfill(nN);
      const ra = js.fillUniform(new Float64Array(nRa), nRa), nb = js.fillNormal(new Float64Array(nN), nN);
      expect(Array.from(w.f64.ra.subarray(0, nRa))).toEqual(Array.from(ra, (u) => 2 * Math.PI * u));
      expect(Array.from(w.f64.norm.subarray(0, nN))).toEqual(Array.from(nb));
      // nothing written past the counts
      if (nRa < w.f64.ra.length) expect(w.f64.ra[nRa]).toBe(-1);
      if (nN < w.f64.norm.length) expect(w.f64.norm[nN]).toBe(-1);
      expect(Array.from(w.lanes.state)).toEqual(Array.from(js.state));
    }
  });

  it('lnfill = LaneRng.fillNormal also for fills with an s whose log takes the rare scalar branch (mantissa near a power of two)', () => {
    // (hx + 2) & 0xfffff < 3 for s's high word hx: p ≈ 3e-6 per s; search fills until three contain one
    const js = new LaneRng(), words = new Int32Array(w.f64.pss.buffer), at = w.f64.pss.byteOffset / 4;
    let found = 0;
    for (let t = 0; t < 5000 && found < 3; t++) {
      w.lanes.seedFrom(Rng.forStream(99, t));
      w.lnfill(3000);
      let rare = false;
      for (let q = 0; q < 1500; q++) if (((words[at + 2 * q + 1] & 0xfffff) + 2 & 0xfffff) < 3) rare = true;
      if (!rare) continue;
      found++;
      js.seedFrom(Rng.forStream(99, t));
      expect(Array.from(w.f64.norm.subarray(0, 3000))).toEqual(Array.from(js.fillNormal(new Float64Array(3000))));
    }
    expect(found).toBe(3);
  });

  it('the normals of lnfill have mean 0 and variance 1 (3000 per fill, 100 fills, 5 standard errors)', () => {
    let s = 0, s2 = 0, n = 0;
    for (let t = 0; t < 100; t++) {
      w.lanes.seedFrom(Rng.forStream(6, t));
      w.lnfill(3000);
      for (const x of w.f64.norm.subarray(0, 3000)) { s += x; s2 += x * x; n++; }
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});
