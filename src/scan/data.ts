/**
 * Event data prepared for fast point-source fits at many positions (all-sky
 * scan, source lists, per-declination background trials): events grouped into
 * σ classes, each sorted by declination, so the events within k·σ of a
 * position are found by a binary search in declination per class. The energy
 * S/B of every event is precomputed on a γ grid.
 */
import type { Dataset } from '../likelihood/dataset.js';
import type { EnergyRatioGrid } from '../likelihood/energyPdf.js';
import { InputError } from '../errors.js';
import { KENT_MIN_SIGMA, gaussSphereNorm } from '../likelihood/psf.js';

export interface ScanDataOptions {
  /** γ grid for the spectral fit (default 1, 1.25, …, 4; physics.md §2.1 bounds γ to [1, 4]) */
  gammas?: ArrayLike<number>;
  /** events farther than kSigma·σ_i from a position have S_i = 0 there (default 5) */
  kSigma?: number;
  /** number of σ classes (default 8) */
  nClasses?: number;
  /** room for this many extra (injected) events after the sorted ones (default 0) */
  extra?: number;
}

/** Plain arrays (structured-clone friendly, so workers can receive them). */
export interface ScanData {
  /** events in use: the nSorted class-ordered ones, then injected ones up to the capacity (array length) */
  n: number;
  nSorted: number;
  /** events, in class-then-dec order */
  ra: Float64Array;
  dec: Float64Array;
  sinDec: Float64Array;
  cosDec: Float64Array;
  sigma: Float64Array;
  /** reach in units of σ */
  kSigma: number;
  /** unit vectors of the events */
  ux: Float64Array;
  uy: Float64Array;
  uz: Float64Array;
  /** PS PDF / D̃ as invD·a·exp(c·(cosψ − 1)) (vMF, σ ≥ 7°) or invD·a·exp(c·ψ²) (Gaussian): per-event a and c (σ only), and the kind */
  pdfA: Float64Array;
  pdfC: Float64Array;
  gaussian: Uint8Array;
  /** cos of each event's reach min(kσ, π) */
  cosReach: Float64Array;
  reach: Float64Array;
  /** 1/D̃_i (sr) */
  invD: Float64Array;
  gammas: Float64Array;
  /** energy bin of each event and the energy S/B per (γ, bin): binRatio[g·nBins + b] */
  eBin: Int32Array;
  nBins: number;
  binRatio: Float64Array;
  /** max over the γ grid of each bin's S/B */
  binRatioMax: Float64Array;
  /** class c holds events [classStart[c], classStart[c+1]); classReach[c] = max reach in it */
  classStart: Int32Array;
  classReach: Float64Array;
  /** index of each stored event in the original dataset */
  order: Int32Array;
}

export const DEFAULT_GAMMAS = Float64Array.from({ length: 13 }, (_, k) => 1 + 0.25 * k);

/** Recompute sin/cos δ and the unit vector of stored event j after its ra/dec changed (scrambles). */
export function setDirection(d: ScanData, j: number): void {
  const dec = d.dec[j], ra = d.ra[j];
  const s = Math.sin(dec), c = Math.cos(dec);
  d.sinDec[j] = s;
  d.cosDec[j] = c;
  d.ux[j] = c * Math.cos(ra);
  d.uy[j] = c * Math.sin(ra);
  d.uz[j] = s;
}

/** Same with only the RA changed (δ, sin δ, cos δ kept). */
export function setRa(d: ScanData, j: number): void {
  const c = d.cosDec[j], ra = d.ra[j];
  d.ux[j] = c * Math.cos(ra);
  d.uy[j] = c * Math.sin(ra);
}

/**
 * All derived quantities of stored event j: direction, reach, PDF constants.
 * The PDF matches likelihood/psf.ts psPdf (Gaussian normalised on the sphere below 7°, vMF above).
 */
export function setEvent(d: ScanData, j: number): void {
  setDirection(d, j);
  d.reach[j] = Math.min(d.kSigma * d.sigma[j], Math.PI);
  d.cosReach[j] = Math.cos(d.reach[j]);
  const sig = d.sigma[j];
  if (sig < KENT_MIN_SIGMA) {
    const s2 = sig * sig;
    d.gaussian[j] = 1;
    d.pdfA[j] = 1 / (2 * Math.PI * s2 * gaussSphereNorm(sig));
    d.pdfC[j] = -0.5 / s2;
  } else {
    const kappa = 1 / (sig * sig);
    d.gaussian[j] = 0;
    d.pdfA[j] = kappa / (2 * Math.PI * -Math.expm1(-2 * kappa));
    d.pdfC[j] = kappa;
  }
}

/** Build scan data from a likelihood Dataset and its energy-ratio grid. */
export function scanDataFromDataset(ds: Dataset, energy: EnergyRatioGrid, o: ScanDataOptions = {}): ScanData {
  const gammas = Float64Array.from(o.gammas ?? DEFAULT_GAMMAS);
  const nBins = energy.nBins;
  const binRatio = new Float64Array(gammas.length * nBins);
  const tmp = new Float64Array(nBins);
  gammas.forEach((g, k) => { energy.ratioInto(g, tmp); binRatio.set(tmp, k * nBins); });
  return buildScanData(ds.events.ra, ds.events.dec, ds.events.sigma, ds.dTildeSpace, gammas, ds.energyBin, binRatio, o);
}

/** Build scan data from plain arrays; binRatio[g·nBins + b] is the energy S/B of bin b at gammas[g]. */
export function buildScanData(ra: ArrayLike<number>, dec: ArrayLike<number>, sigma: ArrayLike<number>, dTilde: ArrayLike<number>, gammas: Float64Array, eBin: ArrayLike<number>, binRatio: Float64Array, o: ScanDataOptions = {}): ScanData {
  const n = ra.length;
  if (dec.length !== n || sigma.length !== n || dTilde.length !== n) throw new InputError(`scan data: ra has ${n} events but dec/sigma/dTilde have ${dec.length}/${sigma.length}/${dTilde.length}`);
  if (gammas.length === 0) throw new InputError('scan data: empty γ grid');
  const nBins = binRatio.length / gammas.length;
  if (!Number.isInteger(nBins) || eBin.length !== n) throw new InputError(`scan data: binRatio (${binRatio.length}) must be γ grid (${gammas.length}) × bins, and eBin must have ${n} entries (found ${eBin.length})`);
  const binRatioMax = new Float64Array(nBins);
  for (let g = 0; g < gammas.length; g++) for (let b = 0; b < nBins; b++) binRatioMax[b] = Math.max(binRatioMax[b], binRatio[g * nBins + b]);
  const k = o.kSigma ?? 5;
  const nC = Math.max(1, Math.min(o.nClasses ?? 8, n));
  const reach0 = Float64Array.from(sigma, (s) => Math.min(k * s, Math.PI));
  // classes by reach quantiles
  const byReach = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => reach0[a] - reach0[b]);
  const cls = new Int32Array(n);
  for (let r = 0; r < n; r++) cls[byReach[r]] = Math.min(nC - 1, Math.floor((r * nC) / n));
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => cls[a] - cls[b] || dec[a] - dec[b]);
  const classStart = new Int32Array(nC + 1);
  const classReach = new Float64Array(nC);
  for (let j = 0; j < n; j++) {
    const c = cls[order[j]];
    classStart[c + 1] = j + 1;
    classReach[c] = Math.max(classReach[c], reach0[order[j]]);
  }
  for (let c = 1; c <= nC; c++) classStart[c] = Math.max(classStart[c], classStart[c - 1]);
  const cap = n + Math.max(0, Math.floor(o.extra ?? 0));
  const f = () => new Float64Array(cap);
  const d: ScanData = {
    n,
    nSorted: n,
    kSigma: k,
    ra: f(), dec: f(), sinDec: f(), cosDec: f(), sigma: f(),
    cosReach: f(), reach: f(), invD: f(), gammas, eBin: new Int32Array(cap), nBins, binRatio, binRatioMax,
    classStart, classReach, order,
    ux: f(), uy: f(), uz: f(), pdfA: f(), pdfC: f(), gaussian: new Uint8Array(cap),
  };
  for (let j = 0; j < n; j++) {
    const i = order[j];
    d.ra[j] = ra[i];
    d.dec[j] = dec[i];
    d.sinDec[j] = Math.sin(dec[i]);
    d.cosDec[j] = Math.cos(dec[i]);
    d.sigma[j] = sigma[i];
    d.reach[j] = reach0[i];
    d.cosReach[j] = Math.cos(reach0[i]);
    if (!(dTilde[i] > 0)) throw new InputError(`scan data: event ${i}: background PDF must be > 0, found ${dTilde[i]}`);
    d.invD[j] = 1 / dTilde[i];
    setEvent(d, j);
    const b = eBin[i];
    if (!(b >= 0 && b < nBins)) throw new InputError(`scan data: event ${i}: energy bin ${b} outside [0, ${nBins})`);
    d.eBin[j] = b;
  }
  return d;
}
