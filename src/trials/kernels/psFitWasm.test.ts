import { describe, expect, it } from 'vitest';
import { PsWasm } from './psPassWasm.js';
import { seriesNsFit, type NsState } from '../../likelihood/seriesNsFit.js';
import { Rng } from '../../stats/random.js';
import { loadKernel } from '../kernelLoader.js';

describe('PsWasm nsfit (seriesNsFit in WebAssembly)', () => {
  const cap = 3000;
  const w = new PsWasm({ cap, n0: cap, nBins: 4, nE: 2, edges: Float64Array.of(-1, 0, 1), uniformEdges: true, nGrid: 100, bandwidth: 0.1, lim: 1.4, width: 0.05 }, () => 0);

  it('gives the n_s and TS of seriesNsFit bit for bit: odd and even counts, none, a log block boundary, g0 ≤ 0, signal-like and negative x, warm starts', () => {
    const rng = new Rng(11);
    const x = w.f64.fx;
    let positive = 0, zero = 0, cases = 0;
    for (const m of [0, 1, 2, 15, 16, 17, 31, 32, 33, 250, 1741, 2999]) {
      for (let rep = 0; rep < 12; rep++) {
        const N = [59592, 4000, m + 3][rep % 3];
        // a few large positive ratios (signal-like) among many around zero, some strongly negative
        for (let j = 0; j < m; j++) {
          const u = rng.uniform();
          x[j] = u < 0.05 * (rep % 4) ? 50 * rng.uniform() * (1 + rep) : u > 0.97 ? -0.9 * rng.uniform() : 2 * (rng.uniform() - 0.5);
        }
        const c1 = (rep % 5) * 30 - 40, c2 = 100 + rep * 7.3, c3 = rep % 2 === 0 ? 3.1 : -2.2;
        for (const nsStart of [0, 2.5, 1e6, -1]) {
          const a: NsState = { ns: NaN, ts: NaN }, b: NsState = { ns: NaN, ts: NaN };
          w.nsFit(m, c1, c2, c3, N, nsStart, a);
          seriesNsFit(x, m, c1, c2, c3, N, nsStart, b);
          expect(Object.is(a.ns, b.ns) && Object.is(a.ts, b.ts), `m ${m} rep ${rep} nsStart ${nsStart}: ${a.ns}, ${a.ts} vs ${b.ns}, ${b.ts}`).toBe(true);
          cases++;
          if (b.ts > 0) positive++;
          if (b.ns === 0) zero++;
        }
      }
    }
    // both branches exercised
    expect(positive).toBeGreaterThan(cases / 5);
    expect(zero).toBeGreaterThan(10);
  });
});

describe('PsWasm ratios (TrialBackground.setRatios in WebAssembly)', () => {
  it('writes the energy S/B grid and its per-bin maximum of setRatios bit for bit: random histograms with empty bins and empty rows', async () => {
    const k = (await loadKernel({ module: 'ps', config: { synthetic: { nBackground: 4000, seed: 5 }, source: { ra: 30, dec: 10 } } })) as unknown as {
      wasm: PsWasm; bg: { setRatios(h: Float64Array): void; nE: number; sigHists: Float64Array[] }; d: { binRatio: Float64Array; binRatioMax: Float64Array; nBins: number; gammas: Float64Array };
    };
    const w = k.wasm, d = k.d, nB = d.nBins, nE = k.bg.nE;
    expect(d.binRatio).toBe(w.f64.br);
    expect(d.gammas.length).toBeGreaterThan(3);
    const rng = new Rng(3);
    // bins without signal (both copies of the signal histograms; this kernel instance is used only here)
    for (let j = 0; j < nB; j += 7) k.bg.sigHists.forEach((s, g) => { s[j] = 0; w.f64.sigH[g * nB + j] = 0; });
    let filled = 0, emptyFilled = 0, emptyNoSignal = 0;
    for (let rep = 0; rep < 8; rep++) {
      const h = w.f64.hist;
      for (let b = 0; b < nB; b++) h[b] = rng.uniform() < 0.3 + 0.08 * rep ? 0 : Math.floor(1 + 500 * rng.uniform() ** 3);
      if (rep % 2 === 1) h.fill(0, 0, nE); // an empty row
      const hist = h.slice();
      w.ratios();
      const br = d.binRatio.slice(), bm = d.binRatioMax.slice();
      d.binRatio.fill(NaN);
      d.binRatioMax.fill(NaN);
      k.bg.setRatios(hist);
      for (let j = 0; j < br.length; j++) expect(Object.is(br[j], d.binRatio[j]), `br[${j}]`).toBe(true);
      for (let j = 0; j < nB; j++) expect(Object.is(bm[j], d.binRatioMax[j]), `bm[${j}]`).toBe(true);
      for (let j = 0; j < nB; j++) if (hist[j] > 0) filled++; else if (br[j] !== 1) emptyFilled++; else emptyNoSignal++;
    }
    expect(filled).toBeGreaterThan(100);
    expect(emptyFilled).toBeGreaterThan(10);
    expect(emptyNoSignal).toBeGreaterThan(10);
  });
});

describe('PsWasm prepx (SeriesFit.prepare x in WebAssembly)', () => {
  it("writes SeriesFit.prepare's x_j = y_j·((1 − f)·R[o0 + b_j] + f·R[o1 + b_j]) bit for bit, b_j the bin of event exIdx[j]", async () => {
    const k = (await loadKernel({ module: 'ps', config: { synthetic: { nBackground: 3000, seed: 8 }, source: { ra: 200, dec: -20 } } })) as unknown as {
      wasm: PsWasm; d: { binRatio: Float64Array; nBins: number; gammas: Float64Array; eBin: Int32Array; nSorted: number };
    };
    const w = k.wasm, d = k.d, nB = d.nBins, nG = d.gammas.length, n0 = d.nSorted;
    expect(d.eBin).toBe(w.i32.eBin);
    const rng = new Rng(9);
    const br = w.f64.br, exIdx = w.i32.exIdx, exY = w.f64.exY;
    // a scratch S/B grid and bins (the kernel instance is used only here)
    for (let j = 0; j < br.length; j++) br[j] = rng.uniform() < 0.1 ? 0 : 1e3 * rng.uniform() ** 4;
    for (let i = 0; i < n0; i++) d.eBin[i] = Math.floor(rng.uniform() * nB);
    for (const [m, g, f] of [[0, 0, 0], [1, 3, 0], [777, 2, 0.3], [1500, nG - 2, 0.999], [2999, 5, 1e-9], [64, 0, 0.5]] as const) {
      for (let j = 0; j < m; j++) {
        exIdx[j] = Math.floor(rng.uniform() * n0);
        exY[j] = (rng.uniform() - 0.3) * 10 ** (4 * rng.uniform() - 2);
      }
      const o0 = g * nB, o1 = (f > 0 ? g + 1 : g) * nB;
      w.f64.fx.fill(NaN);
      w.prepx(m, o0, o1, f);
      for (let j = 0; j < m; j++) {
        const b = d.eBin[exIdx[j]];
        const ref = exY[j] * ((1 - f) * br[o0 + b] + f * br[o1 + b]);
        expect(Object.is(w.f64.fx[j], ref), `m ${m} j ${j}`).toBe(true);
      }
    }
  });
});
