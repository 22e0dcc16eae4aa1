import { InputError } from '../errors.js';
import type { RingPairs } from './ringInterp.js';
import { ringTable } from './ringInterp.js';
import type { TemplateSpatial } from './templatePdf.js';
import { RING_MAGIC, templateLookupModuleBytes, type TemplateLookupLayout } from './templateLookupWasm.js';

/**
 * Per-trial evaluation of S, x = (S − S̃)·R/D̃ and the power sums of x for a template search in one
 * WebAssembly call (templateLookupWasm.ts). Everything that does not depend on RA is laid out once
 * in the instance's own memory: per event the ring record and z weight in each σ map, the σ weight,
 * S̃ and R/D̃; the maps as padded rings (the JS path's f32 values), the two σ maps of an event
 * interleaved per pixel when they share a nside. S is bit-identical to TemplateEventPdf.evalS;
 * x differs from ((S − S̃)/D̃)·R by rounding only (R/D̃ is precomputed).
 */

export interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
/** bytes of TemplateLookup's memory left to the caller at spareAddr */
export const SPARE_BYTES = 128;
interface WasmApi { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } }
type RunFn = () => number;

const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
let enabled = process.env.NUSKY_TEMPLATE_WASM !== '0';

/** Switch the WebAssembly path off/on for TemplateLookups created afterwards (tests compare both; NUSKY_TEMPLATE_WASM=0). */
export function useTemplateWasm(on: boolean): void {
  enabled = on;
}

/**
 * What signal trials with a rebuilt background (updateBg) need per event: the sin δ density grid
 * cell and weight (densityCells) and the energy-PDF bin; nGrid density cells, nBins energy bins.
 */
export interface BackgroundCells {
  cellK: Int32Array;
  cellF: Float64Array;
  bin: Int32Array;
  nGrid: number;
  nBins: number;
}

/**
 * Grid cell k and weight f of each sin δ on an nGrid-cell density grid over [−1, 1], such that
 * p[k](1 − f) + p[k+1]f is evalSinDecDensity's value exactly (ends: k = 0, f = 0 and
 * k = nGrid − 2, f = 1, which give p[0] and p[nGrid − 1]).
 */
export function densityCells(nGrid: number, sinDec: ArrayLike<number>): { cellK: Int32Array; cellF: Float64Array } {
  const n = sinDec.length;
  const cellK = new Int32Array(n), cellF = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (sinDec[i] + 1) / (2 / nGrid) - 0.5;
    const k = t <= 0 ? 0 : t >= nGrid - 1 ? nGrid - 2 : Math.floor(t);
    cellK[i] = k;
    cellF[i] = t <= 0 ? 0 : t >= nGrid - 1 ? 1 : t - k;
  }
  return { cellK, cellF };
}

/** x, power sums and exact list of an updateBg trial (views of the kernel memory, valid until the next call) */
export interface UpdatedBgX {
  x: Float64Array;
  sums: Float64Array;
  exact: Float64Array;
  nExact: number;
}

/** WebAssembly (with SIMD) usable here? Checked once with a tiny layout. */
let available: boolean | undefined;
function wasmAvailable(): boolean {
  if (available === undefined) {
    try {
      const z = { runs: 64, nRuns: 0, n: 0, xb: 1, sumX: 64, ra: 64, tmpP: 64, tmpF: 64, cellK: 64, cellF: 64, bin: 64, pGrid: 64, rTab: 64, xu: 64, exU: 64, sumsU: 64, gA: 64, wzA: 64, gB: 64, wzB: 64, w: 64, st: 64, cx: 64, s: 64, x: 64, ex: 64, sums: 64 };
      available = !!WA && !!new WA.Module(templateLookupModuleBytes(z));
    } catch {
      available = false;
    }
  }
  return available;
}

export class TemplateLookup {
  readonly n: number;
  /** P1 … P8: Σ x^k over the events with |x| ≤ xb, after the last run() */
  readonly sums: Float64Array;
  /** x of the events with |x| > xb, first `nExact` entries valid after the last run() */
  readonly exact: Float64Array;
  nExact = 0;
  /** the kernel's input RAs and output S and x (views of its memory, which never grows) */
  readonly ra: Float64Array;
  readonly s: Float64Array;
  readonly x: Float64Array;
  /** the kernel's memory (never grown after set-up), the byte address of `ra`, and SPARE_BYTES free bytes (16-aligned) */
  readonly memory: WasmMemory;
  readonly raAddr: number;
  readonly spareAddr: number;
  private readonly fn: RunFn;
  private readonly fnShared: RunFn;
  private readonly fnBg: RunFn;
  private readonly fnSums: RunFn;
  private readonly sumXView: Float64Array;
  private sumsFresh = false;
  private readonly hasBg: boolean;
  private readonly nGrid: number;
  private readonly nBins: number;
  private readonly pGrid: Float64Array;
  private readonly rTab: Float64Array;
  private readonly bgOut: UpdatedBgX;
  /** pass-1 results (pixel indices, fractions of both rings) and the inputs they depend on */
  private readonly tmpP: Int32Array;
  private readonly tmpF: Float64Array;
  private readonly passKey: Int32Array;
  private readonly sharesWith = new WeakMap<TemplateLookup, boolean>();

  /** null when WebAssembly is unavailable/disabled or the σ grid has a single map (the JS path handles those). */
  static create(spatial: TemplateSpatial, k0: Int32Array, w: Float64Array, pairs: RingPairs[], sTilde: Float64Array, cx: Float64Array, xb: number, bg?: BackgroundCells): TemplateLookup | null {
    if (!enabled || spatial.sigmas.length < 2 || !wasmAvailable() || !WA) return null;
    return new TemplateLookup(WA, spatial, k0, w, pairs, sTilde, cx, xb, bg);
  }

  private constructor(wa: WasmApi, spatial: TemplateSpatial, k0: Int32Array, w: Float64Array, pairs: RingPairs[], sTilde: Float64Array, cx: Float64Array, readonly xb: number, bg?: BackgroundCells) {
    const n = k0.length;
    this.n = n;
    const { nsides, offsets, maps } = spatial;
    // runs of events with the same map index k (events come sorted by σ)
    const runs: number[] = [];
    for (let i0 = 0; i0 < n; ) {
      let i1 = i0 + 1;
      while (i1 < n && k0[i1] === k0[i0]) i1++;
      runs.push(k0[i0], i0, i1);
      i0 = i1;
    }
    // byte layout
    let top = 64;
    const alloc = (bytes: number) => { const a = top; top += Math.ceil(bytes / 8) * 8; return a; };
    // ring geometry, per nside: 48 bytes per ring r, [count, shift, MAGIC + start] of rings r and r + 1 as f64x2
    const pairGeoAddr = new Map<number, number>();
    for (const ns of new Set(nsides)) pairGeoAddr.set(ns, alloc(48 * (4 * ns - 1)));
    // + 1: a read one past the last ring (t = 1 with shift 0) meets 0, weighted by f = 0
    const padded = (ns: number) => 12 * ns * ns + 2 * (4 * ns - 1) + 1;
    const pairAddr = new Map<number, number>(), singleAddr = new Map<number, number>();
    for (let q = 0; q < runs.length; q += 3) {
      const k = runs[q];
      if (nsides[k] === nsides[k + 1]) { if (!pairAddr.has(k)) pairAddr.set(k, alloc(8 * padded(nsides[k]))); }
      else for (const kk of [k, k + 1]) if (!singleAddr.has(kk)) singleAddr.set(kk, alloc(4 * padded(nsides[kk])));
    }
    const nRuns = runs.length / 3;
    const runTab = alloc(20 * nRuns);
    const names = ['ra', 'gA', 'tmpP', 'wzA', 'gB', 'wzB', 'w', 'st', 'cx', 's', 'x', 'ex', 'cellK', 'cellF', 'bin', 'xu', 'exU'] as const;
    const at: Record<string, number> = {};
    for (const nm of names) at[nm] = alloc(8 * (n + 1));
    // pass-1 fractions of the two rings (f64x2 per event)
    at.tmpF = alloc(16 * (n + 1));
    const sumsAddr = alloc(64);
    // spare bytes for a trial kernel's own code on this memory (the template kernel's RA draws: lane state, tail)
    const spare = alloc(SPARE_BYTES + 16);
    at.sumsU = alloc(64);
    at.sumX = alloc(8);
    this.nGrid = bg?.nGrid ?? 2;
    this.nBins = bg?.nBins ?? 1;
    at.pGrid = alloc(8 * this.nGrid);
    at.rTab = alloc(8 * this.nBins);
    type Name = (typeof names)[number] | 'tmpF' | 'sumsU' | 'sumX' | 'pGrid' | 'rTab';
    const L: TemplateLookupLayout = { runs: runTab, nRuns, n, xb, sums: sumsAddr, ...(at as Record<Name, number>) };
    const inst = new wa.Instance(new wa.Module(templateLookupModuleBytes(L)), {});
    const ex = inst.exports as { mem: WasmMemory; run: RunFn; runShared: RunFn; updatedBg: RunFn; sums: RunFn };
    const have = ex.mem.buffer.byteLength;
    if (top > have) ex.mem.grow(Math.ceil((top - have) / 65536));
    const buf = ex.mem.buffer; // never grown again: views stay valid
    // ring geometry and padded maps
    const tables = new Map<number, ReturnType<typeof ringTable>>();
    for (const [ns, a] of pairGeoAddr) {
      const t = ringTable(ns);
      tables.set(ns, t);
      const nr = t.z.length;
      const rec = new Float64Array(3 * nr);
      let pad = 1;
      for (let r = 0; r < nr; r++) {
        rec.set([t.count[r], t.shift[r], RING_MAGIC + pad], 3 * r);
        pad += t.count[r] + 2;
      }
      // pair records: [count, shift, MAGIC + start] of rings r and r + 1 as lanes (r twice for the last)
      const pr = new Float64Array(buf, a, 6 * nr);
      for (let r = 0; r < nr; r++) {
        const r1 = Math.min(r + 1, nr - 1);
        for (let f = 0; f < 3; f++) {
          pr[6 * r + 2 * f] = rec[3 * r + f];
          pr[6 * r + 2 * f + 1] = rec[3 * r1 + f];
        }
      }
    }
    const fillPadded = (dst: Float32Array | Float64Array, stride: number, lane: number, k: number) => {
      const t = tables.get(nsides[k])!;
      let pad = 1;
      for (let r = 0; r < t.z.length; r++) {
        const c = t.count[r], src = offsets[k] + t.start[r];
        for (let j = -1; j <= c; j++) dst[stride * (pad + j) + lane] = maps[src + ((j + c) % c)];
        pad += c + 2;
      }
    };
    for (const [k, a] of pairAddr) {
      const dst = new Float32Array(buf, a, 2 * padded(nsides[k]));
      fillPadded(dst, 2, 0, k);
      fillPadded(dst, 2, 1, k + 1);
    }
    for (const [k, a] of singleAddr) fillPadded(new Float32Array(buf, a, padded(nsides[k])), 1, 0, k);
    const rt = new Int32Array(buf, runTab, 5 * nRuns);
    for (let q = 0, o = 0; q < runs.length; q += 3, o += 5) {
      const k = runs[q], pair = pairAddr.has(k);
      rt.set([pair ? 0 : 1, runs[q + 1], runs[q + 2], pair ? pairAddr.get(k)! : singleAddr.get(k)!, pair ? 0 : singleAddr.get(k + 1)!], o);
    }
    // per-event constants: the address of the upper ring's geometry record in maps k and k+1, …
    const f64 = (nm: string) => new Float64Array(buf, at[nm], n);
    const gA = new Int32Array(buf, at.gA, n), gB = new Int32Array(buf, at.gB, n);
    const wzA = f64('wzA'), wzB = f64('wzB'), wv = f64('w'), stv = f64('st'), cxv = f64('cx');
    for (let i = 0; i < n; i++) {
      const k = k0[i];
      gA[i] = pairGeoAddr.get(nsides[k])! + 48 * pairs[k].ring0[i];
      wzA[i] = pairs[k].wz[i];
      gB[i] = pairGeoAddr.get(nsides[k + 1])! + 48 * pairs[k + 1].ring0[i];
      wzB[i] = pairs[k + 1].wz[i];
    }
    wv.set(w);
    stv.set(sTilde);
    cxv.set(cx);
    this.memory = ex.mem;
    this.raAddr = at.ra;
    this.spareAddr = (spare + 15) & ~15;
    this.ra = f64('ra');
    this.s = f64('s');
    this.x = f64('x');
    this.exact = f64('ex');
    this.sums = new Float64Array(buf, sumsAddr, 8);
    this.fn = ex.run;
    this.fnShared = ex.runShared;
    this.tmpP = new Int32Array(buf, at.tmpP, 2 * n);
    this.tmpF = new Float64Array(buf, at.tmpF, 2 * n);
    // pass 1 depends on ra, the runs and each event's ring (pair-geometry record): equal keys ⇒ equal pass 1
    this.passKey = Int32Array.from([...rt, ...gA, ...Array.from(nsides)]);
    // updated-background trials
    this.hasBg = !!bg;
    if (bg) {
      new Int32Array(buf, at.cellK, n).set(bg.cellK);
      f64('cellF').set(bg.cellF);
      new Int32Array(buf, at.bin, n).set(bg.bin);
    }
    this.pGrid = new Float64Array(buf, at.pGrid, this.nGrid);
    this.rTab = new Float64Array(buf, at.rTab, this.nBins);
    this.fnBg = ex.updatedBg;
    this.fnSums = ex.sums;
    this.sumXView = new Float64Array(buf, at.sumX, 1);
    this.bgOut = { x: f64('xu'), sums: new Float64Array(buf, at.sumsU, 8), exact: f64('exU'), nExact: 0 };
  }

  /**
   * x_i = (S_i − S̃_i)·2π/D_i·R_{bin(i)} at the current S with another background: D from the sin δ
   * density grid pGrid (nGrid values), R the energy S/B per bin (nBins). For signal trials that
   * rebuild the background (updateBg); leaves the scramble's x and sums alone. Requires the
   * BackgroundCells at creation.
   */
  updatedBg(pGrid: Float64Array, rTab: Float64Array): UpdatedBgX {
    if (!this.hasBg || pGrid.length !== this.nGrid || rTab.length !== this.nBins)
      throw new InputError(`TemplateLookup.updatedBg: needs the BackgroundCells at creation and ${this.nGrid} grid values / ${this.nBins} bins, found ${pGrid.length} / ${rTab.length}`);
    this.pGrid.set(pGrid);
    this.rTab.set(rTab);
    this.bgOut.nExact = this.fnBg();
    return this.bgOut;
  }

  /**
   * Like run() at the RAs of `src` (another template's lookup for the same events and σ grid, just
   * run): its pass-1 results (ring indices and fractions, template-independent) are copied instead
   * of recomputed. Falls back to run() when the two do not share events and geometry.
   */
  runFrom(src: TemplateLookup, sums = true): void {
    this.ra.set(src.ra);
    this.sumsFresh = false;
    let ok = this.sharesWith.get(src);
    if (ok === undefined) {
      const a = this.passKey, b = src.passKey;
      ok = a.length === b.length && a.every((v, i) => v === b[i]);
      this.sharesWith.set(src, ok);
    }
    if (!ok) this.fn();
    else {
      this.tmpP.set(src.tmpP);
      this.tmpF.set(src.tmpF);
      this.fnShared();
    }
    if (sums) this.ensureSums();
  }

  /** Σx of the last run (in the events' order of the runs) */
  get sumX(): number {
    return this.sumXView[0];
  }

  /** Make `sums`, `exact` and `nExact` describe the last run's x (run(…, false) leaves them stale). */
  ensureSums(): void {
    if (this.sumsFresh) return;
    this.nExact = this.fnSums();
    this.sumsFresh = true;
  }

  /**
   * S and x at RAs `ra` into s and x, and Σx (sumX); the power sums and the exact list too unless
   * `sums` is false (then ensureSums() when needed). Pass this.ra, this.s, this.x (TemplateSearch
   * does) to skip the copies.
   */
  run(ra: Float64Array = this.ra, s: Float64Array = this.s, x: Float64Array = this.x, sums = true): void {
    if (ra !== this.ra) this.ra.set(ra.subarray(0, this.n));
    this.sumsFresh = false;
    this.fn();
    if (sums) this.ensureSums();
    if (s !== this.s) s.set(this.s);
    if (x !== this.x) x.set(this.x);
  }
}
