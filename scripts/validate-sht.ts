/**
 * Heavy check kept out of the unit tests: nside 1024 (lmax 3071) transforms.
 * Run: npx tsx scripts/validate-sht.ts [nside]
 * 1. A band-limited map (random alm, l ≤ nside) round-trips alm → map → alm (iter 3 and 6).
 * 2. alm2map of Y_{lmax,lmax} + Y_{lmax,0}-type modes stays finite (polar underflow handling).
 * Prints errors and wall times.
 */
import { alm2map, map2alm, almIndex, createAlm } from '../src/sky/sht/index.js';
import { Rng } from '../src/stats/random.js';

const nside = Number(process.argv[2] ?? 1024);
const lmaxBl = nside;
const rng = new Rng(5);
const alm = createAlm(lmaxBl);
for (let m = 0; m <= lmaxBl; m++)
  for (let l = m; l <= lmaxBl; l++) {
    const i = almIndex(l, m, lmaxBl);
    alm.re[i] = rng.normal();
    alm.im[i] = m === 0 ? 0 : rng.normal();
  }
const rel = (a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array) => {
  let s = 0, n = 0;
  for (let i = 0; i < a.length; i++) { s += (a[i] - c[i]) ** 2 + (b[i] - d[i]) ** 2; n += c[i] ** 2 + d[i] ** 2; }
  return Math.sqrt(s / n);
};
let t = performance.now();
const map = alm2map(alm, nside);
console.log(`alm2map nside ${nside} lmax ${lmaxBl}: ${(performance.now() - t).toFixed(0)} ms`);
for (const iter of [3, 6]) {
  t = performance.now();
  const back = map2alm(map, { lmax: lmaxBl, iter });
  console.log(`map2alm iter ${iter}: ${(performance.now() - t).toFixed(0)} ms, ‖Δa‖/‖a‖ = ${rel(back.re, back.im, alm.re, alm.im).toExponential(2)}`);
}
const lmax = 3 * nside - 1;
const big = createAlm(lmax);
big.re[almIndex(lmax, lmax, lmax)] = 1;
big.re[almIndex(lmax, 0, lmax)] = 1;
t = performance.now();
const m2 = alm2map(big, nside);
let finite = true, peak = 0;
for (const v of m2) { if (!Number.isFinite(v)) finite = false; peak = Math.max(peak, Math.abs(v)); }
console.log(`alm2map nside ${nside} lmax ${lmax}: ${(performance.now() - t).toFixed(0)} ms, finite ${finite}, max |f| ${peak.toFixed(4)}`);
t = performance.now();
const a2 = map2alm(m2, { iter: 0 });
console.log(`map2alm iter 0 lmax ${lmax}: ${(performance.now() - t).toFixed(0)} ms, a(${lmax},${lmax}) = ${a2.re[almIndex(lmax, lmax, lmax)].toFixed(4)}, a(${lmax},0) = ${a2.re[almIndex(lmax, 0, lmax)].toFixed(4)}`);
