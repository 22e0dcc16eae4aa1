/**
 * Galactic-template trial kernel ('template'): background by RA scrambling only
 * (csky 'randomize': ['ra'], physics.md §2.2) through the likelihood package's
 * TemplateSearch (which re-evaluates only S after a scramble; RAs from four xoshiro128** lanes seeded
 * per trial from its Rng, templateRaLanes.ts); signal by adding
 * events drawn from a reservoir simulated once at setup: direction ∝ template ×
 * acceptance, vMF scatter with a σ resampled from the data, E^-γ energies
 * (ideal energy resolution). Injected events keep their (S − S̃)/D̃·R ratio,
 * so a trial costs one scramble + one n_s fit over N + n_inj events.
 * Columns: ts, ns (one template) or ts_k, ns_k per template (correlated trials,
 * all templates on the same scramble).
 */
import type { Rng } from '../../stats/random.js';
import type { TrialKernel } from '../kernel.js';
import { Rng as RngClass } from '../../stats/random.js';
import { Dataset } from '../../likelihood/dataset.js';
import { evalSinDecDensity } from '../../likelihood/background.js';
import { CachedSinDecKde } from './kdeCache.js';
import { energyRatio } from '../../likelihood/energyPdf.js';
import { buildTemplateSpatial, defaultSigmaGrid, TemplateEventPdf, type Smoother, type TemplateSpatial } from '../../likelihood/templatePdf.js';
import { TemplateSearch } from '../../likelihood/templateSearch.js';
import { densityCells } from '../../likelihood/templateLookup.js';
import { directSmoothing } from '../../likelihood/directSmoothing.js';
import { pixelPhi, pixelZ } from '../../likelihood/ringLookup.js';
import { loadTemplate } from '../../templates/builtin.js';
import { spatialPdf } from '../../templates/template.js';
import type { SkyMap } from '../../sky/types.js';
import { newNsFit, type NsFit } from '../../likelihood/fitNs.js';
import { fitNsSeries, powerSums, powerSumsAdd } from '../../likelihood/fitNsSeries.js';
import { drawVmf, energyModel, loadEvents, simulateSignalReservoir, type EnergyModelConfig, type EventSourceConfig } from './synthetic.js';
import { e2At100TeVForTemplate, pointSourceAcceptance } from '../../irf/expectation.js';
import type { Irf } from '../../irf/irf.js';
import { InputError } from '../../errors.js';
import { TemplateRaLanes } from './templateRaLanes.js';

export interface TemplateConfig extends EventSourceConfig, EnergyModelConfig {
  /** template names or files (loadTemplate: 'pi0', 'kra5', 'kra50', a path) or 'galactic-band' (|b| Gaussian, 5°) */
  templates: string[];
  /** HEALPix nside the templates are resampled to (default 32) */
  nside?: number;
  /** 'harmonic' (spherical harmonics, any nside) or 'direct' (O(npix²), nside ≤ 32); default harmonic when available */
  smoother?: 'harmonic' | 'direct';
  /** spectral index of the injected and fitted spectrum (default 2.7, the π0 fit, physics.md §2.4) */
  gamma?: number;
  /** signal events simulated once per template (default 20000) */
  reservoir?: number;
  /** most events one trial may inject (default 5000) */
  maxInjected?: number;
  seed?: number;
  /** 'vmf' (template × acceptance, vMF scatter with a data σ; default with energy 'ideal') or 'sim' (events simulated by src/sim; default with energy 'irf') */
  injection?: 'vmf' | 'sim';
  /**
   * Rebuild the background PDF D̃ (sin δ KDE and energy histogram) from each trial's events,
   * injected signal included (csky 'update_bg': True, physics.md §2.2). Default true.
   */
  updateBg?: boolean;
  /**
   * Generator of the RA scramble: 'lanes' (default since 2026-11-27: four xoshiro128** lanes seeded per
   * trial from the trial's Rng, templateRaLanes.ts, SIMD in WebAssembly) or 'rng' (the trial's Rng stream
   * itself, as before; for validation). Both draw 32-bit RAs on the grid of RA_STEP.
   */
  raDraws?: 'lanes' | 'rng';
}

function galacticBand(nside: number, widthDeg = 5): SkyMap {
  const z = pixelZ(nside), phi = pixelPhi(nside);
  // Galactic latitude of each equatorial pixel: sin b = n_gp · r (J2000 north Galactic pole α 192.85948°, δ 27.12825°)
  const ap = (192.85948 * Math.PI) / 180, dp = (27.12825 * Math.PI) / 180;
  const nx = Math.cos(dp) * Math.cos(ap), ny = Math.cos(dp) * Math.sin(ap), nz = Math.sin(dp);
  const w = (widthDeg * Math.PI) / 180;
  const data = new Float64Array(z.length);
  for (let p = 0; p < z.length; p++) {
    const r = Math.sqrt(1 - z[p] * z[p]);
    const b = Math.asin(nx * r * Math.cos(phi[p]) + ny * r * Math.sin(phi[p]) + nz * z[p]);
    data[p] = Math.exp((-0.5 * b * b) / (w * w));
  }
  return { nside, ordering: 'RING', frame: 'equatorial', data, name: 'galactic-band' };
}

/** |x| above which an event enters the n_s fit exactly rather than through power sums (as TemplateSearch) */
const SERIES_XB = 3;

interface Reservoir {
  /** (S − S̃)/D̃·R of each simulated signal event with the data's D̃ */
  x: Float64Array;
  /** S − S̃ (sr⁻¹), for trials that rebuild D̃ */
  sMinusSt: Float64Array;
}

export class TemplateKernel implements TrialKernel {
  columns: string[] = ['ts', 'ns'];
  private searches: TemplateSearch[] = [];
  private reservoirs: Reservoir[] = [];
  private buf = new Float64Array(0);
  private n = 0;
  private readonly fit: NsFit = newNsFit();
  private irf: Irf | null = null;
  private gamma = 2.7;
  private updateBg = true;
  private ds!: Dataset;
  private events: ReservoirEvents | null = null;
  private sigHist: Float64Array = new Float64Array(0);
  private hist = new Float64Array(0);
  private invD = new Float64Array(0);
  private maps: SkyMap[] = [];

  /** All-sky E²dN/dE at 100 TeV (TeV cm⁻² s⁻¹, per flavour) per injected event of template 0 (energy 'irf' only). */
  fluxPerEvent(): number {
    if (!this.irf) return NaN;
    return e2At100TeVForTemplate(this.irf, 1, this.maps[0], this.gamma);
  }

  async setup(config: unknown): Promise<void> {
    const c = config as TemplateConfig;
    if (!Array.isArray(c?.templates) || c.templates.length === 0) throw new InputError('template kernel: config.templates must be a non-empty list of template names/files');
    const ds = new Dataset(await loadEvents(c));
    this.n = ds.n;
    const gamma = c.gamma ?? 2.7;
    const perBin = new Float64Array(ds.bgEnergyHist.length);
    const em = energyModel(ds, c.energy, [gamma - 0.5, gamma, gamma + 0.5]);
    em.grid.ratioInto(gamma, perBin);
    this.irf = em.irf;
    this.gamma = gamma;
    const drawBin = em.binSampler(gamma);
    const irf = em.irf;
    // detector acceptance per sin δ for the template spectrum (1 without an IRF)
    const acceptance = irf ? (z: number) => pointSourceAcceptance(irf, (e) => Math.pow(e / 1e5, -gamma), z) : () => 1;
    const nside = c.nside ?? 32;
    const smoother = await pickSmoother(c.smoother, nside);
    const sigmas = defaultSigmaGrid(ds.maxSigma());
    const rng = new RngClass(c.seed ?? 777);
    let events: ReservoirEvents | null = null;
    for (const name of c.templates) {
      const map = name === 'galactic-band' ? galacticBand(nside) : spatialPdf(loadTemplate(name), { nside, frame: 'equatorial' });
      const spatial = buildTemplateSpatial(map, acceptance, sigmas, smoother);
      this.searches.push(new TemplateSearch(ds, spatial, perBin, name));
      this.maps.push(map);
      // the signal is template 0's; every template evaluates the same injected events
      if (!events && (c.injection ?? (irf ? 'sim' : 'vmf')) === 'sim') {
        if (!irf) throw new InputError("template kernel: injection 'sim' needs energy 'irf'");
        const fpe = e2At100TeVForTemplate(irf, 1, map, gamma);
        events = simulateSignalReservoir(irf, rng, gamma, fpe, c.reservoir ?? 20000, (spectrum) => ({ kind: 'template', pdf: map, spectrum }));
      }
      events ??= drawReservoir(rng, ds, spatial, drawBin, c.reservoir ?? 20000);
      this.reservoirs.push(evalReservoir(events, ds, spatial, perBin));
    }
    this.columns = c.templates.length === 1 ? ['ts', 'ns'] : c.templates.flatMap((_, k) => [`ts_${k}`, `ns_${k}`]);
    this.updateBg = c.updateBg ?? true;
    if ((c.raDraws ?? 'lanes') !== 'lanes' && c.raDraws !== 'rng') throw new InputError(`template kernel: config.raDraws must be 'lanes' or 'rng', found ${JSON.stringify(c.raDraws)}`);
    this.raLanes = (c.raDraws ?? 'lanes') === 'lanes' ? new TemplateRaLanes(this.searches[0].lookup) : null;
    this.ds = ds;
    this.events = events;
    this.sigHist = em.signalHist(gamma);
    this.hist = new Float64Array(ds.bgEnergyHist.length);
    // background-KDE grid cell and weight of each data event (evalSinDecDensity's interpolation)
    ({ cellK: this.cellK, cellF: this.cellF } = densityCells(ds.bgDensity.x.length, ds.sinDec));
    this.invD = new Float64Array(this.n + (c.maxInjected ?? 5000));
    this.buf = new Float64Array(this.n + (c.maxInjected ?? 5000));
  }

  run(rng: Rng, nInjected: number, out: Float64Array): void {
    if (this.n + nInjected > this.buf.length) throw new InputError(`template kernel: ${nInjected} injected events exceed maxInjected (${this.buf.length - this.n})`);
    // one RA scramble shared by all templates (correlated trials)
    const s0 = this.searches[0];
    if (this.raLanes) {
      this.raLanes.scramble(rng, s0.ra, this.n);
      s0.updateS();
    } else s0.scrambleRa(rng);
    for (let k = 1; k < this.searches.length; k++) this.searches[k].updateSFrom(s0);
    // injected events: indices into the first template's reservoir (the signal hypothesis is template 0)
    const res0 = this.reservoirs[0].x.length;
    const picks = this.picks(nInjected);
    for (let j = 0; j < nInjected; j++) picks[j] = Math.floor(rng.uniform() * res0);
    const N = this.n + nInjected;
    if (this.updateBg && nInjected > 0) {
      this.runUpdatedBg(picks, nInjected, out);
      return;
    }
    for (let k = 0; k < this.searches.length; k++) {
      // x_i = (S − S̃)/D̃·R. Background: the search's own fit (power sums of x from the scramble,
      // fitNsSeries); with injected events fitNs over data + injected x
      if (nInjected === 0) this.searches[k].fit(this.fit);
      else {
        const b = this.buf;
        b.set(this.searches[k].x);
        const rx = this.reservoirs[k].x;
        for (let j = 0; j < nInjected; j++) b[this.n + j] = rx[picks[j]];
        this.seriesFit(b, N);
      }
      out[2 * k] = this.fit.ts;
      out[2 * k + 1] = this.fit.ns;
    }
  }

  /**
   * The background PDF of this trial's events (data + injected): the sin δ KDE is linear in
   * the events, p = (n_d p_d + n_i p_i)/(n_d + n_i), and the energy histogram gains the
   * injected events' bins. Then x_i = (S_i − S̃_i)/D̃_i · R_{b(i)} for all events.
   */
  private runUpdatedBg(picks: Int32Array, nInjected: number, out: Float64Array): void {
    const ds = this.ds;
    const ev = this.events!;
    const nd = this.n, N = nd + nInjected;
    const injSin = this.injSin.length >= nInjected ? this.injSin : (this.injSin = new Float64Array(2 * nInjected));
    this.hist.set(ds.bgEnergyHist);
    for (let j = 0; j < nInjected; j++) {
      const r = picks[j];
      injSin[j] = Math.sin(ev.dec[r]);
      this.hist[ev.bin[r]] += 1;
    }
    this.kde ??= new CachedSinDecKde(ds.bgDensity.bandwidth, ds.bgDensity.x.length);
    const kInj = this.kde.density(injSin, nInjected);
    const p = this.pGrid.length === kInj.p.length ? this.pGrid : (this.pGrid = new Float64Array(kInj.p.length));
    for (let g = 0; g < p.length; g++) p[g] = (nd * ds.bgDensity.p[g] + nInjected * kInj.p[g]) / N;
    const dens = { x: kInj.x, p, bandwidth: kInj.bandwidth };
    const R = energyRatio(ds.binning, this.sigHist, this.hist);
    const invD = this.invD;
    for (let j = 0; j < nInjected; j++) invD[nd + j] = (2 * Math.PI) / evalSinDecDensity(dens, injSin[j]);
    const b = this.buf;
    let dataInvD = false;
    for (let k = 0; k < this.searches.length; k++) {
      const srch = this.searches[k];
      const sm = this.reservoirs[k].sMinusSt;
      for (let j = 0; j < nInjected; j++) b[nd + j] = sm[picks[j]] * invD[nd + j] * R[ev.bin[picks[j]]];
      // data events: the WebAssembly kernel (x, power sums) where available, else here
      const u = srch.xWithBackground(p, R);
      if (u) {
        b.set(u.x);
        this.sums.set(u.sums);
        if (this.exact.length < N) this.exact = new Float64Array(N);
        this.exact.set(u.exact.subarray(0, u.nExact));
        const ne = u.nExact + powerSumsAdd(b, nd, N, SERIES_XB, this.sums, this.exact, u.nExact);
        fitNsSeries(this.sums, this.exact, ne, SERIES_XB, b, N, N, this.fit);
      } else {
        if (!dataInvD) {
          // evalSinDecDensity(dens, sin δ_i) with each data event's grid cell and weight from setup
          const cellK = this.cellK, cellF = this.cellF;
          for (let i = 0; i < nd; i++) {
            const c = cellK[i], f = cellF[i];
            invD[i] = (2 * Math.PI) / (p[c] * (1 - f) + p[c + 1] * f);
          }
          dataInvD = true;
        }
        const s = srch.s, st = srch.sTilde, bin = ds.energyBin;
        for (let i = 0; i < nd; i++) b[i] = (s[i] - st[i]) * invD[i] * R[bin[i]];
        this.seriesFit(b, N);
      }
      out[2 * k] = this.fit.ts;
      out[2 * k + 1] = this.fit.ns;
    }
  }

  /** n_s fit over b[0..N) through power sums (fitNsSeries: fitNs within a proven 1e-10, else fitNs) */
  private seriesFit(b: Float64Array, N: number): void {
    if (this.exact.length < N) this.exact = new Float64Array(N);
    const ne = powerSums(b, N, SERIES_XB, this.sums, this.exact);
    fitNsSeries(this.sums, this.exact, ne, SERIES_XB, b, N, N, this.fit);
  }

  /** the RA scramble's lane generator (null: raDraws 'rng') */
  private raLanes: TemplateRaLanes | null = null;
  private cellK: Int32Array = new Int32Array(0);
  private cellF: Float64Array = new Float64Array(0);
  private sums = new Float64Array(8);
  private exact = new Float64Array(0);
  private injSin = new Float64Array(0);
  private kde: CachedSinDecKde | undefined;
  private pGrid = new Float64Array(0);
  private pickBuf = new Int32Array(0);
  private picks(n: number): Int32Array {
    if (this.pickBuf.length < n) this.pickBuf = new Int32Array(Math.max(n, 2 * this.pickBuf.length));
    return this.pickBuf;
  }
}

async function pickSmoother(kind: TemplateConfig['smoother'], nside: number): Promise<Smoother> {
  if (kind === 'direct' || (kind === undefined && nside <= 16)) {
    if (nside > 32) throw new InputError(`template kernel: the direct smoother is O(npix²); use nside ≤ 32 or smoother 'harmonic' (found nside ${nside})`);
    return (m, ns, s, o) => directSmoothing(m, ns, s, o);
  }
  const mod = (await import('../../likelihood/harmonicSmoother.js')) as { harmonicSmoother: () => Smoother };
  return mod.harmonicSmoother();
}

interface ReservoirEvents {
  ra: Float64Array;
  dec: Float64Array;
  sigma: Float64Array;
  /** energy-PDF bin */
  bin: Int32Array;
}

/** Signal events: true direction ∝ template × acceptance (pixel centres), vMF scatter with a data σ, E^-γ. */
function drawReservoir(rng: RngClass, ds: Dataset, spatial: TemplateSpatial, drawBin: (rng: Rng, sinDec: number) => number, m: number): ReservoirEvents {
  const nside = spatial.nside;
  const z = pixelZ(nside), phi = pixelPhi(nside);
  const sig = spatial.signalMap;
  const cdf = new Float64Array(sig.length);
  let acc = 0;
  for (let p = 0; p < sig.length; p++) cdf[p] = acc += sig[p] > 0 ? sig[p] : 0;
  const ra = new Float64Array(m), dec = new Float64Array(m), sigma = new Float64Array(m), bin = new Int32Array(m);
  const dir = new Float64Array(2);
  for (let j = 0; j < m; j++) {
    const u = rng.uniform() * acc;
    let lo = 0, hi = cdf.length - 1;
    while (lo < hi) { const k = (lo + hi) >>> 1; if (cdf[k] < u) lo = k + 1; else hi = k; }
    const s = ds.events.sigma[Math.floor(rng.uniform() * ds.n)];
    drawVmf(rng, phi[lo], Math.asin(z[lo]), s, dir);
    ra[j] = dir[0];
    dec[j] = dir[1];
    sigma[j] = s;
    bin[j] = drawBin(rng, Math.sin(dir[1]));
  }
  return { ra, dec, sigma, bin };
}

/** (S − S̃)/D̃·R of the reservoir events under one template's PDF. */
function evalReservoir(ev: ReservoirEvents, ds: Dataset, spatial: TemplateSpatial, perBin: Float64Array): Reservoir {
  const { ra, dec, sigma, bin: bins } = ev;
  const m = ra.length;
  const pdf = new TemplateEventPdf(spatial, dec, sigma);
  const S = new Float64Array(m), St = new Float64Array(m);
  pdf.evalS(ra, S);
  const sinDec = Float64Array.from(dec, Math.sin);
  pdf.evalSTilde(sinDec, St);
  const x = new Float64Array(m);
  const sMinusSt = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const d = evalSinDecDensity(ds.bgDensity, sinDec[j]) / (2 * Math.PI);
    sMinusSt[j] = S[j] - St[j];
    x[j] = (sMinusSt[j] / d) * perBin[bins[j]];
  }
  return { x, sMinusSt };
}

export function createKernel(): TrialKernel {
  return new TemplateKernel();
}
