import { describe, expect, it } from 'vitest';
import { loadKernel } from '../kernelLoader.js';
import { runPaired } from './kernelTesting.js';
import type { PointSourceKernel } from './pointSource.js';

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
