/**
 * What the generators of the ps kernel's WebAssembly passes share (psPassWasm.ts assembles them):
 * the sizes, the array addresses (load offsets), element access helpers, the import and function
 * indices of the module, and the scalar series constants of fastTrig.ts.
 */
import { f, i, type Code } from './wasmAsm.js';

export interface PsWasmSizes {
  /** array capacity (data + injected events), data events */
  cap: number; n0: number;
  /** energy bins (rows × columns), sin δ rows and their edges */
  nBins: number; nE: number; edges: Float64Array; uniformEdges: boolean;
  /** KDE grid, bandwidth; pole limit and width of the jitter */
  nGrid: number; bandwidth: number; lim: number; width: number;
  /**
   * the largest κ (pdfC) of the data's vMF events, all finite: below 68 the table arguments of the pair path
   * are in range by construction (256κ·cos δ cos δs < 68·256, |κ(cos ψ − 1)| ≤ 2κ < 700, RA from ras in
   * [0, 2π)) and their run-time checks are left out
   */
  maxKappa?: number;
  /** γ grid values of the energy S/B grid (ratios(); 0: not used) */
  nGam?: number;
}

/** imports (JS callbacks for rare branches) and the module's internal functions called by index */
export const IMP = { log: 0, sin: 1, cos: 2, exp: 3, i0e: 4, row: 5 }, FN_LOG = 12, FN_NRM1 = 13;

// Taylor coefficients of fastTrig.ts
export const S3 = 1 / 6, S5 = 1 / 120, S7 = 1 / 5040, S9 = 1 / 362880, S11 = 1 / 39916800;
export const C2 = 1 / 2, C4 = 1 / 24, C6 = 1 / 720, C8 = 1 / 40320, C10 = 1 / 3628800, C12 = 1 / 479001600;

// psf.ts besselI0eFast's grid: e^{−x}I0(x) at x = −h, 0, h, …, (N+1)h, h = 1/256
export const I0E_INV_H = 256, I0E_N = 68 * I0E_INV_H;

export interface PsAsm {
  z: PsWasmSizes;
  /** byte address of each array */
  A: Record<string, number>;
  /** element of array `name` at byte offset o (8k for f64, 4k for i32, computed by the caller) */
  ld: (name: string, o: Code) => Code;
  ldi: (name: string, o: Code) => Code;
  st: (name: string, o: Code, v: Code) => Code;
  sti: (name: string, o: Code, v: Code) => Code;
  o8: (k: Code) => Code;
  o4: (k: Code) => Code;
  /** name[o] += 1 (f64) */
  inc: (name: string, o: Code) => Code;
}

export function psAsm(z: PsWasmSizes, A: Record<string, number>): PsAsm {
  const ld = (name: string, o: Code) => f.load(o, A[name]);
  const st = (name: string, o: Code, v: Code) => f.store(o, v, A[name]);
  return {
    z, A, ld, st,
    ldi: (name, o) => i.load(o, A[name]),
    sti: (name, o, v) => i.store(o, v, A[name]),
    o8: (k) => i.shl(k, i.c(3)),
    o4: (k) => i.shl(k, i.c(2)),
    inc: (name, o) => st(name, o, f.add(ld(name, o), f.c(1))),
  };
}
