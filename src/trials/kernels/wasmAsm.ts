/**
 * A small expression assembler for hand-written WebAssembly kernels (the ps trial pass,
 * psPassWasm.ts): each helper returns the opcodes of one expression or statement, so a
 * kernel reads like its JS twin (`f.mul(a, b)` is a·b in the same order). Binary format:
 * WebAssembly Core Specification 2.0 §5; integers and sections from src/wasm/encode.ts.
 */
import { uleb, str, section, get, set, tee, i32c, f64c } from '../../wasm/encode.js';

export type Code = number[];
export const I32 = 0x7f, I64 = 0x7e, F64 = 0x7c;

/**
 * The v128 and f64 constants of a function, loaded once from a pool in the module's memory before its
 * loops (`hoisted`; used by the stack passes, stackPassAsm.ts, and the ps passes): V8 (TurboFan, x64)
 * places each v128.const and each scalar f64.const at its use and builds it there from immediates (3–4
 * instructions; in a loop every iteration, and where a constant is live across a loop, again at its
 * back-edge); a value loaded before the loop stays in a register or is reloaded from its spill slot (one
 * load µop). Hoisting by local.set of a constant does not do it: SSA makes the local the constant again.
 * Same bytes → same values: outputs unchanged. Loading each constant from the pool at its use instead
 * was slower (stack pb +0.46 ms: loads stay in the effect chain).
 */
export class ConstPool {
  private readonly bytes: number[] = [];
  private readonly at = new Map<string, number>();
  constructor(readonly base: number, readonly size: number) {}
  /** byte address of these 16 bytes in the pool; −1 when it is full */
  addr(b: number[]): number {
    const key = b.join(',');
    let o = this.at.get(key);
    if (o === undefined) {
      if (this.bytes.length + 16 > this.size) return -1;
      o = this.bytes.length;
      this.bytes.push(...b);
      this.at.set(key, o);
    }
    return this.base + o;
  }
  /** bytes used */
  get used(): number {
    return this.bytes.length;
  }
  write(buf: ArrayBuffer): void {
    new Uint8Array(buf, this.base, this.bytes.length).set(this.bytes);
  }
  /** whether buf holds the pool's bytes (a function reading 0 for a constant may not even end: check before running it) */
  holds(buf: ArrayBuffer): boolean {
    const m = new Uint8Array(buf, this.base, this.bytes.length);
    return this.bytes.every((b, k) => m[k] === b);
  }
}
/** what `hoisted` needs of a function's local allocator: a new local of type t, its index */
export interface LocalAlloc { add(t: number): number }
/** the allocator of a function whose n params and locals are numbered by hand: new locals after them, their types in `types` */
export function moreLocals(n: number): LocalAlloc & { types: number[] } {
  const types: number[] = [];
  return { types, add: (t) => n + types.push(t) - 1 };
}
let pool: ConstPool | null = null;
let hoist: { Lc: LocalAlloc; local: Map<number, [number, number]> } | null = null;
/** fn() with the pool p for the functions it generates (generation is synchronous) */
export function withConstPool<T>(p: ConstPool | null, fn: () => T): T {
  const prev = pool;
  pool = p;
  try {
    return fn();
  } finally {
    pool = prev;
  }
}
/** fn()'s code with every pooled constant (poolConst) in a local of Lc loaded from the pool before it (as is without a pool) */
export function hoisted(Lc: LocalAlloc, fn: () => Code): Code {
  if (!pool) return fn();
  const prev = hoist;
  hoist = { Lc, local: new Map() };
  try {
    const body = fn();
    const init: Code = [];
    // v128.load (align 2^4) or f64.load (align 2^3) at the constant's address, into its local
    for (const [key, [k, t]] of hoist.local) init.push(...i32c(0), ...(t === 0x7b ? [0xfd, 0x00, 4, ...uleb(key >> 1)] : [0x2b, 3, ...uleb(key >> 1)]), ...set(k));
    return [...init, ...body];
  } finally {
    hoist = prev;
  }
}
/** a hoisted constant's local.get (t: V128 or F64; 8-byte values padded with 8 zero bytes), or null outside `hoisted` or with the pool full */
export function poolConst(b: number[], t: number): Code | null {
  const a = hoist && pool ? pool.addr(b) : -1;
  if (a < 0 || !hoist) return null;
  // f64 (x, 0) and v128 (x, 0) share the pool's bytes, not the local
  const key = 2 * a + (t === 0x7b ? 1 : 0);
  let k = hoist.local.get(key);
  if (k === undefined) hoist.local.set(key, (k = [hoist.Lc.add(t), t]));
  return get(k[0]);
}

const bin = (op: number) => (a: Code, b: Code): Code => [...a, ...b, op];
const un = (op: number) => (a: Code): Code => [...a, op];

/** f64 arithmetic, comparisons (→ i32), loads/stores at byte address `addr` + constant offset */
export const f = {
  /** f64.const (non-zero: a local loaded from the pool inside `hoisted` with a pool) */
  c: (x: number): Code => (Object.is(x, 0) ? null : poolConst([...new Uint8Array(Float64Array.of(x, 0).buffer)], 0x7c)) ?? f64c(x),
  add: bin(0xa0), sub: bin(0xa1), mul: bin(0xa2), div: bin(0xa3),
  abs: un(0x99), neg: un(0x9a), floor: un(0x9c), sqrt: un(0x9f),
  eq: bin(0x61), ne: bin(0x62), lt: bin(0x63), gt: bin(0x64), le: bin(0x65), ge: bin(0x66),
  /** f64 from signed / unsigned i32 */
  fromI: un(0xb7), fromU: un(0xb8),
  fromBits: un(0xbf),
  load: (addr: Code, off = 0): Code => [...addr, 0x2b, 3, ...uleb(off)],
  store: (addr: Code, v: Code, off = 0): Code => [...addr, ...v, 0x39, 3, ...uleb(off)],
  select: (a: Code, b: Code, cond: Code): Code => [...a, ...b, ...cond, 0x1b],
};

/** i32 arithmetic and comparisons */
export const i = {
  c: (n: number): Code => i32c(n),
  add: bin(0x6a), sub: bin(0x6b), mul: bin(0x6c), and: bin(0x71), or: bin(0x72), xor: bin(0x73),
  shl: bin(0x74), shrS: bin(0x75), shrU: bin(0x76), rotl: bin(0x77),
  eqz: un(0x45), eq: bin(0x46), ne: bin(0x47), ltS: bin(0x48), ltU: bin(0x49), gtS: bin(0x4a), leS: bin(0x4c), geS: bin(0x4e),
  /** i32 from f64, truncated toward zero (JS `x | 0` for |x| < 2³¹) */
  trunc: un(0xaa),
  wrap: un(0xa7),
  load: (addr: Code, off = 0): Code => [...addr, 0x28, 2, ...uleb(off)],
  store: (addr: Code, v: Code, off = 0): Code => [...addr, ...v, 0x36, 2, ...uleb(off)],
  select: (a: Code, b: Code, cond: Code): Code => [...a, ...b, ...cond, 0x1b],
};

/** i64 (bit manipulation of doubles) */
export const l = {
  c: (n: bigint): Code => [0x42, ...slebBig(n)],
  and: bin(0x83), or: bin(0x84), shl: bin(0x86), shrU: bin(0x88),
  fromU: un(0xad), bits: un(0xbd),
};

function slebBig(n: bigint): number[] {
  const b: number[] = [];
  for (;;) {
    const x = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && !(x & 0x40)) || (n === -1n && x & 0x40)) { b.push(x); return b; }
    b.push(x | 0x80);
  }
}

/** local access */
export const lget = get, lset = (k: number, v: Code): Code => [...v, ...set(k)], ltee = (k: number, v: Code): Code => [...v, ...tee(k)];

/** statements */
export const s = {
  seq: (...c: Code[]): Code => c.flat(),
  if: (cond: Code, then: Code, els?: Code): Code => [...cond, 0x04, 0x40, ...then, ...(els ? [0x05, ...els] : []), 0x0b],
  /** if as an expression of type t */
  ifv: (t: number, cond: Code, then: Code, els: Code): Code => [...cond, 0x04, t, ...then, 0x05, ...els, 0x0b],
  block: (body: Code): Code => [0x02, 0x40, ...body, 0x0b],
  loop: (body: Code): Code => [0x03, 0x40, ...body, 0x0b],
  br: (d: number): Code => [0x0c, ...uleb(d)],
  brIf: (d: number, cond: Code): Code => [...cond, 0x0d, ...uleb(d)],
  call: (fn: number, ...args: Code[]): Code => [...args.flat(), 0x10, ...uleb(fn)],
  ret: (v: Code = []): Code => [...v, 0x0f],
  drop: (v: Code): Code => [...v, 0x1a],
  /**
   * for (k = from; k < to; k++) body — k an i32 local, `to` re-evaluated each pass; at the top
   * level of body `br(0)` is `continue` and `br(2)` is `break` (add 1 per enclosing if/block)
   */
  for: (k: number, from: Code, to: Code, body: Code): Code => [
    ...from, ...set(k),
    0x02, 0x40, 0x03, 0x40,
    ...i.geS(get(k), to), 0x0d, 1,
    0x02, 0x40, ...body, 0x0b,
    ...get(k), ...i32c(1), 0x6a, ...set(k),
    0x0c, 0, 0x0b, 0x0b,
  ],
};

export interface FnDef {
  name: string;
  params: number[];
  result?: number;
  /** types of the locals after the params */
  locals: number[];
  body: Code;
}

export interface ImportDef {
  name: string;
  params: number[];
  result?: number;
}

/** A module importing memory env.mem and the functions `imports` (indices 0…), exporting `fns` (indices after them). */
export function moduleBytes(imports: ImportDef[], fns: FnDef[], memPages: number): Uint8Array {
  const all = [...imports, ...fns];
  const types = all.map((d) => [0x60, ...uleb(d.params.length), ...d.params, ...(d.result !== undefined ? [1, d.result] : [0])]);
  const importEntries = [
    [...str('env'), ...str('mem'), 0x02, 0x00, ...uleb(memPages)],
    ...imports.map((d, k) => [...str('env'), ...str(d.name), 0x00, ...uleb(k)]),
  ];
  const codes = fns.map((d) => {
    const groups: number[] = [];
    let n = 0;
    for (let k = 0; k < d.locals.length; k++) {
      if (k > 0 && d.locals[k] === d.locals[k - 1]) continue;
      let r = k;
      while (r < d.locals.length && d.locals[r] === d.locals[k]) r++;
      groups.push(...uleb(r - k), d.locals[k]);
      n++;
    }
    const c = [...uleb(n), ...groups, ...d.body, 0x0b];
    return [...uleb(c.length), ...c];
  });
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [...uleb(types.length), ...types.flat()]),
    ...section(2, [...uleb(importEntries.length), ...importEntries.flat()]),
    ...section(3, [...uleb(fns.length), ...fns.map((_, k) => uleb(imports.length + k)).flat()]),
    ...section(7, [...uleb(fns.length), ...fns.map((d, k) => [...str(d.name), 0x00, ...uleb(imports.length + k)]).flat()]),
    ...section(10, [...uleb(fns.length), ...codes.flat()]),
  ];
  return new Uint8Array(bytes);
}

/** The few WebAssembly JS-API types used (the project's lib settings do not include them). */
export interface WasmMemory { readonly buffer: ArrayBuffer }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
}
export const WASM = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** f64x2 SIMD (lane-wise IEEE f64, so each lane is the scalar operation); opcodes after the 0xfd prefix */
export const V128 = 0x7b;
const simd = (op: number, ...imm: number[]): Code => [0xfd, ...uleb(op), ...imm];
const vbin = (op: number) => (a: Code, b: Code): Code => [...a, ...b, ...simd(op)];
const vun = (op: number) => (a: Code): Code => [...a, ...simd(op)];
/** i8x16.shuffle lanes taking f64 lane ka of a and lane kb of b */
const pick = (ka: number, kb: number) => Array.from({ length: 16 }, (_, b) => (b < 8 ? 8 * ka + b : 16 + 8 * kb + b - 8));
export const v = {
  /** f64x2.splat of the f64 x (non-zero: inside `hoisted` with a pool, a local loaded from the pool) */
  k: (x: number): Code => (Object.is(x, 0) ? null : poolConst([...new Uint8Array(Float64Array.of(x, x).buffer)], V128)) ?? [...f64c(x), ...simd(0x14)],
  load: (addr: Code, off = 0): Code => [...addr, ...simd(0x00, 3, ...uleb(off))],
  store: (addr: Code, val: Code, off = 0): Code => [...addr, ...val, ...simd(0x0b, 3, ...uleb(off))],
  /** [mem[addr], 0] and replacing lane k by mem[addr] */
  load64zero: (addr: Code, off = 0): Code => [...addr, ...simd(0x5d, 3, ...uleb(off))],
  load64lane: (addr: Code, vec: Code, k: number, off = 0): Code => [...addr, ...vec, ...simd(0x57, 3, ...uleb(off), k)],
  splat: vun(0x14),
  lane: (x: Code, k: number): Code => [...x, ...simd(0x21, k)],
  ilane: (x: Code, k: number): Code => [...x, ...simd(0x1b, k)],
  add: vbin(0xf0), sub: vbin(0xf1), mul: vbin(0xf2), div: vbin(0xf3), neg: vun(0xed), floor: vun(0x75),
  eq: vbin(0x47), ne: vbin(0x48), lt: vbin(0x49), gt: vbin(0x4a), le: vbin(0x4b), ge: vbin(0x4c),
  and: vbin(0x4e), or: vbin(0x50), not: vun(0x4d),
  /** lanes of a where mask is set, else of b */
  bitselect: (a: Code, b: Code, mask: Code): Code => [...a, ...b, ...mask, ...simd(0x52)],
  anyTrue: vun(0x53), allTrue64: vun(0xc3),
  /** i32x4 lanes 0, 1 = trunc(f64 lanes), saturating; f64x2 from i32x4 lanes 0, 1 */
  truncSat: vun(0xfc), convLow: vun(0xfe),
  /** i64x2: splat of an i64, lane-wise add/sub/and-shifts (shift count an i32), comparisons (→ masks) */
  splat64: vun(0x12),
  add64: vbin(0xce), sub64: vbin(0xd1), shl64: vbin(0xcb), shrS64: vbin(0xcc), shrU64: vbin(0xcd),
  eq64: vbin(0xd6), ltS64: vbin(0xd8), gtS64: vbin(0xd9), geS64: vbin(0xdb),
  xor: vbin(0x51), sqrt: vun(0xef),
  /** i32x4: splat of an i32, lane-wise multiply (low 32 bits), shifts (count an i32) */
  splat32: vun(0x11), mul32: vbin(0xb5), shl32: vbin(0xab), shrU32: vbin(0xad),
  /** i32x4 [a0, b0, a1, b1] and [a2, b2, a3, b3] (i64x2 lanes with low word a, high word b) */
  zipLow32: (a: Code, b: Code): Code => [...a, ...b, ...simd(0x0d, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23)],
  zipHigh32: (a: Code, b: Code): Code => [...a, ...b, ...simd(0x0d, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31)],
  /** i32x4 lanes 0, 1 = the low words of i64x2 lanes 0, 1 */
  lowWords: (a: Code): Code => [...a, ...a, ...simd(0x0d, 0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11)],
  /** [a_lo, b_lo] and [a_hi, b_hi] */
  lo: (a: Code, b: Code): Code => [...a, ...b, ...simd(0x0d, ...pick(0, 0))],
  hi: (a: Code, b: Code): Code => [...a, ...b, ...simd(0x0d, ...pick(1, 1))],
};
