/**
 * Point-source trial kernel ('ps'): background by RA scrambling plus the paper's
 * 3° declination jitter (physics.md §2.2), signal by injecting events around the
 * source (vMF scatter with a σ resampled from the data, E^-γ energies, or simulated
 * events), fit of (n_s, γ) by SeriesFit (the scan PointFitter's algorithm). Columns:
 * ts, ns, gamma; with a source list (`sources`), ts_k, ns_k, gamma_k per source, all
 * fitted on the same scramble (correlated source-list trials; the signal is injected
 * at source 0). Per trial only RA/dec-dependent terms are recomputed; nothing is allocated.
 *
 * Speed: bulk random draws (jittered scrambles: four xoshiro128** lanes seeded per trial from rng, laneRng.ts); cos/sin of the scrambled RA from a table and sin/cos of the
 * jittered δ by the addition theorem (fastTrig.ts, ~2 ulp); S̃ cached per source without
 * the jitter, and after it recomputed with the tabulated Bessel factor
 * (psf.ts raAveragedPsPdfFast, ≤ 5e-10 relative); events farther than their reach
 * (5σ) from the source in declination have S = S̃ = 0 and are skipped.
 * With the jitter and the rebuilt background (the paper's setting) a trial runs as WebAssembly passes
 * (psPassWasm.ts: RA and jitter draws continuing rng's stream, jitter, sin/cos δ, bins, KDE, 1/D̃, y and
 * moments; f64x2 two events at a time), bit-identical to the JS path below (`wasm: false`).
 */
import type { Rng } from '../../stats/random.js';
import type { TrialKernel } from '../kernel.js';
import { Dataset } from '../../likelihood/dataset.js';
import { evalSinDecDensity } from '../../likelihood/background.js';
import { scanDataFromDataset, setEvent, type ScanData } from '../../scan/data.js';
import { KENT_MIN_SIGMA, raAveragedPsPdf, besselI0eFast } from '../../likelihood/psf.js';
import { SeriesFit, type GammaFit } from './seriesFit.js';
import { fillCosSin, fillShiftedSinCos } from './fastTrig.js';
import { fastExp } from '../../likelihood/fastExp.js';
import { STildeTable } from './sTildeTable.js';
import { TrialBackground, fillInvD } from './trialBackground.js';
import { DEC_JITTER_WIDTH, DEC_POLE_EXCLUSION, jitterDecLanes, scrambleRa, scrambleRaLanes } from '../scramble.js';
import { LaneRng } from '../../stats/laneRng.js';
import { PsWasm } from './psPassWasm.js';
import { drawVmf, energyModel, loadEvents, simulateSignalReservoir, type EnergyModelConfig, type EventSourceConfig, type SignalReservoir } from './synthetic.js';
import { Rng as RngClass } from '../../stats/random.js';
import { e2At100TeVForPointSource } from '../../irf/expectation.js';
import type { Irf } from '../../irf/irf.js';
import { InputError } from '../../errors.js';

const DEG = Math.PI / 180;

export interface PointSourceConfig extends EventSourceConfig, EnergyModelConfig {
  /** source position, degrees */
  source?: { ra: number; dec: number };
  /** or a source list (degrees): one fit per source on each scramble */
  sources?: { ra: number; dec: number }[];
  /** injected spectrum E^-γ (default 2) */
  gammaInjected?: number;
  /** 3° Gaussian declination jitter of the scrambles (default true) */
  decJitter?: boolean;
  kSigma?: number;
  /**
   * 'vmf': vMF scatter around the source with a σ resampled from the data, energy from the energy model
   * (default with energy 'ideal'); 'sim': resample events simulated once by src/sim (IRF PSF, angErr model,
   * energy dispersion; default with energy 'irf')
   */
  injection?: 'vmf' | 'sim';
  /**
   * rebuild the background PDF (sin δ KDE, energy histogram) from each trial's events (csky update_bg;
   * default true): the injected events, and with the jitter the jittered data
   */
  updateBg?: boolean;
  /** reference mode: S̃ after the jitter by the exact functions (series Bessel, quadrature) instead of the tables (slow; for validation) */
  exactSTilde?: boolean;
  /** most signal events one trial may inject (default 2000) */
  maxInjected?: number;
  /**
   * WebAssembly passes for the jittered trial with the rebuilt background (psPassWasm.ts; bit-identical
   * to the JS path; default true, also off with NUSKY_PS_WASM=0 or where WebAssembly is unavailable)
   */
  wasm?: boolean;
}

export class PointSourceKernel implements TrialKernel {
  columns = ['ts', 'ns', 'gamma'];
  private srcRas = new Float64Array(1);
  private srcDecs = new Float64Array(1);
  private d!: ScanData;
  private ds!: Dataset;
  private fitter!: SeriesFit;
  private y = new Float64Array(0);
  private ca = new Float64Array(0);
  private sa = new Float64Array(0);
  private s0 = new Float64Array(0);
  private c0 = new Float64Array(0);
  /** S̃ of the data events per source (source-major) while their declinations are fixed (no jitter); null otherwise */
  private sTildeCache: Float64Array | null = null;
  /** data events with the Gaussian PDF (σ < 7°) */
  private gaussList = new Int32Array(0);
  /** with the jitter: per-source S̃ tables for the Gaussian-PDF events (σ < 7°), and ln σ per event */
  private gaussTables: STildeTable[] = [];
  private exactSTilde = false;
  private lnSigma = new Float64Array(0);
  private dec0!: Float64Array;
  private normBuf = new Float64Array(0);
  /** the JS path's lane generator of jittered scrambles (the WebAssembly path keeps its own in the module) */
  private readonly lanes = new LaneRng();
  private srcRa = 0;
  private srcDec = 0;
  private gammaInj = 2;
  private jitter = true;
  private readonly res: GammaFit = { ts: 0, ns: 0, gamma: 0 };
  private readonly dir = new Float64Array(2);
  private irf: Irf | null = null;
  private reservoir: SignalReservoir | null = null;
  private drawBin: (rng: Rng, sinDec: number) => number = () => 0;

  async setup(config: unknown): Promise<void> {
    const c = config as PointSourceConfig;
    const list = c?.sources ?? (c?.source ? [c.source] : []);
    if (list.length === 0) throw new InputError('ps kernel: config.source ({ra, dec} in degrees) or config.sources is required');
    for (const s of list) if (!Number.isFinite(s?.ra) || !(Math.abs(s?.dec) <= 90)) throw new InputError(`ps kernel: source must be {ra, dec} in degrees, found ${JSON.stringify(s)}`);
    this.srcRas = Float64Array.from(list, (s) => s.ra * DEG);
    this.srcDecs = Float64Array.from(list, (s) => s.dec * DEG);
    this.columns = c.sources ? list.flatMap((_, k) => [`ts_${k}`, `ns_${k}`, `gamma_${k}`]) : ['ts', 'ns', 'gamma'];
    this.ds = new Dataset(await loadEvents(c));
    const em = energyModel(this.ds, c.energy);
    this.irf = em.irf;
    this.d = scanDataFromDataset(this.ds, em.grid, { kSigma: c.kSigma, extra: c.maxInjected ?? 2000 });
    const cap = this.d.ra.length, n0 = this.d.nSorted;
    this.jitter = c.decJitter ?? true;
    this.updateBg = c.updateBg ?? true;
    this.exactSTilde = c.exactSTilde ?? false;
    this.bg = new TrialBackground(this.ds, this.d, Array.from(this.d.gammas, (g) => em.signalHist(g)));
    if (this.jitter && this.updateBg && !this.exactSTilde && c.wasm !== false && process.env.NUSKY_PS_WASM !== '0') this.attachWasm();
    const w = this.wasm;
    this.fitter = new SeriesFit(this.d.gammas, this.d.nBins, this.d.binRatio, this.d.binRatioMax, cap, w ? { m1: w.f64.m1, m2: w.f64.m2, m3: w.f64.m3, exIdx: w.i32.exIdx, exY: w.f64.exY, x: w.f64.fx, nsFit: (m, c1, c2, c3, N, ns0, o) => w.nsFit(m, c1, c2, c3, N, ns0, o), prepX: w.prepx } : undefined);
    this.y = w ? w.f64.y : new Float64Array(cap);
    this.ca = new Float64Array(cap);
    this.sa = new Float64Array(cap);
    this.gaussList = Int32Array.from({ length: n0 }, (_, i) => i).filter((i) => this.d.gaussian[i] === 1);
    if (!w) {
      this.dec0 = this.d.dec.slice(0, n0);
      this.s0 = this.d.sinDec.slice(0, n0);
      this.c0 = this.d.cosDec.slice(0, n0);
      this.normBuf = new Float64Array(this.d.nSorted);
    }
    this.srcRa = this.srcRas[0];
    this.srcDec = this.srcDecs[0];
    this.gammaInj = c.gammaInjected ?? 2;
    this.drawBin = em.binSampler(this.gammaInj);
    if ((c.injection ?? (em.irf ? 'sim' : 'vmf')) === 'sim') {
      if (!em.irf) throw new InputError("ps kernel: injection 'sim' needs energy 'irf'");
      const irf = em.irf;
      this.reservoir = simulateSignalReservoir(irf, new RngClass(4242), this.gammaInj, this.fluxPerEvent(), 20000, (spectrum) => ({ kind: 'ps', ra: this.srcRa, dec: this.srcDec, spectrum }));
    }
    // without the jitter the data events keep their declinations: S̃ per source once (up to 32 MB)
    const K = this.srcRas.length;
    if (!this.jitter && K * n0 <= 4e6) {
      const st = (this.sTildeCache = new Float64Array(K * n0));
      const d = this.d;
      for (let k = 0; k < K; k++) {
        const sd = Math.sin(this.srcDecs[k]), cd = Math.cos(this.srcDecs[k]);
        for (let i = 0; i < n0; i++) if (!(Math.abs(d.dec[i] - this.srcDecs[k]) > d.reach[i])) st[k * n0 + i] = raAveragedPsPdf(d.sinDec[i], d.cosDec[i], sd, cd, d.sigma[i]);
      }
    }
    if (this.jitter && !this.exactSTilde) this.buildGaussTables();
  }

  /** WebAssembly passes (psPassWasm.ts) and the data arrays they read and write moved into its memory. */
  private wasm: PsWasm | null = null;
  /** data events outside the polar caps (the bulk normals of one jitter) */
  private nFree = 0;
  /** whether trials run the WebAssembly passes */
  get usesWasm(): boolean {
    return this.wasm !== null;
  }

  private attachWasm(): void {
    const d = this.d, bg = this.bg, n0 = d.nSorted, dens = this.ds.bgDensity;
    const lim = Math.PI / 2 - DEC_POLE_EXCLUSION;
    let w: PsWasm, maxKappa = 0;
    for (let i = 0; i < n0; i++) {
      if (!Number.isFinite(d.pdfC[i]) || !Number.isFinite(d.dec[i])) maxKappa = Infinity;
      else if (d.pdfC[i] > maxKappa) maxKappa = d.pdfC[i];
    }
    try {
      w = new PsWasm({ cap: d.ra.length, n0, nBins: d.nBins, nE: bg.nE, edges: bg.edges, uniformEdges: bg.uniform, nGrid: dens.x.length, bandwidth: dens.bandwidth, lim, width: DEC_JITTER_WIDTH, maxKappa, nGam: d.gammas.length }, (x) => bg.row(x));
    } catch {
      return;
    }
    for (const k of ['ra', 'dec', 'sinDec', 'cosDec', 'reach', 'cosReach', 'invD', 'pdfA', 'pdfC', 'binRatioMax'] as const) {
      w.f64[k].set(d[k]);
      d[k] = w.f64[k];
    }
    w.i32.eBin.set(d.eBin);
    d.eBin = w.i32.eBin;
    // the energy S/B grid in the module (ratios() = bg.setRatios), with the signal histograms
    w.f64.br.set(d.binRatio);
    d.binRatio = w.f64.br;
    bg.sigHists.forEach((h, g) => w.f64.sigH.set(h, g * d.nBins));
    bg.sigNorm.forEach((h, g) => w.f64.sigN.set(h, g * d.nBins));
    w.i32.sigPos.set(bg.sigRowPos);
    this.dec0 = w.f64.dec0;
    this.dec0.set(d.dec.subarray(0, n0));
    this.s0 = w.f64.s0;
    this.s0.set(d.sinDec.subarray(0, n0));
    this.c0 = w.f64.c0;
    this.c0.set(d.cosDec.subarray(0, n0));
    this.normBuf = w.f64.norm;
    w.i32.col.set(bg.col);
    w.i32.cellRow.set(bg.cellRow);
    for (let i = 0; i < n0; i++) if (!(this.dec0[i] > lim || this.dec0[i] < -lim)) this.nFree++;
    this.wasm = w;
  }

  private updateBg = true;
  private bg!: TrialBackground;
  /** the previous trial changed the S/B grid or 1/D̃ away from the data's */
  private modified = false;

  /** S̃ tables over the σ range of the Gaussian-PDF events (data and reservoir), one per source (sTildeTable.ts: ≤ 1e-6 relative). */
  private buildGaussTables(): void {
    const d = this.d, n0 = d.nSorted;
    let lo = Infinity, hi = 0;
    const scan = (sig: ArrayLike<number>, n: number) => {
      for (let i = 0; i < n; i++) if (sig[i] < KENT_MIN_SIGMA) { lo = Math.min(lo, sig[i]); hi = Math.max(hi, sig[i]); }
    };
    scan(d.sigma, n0);
    if (this.reservoir) scan(this.reservoir.sigma, this.reservoir.sigma.length);
    this.lnSigma = new Float64Array(d.ra.length);
    for (let i = 0; i < n0; i++) this.lnSigma[i] = Math.log(d.sigma[i]);
    if (!(hi > 0)) return;
    this.gaussTables = Array.from(this.srcDecs, (dec) => new STildeTable(dec, lo, hi));
  }

  /** E²dN/dE at 100 TeV (TeV cm⁻² s⁻¹, per flavour) per injected event at source 0 (energy 'irf' only). */
  fluxPerEvent(): number {
    if (!this.irf) return NaN;
    return e2At100TeVForPointSource(this.irf, 1, this.gammaInj, Math.sin(this.srcDec));
  }

  /** 1/D̃ of event j from the data's background density (needs d.sinDec[j]) */
  private setInvD(j: number): void {
    this.d.invD[j] = (2 * Math.PI) / evalSinDecDensity(this.ds.bgDensity, this.d.sinDec[j]);
  }

  /** Scramble the data in place and append nInjected signal events. */
  prepareTrial(rng: Rng, nInjected: number): void {
    const d = this.d;
    const n0 = d.nSorted;
    if (n0 + nInjected > d.ra.length) throw new InputError(`ps kernel: ${nInjected} injected events exceed maxInjected (${d.ra.length - n0})`);
    const w = this.wasm;
    // jittered scrambles: RA and the first jitter normals from four xoshiro lanes seeded from rng (laneRng.ts;
    // SIMD in WebAssembly), redraws and injection from rng; RA-only scrambles: rng's own stream
    if (w) {
      // RA scramble, jitter, sin/cos δ, energy bins, KDE cell counts and energy histogram of the data events
      // (the redraws continue rng's stream, whose state goes back to rng)
      w.scrambleJitter(rng, n0, this.nFree);
    } else if (this.jitter) {
      this.lanes.seedFrom(rng);
      scrambleRaLanes(this.lanes, d.ra, n0);
    } else scrambleRa(rng, d.ra, n0);
    if (!w && this.jitter) {
      jitterDecLanes(rng, this.lanes, this.dec0, d.dec, n0, this.normBuf);
      fillShiftedSinCos(d.dec, this.dec0, this.s0, this.c0, 0, n0, d.sinDec, d.cosDec);
      // the energy PDF is read at the event's new sin δ; bins and 1/D̃ from the data's density unless rebuilt in run()
      if (!this.updateBg) {
        this.bg.setBins();
        fillInvD(this.ds.bgDensity, d.sinDec, d.invD, 0, n0);
      }
    }
    const res = this.reservoir;
    for (let k = 0; k < nInjected; k++) {
      const j = n0 + k;
      if (res) {
        const r = Math.floor(rng.uniform() * res.ra.length);
        d.ra[j] = res.ra[r];
        d.dec[j] = res.dec[r];
        d.sigma[j] = res.sigma[r];
        d.eBin[j] = res.bin[r];
        setEvent(d, j);
        this.setInvD(j);
        continue;
      }
      const sigma = d.sigma[Math.floor(rng.uniform() * n0)];
      drawVmf(rng, this.srcRa, this.srcDec, sigma, this.dir);
      d.ra[j] = this.dir[0];
      d.dec[j] = this.dir[1];
      d.sigma[j] = sigma;
      d.eBin[j] = this.drawBin(rng, Math.sin(this.dir[1]));
      setEvent(d, j);
      this.setInvD(j);
    }
    d.n = n0 + nInjected;
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    this.prepareTrial(rng, nInjected);
    const w = this.wasm;
    if (w) {
      // TrialBackground.rebuild with the data events' share done in jit()
      const d = this.d, N = d.n;
      w.addEvents(d.nSorted, N);
      w.ratios();
      w.kde(1 / (N * this.ds.bgDensity.bandwidth * Math.sqrt(2 * Math.PI)));
      w.invd(0, N);
      const gl = this.gaussList;
      for (let q = 0; q < gl.length; q++) fillCosSin(d.ra, gl[q], gl[q] + 1, this.ca, this.sa);
      fillCosSin(d.ra, d.nSorted, N, this.ca, this.sa);
      for (let k = 0; k < this.srcRas.length; k++) {
        this.fillY(k, N);
        this.fitter.fit(N, this.y, this.d.eBin, this.res);
        out[3 * k] = this.res.ts;
        out[3 * k + 1] = this.res.ns;
        out[3 * k + 2] = this.res.gamma;
      }
      return;
    }
    if (this.jitter && this.updateBg) {
      // jittered data: the background PDF from this trial's events (csky update_bg)
      this.bg.rebuild(this.d.n);
      this.modified = true;
    } else if (this.updateBg && nInjected > 0) {
      this.bg.mixInjected(nInjected);
      this.modified = true;
    } else if (this.modified) {
      this.bg.restore(this.d.n);
      this.modified = false;
    }
    const N = this.d.n;
    fillCosSin(this.d.ra, 0, N, this.ca, this.sa);
    for (let k = 0; k < this.srcRas.length; k++) {
      this.fillY(k, N);
      this.fitter.fit(N, this.y, this.d.eBin, this.res);
      out[3 * k] = this.res.ts;
      out[3 * k + 1] = this.res.ns;
      out[3 * k + 2] = this.res.gamma;
    }
  }

  /**
   * y_i = (S_i − S̃_i)/D̃_i for source k (0 beyond each event's reach in declination), fed to the
   * fitter. The hot loop takes the data events with the vMF PDF (σ ≥ 7°, pdfC = κ > 0) and no calls
   * but the inlined fastExp/besselI0eFast; the Gaussian-PDF data events (listed at setup) and the
   * injected events follow in a second loop (small, V8 optimises the hot one better without them).
   */
  private fillY(k: number, N: number): void {
    const d = this.d, n0 = d.nSorted, fit = this.fitter, y = this.y;
    const { dec, sinDec, cosDec, reach, cosReach, invD, pdfA, pdfC, eBin } = d;
    const ca = this.ca, sa = this.sa;
    const decS = this.srcDecs[k], sd = Math.sin(decS), cd = Math.cos(decS);
    const cas = Math.cos(this.srcRas[k]), sas = Math.sin(this.srcRas[k]);
    const cache = this.sTildeCache, off = k * n0, exact = this.exactSTilde;
    fit.begin();
    if (this.wasm) fit.setExactCount(this.wasm.ypass(n0, decS, sd, cd, cas, sas, fit.bigB));
    else for (let i = 0; i < n0; i++) {
      const C = pdfC[i];
      const dd = dec[i] - decS, r = reach[i];
      if (C < 0 || dd > r || dd < -r) {
        // Gaussian-PDF events: second loop
        y[i] = 0;
        continue;
      }
      const si = sinDec[i], cc = cosDec[i] * cd, ss = si * sd, A = pdfA[i];
      const st = cache !== null ? cache[off + i] : exact ? raAveragedPsPdf(si, cosDec[i], sd, cd, d.sigma[i]) : A * fastExp(C * (ss + cc - 1)) * besselI0eFast(C * cc);
      const inv = invD[i];
      const bt = st * inv;
      const cpsi = ss + cc * (ca[i] * cas + sa[i] * sas);
      const yi = cpsi >= cosReach[i] ? inv * A * fastExp(C * (cpsi - 1)) - bt : -bt;
      y[i] = yi;
      if (yi !== 0) fit.add(i, yi, eBin[i], bt);
    }
    const gl = this.gaussList;
    for (let q = 0; q < gl.length; q++) this.specialY(gl[q], k, sd, cd, cas, sas);
    for (let i = n0; i < N; i++) this.specialY(i, k, sd, cd, cas, sas);
  }

  /** fillY's body for a Gaussian-PDF data event or an injected event. */
  private specialY(i: number, k: number, sd: number, cd: number, cas: number, sas: number): void {
    const d = this.d, n0 = d.nSorted, y = this.y;
    const dd = d.dec[i] - this.srcDecs[k];
    if (dd > d.reach[i] || dd < -d.reach[i]) {
      y[i] = 0;
      return;
    }
    const si = d.sinDec[i], ci = d.cosDec[i], cc = ci * cd, gauss = d.gaussian[i] === 1, sig = d.sigma[i];
    const tab = this.gaussTables.length > 0 ? this.gaussTables[k] : null;
    let st: number;
    if (this.sTildeCache !== null && i < n0) st = this.sTildeCache[k * n0 + i];
    else if (gauss) st = tab !== null && i < n0 ? tab.at(d.dec[i], si, ci, sig, this.lnSigma[i]) : raAveragedPsPdf(si, ci, sd, cd, sig);
    else if (this.exactSTilde) st = raAveragedPsPdf(si, ci, sd, cd, sig);
    else {
      const kappa = d.pdfC[i];
      st = d.pdfA[i] * fastExp(kappa * (si * sd + cc - 1)) * besselI0eFast(kappa * cc);
    }
    const inv = d.invD[i];
    const bt = st * inv;
    const cpsi = si * sd + cc * (this.ca[i] * cas + this.sa[i] * sas);
    let yi = -bt;
    if (cpsi >= d.cosReach[i]) {
      if (!gauss) yi += inv * d.pdfA[i] * fastExp(d.pdfC[i] * (cpsi - 1));
      else {
        const psi = Math.acos(cpsi > 1 ? 1 : cpsi);
        yi += inv * d.pdfA[i] * fastExp(d.pdfC[i] * psi * psi);
      }
    }
    y[i] = yi;
    if (yi !== 0) this.fitter.add(i, yi, d.eBin[i], bt);
  }

}

export function createKernel(): TrialKernel {
  return new PointSourceKernel();
}
