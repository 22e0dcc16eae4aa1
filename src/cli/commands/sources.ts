/**
 * `nusky search sources`: the source-list search (paper: 109 Galactic sources) — (n_s, γ) at each
 * listed position, pre-trial p from point-source background trials on a declination grid, and the
 * hottest source's post-trial p from correlated trials of the whole list (scan/sourceList).
 */
import type { Command } from 'commander';
import { loadCatalog } from '../../catalogs/catalog.js';
import { InputError } from '../../errors.js';
import { Dataset } from '../../likelihood/dataset.js';
import { scanDataFromDataset } from '../../scan/data.js';
import { decBackgroundTrials, fitSources, hottestSource, sourceListPostTrial, sourceListTrials, type ListedSource } from '../../scan/sourceList.js';
import { pToSigma } from '../../stats/normal.js';
import { idealEnergyGrid, loadEvents } from '../../trials/kernels/synthetic.js';
import { emit } from '../output.js';
import { createProgress } from '../progress.js';

const DEG = Math.PI / 180;

interface SourcesOpts {
  events: string;
  catalog: string;
  bgTrials: string;
  decStep: string;
  trials: string;
  seed: string;
  workers?: string;
  top: string;
  json?: boolean;
}

function int(name: string, v: string, min: number): number {
  const x = Number(v);
  if (!Number.isInteger(x) || x < min) throw new InputError(`${name}: expected an integer ≥ ${min}, found ${v}`);
  return x;
}

export function register(program: Command): void {
  const search = program.commands.find((c) => c.name() === 'search') ?? program.command('search');
  search
    .command('sources')
    .description('source-list search: (n_s, γ) at each source, pre-trial p from point-source background trials, post-trial p from correlated trials of the whole list')
    .requiredOption('--events <file>', 'event sample (Parquet/FITS/CSV)')
    .option('--catalog <sourcelist|snr|pwn|unid|file.csv>', "the paper's 109-source list (Table S5), a stacking catalogue, or a CSV with ra_deg, dec_deg [, name]", 'sourcelist')
    .option('--bg-trials <n>', 'point-source background trials per grid declination (paper: RA scrambles + 3° dec jitter)', '500')
    .option('--dec-step <deg>', 'declination grid step of the background trials (paper: 2)', '2')
    .option('--trials <n>', 'correlated source-list trials for the post-trial p (0: none)', '1000')
    .option('--seed <seed>', 'seed; grid declination k uses seed + k, the list trials seed + 10000', '1')
    .option('--workers <n>', 'worker threads (default: all cores; 0 = in-process)')
    .option('--top <n>', 'rows of the text table (sorted by pre-trial p)', '10')
    .option('--json', 'print every source and the post-trial result as JSON')
    .action(async (o: SourcesOpts) => {
      const cat = loadCatalog(o.catalog);
      const sources: ListedSource[] = cat.sources.map((s) => ({ name: s.name, ra: s.raDeg * DEG, dec: s.decDeg * DEG }));
      if (sources.length === 0) throw new InputError(`--catalog ${o.catalog}: no sources`);
      const nBg = int('--bg-trials', o.bgTrials, 1);
      const nList = int('--trials', o.trials, 0);
      const seed = int('--seed', o.seed, 0);
      const workers = o.workers === undefined ? undefined : int('--workers', o.workers, 0);
      const step = Number(o.decStep) * DEG;
      if (!(step > 0 && step <= 90 * DEG)) throw new InputError(`--dec-step: expected degrees in (0, 90], found ${o.decStep}`);
      // a grid covering every source declination (paper: −81° … 81° in 2° steps)
      let lo = Infinity, hi = -Infinity;
      for (const s of sources) { lo = Math.min(lo, s.dec); hi = Math.max(hi, s.dec); }
      const decs: number[] = [];
      for (let d = Math.floor(lo / step) * step; d <= hi + step / 2; d += step) decs.push(Math.max(-89 * DEG, Math.min(89 * DEG, d)));
      const events = { events: o.events };
      let bar = createProgress('background trials', decs.length * nBg, { json: o.json });
      const bg = await decBackgroundTrials(events, Float64Array.from(new Set(decs)), nBg, seed, workers, (d, t) => bar.update(d, t));
      bar.stop();
      const ds = new Dataset(await loadEvents(events));
      const fits = fitSources(scanDataFromDataset(ds, idealEnergyGrid(ds)), sources, bg);
      let post: ReturnType<typeof sourceListPostTrial>['post'] | null = null;
      if (nList > 0) {
        bar = createProgress('source-list trials', nList, { json: o.json });
        const mins = await sourceListTrials(events, sources, bg, nList, seed + 10000, workers, (d) => bar.update(d));
        bar.stop();
        post = sourceListPostTrial(fits, mins).post;
      }
      const hottest = hottestSource(fits);
      const deg = (f: (typeof fits)[number]) => ({ name: f.name, raDeg: f.ra / DEG, decDeg: f.dec / DEG, ts: f.ts, ns: f.ns, gamma: f.gamma, pPre: f.p, sigmaPre: pToSigma(Math.min(1, Math.max(f.p, 1e-300))), extrapolated: f.extrapolated });
      const result = {
        catalog: cat.name,
        events: ds.n,
        bgTrialsPerDec: nBg,
        decGridDeg: decs.map((d) => d / DEG),
        hottest: deg(hottest),
        postTrial: post ? { p: post.p, lo: post.lo, hi: post.hi, sigma: post.sigma, trials: post.nTrials } : null,
        sources: fits.map(deg),
      };
      emit(result, Boolean(o.json), () => {
        const rows = [...result.sources].sort((a, b) => a.pPre - b.pPre || b.ts - a.ts).slice(0, int('--top', o.top, 1));
        const pad = Math.max(6, ...rows.map((r) => r.name.length));
        const lines = [`${'source'.padEnd(pad)}  ${'RA°'.padStart(7)} ${'Dec°'.padStart(7)} ${'n_s'.padStart(7)} ${'γ'.padStart(5)} ${'TS'.padStart(7)}  p_pre`];
        for (const r of rows) lines.push(`${r.name.padEnd(pad)}  ${r.raDeg.toFixed(2).padStart(7)} ${r.decDeg.toFixed(2).padStart(7)} ${r.ns.toFixed(1).padStart(7)} ${r.gamma.toFixed(2).padStart(5)} ${r.ts.toFixed(2).padStart(7)}  ${r.pPre === 0 ? `< ${(1 / nBg).toExponential(1)}` : r.pPre.toExponential(2)}${r.extrapolated ? '*' : ''}`);
        lines.push(`hottest: ${result.hottest.name} (p_pre ${result.hottest.pPre.toExponential(2)})`);
        lines.push(post ? `post-trial p ${post.p === 0 ? `< ${post.hi.toExponential(2)}` : `${post.p.toExponential(2)} (${post.sigma.toFixed(2)}σ)`} from ${post.nTrials} correlated trials of ${sources.length} sources` : 'post-trial p: not computed (--trials 0)');
        lines.push('* p from the extrapolated tail fit of the background trials');
        return lines.join('\n');
      });
    });
}
