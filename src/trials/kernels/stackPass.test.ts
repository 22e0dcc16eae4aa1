import { describe, expect, it } from 'vitest';
import { createKernel } from './stack.js';
import { runPaired } from './kernelTesting.js';
import type { TrialKernel } from '../kernel.js';
import { createStackPass } from './stackPassWasm.js';
import { fillCosSin } from './fastTrig.js';
import { Rng } from '../../stats/random.js';
import { fastExp } from '../../likelihood/fastExp.js';
import { gaussStilde, zOf } from './stackSTilde.js';
import { MultiSeriesFit } from './multiSeriesFit.js';
import type { GammaFit } from './seriesFit.js';
import type { StackKernel } from './stack.js';

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

  it('reads ra, δ, sin/cos δ, 1/D̃, bins and max S/B in the ps kernel\'s memory (no per-trial copies) with the TS, n_s and γ of its own memory and of the JS path, bit for bit', async () => {
    const config = { synthetic: { nBackground: 4000, seed: 9 }, sources, energy: 'irf', reservoir: 300 };
    const sh = await kernel(config, true);
    process.env.NUSKY_STACK_SHARED = '0';
    const own = await kernel(config, true).finally(() => delete process.env.NUSKY_STACK_SHARED);
    const js = await kernel(config, false);
    const pass = (k: TrialKernel) => (k as unknown as StackKernel).pass!;
    expect(pass(sh).sharesMemory).toBe(true);
    expect(pass(own).sharesMemory).toBe(false);
    // the shared arrays are the ps module's views
    expect(pass(sh).dec.buffer).toBe((sh as unknown as StackKernel).shared!.memory.buffer);
    expect(pass(sh).fit.x.byteOffset).toBe((sh as unknown as StackKernel).shared!.f64.fx.byteOffset);
    let nonzero = 0;
    runPaired(sh, own, 10, 53, 40, (a, b) => {
      expect(Array.from(a)).toEqual(Array.from(b));
      if (b[0] > 0) nonzero++;
    });
    runPaired(sh, js, 6, 59, 40, (a, b) => expect(Array.from(a)).toEqual(Array.from(b)));
    expect(nonzero).toBeGreaterThan(2);
  });

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

  it('computes cos and sin of right ascensions bit for bit as fastTrig.fillCosSin, angles outside [0, 2π] and NaN included, odd and even counts', () => {
    const cap = 1001;
    const pass = createStackPass({ J: 2, px: Float64Array.of(1), py: Float64Array.of(0), pz: Float64Array.of(0), BT: Float64Array.of(1, 0), group: null, cMax: Float64Array.of(1, 1), cap, nBins: 4, tables: null });
    expect(pass).not.toBeNull();
    const rng = new Rng(77);
    const ra = Float64Array.from({ length: cap }, () => rng.uniform() * 2 * Math.PI);
    ra.set([0, 2 * Math.PI, -1e-300, 2 * Math.PI + 1e-12, NaN, 7, -3, Math.PI], 100);
    ra[cap - 1] = -0.5;
    for (const n of [cap, cap - 1, 1, 0]) {
      const c = new Float64Array(cap), s = new Float64Array(cap);
      fillCosSin(ra, 0, n, c, s);
      pass!.ca.fill(0);
      pass!.sa.fill(0);
      pass!.ra.set(ra);
      const nfb = pass!.trig(n);
      for (let e = 0; e < nfb; e++) {
        const i = pass!.fb[e];
        pass!.ca[i] = Math.cos(ra[i]);
        pass!.sa[i] = Math.sin(ra[i]);
      }
      expect(nfb).toBe(Array.from(ra.subarray(0, n)).filter((x) => !(x >= 0 && x <= 2 * Math.PI)).length);
      expect(Array.from(pass!.ca.subarray(0, n))).toEqual(Array.from(c.subarray(0, n)));
      expect(Array.from(pass!.sa.subarray(0, n))).toEqual(Array.from(s.subarray(0, n)));
    }
  });

  it('gives each Gaussian-PDF event the S̃ of the JS per-source tables bit for bit after the jitter (events off a table or near a pole listed for the JS path)', async () => {
    const config = { synthetic: { nBackground: 4000, seed: 8 }, sources, energy: 'irf', reservoir: 300 };
    const k = (await kernel(config, true)) as unknown as StackKernel;
    const pass = k.pass!;
    expect(pass.hasGauss).toBe(true);
    const gl = k.gaussList, J = k.J, st = k.st, out = new Float64Array(3);
    expect(gl.length).toBeGreaterThan(20);
    let listed = 0, compared = 0;
    for (let t = 0; t < 3; t++) {
      k.run(new Rng(100 + t), 0, out);
      const nfb = pass.gs(gl.length);
      const fb = new Set(pass.fb.subarray(0, nfb));
      listed += nfb;
      for (const i of gl) {
        const w = Array.from(st.subarray(i * J, i * J + J));
        gaussStilde(k, i);
        if (fb.has(i)) continue;
        expect(w).toEqual(Array.from(st.subarray(i * J, i * J + J)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(listed);
  });

  it('reads every vMF event with a band table once, by band then declination, and gives each the S̃ of VmfSumBands.lnAtInto + fastExp bit for bit after the jitter', async () => {
    const config = { synthetic: { nBackground: 4000, seed: 8 }, sources, energy: 'irf', reservoir: 300 };
    const k = (await kernel(config, true)) as unknown as StackKernel;
    const pass = k.pass!, d = k.d, n0 = d.nSorted, J = k.J, st = k.st, out = new Float64Array(3);
    const order = Array.from(pass.order.subarray(0, k.staCount));
    const vmf = Array.from({ length: n0 }, (_, i) => i).filter((i) => d.gaussian[i] === 0);
    // the order list, the exact-sum list and the polar caps (band −2, never jittered, S̃ kept) share the vMF events out
    const caps = vmf.filter((i) => k.vBand[i] === -2);
    expect([...order, ...k.staExact, ...caps].sort((a, b) => a - b)).toEqual(vmf);
    // band, table row and σ weights are kept by position in the order list: each the event's own
    const w = new Float64Array(4);
    order.forEach((i, p) => {
      const b = k.vBand[i], off = k.vmfTable!.tables[b].sigmaStencil(k.lnSigma[i], w, 0);
      expect(pass.band[p]).toBe(b);
      expect(off).toBeGreaterThanOrEqual(0);
      expect(pass.rowAddr[p]).toBe(pass.tableAddr[b] + 8 * off);
      expect(Array.from(pass.wx.subarray(4 * p, 4 * p + 4))).toEqual(Array.from(w));
    });
    for (let p = 1; p < order.length; p++) expect(pass.band[p - 1] < pass.band[p] || (pass.band[p - 1] === pass.band[p] && k.dec0[order[p - 1]] <= k.dec0[order[p]])).toBe(true);
    const want = new Float64Array(J);
    let compared = 0;
    for (let t = 0; t < 3; t++) {
      k.run(new Rng(200 + t), 0, out);
      const nfb = pass.sta(0, k.staCount);
      const fb = new Set(pass.fb.subarray(0, nfb));
      for (const i of order) {
        if (fb.has(i)) continue;
        expect(k.vmfTable!.lnAtInto(k.vBand[i], d.dec[i], k.lnSigma[i], want, 0)).toBe(true);
        expect(Array.from(st.subarray(i * J, i * J + J))).toEqual(Array.from(want, fastExp));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2.9 * order.length);
  });

  it('MultiSeriesFit with its sums in the module (fitsums) fits bit for bit as with its JS loops, on a γ grid with re-weighted components, also with the exact refit', () => {
    const N = 6000, nB = 7, J = 3, G = Float64Array.of(1.5, 2, 2.5, 3), rng = new Rng(9);
    const pass = createStackPass({ J, px: Float64Array.of(1), py: Float64Array.of(0), pz: Float64Array.of(0), BT: Float64Array.of(1, 0, 0), group: null, cMax: Float64Array.of(1, 1, 1), cap: N, nBins: nB, tables: null })!;
    expect(pass).not.toBeNull();
    const R = Float64Array.from({ length: G.length * nB }, () => 0.3 + 2 * rng.uniform()), Rmax = new Float64Array(nB);
    for (let g = 0; g < G.length; g++) for (let b = 0; b < nB; b++) Rmax[b] = Math.max(Rmax[b], R[g * nB + b]);
    const coef = Float64Array.from({ length: G.length * J }, (_, k) => (k % J === 1 ? -0.2 : 0.4) + 0.3 * rng.uniform());
    for (const strength of [1, 30]) {
      const Z = new Float64Array(N * J), bin = new Int32Array(N);
      for (let i = 0; i < N; i++) {
        bin[i] = (i * 7) % (nB - 1); // the last bin stays empty
        for (let j = 0; j < J; j++) Z[i * J + j] = i < 40 ? strength * rng.uniform() : 0.3 * rng.normal();
      }
      const fits = [false, true].map((wasm) => {
        const mf = wasm ? new MultiSeriesFit(J, G, nB, R, Rmax, coef, N, { m: pass.m, exIdx: pass.exIdx, work: pass.fit }) : new MultiSeriesFit(J, G, nB, R, Rmax, coef, N);
        mf.begin();
        for (let i = 0; i < N; i++) mf.add(i, Z, bin[i], 0.01);
        const out: GammaFit = { ts: 0, ns: 0, gamma: 0 };
        mf.fit(N, Z, bin, out);
        return { out, refits: mf.exactRefits };
      });
      expect(fits[1].out).toEqual(fits[0].out);
      expect(fits[1].refits).toBe(fits[0].refits);
      expect(fits[0].out.ts).toBeGreaterThan(1);
      if (strength > 1) expect(fits[0].refits).toBe(1);
    }
  });

  it('sums the sources of the Gaussian-PDF data events (flag 2: acos, fastExp, masked out-of-reach lanes) bit for bit as the JS path\'s zOf', async () => {
    const config = { synthetic: { nBackground: 4000, seed: 8 }, sources, energy: 'irf', reservoir: 300 };
    const k = (await kernel(config, true)) as unknown as StackKernel;
    const pass = k.pass!, d = k.d, J = k.J, out = new Float64Array(3);
    const g = Array.from(k.gaussList).filter((i) => pass.flag[i] === 2);
    expect(g.length).toBe(k.gaussList.length);
    let inReach = 0;
    for (let t = 0; t < 3; t++) {
      k.run(new Rng(300 + t), 0, out);
      for (const i of g) {
        const w = Array.from(pass.Z.subarray(i * J, i * J + J));
        zOf(k, i);
        const js = Array.from(pass.Z.subarray(i * J, i * J + J), (z, j) => z * d.invD[i]);
        if (js.some((z, j) => z !== -pass.st[i * J + j] * d.invD[i])) inReach++;
        expect(w).toEqual(js);
      }
    }
    expect(inReach).toBeGreaterThan(g.length);
  });
});
