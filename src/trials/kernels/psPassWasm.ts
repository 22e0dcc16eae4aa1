/**
 * WebAssembly passes of the ps kernel's jittered trial (pointSource.ts), generated per kernel with
 * its array addresses as load offsets (src/trials/kernels/wasmAsm.ts; no toolchain, no binary blob):
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
import { f, i, l, s, v, lget as g, lset, ltee, moduleBytes, I32, F64, V128, WASM, type Code, type WasmMemory } from './wasmAsm.js';
import { EXP_HI, EXP_INV, EXP_LO, EXP_SHIFT, EXP_TABLE } from '../../scan/gatherWasm.js';
import { besselI0e } from '../../likelihood/psf.js';
import { TRIG_INV_STEP, TRIG_STEP, TRIG_TABLE_COS, TRIG_TABLE_SIN } from './fastTrig.js';
import { Rng } from '../../stats/random.js';
import { readRngState, writeRngState, type RngState } from './rngState.js';

const S3 = 1 / 6, S5 = 1 / 120, S7 = 1 / 5040, S9 = 1 / 362880, S11 = 1 / 39916800;
const C2 = 1 / 2, C4 = 1 / 24, C6 = 1 / 720, C8 = 1 / 40320, C10 = 1 / 3628800, C12 = 1 / 479001600;

// psf.ts besselI0eFast's grid: e^{−x}I0(x) at x = −h, 0, h, …, (N+1)h, h = 1/256
const I0E_INV_H = 256, I0E_N = 68 * I0E_INV_H;
function i0eTable(): Float64Array {
  const t = new Float64Array(I0E_N + 3);
  t[0] = besselI0e(1 / I0E_INV_H) * Math.exp(2 / I0E_INV_H);
  for (let j = 0; j <= I0E_N + 1; j++) t[j + 1] = besselI0e(j / I0E_INV_H);
  return t;
}

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
    this.selfCheck();
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
    const IMP = { log: 0, sin: 1, cos: 2, exp: 3, i0e: 4, row: 5 }, FN_LOG = 12, FN_NRM1 = 13;
    const imports = [
      { name: 'log', params: [F64], result: F64 }, { name: 'sin', params: [F64], result: F64 }, { name: 'cos', params: [F64], result: F64 },
      { name: 'exp', params: [F64], result: F64 }, { name: 'i0e', params: [F64], result: F64 }, { name: 'row', params: [F64], result: I32 },
    ];
    const A = this.at, z = this.z;
    // element k of array `name` (byte offset o = 8k or 4k computed by the caller)
    const ld = (name: string, o: Code) => f.load(o, A[name]);
    const ldi = (name: string, o: Code) => i.load(o, A[name]);
    const st = (name: string, o: Code, v: Code) => f.store(o, v, A[name]);
    const sti = (name: string, o: Code, v: Code) => i.store(o, v, A[name]);
    const o8 = (k: Code) => i.shl(k, i.c(3)), o4 = (k: Code) => i.shl(k, i.c(2));
    const inc = (name: string, o: Code) => st(name, o, f.add(ld(name, o), f.c(1)));

    // fdlibm __ieee754_log (V8's Math.log) of x as an expression on locals L (x f64, bits i64, hx k ii i32, 7 f64):
    // positive normal x; Math.log (import) otherwise
    interface LogLocals { x: number; bits: number; hx: number; k: number; ii: number; f: number; ss: number; dk: number; z: number; w: number; r: number; hf: number }
    const LOG_TYPES = [F64, 0x7e, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64];
    const logExpr = (L: LogLocals, x: Code): Code => {
      const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
      const Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01;
      const Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;
      const { bits: BITS, hx: HX, k: K, ii: II, f: F, ss: SS, dk: DK, z: Z, w: W, r: R, hf: HF } = L;
      const dkHi = f.mul(g(DK), f.c(LN2_HI)), dkLo = f.mul(g(DK), f.c(LN2_LO)), k0 = i.eqz(g(K));
      return s.seq(
        lset(L.x, x),
        lset(BITS, l.bits(g(L.x))),
        lset(HX, i.wrap(l.shrU(g(BITS), l.c(32n)))),
        s.ifv(F64, i.or(i.ltS(g(HX), i.c(0x00100000)), i.geS(g(HX), i.c(0x7ff00000))), s.call(IMP.log, g(L.x)), s.seq(
          lset(K, i.sub(i.shrS(g(HX), i.c(20)), i.c(1023))),
          lset(HX, i.and(g(HX), i.c(0x000fffff))),
          lset(II, i.and(i.add(g(HX), i.c(0x95f64)), i.c(0x100000))),
          // f = (x with its exponent set to 0 or −1, i.e. x or x/2 in [√2/2, √2)) − 1
          lset(F, f.sub(f.fromBits(l.or(l.shl(l.fromU(i.or(g(HX), i.xor(g(II), i.c(0x3ff00000)))), l.c(32n)), l.and(g(BITS), l.c(0xffffffffn)))), f.c(1))),
          lset(K, i.add(g(K), i.shrS(g(II), i.c(20)))),
          lset(DK, f.fromI(g(K))),
          s.ifv(F64, i.ltS(i.and(i.c(0x000fffff), i.add(i.c(2), g(HX))), i.c(3)),
            s.ifv(F64, f.eq(g(F), f.c(0)),
              s.ifv(F64, k0, f.c(0), f.add(dkHi, dkLo)),
              s.seq(
                lset(R, f.mul(f.mul(g(F), g(F)), f.sub(f.c(0.5), f.mul(f.c(0.33333333333333333), g(F))))),
                s.ifv(F64, k0, f.sub(g(F), g(R)), f.sub(dkHi, f.sub(f.sub(g(R), dkLo), g(F)))))),
            s.seq(
              lset(SS, f.div(g(F), f.add(f.c(2), g(F)))),
              lset(Z, f.mul(g(SS), g(SS))),
              lset(W, f.mul(g(Z), g(Z))),
              // R = t2 + t1, t1 = w(Lg2 + w(Lg4 + w·Lg6)), t2 = z(Lg1 + w(Lg3 + w(Lg5 + w·Lg7)))
              lset(R, f.add(
                f.mul(g(Z), f.add(f.c(Lg1), f.mul(g(W), f.add(f.c(Lg3), f.mul(g(W), f.add(f.c(Lg5), f.mul(g(W), f.c(Lg7)))))))),
                f.mul(g(W), f.add(f.c(Lg2), f.mul(g(W), f.add(f.c(Lg4), f.mul(g(W), f.c(Lg6)))))))),
              s.ifv(F64, i.gtS(i.or(i.sub(g(HX), i.c(0x6147a)), i.sub(i.c(0x6b851), g(HX))), i.c(0)),
                s.seq(
                  lset(HF, f.mul(f.mul(f.c(0.5), g(F)), g(F))),
                  s.ifv(F64, k0,
                    f.sub(g(F), f.sub(g(HF), f.mul(g(SS), f.add(g(HF), g(R))))),
                    f.sub(dkHi, f.sub(f.sub(g(HF), f.add(f.mul(g(SS), f.add(g(HF), g(R))), dkLo)), g(F))))),
                s.ifv(F64, k0,
                  f.sub(g(F), f.mul(g(SS), f.sub(g(F), g(R)))),
                  f.sub(dkHi, f.sub(f.sub(f.mul(g(SS), f.sub(g(F), g(R))), dkLo), g(F))))),
            )),
        )),
      );
    };

    // ---- the generator (random.ts Rng): xoshiro128** on locals q.s0…s3, state in memory at A.rng ----
    interface RngLocals { s0: number; s1: number; s2: number; s3: number; t: number; r: number; hi: number; u: number; v: number; ss: number; ff: number; sp: number }
    const rngLoad = (q: RngLocals) => s.seq(
      lset(q.s0, i.load(i.c(0), A.rng)), lset(q.s1, i.load(i.c(0), A.rng + 4)), lset(q.s2, i.load(i.c(0), A.rng + 8)), lset(q.s3, i.load(i.c(0), A.rng + 12)),
      lset(q.sp, f.load(i.c(0), A.rng + 16)));
    const rngSave = (q: RngLocals) => s.seq(
      i.store(i.c(0), g(q.s0), A.rng), i.store(i.c(0), g(q.s1), A.rng + 4), i.store(i.c(0), g(q.s2), A.rng + 8), i.store(i.c(0), g(q.s3), A.rng + 12),
      f.store(i.c(0), g(q.sp), A.rng + 16));
    // r = rotl(s1·5, 7)·9; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)
    const step = (q: RngLocals) => s.seq(
      lset(q.r, i.mul(i.rotl(i.mul(g(q.s1), i.c(5)), i.c(7)), i.c(9))),
      lset(q.t, i.shl(g(q.s1), i.c(9))),
      lset(q.s2, i.xor(g(q.s2), g(q.s0))), lset(q.s3, i.xor(g(q.s3), g(q.s1))), lset(q.s1, i.xor(g(q.s1), g(q.s2))),
      lset(q.s0, i.xor(g(q.s0), g(q.s3))), lset(q.s2, i.xor(g(q.s2), g(q.t))), lset(q.s3, i.rotl(g(q.s3), i.c(11))));
    // uniform(): (hi·2²⁶ + lo)/2⁵³ from two outputs (hi = r >>> 5, lo = r >>> 6)
    const uniform = (q: RngLocals) => s.seq(
      step(q), lset(q.hi, f.fromU(i.shrU(g(q.r), i.c(5)))), step(q),
      f.mul(f.add(f.mul(g(q.hi), f.c(67108864)), f.fromU(i.shrU(g(q.r), i.c(6)))), f.c(2 ** -53)));
    // normal(): the spare, or a polar-method pair (u·f returned, v·f kept as the spare)
    const normal = (q: RngLocals) => s.ifv(F64, f.eq(g(q.sp), g(q.sp)),
      s.seq(g(q.sp), lset(q.sp, f.c(NaN))),
      s.seq(
        s.loop(s.seq(
          lset(q.u, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
          lset(q.v, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
          lset(q.ss, f.add(f.mul(g(q.u), g(q.u)), f.mul(g(q.v), g(q.v)))),
          s.brIf(0, i.or(f.ge(g(q.ss), f.c(1)), f.eq(g(q.ss), f.c(0)))),
        )),
        lset(q.ff, f.sqrt(f.div(f.mul(f.c(-2), s.call(FN_LOG, g(q.ss))), g(q.ss)))),
        lset(q.sp, f.mul(g(q.v), g(q.ff))),
        f.mul(g(q.u), g(q.ff)),
      ));
    // locals of a function with the generator: 6 i32 then 6 f64 from index `at`
    const rngLocals = (at: number): RngLocals => ({ s0: at, s1: at + 1, s2: at + 2, s3: at + 3, t: at + 4, r: at + 5, hi: at + 6, u: at + 7, v: at + 8, ss: at + 9, ff: at + 10, sp: at + 11 });
    const RNG_TYPES = [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64];

    // ---- ras(n) = scrambleRa; nfill(n) = fillNormal into norm ----
    const fill = (name: string, target: string, value: (q: RngLocals) => Code) => {
      const q = rngLocals(2);
      return { name, params: [I32], locals: [I32, ...RNG_TYPES], body: s.seq(rngLoad(q), s.for(1, i.c(0), g(0), st(target, o8(g(1)), value(q))), rngSave(q)) };
    };
    const ras = fill('ras', 'ra', (q) => f.mul(f.c(2 * Math.PI), uniform(q)));
    // nfill(n) = fillNormal: (1) the spare; (2) polar-method attempts in stream order, accepted pairs (u, v), s
    // compacted without a branch (the next attempt overwrites a rejected one); (3) f = √(−2 ln s / s) two pairs at
    // a time (f64x2, fdlibm log lane-wise with i64x2 bit operations; lg per pair where a lane needs its rare
    // branches); (4) normals u·f, v·f in order, an odd last v·f kept as the spare
    const nfill = (() => {
      const N = 0, I = 1, q = rngLocals(2), NP = 14, NEED = 15, AC = 16, QQ = 17;
      const vS = 18, vB = 19, vHX = 20, vK = 21, vII = 22, vF = 23, vT = 24, vZ = 25, vW = 26, vR = 27, vHF = 28, vDK = 29, vK0 = 30, vIP = 31;
      const LOGL = { x: 32, bits: 33, hx: 34, k: 35, ii: 36, f: 37, ss: 38, dk: 39, z: 40, w: 41, r: 42, hf: 43 };
      const sp = (x: number) => v.splat(f.c(x)), sp64 = (n: number) => v.splat64(l.c(BigInt(n)));
      const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
      const Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01;
      const Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01, Lg7 = 1.479819860511658591e-01;
      const attempts = s.seq(
        lset(AC, i.c(0)),
        s.block(s.loop(s.seq(
          s.brIf(1, i.geS(g(AC), g(NEED))),
          lset(q.u, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
          lset(q.v, f.sub(f.mul(f.c(2), uniform(q)), f.c(1))),
          lset(q.ss, f.add(f.mul(g(q.u), g(q.u)), f.mul(g(q.v), g(q.v)))),
          st('puv', i.shl(g(AC), i.c(4)), g(q.u)), f.store(i.shl(g(AC), i.c(4)), g(q.v), A.puv + 8), st('pss', o8(g(AC)), g(q.ss)),
          // accepted unless s ≥ 1 or s = 0 (random.ts normal())
          lset(AC, i.add(g(AC), i.and(f.lt(g(q.ss), f.c(1)), f.ne(g(q.ss), f.c(0))))),
          s.br(0),
        ))),
      );
      const dkHi = v.mul(g(vDK), sp(LN2_HI)), dkLo = v.mul(g(vDK), sp(LN2_LO));
      // f of pairs QQ, QQ+1 (exit at depth 0 to the per-pair lg when a lane needs lg's other branches)
      const f2 = s.seq(
        lset(vS, v.load(o8(g(QQ)), A.pss)),
        lset(vHX, v.shrU64(g(vS), i.c(32))),
        s.brIf(0, v.anyTrue(v.or(v.ltS64(g(vHX), sp64(0x00100000)), v.geS64(g(vHX), sp64(0x7ff00000))))),
        lset(vK, v.sub64(v.shrS64(g(vHX), i.c(20)), sp64(1023))),
        lset(vHX, v.and(g(vHX), sp64(0x000fffff))),
        s.brIf(0, v.anyTrue(v.ltS64(v.and(v.add64(g(vHX), sp64(2)), sp64(0x000fffff)), sp64(3)))),
        lset(vII, v.and(v.add64(g(vHX), sp64(0x95f64)), sp64(0x100000))),
        lset(vF, v.sub(v.or(v.shl64(v.or(g(vHX), v.xor(g(vII), sp64(0x3ff00000))), i.c(32)), v.and(g(vS), sp64(0xffffffff))), sp(1))),
        lset(vK, v.add64(g(vK), v.shrS64(g(vII), i.c(20)))),
        lset(vDK, v.convLow(v.lowWords(g(vK)))),
        lset(vK0, v.eq64(g(vK), sp64(0))),
        lset(vIP, v.gtS64(v.or(v.sub64(g(vHX), sp64(0x6147a)), v.sub64(sp64(0x6b851), g(vHX))), sp64(0))),
        lset(vT, v.div(g(vF), v.add(sp(2), g(vF)))),
        lset(vZ, v.mul(g(vT), g(vT))),
        lset(vW, v.mul(g(vZ), g(vZ))),
        lset(vR, v.add(
          v.mul(g(vZ), v.add(sp(Lg1), v.mul(g(vW), v.add(sp(Lg3), v.mul(g(vW), v.add(sp(Lg5), v.mul(g(vW), sp(Lg7)))))))),
          v.mul(g(vW), v.add(sp(Lg2), v.mul(g(vW), v.add(sp(Lg4), v.mul(g(vW), sp(Lg6)))))))),
        lset(vHF, v.mul(v.mul(sp(0.5), g(vF)), g(vF))),
        v.store(o8(g(QQ)), v.sqrt(v.div(v.mul(sp(-2), v.bitselect(
          v.bitselect(
            v.sub(g(vF), v.sub(g(vHF), v.mul(g(vT), v.add(g(vHF), g(vR))))),
            v.sub(dkHi, v.sub(v.sub(g(vHF), v.add(v.mul(g(vT), v.add(g(vHF), g(vR))), dkLo)), g(vF))),
            g(vK0)),
          v.bitselect(
            v.sub(g(vF), v.mul(g(vT), v.sub(g(vF), g(vR)))),
            v.sub(dkHi, v.sub(v.sub(v.mul(g(vT), v.sub(g(vF), g(vR))), dkLo), g(vF))),
            g(vK0)),
          g(vIP))), g(vS))), A.pff),
        s.br(1),
      );
      const f1 = (k: Code) => st('pff', o8(k), f.sqrt(f.div(f.mul(f.c(-2), logExpr(LOGL, ld('pss', o8(k)))), ld('pss', o8(k)))));
      const body = s.seq(
        rngLoad(q),
        lset(I, i.c(0)),
        s.if(i.and(i.gtS(g(N), i.c(0)), f.eq(g(q.sp), g(q.sp))), s.seq(st('norm', i.c(0), g(q.sp)), lset(q.sp, f.c(NaN)), lset(I, i.c(1)))),
        lset(NP, i.shrS(i.sub(g(N), g(I)), i.c(1))),
        lset(NEED, i.add(g(NP), i.and(i.sub(g(N), g(I)), i.c(1)))),
        attempts,
        lset(QQ, i.c(0)),
        s.block(s.loop(s.seq(
          s.brIf(1, i.geS(i.add(g(QQ), i.c(1)), g(NEED))),
          s.block(s.seq(s.block(f2), f1(g(QQ)), f1(i.add(g(QQ), i.c(1))))),
          lset(QQ, i.add(g(QQ), i.c(2))),
          s.br(0),
        ))),
        s.if(i.ltS(g(QQ), g(NEED)), f1(g(QQ))),
        s.for(QQ, i.c(0), g(NP), v.store(i.add(o8(g(I)), i.shl(g(QQ), i.c(4))), v.mul(v.load(i.shl(g(QQ), i.c(4)), A.puv), v.splat(ld('pff', o8(g(QQ))))), A.norm)),
        s.if(i.ltS(g(NP), g(NEED)), s.seq(
          st('norm', i.add(o8(g(I)), i.shl(g(NP), i.c(4))), f.mul(ld('puv', i.shl(g(NP), i.c(4))), ld('pff', o8(g(NP))))),
          lset(q.sp, f.mul(f.load(i.shl(g(NP), i.c(4)), A.puv + 8), ld('pff', o8(g(NP))))),
        )),
        rngSave(q),
      );
      return { name: 'nfill', params: [I32], locals: [I32, ...RNG_TYPES, I32, I32, I32, I32, ...Array(14).fill(V128), ...LOG_TYPES], body };
    })();
    // nrm1(): one normal() from the state in memory (the jitter's redraws beyond the bulk draws)
    const nrm1 = (() => {
      const q = rngLocals(0), V = 12;
      return { name: 'nrm1', params: [], result: F64, locals: [...RNG_TYPES, F64], body: s.seq(rngLoad(q), lset(V, normal(q)), rngSave(q), g(V)) };
    })();

    // ---- lg(x): fdlibm __ieee754_log (V8's Math.log), positive normal x; Math.log otherwise ----
    const lg = (() => {
      const L = { x: 1, bits: 2, hx: 3, k: 4, ii: 5, f: 6, ss: 7, dk: 8, z: 9, w: 10, r: 11, hf: 12 };
      return { name: 'lg', params: [F64], result: F64, locals: LOG_TYPES, body: logExpr(L, g(0)) };
    })();

    // ---- jit(n0) ----
    const jit = (() => {
      const N0 = 0, M = 1, I = 2, P = 3, K = 4, O = 5, C = 6, R = 7, EB = 8;
      const D0 = 9, D = 10, DD = 11, D2 = 12, SD = 13, CD = 14, SN = 15, CS = 16, KF = 17;
      const EV = 18, vD0 = 19, vD = 20, vDD = 21, vD2 = 22, vSD = 23, vCD = 24, vSN = 25, vS0 = 26, vC0 = 27;
      const sp = (x: number) => v.splat(f.c(x));
      const lim = z.lim, nG = z.nGrid, nR = z.edges.length - 1;
      // the next normal: the m bulk draws (nfill), then one at a time
      const draw = f.add(g(D0), f.mul(f.c(z.width), s.ifv(F64, i.ltS(g(P), g(M)),
        [...ld('norm', o8(g(P))), ...lset(P, i.add(g(P), i.c(1)))],
        s.call(FN_NRM1))));
      const inCap = (v: Code) => i.or(f.gt(v, f.c(lim)), f.lt(v, f.c(-lim)));
      const jitter = s.if(inCap(g(D0)), lset(D, g(D0)), s.seq(
        lset(D, draw),
        lset(K, i.c(0)),
        s.block(s.loop(s.seq(
          s.brIf(1, i.eqz(i.and(i.ltS(g(K), i.c(100)), inCap(g(D))))),
          lset(D, draw),
          lset(K, i.add(g(K), i.c(1))),
          s.br(0),
        ))),
        s.if(inCap(g(D)), lset(D, g(D0))),
      ));
      const sinCos = s.seq(
        lset(DD, f.sub(g(D), g(D0))),
        s.if(f.eq(g(DD), f.c(0)),
          s.seq(lset(SN, ld('s0', g(O))), lset(CS, ld('c0', g(O)))),
          s.if(i.eqz(i.and(f.le(g(DD), f.c(0.25)), f.ge(g(DD), f.c(-0.25)))),
            s.seq(lset(SN, s.call(IMP.sin, g(D))), lset(CS, s.call(IMP.cos, g(D)))),
            s.seq(
              lset(D2, f.mul(g(DD), g(DD))),
              lset(SD, f.mul(g(DD), f.sub(f.c(1), f.mul(g(D2), f.sub(f.c(S3), f.mul(g(D2), f.sub(f.c(S5), f.mul(g(D2), f.sub(f.c(S7), f.mul(g(D2), f.sub(f.c(S9), f.mul(g(D2), f.c(S11))))))))))))),
              lset(CD, f.sub(f.c(1), f.mul(g(D2), f.sub(f.c(C2), f.mul(g(D2), f.sub(f.c(C4), f.mul(g(D2), f.sub(f.c(C6), f.mul(g(D2), f.sub(f.c(C8), f.mul(g(D2), f.sub(f.c(C10), f.mul(g(D2), f.c(C12)))))))))))))),
              lset(SN, f.add(f.mul(ld('s0', g(O)), g(CD)), f.mul(ld('c0', g(O)), g(SD)))),
              lset(CS, f.sub(f.mul(ld('c0', g(O)), g(CD)), f.mul(ld('s0', g(O)), g(SD)))),
            ))),
        st('sinDec', g(O), g(SN)), st('cosDec', g(O), g(CS)),
      );
      // TrialBackground.row(x) for uniform edges, else the JS callback
      const e0 = z.edges[0], eN = z.edges[nR], invW = 1 / ((eN - e0) / nR);
      const rowOf = z.uniformEdges
        ? s.seq(
          s.if(i.eqz(f.gt(g(SN), f.c(e0))), lset(R, i.c(0)),
            s.if(f.ge(g(SN), f.c(eN)), lset(R, i.c(nR - 1)), s.seq(
              lset(R, i.trunc(f.mul(f.sub(g(SN), f.c(e0)), f.c(invW)))),
              s.if(i.gtS(g(R), i.c(nR - 1)), lset(R, i.c(nR - 1))),
              s.if(f.lt(g(SN), ld('edges', o8(g(R)))), lset(R, i.sub(g(R), i.c(1))),
                s.if(f.ge(g(SN), f.load(o8(g(R)), A.edges + 8)), lset(R, i.add(g(R), i.c(1))))),
            ))))
        : lset(R, s.call(IMP.row, g(SN)));
      // cell = clamp(floor((x + 1)/dx)) (binsAfterCell: KF already computed)
      const binsAfterCell = s.seq(
        lset(C, s.ifv(I32, f.lt(g(KF), f.c(0)), i.c(0), s.ifv(I32, f.ge(g(KF), f.c(nG)), i.c(nG - 1), i.trunc(g(KF))))),
        inc('counts', o8(g(C))),
        lset(R, ldi('cellRow', o4(g(C)))),
        s.if(i.ltS(g(R), i.c(0)), rowOf),
        lset(EB, i.add(i.mul(g(R), i.c(z.nE)), ldi('col', o4(g(EV))))),
        sti('eBin', o4(g(EV)), g(EB)),
        inc('hist', o8(g(EB))),
      );
      const bins = s.seq(lset(KF, f.floor(f.div(f.add(g(SN), f.c(1)), f.c(2 / nG)))), binsAfterCell);
      // one event EV (a block)
      const scalarEvent = s.block(s.seq(
        lset(O, o8(g(EV))),
        lset(D0, ld('dec0', g(O))),
        jitter,
        st('dec', g(O), g(D)),
        sinCos,
      ));
      // events I, I+1 together where both are outside the caps, take bulk normals, stay outside the caps
      // and move by 0 < |Δ| ≤ 0.25 (f64x2: the scalar arithmetic lane-wise); else the scalar code (exit at depth 0)
      const vCap = (x: Code) => v.or(v.gt(x, sp(lim)), v.lt(x, sp(-lim)));
      const pair = s.block(s.seq(
        s.brIf(0, i.geS(i.add(g(P), i.c(1)), g(M))),
        lset(O, o8(g(I))),
        lset(vD0, v.load(g(O), A.dec0)),
        s.brIf(0, v.anyTrue(vCap(g(vD0)))),
        lset(vD, v.add(g(vD0), v.mul(sp(z.width), v.load(o8(g(P)), A.norm)))),
        s.brIf(0, v.anyTrue(vCap(g(vD)))),
        lset(vDD, v.sub(g(vD), g(vD0))),
        s.brIf(0, i.eqz(v.allTrue64(v.and(v.ne(g(vDD), sp(0)), v.and(v.le(g(vDD), sp(0.25)), v.ge(g(vDD), sp(-0.25))))))),
        lset(P, i.add(g(P), i.c(2))),
        v.store(g(O), g(vD), A.dec),
        lset(vD2, v.mul(g(vDD), g(vDD))),
        lset(vSD, v.mul(g(vDD), v.sub(sp(1), v.mul(g(vD2), v.sub(sp(S3), v.mul(g(vD2), v.sub(sp(S5), v.mul(g(vD2), v.sub(sp(S7), v.mul(g(vD2), v.sub(sp(S9), v.mul(g(vD2), sp(S11))))))))))))),
        lset(vCD, v.sub(sp(1), v.mul(g(vD2), v.sub(sp(C2), v.mul(g(vD2), v.sub(sp(C4), v.mul(g(vD2), v.sub(sp(C6), v.mul(g(vD2), v.sub(sp(C8), v.mul(g(vD2), v.sub(sp(C10), v.mul(g(vD2), sp(C12)))))))))))))),
        lset(vS0, v.load(g(O), A.s0)), lset(vC0, v.load(g(O), A.c0)),
        lset(vSN, v.add(v.mul(g(vS0), g(vCD)), v.mul(g(vC0), g(vSD)))),
        v.store(g(O), g(vSN), A.sinDec),
        v.store(g(O), v.sub(v.mul(g(vC0), g(vCD)), v.mul(g(vS0), g(vSD))), A.cosDec),
        s.br(1),
      ));
      const body = s.seq(
        lset(P, i.c(0)),
        lset(I, i.c(0)),
        s.block(s.loop(s.seq(
          s.brIf(1, i.geS(i.add(g(I), i.c(1)), g(N0))),
          s.block(s.seq(pair, lset(EV, g(I)), scalarEvent, lset(EV, i.add(g(I), i.c(1))), scalarEvent)),
          lset(I, i.add(g(I), i.c(2))),
          s.br(0),
        ))),
        s.if(i.ltS(g(I), g(N0)), s.seq(lset(EV, g(I)), scalarEvent)),
        // energy bins, cell counts and histogram from the new sin δ, a second loop
        // two events per pass: their ⌊(x + 1)/dx⌋ by one f64x2 division, the rest per event
        lset(EV, i.c(0)),
        s.block(s.loop(s.seq(
          s.brIf(1, i.geS(i.add(g(EV), i.c(1)), g(N0))),
          lset(vD2, v.load(o8(g(EV)), A.sinDec)),
          lset(vD, v.floor(v.div(v.add(g(vD2), sp(1)), sp(2 / nG)))),
          lset(SN, v.lane(g(vD2), 0)), lset(KF, v.lane(g(vD), 0)), binsAfterCell,
          lset(EV, i.add(g(EV), i.c(1))),
          lset(SN, v.lane(g(vD2), 1)), lset(KF, v.lane(g(vD), 1)), binsAfterCell,
          lset(EV, i.add(g(EV), i.c(1))),
          s.br(0),
        ))),
        s.if(i.ltS(g(EV), g(N0)), s.seq(lset(SN, ld('sinDec', o8(g(EV)))), bins)),
      );
      return { name: 'jit', params: [I32, I32], locals: [I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64, I32, ...Array(9).fill(V128)], body };
    })();

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
        lset(VA, v.truncSat(g(VA))),
        lset(KI, o8(v.ilane(g(VA), 0))), lset(K1, o8(v.ilane(g(VA), 1))),
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

    // ---- ypass ----
    const ypass = (() => {
      const N0 = 0, DECS = 1, SDS = 2, CDS = 3, CAS = 4, SAS = 5, BIGB = 6;
      const I = 7, O = 8, NEX = 9, B = 10, EN = 11, J = 12, O4 = 13, EV = 14, J1 = 15;
      let nl = 16;
      const fl = () => nl++;
      const CC = fl(), DD = fl(), RR = fl(), SI = fl(), CCX = fl(), SS = fl(), AA = fl(), ST = fl(), INV = fl(), BT = fl(), X = fl(), CA = fl(), SA = fl();
      const CPSI = fl(), Y = fl(), RM = fl(), Y2 = fl(), EX = fl(), ND = fl(), ER = fl(), T = fl(), FR = fl(), FM1 = fl(), FM2 = fl(), FP1 = fl(), R2 = fl(), CR = fl(), SR = fl(), TC = fl(), TS = fl();
      const nF64 = nl - 16;
      const vl = () => nl++;
      const vC = vl(), vR = vl(), vDD = vl(), vSI = vl(), vCC = vl(), vSS = vl(), vA = vl(), vX1 = vl(), vTB = vl(), vRA = vl(), vST = vl(), vBT = vl(), vCA = vl(), vSA = vl();
      const vCPSI = vl(), vX2 = vl(), vY = vl(), vND = vl(), vNI = vl(), vER = vl(), vFR = vl(), vFM1 = vl(), vFM2 = vl(), vFP1 = vl(), vLa = vl(), vLb = vl(), vLc = vl(), vLd = vl(), vRR = vl(), vR2 = vl(), vCR = vl(), vSR = vl(), vTC = vl(), vTS = vl();
      const vPDECS = vl(), vPCDS = vl(), vPSDS = vl(), vPCAS = vl(), vPSAS = vl();
      const nV128 = nl - 16 - nF64;
      const sp = (x: number) => v.splat(f.c(x));
      // fastExp(x) (fastExp.ts) on the stack
      const fexp = (x: Code) => s.ifv(F64, f.ge(ltee(EX, x), f.c(-700)),
        s.ifv(F64, f.gt(g(EX), f.c(700)), s.call(IMP.exp, g(EX)), s.seq(
          lset(ND, f.sub(f.add(f.mul(g(EX), f.c(EXP_INV)), f.c(EXP_SHIFT)), f.c(EXP_SHIFT))),
          lset(EN, i.trunc(g(ND))),
          lset(ER, f.sub(f.sub(g(EX), f.mul(g(ND), f.c(EXP_HI))), f.mul(g(ND), f.c(EXP_LO)))),
          f.mul(
            f.mul(f.load(o8(i.add(i.shrS(g(EN), i.c(6)), i.c(1138))), A.exp), f.load(o8(i.and(g(EN), i.c(63))), A.exp)),
            f.add(f.c(1), f.mul(g(ER), f.add(f.c(1), f.mul(g(ER), f.add(f.c(0.5), f.mul(g(ER), f.add(f.c(1 / 6), f.mul(g(ER), f.add(f.c(1 / 24), f.mul(g(ER), f.c(1 / 120))))))))))),
          ),
        )),
        f.select(g(EX), f.c(0), f.ne(g(EX), g(EX))));
      // the same on both lanes of x (both in [−700, 700]; checked by the caller)
      const fexp2 = (x: Code) => s.seq(
        lset(vND, v.sub(v.add(v.mul(x, sp(EXP_INV)), sp(EXP_SHIFT)), sp(EXP_SHIFT))),
        lset(vNI, v.truncSat(g(vND))),
        lset(vER, v.sub(v.sub(x, v.mul(g(vND), sp(EXP_HI))), v.mul(g(vND), sp(EXP_LO)))),
        lset(EN, v.ilane(g(vNI), 0)), lset(J1, v.ilane(g(vNI), 1)),
        v.mul(
          v.mul(
            v.load64lane(o8(i.add(i.shrS(g(J1), i.c(6)), i.c(1138))), v.load64zero(o8(i.add(i.shrS(g(EN), i.c(6)), i.c(1138))), A.exp), 1, A.exp),
            v.load64lane(o8(i.and(g(J1), i.c(63))), v.load64zero(o8(i.and(g(EN), i.c(63))), A.exp), 1, A.exp)),
          v.add(sp(1), v.mul(g(vER), v.add(sp(1), v.mul(g(vER), v.add(sp(0.5), v.mul(g(vER), v.add(sp(1 / 6), v.mul(g(vER), v.add(sp(1 / 24), v.mul(g(vER), sp(1 / 120))))))))))),
        ),
      );
      // besselI0eFast(x) (psf.ts) on the stack
      const bes = (x: Code) => s.ifv(F64, i.and(f.ge(ltee(T, f.mul(ltee(CCX, x), f.c(I0E_INV_H))), f.c(0)), f.lt(g(T), f.c(I0E_N))),
        s.seq(
          lset(J, o8(i.trunc(g(T)))),
          lset(FR, f.sub(g(T), f.fromI(i.trunc(g(T))))),
          lset(FM1, f.sub(g(FR), f.c(1))), lset(FM2, f.sub(g(FR), f.c(2))), lset(FP1, f.add(g(FR), f.c(1))),
          f.add(
            f.mul(f.add(
              f.mul(f.mul(f.mul(f.neg(g(FR)), g(FM1)), g(FM2)), f.load(g(J), A.i0e)),
              f.mul(f.mul(f.mul(g(FR), g(FP1)), g(FM1)), f.load(g(J), A.i0e + 24))), f.c(1 / 6)),
            f.mul(f.sub(
              f.mul(f.mul(f.mul(g(FP1), g(FM1)), g(FM2)), f.load(g(J), A.i0e + 8)),
              f.mul(f.mul(f.mul(g(FP1), g(FR)), g(FM2)), f.load(g(J), A.i0e + 16))), f.c(0.5)),
          ),
        ),
        s.call(IMP.i0e, g(CCX)));
      // the same on both lanes of t = 256x (both in [0, N); checked by the caller): tab[j … j+3] of each lane by two 16-byte loads
      const bes2 = (tv: Code) => s.seq(
        lset(vNI, v.truncSat(tv)),
        lset(vFR, v.sub(tv, v.convLow(g(vNI)))),
        lset(J, o8(v.ilane(g(vNI), 0))), lset(J1, o8(v.ilane(g(vNI), 1))),
        lset(vLa, v.load(g(J), A.i0e)), lset(vLb, v.load(g(J1), A.i0e)), lset(vLc, v.load(g(J), A.i0e + 16)), lset(vLd, v.load(g(J1), A.i0e + 16)),
        lset(vFM1, v.sub(g(vFR), sp(1))), lset(vFM2, v.sub(g(vFR), sp(2))), lset(vFP1, v.add(g(vFR), sp(1))),
        v.add(
          v.mul(v.add(
            v.mul(v.mul(v.mul(v.neg(g(vFR)), g(vFM1)), g(vFM2)), v.lo(g(vLa), g(vLb))),
            v.mul(v.mul(v.mul(g(vFR), g(vFP1)), g(vFM1)), v.hi(g(vLc), g(vLd)))), sp(1 / 6)),
          v.mul(v.sub(
            v.mul(v.mul(v.mul(g(vFP1), g(vFM1)), g(vFM2)), v.hi(g(vLa), g(vLb))),
            v.mul(v.mul(v.mul(g(vFP1), g(vFR)), g(vFM2)), v.lo(g(vLc), g(vLd)))), sp(0.5)),
        ),
      );
      // fastTrig.ts fillCosSin for one angle → CA, SA
      const TWO_PI = 2 * Math.PI;
      const trig = s.if(i.eqz(i.and(f.ge(g(X), f.c(0)), f.le(g(X), f.c(TWO_PI)))),
        s.seq(lset(CA, s.call(IMP.cos, g(X))), lset(SA, s.call(IMP.sin, g(X)))),
        s.seq(
          lset(J, i.trunc(f.mul(g(X), f.c(TRIG_INV_STEP)))),
          lset(RR, f.sub(g(X), f.mul(f.fromI(g(J)), f.c(TRIG_STEP)))),
          lset(R2, f.mul(g(RR), g(RR))),
          lset(CR, f.sub(f.c(1), f.mul(g(R2), f.sub(f.c(C2), f.mul(g(R2), f.sub(f.c(C4), f.mul(g(R2), f.c(C6)))))))),
          lset(SR, f.mul(g(RR), f.sub(f.c(1), f.mul(g(R2), f.sub(f.c(S3), f.mul(g(R2), f.sub(f.c(S5), f.mul(g(R2), f.c(S7))))))))),
          lset(J, i.shl(g(J), i.c(4))),
          lset(TC, f.load(g(J), A.tcs)), lset(TS, f.load(g(J), A.tcs + 8)),
          lset(CA, f.sub(f.mul(g(TC), g(CR)), f.mul(g(TS), g(SR)))),
          lset(SA, f.add(f.mul(g(TS), g(CR)), f.mul(g(TC), g(SR)))),
        ));
      // the same on both lanes of x (both in [0, 2π]) → vCA, vSA; the table interleaved as (cos, sin) pairs
      const trig2 = (xv: Code) => s.seq(
        lset(vNI, v.truncSat(v.mul(xv, sp(TRIG_INV_STEP)))),
        lset(vRR, v.sub(xv, v.mul(v.convLow(g(vNI)), sp(TRIG_STEP)))),
        lset(vR2, v.mul(g(vRR), g(vRR))),
        lset(vCR, v.sub(sp(1), v.mul(g(vR2), v.sub(sp(C2), v.mul(g(vR2), v.sub(sp(C4), v.mul(g(vR2), sp(C6)))))))),
        lset(vSR, v.mul(g(vRR), v.sub(sp(1), v.mul(g(vR2), v.sub(sp(S3), v.mul(g(vR2), v.sub(sp(S5), v.mul(g(vR2), sp(S7))))))))),
        lset(vLa, v.load(i.shl(v.ilane(g(vNI), 0), i.c(4)), A.tcs)), lset(vLb, v.load(i.shl(v.ilane(g(vNI), 1), i.c(4)), A.tcs)),
        lset(vTC, v.lo(g(vLa), g(vLb))), lset(vTS, v.hi(g(vLa), g(vLb))),
        lset(vCA, v.sub(v.mul(g(vTC), g(vCR)), v.mul(g(vTS), g(vSR)))),
        lset(vSA, v.add(v.mul(g(vTS), g(vCR)), v.mul(g(vTC), g(vSR)))),
      );
      // SeriesFit.add for event EV with ratio Y and S̃/D̃ BT
      const moment = s.if(f.ne(g(Y), f.c(0)), s.seq(
        lset(B, ldi('eBin', o4(g(EV)))),
        lset(RM, ld('binRatioMax', o8(g(B)))),
        s.if(i.or(f.ge(f.mul(f.abs(g(Y)), g(RM)), g(BIGB)), f.ge(f.mul(g(BT), g(RM)), g(BIGB))),
          s.seq(
            lset(O4, o4(g(NEX))),
            sti('exIdx', g(O4), g(EV)),
            st('exY', o8(g(NEX)), g(Y)),
            lset(NEX, i.add(g(NEX), i.c(1))),
          ),
          s.seq(
            lset(B, o8(g(B))),
            lset(Y2, f.mul(g(Y), g(Y))),
            st('m1', g(B), f.add(ld('m1', g(B)), g(Y))),
            st('m2', g(B), f.add(ld('m2', g(B)), g(Y2))),
            st('m3', g(B), f.add(ld('m3', g(B)), f.mul(g(Y2), g(Y)))),
          )),
      ));
      // fillY's loop body for event EV (a block: leaving it is `continue`)
      const scalarEvent = s.block(s.seq(
        lset(O, o8(g(EV))),
        lset(CC, ld('pdfC', g(O))),
        lset(DD, f.sub(ld('dec', g(O)), g(DECS))),
        lset(RR, ld('reach', g(O))),
        s.if(i.or(i.or(f.lt(g(CC), f.c(0)), f.gt(g(DD), g(RR))), f.lt(g(DD), f.neg(g(RR)))),
          s.seq(st('y', g(O), f.c(0)), s.br(1))),
        lset(SI, ld('sinDec', g(O))),
        lset(CCX, f.mul(ld('cosDec', g(O)), g(CDS))),
        lset(SS, f.mul(g(SI), g(SDS))),
        lset(AA, ld('pdfA', g(O))),
        // S̃ = A·fastExp(C(ss + cc − 1))·besselI0eFast(C·cc)
        lset(ST, f.mul(f.mul(g(AA), fexp(f.mul(g(CC), f.sub(f.add(g(SS), g(CCX)), f.c(1))))), bes(f.mul(g(CC), g(CCX))))),
        lset(INV, ld('invD', g(O))),
        lset(BT, f.mul(g(ST), g(INV))),
        lset(X, ld('ra', g(O))),
        trig,
        // cos ψ = ss + cc(cos α cos αs + sin α sin αs); CCX was overwritten by bes: recompute cc
        lset(CPSI, f.add(g(SS), f.mul(f.mul(ld('cosDec', g(O)), g(CDS)), f.add(f.mul(g(CA), g(CAS)), f.mul(g(SA), g(SAS)))))),
        lset(Y, s.ifv(F64, f.ge(g(CPSI), ld('cosReach', g(O))),
          f.sub(f.mul(f.mul(g(INV), g(AA)), fexp(f.mul(g(CC), f.sub(g(CPSI), f.c(1))))), g(BT)),
          f.neg(g(BT)))),
        st('y', g(O), g(Y)),
        st('bt', g(O), g(BT)),
      ));
      const checks = !(z.maxKappa !== undefined && z.maxKappa < 68);
      const inRange = (x: Code, lo: number, hi: number, hiOpen = false) => v.and(v.ge(x, sp(lo)), hiOpen ? v.lt(x, sp(hi)) : v.le(x, sp(hi)));
      // events I, I+1 together where both are vMF events within reach and every table argument is in range
      const pair = s.block(s.seq(
        lset(O, o8(g(I))),
        lset(vC, v.load(g(O), A.pdfC)),
        lset(vDD, v.sub(v.load(g(O), A.dec), g(vPDECS))),
        lset(vR, v.load(g(O), A.reach)),
        // out-of-reach lanes (or Gaussian-PDF events): both out → y = 0; one out → scalar
        lset(vY, v.or(v.or(v.lt(g(vC), sp(0)), v.gt(g(vDD), g(vR))), v.lt(g(vDD), v.neg(g(vR))))),
        s.if(v.allTrue64(g(vY)), s.seq(v.store(g(O), sp(0), A.y), s.br(1))),
        s.brIf(0, v.anyTrue(g(vY))),
        lset(vSI, v.load(g(O), A.sinDec)),
        lset(vCC, v.mul(v.load(g(O), A.cosDec), g(vPCDS))),
        lset(vSS, v.mul(g(vSI), g(vPSDS))),
        lset(vA, v.load(g(O), A.pdfA)),
        lset(vX1, v.mul(g(vC), v.sub(v.add(g(vSS), g(vCC)), sp(1)))),
        lset(vTB, v.mul(v.mul(g(vC), g(vCC)), sp(I0E_INV_H))),
        lset(vRA, v.load(g(O), A.ra)),
        checks ? s.brIf(0, i.eqz(v.allTrue64(v.and(v.and(inRange(g(vX1), -700, 700), inRange(g(vTB), 0, I0E_N, true)), inRange(g(vRA), 0, TWO_PI))))) : [],
        trig2(g(vRA)),
        lset(vCPSI, v.add(g(vSS), v.mul(g(vCC), v.add(v.mul(g(vCA), g(vPCAS)), v.mul(g(vSA), g(vPSAS)))))),
        lset(vX2, v.mul(g(vC), v.sub(g(vCPSI), sp(1)))),
        checks ? s.brIf(0, i.eqz(v.allTrue64(inRange(g(vX2), -700, 700)))) : [],
        lset(vST, v.mul(v.mul(g(vA), fexp2(g(vX1))), bes2(g(vTB)))),
        lset(vBT, v.mul(g(vST), v.load(g(O), A.invD))),
        lset(vY, v.bitselect(
          v.sub(v.mul(v.mul(v.load(g(O), A.invD), g(vA)), fexp2(g(vX2))), g(vBT)),
          v.neg(g(vBT)),
          v.ge(g(vCPSI), v.load(g(O), A.cosReach)))),
        v.store(g(O), g(vY), A.y),
        v.store(g(O), g(vBT), A.bt),
        s.br(1),
      ));
      const body = s.seq(
        lset(NEX, i.c(0)),
        lset(I, i.c(0)),
        lset(vPDECS, v.splat(g(DECS))), lset(vPCDS, v.splat(g(CDS))), lset(vPSDS, v.splat(g(SDS))), lset(vPCAS, v.splat(g(CAS))), lset(vPSAS, v.splat(g(SAS))),
        s.block(s.loop(s.seq(
          s.brIf(1, i.geS(i.add(g(I), i.c(1)), g(N0))),
          // the pair block exits at depth 0 to the scalar fallback, at depth 1 when done
          s.block(s.seq(pair, lset(EV, g(I)), scalarEvent, lset(EV, i.add(g(I), i.c(1))), scalarEvent)),
          lset(I, i.add(g(I), i.c(2))),
          s.br(0),
        ))),
        s.if(i.ltS(g(I), g(N0)), s.seq(lset(EV, g(I)), scalarEvent)),
        // the moments (SeriesFit.add) in event order, a second loop: the first streams without scatter
        s.for(EV, i.c(0), g(N0), s.seq(
          lset(Y, ld('y', o8(g(EV)))),
          s.if(f.ne(g(Y), f.c(0)), s.seq(lset(BT, ld('bt', o8(g(EV)))), moment)),
        )),
        g(NEX),
      );
      const locals = [...Array(9).fill(I32), ...Array(nF64).fill(F64), ...Array(nV128).fill(V128)];
      return { name: 'ypass', params: [I32, F64, F64, F64, F64, F64, F64], result: I32, locals, body };
    })();
    return moduleBytes(imports, [jit, kde, invd, ypass, ras, nfill, lg, nrm1], pages);
  }
}
