/**
 * Validation of the template kernel's four-lane RA draws (src/trials/kernels/templateRaLanes.ts; heavy,
 * not a unit test), on issue 7's case (galactic band, nside 32, harmonic smoother, N = 59,592):
 * (1) tables of background trials are identical with 1 and 2 workers (chunk sizes differ);
 * (2) `count` background trials with the previous draws (raDraws 'rng': the trial's Rng stream) against `count`
 *     with the lane draws: two-sample KS of the TS and of n̂_s, fraction TS > 0 (z of the difference), means,
 *     quantiles, and the p-values of the lane trials against the Rng trials as background (KS against uniform);
 * (3) p-values of one set of lane trials against another set of lane trials (KS against uniform).
 * Run: npx tsx scripts/validate-template-lanes.ts [count]   (results: /work/notes/template-speed-4.md)
 */
import { runTrials, TrialPool } from '../src/trials/runner.js';
import { kolmogorovSf, ksTest } from '../src/stats/ks.js';

const count = Number(process.argv[2] ?? 5000);
const base = { synthetic: { nBackground: 59592, seed: 2023 }, templates: ['galactic-band'], nside: 32, smoother: 'harmonic' };
const lanes = { module: 'template', config: base };
const old = { module: 'template', config: { ...base, raDraws: 'rng' } };

const a = await runTrials({ kernel: lanes, seed: 42, count: 300 }, { workers: 1, chunkSize: 300 });
const pool = new TrialPool({ workers: 2, chunkSize: 37 });
const b = await pool.run({ kernel: lanes, seed: 42, count: 300 });
let same = true;
for (const c of a.columns) for (let k = 0; k < a.data[c].length; k++) if (!Object.is(a.data[c][k], b.data[c][k])) same = false;
console.log(`1 vs 2 workers (300 trials, chunks 300 vs 37): ${same ? 'identical' : 'DIFFERENT'}`);

const tOld = await pool.run({ kernel: old, seed: 7, count });
const tNew = await pool.run({ kernel: lanes, seed: 8, count });
const tNew2 = await pool.run({ kernel: lanes, seed: 9, count });
await pool.close();

/** two-sample KS: D over every value of either sample (ties, e.g. the atom at 0, handled), p by Stephens' form */
function ks2(x: ArrayLike<number>, y: ArrayLike<number>): { d: number; p: number } {
  const s = Float64Array.from(x).sort(), t = Float64Array.from(y).sort();
  let i = 0, j = 0, d = 0;
  while (i < s.length || j < t.length) {
    const v = Math.min(i < s.length ? s[i] : Infinity, j < t.length ? t[j] : Infinity);
    while (i < s.length && s[i] === v) i++;
    while (j < t.length && t[j] === v) j++;
    d = Math.max(d, Math.abs(i / s.length - j / t.length));
  }
  const ne = Math.sqrt((s.length * t.length) / (s.length + t.length));
  return { d, p: kolmogorovSf((ne + 0.12 + 0.11 / ne) * d) };
}
/** p = fraction of the reference with TS ≥ t, randomised within ties (TS = 0 is an atom) */
function pValues(ref: ArrayLike<number>, test: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(ref).sort();
  return Array.from(test, (t, k) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (sorted[m] < t) lo = m + 1; else hi = m; }
    let eq = lo;
    while (eq < sorted.length && sorted[eq] === t) eq++;
    const u = (k * 0.6180339887498949) % 1;
    return (sorted.length - eq + u * (eq - lo)) / sorted.length;
  });
}
const q = (x: ArrayLike<number>, p: number) => Float64Array.from(x).sort()[Math.floor(p * (x.length - 1))];
const summary = (name: string, ts: ArrayLike<number>, ns: ArrayLike<number>) => {
  let s = 0, sn = 0, pos = 0;
  for (let k = 0; k < ts.length; k++) { s += ts[k]; sn += ns[k]; if (ts[k] > 0) pos++; }
  console.log(`${name}: TS mean ${(s / ts.length).toFixed(4)}, TS > 0 ${(pos / ts.length).toFixed(4)}, TS q50/q90/q99 ${q(ts, 0.5).toFixed(3)}/${q(ts, 0.9).toFixed(3)}/${q(ts, 0.99).toFixed(3)}, n̂_s mean ${(sn / ts.length).toFixed(2)}, max TS ${q(ts, 1).toFixed(2)}`);
  return pos / ts.length;
};
const fo = summary(`Rng draws (${count}, seed 7)`, tOld.data.ts, tOld.data.ns);
const fn = summary(`lane draws (${count}, seed 8)`, tNew.data.ts, tNew.data.ns);
summary(`lane draws (${count}, seed 9)`, tNew2.data.ts, tNew2.data.ns);
const fp = (fo + fn) / 2;
console.log(`TS > 0: difference ${(fn - fo).toFixed(4)}, z = ${((fn - fo) / Math.sqrt((2 * fp * (1 - fp)) / count)).toFixed(2)}`);
const kTs = ks2(tOld.data.ts, tNew.data.ts), kNs = ks2(tOld.data.ns, tNew.data.ns);
console.log(`two-sample KS Rng vs lanes: TS D = ${kTs.d.toFixed(4)} (p = ${kTs.p.toFixed(3)}), n̂_s D = ${kNs.d.toFixed(4)} (p = ${kNs.p.toFixed(3)})`);
console.log(`p-values of the lane trials (seed 8) against the Rng trials as background: KS vs uniform p = ${ksTest(pValues(tOld.data.ts, tNew.data.ts), (x) => x).p.toFixed(3)}`);
console.log(`p-values of lane trials (seed 9) against lane trials (seed 8): KS vs uniform p = ${ksTest(pValues(tNew.data.ts, tNew2.data.ts), (x) => x).p.toFixed(3)}`);
