/**
 * WebAssembly per-event passes of the stack kernel (stack.ts), assembled at set-up from opcodes
 * for the kernel's own J, sources and weight basis (everything unrolled, constants inline; the
 * generators in stackPassSta.ts and stackPassGen.ts, expression helpers in stackPassAsm.ts):
 *  - `sta(i0, i1)`: S̃ after the jitter for the events order[i0 … i1) (the caller's vMF data events
 *    with a band table, by band then declination: consecutive events read nearby table columns):
 *    the σ band's VmfSumTable (VmfSumBands) read bicubically, the σ weights precomputed per event
 *    (σ is fixed), the J log-sums two at a time (f64x2), then fastExp lane-wise; events outside the
 *    table are listed (fb) for the caller's exact sum.
 *    Operation for operation VmfSumTable.lnAtInto + fastExp.
 *  - `pb(n, bigB)`: for every event, z_ij = (Σ_k B_jk S_ik − S̃_ij)/D̃_i: for the flag-0 events
 *    the source sum two sources at a time (f64x2, out-of-reach lanes masked to +0; with a grouped
 *    basis pair by pair over blocks of events, only the pairs with a lane in reach: stackPassGen.ts
 *    pairMajor; RA trig from the caller's fastTrig.fillCosSin); flag-1
 *    events — Gaussian PDF or injected — come with Z = Σ_k B_jk S_ik − S̃_ij from the caller;
 *    then the S̃ bound and MultiSeriesFit.add: the event goes to the exact list when its |y| or
 *    S̃ bound is large, else into the per-bin moments (a second loop over the events, f64x2 moments). Operation for operation the JS path of
 *    stack.ts (f64x2 lanes are the scalar IEEE operations; neither side contracts to FMA), so
 *    results are bit-identical (stackPass.test.ts).
 *  - `trig(n)` (RA cos/sin, fillCosSin's twin) and `gs(n)` (S̃ of the Gaussian-PDF events, gaussStilde's
 *    twin): stackPassTwins.ts; `fitsums(nOcc, nEx)` (MultiSeriesFit.prepare's sums): stackFitWasm.ts;
 *    `gz(n)` (the Gaussian-PDF events' source sums, zOf's twin): stackPassGen.ts.
 * sta and pb take two events per step where both go the common way, their instruction streams
 * interleaved stage by stage (each event is one long dependency chain; side by side the out-of-order
 * core overlaps them: pb −16 %, sta −10 %), the exact list, fallback list and moment updates in event order.
 * Why: in V8 a JS loop reloads every typed array's base and length at each access; this pass has
 * ~100 accesses per event. Binary format: WebAssembly Core Specification 2.0 §5, SIMD opcodes of
 * the fixed-width SIMD proposal (as src/sky/sht/wasm.ts).
 * No x < −700 / x > 700 branches in the inlined fastExp: the arguments are ln S̃ (tables checked
 * within ±600 at set-up) and κ(cos ψ − 1) ∈ [−2κ, 0] (the caller flags κ > 350).
 */
import { uleb, str, section } from '../../wasm/encode.js';
import { EXP_TABLE } from '../../scan/gatherWasm.js';
import { ConstPool, i, withConstPool, F64, I32 } from './stackPassAsm.js';
import { gzBody, pbBody, PM_BLOCK } from './stackPassGen.js';
import { staBody } from './stackPassSta.js';
import { gaussBody, trigBody, type GaussSpec } from './stackPassTwins.js';
import { fitSumsBody } from './stackFitWasm.js';
import type { FitWork } from './multiSeriesFit.js';
import { TRIG_INV_STEP, TRIG_STEP, TRIG_TABLE_COS, TRIG_TABLE_SIN } from './fastTrig.js';

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
  /** the per-source Gaussian S̃ tables (STildeTable.layout(), one per source) and the sources' declinations; null: none */
  gauss?: { tables: { lnS: Float64Array; nU: number; nT: number; u0: number; t0: number; invHu: number; invHt: number }[]; dec: Float64Array } | null;
}

/**
 * The ps kernel's memory (PsWasm with reserveBytes ≥ stackPassBytes): this module's arrays from base on,
 * the arrays both modules use (SHARED) read where the ps module keeps them — no per-trial copies.
 */
export interface SharedMemory { memory: { buffer: ArrayBuffer }; base: number; addrOf: (name: string) => number }
// fx: the fit's x (fitsums writes it, PsWasm.nsFit reads it)
// the v128 constants of the generated loops (stackPassAsm.ts ConstPool, hoisted)
const KPOOL_BYTES = 4096;
const SHARED = new Set(['ra', 'dec', 'sinDec', 'cosDec', 'invD', 'eBin', 'binRatioMax', 'fx']);

/** Byte offsets of the arrays in the module's memory. */
class Layout {
  next: number;
  readonly at: Record<string, number> = {};
  constructor(readonly shared?: SharedMemory) {
    this.next = shared ? shared.base : EXP_TABLE.length * 8;
  }
  take(name: string, bytes: number): number {
    if (this.shared && SHARED.has(name)) return (this.at[name] = this.shared.addrOf(name));
    this.next = Math.ceil(this.next / 16) * 16;
    this.at[name] = this.next;
    this.next += bytes;
    return this.at[name];
  }
}

export interface StackPass {
  /** in the ps kernel's memory: ra, dec, sin/cos δ, 1/D̃, eBin and max S/B are the ps module's arrays (no copies) */
  sharesMemory: boolean;
  /** views on the module's memory (per-event f64 arrays of length cap; st and Z cap·J) */
  /** `gs(n)`: S̃ of the Gaussian-PDF events gl[0 … n) from the per-source tables (hasGauss), returns how many it listed in fb for the caller's exact gaussStilde */
  gs: (n: number) => number;
  hasGauss: boolean;
  sigma: Float64Array; reach: Float64Array; gl: Int32Array;
  ra: Float64Array; dec: Float64Array; sinDec: Float64Array; cosDec: Float64Array; ca: Float64Array; sa: Float64Array; invD: Float64Array;
  lnSig: Float64Array; pdfA: Float64Array; pdfC: Float64Array; cosReach: Float64Array;
  st: Float64Array; Z: Float64Array;
  eBin: Int32Array; exIdx: Int32Array; fb: Int32Array; flag: Uint8Array;
  binRatioMax: Float64Array;
  /** per position p of the order list (event order[p], σ fixed): σ weights of the table stencil (4 each), band, byte address of the band table's first σ node (sta reads them sequentially) */
  wx: Float64Array; band: Int32Array; rowAddr: Int32Array;
  /** the events sta reads, in its order (filled by the caller) */
  order: Int32Array;
  /** byte address of each band's table */
  tableAddr: number[];
  /** per-bin moment blocks (MultiSeriesFit's layout) */
  m: Float64Array;
  sta: (i0: number, i1: number) => number;
  pb: (n: number, bigB: number) => number;
  /** ca, sa = cos, sin of ra for events [0, n) (fastTrig.fillCosSin bit for bit); returns how many angles outside [0, 2π] it listed in fb for the caller */
  trig: (n: number) => number;
  /** `gz(n)`: unscaled Z of the flag-2 (Gaussian-PDF) events among gl[0 … n) (zOf's twin; stackPassGen.ts) */
  gz: (n: number) => number;
  /** MultiSeriesFit's work arrays in this memory and its sums (stackFitWasm.ts) */
  fit: FitWork;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Bytes the passes for this spec need in another module's memory (SharedMemory.base on); 0 where there are none. */
export function stackPassBytes(sp: StackPassSpec): number {
  return WA && process.env.NUSKY_STACK_WASM !== '0' ? (plan(sp)?.L.next ?? 0) + 65536 : 0;
}

/**
 * The passes for this spec, or null where WebAssembly is unavailable (or NUSKY_STACK_WASM=0); with `shared`,
 * in the ps kernel's memory (its exp table at 0 is fastExp's, as this module's own).
 */
/** The module's memory layout for this spec (null: tables outside vexp's range). */
function plan(sp: StackPassSpec, shared?: SharedMemory) {
  const { J, cap, nBins } = sp;
  const P = (J * (J + 1)) / 2, T = (J * (J + 1) * (J + 2)) / 6, S = J + P + T;
  const L = new Layout(shared);
  const f64Names = ['dec', 'sinDec', 'cosDec', 'invD', 'lnSig', 'pdfA', 'pdfC', 'cosReach'];
  for (const nm of f64Names) L.take(nm, cap * 8);
  // trig reads and writes two events at a time: one spare slot each
  for (const nm of ['ra', 'ca', 'sa']) L.take(nm, (cap + 1) * 8);
  L.take('sigma', cap * 8);
  L.take('reach', cap * 8);
  L.take('gl', cap * 4);
  // Gaussian tables on one grid, logs within ±400 (the bicubic read stays within ±700: vexp has no range branches)
  let gs: GaussSpec | null = null;
  const gt = sp.gauss?.tables ?? [];
  if (sp.gauss && gt.length === sp.gauss.dec.length) {
    const t0 = gt[0];
    const same = gt.every((t) => t.nU === t0.nU && t.nT === t0.nT && t.u0 === t0.u0 && t.t0 === t0.t0 && t.invHu === t0.invHu && t.invHt === t0.invHt);
    const inRange = gt.every((t) => t.lnS.every((x) => x >= -400 && x <= 400));
    if (same && inRange) {
      gs = { dec: sp.gauss.dec, nU: t0.nU, nT: t0.nT, u0: t0.u0, t0: t0.t0, invHu: t0.invHu, invHt: t0.invHt };
      gt.forEach((t, k) => L.take(`gt${k}`, t.lnS.length * 8));
    }
  }
  L.take('tcs', TRIG_TABLE_COS.length * 16);
  L.take('kpool', KPOOL_BYTES);
  L.take('st', cap * J * 8);
  L.take('Z', cap * J * 8);
  L.take('binRatioMax', nBins * 8);
  L.take('m', nBins * S * 8);
  for (const [nm, n] of [['fc', J], ['fcc2', P], ['fcc3', T], ['fr', nBins], ['fexZ', cap * J], ['fx', cap], ['fsum', 3]] as const) L.take(nm, n * 8);
  L.take('focc', nBins * 4);
  L.take('fexB', cap * 4);
  L.take('eBin', cap * 4);
  L.take('exIdx', cap * 4);
  L.take('fb', cap * 4);
  L.take('flag', cap);
  L.take('xf', cap);
  // pb's per-block source-pair lists: event and cos ψ (stackPassGen.ts pairMajor)
  L.take('lst', Math.ceil(sp.px.length / 2) * PM_BLOCK * 4);
  L.take('pv', Math.ceil(sp.px.length / 2) * PM_BLOCK * 16);
  const tabs = sp.tables ?? [];
  L.take('wx', cap * 32);
  L.take('band', cap * 4);
  L.take('order', cap * 4);
  L.take('rowAddr', cap * 4);
  L.take('bandPar', tabs.length * 32);
  tabs.forEach((t, b) => L.take(`lnS${b}`, (t.lnS.length + 2) * 8));
  // vexp has no x < −700 branch: table logs far above it (interpolation stays near the node values)
  for (const t of tabs) for (let k = 0; k < t.lnS.length; k++) if (!(t.lnS[k] >= -600 && t.lnS[k] <= 600)) return null;
  return { L, gs, S, P, T, gt, tabs };
}

export function createStackPass(sp: StackPassSpec, shared?: SharedMemory): StackPass | null {
  if (!WA || process.env.NUSKY_STACK_WASM === '0') return null;
  if (shared && shared.addrOf('exp') !== 0) return null;
  const pl = plan(sp, shared);
  if (!pl) return null;
  const { L, gs, S, P, T, gt, tabs } = pl;
  const { J, cap, nBins } = sp;
  let bytes: Uint8Array;
  const kp = process.env.NUSKY_STACK_KPOOL === '0' ? null : new ConstPool(L.at.kpool, KPOOL_BYTES);
  try {
    bytes = withConstPool(kp, () => moduleBytes(sp, L.at, S, Math.ceil(L.next / 65536), gs));
  } catch {
    return null;
  }
  const pages = Math.ceil(L.next / 65536);
  let inst: { exports: Record<string, unknown> }, memory: { buffer: ArrayBuffer };
  try {
    memory = shared ? shared.memory : new WA.Memory({ initial: pages });
    if (memory.buffer.byteLength < L.next) return null;
    inst = new WA.Instance(new WA.Module(bytes), { env: { mem: memory } });
  } catch {
    return null;
  }
  const buf = memory.buffer, a = L.at;
  if (!shared) new Float64Array(buf, 0, EXP_TABLE.length).set(EXP_TABLE);
  kp?.write(buf);
  const F = (nm: string, n: number) => new Float64Array(buf, a[nm], n);
  if (gs) gt.forEach((t, k) => F(`gt${k}`, t.lnS.length).set(t.lnS));
  const tcs = F('tcs', 2 * TRIG_TABLE_COS.length);
  for (let j = 0; j < TRIG_TABLE_COS.length; j++) {
    tcs[2 * j] = TRIG_TABLE_COS[j];
    tcs[2 * j + 1] = TRIG_TABLE_SIN[j];
  }
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
    sharesMemory: shared !== undefined,
    wx: F('wx', cap * 4), band: new Int32Array(buf, a.band, cap), order: new Int32Array(buf, a.order, cap), rowAddr: new Int32Array(buf, a.rowAddr, cap),
    tableAddr: tabs.map((_, b) => a[`lnS${b}`]),
    sigma: F('sigma', cap), reach: F('reach', cap), gl: new Int32Array(buf, a.gl, cap), hasGauss: gs !== null,
    gs: inst.exports.gs as (n: number) => number,
    ra: F('ra', cap), dec: F('dec', cap), sinDec: F('sinDec', cap), cosDec: F('cosDec', cap), ca: F('ca', cap), sa: F('sa', cap), invD: F('invD', cap),
    lnSig: F('lnSig', cap), pdfA: F('pdfA', cap), pdfC: F('pdfC', cap), cosReach: F('cosReach', cap),
    st: F('st', cap * J), Z: F('Z', cap * J),
    eBin: new Int32Array(buf, a.eBin, cap), exIdx: new Int32Array(buf, a.exIdx, cap), fb: new Int32Array(buf, a.fb, cap), flag: new Uint8Array(buf, a.flag, cap),
    binRatioMax: F('binRatioMax', nBins), m: F('m', nBins * S),
    sta: inst.exports.sta as (i0: number, i1: number) => number,
    pb: inst.exports.pb as (n: number, bigB: number) => number,
    trig: inst.exports.trig as (n: number) => number,
    gz: inst.exports.gz as (n: number) => number,
    fit: {
      c: F('fc', J), cc2: F('fcc2', P), cc3: F('fcc3', T), r: F('fr', nBins), occ: new Int32Array(buf, a.focc, nBins),
      exZ: F('fexZ', cap * J), exB: new Int32Array(buf, a.fexB, cap), x: F('fx', cap), sum: F('fsum', 3),
      sums: inst.exports.fitsums as (nOcc: number, nEx: number) => number,
    },
  };
}

function moduleBytes(sp: StackPassSpec, at: Record<string, number>, S: number, pages: number, gs: GaussSpec | null): Uint8Array {
  const fns = [
    { name: 'sta', ...(sp.tables ? staBody(sp, at) : { locals: [], body: i.c(0) }) },
    { name: 'pb', ...pbBody(sp, at, S) },
    { name: 'trig', ...trigBody(at, { step: TRIG_STEP, invStep: TRIG_INV_STEP }) },
    { name: 'gs', ...(gs ? gaussBody(sp, gs, at) : { locals: [], body: i.c(0) }) },
    { name: 'fitsums', ...fitSumsBody(sp.J, at) },
    { name: 'gz', ...(sp.group ? gzBody(sp, at) : { locals: [], body: i.c(0) }) },
  ];
  const type = [0x60, 2, I32, I32, 1, I32];
  const type2 = [0x60, 2, I32, F64, 1, I32];
  const type3 = [0x60, 1, I32, 1, I32];
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
    ...section(1, [3, ...type, ...type2, ...type3]),
    ...section(2, [1, ...str('env'), ...str('mem'), 0x02, 0x00, ...uleb(pages)]),
    ...section(3, [6, 0, 1, 2, 2, 0, 2]),
    ...section(7, [6, ...str('sta'), 0x00, 0, ...str('pb'), 0x00, 1, ...str('trig'), 0x00, 2, ...str('gs'), 0x00, 3, ...str('fitsums'), 0x00, 4, ...str('gz'), 0x00, 5]),
    ...section(10, [6, ...codes.flat()]),
  ]);
}
