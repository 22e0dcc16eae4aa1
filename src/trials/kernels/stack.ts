/**
 * Stacking trial kernel with injection ('stack'): S_i = Σ_k W_k(γ) S_ik with
 * W_k(γ) ∝ w_k·acceptance_k(γ) (equal flux weights w_k by default; acceptance from the
 * IRF with energy 'irf'), re-weighted at every fitted γ as csky does (`reweight`, default;
 * false fixes W at γ_inj). The weights on the γ grid are W(γ_g) = Σ_j C_gj B_j with J basis
 * vectors (stackWeights.ts), so the per-event spatial ratio is Σ_j c_j(γ) z_ij and
 * MultiSeriesFit fits (n_s, γ) on the γ grid with a parabolic refinement (exact terms for
 * large |y|, per-bin moments of the components for the rest, exact refit when the series
 * bound is not small). Scrambles: RA plus the 3° declination jitter (default; RA and the first jitter
 * normals from four xoshiro128** lanes seeded per trial from rng, laneRng.ts, as the ps kernel), after which
 * S̃ comes from tables (VmfSumBands: one table of the J basis sums per σ band for σ ≥ 7°;
 * per-source STildeTable below; ≤ 1e-6 relative; polar-cap events, never jittered, keep theirs);
 * without the jitter S̃ is cached exactly. Background PDF rebuilt per signal trial (update_bg).
 * S_ik is cut at 5σ (as the scan's), S̃_ik too for the Gaussian-PDF events (σ < 7°), not for
 * the vMF events (a dropped term would be < e^{-12.5} of its peak; the
 * uncut sum is smooth, so it can be tabulated). RA trig from a table, exp by fastExp.
 * Modules: stackSTilde.ts (S̃, source sums, the JS path's fit), stackWiring.ts (WebAssembly set-up).
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
import type { STildeTable, VmfSumBands } from './sTildeTable.js';
import type { StackPass } from './stackPassWasm.js';
import { jitterDecLanes, scrambleRa, scrambleRaLanes } from '../scramble.js';
import { LaneRng } from '../../stats/laneRng.js';
import { TrialBackground } from './trialBackground.js';
import type { PsWasm } from './psPassWasm.js';
import { buildJitterTables, fitJsPath, jitteredStilde, stildeOf, zOf } from './stackSTilde.js';
import { fitHooks, usePass, useSharedPass } from './stackWiring.js';
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
  d!: ScanData;
  ds!: Dataset;
  W = new Float64Array(0);
  srcSin = new Float64Array(0);
  srcCos = new Float64Array(0);
  /** weight basis: W(γ_g) = Σ_j C[g·J + j] B_j; BT[k·J + j] = B_jk */
  J = 1;
  /** grouped basis: source k loads only on basis vector group[k] (with weight BT[k·J + group[k]]) */
  group: Int32Array | null = null;
  BT = new Float64Array(0);
  basisRows: Float64Array[] = [];
  cMax = new Float64Array(0);
  /** Σ_k B_jk S̃_ik (sr⁻¹) per event: st[i·J + j] */
  st: Float64Array = new Float64Array(0);
  /** spatial components z_ij = Σ_k B_jk (S_ik − S̃_ik)/D̃_i: Z[i·J + j] */
  Z: Float64Array = new Float64Array(0);
  reservoirs: SignalReservoir[] = [];
  fpeTotal = NaN;
  updateBg = true;
  sigHists: Float64Array[] = [];
  bg!: TrialBackground;
  fitter!: MultiSeriesFit;
  fitter1: SeriesFit | null = null;
  readonly res: GammaFit = { ts: 0, ns: 0, gamma: 0 };
  ca: Float64Array = new Float64Array(0);
  sa: Float64Array = new Float64Array(0);
  srcDec = new Float64Array(0);
  /** source unit vectors (x, y; z = srcSin) */
  srcPx = new Float64Array(0);
  srcPy = new Float64Array(0);

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
    for (let i = 0; i < this.d.nSorted; i++) stildeOf(this, i);
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
      buildJitterTables(this);
    }
    this.ca = new Float64Array(cap);
    this.sa = new Float64Array(cap);
    // the background reads the ScanData fields at use (their values here): the passes may replace them by views
    this.bg = new TrialBackground(this.ds, this.d, this.sigHists);
    if (J > 1) usePass(this, cap);
    this.fitter = new MultiSeriesFit(J, this.d.gammas, this.d.nBins, this.d.binRatio, this.d.binRatioMax, this.coef, cap, this.pass ? { m: this.pass.m, exIdx: this.pass.exIdx, ...fitHooks(this.pass, this.shared) } : undefined);
    if (J === 1) {
      if (!this.coef.every((v) => Math.abs(v - 1) < 1e-12)) throw new InputError('stack kernel: one weight component must have coefficient 1 at every γ');
      this.fitter1 = new SeriesFit(this.d.gammas, this.d.nBins, this.d.binRatio, this.d.binRatioMax, cap);
    }
  }

  jitter = true;
  exactSTilde = false;
  dec0 = new Float64Array(0);
  s0 = new Float64Array(0);
  c0 = new Float64Array(0);
  normBuf = new Float64Array(0);
  readonly lanes = new LaneRng();
  lnSigma = new Float64Array(0);
  coef = new Float64Array(0);
  /** with the jitter: the Σ_k B_jk S̃_k of the vMF events, all basis vectors in one table per σ band */
  vmfTable: VmfSumBands | null = null;
  /** σ band of each vMF data event (−1: none) */
  vBand = new Int32Array(0);
  gaussTables: STildeTable[] = [];
  /** the WebAssembly passes (J > 1), null for the JS path */
  pass: StackPass | null = null;
  /**
   * The ps kernel's WebAssembly passes (psPassWasm.ts, bit-identical to scrambleRaLanes, jitterDecLanes,
   * fillShiftedSinCos and TrialBackground.rebuild) for the draws, the jitter and the rebuilt
   * background: the data arrays move into its memory (as in pointSource.ts) and this kernel's pass
   * gets copies of the ones it reads (δ, sin/cos δ, 1/D̃, bins, max S/B) each trial.
   */
  shared: PsWasm | null = null;
  /** sta's events pass.order[0 … staCount); the vMF data events without a band table (exact S̃ in JS) */
  staCount = 0; staExact = new Int32Array(0);
  /** data events outside the polar caps (the jitter's bulk normals) */
  nFree = 0;

  /** data events with the Gaussian PDF (σ < 7°); data events whose source sums the JS path computes (flag 1) */
  gaussList = new Int32Array(0);
  jsList = new Int32Array(0);

  fluxPerEvent(): number {
    return this.fpeTotal;
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    const d = this.d, n0 = d.nSorted;
    if (n0 + nInjected > d.ra.length) throw new InputError(`stack kernel: ${nInjected} injected events exceed maxInjected (${d.ra.length - n0})`);
    const w = this.shared, pass = this.pass;
    if (w !== null && pass !== null) {
      // RA scramble, jitter, sin/cos δ, energy bins, KDE cell counts and histogram of the data events (psPassWasm.ts:
      // RA and the first jitter normals from four xoshiro lanes seeded from rng, as the ps kernel; redraws from rng)
      w.scrambleJitter(rng, n0, this.nFree);
      if (!pass.sharesMemory) {
        pass.dec.set(d.dec.subarray(0, n0));
        pass.sinDec.set(d.sinDec.subarray(0, n0));
        pass.cosDec.set(d.cosDec.subarray(0, n0));
      }
      jitteredStilde(this);
    } else {
      if (this.jitter) {
        this.lanes.seedFrom(rng);
        scrambleRaLanes(this.lanes, d.ra, n0);
        jitterDecLanes(rng, this.lanes, this.dec0, d.dec, n0, this.normBuf);
        fillShiftedSinCos(d.dec, this.dec0, this.s0, this.c0, 0, n0, d.sinDec, d.cosDec);
        jitteredStilde(this);
      } else scrambleRa(rng, d.ra, n0);
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
      stildeOf(this, j);
    }
    const N = n0 + nInjected;
    d.n = N;
    if (w !== null && pass !== null) {
      // TrialBackground.rebuild with the data events' share done in jit(), as pointSource.ts
      w.addEvents(n0, N);
      this.bg.setRatios(w.f64.hist);
      w.kde(1 / (N * this.ds.bgDensity.bandwidth * Math.sqrt(2 * Math.PI)));
      w.invd(0, N);
      if (!pass.sharesMemory) {
        pass.sinDec.set(d.sinDec.subarray(n0, N), n0);
        pass.cosDec.set(d.cosDec.subarray(n0, N), n0);
        pass.invD.set(d.invD.subarray(0, N));
        pass.eBin.set(d.eBin.subarray(0, N));
        pass.binRatioMax.set(d.binRatioMax);
      }
    } else this.background(nInjected, N);
    if (pass !== null) {
      // RA trig in its own f64x2 pass (inside pb it was no faster: the table reads sit in each event's chain)
      if (w !== null && !pass.sharesMemory) pass.ra.set(d.ra.subarray(0, N));
      const nfb = pass.trig(N), ra = d.ra;
      for (let e = 0; e < nfb; e++) {
        const i = pass.fb[e];
        this.ca[i] = Math.cos(ra[i]);
        this.sa[i] = Math.sin(ra[i]);
      }
    } else fillCosSin(d.ra, 0, N, this.ca, this.sa);
    // z_ij = Σ_k B_jk (S_ik − S̃_ik)/D̃_i
    if (pass !== null) {
      const fit = this.fitter;
      // source sums: the Gaussian-PDF events' in gz, other flag-1 and injected events' here, the rest, 1/D̃ and moments in pb
      pass.gz(this.gaussList.length);
      for (let e = 0, gl = this.jsList; e < gl.length; e++) zOf(this, gl[e]);
      for (let i = n0; i < N; i++) zOf(this, i);
      fit.begin();
      fit.gathered(pass.pb(N, fit.bigB));
      fit.fit(N, this.Z, d.eBin, this.res);
    } else fitJsPath(this, N, this.res);
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
}

export function createKernel(): TrialKernel {
  return new StackKernel();
}
