/**
 * Stacking trial kernel with injection ('stack'): S_i = Σ_k W_k(γ) S_ik with
 * W_k(γ) ∝ w_k·acceptance_k(γ) (equal flux weights w_k by default; acceptance from the
 * IRF with energy 'irf'), re-weighted at every fitted γ as csky does (`reweight`, default;
 * false fixes W at γ_inj). The weights on the γ grid are W(γ_g) = Σ_j C_gj B_j with J basis
 * vectors (stackWeights.ts), so the per-event spatial ratio is Σ_j c_j(γ) z_ij and
 * MultiSeriesFit fits (n_s, γ) on the γ grid with a parabolic refinement (exact terms for
 * large |y|, per-bin moments of the components for the rest, exact refit when the series
 * bound is not small). Scrambles: RA plus the 3° declination jitter (default), after which
 * S̃ comes from tables (VmfSumBands: one table of the J basis sums per σ band for σ ≥ 7°;
 * per-source STildeTable below; ≤ 1e-6 relative; polar-cap events, never jittered, keep theirs);
 * without the jitter S̃ is cached exactly. Background PDF rebuilt per signal trial (update_bg).
 * S_ik is cut at 5σ (as the scan's), S̃_ik too for the Gaussian-PDF events (σ < 7°), not for
 * the vMF events (a dropped term would be < e^{-12.5} of its peak; the
 * uncut sum is smooth, so it can be tabulated). RA trig from a table, exp by fastExp.
 * Speed (J > 1): the per-event work runs in WebAssembly (stackPassWasm.ts: S̃ table reads;
 * RA trig, source sums, 1/D̃ and moments), and with the jitter and update_bg the draws, jitter
 * and background rebuild in the ps kernel's passes (psPassWasm.ts), all bit-identical to the JS
 * path here (NUSKY_STACK_WASM=0 forces it; NUSKY_PS_WASM=0 keeps the draws and background in JS).
 * Injection: events simulated by src/sim per source ('sim', with energy 'irf'), source k
 * chosen with probability W_k(γ_inj). Columns: ts, ns, gamma.
 */
import type { Rng } from '../../stats/random.js';
import { Rng as RngClass } from '../../stats/random.js';
import type { TrialKernel } from '../kernel.js';
import { Dataset } from '../../likelihood/dataset.js';
import { SeriesFit, type GammaFit } from './seriesFit.js';
import { MultiSeriesFit } from './multiSeriesFit.js';
import { groupedWeightBasis, weightBasis } from './stackWeights.js';
import { fillCosSin, fillShiftedSinCos } from './fastTrig.js';
import { STildeTable, VmfSumBands, vmfSum } from './sTildeTable.js';
import { createStackPass, type StackPass } from './stackPassWasm.js';
import { fastExp } from '../../likelihood/fastExp.js';
import { DEC_JITTER_WIDTH, DEC_POLE_EXCLUSION, jitterDecBulk, scrambleRa } from '../scramble.js';
import { TrialBackground } from './trialBackground.js';
import { PsWasm } from './psPassWasm.js';
import { KENT_MIN_SIGMA, raAveragedPsPdf } from '../../likelihood/psf.js';
import { scanDataFromDataset, setEvent, type ScanData } from '../../scan/data.js';
import { e2At100TeVForPointSource } from '../../irf/expectation.js';
import { energyModel, loadEvents, simulateSignalReservoir, type EnergyModelConfig, type EventSourceConfig, type SignalReservoir } from './synthetic.js';
import { InputError } from '../../errors.js';

const DEG = Math.PI / 180;

export interface StackConfig extends EventSourceConfig, EnergyModelConfig {
  sources: { ra: number; dec: number; weight?: number }[];
  gammaInjected?: number;
  /** 3° Gaussian declination jitter of the scrambles (default true, as the ps kernel; physics.md §2.2) */
  decJitter?: boolean;
  /** reference mode: S̃ after the jitter by the exact functions instead of the tables (slow; for validation) */
  exactSTilde?: boolean;
  /** re-weight the sources by their acceptance at every fitted γ (csky; default true); false: weights fixed at γ_inj */
  reweight?: boolean;
  updateBg?: boolean;
  maxInjected?: number;
  /** signal events simulated per source (default 3000) */
  reservoir?: number;
  /** only 'sim' is implemented */
  injection?: 'sim';
}

export class StackKernel implements TrialKernel {
  readonly columns = ['ts', 'ns', 'gamma'];
  private d!: ScanData;
  private ds!: Dataset;
  private W = new Float64Array(0);
  private srcSin = new Float64Array(0);
  private srcCos = new Float64Array(0);
  /** weight basis: W(γ_g) = Σ_j C[g·J + j] B_j; BT[k·J + j] = B_jk */
  private J = 1;
  /** grouped basis: source k loads only on basis vector group[k] (with weight BT[k·J + group[k]]) */
  private group: Int32Array | null = null;
  private BT = new Float64Array(0);
  private basisRows: Float64Array[] = [];
  private cMax = new Float64Array(0);
  /** Σ_k B_jk S̃_ik (sr⁻¹) per event: st[i·J + j] */
  private st: Float64Array = new Float64Array(0);
  /** spatial components z_ij = Σ_k B_jk (S_ik − S̃_ik)/D̃_i: Z[i·J + j] */
  private Z: Float64Array = new Float64Array(0);
  private reservoirs: SignalReservoir[] = [];
  private fpeTotal = NaN;
  private updateBg = true;
  private sigHists: Float64Array[] = [];
  private bg!: TrialBackground;
  private fitter!: MultiSeriesFit;
  private fitter1: SeriesFit | null = null;
  private readonly res: GammaFit = { ts: 0, ns: 0, gamma: 0 };
  private ca: Float64Array = new Float64Array(0);
  private sa: Float64Array = new Float64Array(0);
  private srcDec = new Float64Array(0);
  /** source unit vectors (x, y; z = srcSin) */
  private srcPx = new Float64Array(0);
  private srcPy = new Float64Array(0);

  async setup(config: unknown): Promise<void> {
    const c = config as StackConfig;
    if (!Array.isArray(c?.sources) || c.sources.length === 0) throw new InputError('stack kernel: config.sources must be a non-empty list of {ra, dec} in degrees');
    this.ds = new Dataset(await loadEvents(c));
    const gamma = c.gammaInjected ?? 2;
    const em = energyModel(this.ds, c.energy);
    this.d = scanDataFromDataset(this.ds, em.grid, { extra: c.maxInjected ?? 3000 });
    const K = c.sources.length;
    const w = Float64Array.from(c.sources, (s) => s.weight ?? 1);
    const wsum = w.reduce((x, v) => x + v, 0);
    // acceptance ∝ 1/(flux per event); without an IRF the acceptance is taken equal
    const fpe = Float64Array.from(c.sources, (s) => (em.irf ? e2At100TeVForPointSource(em.irf, 1, gamma, Math.sin(s.dec * DEG)) : 1));
    this.W = Float64Array.from(w, (v, k) => v / wsum / fpe[k]);
    const tot = this.W.reduce((x, v) => x + v, 0);
    this.fpeTotal = em.irf ? 1 / tot : NaN; // Σ_k F_k = F_tot, events = F_tot Σ_k ŵ_k/fpe_k
    for (let k = 0; k < K; k++) this.W[k] /= tot;
    this.srcSin = Float64Array.from(c.sources, (s) => Math.sin(s.dec * DEG));
    this.srcCos = Float64Array.from(c.sources, (s) => Math.cos(s.dec * DEG));
    this.srcDec = Float64Array.from(c.sources, (s) => s.dec * DEG);
    this.srcPx = Float64Array.from(c.sources, (s, k) => this.srcCos[k] * Math.cos(s.ra * DEG));
    this.srcPy = Float64Array.from(c.sources, (s, k) => this.srcCos[k] * Math.sin(s.ra * DEG));
    // weights on the γ grid (acceptance from the IRF), or fixed at γ_inj
    const G = this.d.gammas;
    const rows = Array.from(G, (g) => {
      if (!em.irf || c.reweight === false) return this.W.slice();
      const r = Float64Array.from(c.sources, (s, k) => w[k] / e2At100TeVForPointSource(em.irf!, 1, g, Math.sin(s.dec * DEG)));
      const t = r.reduce((x, v) => x + v, 0);
      return r.map((v) => v / t);
    });
    const basis = groupedWeightBasis(rows) ?? weightBasis(rows);
    this.group = basis.group;
    if (!(basis.maxError <= 1e-12)) throw new InputError(`stack kernel: the source weights on the γ grid are not reproduced by their basis (error ${basis.maxError})`);
    this.J = basis.J;
    const J = this.J;
    this.BT = new Float64Array(K * J);
    for (let j = 0; j < J; j++) for (let k = 0; k < K; k++) this.BT[k * J + j] = basis.B[j * K + k];
    this.basisRows = Array.from({ length: J }, (_, j) => basis.B.slice(j * K, j * K + K));
    this.cMax = new Float64Array(J);
    for (let g = 0; g < G.length; g++) for (let j = 0; j < J; j++) this.cMax[j] = Math.max(this.cMax[j], Math.abs(basis.C[g * J + j]));
    const cap = this.d.ra.length;
    this.st = new Float64Array(cap * J);
    this.Z = new Float64Array(cap * J);
    this.coef = Float64Array.from(basis.C);
    for (let i = 0; i < this.d.nSorted; i++) this.stildeOf(i);
    if ((c.injection ?? (em.irf ? 'sim' : 'vmf')) !== 'sim' || !em.irf) throw new InputError("stack kernel: injection needs energy 'irf' (events simulated by src/sim)");
    const irf = em.irf;
    const rng = new RngClass(5151);
    this.reservoirs = c.sources.map((s) => simulateSignalReservoir(irf, rng, gamma, e2At100TeVForPointSource(irf, 1, gamma, Math.sin(s.dec * DEG)), c.reservoir ?? 3000, (spectrum) => ({ kind: 'ps', ra: s.ra * DEG, dec: s.dec * DEG, spectrum })));
    this.updateBg = c.updateBg ?? true;
    this.sigHists = Array.from(this.d.gammas, (g) => em.signalHist(g));
    this.jitter = c.decJitter ?? true;
    this.exactSTilde = c.exactSTilde ?? false;
    if (this.jitter) {
      const n0 = this.d.nSorted;
      this.dec0 = this.d.dec.slice(0, n0);
      this.s0 = this.d.sinDec.slice(0, n0);
      this.c0 = this.d.cosDec.slice(0, n0);
      this.normBuf = new Float64Array(n0);
      this.buildJitterTables();
    }
    this.ca = new Float64Array(cap);
    this.sa = new Float64Array(cap);
    if (J > 1) this.usePass(cap);
    this.bg = new TrialBackground(this.ds, this.d, this.sigHists);
    if (this.pass && this.jitter && this.updateBg && !this.exactSTilde && process.env.NUSKY_PS_WASM !== '0') this.useSharedPass();
    this.fitter = new MultiSeriesFit(J, this.d.gammas, this.d.nBins, this.d.binRatio, this.d.binRatioMax, this.coef, cap, this.pass ? { m: this.pass.m, exIdx: this.pass.exIdx } : undefined);
    if (J === 1) {
      if (!this.coef.every((v) => Math.abs(v - 1) < 1e-12)) throw new InputError('stack kernel: one weight component must have coefficient 1 at every γ');
      this.fitter1 = new SeriesFit(this.d.gammas, this.d.nBins, this.d.binRatio, this.d.binRatioMax, cap);
    }
  }

  private jitter = true;
  private exactSTilde = false;
  private dec0 = new Float64Array(0);
  private s0 = new Float64Array(0);
  private c0 = new Float64Array(0);
  private normBuf = new Float64Array(0);
  private lnSigma = new Float64Array(0);
  private coef = new Float64Array(0);
  /** with the jitter: the Σ_k B_jk S̃_k of the vMF events, all basis vectors in one table per σ band */
  private vmfTable: VmfSumBands | null = null;
  /** σ band of each vMF data event (−1: none) */
  private vBand = new Int32Array(0);
  private gaussTables: STildeTable[] = [];
  /** the WebAssembly passes (J > 1), null for the JS path */
  private pass: StackPass | null = null;
  /**
   * The ps kernel's WebAssembly passes (psPassWasm.ts, bit-identical to scrambleRa, jitterDecBulk,
   * fillShiftedSinCos and TrialBackground.rebuild) for the draws, the jitter and the rebuilt
   * background: the data arrays move into its memory (as in pointSource.ts) and this kernel's pass
   * gets copies of the ones it reads (δ, sin/cos δ, 1/D̃, bins, max S/B) each trial.
   */
  private shared: PsWasm | null = null;
  /** data events outside the polar caps (the jitter's bulk normals) */
  private nFree = 0;

  private useSharedPass(): void {
    const d = this.d, bg = this.bg, n0 = d.nSorted, dens = this.ds.bgDensity;
    const lim = Math.PI / 2 - DEC_POLE_EXCLUSION;
    let w: PsWasm;
    try {
      w = new PsWasm({ cap: d.ra.length, n0, nBins: d.nBins, nE: bg.nE, edges: bg.edges, uniformEdges: bg.uniform, nGrid: dens.x.length, bandwidth: dens.bandwidth, lim, width: DEC_JITTER_WIDTH }, (x) => bg.row(x));
    } catch {
      return;
    }
    for (const k of ['ra', 'dec', 'sinDec', 'cosDec', 'reach', 'cosReach', 'invD', 'pdfA', 'pdfC', 'binRatioMax'] as const) {
      w.f64[k].set(d[k]);
      d[k] = w.f64[k];
    }
    w.i32.eBin.set(d.eBin);
    d.eBin = w.i32.eBin;
    w.f64.dec0.set(this.dec0);
    this.dec0 = w.f64.dec0;
    w.f64.s0.set(this.s0);
    this.s0 = w.f64.s0;
    w.f64.c0.set(this.c0);
    this.c0 = w.f64.c0;
    this.normBuf = w.f64.norm;
    w.i32.col.set(bg.col);
    w.i32.cellRow.set(bg.cellRow);
    this.nFree = 0;
    for (let i = 0; i < n0; i++) if (!(this.dec0[i] > lim || this.dec0[i] < -lim)) this.nFree++;
    this.shared = w;
  }

  /** data events with the Gaussian PDF (σ < 7°); data events whose source sums the JS path computes (flag 1) */
  private gaussList = new Int32Array(0);
  private jsList = new Int32Array(0);

  /**
   * The WebAssembly passes (stackPassWasm.ts, bit-identical to the JS path): the per-event arrays
   * they read and write move into the module's memory (the ScanData fields are replaced by views
   * there, before the background and the fitter take them).
   */
  private usePass(cap: number): void {
    const d = this.d, n0 = d.nSorted;
    const pass = createStackPass({
      J: this.J, px: this.srcPx, py: this.srcPy, pz: this.srcSin, BT: this.BT, group: this.group, cMax: this.cMax,
      cap, nBins: d.nBins, tables: this.jitter && !this.exactSTilde && this.vmfTable ? this.vmfTable.tables.map((t) => t.layout()) : null,
    });
    if (!pass) return;
    if (this.jitter && !this.exactSTilde && this.vmfTable) {
      // the σ part of each vMF event's table stencil (σ is fixed per event)
      const tabs = this.vmfTable.tables;
      for (let i = 0; i < n0; i++) {
        const b = this.vBand[i];
        const off = b >= 0 ? tabs[b].sigmaStencil(this.lnSigma[i], pass.wx, 4 * i) : -1;
        pass.band[i] = off >= 0 ? b : b === -2 ? -2 : -1;
        pass.rowAddr[i] = off >= 0 ? pass.tableAddr[b] + 8 * off : 0;
      }
    }
    pass.dec.set(d.dec); d.dec = pass.dec;
    pass.sinDec.set(d.sinDec); d.sinDec = pass.sinDec;
    pass.cosDec.set(d.cosDec); d.cosDec = pass.cosDec;
    pass.invD.set(d.invD); d.invD = pass.invD;
    pass.eBin.set(d.eBin); d.eBin = pass.eBin;
    pass.binRatioMax.set(d.binRatioMax); d.binRatioMax = pass.binRatioMax;
    pass.pdfA.set(d.pdfA);
    pass.pdfC.set(d.pdfC);
    pass.cosReach.set(d.cosReach);
    pass.lnSig.set(this.lnSigma);
    pass.st.set(this.st); this.st = pass.st;
    pass.Z.set(this.Z); this.Z = pass.Z;
    this.ca = pass.ca;
    this.sa = pass.sa;
    // flag 1: Z from the JS path (Gaussian PDF: acos; injected events: their PDF fields change per trial)
    // (and vMF events with κ > 350, beyond the pass's exp range; none for σ ≥ 7°)
    pass.flag.fill(1);
    for (let i = 0; i < n0; i++) pass.flag[i] = d.gaussian[i] === 0 && d.pdfC[i] <= 350 ? 0 : 1;
    this.gaussList = Int32Array.from({ length: n0 }, (_, i) => i).filter((i) => d.gaussian[i] === 1);
    this.jsList = Int32Array.from({ length: n0 }, (_, i) => i).filter((i) => pass.flag[i] === 1);
    this.pass = pass;
  }

  fluxPerEvent(): number {
    return this.fpeTotal;
  }

  /**
   * st[i·J + j] = Σ_k B_jk S̃_ik for event i, exact. Gaussian-PDF events (σ < 7°): sources beyond
   * the reach (5σ) in declination are skipped (as S); vMF events: all sources (a skipped term
   * would be < e^{-12.5} of its peak; the jitter path's VmfSumTable is the uncut sum too).
   */
  private stildeOf(i: number): void {
    const d = this.d, gauss = d.gaussian[i] === 1, J = this.J, o = i * J;
    for (let j = 0; j < J; j++) this.st[o + j] = 0;
    for (let k = 0; k < this.srcDec.length; k++) {
      if (gauss && Math.abs(d.dec[i] - this.srcDec[k]) > d.reach[i]) continue;
      const v = raAveragedPsPdf(d.sinDec[i], d.cosDec[i], this.srcSin[k], this.srcCos[k], d.sigma[i]);
      for (let j = 0; j < J; j++) this.st[o + j] += this.BT[k * J + j] * v;
    }
  }

  /** S̃ of every data event after the jitter: the vMF sum tables, the per-source Gaussian tables (exact where a table does not cover). */
  private jitteredStilde(): void {
    const d = this.d, n0 = d.nSorted, st = this.st, K = this.srcDec.length, J = this.J, BT = this.BT;
    if (this.exactSTilde) {
      for (let i = 0; i < n0; i++) this.stildeOf(i);
      return;
    }
    const { dec, sinDec, cosDec, sigma, reach, gaussian } = d;
    const lnSig = this.lnSigma, vt = this.vmfTable, gt = this.gaussTables, pass = this.pass;
    if (pass !== null && vt !== null) {
      // vMF events in WebAssembly (table + fastExp), the exact sum for those outside the table, Gaussian ones below
      const nfb = pass.sta(0, n0);
      for (let e = 0; e < nfb; e++) {
        const i = pass.fb[e];
        for (let j = 0; j < J; j++) st[i * J + j] = vmfSum(sinDec[i], cosDec[i], this.srcSin, this.srcCos, this.basisRows[j], sigma[i]);
      }
      for (let e = 0; e < this.gaussList.length; e++) this.gaussStilde(this.gaussList[e]);
      return;
    }
    for (let i = 0; i < n0; i++) {
      const o = i * J;
      if (gaussian[i] === 0) {
        if (this.vBand[i] === -2) continue;
        if (vt !== null && vt.lnAtInto(this.vBand[i], dec[i], lnSig[i], st, o)) for (let j = 0; j < J; j++) st[o + j] = fastExp(st[o + j]);
        else for (let j = 0; j < J; j++) st[o + j] = vmfSum(sinDec[i], cosDec[i], this.srcSin, this.srcCos, this.basisRows[j], sigma[i]);
        continue;
      }
      this.gaussStilde(i);
    }
  }

  /** S̃ of Gaussian-PDF data event i after the jitter from the per-source tables (sources beyond the reach skipped, as S). */
  private gaussStilde(i: number): void {
    const d = this.d, st = this.st, K = this.srcDec.length, J = this.J, BT = this.BT, gt = this.gaussTables, o = i * J;
    const { dec, sinDec, cosDec, sigma, reach } = d;
    for (let j = 0; j < J; j++) st[o + j] = 0;
    for (let k = 0; k < K; k++) {
      if (Math.abs(dec[i] - this.srcDec[k]) > reach[i]) continue;
      const v = gt[k].at(dec[i], sinDec[i], cosDec[i], sigma[i], this.lnSigma[i]);
      for (let j = 0; j < J; j++) st[o + j] += BT[k * J + j] * v;
    }
  }

  private buildJitterTables(): void {
    const d = this.d, n0 = d.nSorted;
    let gLo = Infinity, gHi = 0, vHi = 0;
    const scan = (sig: ArrayLike<number>) => {
      for (let i = 0; i < sig.length; i++) {
        if (sig[i] < KENT_MIN_SIGMA) { gLo = Math.min(gLo, sig[i]); gHi = Math.max(gHi, sig[i]); }
        else vHi = Math.max(vHi, sig[i]);
      }
    };
    scan(d.sigma.subarray(0, n0));
    for (const r of this.reservoirs) scan(r.sigma);
    this.lnSigma = Float64Array.from(d.sigma.subarray(0, n0), Math.log);
    if (vHi > 0) {
      // jitterDecBulk leaves the polar-cap events where they are and keeps the others out of the caps:
      // the caps' S̃ stays the exact one of the set-up (band −2), the tables need only |δ| ≤ lim
      const lim = Math.PI / 2 - DEC_POLE_EXCLUSION;
      const vt = (this.vmfTable = new VmfSumBands(this.srcDec, this.basisRows, KENT_MIN_SIGMA, vHi, { maxAbsDec: lim }));
      this.vBand = Int32Array.from(this.lnSigma, (t, i) => (d.gaussian[i] !== 0 ? -1 : d.dec[i] > lim || d.dec[i] < -lim ? -2 : vt.band(t)));
    }
    if (gHi > 0) this.gaussTables = Array.from(this.srcDec, (dec) => new STildeTable(dec, gLo, gHi));
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    const d = this.d, n0 = d.nSorted;
    if (n0 + nInjected > d.ra.length) throw new InputError(`stack kernel: ${nInjected} injected events exceed maxInjected (${d.ra.length - n0})`);
    const w = this.shared, pass = this.pass;
    if (w !== null && pass !== null) {
      // RA scramble, jitter, sin/cos δ, energy bins, KDE cell counts and histogram of the data events
      // (psPassWasm.ts; the generator continues rng's stream and hands its state back)
      w.loadRng(rng);
      w.ras(n0);
      w.nfill(this.nFree);
      w.f64.counts.fill(0);
      w.f64.hist.fill(0);
      w.jit(n0, this.nFree);
      w.storeRng(rng);
      pass.dec.set(d.dec.subarray(0, n0));
      this.jitteredStilde();
    } else {
      scrambleRa(rng, d.ra, n0);
      if (this.jitter) {
        jitterDecBulk(rng, this.dec0, d.dec, n0, this.normBuf);
        fillShiftedSinCos(d.dec, this.dec0, this.s0, this.c0, 0, n0, d.sinDec, d.cosDec);
        this.jitteredStilde();
      }
    }
    const K = this.W.length;
    for (let m = 0; m < nInjected; m++) {
      let u = rng.uniform(), k = 0;
      while (k < K - 1 && u >= this.W[k]) u -= this.W[k++];
      const res = this.reservoirs[k];
      const r = Math.floor(rng.uniform() * res.ra.length);
      const j = n0 + m;
      d.ra[j] = res.ra[r];
      d.dec[j] = res.dec[r];
      d.sigma[j] = res.sigma[r];
      d.eBin[j] = res.bin[r];
      setEvent(d, j);
      this.stildeOf(j);
    }
    const N = n0 + nInjected;
    d.n = N;
    if (w !== null && pass !== null) {
      // TrialBackground.rebuild with the data events' share done in jit(), as pointSource.ts
      w.addEvents(n0, N);
      this.bg.setRatios(w.f64.hist);
      w.kde(1 / (N * this.ds.bgDensity.bandwidth * Math.sqrt(2 * Math.PI)));
      w.invd(0, N);
      pass.sinDec.set(d.sinDec.subarray(0, N));
      pass.cosDec.set(d.cosDec.subarray(0, N));
      pass.invD.set(d.invD.subarray(0, N));
      pass.eBin.set(d.eBin.subarray(0, N));
      pass.binRatioMax.set(d.binRatioMax);
    } else this.background(nInjected, N);
    // (RA trig inside the WebAssembly pass was tried: no faster, the table reads sit in each event's dependency chain)
    fillCosSin(d.ra, 0, N, this.ca, this.sa);
    // z_ij = Σ_k B_jk (S_ik − S̃_ik)/D̃_i
    const J = this.J, Z = this.Z, st = this.st, cMax = this.cMax;
    const fit = this.fitter, invD = d.invD, bin = d.eBin, f1 = this.fitter1;
    if (pass !== null) {
      // Gaussian-PDF and injected events' source sums here; the rest, 1/D̃ and the moments in WebAssembly
      const gl = this.jsList;
      for (let e = 0; e < gl.length; e++) this.zOf(gl[e]);
      for (let i = n0; i < N; i++) this.zOf(i);
      fit.begin();
      fit.gathered(pass.pb(N, fit.bigB));
      fit.fit(N, Z, bin, this.res);
      out[0] = this.res.ts;
      out[1] = this.res.ns;
      out[2] = this.res.gamma;
      return;
    }
    for (let i = 0; i < N * J; i++) Z[i] = -st[i];
    for (let i = 0; i < N; i++) this.addSources(i);
    if (f1 !== null) {
      // one component (fixed weights, or all sources in one acceptance group): c ≡ 1, plain SeriesFit
      f1.begin();
      for (let i = 0; i < N; i++) {
        const inv = invD[i];
        const y = (Z[i] *= inv);
        if (y !== 0) f1.add(i, y, bin[i], st[i] * inv);
      }
      f1.fit(N, Z, bin, this.res);
      out[0] = this.res.ts;
      out[1] = this.res.ns;
      out[2] = this.res.gamma;
      return;
    }
    fit.begin();
    for (let i = 0; i < N; i++) {
      const inv = invD[i], o = i * J;
      let bt = 0;
      for (let j = 0; j < J; j++) {
        Z[o + j] *= inv;
        bt += cMax[j] * Math.abs(st[o + j]);
      }
      fit.add(i, Z, bin[i], bt * inv);
    }
    fit.fit(N, Z, bin, this.res);
    out[0] = this.res.ts;
    out[1] = this.res.ns;
    out[2] = this.res.gamma;
  }

  /**
   * Background PDF of this trial (update_bg): with the jitter, rebuilt from all of the trial's
   * events (their energy bins follow the new sin δ); else with the injected events mixed into
   * the data's; else the data's (trialBackground.ts).
   */
  private background(nInjected: number, N: number): void {
    if (this.jitter && this.updateBg) this.bg.rebuild(N);
    else if (this.updateBg && nInjected > 0) this.bg.mixInjected(nInjected);
    else {
      if (this.jitter) this.bg.setBins();
      this.bg.restore(N);
    }
  }


  /** Z[i·J + j] = Σ_k B_jk S_ik − S̃_ij for event i (unscaled). */
  private zOf(i: number): void {
    const Z = this.Z, st = this.st, o = i * this.J;
    for (let j = 0; j < this.J; j++) Z[o + j] = -st[o + j];
    this.addSources(i);
  }

  /**
   * Z[i·J + j] += Σ_k B_jk S_ik over the sources within event i's reach (5σ). Event-major:
   * each event's data is read once and the source vectors stay in registers/L1 (a source-major
   * loop read every event array once per source and was memory-bound, 3× slower).
   */
  private addSources(i: number): void {
    const d = this.d, Z = this.Z, ca = this.ca, sa = this.sa, J = this.J, BT = this.BT;
    const { sinDec, cosDec, cosReach, pdfA, pdfC, gaussian } = d;
    const px = this.srcPx, py = this.srcPy, pz = this.srcSin, K = px.length, grp = this.group;
    {
      const ci = cosDec[i], ux = ci * ca[i], uy = ci * sa[i], uz = sinDec[i], cr = cosReach[i];
      const A = pdfA[i], C = pdfC[i], gauss = gaussian[i] === 1, o = i * J;
      for (let k = 0; k < K; k++) {
        const cpsi = ux * px[k] + uy * py[k] + uz * pz[k];
        if (cpsi < cr) continue;
        let s: number;
        if (!gauss) s = A * fastExp(C * (cpsi - 1));
        else {
          const psi = Math.acos(cpsi > 1 ? 1 : cpsi);
          s = A * fastExp(C * psi * psi);
        }
        if (grp !== null) Z[o + grp[k]] += BT[k * J + grp[k]] * s;
        else for (let j = 0; j < J; j++) Z[o + j] += BT[k * J + j] * s;
      }
    }
  }
}

export function createKernel(): TrialKernel {
  return new StackKernel();
}
