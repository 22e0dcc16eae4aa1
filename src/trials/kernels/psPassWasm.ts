/**
 * WebAssembly passes of the ps kernel's jittered trial (pointSource.ts), generated per kernel with
 * its array addresses as load offsets (src/trials/kernels/wasmAsm.ts; no toolchain, no binary blob;
 * generators in psDrawsWasm.ts, psJitWasm.ts, psYPassWasm.ts, shared context psWasmContext.ts):
 *  - the trial's random draws: Rng's xoshiro128** and Marsaglia polar method (src/stats/random.ts)
 *    run on a copy of the generator state (rngState.ts), with fdlibm's log (V8's Math.log), so the
 *    numbers and the state afterwards are Rng's own: ras(n) = scrambleRa, nfill(n) = fillNormal;
 *  - jit(n0): apply the 3° declination jitter (jitterDecBulk's rule: cap events keep δ0, draws
 *    landing in a cap are redrawn, normals drawn in stream order), sin/cos of the new δ
 *    (fillShiftedSinCos), then TrialBackground.rebuild's
 *    per-event work: KDE cell counts, energy bin from the new sin δ row (log E column kept),
 *    energy histogram;
 *  - kde(norm): the binned sin δ KDE from the cell counts (CachedSinDecKde.densityFromCounts with
 *    the same kernel rows, cached for every cell at set-up), then invd(from, to): 1/D̃ (fillInvD);
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
import { f, i, s, v, lget as g, lset, moduleBytes, I32, F64, V128, WASM, type Code, type WasmMemory } from './wasmAsm.js';
import { EXP_TABLE } from '../../scan/gatherWasm.js';
import { besselI0e } from '../../likelihood/psf.js';
import { TRIG_TABLE_COS, TRIG_TABLE_SIN } from './fastTrig.js';
import { Rng } from '../../stats/random.js';
import { readRngState, writeRngState, type RngState } from './rngState.js';
import { psAsm, I0E_INV_H, I0E_N, type PsWasmSizes } from './psWasmContext.js';
import { drawFns } from './psDrawsWasm.js';
import { jitFn } from './psJitWasm.js';
import { ypassFn } from './psYPassWasm.js';
import { nsfitFn, prepxFn } from './psFitWasm.js';
import { ratiosFn } from './psRatiosWasm.js';

export type { PsWasmSizes } from './psWasmContext.js';

// psf.ts besselI0eFast's table: e^{−x}I0(x) at x = −h, 0, h, …, (N+1)h, h = 1/256
function i0eTable(): Float64Array {
  const t = new Float64Array(I0E_N + 3);
  t[0] = besselI0e(1 / I0E_INV_H) * Math.exp(2 / I0E_INV_H);
  for (let j = 0; j <= I0E_N + 1; j++) t[j + 1] = besselI0e(j / I0E_INV_H);
  return t;
}

type Kind = 'f64' | 'i32';
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
  ['edges', 'f64', (z) => z.edges.length], ['rng', 'f64', () => 3],
  ['fx', 'f64', (z) => z.cap], ['fitOut', 'f64', () => 2],
  ['br', 'f64', (z) => (z.nGam ?? 0) * z.nBins], ['sigH', 'f64', (z) => (z.nGam ?? 0) * z.nBins], ['sigN', 'f64', (z) => (z.nGam ?? 0) * z.nBins],
  ['sigPos', 'i32', (z) => (z.nGam ?? 0) * (z.nBins / z.nE)], ['hNorm', 'f64', (z) => z.nBins],
  ['rows', 'f64', (z) => z.nGrid * (2 * kdeReach(z) + 1)],
];

/** CachedSinDecKde's kernel reach in grid cells */
const kdeReach = (z: PsWasmSizes) => Math.ceil((6 * z.bandwidth) / (2 / z.nGrid));

export class PsWasm {
  readonly f64: Record<string, Float64Array<ArrayBuffer>> = {};
  readonly i32: Record<string, Int32Array<ArrayBuffer>> = {};
  private readonly at: Record<string, number> = {};
  readonly jit: (n0: number, m: number) => void;
  readonly ras: (n: number) => void;
  readonly nfill: (n: number) => void;
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
  constructor(readonly z: PsWasmSizes, rowOf: (x: number) => number) {
    if (!WASM) throw new Error('WebAssembly unavailable');
    let off = 0;
    for (const [name, , len] of ARRAYS) {
      this.at[name] = off;
      off += Math.ceil((len(z) * 8) / 16) * 16;
    }
    const pages = Math.ceil(off / 65536) + 1;
    const memory: WasmMemory = new WASM.Memory({ initial: pages, maximum: pages });
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
    this.selfCheck();
  }

  /** seriesNsFit over the m exact events' x in f64.fx (psFitWasm.ts; bit-identical) */
  nsFit(m: number, c1: number, c2: number, c3: number, N: number, nsStart: number, out: { ns: number; ts: number }): void {
    out.ns = this.nsfit(m, c1, c2, c3, N, nsStart);
    out.ts = this.f64.fitOut[0];
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
    const { A, z, ld, ldi, st, o8, o4 } = c;
    const { ras, nfill, nrm1, lg } = drawFns(c);
    const jit = jitFn(c), ypass = ypassFn(c);

    // ---- kde(norm): p from the cell counts (the row update two grid points at a time: f64x2, same per-point order) ----
    const kde = (() => {
      const NORM = 0, K = 1, J = 2, LO = 3, LEN = 4, AT = 5, CC = 6, SS = 7, VC = 8;
      const nG = z.nGrid, dx = 2 / nG;
      const upd = (addP: Code, addR: Code) => st('p', addP, f.add(ld('p', addP), f.mul(g(CC), f.load(addR))));
      const body = s.seq(
        s.for(J, i.c(0), i.c(nG), st('p', o8(g(J)), f.c(0))),
        s.for(K, i.c(0), i.c(nG), s.seq(
          s.if(f.eq(ld('counts', o8(g(K))), f.c(0)), s.br(1)),
          lset(CC, f.mul(ld('counts', o8(g(K))), g(NORM))),
          lset(VC, v.splat(g(CC))),
          // LO: byte address of p[lo] (past the offset), AT: of the row; LEN: bytes
          lset(LO, o8(ldi('rowLo', o4(g(K))))),
          lset(LEN, o8(ldi('rowLen', o4(g(K))))),
          lset(AT, ldi('rowAt', o4(g(K)))),
          lset(J, i.c(0)),
          // four points per pass, then two
          s.block(s.loop(s.seq(
            s.brIf(1, i.gtS(i.add(g(J), i.c(32)), g(LEN))),
            v.store(i.add(g(LO), g(J)), v.add(v.load(i.add(g(LO), g(J)), A.p), v.mul(g(VC), v.load(i.add(g(AT), g(J))))), A.p),
            v.store(i.add(g(LO), g(J)), v.add(v.load(i.add(g(LO), g(J)), A.p + 16), v.mul(g(VC), v.load(i.add(g(AT), g(J)), 16))), A.p + 16),
            lset(J, i.add(g(J), i.c(32))),
            s.br(0),
          ))),
          s.if(i.leS(i.add(g(J), i.c(16)), g(LEN)), s.seq(
            v.store(i.add(g(LO), g(J)), v.add(v.load(i.add(g(LO), g(J)), A.p), v.mul(g(VC), v.load(i.add(g(AT), g(J))))), A.p),
            lset(J, i.add(g(J), i.c(16))),
          )),
          s.if(i.ltS(g(J), g(LEN)), upd(i.add(g(LO), g(J)), i.add(g(AT), g(J)))),
        )),
        lset(SS, f.c(0)),
        s.for(J, i.c(0), i.c(nG), lset(SS, f.add(g(SS), f.mul(ld('p', o8(g(J))), f.c(dx))))),
        s.for(J, i.c(0), i.c(nG), st('p', o8(g(J)), f.div(ld('p', o8(g(J))), g(SS)))),
      );
      return { name: 'kde', params: [F64], locals: [I32, I32, I32, I32, I32, F64, F64, V128], body };
    })();

    // ---- invd(from, to): fillInvD from p (two events at a time where both are inside the grid) ----
    const invd = (() => {
      const FROM = 0, TO = 1, J = 2, KI = 3, T = 4, V = 5, KF = 6, FR = 7, VT = 8, VF = 9, VA = 10, VB = 11, K1 = 12;
      const nG = z.nGrid, last = nG - 1;
      const one = s.seq(
        lset(T, f.sub(f.div(f.add(ld('sinDec', o8(g(J))), f.c(1)), f.c(2 / nG)), f.c(0.5))),
        s.if(f.le(g(T), f.c(0)), lset(V, ld('p', i.c(0))),
          s.if(f.ge(g(T), f.c(last)), lset(V, ld('p', i.c(8 * last))), s.seq(
            lset(KF, f.floor(g(T))),
            lset(FR, f.sub(g(T), g(KF))),
            lset(KI, o8(i.trunc(g(KF)))),
            lset(V, f.add(f.mul(ld('p', g(KI)), f.sub(f.c(1), g(FR))), f.mul(f.load(g(KI), A.p + 8), g(FR)))),
          ))),
        st('invD', o8(g(J)), f.div(f.c(2 * Math.PI), g(V))),
      );
      const sp = (x: number) => v.splat(f.c(x));
      const two = s.seq(
        lset(VT, v.sub(v.div(v.add(v.load(o8(g(J)), A.sinDec), sp(1)), sp(2 / nG)), sp(0.5))),
        s.if(i.eqz(v.allTrue64(v.and(v.gt(g(VT), sp(0)), v.lt(g(VT), sp(last))))), s.seq(one, lset(J, i.add(g(J), i.c(1))), one, s.br(1))),
        lset(VA, v.floor(g(VT))),
        lset(VF, v.sub(g(VT), g(VA))),
        // the integer ⌊t⌋ ∈ [0, last) from the low word of ⌊t⌋ + 2^52 (exact), no f64 → i32 conversion
        lset(VA, v.add(g(VA), sp(2 ** 52))),
        lset(KI, o8(v.ilane(g(VA), 0))), lset(K1, o8(v.ilane(g(VA), 2))),
        lset(VA, v.load(g(KI), A.p)), lset(VB, v.load(g(K1), A.p)),
        v.store(o8(g(J)), v.div(sp(2 * Math.PI), v.add(v.mul(v.lo(g(VA), g(VB)), v.sub(sp(1), g(VF))), v.mul(v.hi(g(VA), g(VB)), g(VF)))), A.invD),
        lset(J, i.add(g(J), i.c(1))),
      );
      const body = s.seq(
        lset(J, g(FROM)),
        s.block(s.loop(s.seq(
          s.brIf(1, i.geS(i.add(g(J), i.c(1)), g(TO))),
          s.block(two),
          lset(J, i.add(g(J), i.c(1))),
          s.br(0),
        ))),
        s.if(i.ltS(g(J), g(TO)), one),
      );
      return { name: 'invd', params: [I32, I32], locals: [I32, I32, F64, F64, F64, F64, V128, V128, V128, V128, I32], body };
    })();

    // function indices: imports 0…5, then these in order (FN_LOG = 12, FN_NRM1 = 13 in psWasmContext.ts; nsfit 14, ratios 15, prepx 16)
    return moduleBytes(imports, [jit, kde, invd, ypass, ras, nfill, lg, nrm1, nsfitFn(c), ratiosFn(c), prepxFn(c)], pages);
  }
}
