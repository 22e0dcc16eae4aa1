/**
 * WebAssembly passes of the ps kernel's jittered trial (pointSource.ts), generated per kernel with
 * its array addresses as load offsets (src/trials/kernels/wasmAsm.ts; no toolchain, no binary blob;
 * generators in psDrawsWasm.ts, psJitWasm.ts, psYPassWasm.ts, shared context psWasmContext.ts):
 *  - the trial's random draws: Rng's xoshiro128** and Marsaglia polar method (src/stats/random.ts)
 *    run on a copy of the generator state (rngState.ts), with fdlibm's log (V8's Math.log), so the
 *    numbers and the state afterwards are Rng's own: ras(n) = scrambleRa, nfill(n) = fillNormal
 *    (the stack kernel's draws); and the four-lane generator of the ps kernel's jittered scrambles
 *    (src/stats/laneRng.ts, psLaneDrawsWasm.ts): lras(n) = scrambleRaLanes, lnfill(n) = LaneRng.fillNormal;
 *  - jit(n0): apply the 3° declination jitter (jitterDecBulk's rule: cap events keep δ0, draws
 *    landing in a cap are redrawn, normals drawn in stream order), sin/cos of the new δ
 *    (fillShiftedSinCos), then TrialBackground.rebuild's
 *    per-event work: KDE cell counts, energy bin from the new sin δ row (log E column kept),
 *    energy histogram;
 *  - kde(norm): the binned sin δ KDE from the cell counts (CachedSinDecKde.densityFromCounts with
 *    the same kernel rows, cached for every cell at set-up), then invd(from, to): 1/D̃ (fillInvD) (psBgWasm.ts);
 *  - ypass(n0, δs, sin δs, cos δs, cos αs, sin αs, bigB): fillY's hot loop over the vMF data events
 *    (S̃ with fastExp and the tabulated Bessel factor, cos/sin of the scrambled RA by fastTrig's
 *    table method, S, y) and SeriesFit.add (per-bin moments or the exact list); returns the
 *    number of exact events.
 * Every expression is the JS path's, operation for operation and in the same order (IEEE f64 in
 * both; neither contracts to FMA), so the results are bit-identical (psPassWasm.test.ts and the
 * kernel's paired test). Why: in V8 each typed-array access in a JS loop reloads the array's map,
 * length and base; these loops touch 10–15 arrays per event.
 * Rare branches call back into JS: Math.sin/cos (|Δδ| > 0.25 rad), besselI0e beyond the table,
 * the energy row for non-uniform sin δ edges, Math.exp above 700, Math.log of subnormals.
 * The constructor checks the generator and log against Rng and Math.log and throws on a mismatch
 * (the kernel then keeps its JS path).
 */
import { moduleBytes, ConstPool, withConstPool, I32, F64, WASM, type WasmMemory } from './wasmAsm.js';
import { EXP_TABLE } from '../../scan/gatherWasm.js';
import { besselI0e } from '../../likelihood/psf.js';
import { TRIG_TABLE_COS, TRIG_TABLE_SIN } from './fastTrig.js';
import { Rng } from '../../stats/random.js';
import { readRngState, writeRngState, type RngState } from './rngState.js';
import { psAsm, I0E_INV_H, I0E_N, type PsWasmSizes } from './psWasmContext.js';
import { drawFns } from './psDrawsWasm.js';
import { laneDrawFns } from './psLaneDrawsWasm.js';
import { LaneRng } from '../../stats/laneRng.js';
import { jitFn } from './psJitWasm.js';
import { ypassFn } from './psYPassWasm.js';
import { nsfitFn, prepxFn } from './psFitWasm.js';
import { ratiosFn } from './psRatiosWasm.js';
import { bgFns } from './psBgWasm.js';

export type { PsWasmSizes } from './psWasmContext.js';

// psf.ts besselI0eFast's table: e^{−x}I0(x) at x = −h, 0, h, …, (N+1)h, h = 1/256
function i0eTable(): Float64Array {
  const t = new Float64Array(I0E_N + 3);
  t[0] = besselI0e(1 / I0E_INV_H) * Math.exp(2 / I0E_INV_H);
  for (let j = 0; j <= I0E_N + 1; j++) t[j + 1] = besselI0e(j / I0E_INV_H);
  return t;
}

type Kind = 'f64' | 'i32';
const KPOOL_BYTES = 4096;
const ARRAYS: [string, Kind, (z: PsWasmSizes) => number][] = [
  ['exp', 'f64', () => EXP_TABLE.length], ['i0e', 'f64', () => I0E_N + 3],
  ['tcs', 'f64', () => 2 * TRIG_TABLE_COS.length],
  ['ra', 'f64', (z) => z.cap], ['dec', 'f64', (z) => z.cap], ['sinDec', 'f64', (z) => z.cap], ['cosDec', 'f64', (z) => z.cap],
  ['reach', 'f64', (z) => z.cap], ['cosReach', 'f64', (z) => z.cap], ['invD', 'f64', (z) => z.cap],
  ['pdfA', 'f64', (z) => z.cap], ['pdfC', 'f64', (z) => z.cap], ['eBin', 'i32', (z) => z.cap],
  ['y', 'f64', (z) => z.cap], ['bt', 'f64', (z) => z.cap], ['exIdx', 'i32', (z) => z.cap], ['exY', 'f64', (z) => z.cap],
  ['dec0', 'f64', (z) => z.n0], ['s0', 'f64', (z) => z.n0], ['c0', 'f64', (z) => z.n0], ['col', 'i32', (z) => z.n0], ['norm', 'f64', (z) => z.n0],
  ['puv', 'f64', (z) => z.n0 + 6], ['pss', 'f64', (z) => (z.n0 >> 1) + 4], ['pff', 'f64', (z) => (z.n0 >> 1) + 4],
  ['m1', 'f64', (z) => z.nBins], ['m2', 'f64', (z) => z.nBins], ['m3', 'f64', (z) => z.nBins], ['binRatioMax', 'f64', (z) => z.nBins], ['hist', 'f64', (z) => z.nBins],
  ['counts', 'f64', (z) => z.nGrid], ['p', 'f64', (z) => z.nGrid], ['cellRow', 'i32', (z) => z.nGrid],
  ['rowLo', 'i32', (z) => z.nGrid], ['rowLen', 'i32', (z) => z.nGrid], ['rowAt', 'i32', (z) => z.nGrid],
  ['edges', 'f64', (z) => z.edges.length], ['rng', 'f64', () => 3], ['lanes', 'i32', () => 16], ['ltail', 'f64', () => 4],
  ['fx', 'f64', (z) => z.cap], ['fitOut', 'f64', () => 2],
  ['br', 'f64', (z) => (z.nGam ?? 0) * z.nBins], ['sigH', 'f64', (z) => (z.nGam ?? 0) * z.nBins], ['sigN', 'f64', (z) => (z.nGam ?? 0) * z.nBins],
  ['sigPos', 'i32', (z) => (z.nGam ?? 0) * (z.nBins / z.nE)], ['hNorm', 'f64', (z) => z.nBins],
  ['rows', 'f64', (z) => z.nGrid * (2 * kdeReach(z) + 1)],
  // the constants of the generated loops (wasmAsm.ts ConstPool, hoisted); before spareBase, so apart from a reserved module's arrays
  ['kpool', 'f64', () => KPOOL_BYTES / 8],
];

/** CachedSinDecKde's kernel reach in grid cells */
const kdeReach = (z: PsWasmSizes) => Math.ceil((6 * z.bandwidth) / (2 / z.nGrid));

export class PsWasm {
  readonly f64: Record<string, Float64Array<ArrayBuffer>> = {};
  readonly i32: Record<string, Int32Array<ArrayBuffer>> = {};
  private readonly at: Record<string, number> = {};
  /** the module's memory; bytes from spareBase on are reserved for another module (constructor's reserveBytes) */
  readonly memory: WasmMemory;
  readonly spareBase: number;
  /** byte offset of one of the module's arrays */
  addrOf(name: string): number {
    return this.at[name];
  }
  readonly jit: (n0: number, m: number) => void;
  readonly ras: (n: number) => void;
  readonly nfill: (n: number) => void;
  /** the lane generator (state in the module's memory) and its twins lras = scrambleRaLanes, lnfill = LaneRng.fillNormal into norm */
  readonly lanes: LaneRng;
  readonly lras: (n: number) => void;
  readonly lnfill: (n: number) => void;
  readonly log: (x: number) => number;
  readonly kde: (norm: number) => void;
  readonly invd: (from: number, to: number) => void;
  readonly ypass: (n0: number, decS: number, sd: number, cd: number, cas: number, sas: number, bigB: number) => number;
  /** TrialBackground.setRatios(hist) into br and binRatioMax (psRatiosWasm.ts; needs z.nGam and sigH/sigN/sigPos filled) */
  readonly ratios: () => void;
  /** SeriesFit.prepare's x (psFitWasm.ts prepx; needs the S/B grid in `br`, the exact list in exIdx/exY) */
  readonly prepx: (m: number, o0: number, o1: number, f: number) => void;
  private readonly nsfit: (m: number, c1: number, c2: number, c3: number, N: number, nsStart: number) => number;

  /** Throws where WebAssembly is unavailable; `rowOf` is the energy row of a sin δ (used for non-uniform edges). */
  constructor(readonly z: PsWasmSizes, rowOf: (x: number) => number, reserveBytes = 0) {
    if (!WASM) throw new Error('WebAssembly unavailable');
    let off = 0;
    for (const [name, , len] of ARRAYS) {
      this.at[name] = off;
      off += Math.ceil((len(z) * 8) / 16) * 16;
    }
    const own = Math.ceil(off / 65536) + 1, pages = own + Math.ceil(reserveBytes / 65536);
    const memory: WasmMemory = new WASM.Memory({ initial: pages, maximum: pages });
    this.memory = memory;
    this.spareBase = own * 65536;
    for (const [name, kind, len] of ARRAYS) {
      if (kind === 'f64') this.f64[name] = new Float64Array(memory.buffer, this.at[name], len(z));
      else this.i32[name] = new Int32Array(memory.buffer, this.at[name], len(z));
    }
    this.f64.exp.set(EXP_TABLE);
    this.f64.i0e.set(i0eTable());
    for (let j = 0; j < TRIG_TABLE_COS.length; j++) {
      this.f64.tcs[2 * j] = TRIG_TABLE_COS[j];
      this.f64.tcs[2 * j + 1] = TRIG_TABLE_SIN[j];
    }
    this.f64.edges.set(z.edges);
    this.fillRows();
    const imports = { log: Math.log, sin: Math.sin, cos: Math.cos, exp: Math.exp, i0e: besselI0e, row: rowOf };
    const mod = new WASM.Module(this.bytes(pages));
    const ex = new WASM.Instance(mod, { env: { mem: memory, ...imports } }).exports;
    this.jit = ex.jit as PsWasm['jit'];
    this.kde = ex.kde as PsWasm['kde'];
    this.invd = ex.invd as PsWasm['invd'];
    this.ypass = ex.ypass as PsWasm['ypass'];
    this.ras = ex.ras as PsWasm['ras'];
    this.nfill = ex.nfill as PsWasm['nfill'];
    this.log = ex.lg as PsWasm['log'];
    this.nsfit = ex.nsfit as PsWasm['nsfit'];
    this.ratios = ex.ratios as PsWasm['ratios'];
    this.prepx = ex.prepx as PsWasm['prepx'];
    this.lras = ex.lras as PsWasm['lras'];
    this.lnfill = ex.lnfill as PsWasm['lnfill'];
    this.lanes = new LaneRng(this.i32.lanes);
    if (this.kpool && !this.kpool.holds(memory.buffer)) throw new Error('PsWasm: constant pool not in memory');
    this.selfCheck();
  }

  /** seriesNsFit over the m exact events' x in f64.fx (psFitWasm.ts; bit-identical) */
  nsFit(m: number, c1: number, c2: number, c3: number, N: number, nsStart: number, out: { ns: number; ts: number }): void {
    out.ns = this.nsfit(m, c1, c2, c3, N, nsStart);
    out.ts = this.f64.fitOut[0];
  }

  /**
   * A jittered scramble of the n0 data events from rng's stream (the ps kernel's; the stack kernel may call
   * it too): lane draws seeded from rng (RA, first jitter normals of the nFree events outside the caps),
   * jit (redraws from rng, sin/cos δ, energy bins, KDE cell counts, energy histogram); rng continues after.
   * The JS twin: LaneRng.seedFrom, scrambleRaLanes, jitterDecLanes (src/trials/scramble.ts), fillShiftedSinCos.
   */
  scrambleJitter(rng: Rng, n0: number, nFree: number): void {
    this.lanes.seedFrom(rng);
    this.loadRng(rng);
    this.lras(n0);
    this.lnfill(nFree);
    this.f64.counts.fill(0);
    this.f64.hist.fill(0);
    this.jit(n0, nFree);
    this.storeRng(rng);
  }

  /** Copy the generator state of `rng` in (before ras/jit/nfill) or back out (after). */
  loadRng(rng: Rng): void {
    const st = readRngState(rng, this.st), v = this.rngWords;
    v[0] = st.s0; v[1] = st.s1; v[2] = st.s2; v[3] = st.s3;
    this.f64.rng[2] = st.spareNormal;
  }

  storeRng(rng: Rng): void {
    const v = this.rngWords, st = this.st;
    st.s0 = v[0]; st.s1 = v[1]; st.s2 = v[2]; st.s3 = v[3]; st.spareNormal = this.f64.rng[2];
    writeRngState(rng, st);
  }

  private kpool: ConstPool | null = null;
  private readonly st: RngState = { s0: 0, s1: 0, s2: 0, s3: 0, spareNormal: NaN };
  private get rngWords(): Int32Array {
    return (this.words ??= new Int32Array(this.f64.rng.buffer, this.at.rng, 4));
  }
  private words: Int32Array | undefined;

  /** The module's draws and log equal Rng's and Math.log (bit for bit), else throw. */
  private selfCheck(): void {
    const a = new Rng(20261126), b = new Rng(20261126), n = Math.min(1001, this.f64.norm.length);
    const ra = new Float64Array(n), nb = new Float64Array(n);
    this.loadRng(a);
    this.ras(n);
    this.nfill(n);
    this.storeRng(a);
    b.fillUniform(ra, n);
    b.fillNormal(nb, n);
    for (let k = 0; k < n; k++) {
      if (this.f64.ra[k] !== 2 * Math.PI * ra[k] || this.f64.norm[k] !== nb[k]) throw new Error('PsWasm: generator differs from Rng');
    }
    if (a.normal() !== b.normal() || a.uniform() !== b.uniform()) throw new Error('PsWasm: generator state differs from Rng');
    const lj = new LaneRng();
    lj.seedFrom(a);
    this.lanes.state.set(lj.state);
    this.lras(n);
    this.lnfill(n);
    lj.fillUniform(ra, n);
    lj.fillNormal(nb, n);
    for (let k = 0; k < n; k++) if (this.f64.ra[k] !== 2 * Math.PI * ra[k] || this.f64.norm[k] !== nb[k]) throw new Error('PsWasm: lane generator differs from LaneRng');
    for (let k = 0; k < 16; k++) if (this.lanes.state[k] !== lj.state[k]) throw new Error('PsWasm: lane generator state differs from LaneRng');
    for (let k = 0; k < 4096; k++) {
      const x = k < 2048 ? b.uniform() : Math.exp(-745 * b.uniform()) * (1 + 3 * b.uniform());
      if (this.log(x) !== Math.log(x)) throw new Error(`PsWasm: log(${x}) differs from Math.log`);
    }
  }

  /** KDE cell counts and energy histogram of events [from, to) (injected: bins set), as TrialBackground.rebuild. */
  addEvents(from: number, to: number): void {
    const nG = this.z.nGrid, dx = 2 / nG, sinDec = this.f64.sinDec, eBin = this.i32.eBin, counts = this.f64.counts, hist = this.f64.hist;
    for (let j = from; j < to; j++) {
      let k = Math.floor((sinDec[j] + 1) / dx);
      if (k < 0) k = 0;
      else if (k >= nG) k = nG - 1;
      counts[k]++;
      hist[eBin[j]]++;
    }
  }


  /** kdeCache.ts CachedSinDecKde rows (Gaussian + two mirror images), same arithmetic, for every cell. */
  private fillRows(): void {
    const z = this.z, nG = z.nGrid, h = z.bandwidth, dx = 2 / nG, reach = kdeReach(z);
    const x = Float64Array.from({ length: nG }, (_, j) => -1 + (j + 0.5) * dx);
    const rows = this.f64.rows, lo = this.i32.rowLo, len = this.i32.rowLen, at = this.i32.rowAt;
    let o = 0;
    for (let k = 0; k < nG; k++) {
      const a = Math.max(0, k - reach), b = Math.min(nG - 1, k + reach), xk = x[k];
      lo[k] = a;
      len[k] = b - a + 1;
      at[k] = this.at.rows + 8 * o;
      for (let j = a; j <= b; j++) {
        const xj = x[j];
        const u = (xj - xk) / h, ul = (xj - (-2 - xk)) / h, uh = (xj - (2 - xk)) / h;
        rows[o++] = Math.exp(-0.5 * u * u) + Math.exp(-0.5 * ul * ul) + Math.exp(-0.5 * uh * uh);
      }
    }
  }

  private bytes(pages: number): Uint8Array {
    const imports = [
      { name: 'log', params: [F64], result: F64 }, { name: 'sin', params: [F64], result: F64 }, { name: 'cos', params: [F64], result: F64 },
      { name: 'exp', params: [F64], result: F64 }, { name: 'i0e', params: [F64], result: F64 }, { name: 'row', params: [F64], result: I32 },
    ];
    const c = psAsm(this.z, this.at);
    // NUSKY_PS_KPOOL=0: every constant inline (for timing comparisons)
    const kp = (this.kpool = process.env.NUSKY_PS_KPOOL === '0' ? null : new ConstPool(this.at.kpool, KPOOL_BYTES));
    const fns = withConstPool(kp, () => {
      const { ras, nfill, nrm1, lg, polar } = drawFns(c);
      const { lras, lnfill } = laneDrawFns(c, polar);
      const { kde, invd } = bgFns(c);
      const jit = jitFn(c), ypass = ypassFn(c);
      // function indices: imports 0…5, then these in order (FN_LOG = 12, FN_NRM1 = 13 in psWasmContext.ts; nsfit 14, ratios 15, prepx 16, lras 17, lnfill 18)
      return [jit, kde, invd, ypass, ras, nfill, lg, nrm1, nsfitFn(c), ratiosFn(c), prepxFn(c), lras, lnfill];
    });
    kp?.write(this.memory.buffer);
    return moduleBytes(imports, fns, pages);
  }
}
