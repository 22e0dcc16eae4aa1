import { describe, expect, it } from 'vitest';
import { loadKernel } from '../kernelLoader.js';
import { runPaired } from './kernelTesting.js';
import type { PointSourceKernel } from './pointSource.js';
import { PsWasm } from './psPassWasm.js';
import { Rng } from '../../stats/random.js';

const base = { synthetic: { nBackground: 4000, seed: 3 } };

describe('ps kernel WebAssembly passes', () => {
  for (const [name, cfg] of [
    ['one source', { ...base, source: { ra: 120, dec: -30 } }],
    ['a source list (one near the pole cap)', { ...base, sources: [{ ra: 120, dec: -30 }, { ra: 300, dec: 40 }, { ra: 10, dec: 78 }] }],
  ] as const) {
    it(`${name}: jittered trials (background and +25 injected) give bit-identical TS, n_s, γ with and without WebAssembly`, async () => {
      const fast = await loadKernel({ module: 'ps', config: cfg });
      const js = await loadKernel({ module: 'ps', config: { ...cfg, wasm: false } });
      expect((fast as unknown as PointSourceKernel).usesWasm).toBe(true);
      expect((js as unknown as PointSourceKernel).usesWasm).toBe(false);
      let nonzero = 0;
      runPaired(fast, js, 16, 41, 25, (a, b) => {
        expect(Array.from(a)).toEqual(Array.from(b));
        if (b[0] > 0) nonzero++;
      });
      expect(nonzero).toBeGreaterThan(3);
    });
  }
});

describe('PsWasm generator and log', () => {
  const w = new PsWasm({ cap: 3000, n0: 3000, nBins: 4, nE: 2, edges: Float64Array.of(-1, 0, 1), uniformEdges: true, nGrid: 100, bandwidth: 0.1, lim: 1.4, width: 0.05 }, () => 0);

  it('ras and nfill draw exactly what Rng.fillUniform (×2π) and Rng.fillNormal draw, odd counts and a pending spare included, and leave the same state', () => {
    for (const [nRa, nN, spare] of [[10, 7, false], [1000, 2999, true], [0, 1, true], [5, 2, false]] as const) {
      const a = new Rng(77), b = new Rng(77);
      if (spare) { a.normal(); b.normal(); }
      w.loadRng(a);
      w.ras(nRa);
      w.nfill(nN);
      w.storeRng(a);
      const ra = new Float64Array(Math.max(1, nRa)), nb = new Float64Array(nN);
      b.fillUniform(ra, nRa);
      b.fillNormal(nb, nN);
      for (let k = 0; k < nRa; k++) expect(w.f64.ra[k]).toBe(2 * Math.PI * ra[k]);
      expect(Array.from(w.f64.norm.subarray(0, nN))).toEqual(Array.from(nb));
      expect([a.normal(), a.normal(), a.uniform()]).toEqual([b.normal(), b.normal(), b.uniform()]);
    }
  });

  it('lg is Math.log bit for bit (fdlibm) on (0, 1), near 1 and powers of two, and beyond', () => {
    const rng = new Rng(3);
    const xs: number[] = [1, 0.5, 2, 1 - 2 ** -53, 1 + 2 ** -52, 2 ** -1022, 5e-324, 0, 1e300, 0.7071067811865476];
    for (let k = 0; k < 200000; k++) {
      const u = rng.uniform();
      xs.push(k % 4 === 0 ? u : k % 4 === 1 ? 1 + (u - 0.5) * 1e-6 : k % 4 === 2 ? 2 ** Math.floor(-60 * u) * (1 + 1e-7 * (u - 0.5)) : Math.exp(-700 * u));
    }
    let bad = 0;
    for (const x of xs) if (!Object.is(w.log(x), Math.log(x))) bad++;
    expect(bad).toBe(0);
  });
});
