import { describe, expect, it } from 'vitest';
import { loadKernel } from '../kernelLoader.js';
import { runPaired } from './kernelTesting.js';
import type { PointSourceKernel } from './pointSource.js';
import { PsWasm } from './psPassWasm.js';
import { Rng } from '../../stats/random.js';
import { fillShiftedSinCos } from './fastTrig.js';
import { findEdge } from './synthetic.js';

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

describe('PsWasm jit (jitter, sin/cos δ, bins) on crafted draws', () => {
  const DEG = Math.PI / 180, lim = 82 * DEG, width = 3 * DEG, n0 = 64, nGrid = 50;
  for (const [label, edges, uniform] of [
    ['non-uniform sin δ edges (row from JS)', Float64Array.of(-1, -0.5, 0.1, 0.3, 1), false],
    ['uniform sin δ edges (row in WebAssembly)', Float64Array.of(-1, -0.5, 0, 0.5, 1), true],
  ] as const) {
    it(`${label}: cap events, redraws past the bulk normals, zero and > 0.25 rad moves equal the JS path bit for bit`, () => {
      const nE = 3, nR = edges.length - 1;
      const w = new PsWasm({ cap: n0, n0, nBins: nR * nE, nE, edges, uniformEdges: uniform, nGrid, bandwidth: 0.2, lim, width }, (x) => findEdge(edges, x));
      const rng = new Rng(5);
      const dec0 = Float64Array.from({ length: n0 }, (_, k) => (k % 9 === 0 ? (k % 2 ? 1 : -1) * (85 * DEG) : k % 7 === 0 ? 81.5 * DEG : (rng.uniform() - 0.5) * 160 * DEG));
      const col = Int32Array.from({ length: n0 }, () => Math.floor(3 * rng.uniform()));
      // bulk normals: a zero move, ±6σ moves (|Δ| = 0.31 rad: Math.sin/cos), +1.2σ pushes the 81.5° events into the cap (redraws)
      const m = 40;
      const norm = Float64Array.from({ length: m }, (_, k) => (k === 3 ? 0 : k === 5 ? 6 : k === 8 ? -6 : (k * 7) % 5 === 0 ? 1.2 : rng.normal()));
      w.f64.dec0.set(dec0);
      for (let k = 0; k < n0; k++) { w.f64.s0[k] = Math.sin(dec0[k]); w.f64.c0[k] = Math.cos(dec0[k]); }
      w.i32.col.set(col);
      w.i32.cellRow.fill(-1);
      w.f64.norm.set(norm);
      w.f64.counts.fill(0);
      w.f64.hist.fill(0);
      const gen = new Rng(11), ref = new Rng(11);
      w.loadRng(gen);
      w.jit(n0, m);
      w.storeRng(gen);
      // JS: jitterDecBulk's rule with these normals, then fillShiftedSinCos and TrialBackground.rebuild's per-event work
      const dec = new Float64Array(n0), s = new Float64Array(n0), c = new Float64Array(n0);
      let p = 0, extra = 0, redraws = 0;
      const next = () => (p < m ? norm[p++] : (extra++, ref.normal()));
      for (let k = 0; k < n0; k++) {
        const d0 = dec0[k];
        if (d0 > lim || d0 < -lim) { dec[k] = d0; continue; }
        let d = d0 + width * next();
        for (let r = 0; r < 100 && (d > lim || d < -lim); r++) { d = d0 + width * next(); redraws++; }
        dec[k] = d > lim || d < -lim ? d0 : d;
      }
      expect(extra).toBeGreaterThan(0);
      expect(redraws).toBeGreaterThan(0);
      fillShiftedSinCos(dec, dec0, w.f64.s0, w.f64.c0, 0, n0, s, c);
      const counts = new Float64Array(nGrid), hist = new Float64Array(nR * nE), bins = new Int32Array(n0);
      for (let k = 0; k < n0; k++) {
        let cell = Math.floor((s[k] + 1) / (2 / nGrid));
        cell = cell < 0 ? 0 : cell >= nGrid ? nGrid - 1 : cell;
        counts[cell]++;
        bins[k] = findEdge(edges, s[k]) * nE + col[k];
        hist[bins[k]]++;
      }
      expect(Array.from(w.f64.dec.subarray(0, n0))).toEqual(Array.from(dec));
      expect(Array.from(w.f64.sinDec.subarray(0, n0))).toEqual(Array.from(s));
      expect(Array.from(w.f64.cosDec.subarray(0, n0))).toEqual(Array.from(c));
      expect(Array.from(w.i32.eBin.subarray(0, n0))).toEqual(Array.from(bins));
      expect(Array.from(w.f64.counts)).toEqual(Array.from(counts));
      expect(Array.from(w.f64.hist)).toEqual(Array.from(hist));
      expect([gen.normal(), gen.uniform()]).toEqual([ref.normal(), ref.uniform()]);
    });
  }
});

describe('PsWasm constant pool', () => {
  const z = { cap: 3001, n0: 3001, nBins: 4, nE: 2, edges: Float64Array.of(-1, 0, 1), uniformEdges: true, nGrid: 100, bandwidth: 0.1, lim: 1.4, width: 0.05 };
  const make = (pool: boolean): PsWasm => {
    const prev = process.env.NUSKY_PS_KPOOL;
    process.env.NUSKY_PS_KPOOL = pool ? '1' : '0';
    try {
      return new PsWasm(z, () => 0, 65536);
    } finally {
      if (prev === undefined) delete process.env.NUSKY_PS_KPOOL;
      else process.env.NUSKY_PS_KPOOL = prev;
    }
  };
  const poolBytes = (w: PsWasm) => new Uint8Array(w.memory.buffer, w.addrOf('kpool'), 4096);
  // lnfill, jit (its four-event, pair and bins loops), kde and invd of one lane state
  const passes = (w: PsWasm): number[] => {
    const n = z.n0, rng = new Rng(9);
    for (let k = 0; k < n; k++) { w.f64.dec0[k] = (rng.uniform() - 0.5) * 2.6; w.f64.s0[k] = Math.sin(w.f64.dec0[k]); w.f64.c0[k] = Math.cos(w.f64.dec0[k]); }
    w.i32.cellRow.fill(0);
    w.lanes.seedFrom(new Rng(21));
    w.loadRng(new Rng(22));
    w.lnfill(n);
    w.f64.counts.fill(0);
    w.f64.hist.fill(0);
    w.jit(n, n);
    w.kde(1e-3);
    w.invd(0, n);
    return [...w.f64.norm, ...w.f64.sinDec, ...w.f64.cosDec, ...w.f64.counts, ...w.f64.invD];
  };

  it('holds the hoisted constants of the passes in the ps memory before the reserved pages, and the passes give what inline constants give, bit for bit', () => {
    const w = make(true), w0 = make(false);
    expect(w.addrOf('kpool') + 4096).toBeLessThanOrEqual(w.spareBase);
    expect(poolBytes(w).some((b) => b !== 0)).toBe(true);
    expect(poolBytes(w0).every((b) => b === 0)).toBe(true);
    const a = passes(w), b = passes(w0);
    expect(a.length).toBe(b.length);
    let bad = 0;
    for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) bad++;
    expect(bad).toBe(0);
    // the constants are read from there: with the pool's bytes zeroed, jit no longer gives its sin δ (other numbers or a
    // trap; jit's loops end on integer counts — not the draws: with 1 read as 0 lnfill would accept no candidate, never end)
    const ref = w0.f64.sinDec.slice();
    poolBytes(w).fill(0);
    let changed = false;
    try {
      w.loadRng(new Rng(22));
      w.jit(z.n0, z.n0);
      changed = ref.some((x, k) => !Object.is(x, w.f64.sinDec[k]));
    } catch {
      changed = true;
    }
    expect(changed).toBe(true);
  });
});
