/**
 * Stacking trial kernel with injection ('stack'): S_i = Σ_k W_k S_ik with
 * W_k ∝ w_k·acceptance_k(γ_inj) (equal flux weights w_k by default; acceptance
 * from the IRF with energy 'irf'), signal-subtracted likelihood, (n_s, γ) fitted
 * on the γ grid with a parabolic refinement. Exact sums over all events (no
 * series), RA scrambles (declination jitter off by default: S̃_ik is then cached),
 * background PDF rebuilt per signal trial (update_bg). Injection: events
 * simulated by src/sim per source ('sim', default with energy 'irf'), source k
 * chosen with probability W_k. Columns: ts, ns, gamma.
 * Simplification: W_k is fixed at γ_inj for every fitted γ (csky re-weights by
 * acceptance at each γ); cascades' acceptance varies slowly with declination.
 */
import type { Rng } from '../../stats/random.js';
import { Rng as RngClass } from '../../stats/random.js';
import type { TrialKernel } from '../kernel.js';
import { Dataset } from '../../likelihood/dataset.js';
import { evalSinDecDensity, sinDecKde } from '../../likelihood/background.js';
import { energyRatio } from '../../likelihood/energyPdf.js';
import { raAveragedPsPdf } from '../../likelihood/psf.js';
import { scanDataFromDataset, setEvent, setRa, type ScanData } from '../../scan/data.js';
import { e2At100TeVForPointSource } from '../../irf/expectation.js';
import { fitNs, type NsFit } from '../nsFit.js';
import { energyModel, loadEvents, simulateSignalReservoir, type EnergyModelConfig, type EventSourceConfig, type SignalReservoir } from './synthetic.js';
import { InputError } from '../../errors.js';

const DEG = Math.PI / 180;

export interface StackConfig extends EventSourceConfig, EnergyModelConfig {
  sources: { ra: number; dec: number; weight?: number }[];
  gammaInjected?: number;
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
  private srcUx = new Float64Array(0);
  private srcUy = new Float64Array(0);
  private srcUz = new Float64Array(0);
  private srcSin = new Float64Array(0);
  private srcCos = new Float64Array(0);
  /** Σ_k W_k S̃_ik (sr⁻¹) per event */
  private st = new Float64Array(0);
  private y = new Float64Array(0);
  private a = new Float64Array(0);
  private reservoirs: SignalReservoir[] = [];
  private fpeTotal = NaN;
  private updateBg = true;
  private sigHists: Float64Array[] = [];
  private binRatio0 = new Float64Array(0);
  private hist = new Float64Array(0);
  private injSin = new Float64Array(0);
  private readonly fit: NsFit = { ns: 0, ts: 0 };
  private readonly tsG: number[] = [];
  private readonly nsG: number[] = [];
  private rOf = new Float64Array(0);

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
    this.srcUx = Float64Array.from(c.sources, (s, k) => this.srcCos[k] * Math.cos(s.ra * DEG));
    this.srcUy = Float64Array.from(c.sources, (s, k) => this.srcCos[k] * Math.sin(s.ra * DEG));
    this.srcUz = Float64Array.from(this.srcSin);
    const cap = this.d.ra.length;
    this.st = new Float64Array(cap);
    this.y = new Float64Array(cap);
    this.a = new Float64Array(cap);
    for (let i = 0; i < this.d.nSorted; i++) this.st[i] = this.stildeOf(i);
    if ((c.injection ?? (em.irf ? 'sim' : 'vmf')) !== 'sim' || !em.irf) throw new InputError("stack kernel: injection needs energy 'irf' (events simulated by src/sim)");
    const irf = em.irf;
    const rng = new RngClass(5151);
    this.reservoirs = c.sources.map((s) => simulateSignalReservoir(irf, rng, gamma, e2At100TeVForPointSource(irf, 1, gamma, Math.sin(s.dec * DEG)), c.reservoir ?? 3000, (spectrum) => ({ kind: 'ps', ra: s.ra * DEG, dec: s.dec * DEG, spectrum })));
    this.updateBg = c.updateBg ?? true;
    this.sigHists = Array.from(this.d.gammas, (g) => em.signalHist(g));
    this.binRatio0 = this.d.binRatio.slice();
    this.hist = new Float64Array(this.ds.bgEnergyHist.length);
    this.injSin = new Float64Array(cap);
    this.rOf = new Float64Array(this.d.nBins);
  }

  fluxPerEvent(): number {
    return this.fpeTotal;
  }

  private stildeOf(i: number): number {
    const d = this.d;
    let s = 0;
    for (let k = 0; k < this.W.length; k++) {
      if (Math.abs(d.dec[i] - Math.asin(this.srcSin[k])) > d.reach[i]) continue;
      s += this.W[k] * raAveragedPsPdf(d.sinDec[i], d.cosDec[i], this.srcSin[k], this.srcCos[k], d.sigma[i]);
    }
    return s;
  }

  private setInvD(j: number, dens = this.ds.bgDensity): void {
    this.d.invD[j] = (2 * Math.PI) / evalSinDecDensity(dens, this.d.sinDec[j]);
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    const d = this.d, n0 = d.nSorted;
    if (n0 + nInjected > d.ra.length) throw new InputError(`stack kernel: ${nInjected} injected events exceed maxInjected (${d.ra.length - n0})`);
    for (let j = 0; j < n0; j++) {
      d.ra[j] = 2 * Math.PI * rng.uniform();
      setRa(d, j);
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
      this.st[j] = this.stildeOf(j);
    }
    const N = n0 + nInjected;
    d.n = N;
    // background PDF of this trial
    if (this.updateBg && nInjected > 0) {
      this.hist.set(this.ds.bgEnergyHist);
      for (let m = 0; m < nInjected; m++) {
        this.hist[d.eBin[n0 + m]] += 1;
        this.injSin[m] = d.sinDec[n0 + m];
      }
      const nB = d.nBins;
      for (let g = 0; g < d.gammas.length; g++) d.binRatio.set(energyRatio(this.ds.binning, this.sigHists[g], this.hist), g * nB);
      const kInj = sinDecKde(this.injSin.subarray(0, nInjected), this.ds.bgDensity.bandwidth, this.ds.bgDensity.x.length);
      const p = new Float64Array(kInj.p.length);
      for (let i = 0; i < p.length; i++) p[i] = (n0 * this.ds.bgDensity.p[i] + nInjected * kInj.p[i]) / N;
      const dens = { x: kInj.x, p, bandwidth: kInj.bandwidth };
      for (let j = 0; j < N; j++) this.setInvD(j, dens);
    } else {
      d.binRatio.set(this.binRatio0);
      for (let j = 0; j < N; j++) this.setInvD(j);
    }
    // y_i = (Σ_k W_k S_ik − S̃_i)/D̃_i
    const y = this.y;
    for (let i = 0; i < N; i++) y[i] = -this.st[i];
    for (let k = 0; k < K; k++) {
      const px = this.srcUx[k], py = this.srcUy[k], pz = this.srcUz[k], wk = this.W[k];
      for (let i = 0; i < N; i++) {
        const c = d.ux[i] * px + d.uy[i] * py + d.uz[i] * pz;
        if (c < d.cosReach[i]) continue;
        let s: number;
        if (d.gaussian[i] === 0) s = d.pdfA[i] * Math.exp(d.pdfC[i] * (c - 1));
        else {
          const psi = Math.acos(c > 1 ? 1 : c);
          s = d.pdfA[i] * Math.exp(d.pdfC[i] * psi * psi);
        }
        y[i] += wk * s;
      }
    }
    for (let i = 0; i < N; i++) y[i] *= d.invD[i];
    // γ grid, then a parabola through the best point and its neighbours
    const G = d.gammas, nG = G.length, nB = d.nBins;
    let best = 0;
    for (let g = 0; g < nG; g++) {
      this.fitAt(g, 0, N, nB);
      this.tsG[g] = this.fit.ts;
      this.nsG[g] = this.fit.ns;
      if (this.tsG[g] > this.tsG[best]) best = g;
    }
    out[0] = this.tsG[best];
    out[1] = this.nsG[best];
    out[2] = G[best];
    if (out[0] > 0 && nG >= 3) {
      const b = Math.min(Math.max(best, 1), nG - 2);
      const y0 = this.tsG[b - 1], y1 = this.tsG[b], y2 = this.tsG[b + 1];
      const den = y0 - 2 * y1 + y2;
      const t = den < 0 ? (0.5 * (y0 - y2)) / den : NaN;
      if (Math.abs(t) <= 1) {
        const pos = b + t, g = Math.min(Math.floor(pos), nG - 2), f = pos - g;
        this.fitAt(g, f, N, nB);
        if (this.fit.ts > out[0]) {
          out[0] = this.fit.ts;
          out[1] = this.fit.ns;
          out[2] = G[g] + f * (G[g + 1] - G[g]);
        }
      }
    }
  }

  private fitAt(g: number, f: number, N: number, nB: number): void {
    const d = this.d, r = this.rOf;
    const g1 = f > 0 ? g + 1 : g;
    for (let b = 0; b < nB; b++) r[b] = (1 - f) * d.binRatio[g * nB + b] + f * d.binRatio[g1 * nB + b];
    for (let i = 0; i < N; i++) this.a[i] = (this.y[i] * r[d.eBin[i]]) / N;
    fitNs(this.a, N, N, this.fit);
  }
}

export function createKernel(): TrialKernel {
  return new StackKernel();
}
