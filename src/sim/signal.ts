/**
 * Signal injection: point sources and HEALPix templates, forward-folded like the background.
 */
import { InputError } from '../errors.js';
import type { Rng } from '../stats/random.js';
import type { SkyMap } from '../sky/types.js';
import type { Spectrum } from '../flux/powerLaw.js';
import type { Irf } from '../irf/irf.js';
import { nDecBins, nEBins } from '../irf/effectiveArea.js';
import { findBin } from '../irf/tables.js';
import { spectrumBinIntegrals } from '../irf/expectation.js';
import { pixelDirectionsEquatorial } from '../irf/pixelDirections.js';
import { samplePowerLawInBin } from './forwardFold.js';

export interface PointSourceSignal {
  kind: 'ps';
  /** rad */
  ra: number;
  dec: number;
  /** dN/dE per flavour, GeV⁻¹ cm⁻² s⁻¹ */
  spectrum: Spectrum;
}

export interface TemplateSignal {
  kind: 'template';
  /** sr⁻¹, Σ pdf·Ω = 1, any frame/ordering */
  pdf: SkyMap;
  /** all-sky dN/dE per flavour, GeV⁻¹ cm⁻² s⁻¹ */
  spectrum: Spectrum;
}

export type Signal = PointSourceSignal | TemplateSignal;

/** Energy sampler for one declination band: CDF over the area's energy bins of A·∫Φ. */
export interface BandEnergySampler {
  expected: number;
  cdf: Float64Array;
  gamma: Float64Array;
  logEEdges: Float64Array;
}

export function bandEnergySampler(irf: Irf, spectrum: Spectrum, band: number): BandEnergySampler {
  const a = irf.aeff, nE = nEBins(a);
  const I = spectrumBinIntegrals(a, spectrum);
  const cdf = new Float64Array(nE), gamma = new Float64Array(nE);
  let acc = 0;
  for (let k = 0; k < nE; k++) {
    acc += a.values[band * nE + k] * I[k] * irf.livetimeS;
    cdf[k] = acc;
    const lo = a.logEEdges[k], hi = a.logEEdges[k + 1];
    const fl = spectrum(10 ** lo), fh = spectrum(10 ** hi);
    gamma[k] = fl > 0 && fh > 0 ? -Math.log10(fh / fl) / (hi - lo) : 2;
  }
  return { expected: acc, cdf, gamma, logEEdges: a.logEEdges };
}

export function sampleBandEnergy(s: BandEnergySampler, rng: Rng): number {
  const u = rng.uniform() * s.expected;
  let lo = 0, hi = s.cdf.length - 1;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (s.cdf[m] < u) lo = m + 1; else hi = m; }
  return samplePowerLawInBin(s.logEEdges[lo], s.logEEdges[lo + 1], s.gamma[lo], rng);
}

/** A true signal event: direction and energy. */
export interface TrueEvent { ra: number; dec: number; e: number }

/** Draw the true events of one signal (Poisson number around its expectation). */
export function drawSignalEvents(irf: Irf, sig: Signal, rng: Rng): TrueEvent[] {
  const out: TrueEvent[] = [];
  if (sig.kind === 'ps') {
    if (!(Math.abs(sig.dec) <= Math.PI / 2)) throw new InputError(`point source: dec must be in [-π/2, π/2], got ${sig.dec}`);
    const band = findBin(irf.aeff.sinDecEdges, Math.sin(sig.dec));
    const s = bandEnergySampler(irf, sig.spectrum, band);
    const n = rng.poisson(s.expected);
    for (let i = 0; i < n; i++) out.push({ ra: sig.ra, dec: sig.dec, e: sampleBandEnergy(s, rng) });
    return out;
  }
  const { ra, sinDec } = pixelDirectionsEquatorial(sig.pdf);
  const npix = sig.pdf.data.length, omega = (4 * Math.PI) / npix;
  const nD = nDecBins(irf.aeff);
  const bandOf = new Int32Array(npix);
  const frac = new Float64Array(nD);
  for (let p = 0; p < npix; p++) {
    const v = sig.pdf.data[p];
    bandOf[p] = findBin(irf.aeff.sinDecEdges, sinDec[p]);
    if (v > 0 && bandOf[p] >= 0) frac[bandOf[p]] += v * omega;
  }
  const pixRadius = Math.sqrt(omega / Math.PI);
  for (let j = 0; j < nD; j++) {
    if (!(frac[j] > 0)) continue;
    const s = bandEnergySampler(irf, sig.spectrum, j);
    const n = rng.poisson(s.expected * frac[j]);
    if (n === 0) continue;
    // pixel CDF inside the band
    const pix: number[] = [], cum: number[] = [];
    let acc = 0;
    for (let p = 0; p < npix; p++) if (bandOf[p] === j && sig.pdf.data[p] > 0) { acc += sig.pdf.data[p]; pix.push(p); cum.push(acc); }
    for (let i = 0; i < n; i++) {
      const u = rng.uniform() * acc;
      let lo = 0, hi = cum.length - 1;
      while (lo < hi) { const m = (lo + hi) >>> 1; if (cum[m] < u) lo = m + 1; else hi = m; }
      const p = pix[lo];
      // spread uniformly over a disc of the pixel's area around its centre
      const r = pixRadius * Math.sqrt(rng.uniform()), phi = 2 * Math.PI * rng.uniform();
      const dec0 = Math.asin(sinDec[p]);
      const dec = Math.max(-Math.PI / 2, Math.min(Math.PI / 2, dec0 + r * Math.sin(phi)));
      const raP = ra[p] + (r * Math.cos(phi)) / Math.max(Math.cos(dec0), 1e-6);
      out.push({ ra: ((raP % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI), dec, e: sampleBandEnergy(s, rng) });
    }
  }
  return out;
}
