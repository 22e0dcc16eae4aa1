/**
 * Simulate an event sample by forward-folding fluxes through the IRFs (never by resampling
 * published histograms): per component, expected counts in (true sin δ, true E, flavour)
 * cells → Poisson → true energy/direction inside the cell → reconstructed direction, angErr
 * and E_reco from the IRFs → time uniform over the detector uptime.
 */
import type { Rng } from '../stats/random.js';
import type { Irf } from '../irf/irf.js';
import { sampleFlavour } from '../irf/irf.js';
import {
  createSample, COMPONENTS, INTERACTIONS, TOPOLOGIES, UNKNOWN_CODE, type EventSample,
} from '../events/sample.js';
import { drawCounts, foldDiffuse, samplePowerLawInBin, type DiffuseFlux, type FoldedGrid } from './forwardFold.js';
import { astroFlux, convFlux, DEFAULT_CASCADE_MODEL, promptFlux, type CascadeBackgroundModel } from './cascadeModel.js';
import { ncFraction, reconstructEvent } from './reconstruct.js';
import { drawSignalEvents, type Signal, type TrueEvent } from './signal.js';
import { sampleTime, type Uptime } from './uptime.js';
import { offsetDirection, sampleAngular } from '../irf/psf.js';

export type ComponentName = (typeof COMPONENTS)[number];

export interface SimulationInput {
  irf: Irf;
  uptime: Uptime;
  rng: Rng;
  /** background model; omit for signal only */
  background?: CascadeBackgroundModel | null;
  signals?: Signal[];
}

const foldCache = new WeakMap<Irf, Map<string, FoldedGrid>>();
function cachedFold(irf: Irf, key: string, flux: DiffuseFlux): FoldedGrid {
  let m = foldCache.get(irf);
  if (!m) { m = new Map(); foldCache.set(irf, m); }
  let g = m.get(key);
  if (!g) { g = foldDiffuse(irf, flux); m.set(key, g); }
  return g;
}

/** Folded grids of the neutrino background components. */
export function backgroundGrids(irf: Irf, model: CascadeBackgroundModel = DEFAULT_CASCADE_MODEL): Record<'atm-conv' | 'atm-prompt' | 'astro', FoldedGrid> {
  const key = JSON.stringify(model);
  return {
    'atm-conv': cachedFold(irf, 'conv' + key, convFlux(model)),
    'atm-prompt': cachedFold(irf, 'prompt' + key, promptFlux(model)),
    astro: cachedFold(irf, 'astro' + key, astroFlux(model)),
  };
}

/** Expected events per component for a background model (no signal). */
export function expectedBackground(irf: Irf, model: CascadeBackgroundModel = DEFAULT_CASCADE_MODEL): Record<ComponentName, number> {
  const g = backgroundGrids(irf, model);
  return { 'atm-conv': g['atm-conv'].total, 'atm-prompt': g['atm-prompt'].total, 'atm-muon': model.muonCount, astro: g.astro.total, signal: 0 };
}

const ALL_TRUTH = ['trueRa', 'trueDec', 'trueE', 'flavour', 'interaction', 'component'] as const;

/** Simulate one sample. The result carries the truth columns. */
export function simulateSample(input: SimulationInput): EventSample {
  const { irf, rng, uptime } = input;
  const model = input.background ?? null;
  const topo = TOPOLOGIES.indexOf(irf.topology);

  // 1. draw counts for every cell of every component (sizes the output once)
  const grids: { comp: number; grid: FoldedGrid; counts: Int32Array }[] = [];
  let n = 0;
  let nMu = 0;
  if (model) {
    const g = backgroundGrids(irf, model);
    for (const name of ['atm-conv', 'atm-prompt', 'astro'] as const) {
      const { counts, n: k } = drawCounts(g[name], rng);
      grids.push({ comp: COMPONENTS.indexOf(name), grid: g[name], counts });
      n += k;
    }
    nMu = rng.poisson(model.muonCount);
    n += nMu;
  }
  const sigEvents: TrueEvent[] = [];
  for (const s of input.signals ?? []) sigEvents.push(...drawSignalEvents(irf, s, rng));
  n += sigEvents.length;

  const out = createSample(n, ALL_TRUTH);
  let i = 0;
  // 2. neutrino background
  for (const { comp, grid, counts } of grids) {
    const nE = grid.nE;
    for (let c = 0; c < counts.length; c++) {
      const m = counts[c];
      if (m === 0) continue;
      const f = c % 3, k = Math.floor(c / 3) % nE, j = Math.floor(c / 3 / nE);
      for (let r = 0; r < m; r++, i++) {
        const e = samplePowerLawInBin(grid.logEEdges[k], grid.logEEdges[k + 1], grid.gamma[c], rng);
        const sd = grid.sinEdges[j] + rng.uniform() * (grid.sinEdges[j + 1] - grid.sinEdges[j]);
        out.trueE![i] = e;
        out.trueDec![i] = Math.asin(sd);
        out.trueRa![i] = 2 * Math.PI * rng.uniform();
        out.flavour![i] = f;
        out.interaction![i] = rng.uniform() < ncFraction(e) ? INTERACTIONS.indexOf('NC') : INTERACTIONS.indexOf('CC');
        out.component![i] = comp;
        reconstructEvent(irf, out, i, rng);
      }
    }
  }
  // 3. atmospheric muons (empirical model, see cascadeModel.ts)
  if (model) {
    const tmp = new Float64Array(2), ang = new Float64Array(2);
    const lo = irf.minLogEReco ?? 2.7;
    for (let r = 0; r < nMu; r++, i++) {
      const sd = model.muonSinDecMin + rng.uniform() * (model.muonSinDecMax - model.muonSinDecMin);
      const eReco = samplePowerLawInBin(lo, 8, model.muonRecoGamma, rng);
      out.trueDec![i] = Math.asin(sd);
      out.trueRa![i] = 2 * Math.PI * rng.uniform();
      out.trueE![i] = eReco; // muon energy proxy (no neutrino)
      out.flavour![i] = UNKNOWN_CODE;
      out.interaction![i] = UNKNOWN_CODE;
      out.component![i] = COMPONENTS.indexOf('atm-muon');
      sampleAngular(irf.angular, eReco, rng, ang, model.muonSigmaScale, model.muonPsiScale);
      offsetDirection(out.trueRa![i], out.trueDec![i], ang[1], 2 * Math.PI * rng.uniform(), tmp);
      out.ra[i] = tmp[0];
      out.dec[i] = tmp[1];
      out.angErr[i] = ang[0];
      out.logE[i] = Math.log10(eReco);
    }
  }
  // 4. signal
  for (const ev of sigEvents) {
    out.trueE![i] = ev.e;
    out.trueRa![i] = ev.ra;
    out.trueDec![i] = ev.dec;
    out.flavour![i] = irf.flavourShares ? sampleFlavour(irf.flavourShares, ev.e, rng) : 1;
    out.interaction![i] = rng.uniform() < ncFraction(ev.e) ? INTERACTIONS.indexOf('NC') : INTERACTIONS.indexOf('CC');
    out.component![i] = COMPONENTS.indexOf('signal');
    reconstructEvent(irf, out, i, rng);
    i++;
  }
  // 5. times and topology
  for (let k = 0; k < n; k++) {
    out.time[k] = sampleTime(uptime, rng);
    out.topology[k] = topo;
  }
  return out;
}
