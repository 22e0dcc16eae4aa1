/**
 * WebAssembly SIMD (f64x2) versions of the four-ring Legendre kernels, assembled here from opcodes
 * (no toolchain, no binary blob). Lane layout: vector 1 holds rings (c1, c3), vector 2 (c2, c4), so the
 * horizontal sums add in the same order as the JS kernels. The recursion is latency-bound, and two
 * vectors (four rings) per pass with half the instructions of scalar code is where the gain comes from.
 *
 * Both kernels read the alm arrays and coefficients from the module's memory at byte addresses
 * pre (re[base+l0]), pim (im[…]), pa (a[…]); ring state (x, μ_l, μ_{l−1}) and sums go through a
 * 224-byte block at st:  0 X1 · 16 X2 · 32 P1 · 48 Q1 · 64 P2 · 80 Q2 · 96 U1r U1i V1r V1i U2r U2i V2r V2i.
 * If WebAssembly SIMD is unavailable, getWasm() returns null and the JS kernels are used.
 */

import { uleb, sleb, str, section, vec, get, set, tee } from '../../wasm/encode.js';

const I32 = 0x7f, V128 = 0x7b;
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const splat64 = (addrLocal: number, off: number) => [...get(addrLocal), ...simd(0x0a, 3, ...uleb(off))];
const vload = (addrLocal: number, off: number) => [...get(addrLocal), ...simd(0x00, 4, ...uleb(off))];
const vstore = (addrLocal: number, off: number, val: number) => [...get(addrLocal), ...get(val), ...simd(0x0b, 4, ...uleb(off))];
const ADD = simd(0xf0), SUB = simd(0xf1), MUL = simd(0xf2);
const LANE = (k: number) => simd(0x21, k);
const f64load = (addrLocal: number, off: number) => [...get(addrLocal), 0x2b, 3, ...uleb(off)];

// params
const PRE = 0, PIM = 1, PA = 2, NFULL = 3, ODD = 4, ST = 5;
// v128 locals
const X1 = 6, X2 = 7, P1 = 8, Q1 = 9, P2 = 10, Q2 = 11, U1R = 12, U1I = 13, V1R = 14, V1I = 15, U2R = 16, U2I = 17, V2R = 18, V2I = 19, AR = 20, AI = 21, A = 22, T = 23;

/** acc += v·s */
const acc = (accL: number, v: number, s: number) => [...get(accL), ...get(v), ...get(s), ...MUL, ...ADD, ...set(accL)];
/** y = (x·a)·z − y */
const rec = (y: number, x: number, z: number) => [...get(x), ...get(A), ...MUL, ...get(z), ...MUL, ...get(y), ...SUB, ...set(y)];
const advance = (step: [number, number, number]) => [PRE, PIM, PA].flatMap((p, k) => [...get(p), 0x41, ...sleb(step[k]), 0x6a, ...set(p)]);
const loadState = (n: number) => Array.from({ length: n }, (_, k) => [...vload(ST, 16 * k), ...set(X1 + k)]).flat();

function loop(body: number[], step: [number, number, number] = [16, 16, 16]): number[] {
  return [0x02, 0x40, 0x03, 0x40, ...get(NFULL), 0x45, 0x0d, 1, ...body, ...advance(step),
    ...get(NFULL), 0x41, 1, 0x6b, ...set(NFULL), 0x0c, 0, 0x0b, 0x0b];
}

function synthBody(): number[] {
  const uStep = [...splat64(PRE, 0), ...set(AR), ...splat64(PIM, 0), ...set(AI),
    ...acc(U1R, P1, AR), ...acc(U1I, P1, AI), ...acc(U2R, P2, AR), ...acc(U2I, P2, AI)];
  const body = [
    ...uStep,
    ...splat64(PA, 8), ...set(A), ...rec(Q1, X1, P1), ...rec(Q2, X2, P2),
    ...splat64(PRE, 8), ...set(AR), ...splat64(PIM, 8), ...set(AI),
    ...acc(V1R, Q1, AR), ...acc(V1I, Q1, AI), ...acc(V2R, Q2, AR), ...acc(V2I, Q2, AI),
    ...splat64(PA, 16), ...set(A), ...rec(P1, X1, Q1), ...rec(P2, X2, Q2),
  ];
  const out = [U1R, U1I, V1R, V1I, U2R, U2I, V2R, V2I].flatMap((l, k) => vstore(ST, 96 + 16 * k, l));
  return [...loadState(6), ...loop(body), ...get(ODD), 0x04, 0x40, ...uStep, 0x0b, ...out, 0x0b];
}

/**
 * Analysis writes lane-split partial sums, B[l] = [re lane 0, re lane 1, im lane 0, im lane 1] at
 * PRE + 32·(l − l0) (no horizontal adds in the loop); the caller reduces B into the alm once per m.
 */
function anaBody(): number[] {
  const upd = (off: number, pa: number, ua: number, pb: number, ub: number) => [
    ...get(PRE), ...vload(PRE, off), ...get(pa), ...get(ua), ...MUL, ...get(pb), ...get(ub), ...MUL, ...ADD, ...ADD,
    ...simd(0x0b, 4, ...uleb(off))];
  const uStep = [...upd(0, P1, U1R, P2, U2R), ...upd(16, P1, U1I, P2, U2I)];
  const body = [
    ...uStep,
    ...splat64(PA, 8), ...set(A), ...rec(Q1, X1, P1), ...rec(Q2, X2, P2),
    ...upd(32, Q1, V1R, Q2, V2R), ...upd(48, Q1, V1I, Q2, V2I),
    ...splat64(PA, 16), ...set(A), ...rec(P1, X1, Q1), ...rec(P2, X2, Q2),
  ];
  return [...loadState(14), ...loop(body, [64, 0, 16]), ...get(ODD), 0x04, 0x40, ...uStep, 0x0b, 0x0b];
}

function moduleBytes(): Uint8Array {
  const type = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0];
  const locals = vec([[18, V128]]);
  const code = (body: number[]) => { const f = [...locals, ...body]; return [...uleb(f.length), ...f]; };
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec([type])),
    ...section(3, vec([[0], [0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([[...str('mem'), 2, 0], [...str('synth4'), 0, 0], [...str('ana4'), 0, 1]])),
    ...section(10, vec([code(synthBody()), code(anaBody())])),
  ];
  return new Uint8Array(bytes);
}

/** The few WebAssembly JS-API types used here (the project's lib settings do not include them). */
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

type Kernel = (pre: number, pim: number, pa: number, nfull: number, odd: number, st: number) => void;

export interface WasmKernels {
  memory: WasmMemory;
  synth4: Kernel;
  ana4: Kernel;
  /** Make the memory at least `bytes` long (views on memory.buffer must be re-created afterwards). */
  ensure(bytes: number): void;
}

let cached: WasmKernels | null | undefined;
let enabled = process.env.NUSKY_SHT_WASM !== '0';

/** Switch the SIMD kernels off/on (tests compare both paths; NUSKY_SHT_WASM=0 switches them off). */
export function useWasmKernels(on: boolean): void {
  enabled = on;
  cached = undefined;
  arenaCoeffs = null;
}

/** Byte layout of the arrays the kernels see: state block, coefficients a, alm re, alm im. */
export interface Arena {
  k: WasmKernels;
  st: Float64Array;
  a: Float64Array; re: Float64Array; im: Float64Array;
  /** Lane-split analysis sums, 4 per l (see anaBody), and whether any are pending for the current m. */
  b: Float64Array; dirty: boolean;
  aOff: number; reOff: number; imOff: number; bOff: number;
}

let arenaCoeffs: Float64Array | null = null;

/** Lay out (and copy the coefficients into) wasm memory for one transform with alm of n coefficients. */
export function makeArena(k: WasmKernels, coeffs: Float64Array, n: number, lmax: number): Arena {
  const aOff = 256, reOff = aOff + 8 * coeffs.length, imOff = reOff + 8 * n, bOff = imOff + 8 * n, nb = 4 * (lmax + 2);
  k.ensure(bOff + 8 * nb);
  const buf = k.memory.buffer;
  const a = new Float64Array(buf, aOff, coeffs.length);
  if (arenaCoeffs !== coeffs) { a.set(coeffs); arenaCoeffs = coeffs; }
  const b = new Float64Array(buf, bOff, nb);
  b.fill(0);
  return { k, st: new Float64Array(buf, 0, 32), a, re: new Float64Array(buf, reOff, n), im: new Float64Array(buf, imOff, n), b, dirty: false, aOff, reOff, imOff, bOff };
}

/** Add the lane-split analysis sums for l = m … lmax into re/im (alm index base + l) and clear them. */
export function flushAnalysis(ar: Arena, m: number, lmax: number, base: number): void {
  if (!ar.dirty) return;
  const b = ar.b, re = ar.re, im = ar.im;
  for (let l = m; l <= lmax; l++) {
    const o = 4 * l;
    re[base + l] += b[o] + b[o + 1]; im[base + l] += b[o + 2] + b[o + 3];
    b[o] = b[o + 1] = b[o + 2] = b[o + 3] = 0;
  }
  ar.dirty = false;
}

interface QuadState {
  x: Float64Array; l: Int32Array; mu0: Float64Array; mu1: Float64Array;
  er: Float64Array; ei: Float64Array; or: Float64Array; oi: Float64Array;
}

/** Four rings at the same l through the SIMD kernel (lanes: vector 1 = rings c1, c3; vector 2 = c2, c4). */
export function quadWasm(ar: Arena, s: QuadState, c1: number, c2: number, c3: number, c4: number, m: number,
  lmax: number, base: number, synth: boolean): void {
  const v = ar.st, l0 = s.l[c1];
  const even = ((l0 - m) & 1) === 0;
  for (let k = 0; k < 4; k++) {
    const r = k === 0 ? c1 : k === 1 ? c3 : k === 2 ? c2 : c4;
    const h = k >> 1, j = k & 1; // h: vector 1 or 2, j: lane
    v[2 * h + j] = s.x[r];
    v[4 + 4 * h + j] = s.mu1[r];
    v[6 + 4 * h + j] = s.mu0[r];
    if (!synth) {
      const o = 12 + 8 * h + j;
      v[o] = even ? s.er[r] : s.or[r]; v[o + 2] = even ? s.ei[r] : s.oi[r];
      v[o + 4] = even ? s.or[r] : s.er[r]; v[o + 6] = even ? s.oi[r] : s.ei[r];
    }
  }
  const off = 8 * (base + l0), nfull = (lmax - l0 + 1) >> 1, odd = (lmax - l0 + 1) & 1;
  if (synth) ar.k.synth4(ar.reOff + off, ar.imOff + off, ar.aOff + off, nfull, odd, 0);
  else { ar.k.ana4(ar.bOff + 32 * l0, 0, ar.aOff + off, nfull, odd, 0); ar.dirty = true; }
  if (synth)
    for (let k = 0; k < 4; k++) {
      const r = k === 0 ? c1 : k === 1 ? c3 : k === 2 ? c2 : c4;
      const o = 12 + 8 * (k >> 1) + (k & 1);
      const ur = v[o], ui = v[o + 2], vr = v[o + 4], vi = v[o + 6];
      if (even) { s.er[r] += ur; s.ei[r] += ui; s.or[r] += vr; s.oi[r] += vi; }
      else { s.er[r] += vr; s.ei[r] += vi; s.or[r] += ur; s.oi[r] += ui; }
    }
  s.l[c1] = s.l[c2] = s.l[c3] = s.l[c4] = lmax + 1;
}

/** The SIMD kernels, or null when this runtime lacks WebAssembly SIMD (or NUSKY_SHT_WASM=0). */
export function getWasm(): WasmKernels | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (!WA || !enabled) return cached;
  try {
    const inst = new WA.Instance(new WA.Module(moduleBytes()), {});
    const ex = inst.exports as { mem: WasmMemory; synth4: Kernel; ana4: Kernel };
    const memory = ex.mem;
    cached = {
      memory, synth4: ex.synth4, ana4: ex.ana4,
      ensure(bytes: number) {
        const have = memory.buffer.byteLength;
        if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
      },
    };
  } catch {
    cached = null;
  }
  return cached;
}
