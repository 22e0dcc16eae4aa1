/**
 * WebAssembly version of the ring scanner's common inner loop (ringScan.ts: one vMF event,
 * not a large-S̃ one, over its contiguous range of ring pixels), assembled here from opcodes like
 * src/sky/sht/wasm.ts and src/likelihood/templateLookupWasm.ts (no toolchain, no binary blob).
 * Why: in V8 every typed-array access in a JS loop reloads the array's map, length and base,
 * and this loop has ten per event-pixel pair. The arithmetic is the JS loop's operation for
 * operation (cos ψ, fastExp's table method, y, the moment updates), so results are bit-identical
 * (tested in ringScan.test.ts).
 *
 * Memory (byte addresses): 0: fastExp table (2^(k/64) for k < 64, then 2^q at 64 + 1074 + q);
 * pxy: pixel (p_x, p_y) pairs; M: moments (m1, m2, m3) per (bin, unwrapped pixel); cand: 16-byte
 * records (pixel j as i32 at +0, y as f64 at +8) of the exact candidates.
 * ev(j0, j1, ux, uy, A, cosReach, κ, a/D̃, S̃/D̃, yBig, yo, yo², yo³, mBase, pxyBase, nT, candBase) → nT.
 */

import { uleb, sleb, str, section, f64c, get, set, tee, i32c } from '../wasm/encode.js';

const I32 = 0x7f, F64 = 0x7c;
const f64load = (off: number) => [0x2b, 3, ...uleb(off)];
const f64store = (off: number) => [0x39, 3, ...uleb(off)];
const i32store = (off: number) => [0x36, 2, ...uleb(off)];
const ADD = 0xa0, SUB = 0xa1, MUL = 0xa2, ABS = 0x99, GE = 0x66;
const IADD = 0x6a, IMUL = 0x6c, ISHL = 0x74, ISHR = 0x75, IAND = 0x71, IGE = 0x4e, TRUNC = 0xaa;

export const EXP_INV = 64 / Math.LN2;
export const EXP_SHIFT = 6755399441055744;
export const EXP_HI = 6.93147180369123816490e-1 / 64;
export const EXP_LO = 1.90821492927058770002e-10 / 64;
/** fastExp's tables in one array: 2^(k/64) at k < 64, 2^q at 64 + 1074 + q */
export const EXP_TABLE = Float64Array.from({ length: 64 + 2100 }, (_, k) => (k < 64 ? Math.pow(2, k / 64) : Math.pow(2, k - 64 - 1074)));

// params
const J0 = 0, J1 = 1, UX = 2, UY = 3, A = 4, CR = 5, KAP = 6, AD = 7, BT = 8, YBIG = 9, YO = 10, YO2 = 11, YO3 = 12, MBASE = 13, PXY = 14, NT = 15, CAND = 16;
// locals
const J = 17, CPSI = 18, X = 19, ND = 20, N = 21, R = 22, Y = 23, Q = 24, Y2 = 25;

function body(): number[] {
  const pxyAddr = [...get(J), ...i32c(4), ISHL, ...get(PXY), IADD];
  const mUpd = (off: number, val: number[]) => [...get(Q), ...get(Q), ...f64load(off), ...val, ...f64store(off)];
  const inWindow = [
    // x = κ(cos ψ − 1); n = round(x·64/ln2); r = x − n·HI − n·LO
    ...get(KAP), ...get(CPSI), ...f64c(1), SUB, MUL, ...tee(X),
    ...f64c(EXP_INV), MUL, ...f64c(EXP_SHIFT), ADD, ...f64c(EXP_SHIFT), SUB, ...tee(ND), TRUNC, ...set(N),
    ...get(X), ...get(ND), ...f64c(EXP_HI), MUL, SUB, ...get(ND), ...f64c(EXP_LO), MUL, SUB, ...set(R),
    // y = a/D̃ · (T[(n >> 6) + 1138] · T[n & 63] · p(r)) − S̃/D̃
    ...get(AD),
    ...get(N), ...i32c(6), ISHR, ...i32c(1138), IADD, ...i32c(3), ISHL, ...f64load(0),
    ...get(N), ...i32c(63), IAND, ...i32c(3), ISHL, ...f64load(0),
    MUL,
    ...f64c(1), ...get(R), ...f64c(1), ...get(R), ...f64c(0.5), ...get(R), ...f64c(1 / 6), ...get(R), ...f64c(1 / 24), ...get(R), ...f64c(1 / 120),
    MUL, ADD, MUL, ADD, MUL, ADD, MUL, ADD, MUL, ADD,
    MUL, MUL, ...get(BT), SUB, ...tee(Y),
    // q = mBase + 24 j
    ...get(J), ...i32c(24), IMUL, ...get(MBASE), IADD, ...set(Q),
    ABS, ...get(YBIG), GE,
    0x04, 0x40,
    ...mUpd(0, [...get(YO), SUB]), ...mUpd(8, [...get(YO2), SUB]), ...mUpd(16, [...get(YO3), SUB]),
    ...get(NT), ...i32c(4), ISHL, ...get(CAND), IADD, ...get(J), ...i32store(0),
    ...get(NT), ...i32c(4), ISHL, ...get(CAND), IADD, ...get(Y), ...f64store(8),
    ...get(NT), ...i32c(1), IADD, ...set(NT),
    0x05,
    ...get(Y), ...get(Y), MUL, ...set(Y2),
    ...mUpd(0, [...get(Y), ...get(YO), SUB, ADD]),
    ...mUpd(8, [...get(Y2), ...get(YO2), SUB, ADD]),
    ...mUpd(16, [...get(Y2), ...get(Y), MUL, ...get(YO3), SUB, ADD]),
    0x0b,
  ];
  const loop = [
    0x02, 0x40, 0x03, 0x40,
    ...get(J), ...get(J1), IGE, 0x0d, 1,
    ...get(UX), ...pxyAddr, ...f64load(0), MUL, ...get(UY), ...pxyAddr, ...f64load(8), MUL, ADD, ...get(A), ADD, ...tee(CPSI),
    ...get(CR), GE, 0x04, 0x40, ...inWindow, 0x0b,
    ...get(J), ...i32c(1), IADD, ...set(J),
    0x0c, 0, 0x0b, 0x0b,
  ];
  const locals = [...uleb(6), 1, I32, 3, F64, 1, I32, 2, F64, 1, I32, 1, F64];
  // locals: j (i32); cpsi, x, nd (f64); n (i32); r, y (f64); q (i32); y2 (f64)
  const code = [...locals, ...get(J0), ...set(J), ...loop, ...get(NT), 0x0b];
  return [...uleb(code.length), ...code];
}

function moduleBytes(): Uint8Array {
  const params = [I32, I32, ...Array(11).fill(F64), I32, I32, I32, I32];
  const type = [0x60, ...uleb(params.length), ...params, 1, I32];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type]),
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, 0x01]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...str('ev'), 0x00, 0]),
    ...section(10, [1, ...body()]),
  ];
  return new Uint8Array(bytes);
}

export type GatherEv = (j0: number, j1: number, ux: number, uy: number, a: number, cr: number, kap: number, aD: number, bt: number, yBig: number, yo: number, yo2: number, yo3: number, mBase: number, pxyBase: number, nT: number, candBase: number) => number;

/** The few WebAssembly JS-API types used here (the project's lib settings do not include them). */
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export interface GatherWasm {
  memory: WasmMemory;
  ev: GatherEv;
}

let compiled: object | null | undefined;

/** A fresh instance with its own memory (one per scanner), or null where WebAssembly is unavailable (or NUSKY_SCAN_WASM=0). */
export function createGatherWasm(): GatherWasm | null {
  if (compiled === undefined) {
    compiled = null;
    if (WA && process.env.NUSKY_SCAN_WASM !== '0') {
      try {
        compiled = new WA.Module(moduleBytes());
      } catch {
        compiled = null;
      }
    }
  }
  if (!compiled || !WA) return null;
  const memory = new WA.Memory({ initial: 1 });
  const inst = new WA.Instance(compiled, { env: { mem: memory } });
  new Float64Array(memory.buffer, 0, EXP_TABLE.length).set(EXP_TABLE);
  return { memory, ev: inst.exports.ev as GatherEv };
}
