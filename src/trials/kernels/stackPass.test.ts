import { describe, expect, it } from 'vitest';
import { createKernel } from './stack.js';
import { runPaired } from './kernelTesting.js';
import type { TrialKernel } from '../kernel.js';

const sources = Array.from({ length: 12 }, (_, k) => ({ ra: 30 * k, dec: -60 + 10 * k }));

/** The kernel with its WebAssembly pass (`wasm`) and the ps kernel's draw/jitter/background passes (`shared`, with the jitter), or the JS path. */
async function kernel(config: object, wasm: boolean, shared = wasm): Promise<TrialKernel> {
  const prev = [process.env.NUSKY_STACK_WASM, process.env.NUSKY_PS_WASM];
  if (!wasm) process.env.NUSKY_STACK_WASM = '0';
  if (!shared) process.env.NUSKY_PS_WASM = '0';
  try {
    const k = createKernel();
    await k.setup(config);
    const kk = k as unknown as { pass: unknown; shared: unknown; jitter: boolean; exactSTilde: boolean };
    expect(kk.pass !== null).toBe(wasm);
    expect(kk.shared !== null).toBe(shared && kk.jitter && !kk.exactSTilde);
    return k;
  } finally {
    for (const [k, v] of [['NUSKY_STACK_WASM', prev[0]], ['NUSKY_PS_WASM', prev[1]]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('stack kernel WebAssembly pass', () => {
  for (const [label, extra, shared] of [
    ['with the declination jitter (S̃ from the σ-band tables; draws, jitter and background in the ps kernel\'s passes)', {}, true],
    ['with the declination jitter, draws and background in JS', {}, false],
    ['RA scrambles only (S̃ cached exactly)', { decJitter: false }, true],
  ] as const) {
    it(`gives bit-identical TS, n_s and γ to the JS path, background and signal trials, re-weighted sources (J = 5), ${label}`, async () => {
      const config = { synthetic: { nBackground: 4000, seed: 8 }, sources, energy: 'irf', reservoir: 300, ...extra };
      const w = await kernel(config, true, shared), js = await kernel(config, false);
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
