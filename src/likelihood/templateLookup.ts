import type { RingPairs } from './ringInterp.js';
import { ringTable } from './ringInterp.js';
import type { TemplateSpatial } from './templatePdf.js';
import { templateLookupModuleBytes } from './templateLookupWasm.js';

/**
 * Per-trial evaluation of S, x = (S − S̃)·R/D̃ and the power sums of x for a template search in one
 * WebAssembly call (templateLookupWasm.ts). Everything that does not depend on RA is laid out once
 * in the instance's own memory: per event the ring index and z weight in each σ map, the σ weight,
 * S̃ and R/D̃; the maps as padded rings (f32, the JS path's values), the two σ maps of an event
 * interleaved per pixel when they share a nside. S is bit-identical to TemplateEventPdf.evalS;
 * x differs from ((S − S̃)/D̃)·R by rounding only (R/D̃ is precomputed).
 */

interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } }
type RunFn = (runs: number, nRuns: number, ra: number, ringA: number, wzA: number, ringB: number, wzB: number, w: number,
  st: number, cx: number, s: number, x: number, ex: number, sums: number, xb: number) => number;

const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;
let enabled = process.env.NUSKY_TEMPLATE_WASM !== '0';

/** Switch the WebAssembly path off/on for TemplateLookups created afterwards (tests compare both; NUSKY_TEMPLATE_WASM=0). */
export function useTemplateWasm(on: boolean): void {
  enabled = on;
}

function wasmModule(): object | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = WA ? new WA.Module(templateLookupModuleBytes()) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export class TemplateLookup {
  readonly n: number;
  /** P1 … P8: Σ x^k over the events with |x| ≤ xb, after the last run() */
  readonly sums: Float64Array;
  /** x of the events with |x| > xb, first `nExact` entries valid after the last run() */
  readonly exact: Float64Array;
  nExact = 0;
  private readonly fn: RunFn;
  private readonly ra: Float64Array;
  private readonly s: Float64Array;
  private readonly x: Float64Array;
  private readonly addr: number[];
  private readonly nRuns: number;

  /** null when WebAssembly is unavailable/disabled or the σ grid has a single map (the JS path handles those). */
  static create(spatial: TemplateSpatial, k0: Int32Array, w: Float64Array, pairs: RingPairs[], sTilde: Float64Array, cx: Float64Array, xb: number): TemplateLookup | null {
    const mod = enabled && spatial.sigmas.length >= 2 ? wasmModule() : null;
    if (!mod || !WA) return null;
    return new TemplateLookup(mod, WA, spatial, k0, w, pairs, sTilde, cx, xb);
  }

  private constructor(mod: object, wa: WasmApi, spatial: TemplateSpatial, k0: Int32Array, w: Float64Array, pairs: RingPairs[], sTilde: Float64Array, cx: Float64Array, readonly xb: number) {
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
    const geoAddr = new Map<number, number>();
    for (const ns of new Set(nsides)) geoAddr.set(ns, alloc(24 * (4 * ns - 1)));
    // + 1: a read one past the last ring (t = 1 with shift 0) meets 0, weighted by f = 0
    const padded = (ns: number) => 12 * ns * ns + 2 * (4 * ns - 1) + 1;
    const pairAddr = new Map<number, number>(), singleAddr = new Map<number, number>();
    for (let q = 0; q < runs.length; q += 3) {
      const k = runs[q];
      if (nsides[k] === nsides[k + 1]) { if (!pairAddr.has(k)) pairAddr.set(k, alloc(8 * padded(nsides[k]))); }
      else for (const kk of [k, k + 1]) if (!singleAddr.has(kk)) singleAddr.set(kk, alloc(4 * padded(nsides[kk])));
    }
    const runTab = alloc(28 * (runs.length / 3));
    const names = ['ra', 'ringA', 'wzA', 'ringB', 'wzB', 'w', 'st', 'cx', 's', 'x', 'ex'] as const;
    const at: Record<string, number> = {};
    for (const nm of names) at[nm] = alloc(8 * n);
    const sumsAddr = alloc(64);
    const inst = new wa.Instance(mod, {});
    const ex = inst.exports as { mem: WasmMemory; run: RunFn };
    const have = ex.mem.buffer.byteLength;
    if (top > have) ex.mem.grow(Math.ceil((top - have) / 65536));
    const buf = ex.mem.buffer; // never grown again: views stay valid
    // ring geometry and padded maps
    const tables = new Map<number, ReturnType<typeof ringTable>>();
    for (const [ns, a] of geoAddr) {
      const t = ringTable(ns);
      tables.set(ns, t);
      const dv = new DataView(buf, a, 24 * t.z.length);
      let pad = 1;
      for (let r = 0; r < t.z.length; r++) {
        dv.setFloat64(24 * r, t.count[r], true);
        dv.setFloat64(24 * r + 8, t.shift[r], true);
        dv.setInt32(24 * r + 16, pad, true);
        pad += t.count[r] + 2;
      }
    }
    const fillPadded = (dst: Float32Array, stride: number, lane: number, k: number) => {
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
    const rt = new Int32Array(buf, runTab, 7 * (runs.length / 3));
    for (let q = 0, o = 0; q < runs.length; q += 3, o += 7) {
      const k = runs[q], pair = pairAddr.has(k);
      rt.set([pair ? 0 : 1, runs[q + 1], runs[q + 2], pair ? pairAddr.get(k)! : singleAddr.get(k)!, geoAddr.get(nsides[k])!,
        pair ? 0 : singleAddr.get(k + 1)!, geoAddr.get(nsides[k + 1])!], o);
    }
    // per-event constants
    const f64 = (nm: string) => new Float64Array(buf, at[nm], n);
    const ringA = new Int32Array(buf, at.ringA, n), ringB = new Int32Array(buf, at.ringB, n);
    const wzA = f64('wzA'), wzB = f64('wzB');
    for (let i = 0; i < n; i++) {
      const k = k0[i];
      ringA[i] = pairs[k].ring0[i];
      wzA[i] = pairs[k].wz[i];
      ringB[i] = pairs[k + 1].ring0[i];
      wzB[i] = pairs[k + 1].wz[i];
    }
    f64('w').set(w);
    f64('st').set(sTilde);
    f64('cx').set(cx);
    this.ra = f64('ra');
    this.s = f64('s');
    this.x = f64('x');
    this.exact = f64('ex');
    this.sums = new Float64Array(buf, sumsAddr, 8);
    this.fn = ex.run;
    this.nRuns = runs.length / 3;
    this.addr = [runTab, this.nRuns, at.ra, at.ringA, at.wzA, at.ringB, at.wzB, at.w, at.st, at.cx, at.s, at.x, at.ex, sumsAddr];
  }

  /** S and x at RAs `ra` into s and x (JS arrays); sums and the exact list are updated. */
  run(ra: Float64Array, s: Float64Array, x: Float64Array): void {
    this.ra.set(ra.subarray(0, this.n));
    const a = this.addr;
    this.nExact = this.fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], this.xb);
    s.set(this.s);
    x.set(this.x);
  }
}
