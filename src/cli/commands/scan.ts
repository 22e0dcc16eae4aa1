/** `nusky scan`: all-sky point-source scan with pixel p-values and hemisphere hot spots. */
import type { Command } from 'commander';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { renameSync, writeFileSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { emit } from '../output.js';
import { createProgress } from '../progress.js';
import { Dataset } from '../../likelihood/dataset.js';
import { scanDataFromDataset } from '../../scan/data.js';
import { ScanRunner } from '../../scan/scan.js';
import { DecBackground, hottestSpots, pixelPValues, scanTrials, type PixelPValues, type PostTrial } from '../../scan/significance.js';
import { hotspotPostTrial, scanTrialStats, scanTrialTable } from '../../scan/postTrials.js';
import { mergeTrials, readTrials, writeTrials } from '../../trials/storage.js';
import type { TrialTable } from '../../trials/table.js';
import { idealEnergyGrid, loadEvents, type EventSourceConfig } from '../../trials/kernels/synthetic.js';
import { TrialPool } from '../../trials/runner.js';
import { TsDistribution } from '../../stats/tsDistribution.js';
import { UNSEEN } from '../../sky/types.js';

const DEG = Math.PI / 180;

interface ScanOpts {
  events?: string;
  synthetic?: string;
  syntheticSeed: string;
  nside: string;
  decMin: string;
  decMax: string;
  bgTrials: string;
  decStep: string;
  workers?: string;
  seed: string;
  out?: string;
  json?: boolean;
  postTrials: string;
  postSeed: string;
  postStart: string;
  postOut?: string;
  postIn?: string[];
}

function num(name: string, v: string): number {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new InputError(`${name}: expected a number, found ${v}`);
  return x;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('all-sky scan: (n_s, γ) at every HEALPix pixel with δ in range; pixel p-values from background trials on a declination grid; hottest spot north and south')
    .option('--events <file>', 'event sample (Parquet/FITS/CSV)')
    .option('--synthetic <n>', 'use a synthetic cascade-like sample of n background events instead')
    .option('--synthetic-seed <seed>', 'seed of the synthetic sample', '12345')
    .option('--nside <n>', 'HEALPix nside of the scan grid', '64')
    .option('--dec-min <deg>', 'lowest declination', '-80')
    .option('--dec-max <deg>', 'highest declination', '80')
    .option('--bg-trials <n>', 'background trials per grid declination for pixel p-values (0: rank by TS only)', '0')
    .option('--dec-step <deg>', 'declination grid step of the background trials (paper: 2)', '2')
    .option('--seed <seed>', 'seed of the background trials', '1')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('-o, --out <file.parquet>', 'write pixel, ts, ns, gamma, mlog10p to Parquet')
    .option('--post-trials <n>', 'RA-scrambled background scans for the hot-spot post-trial p (paper: 1000)', '0')
    .option('--post-seed <seed>', 'seed of the background scans (scan k uses stream k)', '2')
    .option('--post-start <k>', 'index of the first background scan (to continue a run)', '0')
    .option('--post-out <file.parquet>', 'write the background scans as a trial table (mergeable: nusky trials merge)')
    .option('--post-in <files...>', 'background scans from earlier runs (trial tables of the same analysis)')
    .option('--json', 'print the result as JSON')
    .action(async (o: ScanOpts) => {
      const src: EventSourceConfig = o.events ? { events: o.events } : o.synthetic ? { synthetic: { nBackground: num('--synthetic', o.synthetic), seed: num('--synthetic-seed', o.syntheticSeed) } } : {};
      const ev = await loadEvents(src);
      const ds = new Dataset(ev);
      const data = scanDataFromDataset(ds, idealEnergyGrid(ds));
      const workers = o.workers !== undefined ? num('--workers', o.workers) : undefined;
      const decMin = num('--dec-min', o.decMin) * DEG, decMax = num('--dec-max', o.decMax) * DEG;
      const nside = num('--nside', o.nside);
      const runner = new ScanRunner(data, { workers });
      try {
        const t0 = Date.now();
        const bar = createProgress('scan rings', 1, { json: o.json });
        const scan = await runner.scan({ nside, decMin, decMax, onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        const scanSeconds = (Date.now() - t0) / 1000;
        let pv: PixelPValues | undefined;
        let bgDists: DecBackground | null = null;
        const nBg = num('--bg-trials', o.bgTrials);
        if (nBg > 0) {
          const step = num('--dec-step', o.decStep) * DEG;
          const decs: number[] = [];
          for (let d = decMin - step / 2; d <= decMax + step / 2 + 1e-12; d += step) decs.push(Math.max(-89 * DEG, Math.min(89 * DEG, d)));
          const pool = new TrialPool({ workers });
          const bb = createProgress('background', decs.length * nBg, { json: o.json });
          const dists: TsDistribution[] = [];
          try {
            for (let k = 0; k < decs.length; k++) {
              const t = await pool.run({ kernel: { module: 'ps', config: { ...src, source: { ra: 0, dec: decs[k] / DEG } } }, seed: num('--seed', o.seed) + k, count: nBg }, (d) => bb.update(k * nBg + d));
              dists.push(new TsDistribution(t.data.ts));
            }
          } finally {
            bb.stop();
            await pool.close();
          }
          bgDists = new DecBackground(Float64Array.from(decs), dists);
          pv = pixelPValues(scan, bgDists);
        }
        const spots = hottestSpots(scan, pv);
        // hot-spot post-trial p from RA-scrambled scans (new ones and/or earlier runs)
        const nPost = num('--post-trials', o.postTrials);
        const tables: TrialTable[] = [];
        const names: string[] = [];
        for (const f of o.postIn ?? []) { tables.push(await readTrials(f)); names.push(f); }
        let postSecondsPerScan: number | null = null;
        if (nPost > 0) {
          const analysis = { events: src, nside, decMin: o.decMin, decMax: o.decMax, background: nBg > 0 ? { trials: nBg, decStep: o.decStep, seed: o.seed } : null };
          const seed = num('--post-seed', o.postSeed), start = num('--post-start', o.postStart);
          const pb = createProgress('background scans', nPost, { json: o.json });
          const t1 = Date.now();
          const st = await scanTrials(data, bgDists, { nside, trials: nPost, seed, start, decMin, decMax, runner, onTrial: (d) => pb.update(d) });
          pb.stop();
          postSecondsPerScan = (Date.now() - t1) / 1000 / nPost;
          const table = scanTrialTable(st, seed, start, analysis);
          if (o.postOut) writeTrials(o.postOut, table);
          tables.push(table);
          names.push('this run');
        }
        const merged = tables.length > 0 ? mergeTrials(tables, names) : null;
        const post = merged ? hotspotPostTrial(spots, scanTrialStats(merged)) : null;
        if (o.out) {
          const pix: number[] = [], ts: number[] = [], ns: number[] = [], gm: number[] = [], lp: number[] = [];
          for (let p = 0; p < scan.ts.length; p++) {
            if (scan.ts[p] === UNSEEN) continue;
            pix.push(p); ts.push(scan.ts[p]); ns.push(scan.ns[p]); gm.push(scan.gamma[p]); lp.push(pv ? pv.mlog10p[p] : NaN);
          }
          const buf = parquetWriteBuffer({
            columnData: [
              { name: 'pixel', data: Int32Array.from(pix), type: 'INT32' },
              { name: 'ts', data: Float64Array.from(ts), type: 'DOUBLE' },
              { name: 'ns', data: Float64Array.from(ns), type: 'DOUBLE' },
              { name: 'gamma', data: Float64Array.from(gm), type: 'DOUBLE' },
              { name: 'mlog10p', data: Float64Array.from(lp), type: 'DOUBLE' },
            ],
            kvMetadata: [{ key: 'nusky.scan', value: JSON.stringify({ nside: scan.nside, ordering: 'RING', frame: 'equatorial', decMin: o.decMin, decMax: o.decMax, events: o.events ?? `synthetic ${o.synthetic}` }) }],
          });
          const tmp = `${o.out}.tmp-${process.pid}`;
          writeFileSync(tmp, new Uint8Array(buf));
          renameSync(tmp, o.out);
        }
        // a pre-trial p beyond the background trials comes from the tail fit (or its floor): flag it
        const deg = (h: typeof spots.north) => (h ? { ...h, raDeg: h.ra / DEG, decDeg: h.dec / DEG, pExtrapolated: pv ? pv.extrapolated[h.pixel] === 1 || h.p! < 1 / nBg : undefined } : null);
        const r = { nside: scan.nside, pixels: scan.nPixels, events: ds.n, seconds: scanSeconds, pValues: Boolean(pv), north: deg(spots.north), south: deg(spots.south), out: o.out ?? null, postTrial: post ? { scans: merged!.n, statistic: post.statistic, north: post.north, south: post.south, secondsPerScan: postSecondsPerScan, out: o.postOut ?? null } : null };
        const postLine = (name: string, p: PostTrial | null) => (p ? `${name}: p_post ${p.p.toExponential(2)} [${p.lo.toExponential(1)}, ${p.hi.toExponential(1)}] (${p.sigma.toFixed(2)}σ) from ${p.nTrials} scans` : `${name}: none`);
        const line = (name: string, h: ReturnType<typeof deg>) => (h ? `${name}: α ${h.raDeg.toFixed(2)}°, δ ${h.decDeg.toFixed(2)}°, TS ${h.ts.toFixed(2)}, n_s ${h.ns.toFixed(1)}, γ ${h.gamma.toFixed(2)}${h.p !== undefined ? `, p_pre ${h.p.toExponential(2)}${h.pExtrapolated ? ' (beyond the background trials: tail fit or 0 of the trials; use more --bg-trials)' : ''}` : ''}` : `${name}: none`);
        emit(r, Boolean(o.json), () => [`scanned ${scan.nPixels} pixels (nside ${scan.nside}) of ${ds.n} events in ${scanSeconds.toFixed(1)} s`, line('hottest north', r.north), line('hottest south', r.south), ...(post ? [`post-trial by ${post.statistic === 'p' ? 'smallest pre-trial p' : 'largest TS (no --bg-trials)'}${postSecondsPerScan !== null ? `, ${postSecondsPerScan.toFixed(1)} s per scan` : ''}:`, postLine('  north', post.north), postLine('  south', post.south)] : [])].join('\n'));
      } finally {
        await runner.close();
      }
    });
}
