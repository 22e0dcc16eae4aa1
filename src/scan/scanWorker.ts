/** Piscina worker of the all-sky scan: the scan data arrive once as workerData; tasks are ring lists, optionally of an RA scramble. */
import { workerData } from 'piscina';
import type { ScanData } from './data.js';
import { PointFitter } from './pointFit.js';
import { RingScanner } from './ringScan.js';
import { applyScramble, scanRings, type ScanScramble } from './scan.js';

let state: { scanner: RingScanner; ra: Float64Array; key: string } | null = null;

export default function run(task: { nside: number; rings: number[]; scramble?: ScanScramble | null }): ReturnType<typeof scanRings> {
  const d = workerData as ScanData;
  state ??= { scanner: new RingScanner(new PointFitter(d)), ra: d.ra.slice(), key: '' };
  state.key = applyScramble(d, state.ra, task.scramble ?? null, state.key);
  return scanRings(state.scanner, task.nside, task.rings);
}
