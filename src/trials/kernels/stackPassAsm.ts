/**
 * Expression helpers for the stack kernel's hand-assembled WebAssembly (stackPassWasm.ts,
 * stackPassGen.ts): each returns the opcodes of one expression or statement, so the generated code
 * reads like its JS twin (`f.mul(a, b)` is a·b in that order); fastExp lane-wise (vexp).
 * Binary format: WebAssembly Core Specification 2.0 §5 and the fixed-width SIMD opcodes.
 */
import { uleb, set, tee, i32c, f64c, get } from '../../wasm/encode.js';
import { EXP_HI, EXP_INV, EXP_LO, EXP_SHIFT } from '../../scan/gatherWasm.js';
import { ConstPool, hoisted, poolConst, withConstPool } from './wasmAsm.js';

export type Code = number[];
export const I32 = 0x7f, F64 = 0x7c;
const bin = (op: number) => (a: Code, b: Code): Code => [...a, ...b, op];
export const f = {
  c: (x: number): Code => fconst(x),
  add: bin(0xa0), sub: bin(0xa1), mul: bin(0xa2), div: bin(0xa3),
  abs: (a: Code): Code => [...a, 0x99], neg: (a: Code): Code => [...a, 0x9a],
  ge: bin(0x66), le: bin(0x65),
  fromI: (a: Code): Code => [...a, 0xb7],
  load: (addr: Code, off = 0): Code => [...addr, 0x2b, 3, ...uleb(off)],
  store: (addr: Code, v: Code, off = 0): Code => [...addr, ...v, 0x39, 3, ...uleb(off)],
};
export const i = {
  c: (n: number): Code => i32c(n),
  add: bin(0x6a), mul: bin(0x6c), and: bin(0x71), or: bin(0x72), eq: bin(0x46), shl: bin(0x74), shrS: bin(0x75), ltS: bin(0x48), geS: bin(0x4e),
  eqz: (a: Code): Code => [...a, 0x45],
  /** i32.trunc_sat_f64_s: JS `x | 0` for |x| < 2³¹, no trap outside */
  trunc: (a: Code): Code => [...a, 0xfc, 0x02],
  load: (addr: Code, off = 0): Code => [...addr, 0x28, 2, ...uleb(off)],
  load8: (addr: Code, off = 0): Code => [...addr, 0x2d, 0, ...uleb(off)],
  store: (addr: Code, v: Code, off = 0): Code => [...addr, ...v, 0x36, 2, ...uleb(off)],
};
/** f64x2 SIMD, lane-wise IEEE f64 (each lane is the scalar operation); opcodes after the 0xfd prefix (SIMD spec, as src/sky/sht/wasm.ts) */
export const V128 = 0x7b;
export const simd = (op: number, ...imm: number[]): Code => [0xfd, ...uleb(op), ...imm];
const vbin = (op: number) => (a: Code, b: Code): Code => [...a, ...b, ...simd(op)];
// the constant pool (ConstPool, withConstPool, hoisted) is shared with the ps passes: wasmAsm.ts
export { ConstPool, withConstPool, hoisted };
const vconst = (b: Uint8Array): Code => poolConst([...b], V128) ?? [0xfd, 0x0c, ...b];
// +0 stays f64.const (V8: one xor)
const fconst = (x: number): Code => (Object.is(x, 0) ? null : poolConst([...new Uint8Array(Float64Array.of(x, 0).buffer)], F64)) ?? f64c(x);
export const v = {
  c: (a: number, b: number): Code => vconst(new Uint8Array(Float64Array.of(a, b).buffer)),
  splat: (a: Code): Code => [...a, ...simd(0x14)],
  lane: (x: Code, k: number): Code => [...x, ...simd(0x21, k)],
  setLane: (x: Code, val: Code, k: number): Code => [...x, ...val, ...simd(0x22, k)],
  ilane: (x: Code, k: number): Code => [...x, ...simd(0x1b, k)],
  add: vbin(0xf0), sub: vbin(0xf1), mul: vbin(0xf2), div: vbin(0xf3), min: vbin(0xf4), eq: vbin(0x47), ge: vbin(0x4c), and: vbin(0x4e), andnot: vbin(0x4f), or: vbin(0x50),
  sqrt: (a: Code): Code => [...a, ...simd(0xef)],
  anyTrue: (a: Code): Code => [...a, ...simd(0x53)],
  /** i32x4 lanes 0, 1 = trunc(f64 lanes), saturating */
  truncSat: (a: Code): Code => [...a, ...simd(0xfc)],
  /** i64x2 shift left by a constant; add */
  i64Shl: (a: Code, k: number): Code => [...a, ...i32c(k), ...simd(0xcb)],
  i64Add: vbin(0xce),
  load: (addr: Code, off = 0): Code => [...addr, ...simd(0x00, 3, ...uleb(off))],
  /** v128.load64_zero (lane 0 = the f64 at addr, lane 1 = 0); v128.load64_lane (lane k of x replaced) */
  load64zero: (addr: Code, off = 0): Code => [...addr, ...simd(0x5d, 3, ...uleb(off))],
  load64splat: (addr: Code, off = 0): Code => [...addr, ...simd(0x0a, 3, ...uleb(off))],
  load64lane: (addr: Code, x: Code, k: number, off = 0): Code => [...addr, ...x, ...simd(0x57, 3, ...uleb(off), k)],
  /** v128.const of two i64 (exact integers given as numbers, |a| < 2^53 or multiples of 2^52) */
  i64c: (a: number, b: number): Code => vconst(new Uint8Array(BigInt64Array.of(BigInt(a), BigInt(b)).buffer)),
  store: (addr: Code, val: Code, off = 0): Code => [...addr, ...val, ...simd(0x0b, 3, ...uleb(off))],
};

/**
 * fastExp of both lanes (lane-wise the scalar arithmetic, without the x < −700 branch: the caller
 * guarantees x ≥ −700). t = x/(ln2/64) + S with S = 1.5·2^52 + 1023·64 holds n + 1023·64 in its low
 * bits (t ∈ [2^52, 2^53): ulp 1, so t is x/(ln2/64) rounded to an integer plus S — the same rounding as
 * fastExp's 1.5·2^52 shift, as 1023·64 is even —, and t − S = n exactly): bits(t) = 0x4338… + n + 1023·64
 * with n + 1023·64 ≥ 0 for x ≥ −700, so j = n & 63 is the low word's & 63 and bits(t) >>> 6 << 52 =
 * (q + 1023) << 52 (the 0x4338… part leaves the word) = 2^q, fastExp's table value for every normal q
 * (here |q| ≤ 1010). Only native f64x2/i64x2 ops (no float → int conversion, no i64x2.shr_s, which SSE
 * lacks); the 2^(j/64) pair by load64_zero + load64_lane.
 */
const SHIFT_Q = EXP_SHIFT + 1023 * 64;
export function vexp(x: Code, L: { x: number; nd: number; r: number; n: number; n0: number; n1: number }): Code {
  const k = (c: number) => v.c(c, c);
  const t64 = (n: number): Code => i.shl(i.and(get(n), i.c(63)), i.c(3));
  const p2 = v.i64Shl([...get(L.nd), ...i32c(6), ...simd(0xcd)], 52);
  const r = get(L.r);
  const poly = v.add(k(1), v.mul(r, v.add(k(1), v.mul(r, v.add(k(0.5), v.mul(r, v.add(k(1 / 6), v.mul(r, v.add(k(1 / 24), v.mul(r, k(1 / 120)))))))))));
  return [
    ...lset(L.x, x),
    ...lset(L.nd, v.add(v.mul(get(L.x), k(EXP_INV)), k(SHIFT_Q))),
    ...lset(L.n0, v.ilane(get(L.nd), 0)), ...lset(L.n1, v.ilane(get(L.nd), 2)),
    ...lset(L.n, p2),
    ...lset(L.nd, v.sub(get(L.nd), k(SHIFT_Q))),
    ...lset(L.r, v.sub(v.sub(get(L.x), v.mul(get(L.nd), k(EXP_HI))), v.mul(get(L.nd), k(EXP_LO)))),
    ...v.mul(v.mul(get(L.n), v.load64lane(t64(L.n1), v.load64zero(t64(L.n0)), 1)), poly),
  ];
}
export const lset = (k: number, v: Code): Code => [...v, ...set(k)];
export const ltee = (k: number, v: Code): Code => [...v, ...tee(k)];
export const ifs = (cond: Code, then: Code, els?: Code): Code => [...cond, 0x04, 0x40, ...then, ...(els ? [0x05, ...els] : []), 0x0b];
/** Local allocator: params first, then named locals by type. */
export class Locals {
  readonly types: number[] = [];
  constructor(readonly nParams: number) {}
  add(t: number): number {
    this.types.push(t);
    return this.nParams + this.types.length - 1;
  }
}

/** address of element `idx` (i32 code) of an array of `size`-byte elements at byte offset base */
export const addr = (base: number, idx: Code, size: number): Code => i.add(i.c(base), i.shl(idx, i.c(Math.log2(size))));

// fdlibm e_acos.c (= V8's base::ieee754::acos, i.e. Math.acos) coefficients
const PS = [1.66666666666666657415e-01, -3.25565818622400915405e-01, 2.01212532134862925881e-01, -4.00555345006794114027e-02, 7.91534994289814532176e-04, 3.47933107596021167570e-05];
const QS = [-2.40339491173441421878e+00, 2.02094576023350569471e+00, -6.88283971605453293030e-01, 7.70381505559019352791e-02];

/**
 * acos of both lanes for x ∈ [0.5, 1] (lanes outside: finite garbage for the caller to mask), Math.acos
 * bit for bit there: fdlibm's x > 0.5 branch (z = (1 − x)/2, s = √z, df = s with its low word cleared,
 * c = (z − df²)/(s + df), 2(df + (r·s + c)) with r = p(z)/q(z)), and +0 at x = 1 (fdlibm's |x| ≥ 1 branch).
 */
export function vacos(x: Code, L: { x: number; z: number; s: number; df: number }): Code {
  const k = (c: number) => v.c(c, c), z = get(L.z);
  const p = v.mul(z, v.add(k(PS[0]), v.mul(z, v.add(k(PS[1]), v.mul(z, v.add(k(PS[2]), v.mul(z, v.add(k(PS[3]), v.mul(z, v.add(k(PS[4]), v.mul(z, k(PS[5]))))))))))));
  const q = v.add(k(1), v.mul(z, v.add(k(QS[0]), v.mul(z, v.add(k(QS[1]), v.mul(z, v.add(k(QS[2]), v.mul(z, k(QS[3])))))))));
  const lowCleared = vconst(Uint8Array.of(0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff));
  return [
    ...lset(L.x, x),
    ...lset(L.z, v.mul(v.sub(k(1), get(L.x)), k(0.5))),
    ...lset(L.s, v.sqrt(get(L.z))),
    ...lset(L.df, v.and(get(L.s), lowCleared)),
    // 2·(df + w), w = r·s + c
    ...v.andnot(v.mul(k(2), v.add(get(L.df), v.add(v.mul(v.div(p, q), get(L.s)), v.div(v.sub(get(L.z), v.mul(get(L.df), get(L.df))), v.add(get(L.s), get(L.df)))))), v.eq(get(L.x), k(1))),
  ];
}

