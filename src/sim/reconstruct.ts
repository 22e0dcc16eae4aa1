/**
 * The reconstruction step of the simulator: from true (direction, energy) to the observed
 * columns. Direction: angErr σ from the angular model at the true energy, opening angle
 * from the vMF given σ, uniform position angle. Energy: E_reco from the dispersion.
 */
import type { Rng } from '../stats/random.js';
import type { Irf } from '../irf/irf.js';
import { offsetDirection, sampleAngular } from '../irf/psf.js';
import { sampleLogEReco } from '../irf/energyDispersion.js';
import type { EventSample } from '../events/sample.js';

const tmp = new Float64Array(2);
const ang = new Float64Array(2);

/** Fill ra, dec, angErr, logE of event i from its truth (trueRa, trueDec, trueE must be set). */
export function reconstructEvent(irf: Irf, s: EventSample, i: number, rng: Rng, sigmaScale = 1): void {
  const e = s.trueE![i];
  sampleAngular(irf.angular, e, rng, ang, sigmaScale);
  offsetDirection(s.trueRa![i], s.trueDec![i], ang[1], 2 * Math.PI * rng.uniform(), tmp);
  s.ra[i] = tmp[0];
  s.dec[i] = tmp[1];
  s.angErr[i] = ang[0];
  s.logE[i] = sampleLogEReco(irf.edisp, e, rng);
}

/**
 * NC fraction σ_NC/(σ_CC+σ_NC) vs energy, from the CSMS cross sections (Cooper-Sarkar,
 * Mertsch, Sarkar, JHEP 08 (2011) 042; table in physics.md §7.8, ν and ν̄ averaged). Used only
 * to label the interaction of simulated events; the selection efficiency per interaction is
 * not modelled (the flavour-summed area already contains it).
 */
const NC_LOGE = [2, 3, 4, 5, 6, 7, 8];
const NC_FRAC = [
  (2.04 + 1.16) / (6.53 + 2.04 + 3.32 + 1.16), (1.97 + 1.22) / (6.25 + 1.97 + 3.55 + 1.22),
  (1.54 + 1.08) / (4.65 + 1.54 + 3.11 + 1.08), (0.751 + 0.637) / (2.11 + 0.751 + 1.78 + 0.637),
  (2.55 + 2.45) / (6.88 + 2.55 + 6.6 + 2.45), (7.33 + 7.28) / (19.2 + 7.33 + 19.1 + 7.28),
  (1.88 + 1.87) / (4.81 + 1.88 + 4.8 + 1.87),
];
export function ncFraction(eGeV: number): number {
  const x = Math.min(8, Math.max(2, Math.log10(eGeV)));
  const i = Math.min(5, Math.floor(x - 2));
  const t = x - 2 - i;
  return NC_FRAC[i] * (1 - t) + NC_FRAC[i + 1] * t;
}
