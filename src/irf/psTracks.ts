/**
 * IRF for the 10-year point-source track sample (2008–2018 release, arXiv:2101.09836).
 *
 * Effective area: the release's νμ+ν̄μ tables, livetime-weighted over the seasons
 * (IC40, IC59, IC79, IC86-I, IC86-II … VII using the IC86-II table, as the release readme says).
 * The release's smearing matrices (PSF, energy) are not shipped here, so nusky uses a
 * documented parametric model instead (docs/events-irf-sim.md):
 *  - ψ median 1.0°·(E/1 TeV)^-0.5 ⊕ 0.25° (quadrature): ~1° at 1 TeV, ~0.3° above 100 TeV,
 *    the order of the published IC86 track resolution [M]; log-normal width 0.6; angErr
 *    calibrated (c = 1, as the readme says the errors are calibrated for E^-2), floor 0.2°;
 *  - muon-energy proxy: log10 E_reco = log10 E_ν − 0.5 ± 0.45 (Gaussian) [M, typical of
 *    through-going muons that lose part of their energy before reaching the detector].
 */
import { readNumericTable, irfDataPath } from './tables.js';
import { loadPsAeff, type EffectiveArea } from './effectiveArea.js';
import { makeEnergyDispersion } from './energyDispersion.js';
import type { AngularModel } from './psf.js';
import type { Irf } from './irf.js';

const SEASONS: [string, string][] = [
  ['IC40', 'IC40'], ['IC59', 'IC59'], ['IC79', 'IC79'], ['IC86_I', 'IC86_I'],
  ['IC86_II', 'IC86_II'], ['IC86_III', 'IC86_II'], ['IC86_IV', 'IC86_II'], ['IC86_V', 'IC86_II'],
  ['IC86_VI', 'IC86_II'], ['IC86_VII', 'IC86_II'],
];

/** Livetime (s) of a season from its good-run list. */
export function seasonLivetimeS(season: string, dir = irfDataPath('ps10yr')): number {
  const { rows } = readNumericTable(`${dir}/uptime/${season}_exp.csv`);
  return rows.reduce((a, r) => a + (r[1] - r[0]), 0) * 86400;
}

function trackAngularModel(): AngularModel {
  const logE = Float64Array.from({ length: 36 }, (_, i) => 2 + i * 0.2);
  const lnMedian = Float64Array.from(logE, (l) => {
    const a = 1.0 * Math.pow(10, -0.5 * (l - 3)), b = 0.25;
    return Math.log((Math.sqrt(a * a + b * b) * Math.PI) / 180 / 1.177); // ψ median = 1.177 × Rayleigh scale
  });
  return { logE, lnMedian, width: new Float64Array(36).fill(0.6), c: 1, wEff: 0.3, beta: 0.8, sigmaScale: 1, maxSigma: (30 * Math.PI) / 180 };
}

function trackEnergyDispersion() {
  const trueEdges = Float64Array.from({ length: 41 }, (_, i) => 2 + i * 0.2);
  const recoEdges = Float64Array.from({ length: 91 }, (_, i) => 1 + i * 0.1);
  const nT = 40, nR = 90;
  const h = new Float64Array(nT * nR);
  for (let t = 0; t < nT; t++) {
    const mu = 0.5 * (trueEdges[t] + trueEdges[t + 1]) - 0.5;
    for (let r = 0; r < nR; r++) {
      const x = 0.5 * (recoEdges[r] + recoEdges[r + 1]);
      h[t * nR + r] = Math.exp(-0.5 * ((x - mu) / 0.45) ** 2);
    }
  }
  return makeEnergyDispersion(trueEdges, recoEdges, h, 'ps-tracks energy model');
}

/** The 10-year PS-track IRF (all seasons combined). */
export function loadPsTracksIrf(dir = irfDataPath('ps10yr')): Irf {
  let T = 0;
  let sum: EffectiveArea | null = null;
  for (const [season, table] of SEASONS) {
    const t = seasonLivetimeS(season, dir);
    const a = loadPsAeff(`${dir}/irfs/${table}_effectiveArea.csv`);
    if (!sum) sum = { ...a, values: new Float64Array(a.values.length) };
    for (let i = 0; i < a.values.length; i++) sum.values[i] += a.values[i] * t;
    T += t;
  }
  for (let i = 0; i < sum!.values.length; i++) sum!.values[i] /= T;
  return { name: 'ps-tracks-10yr', topology: 'track', livetimeS: T, aeff: sum!, angular: trackAngularModel(), edisp: trackEnergyDispersion() };
}
