/**
 * `nusky trials bg|sig|merge|pvalue`, `nusky sensitivity`, `nusky scan`: trial
 * production, p-values, sensitivities and all-sky scans. Kernels are named
 * built-ins (`toy`, …) or module paths exporting createKernel(); --config is
 * JSON text or @file.json.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { emit } from '../output.js';
import { createProgress } from '../progress.js';
import { TrialPool } from '../../trials/runner.js';
import { loadKernel } from '../../trials/kernelLoader.js';
import { mergeTrials, readTrials, writeTrials } from '../../trials/storage.js';
import { TsDistribution } from '../../stats/tsDistribution.js';
import { pToSigma } from '../../stats/normal.js';
import { discoveryPotential, sensitivity } from '../../trials/analyses.js';
import type { KernelSpec } from '../../trials/kernel.js';
import type { TrialTable } from '../../trials/table.js';
import { registerScan } from './scan.js';

function parseConfig(text: string | undefined): unknown {
  if (!text) return {};
  const src = text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text;
  try {
    return JSON.parse(src);
  } catch (e) {
    throw new InputError(`--config: expected JSON (or @file.json), could not parse: ${(e as Error).message}`);
  }
}

function int(name: string, v: string): number {
  const x = Number(v);
  if (!Number.isInteger(x) || x < 0) throw new InputError(`${name}: expected a non-negative integer, found ${v}`);
  return x;
}

function num(name: string, v: string): number {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new InputError(`${name}: expected a number, found ${v}`);
  return x;
}

interface RunOpts {
  kernel: string;
  config?: string;
  n: string;
  seed: string;
  start: string;
  workers?: string;
  out?: string;
  json?: boolean;
}

function summary(t: TrialTable, out?: string): Record<string, unknown> {
  const ts = t.data[t.columns[2]];
  const d = new TsDistribution(ts);
  let zeros = 0;
  for (const v of ts) if (v <= 0) zeros++;
  return { file: out ?? null, trials: t.n, columns: t.columns, medianTs: d.median(), fractionZero: zeros / t.n, provenance: t.provenance };
}

async function runCmd(o: RunOpts, meanInjected: number, poisson: boolean): Promise<void> {
  const kernel: KernelSpec = { module: o.kernel, config: parseConfig(o.config) };
  const count = int('--n', o.n);
  const pool = new TrialPool({ workers: o.workers !== undefined ? int('--workers', o.workers) : undefined });
  const bar = createProgress(meanInjected > 0 ? `signal ${meanInjected}` : 'background', count, { json: o.json });
  try {
    const t = await pool.run({ kernel, seed: num('--seed', o.seed), start: int('--start', o.start), count, meanInjected, poisson }, (d) => bar.update(d));
    bar.stop();
    if (o.out) writeTrials(o.out, t);
    const s = summary(t, o.out);
    emit(s, Boolean(o.json), () => `${t.n} trials (${t.columns.slice(2).join(', ')}), median TS ${(s.medianTs as number).toFixed(4)}, TS = 0 in ${((s.fractionZero as number) * 100).toFixed(1)} %${o.out ? ` → ${o.out}` : ''}`);
  } finally {
    bar.stop();
    await pool.close();
  }
}

async function loadMerged(files: string[]): Promise<TrialTable> {
  return mergeTrials(await Promise.all(files.map((f) => readTrials(f))), files);
}

function addRunOptions(c: Command): Command {
  return c
    .requiredOption('--kernel <name|path>', 'trial kernel: built-in name (toy, toy-multi) or a module exporting createKernel()')
    .option('--config <json|@file>', 'kernel configuration (JSON text or @file.json)')
    .option('-n, --n <count>', 'number of trials', '1000')
    .option('--seed <seed>', 'master seed; trial k uses stream k', '0')
    .option('--start <k>', 'first trial index (disjoint ranges merge)', '0')
    .option('--workers <n>', 'worker threads (default: all cores; 0 = in-process)')
    .option('-o, --out <file.parquet>', 'write the trials to a Parquet file')
    .option('--json', 'print the result as JSON');
}

export function register(program: Command): void {
  const trials = program.command('trials').description('produce, merge and read background and signal trials');
  addRunOptions(trials.command('bg').description('background trials (RA scrambles, plus the 3° dec jitter for point sources)')).action((o: RunOpts) => runCmd(o, 0, true));
  addRunOptions(trials.command('sig').description('signal trials: Poisson-fluctuated injection around --ninj events'))
    .requiredOption('--ninj <mean>', 'mean number of injected signal events')
    .option('--no-poisson', 'inject exactly round(--ninj) events')
    .action((o: RunOpts & { ninj: string; poisson: boolean }) => runCmd(o, num('--ninj', o.ninj), o.poisson));
  trials
    .command('merge')
    .description('merge trial files of the same analysis (refuses mismatched configs and repeated trials)')
    .argument('<out>', 'output Parquet file')
    .argument('<inputs...>', 'input Parquet files')
    .option('--json', 'print the result as JSON')
    .action(async (out: string, inputs: string[], o: { json?: boolean }) => {
      const m = await loadMerged(inputs);
      writeTrials(out, m);
      emit(summary(m, out), Boolean(o.json), () => `merged ${inputs.length} files, ${m.n} trials → ${out}`);
    });
  trials
    .command('pvalue')
    .description('p-value of an observed TS from background trial files (tail fit beyond the trials, labelled extrapolated)')
    .requiredOption('--ts <value>', 'observed TS')
    .option('--column <name>', 'TS column (default: the first kernel column)')
    .option('--json', 'print the result as JSON')
    .argument('<bg...>', 'background trial files')
    .action(async (bg: string[], o: { ts: string; column?: string; json?: boolean }) => {
      const t = await loadMerged(bg);
      const d = new TsDistribution(t.data[o.column ?? t.columns[2]]);
      const pv = d.pValue(num('--ts', o.ts));
      const r = { ts: Number(o.ts), ...pv, sigma: pToSigma(pv.p), tail: pv.extrapolated ? d.tail() : undefined };
      emit(r, Boolean(o.json), () => `TS ${o.ts}: p = ${pv.p.toExponential(3)} [${pv.pLo.toExponential(2)}, ${pv.pHi.toExponential(2)}] (${r.sigma.toFixed(2)}σ) from ${pv.nTrials} trials${pv.extrapolated ? ' — EXTRAPOLATED from the fitted tail' : ''}`);
    });

  program
    .command('sensitivity')
    .description('sensitivity (90 % above the background median) and discovery potentials (50 % above nσ) by an adaptive search in injected strength')
    .requiredOption('--kernel <name|path>', 'trial kernel')
    .option('--config <json|@file>', 'kernel configuration')
    .requiredOption('--bg <files...>', 'background trial files of the same kernel and config')
    .option('--dp <sigmas>', 'discovery-potential significances, comma-separated (e.g. 3,4,5)', '')
    .option('--trials-per-step <n>', 'signal trials per strength', '500')
    .option('--guess <n>', 'first injected strength (events)', '10')
    .option('--flux-per-event <x>', "flux per injected event (default: the kernel's own conversion, e.g. E²dN/dE at 100 TeV with energy 'irf')")
    .option('--seed <seed>', 'seed for the signal trials', '1')
    .option('--workers <n>', 'worker threads')
    .option('--json', 'print the result as JSON')
    .action(async (o: { kernel: string; config?: string; bg: string[]; dp: string; trialsPerStep: string; guess: string; fluxPerEvent?: string; seed: string; workers?: string; json?: boolean }) => {
      const kernel: KernelSpec = { module: o.kernel, config: parseConfig(o.config) };
      const bgT = await loadMerged(o.bg);
      const bg = new TsDistribution(bgT.data[bgT.columns[2]]);
      const pool = new TrialPool({ workers: o.workers !== undefined ? int('--workers', o.workers) : undefined });
      const bar = createProgress('sensitivity', 1, { json: o.json });
      let fpe = o.fluxPerEvent !== undefined ? num('--flux-per-event', o.fluxPerEvent) : undefined;
      if (fpe === undefined) {
        const k = await loadKernel(kernel);
        const f = k.fluxPerEvent?.();
        if (f !== undefined && Number.isFinite(f)) fpe = f;
      }
      const common = { seed: num('--seed', o.seed), trialsPerStep: int('--trials-per-step', o.trialsPerStep), guess: num('--guess', o.guess), fluxPerEvent: fpe };
      let steps = 0;
      const onStep = (_: unknown, est: number | null) => { steps++; bar.update(steps, steps + 3); if (est !== null) bar.label(`n ≈ ${est.toFixed(2)}`); };
      try {
        const sens = await sensitivity(pool, kernel, bg, { ...common, onStep });
        const dps: ({ sigma: number } & Awaited<ReturnType<typeof discoveryPotential>>)[] = [];
        for (const s of o.dp.split(',').filter(Boolean)) {
          bar.label(`${s}σ DP`);
          dps.push({ sigma: Number(s), ...(await discoveryPotential(pool, kernel, bg, num('--dp', s), { ...common, onStep })) });
        }
        bar.stop();
        const r = { backgroundTrials: bg.n, medianTs: bg.median(), sensitivity: sens, discoveryPotentials: dps };
        emit(r, Boolean(o.json), () =>
          [
            `background: ${bg.n} trials, median TS ${bg.median().toFixed(4)}`,
            `sensitivity: ${sens.nSignal.toFixed(2)} events${sens.flux !== undefined ? ` = ${sens.flux.toExponential(3)} flux units` : ''} (±${(sens.relError * 100).toFixed(1)} %${sens.converged ? '' : ', NOT converged'})`,
            ...dps.map((d) => `${d.sigma}σ discovery potential: ${d.nSignal.toFixed(2)} events${d.flux !== undefined ? ` = ${d.flux.toExponential(3)}` : ''} (TS > ${d.threshold.toFixed(3)}${d.thresholdExtrapolated ? ', threshold EXTRAPOLATED from the tail fit' : ''})`),
          ].join('\n'),
        );
      } finally {
        bar.stop();
        await pool.close();
      }
    });

  registerScan(program);
}
