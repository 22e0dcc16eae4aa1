/**
 * One trial kernel from two source trees in one process, trials alternating, so that the machine's swings
 * (a shared VM reads the same tree 3.5 and 6 ms within a minute) hit both alike:
 *   git worktree add /tmp/old <rev> && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   npx tsx bench/pair-trees.ts /tmp/old <module> '<config json>' [reps]
 * prints both medians, the median of the per-trial differences and the ratio of the medians.
 */
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { loadKernel } from '../src/trials/kernelLoader.js';
import { Rng } from '../src/stats/random.js';

const [oldTree, module, json, reps = '201'] = process.argv.slice(2);
if (!oldTree || !module || !json) throw new Error('usage: npx tsx bench/pair-trees.ts OLD_TREE MODULE CONFIG_JSON [reps]');
const old = await import(pathToFileURL(resolve(oldTree, 'src/trials/kernelLoader.ts')).href);
const config = JSON.parse(json);
const kernels = [await old.loadKernel({ module, config }), await loadKernel({ module, config })];
const out = new Float64Array(16);
const times: number[][] = [[], []];
const r = new Rng(1);
const c0 = performance.now();
for (let i = 0; i < 1e6; i++) r.uniform();
const calib = performance.now() - c0;
for (let t = 0; t < Number(reps) + 10; t++) {
  for (const q of [0, 1]) {
    const s = performance.now();
    kernels[q].run(Rng.forStream(1, t), 0, out);
    if (t >= 10) times[q].push(performance.now() - s);
  }
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
const diff = median(times[0].map((x, i) => times[1][i] - x));
const [mo, mn] = [median(times[0]), median(times[1])];
console.log(`${module}: old ${mo.toFixed(2)} ms, new ${mn.toFixed(2)} ms, median(new − old) ${diff.toFixed(2)} ms, ratio ${(mn / mo).toFixed(3)}; calibration ${calib.toFixed(1)} ms, load ${loadavg()[0].toFixed(2)}`);
