/**
 * Background scrambles. Templates: uniform right ascension only
 * (csky `'randomize': ['ra']`). Point sources and stacking: RA plus a Gaussian
 * declination jitter of 3° except within 8° of the poles
 * (`dec_rand_method: 'gaussian_fixed'`, `randomization_width = 3°`,
 * `dec_rand_pole_exlusion = 8°`; physics.md §2.2, DNNC config.py).
 */
import type { Rng } from '../stats/random.js';
import type { LaneRng } from '../stats/laneRng.js';

const DEG = Math.PI / 180;
export const DEC_JITTER_WIDTH = 3 * DEG;
export const DEC_POLE_EXCLUSION = 8 * DEG;

/** Fill `ra[0..n)` with uniform right ascensions in [0, 2π) (bulk draw: the same numbers as n `uniform()` calls). */
export function scrambleRa(rng: Rng, ra: Float64Array, n = ra.length): void {
  rng.fillUniform(ra, n);
  for (let i = 0; i < n; i++) ra[i] = 2 * Math.PI * ra[i];
}

/**
 * dec[i] = dec0[i] + N(0, width), for events outside the polar caps; a draw
 * that would land in a cap is redrawn (so the cap boundaries are reflecting
 * in distribution and the sin δ density stays smooth). csky's exact edge rule
 * is not public; this is our reading of 'gaussian_fixed'.
 */
export function jitterDec(rng: Rng, dec0: Float64Array, dec: Float64Array, n = dec0.length, width = DEC_JITTER_WIDTH, poleExclusion = DEC_POLE_EXCLUSION): void {
  const lim = Math.PI / 2 - poleExclusion;
  for (let i = 0; i < n; i++) {
    const d0 = dec0[i];
    if (d0 > lim || d0 < -lim) {
      dec[i] = d0;
      continue;
    }
    let d = d0 + width * rng.normal();
    for (let k = 0; k < 100 && (d > lim || d < -lim); k++) d = d0 + width * rng.normal();
    dec[i] = d > lim || d < -lim ? d0 : d;
  }
}

/**
 * jitterDec with the normals drawn in bulk (`Rng.fillNormal`, ~5× faster): the same
 * output and the same generator state afterwards. The normals are consumed in stream
 * order (first draw of event i, its redraws, then event i+1), so the m first draws of
 * the m events outside the caps are filled at once and the redraws, which shift the
 * sequence, are drawn one at a time at the end. `buf` needs room for n numbers.
 */
export function jitterDecBulk(rng: Rng, dec0: Float64Array, dec: Float64Array, n: number, buf: Float64Array, width = DEC_JITTER_WIDTH, poleExclusion = DEC_POLE_EXCLUSION): void {
  const m = countFree(dec0, n, poleExclusion);
  rng.fillNormal(buf, m);
  applyJitter(rng, dec0, dec, n, buf, m, width, poleExclusion);
}

/**
 * The jittered trials' scramble draws (ps kernel; WebAssembly twin psLaneDrawsWasm.ts): RA uniforms
 * from the four lanes of `lanes` (seeded from the trial's rng by the caller), 2π·U.
 */
export function scrambleRaLanes(lanes: LaneRng, ra: Float64Array, n = ra.length): void {
  lanes.fillUniform(ra, n);
  for (let i = 0; i < n; i++) ra[i] = 2 * Math.PI * ra[i];
}

/**
 * jitterDec's rule with the first draw of each event outside the caps from the lane generator's
 * normals (LaneRng.fillNormal: polar method, in event order) and the redraws of the few events a
 * first draw put into a cap from `rng.normal()`, in event order.
 */
export function jitterDecLanes(rng: Rng, lanes: LaneRng, dec0: Float64Array, dec: Float64Array, n: number, buf: Float64Array, width = DEC_JITTER_WIDTH, poleExclusion = DEC_POLE_EXCLUSION): void {
  const m = countFree(dec0, n, poleExclusion);
  lanes.fillNormal(buf, m);
  applyJitter(rng, dec0, dec, n, buf, m, width, poleExclusion);
}

/** events outside the polar caps (the bulk draws of one jitter) */
function countFree(dec0: Float64Array, n: number, poleExclusion: number): number {
  const lim = Math.PI / 2 - poleExclusion;
  let m = 0;
  for (let i = 0; i < n; i++) if (!(dec0[i] > lim || dec0[i] < -lim)) m++;
  return m;
}

/** jitterDec's rule taking the normals from buf[0..m) first, then from rng.normal() */
function applyJitter(rng: Rng, dec0: Float64Array, dec: Float64Array, n: number, buf: Float64Array, m: number, width: number, poleExclusion: number): void {
  const lim = Math.PI / 2 - poleExclusion;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const d0 = dec0[i];
    if (d0 > lim || d0 < -lim) {
      dec[i] = d0;
      continue;
    }
    let d = d0 + width * (p < m ? buf[p++] : rng.normal());
    for (let k = 0; k < 100 && (d > lim || d < -lim); k++) d = d0 + width * (p < m ? buf[p++] : rng.normal());
    dec[i] = d > lim || d < -lim ? d0 : d;
  }
}
