/** Piscina worker of the all-sky scan: the scan data arrive once as workerData; tasks are ring lists. */
import { workerData } from 'piscina';
import type { ScanData } from './data.js';
import { PointFitter } from './pointFit.js';
import { RingScanner } from './ringScan.js';
import { scanRings } from './scan.js';

let scanner: RingScanner | null = null;

export default function run(task: { nside: number; rings: number[] }): ReturnType<typeof scanRings> {
  scanner ??= new RingScanner(new PointFitter(workerData as ScanData));
  return scanRings(scanner, task.nside, task.rings);
}
