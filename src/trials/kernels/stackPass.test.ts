import { describe, expect, it } from 'vitest';
import { createKernel } from './stack.js';
import { runPaired } from './kernelTesting.js';
import type { TrialKernel } from '../kernel.js';

const sources = Array.from({ length: 12 }, (_, k) => ({ ra: 30 * k, dec: -60 + 10 * k }));

async function kernel(config: object, wasm: boolean): Promise<TrialKernel> {
  const prev = process.env.NUSKY_STACK_WASM;
  if (!wasm) process.env.NUSKY_STACK_WASM = '0';
  try {
    const k = createKernel();
    await k.setup(config);
    expect((k as unknown as { pass: unknown }).pass !== null).toBe(wasm);
    return k;
  } finally {
    if (prev === undefined) delete process.env.NUSKY_STACK_WASM;
    else process.env.NUSKY_STACK_WASM = prev;
  }
}

describe('stack kernel WebAssembly pass', () => {
  for (const [label, extra] of [
    ['with the declination jitter (S̃ from the σ-band tables)', {}],
    ['RA scrambles only (S̃ cached exactly)', { decJitter: false }],
  ] as const) {
    it(`gives bit-identical TS, n_s and γ to the JS path, background and signal trials, re-weighted sources (J = 5), ${label}`, async () => {
      const config = { synthetic: { nBackground: 4000, seed: 8 }, sources, energy: 'irf', reservoir: 300, ...extra };
      const w = await kernel(config, true), js = await kernel(config, false);
      let nonzero = 0;
      runPaired(w, js, 12, 43, 40, (a, b) => {
        expect(Array.from(a)).toEqual(Array.from(b));
        if (b[0] > 0) nonzero++;
      });
      expect(nonzero).toBeGreaterThan(3);
    });
  }

  it('with the jitter and re-weighting, the tables give the TS and n_s of the exact-S̃ reference mode within 1e-5 relative', async () => {
    const base = { synthetic: { nBackground: 4000, seed: 8 }, sources, energy: 'irf', reservoir: 300 };
    const fast = await kernel(base, true);
    const exact = await kernel({ ...base, exactSTilde: true }, true);
    let nonzero = 0;
    runPaired(fast, exact, 10, 47, 15, (a, b) => {
      expect(Math.abs(a[0] - b[0])).toBeLessThanOrEqual(1e-5 * Math.max(1, b[0]));
      expect(Math.abs(a[1] - b[1])).toBeLessThanOrEqual(1e-5 * Math.max(1, b[1]));
      if (b[0] > 0) nonzero++;
    });
    expect(nonzero).toBeGreaterThan(3);
  });
});
