/**
 * High-energy background profile vs sin δ of the simulated sample (mean over seeds), by component:
 * what the PS likelihood's energy term sees near each source declination (issue 7, PS horizon).
 *   npx tsx scripts/diagnose-ps-horizon-profile.ts [nSeeds=10] [minLogE=4.5] [--model JSON]
 */
import { Rng } from '../src/stats/random.js';
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { dnnCascadeUptime } from '../src/sim/uptime.js';
import { DEFAULT_CASCADE_MODEL } from '../src/sim/cascadeModel.js';
import { simulateSample } from '../src/sim/simulate.js';
import { COMPONENTS } from '../src/events/sample.js';

const args = process.argv.slice(2);
const mi = args.indexOf('--model');
const model = { ...DEFAULT_CASCADE_MODEL, ...(mi >= 0 ? JSON.parse(args[mi + 1]) : {}) };
const pos = args.filter((a, i) => !a.startsWith('--') && (mi < 0 || i !== mi + 1));
const nSeeds = Number(pos[0] ?? 10);
const minLogE = Number(pos[1] ?? 4.5);
const irf = loadDnnCascadeIrf();
const edges = [-0.7, -0.5, -0.3, -0.15, -0.05, 0.05, 0.15, 0.3, 0.5, 0.7];
const nb = edges.length - 1, nc = 4;
const hi = new Float64Array(nb * nc), all = new Float64Array(nb);
for (let seed = 1; seed <= nSeeds; seed++) {
  const s = simulateSample({ irf, uptime: dnnCascadeUptime(irf.livetimeS), rng: new Rng(seed), background: model });
  for (let i = 0; i < s.n; i++) {
    const x = Math.sin(s.dec[i]);
    let b = -1;
    for (let k = 0; k < nb; k++) if (x >= edges[k] && x < edges[k + 1]) b = k;
    if (b < 0) continue;
    all[b]++;
    if (s.logE[i] > minLogE) hi[b * nc + s.component![i]]++;
  }
}
console.log(`mean over ${nSeeds} samples, per 0.1 in sin δ: all events, and E_reco > 10^${minLogE} GeV by component`);
console.log(`sin δ bin\tall\t${COMPONENTS.slice(0, nc).join('\t')}\ttotal hi`);
for (let b = 0; b < nb; b++) {
  const w = (edges[b + 1] - edges[b]) / 0.1, k = nSeeds * w;
  const row = Array.from({ length: nc }, (_, c) => hi[b * nc + c] / k);
  console.log(`[${edges[b]}, ${edges[b + 1]})\t${(all[b] / k).toFixed(0)}\t${row.map((v) => v.toFixed(1)).join('\t')}\t${row.reduce((a, v) => a + v, 0).toFixed(1)}`);
}
