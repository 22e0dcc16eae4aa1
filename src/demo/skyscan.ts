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
import { decBackgroundTrials, fitSources, sourceListTrials, type ListedSource } from '../scan/sourceList.js';
import { allSkyScan, type ScanResult } from '../scan/scan.js';
import { DecBackground, hottestSpots, pixelPValues, type Hotspot, type PixelPValues } from '../scan/significance.js';
import { idealEnergyGrid } from '../trials/kernels/synthetic.js';
import { pValueOf } from './pvalue.js';

const DEG = Math.PI / 180;

export function scanData(ds: Dataset): ScanData {
  return scanDataFromDataset(ds, idealEnergyGrid(ds));
}

export async function runScan(data: ScanData, nside: number, workers: number | undefined, onProgress?: (d: number, t: number) => void): Promise<ScanResult> {
  return allSkyScan(data, { nside, decMin: -80 * DEG, decMax: 80 * DEG, workers, onProgress });
}

/** Background trials of the point-source kernel at each grid declination (degrees). */
export function decBackground(eventsFile: string, decsDeg: number[], perDec: number, seed: number, workers: number | undefined, onProgress?: (done: number, total: number) => void): Promise<DecBackground> {
  return decBackgroundTrials({ events: eventsFile }, decsDeg.map((d) => d * DEG), perDec, seed, workers, onProgress);
}

export interface SourceFitRow {
  name: string;
  raDeg: number;
  decDeg: number;
  ns: number;
  gamma: number;
  ts: number;
  /** pre-trial p for the table: the trial estimate, or its 1σ upper bound when no trial reached the TS */
  pPre: number;
  /** pre-trial p as the source-list trials compute it (k/n or the tail): the post-trial statistic */
  pRaw: number;
  extrapolated: boolean;
  bound: boolean;
}

/** The paper's 109-source list (Table S5) as scan/sourceList sources. */
export function listedSources(): ListedSource[] {
  return sourceList().map((s) => ({ name: s.name, ra: s.raDeg * DEG, dec: s.decDeg * DEG }));
}

/** Fit every source of the 109-source list on the observed events. */
export function fitSourceList(data: ScanData, bg: DecBackground): SourceFitRow[] {
  return fitSources(data, listedSources(), bg).map((f) => {
    const pv = pValueOf(bg.at(f.dec), f.ts);
    return { name: f.name, raDeg: f.ra / DEG, decDeg: f.dec / DEG, ns: f.ns, gamma: f.gamma, ts: f.ts, pPre: pv.p, pRaw: f.p, extrapolated: pv.extrapolated, bound: pv.bound };
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

/** Correlated source-list trials of the 109 sources (scan/sourceList): smallest pre-trial p per scramble. */
export function listTrials(eventsFile: string, bg: DecBackground, count: number, seed: number, workers: number | undefined, onProgress?: (done: number) => void): Promise<Float64Array> {
  return sourceListTrials({ events: eventsFile }, listedSources(), bg, count, seed, workers, onProgress);
}

/** Šidák correction for m independent looks: 1 − (1 − p)^m (labelled approximate where used). */
export function sidak(p: number, m: number): number {
  return p < 1e-12 ? m * p : 1 - Math.pow(1 - p, m);
}
