/**
 * One trial kernel case in a process of its own (no other kernel's garbage in the CPU time):
 *   npx tsx bench/one-trial.ts <module> '<config json>' [nInjected] [reps]
 * prints the CPU and wall medians per trial. bench/trials.bench.ts times every case in one process.
 */
import { loadKernel } from '../src/trials/kernelLoader.js';
import { Rng } from '../src/stats/random.js';
import { medianCpuMs, medianMs } from './util.js';

const [module, json, nInj = '0', reps = '101'] = process.argv.slice(2);
const k = await loadKernel({ module, config: JSON.parse(json) });
const out = new Float64Array(k.columns.length);
let i = 0;
const run = () => k.run(Rng.forStream(1, i++), Number(nInj), out);
const cpu = medianCpuMs(run, Number(reps), 20);
const wall = medianMs(run, Number(reps), 5);
if (process.env.NUSKY_BENCH_JSON === '1') console.log(JSON.stringify({ cpu, wall }));
else console.log(`${module} ${json} +${nInj}: CPU ${cpu.toFixed(2)} ms, wall ${wall.toFixed(2)} ms (median of ${reps})`);
