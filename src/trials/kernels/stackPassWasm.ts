/**
 * WebAssembly per-event passes of the stack kernel (stack.ts), assembled at set-up from opcodes
 * for the kernel's own J, sources and weight basis (everything unrolled, constants inline):
 *  - `sta(i0, i1)`: S̃ after the jitter for the vMF data events (flag 0) in [i0, i1): the σ band's
 *    VmfSumTable (VmfSumBands) read bicubically, the σ weights precomputed per event (σ is fixed),
 *    the J log-sums two at a time (f64x2), then fastExp lane-wise; events outside the table are
 *    listed (fb) for the caller's exact sum, band −2 (polar caps, never jittered) keep their S̃.
 *    Operation for operation VmfSumTable.lnAtInto + fastExp.
 *  - `pb(n, bigB)`: for every event, z_ij = (Σ_k B_jk S_ik − S̃_ij)/D̃_i: for the flag-0 events
 *    the source sum two sources at a time (f64x2, every source, out-of-reach lanes masked to +0:
 *    no branch to mispredict; RA trig from the caller's fastTrig.fillCosSin); flag-1
 *    events — Gaussian PDF or injected — come with Z = Σ_k B_jk S_ik − S̃_ij from the caller;
 *    then the S̃ bound and MultiSeriesFit.add: the event goes to the exact list when its |y| or
 *    S̃ bound is large, else into the per-bin moments. Operation for operation the JS path of
 *    stack.ts (f64x2 lanes are the scalar IEEE operations; neither side contracts to FMA), so
 *    results are bit-identical (stackPass.test.ts).
 * Both passes take two events per step where both go the common way, their instruction streams
 * interleaved stage by stage (each event is one long dependency chain; side by side the out-of-order
 * core overlaps them: pb −16 %, sta −10 %), the exact list, fallback list and moment updates in event order.
 * Why: in V8 a JS loop reloads every typed array's base and length at each access; this pass has
 * ~100 accesses per event. Binary format: WebAssembly Core Specification 2.0 §5, SIMD opcodes of
 * the fixed-width SIMD proposal (as src/sky/sht/wasm.ts).
 * No x < −700 / x > 700 branches in the inlined fastExp: the arguments are ln S̃ (tables checked
 * within ±600 at set-up) and κ(cos ψ − 1) ∈ [−2κ, 0] (the caller flags κ > 350).
 */
import { uleb, sleb, str, section, get, set, tee, i32c, f64c } from '../../wasm/encode.js';
import { EXP_HI, EXP_INV, EXP_LO, EXP_SHIFT, EXP_TABLE } from '../../scan/gatherWasm.js';

type Code = number[];
const I32 = 0x7f, F64 = 0x7c;
const bin = (op: number) => (a: Code, b: Code): Code => [...a, ...b, op];
const f = {
  c: (x: number): Code => f64c(x),
  add: bin(0xa0), sub: bin(0xa1), mul: bin(0xa2),
  abs: (a: Code): Code => [...a, 0x99], neg: (a: Code): Code => [...a, 0x9a],
  ge: bin(0x66), le: bin(0x65),
  fromI: (a: Code): Code => [...a, 0xb7],
  load: (addr: Code, off = 0): Code => [...addr, 0x2b, 3, ...uleb(off)],
  store: (addr: Code, v: Code, off = 0): Code => [...addr, ...v, 0x39, 3, ...uleb(off)],
};
const i = {
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
const V128 = 0x7b;
const simd = (op: number, ...imm: number[]): Code => [0xfd, ...uleb(op), ...imm];
const vbin = (op: number) => (a: Code, b: Code): Code => [...a, ...b, ...simd(op)];
const v = {
  c: (a: number, b: number): Code => [0xfd, 0x0c, ...new Uint8Array(Float64Array.of(a, b).buffer)],
  splat: (a: Code): Code => [...a, ...simd(0x14)],
  lane: (x: Code, k: number): Code => [...x, ...simd(0x21, k)],
  setLane: (x: Code, val: Code, k: number): Code => [...x, ...val, ...simd(0x22, k)],
  ilane: (x: Code, k: number): Code => [...x, ...simd(0x1b, k)],
  add: vbin(0xf0), sub: vbin(0xf1), mul: vbin(0xf2), ge: vbin(0x4c), and: vbin(0x4e),
  /** i32x4 lanes 0, 1 = trunc(f64 lanes), saturating */
  truncSat: (a: Code): Code => [...a, ...simd(0xfc)],
  /** i64x2 from i32x4 lanes 0, 1 (sign-extended); shifts by a constant; add */
  i64ExtLow: (a: Code): Code => [...a, ...simd(0xc7)],
  i64ShrS: (a: Code, k: number): Code => [...a, ...i32c(k), ...simd(0xcc)],
  i64Shl: (a: Code, k: number): Code => [...a, ...i32c(k), ...simd(0xcb)],
  i64Add: vbin(0xce),
  load: (addr: Code, off = 0): Code => [...addr, ...simd(0x00, 3, ...uleb(off))],
  store: (addr: Code, val: Code, off = 0): Code => [...addr, ...val, ...simd(0x0b, 3, ...uleb(off))],
};

/** fastExp of both lanes (lane-wise the scalar arithmetic, without the x < −700 branch: the caller guarantees x ≥ −700) */
function vexp(x: Code, L: { x: number; nd: number; r: number; n: number; n0: number; n1: number }): Code {
  const k = (c: number) => v.c(c, c);
  const t64 = (n: number): Code => f.load(i.shl(i.and(get(n), i.c(63)), i.c(3)));
  // 2^q (q = n >> 6) from its bits, (q + 1023) << 52: fastExp's table value for every normal q (here q ≥ −1010)
  const p2 = [...v.i64Shl(v.i64Add(v.i64ShrS(v.i64ExtLow(get(L.n)), 6), [0x42, ...sleb(1023), ...simd(0x12)]), 52)];
  const r = get(L.r);
  const poly = v.add(k(1), v.mul(r, v.add(k(1), v.mul(r, v.add(k(0.5), v.mul(r, v.add(k(1 / 6), v.mul(r, v.add(k(1 / 24), v.mul(r, k(1 / 120)))))))))));
  return [
    ...lset(L.x, x),
    ...lset(L.nd, v.sub(v.add(v.mul(get(L.x), k(EXP_INV)), k(EXP_SHIFT)), k(EXP_SHIFT))),
    ...lset(L.n, v.truncSat(get(L.nd))),
    ...lset(L.n0, v.ilane(get(L.n), 0)), ...lset(L.n1, v.ilane(get(L.n), 1)),
    ...lset(L.r, v.sub(v.sub(get(L.x), v.mul(get(L.nd), k(EXP_HI))), v.mul(get(L.nd), k(EXP_LO)))),
    ...v.mul(v.mul(p2, v.setLane(v.splat(t64(L.n0)), t64(L.n1), 1)), poly),
  ];
}
const lset = (k: number, v: Code): Code => [...v, ...set(k)];
const ltee = (k: number, v: Code): Code => [...v, ...tee(k)];
const ifs = (cond: Code, then: Code, els?: Code): Code => [...cond, 0x04, 0x40, ...then, ...(els ? [0x05, ...els] : []), 0x0b];
const ifv = (cond: Code, then: Code, els: Code): Code => [...cond, 0x04, F64, ...then, 0x05, ...els, 0x0b];
/** for (k = 0; k < to; k++) body (k an i32 local, to an i32 expression) */
const forUp = (k: number, to: Code, body: Code): Code => [
  ...i32c(0), ...set(k),
  0x02, 0x40, 0x03, 0x40,
  ...i.geS(get(k), to), 0x0d, 1,
  ...body,
  ...get(k), ...i32c(1), 0x6a, ...set(k),
  0x0c, 0, 0x0b, 0x0b,
];

/** Local allocator: params first, then named locals by type. */
class Locals {
  readonly types: number[] = [];
  constructor(readonly nParams: number) {}
  add(t: number): number {
    this.types.push(t);
    return this.nParams + this.types.length - 1;
  }
}

export interface StackPassSpec {
  J: number;
  /** source unit vectors; BT[k·J + j] = B_jk; group[k] when each source loads on one basis vector */
  px: Float64Array; py: Float64Array; pz: Float64Array;
  BT: Float64Array;
  group: Int32Array | null;
  /** max_γ |c_j(γ)| (MultiSeriesFit's) */
  cMax: Float64Array;
  cap: number;
  nBins: number;
  /** the σ bands' VmfSumTable layouts (VmfSumBands; null without the jitter) */
  tables: { lnS: Float64Array; nD: number; nT: number; d0: number; invHd: number; maxAbsDec: number }[] | null;
}

/** Byte offsets of the arrays in the module's memory. */
class Layout {
  next = EXP_TABLE.length * 8;
  readonly at: Record<string, number> = {};
  take(name: string, bytes: number): number {
    this.next = Math.ceil(this.next / 16) * 16;
    this.at[name] = this.next;
    this.next += bytes;
    return this.at[name];
  }
}

export interface StackPass {
  /** views on the module's memory (per-event f64 arrays of length cap; st and Z cap·J) */
  dec: Float64Array; sinDec: Float64Array; cosDec: Float64Array; ca: Float64Array; sa: Float64Array; invD: Float64Array;
  lnSig: Float64Array; pdfA: Float64Array; pdfC: Float64Array; cosReach: Float64Array;
  st: Float64Array; Z: Float64Array;
  eBin: Int32Array; exIdx: Int32Array; fb: Int32Array; flag: Uint8Array;
  binRatioMax: Float64Array;
  /** per event (fixed σ): σ weights of the table stencil (4 per event), band (−1: no table, exact sum; −2: S̃ kept), byte address of the band table's first σ node */
  wx: Float64Array; band: Int32Array; rowAddr: Int32Array;
  /** byte address of each band's table */
  tableAddr: number[];
  /** per-bin moment blocks (MultiSeriesFit's layout) */
  m: Float64Array;
  sta: (i0: number, i1: number) => number;
  pb: (n: number, bigB: number) => number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The passes for this spec, or null where WebAssembly is unavailable (or NUSKY_STACK_WASM=0). */
export function createStackPass(sp: StackPassSpec): StackPass | null {
  if (!WA || process.env.NUSKY_STACK_WASM === '0') return null;
  const { J, cap, nBins } = sp;
  const P = (J * (J + 1)) / 2, T = (J * (J + 1) * (J + 2)) / 6, S = J + P + T;
  const L = new Layout();
  const f64Names = ['dec', 'sinDec', 'cosDec', 'ca', 'sa', 'invD', 'lnSig', 'pdfA', 'pdfC', 'cosReach'];
  for (const nm of f64Names) L.take(nm, cap * 8);
  L.take('st', cap * J * 8);
  L.take('Z', cap * J * 8);
  L.take('binRatioMax', nBins * 8);
  L.take('m', nBins * S * 8);
  L.take('eBin', cap * 4);
  L.take('exIdx', cap * 4);
  L.take('fb', cap * 4);
  L.take('flag', cap);
  const tabs = sp.tables ?? [];
  L.take('wx', cap * 32);
  L.take('band', cap * 4);
  L.take('rowAddr', cap * 4);
  L.take('bandPar', tabs.length * 32);
  tabs.forEach((t, b) => L.take(`lnS${b}`, (t.lnS.length + 2) * 8));
  // vexp has no x < −700 branch: table logs far above it (interpolation stays near the node values)
  for (const t of tabs) for (let k = 0; k < t.lnS.length; k++) if (!(t.lnS[k] >= -600 && t.lnS[k] <= 600)) return null;
  let bytes: Uint8Array;
  try {
    bytes = moduleBytes(sp, L.at, S, Math.ceil(L.next / 65536));
  } catch {
    return null;
  }
  const pages = Math.ceil(L.next / 65536);
  let inst: { exports: Record<string, unknown> }, memory: { buffer: ArrayBuffer };
  try {
    memory = new WA.Memory({ initial: pages });
    inst = new WA.Instance(new WA.Module(bytes), { env: { mem: memory } });
  } catch {
    return null;
  }
  const buf = memory.buffer, a = L.at;
  new Float64Array(buf, 0, EXP_TABLE.length).set(EXP_TABLE);
  const F = (nm: string, n: number) => new Float64Array(buf, a[nm], n);
  tabs.forEach((t, b) => {
    F(`lnS${b}`, t.lnS.length).set(t.lnS);
    const pf = new Float64Array(buf, a.bandPar + 32 * b, 4), pi = new Int32Array(buf, a.bandPar + 32 * b + 16, 2);
    pf[0] = t.d0;
    pf[1] = t.invHd;
    pf[3] = t.maxAbsDec;
    pi[0] = t.nD;
    pi[1] = t.nT * J * 8;
  });
  return {
    wx: F('wx', cap * 4), band: new Int32Array(buf, a.band, cap), rowAddr: new Int32Array(buf, a.rowAddr, cap),
    tableAddr: tabs.map((_, b) => a[`lnS${b}`]),
    dec: F('dec', cap), sinDec: F('sinDec', cap), cosDec: F('cosDec', cap), ca: F('ca', cap), sa: F('sa', cap), invD: F('invD', cap),
    lnSig: F('lnSig', cap), pdfA: F('pdfA', cap), pdfC: F('pdfC', cap), cosReach: F('cosReach', cap),
    st: F('st', cap * J), Z: F('Z', cap * J),
    eBin: new Int32Array(buf, a.eBin, cap), exIdx: new Int32Array(buf, a.exIdx, cap), fb: new Int32Array(buf, a.fb, cap), flag: new Uint8Array(buf, a.flag, cap),
    binRatioMax: F('binRatioMax', nBins), m: F('m', nBins * S),
    sta: inst.exports.sta as (i0: number, i1: number) => number,
    pb: inst.exports.pb as (n: number, bigB: number) => number,
  };
}

/** address of element `idx` (i32 code) of an array of `size`-byte elements at byte offset base */
const addr = (base: number, idx: Code, size: number): Code => i.add(i.c(base), i.shl(idx, i.c(Math.log2(size))));

function staBody(sp: StackPassSpec, at: Record<string, number>): { locals: number[]; body: Code } {
  const J = sp.J;
  const Lc = new Locals(2);
  const I0 = 0, I1 = 1;
  const ev = Lc.add(I32), nfb = Lc.add(I32);
  const SIXTH = 1 / 6;
  // one event's locals; two events' lookups are interleaved stage by stage when both are in a table
  const ctx = (e: Code) => ({
    e, bd: Lc.add(I32), iy: Lc.add(I32), bp: Lc.add(I32), stride: Lc.add(I32), ow: Lc.add(I32), ost: Lc.add(I32),
    dec: Lc.add(F64), mad: Lc.add(F64), y: Lc.add(F64), fy: Lc.add(F64), ay: Lc.add(F64), by: Lc.add(F64), cy: Lc.add(F64),
    o: [Lc.add(I32), Lc.add(I32), Lc.add(I32), Lc.add(I32)],
    wx: [Lc.add(F64), Lc.add(F64), Lc.add(F64), Lc.add(F64)], wy: [Lc.add(F64), Lc.add(F64), Lc.add(F64), Lc.add(F64)],
    VL: { x: Lc.add(V128), nd: Lc.add(V128), r: Lc.add(V128), n: Lc.add(V128), n0: Lc.add(I32), n1: Lc.add(I32) },
    vw: { x: [Lc.add(V128), Lc.add(V128), Lc.add(V128), Lc.add(V128)], y: [Lc.add(V128), Lc.add(V128), Lc.add(V128), Lc.add(V128)] },
    res: Array.from({ length: Math.ceil(J / 2) }, () => Lc.add(V128)),
  });
  type Ctx = ReturnType<typeof ctx>;
  const A = ctx(get(ev)), B = ctx(i.add(get(ev), i.c(1)));
  // VmfSumTable.lnAtInto: band parameters, δ index; the table answers when |δ| ≤ maxAbsDec and δ is in its range
  const pre = (c: Ctx): Code => [
    ...lset(c.bp, i.add(i.c(at.bandPar), i.shl(get(c.bd), i.c(5)))),
    ...lset(c.dec, f.load(addr(at.dec, c.e, 8))),
    ...lset(c.mad, f.load(get(c.bp), 24)),
    ...lset(c.iy, i.trunc(ltee(c.y, f.mul(f.sub(get(c.dec), f.load(get(c.bp), 0)), f.load(get(c.bp), 8))))),
  ];
  const inTable = (c: Ctx): Code => i.and(i.and(i.and(f.le(get(c.dec), get(c.mad)), f.ge(get(c.dec), f.neg(get(c.mad)))), f.ge(get(c.y), f.c(1))), i.ltS(i.add(get(c.iy), i.c(2)), i.load(get(c.bp), 16)));
  // δ weights, the σ weights precomputed per event, the 4 column addresses
  const weights = (c: Ctx): Code => {
    const { fy, ay, by, cy, wy, wx, o } = c;
    const out: Code = [
      ...lset(fy, f.sub(get(c.y), f.fromI(get(c.iy)))),
      ...lset(ay, f.add(get(fy), f.c(1))), ...lset(by, f.sub(get(fy), f.c(1))), ...lset(cy, f.sub(get(fy), f.c(2))),
      ...lset(wy[0], f.mul(f.mul(f.mul(f.neg(get(fy)), get(by)), get(cy)), f.c(SIXTH))),
      ...lset(wy[1], f.mul(f.mul(f.mul(get(ay), get(by)), get(cy)), f.c(0.5))),
      ...lset(wy[2], f.mul(f.mul(f.mul(f.neg(get(ay)), get(fy)), get(cy)), f.c(0.5))),
      ...lset(wy[3], f.mul(f.mul(f.mul(get(ay), get(fy)), get(by)), f.c(SIXTH))),
      ...lset(c.ow, addr(at.wx, i.shl(c.e, i.c(2)), 8)),
      ...lset(wx[0], f.load(get(c.ow), 0)), ...lset(wx[1], f.load(get(c.ow), 8)), ...lset(wx[2], f.load(get(c.ow), 16)), ...lset(wx[3], f.load(get(c.ow), 24)),
      ...lset(c.stride, i.load(get(c.bp), 20)),
      // o0 = rowAddr + (iy − 1)·nT·J·8, then one column stride each
      ...lset(o[0], i.add(i.load(addr(at.rowAddr, c.e, 4)), i.mul(i.add(get(c.iy), i.c(-1)), get(c.stride)))),
      ...lset(o[1], i.add(get(o[0]), get(c.stride))), ...lset(o[2], i.add(get(o[1]), get(c.stride))), ...lset(o[3], i.add(get(o[2]), get(c.stride))),
    ];
    for (let k = 0; k < 4; k++) out.push(...lset(c.vw.x[k], v.splat(get(wx[k]))), ...lset(c.vw.y[k], v.splat(get(wy[k]))));
    return out;
  };
  // components (j, j+1) in the lanes of a f64x2 (lane-wise the scalar arithmetic; an odd J's last load
  // reads the next node's first value into an unused lane): 4 δ columns, in each the 4 σ nodes n at n·J
  const comp = (c: Ctx, j: number): Code => {
    const row = (k: number) => {
      const t = (n: number) => v.load(get(c.o[k]), (n * J + j) * 8);
      return v.add(v.add(v.add(v.mul(get(c.vw.x[0]), t(0)), v.mul(get(c.vw.x[1]), t(1))), v.mul(get(c.vw.x[2]), t(2))), v.mul(get(c.vw.x[3]), t(3)));
    };
    let val = v.mul(get(c.vw.y[0]), row(0));
    for (let k = 1; k < 4; k++) val = v.add(val, v.mul(get(c.vw.y[k]), row(k)));
    return lset(c.res[j >> 1], vexp(val, c.VL));
  };
  const store = (c: Ctx): Code => {
    const out: Code = [...lset(c.ost, addr(at.st, i.mul(c.e, i.c(J)), 8))];
    for (let j = 0; j < J; j += 2) {
      if (j + 1 < J) out.push(...v.store(get(c.ost), get(c.res[j >> 1]), j * 8));
      else out.push(...f.store(get(c.ost), v.lane(get(c.res[j >> 1]), 0), j * 8));
    }
    return out;
  };
  const lookup = (c: Ctx): Code => {
    const out = weights(c);
    for (let j = 0; j < J; j += 2) out.push(...comp(c, j));
    return [...out, ...store(c)];
  };
  const fallback = (c: Ctx): Code => [...i.store(addr(at.fb, get(nfb), 4), c.e), ...lset(nfb, i.add(get(nfb), i.c(1)))];
  const one = (c: Ctx): Code => [...pre(c), ...ifs(inTable(c), lookup(c), fallback(c))];
  const single: Code = ifs(i.eqz(i.load8(addr(at.flag, A.e, 1))), [
    ...lset(A.bd, i.load(addr(at.band, A.e, 4))),
    ...ifs(i.geS(get(A.bd), i.c(0)), one(A), ifs(i.eq(get(A.bd), i.c(-1)), fallback(A))),
  ]);
  const both: Code = [...weights(A), ...weights(B)];
  for (let j = 0; j < J; j += 2) both.push(...comp(A, j), ...comp(B, j));
  both.push(...store(A), ...store(B));
  const pairPath: Code = [
    ...pre(A), ...pre(B),
    // both in their tables: interleaved; else one after the other (the fallback list in event order)
    ...ifs(i.and(inTable(A), inTable(B)), both, [...ifs(inTable(A), lookup(A), fallback(A)), ...ifs(inTable(B), lookup(B), fallback(B))]),
  ];
  const pairOk = i.and(i.and(i.ltS(i.add(get(ev), i.c(1)), get(I1)), i.eqz(i.or(i.load8(addr(at.flag, A.e, 1)), i.load8(addr(at.flag, B.e, 1))))),
    i.and(i.geS(ltee(A.bd, i.load(addr(at.band, A.e, 4))), i.c(0)), i.geS(ltee(B.bd, i.load(addr(at.band, B.e, 4))), i.c(0))));
  const body: Code = [
    ...lset(ev, get(I0)),
    0x02, 0x40, 0x03, 0x40,
    ...i.geS(get(ev), get(I1)), 0x0d, 1,
    ...ifs(pairOk, [...pairPath, ...lset(ev, i.add(get(ev), i.c(2)))], [...single, ...lset(ev, i.add(get(ev), i.c(1)))]),
    0x0c, 0, 0x0b, 0x0b,
    ...get(nfb),
  ];
  return { locals: Lc.types, body };
}

function pbBody(sp: StackPassSpec, at: Record<string, number>, S: number): { locals: number[]; body: Code } {
  const J = sp.J, K = sp.px.length;
  const Lc = new Locals(2);
  const N = 0, BIG = 1;
  const ev = Lc.add(I32), nEx = Lc.add(I32);
  // one event's locals; two events are interleaved stage by stage when both are flag 0 (independent
  // dependency chains side by side for the out-of-order core), their moment updates in event order
  const ctx = (e: Code) => ({
    e, oz: Lc.add(I32), ost: Lc.add(I32), q: Lc.add(I32), b: Lc.add(I32),
    inv: Lc.add(F64), ci: Lc.add(F64), bt: Lc.add(F64), rm: Lc.add(F64), yMax: Lc.add(F64), zjl: Lc.add(F64),
    z: Array.from({ length: J }, () => Lc.add(F64)),
    cv: { ux: Lc.add(V128), uy: Lc.add(V128), uz: Lc.add(V128), cr: Lc.add(V128), A: Lc.add(V128), C: Lc.add(V128) },
    VL: { x: Lc.add(V128), nd: Lc.add(V128), r: Lc.add(V128), n: Lc.add(V128), n0: Lc.add(I32), n1: Lc.add(I32) },
    vm: Lc.add(V128), vt: Lc.add(V128),
  });
  type Ctx = ReturnType<typeof ctx>;
  const A = ctx(get(ev)), B = ctx(i.add(get(ev), i.c(1)));
  const head = (c: Ctx): Code => [
    ...lset(c.oz, addr(at.Z, i.mul(c.e, i.c(J)), 8)),
    ...lset(c.ost, addr(at.st, i.mul(c.e, i.c(J)), 8)),
    ...lset(c.inv, f.load(addr(at.invD, c.e, 8))),
  ];
  // flag 0: z_j = −S̃_j, then + B_jk S_k for the sources within the event's reach (stack.ts addSources,
  // vMF branch), two sources per f64x2: cos ψ, fastExp and B_jk·S_k lane-wise as the scalar code for
  // every source, the out-of-reach lanes masked to +0 (z_j ≠ 0 here, as S̃_j > 0, so z_j + 0 = z_j).
  // fastExp without its x < −700 branch: x = κ(cos ψ − 1) ≥ −2κ and the caller flags κ > 350.
  const setup = (c: Ctx): Code => {
    const out: Code = [];
    for (let j = 0; j < J; j++) out.push(...lset(c.z[j], f.neg(f.load(get(c.ost), j * 8))));
    out.push(
      ...lset(c.ci, f.load(addr(at.cosDec, c.e, 8))),
      ...lset(c.cv.ux, v.splat(f.mul(get(c.ci), f.load(addr(at.ca, c.e, 8))))),
      ...lset(c.cv.uy, v.splat(f.mul(get(c.ci), f.load(addr(at.sa, c.e, 8))))),
      ...lset(c.cv.uz, v.splat(f.load(addr(at.sinDec, c.e, 8)))),
      ...lset(c.cv.cr, v.splat(f.load(addr(at.cosReach, c.e, 8)))),
      ...lset(c.cv.A, v.splat(f.load(addr(at.pdfA, c.e, 8)))),
      ...lset(c.cv.C, v.splat(f.load(addr(at.pdfC, c.e, 8)))),
    );
    return out;
  };
  const at2 = (a: Float64Array, k: number) => v.c(a[k], k + 1 < K ? a[k + 1] : 0);
  const bt2 = (kk: number) => (kk < K ? (sp.group ? sp.BT[kk * J + sp.group[kk]] : 0) : 0);
  const pair = (c: Ctx, k: number): Code => {
    const { cv, vt, vm, z } = c;
    const out: Code = [
      // cos ψ = (ux·px + uy·py) + uz·pz; in reach: cos ψ ≥ cos(reach)
      ...lset(vt, v.add(v.add(v.mul(get(cv.ux), at2(sp.px, k)), v.mul(get(cv.uy), at2(sp.py, k))), v.mul(get(cv.uz), at2(sp.pz, k)))),
      ...lset(vm, v.ge(get(vt), get(cv.cr))),
      // S = A·fastExp(κ(cos ψ − 1)) (a branch skipping pairs out of reach was slower: mispredictions)
      ...lset(vt, v.mul(get(cv.A), vexp(v.mul(get(cv.C), v.sub(get(vt), v.c(1, 1))), c.VL))),
    ];
    if (sp.group) {
      out.push(...lset(vt, v.and(v.mul(v.c(bt2(k), bt2(k + 1)), get(vt)), get(vm))));
      for (let q = 0; q < 2 && k + q < K; q++) {
        const j = sp.group[k + q];
        out.push(...lset(z[j], f.add(get(z[j]), v.lane(get(vt), q))));
      }
    } else {
      // general basis: every component, B_jk·S_k with S_k masked
      out.push(...lset(vt, v.and(get(vt), get(vm))));
      for (let q = 0; q < 2 && k + q < K; q++) for (let j = 0; j < J; j++) {
        out.push(...lset(z[j], f.add(get(z[j]), f.mul(f.c(sp.BT[(k + q) * J + j]), v.lane(get(vt), q)))));
      }
    }
    return out;
  };
  const loadZ = (c: Ctx): Code => c.z.flatMap((l, j) => lset(l, f.load(get(c.oz), j * 8)));
  // bt = Σ_j cMax_j |S̃_j|; z_j ← z_j/D̃ (stored); yMax = Σ_j cMax_j |z_j|
  const tail = (c: Ctx): Code => {
    let btc: Code = f.c(0);
    for (let j = 0; j < J; j++) btc = f.add(btc, f.mul(f.c(sp.cMax[j]), f.abs(f.load(get(c.ost), j * 8))));
    const out: Code = [...lset(c.bt, btc)];
    for (let j = 0; j < J; j++) out.push(...f.store(get(c.oz), ltee(c.z[j], f.mul(get(c.z[j]), get(c.inv))), j * 8));
    let ym: Code = f.c(0);
    for (let j = 0; j < J; j++) ym = f.add(ym, f.mul(f.c(sp.cMax[j]), f.abs(get(c.z[j]))));
    out.push(
      ...lset(c.b, i.load(addr(at.eBin, c.e, 4))),
      ...lset(c.rm, f.load(addr(at.binRatioMax, get(c.b), 8))),
      ...lset(c.yMax, ym),
    );
    return out;
  };
  // exact list or moments (MultiSeriesFit.add order: j ≤ l ≤ m)
  const gather = (c: Ctx): Code => {
    const mom: Code = [];
    const upd = (off: number, val: Code) => f.store(get(c.q), f.add(f.load(get(c.q), off * 8), val), off * 8);
    let p = J, tt = J + (J * (J + 1)) / 2;
    for (let j = 0; j < J; j++) {
      mom.push(...upd(j, get(c.z[j])));
      for (let l = j; l < J; l++) {
        mom.push(...lset(c.zjl, f.mul(get(c.z[j]), get(c.z[l]))));
        mom.push(...upd(p++, get(c.zjl)));
        for (let m = l; m < J; m++) mom.push(...upd(tt++, f.mul(get(c.zjl), get(c.z[m]))));
      }
    }
    return ifs(i.or(f.ge(f.mul(get(c.yMax), get(c.rm)), get(BIG)), f.ge(f.mul(f.mul(get(c.bt), get(c.inv)), get(c.rm)), get(BIG))), [
      ...i.store(addr(at.exIdx, get(nEx), 4), c.e),
      ...lset(nEx, i.add(get(nEx), i.c(1))),
    ], [
      ...lset(c.q, i.add(i.c(at.m), i.mul(get(c.b), i.c(S * 8)))),
      ...mom,
    ]);
  };
  const single: Code = [...head(A), ...ifs(i.eqz(i.load8(addr(at.flag, A.e, 1))), [...setup(A), ...Array.from({ length: Math.ceil(K / 2) }, (_, h) => pair(A, 2 * h)).flat()], loadZ(A)), ...tail(A), ...gather(A)];
  const both: Code = [...head(A), ...head(B), ...setup(A), ...setup(B)];
  for (let k = 0; k < K; k += 2) both.push(...pair(A, k), ...pair(B, k));
  both.push(...tail(A), ...tail(B), ...gather(A), ...gather(B));
  const body: Code = [
    0x02, 0x40, 0x03, 0x40,
    ...i.geS(get(ev), get(N)), 0x0d, 1,
    ...ifs(i.and(i.ltS(i.add(get(ev), i.c(1)), get(N)), i.eqz(i.or(i.load8(addr(at.flag, A.e, 1)), i.load8(addr(at.flag, B.e, 1))))),
      [...both, ...lset(ev, i.add(get(ev), i.c(2)))],
      [...single, ...lset(ev, i.add(get(ev), i.c(1)))]),
    0x0c, 0, 0x0b, 0x0b,
    ...get(nEx),
  ];
  return { locals: Lc.types, body };
}

function moduleBytes(sp: StackPassSpec, at: Record<string, number>, S: number, pages: number): Uint8Array {
  const fns = [
    { name: 'sta', ...(sp.tables ? staBody(sp, at) : { locals: [], body: i.c(0) }) },
    { name: 'pb', ...pbBody(sp, at, S) },
  ];
  const type = [0x60, 2, I32, I32, 1, I32];
  const type2 = [0x60, 2, I32, F64, 1, I32];
  const codes = fns.map((d) => {
    const groups: number[] = [];
    let n = 0;
    for (let k = 0; k < d.locals.length; ) {
      let r = k;
      while (r < d.locals.length && d.locals[r] === d.locals[k]) r++;
      groups.push(...uleb(r - k), d.locals[k]);
      n++;
      k = r;
    }
    const c = [...uleb(n), ...groups, ...d.body, 0x0b];
    return [...uleb(c.length), ...c];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, ...type, ...type2]),
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, ...uleb(pages)]),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...str('sta'), 0x00, 0, ...str('pb'), 0x00, 1]),
    ...section(10, [2, ...codes.flat()]),
  ]);
}
