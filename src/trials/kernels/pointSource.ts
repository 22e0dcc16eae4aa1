/**
 * Point-source trial kernel ('ps'): background by RA scrambling plus the paper's
 * 3° declination jitter (physics.md §2.2), signal by injecting events around the
 * source (vMF scatter with a σ resampled from the data, E^-γ energies), fit of
 * (n_s, γ) with the scan's PointFitter. Columns: ts, ns, gamma; with a source
 * list (`sources`), ts_k, ns_k, gamma_k per source, all fitted on the same
 * scramble (correlated source-list trials; the signal is injected at source 0).
 * Per trial only RA/dec-dependent terms are recomputed; nothing is allocated.
 */
import type { Rng } from '../../stats/random.js';
import type { TrialKernel } from '../kernel.js';
import { Dataset } from '../../likelihood/dataset.js';
import { evalSinDecDensity, type SinDecDensity } from '../../likelihood/background.js';
import { CachedSinDecKde } from './kdeCache.js';
import { energyRatio } from '../../likelihood/energyPdf.js';
import { scanDataFromDataset, setDirection, setEvent, setRa, type ScanData } from '../../scan/data.js';
import { PointFitter, type PointFitResult } from '../../scan/pointFit.js';
import { jitterDecBulk, scrambleRa } from '../scramble.js';
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
  /** rebuild the background PDF (sin δ KDE, energy histogram) with each trial's injected events (csky update_bg; default true) */
  updateBg?: boolean;
  /** most signal events one trial may inject (default 2000) */
  maxInjected?: number;
}

export class PointSourceKernel implements TrialKernel {
  columns = ['ts', 'ns', 'gamma'];
  private srcRas = new Float64Array(1);
  private srcDecs = new Float64Array(1);
  private d!: ScanData;
  private ds!: Dataset;
  private fitter!: PointFitter;
  private dec0!: Float64Array;
  private normBuf = new Float64Array(0);
  private srcRa = 0;
  private srcDec = 0;
  private gammaInj = 2;
  private jitter = true;
  private readonly res: PointFitResult = { ts: 0, ns: 0, gamma: 0 };
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
    this.fitter = new PointFitter(this.d);
    this.dec0 = this.d.dec.slice(0, this.d.nSorted);
    this.normBuf = new Float64Array(this.d.nSorted);
    this.srcRa = this.srcRas[0];
    this.srcDec = this.srcDecs[0];
    this.gammaInj = c.gammaInjected ?? 2;
    this.drawBin = em.binSampler(this.gammaInj);
    if ((c.injection ?? (em.irf ? 'sim' : 'vmf')) === 'sim') {
      if (!em.irf) throw new InputError("ps kernel: injection 'sim' needs energy 'irf'");
      const irf = em.irf;
      this.reservoir = simulateSignalReservoir(irf, new RngClass(4242), this.gammaInj, this.fluxPerEvent(), 20000, (spectrum) => ({ kind: 'ps', ra: this.srcRa, dec: this.srcDec, spectrum }));
    }
    this.jitter = c.decJitter ?? true;
    this.fitter.sortedByDec = !this.jitter;
    this.updateBg = c.updateBg ?? true;
    this.sigHists = Array.from(this.d.gammas, (g) => em.signalHist(g));
    this.binRatio0 = this.d.binRatio.slice();
    this.binRatioMax0 = this.d.binRatioMax.slice();
    this.hist = new Float64Array(this.ds.bgEnergyHist.length);
    this.injSin = new Float64Array(this.d.ra.length - this.d.nSorted);
  }

  private updateBg = true;
  private sigHists: Float64Array[] = [];
  private binRatio0 = new Float64Array(0);
  private binRatioMax0 = new Float64Array(0);
  private hist = new Float64Array(0);
  private injSin = new Float64Array(0);
  private dens: SinDecDensity | null = null;
  private kde: CachedSinDecKde | undefined;
  private pGrid = new Float64Array(0);
  private modified = false;
  /** the previous trial changed the background PDF, so the cached ring part is stale */
  private modifiedLast = false;

  /**
   * Background PDF of this trial's events, injected ones included: the sin δ KDE is linear in
   * the events (p = (n_d p_d + n_i p_i)/(n_d + n_i)) and the energy histogram gains the
   * injected bins; the S/B grid and every event's 1/D̃ are recomputed.
   */
  private rebuildBackground(nInjected: number): void {
    const d = this.d, ds = this.ds;
    const n0 = d.nSorted, N = n0 + nInjected;
    this.hist.set(ds.bgEnergyHist);
    for (let k = 0; k < nInjected; k++) {
      this.hist[d.eBin[n0 + k]] += 1;
      this.injSin[k] = Math.sin(d.dec[n0 + k]);
    }
    const nB = d.nBins;
    d.binRatioMax.fill(0);
    for (let g = 0; g < d.gammas.length; g++) {
      const r = energyRatio(ds.binning, this.sigHists[g], this.hist);
      d.binRatio.set(r, g * nB);
      for (let b = 0; b < nB; b++) if (r[b] > d.binRatioMax[b]) d.binRatioMax[b] = r[b];
    }
    this.kde ??= new CachedSinDecKde(ds.bgDensity.bandwidth, ds.bgDensity.x.length);
    const kInj = this.kde.density(this.injSin, nInjected);
    const p = this.pGrid.length === kInj.p.length ? this.pGrid : (this.pGrid = new Float64Array(kInj.p.length));
    for (let i = 0; i < p.length; i++) p[i] = (n0 * ds.bgDensity.p[i] + nInjected * kInj.p[i]) / N;
    this.dens = { x: kInj.x, p, bandwidth: kInj.bandwidth };
    for (let j = 0; j < N; j++) d.invD[j] = (2 * Math.PI) / evalSinDecDensity(this.dens, Math.sin(d.dec[j]));
    this.dens = null;
    this.modified = true;
  }

  private restoreBackground(): void {
    const d = this.d;
    d.binRatio.set(this.binRatio0);
    d.binRatioMax.set(this.binRatioMax0);
    for (let j = 0; j < d.n; j++) this.setInvD(j);
    this.modified = false;
  }

  /** E²dN/dE at 100 TeV (TeV cm⁻² s⁻¹, per flavour) per injected event at source 0 (energy 'irf' only). */
  fluxPerEvent(): number {
    if (!this.irf) return NaN;
    return e2At100TeVForPointSource(this.irf, 1, this.gammaInj, Math.sin(this.srcDec));
  }

  private setInvD(j: number): void {
    this.d.invD[j] = (2 * Math.PI) / evalSinDecDensity(this.ds.bgDensity, Math.sin(this.d.dec[j]));
  }

  /** Scramble the data in place and append nInjected signal events. */
  prepareTrial(rng: Rng, nInjected: number): void {
    const d = this.d;
    const n0 = d.nSorted;
    if (n0 + nInjected > d.ra.length) throw new InputError(`ps kernel: ${nInjected} injected events exceed maxInjected (${d.ra.length - n0})`);
    scrambleRa(rng, d.ra, n0);
    if (this.jitter) {
      jitterDecBulk(rng, this.dec0, d.dec, n0, this.normBuf);
      // setDirection stores sin δ: reuse it for 1/D̃ (one Math.sin per event instead of two; same value)
      const dens = this.ds.bgDensity, sinDec = d.sinDec, invD = d.invD;
      for (let j = 0; j < n0; j++) {
        setDirection(d, j);
        invD[j] = (2 * Math.PI) / evalSinDecDensity(dens, sinDec[j]);
      }
    } else for (let j = 0; j < n0; j++) setRa(d, j);
    const res = this.reservoir;
    for (let k = 0; k < nInjected; k++) {
      const j = n0 + k;
      if (res) {
        const r = Math.floor(rng.uniform() * res.ra.length);
        d.ra[j] = res.ra[r];
        d.dec[j] = res.dec[r];
        d.sigma[j] = res.sigma[r];
        d.eBin[j] = res.bin[r];
        this.setInvD(j);
        setEvent(d, j);
        continue;
      }
      const sigma = d.sigma[Math.floor(rng.uniform() * n0)];
      drawVmf(rng, this.srcRa, this.srcDec, sigma, this.dir);
      d.ra[j] = this.dir[0];
      d.dec[j] = this.dir[1];
      d.sigma[j] = sigma;
      d.eBin[j] = this.drawBin(rng, Math.sin(this.dir[1]));
      this.setInvD(j);
      setEvent(d, j);
    }
    d.n = n0 + nInjected;
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    this.prepareTrial(rng, nInjected);
    const rebuild = this.updateBg && nInjected > 0;
    if (rebuild) this.rebuildBackground(nInjected);
    else if (this.modified) this.restoreBackground();
    for (let k = 0; k < this.srcRas.length; k++) {
      // S̃ depends on declinations only: without the jitter the scrambled events keep theirs
      // (the cache holds one declination, so a list recomputes it per source)
      this.fitter.setDeclination(this.srcDecs[k], true, !this.jitter && !rebuild && !this.modifiedLast && this.srcDecs.length === 1);
      this.fitter.fitAt(this.srcRas[k], this.srcDecs[k], this.res);
      out[3 * k] = this.res.ts;
      out[3 * k + 1] = this.res.ns;
      out[3 * k + 2] = this.res.gamma;
    }
    this.modifiedLast = rebuild;
  }
}

export function createKernel(): TrialKernel {
  return new PointSourceKernel();
}
