/**
 * Median π0 significance of the demo over several seeds (docs/demo.md): the quick preset's
 * sample and template searches, template background trials only (no scan, no sensitivity).
 *   npx tsx scripts/validate-demo.ts [nSeeds=10] [templateTrials=1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../src/demo/run.js';

const nSeeds = Number(process.argv[2] ?? 10);
const trials = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'nusky-demo-seeds-'));
const rows: { seed: number; ts: number; p: number; sigma: number; extrapolated: boolean; flux: number; signal: number }[] = [];
try {
  for (let seed = 1; seed <= nSeeds; seed++) {
    const t0 = Date.now();
    const { result } = await runDemo({ quick: true, seed, out: join(dir, String(seed)), templateTrials: trials, stackingTrials: 1, psTrialsPerDec: 0, scanNside: 0, sensitivityTrials: 0, report: false, workers: 0 });
    const r = result.rows[0];
    rows.push({ seed, ts: r.ts!, p: r.p!, sigma: r.sigma!, extrapolated: r.pExtrapolated, flux: r.flux!, signal: result.sample.byComponent.signal });
    console.log(`seed ${seed}: π0 TS ${r.ts!.toFixed(2)}, p ${r.p!.toExponential(2)} (${r.sigma!.toFixed(2)}σ${r.pExtrapolated ? ', extrapolated' : ''}), flux ${r.flux!.toFixed(1)}e-12, ${result.sample.byComponent.signal} signal events, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]); };
console.log(`\n${rows.length} seeds, ${trials} template trials each: median π0 significance ${med(rows.map((r) => r.sigma)).toFixed(2)}σ (paper 4.71σ), median TS ${med(rows.map((r) => r.ts)).toFixed(2)} (paper 22.19), median Wilks √TS ${med(rows.map((r) => Math.sqrt(r.ts))).toFixed(2)}σ, median flux ${med(rows.map((r) => r.flux)).toFixed(1)}e-12 (injected 21.8e-12)`);
