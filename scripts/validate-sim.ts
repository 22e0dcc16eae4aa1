/**
 * Heavy validation of the DNN-cascade simulator against the release (paper Figs. S1, S2, S5).
 * Run: npx tsx scripts/validate-sim.ts [--seed N] [--model '{"convNorm":1.2}'] [--out DIR]
 * Needs ../shared/data (the release copy); results go to docs/events-irf-sim.md by hand.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rng } from '../src/stats/random.js';
import { loadDnnCascadeIrf } from '../src/irf/irf.js';
import { dnnCascadeUptime } from '../src/sim/uptime.js';
import { DEFAULT_CASCADE_MODEL } from '../src/sim/cascadeModel.js';
import { expectedBackground, simulateSample } from '../src/sim/simulate.js';
import { compareToRelease } from '../src/sim/validation.js';

const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const seed = Number(opt('--seed') ?? 1);
const model = { ...DEFAULT_CASCADE_MODEL, ...(opt('--model') ? JSON.parse(opt('--model')!) : {}) };
const release = resolve(process.cwd(), '../shared/data/icecube_galactic_plane_2023_release');
if (!existsSync(release)) { console.log(`skip: ${release} not found`); process.exit(0); }

const irf = loadDnnCascadeIrf();
console.log('expected:', JSON.stringify(expectedBackground(irf, model), (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
const t0 = performance.now();
const s = simulateSample({ irf, uptime: dnnCascadeUptime(irf.livetimeS), rng: new Rng(seed), background: model });
console.log(`simulated ${s.n} events in ${(performance.now() - t0).toFixed(0)} ms`);
const rep = compareToRelease(s, release, irf);
console.log(rep.text);
const out = opt('--out');
if (out) { mkdirSync(out, { recursive: true }); writeFileSync(`${out}/validation.json`, JSON.stringify(rep.json, null, 1)); }
void readFileSync;
