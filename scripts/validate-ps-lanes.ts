/**
 * Validation of the ps kernel's four-lane trial draws (src/stats/laneRng.ts; heavy, not a unit test):
 * (1) tables of jittered background trials are identical with 1 and 2 workers (chunk sizes differ);
 * (2) background p-values of jittered trials against a second, independent set of trials are uniform (KS),
 *     and TS > 0 fraction / mean agree between the two sets (both from the lane draws; the comparison with
 *     the previous Rng draws is in /work/notes/ps-speed-3.md).
 * Run: npx tsx scripts/validate-ps-lanes.ts [count]
 */
import { runTrials, TrialPool } from '../src/trials/runner.js';
import { ksTest } from '../src/stats/ks.js';

const count = Number(process.argv[2] ?? 2000);
const kernel = { module: 'ps', config: { synthetic: { nBackground: 4000, seed: 3 }, source: { ra: 120, dec: -30 } } };
const a = await runTrials({ kernel, seed: 42, count: 300 }, { workers: 1, chunkSize: 300 });
const pool = new TrialPool({ workers: 2, chunkSize: 37 });
const b = await pool.run({ kernel, seed: 42, count: 300 });
let same = true;
for (const c of a.columns) for (let k = 0; k < a.data[c].length; k++) if (!Object.is(a.data[c][k], b.data[c][k])) same = false;
console.log(`1 vs 2 workers (300 trials): ${same ? 'identical' : 'DIFFERENT'}`);
const bg = (await pool.run({ kernel, seed: 7, count })).data.ts;
const test = (await pool.run({ kernel, seed: 8, count })).data.ts;
await pool.close();
const sorted = Float64Array.from(bg).sort();
// p = fraction of the reference set with TS ≥ t, randomised within ties (TS = 0 is an atom)
const pv = Array.from(test, (t, k) => {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (sorted[m] < t) lo = m + 1; else hi = m; }
  let eq = lo;
  while (eq < sorted.length && sorted[eq] === t) eq++;
  const u = ((k * 0.6180339887498949) % 1);
  return (sorted.length - eq + u * (eq - lo)) / sorted.length;
});
const stats = (x: ArrayLike<number>) => { let s = 0, pos = 0; for (let k = 0; k < x.length; k++) { s += x[k]; if (x[k] > 0) pos++; } return `mean ${(s / x.length).toFixed(3)}, TS > 0 ${(pos / x.length).toFixed(3)}`; };
console.log(`reference set: ${stats(bg)}; test set: ${stats(test)}`);
console.log(`p-values of ${count} trials against ${count}: KS p = ${ksTest(pv, (x) => x).p.toFixed(3)}`);
