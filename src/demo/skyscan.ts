/**
 * Demo adapter for the all-sky scan and the 109-source list, with the same library calls as
 * `nusky scan`: ScanData with the ideal power-law energy grid, allSkyScan, point-source
 * background trials ('ps' kernel: RA scramble + 3° dec jitter) on a declination grid for
 * pre-trial p-values, hottest spot per hemisphere. The source list is fitted with the scan's
 * PointFitter at each source, so its pre-trial p-values come from the same background.
 */
import { sourceList } from '../catalogs/catalog.js';
import type { Dataset } from '../likelihood/dataset.js';
import { scanDataFromDataset, type ScanData } from '../scan/data.js';
import { PointFitter } from '../scan/pointFit.js';
import { allSkyScan, type ScanResult } from '../scan/scan.js';
import { DecBackground, hottestSpots, pixelPValues, type Hotspot, type PixelPValues } from '../scan/significance.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { idealEnergyGrid } from '../trials/kernels/synthetic.js';
import { TrialPool } from '../trials/runner.js';
import { pValueOf } from './pvalue.js';

const DEG = Math.PI / 180;

export function scanData(ds: Dataset): ScanData {
  return scanDataFromDataset(ds, idealEnergyGrid(ds));
}

export async function runScan(data: ScanData, nside: number, workers: number | undefined, onProgress?: (d: number, t: number) => void): Promise<ScanResult> {
  return allSkyScan(data, { nside, decMin: -80 * DEG, decMax: 80 * DEG, workers, onProgress });
}

/** Background trials of the point-source kernel at each grid declination (degrees). */
export async function decBackground(eventsFile: string, decsDeg: number[], perDec: number, seed: number, workers: number | undefined, onProgress?: (done: number, total: number) => void): Promise<DecBackground> {
  const pool = new TrialPool({ workers });
  const dists: TsDistribution[] = [];
  try {
    for (let k = 0; k < decsDeg.length; k++) {
      const t = await pool.run({ kernel: { module: 'ps', config: { events: eventsFile, source: { ra: 0, dec: decsDeg[k] } } }, seed: seed + k, count: perDec }, (d) => onProgress?.(k * perDec + d, decsDeg.length * perDec));
      dists.push(new TsDistribution(t.data.ts));
    }
  } finally {
    await pool.close();
  }
  return new DecBackground(Float64Array.from(decsDeg, (d) => d * DEG), dists);
}

export interface SourceFitRow {
  name: string;
  raDeg: number;
  decDeg: number;
  ns: number;
  gamma: number;
  ts: number;
  pPre: number;
  extrapolated: boolean;
  bound: boolean;
}

/** Fit every source of the 109-source list (paper Table S5) on the observed events. */
export function fitSourceList(data: ScanData, bg: DecBackground): SourceFitRow[] {
  const fitter = new PointFitter(data);
  const res = { ts: 0, ns: 0, gamma: 0 };
  return sourceList().map((s) => {
    fitter.fitAt(s.raDeg * DEG, s.decDeg * DEG, res);
    const pv = pValueOf(bg.at(s.decDeg * DEG), res.ts);
    return { name: s.name, raDeg: s.raDeg, decDeg: s.decDeg, ns: res.ns, gamma: res.gamma, ts: res.ts, pPre: pv.p, extrapolated: pv.extrapolated, bound: pv.bound };
  });
}

/**
 * Hottest spot per hemisphere: smallest pre-trial p (the paper) when `byP`, else largest TS —
 * used when the background grid is too coarse to resolve small p (p-values would tie at their bound).
 */
export function scanHotspots(scan: ScanResult, bg: DecBackground, byP: boolean): { pv: PixelPValues; north: Hotspot | null; south: Hotspot | null } {
  const pv = pixelPValues(scan, bg);
  return { pv, ...hottestSpots(scan, byP ? pv : undefined) };
}

/**
 * Correlated source-list trials: on each RA scramble (+ 3° dec jitter) the 'ps' kernel fits every
 * source, and the trial's statistic is the smallest pre-trial p over the sources, each p from the
 * same declination background as the observed fits (paper: post-trial p of the hottest source from
 * trials of the whole list, so overlapping sources are counted as they are correlated).
 */
export async function sourceListTrials(eventsFile: string, bg: DecBackground, count: number, seed: number, workers: number | undefined, onProgress?: (done: number) => void): Promise<Float64Array> {
  const list = sourceList();
  const pool = new TrialPool({ workers });
  try {
    const t = await pool.run({ kernel: { module: 'ps', config: { events: eventsFile, sources: list.map((s) => ({ ra: s.raDeg, dec: s.decDeg })) } }, seed, count }, (d) => onProgress?.(d));
    const dists = list.map((s) => bg.at(s.decDeg * DEG));
    const minP = new Float64Array(count).fill(1);
    for (let k = 0; k < list.length; k++) {
      const ts = t.data[`ts_${k}`];
      for (let i = 0; i < count; i++) {
        const p = dists[k].p(ts[i]);
        if (p < minP[i]) minP[i] = p;
      }
    }
    return minP;
  } finally {
    await pool.close();
  }
}

/** Šidák correction for m independent looks: 1 − (1 − p)^m (labelled approximate where used). */
export function sidak(p: number, m: number): number {
  return p < 1e-12 ? m * p : 1 - Math.pow(1 - p, m);
}
