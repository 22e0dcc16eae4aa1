/** Demo step: point-source background on a declination grid, the all-sky scan, the source list. */
import { DecBackground, postTrialFromMinP, scanTrials } from '../scan/significance.js';
import { pToSigma } from '../stats/normal.js';
import { pValueOf } from './pvalue.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { decBackground, fitSourceList, runScan, scanData, scanHotspots, sidak, listTrials, type SourceFitRow } from './skyscan.js';
import type { DemoContext } from './run.js';

const DEG = Math.PI / 180;

export interface SpotResult extends Omit<SourceFitRow, 'name' | 'pRaw'> {
  sigmaPre: number;
  /** post-trial p from RA-scrambled scans (fraction whose hemisphere min p ≤ this spot's), when computed */
  pPost?: number;
  pPostHi?: number;
  sigmaPost?: number;
}

export interface SkyResults {
  decGridDeg: number[];
  psTrialsPerDec: number;
  energyPdf: string;
  scan: { nside: number; pixels: number; rankedBy: 'pre-trial p' | 'TS'; north: SpotResult | null; south: SpotResult | null; postTrial: string; nScanTrials: number } | null;
  sourceList: {
    hottest: SourceFitRow;
    /** post-trial p of the hottest source: from correlated source-list trials, or (0 trials) Šidák over independent sources */
    pPost: number;
    /** upper end of the 68 % Clopper–Pearson interval (trials only) */
    pPostHi?: number;
    sigmaPost: number;
    /** 'trials' (fraction of scrambles whose smallest source p ≤ the observed smallest) or 'sidak' (approximation, conservative for overlapping sources) */
    postTrialMethod: 'trials' | 'sidak';
    nTrials: number;
    nSources: number;
    sources: SourceFitRow[];
  };
}

export async function runSkyStep(ctx: DemoContext): Promise<SkyResults> {
  const { o, progress } = ctx;
  const data = scanData(ctx.ds);
  const per = Math.max(10, o.psTrialsPerDec);
  let bar = progress('point-source background', o.decGridDeg.length * per);
  const bg: DecBackground = await decBackground(ctx.eventsFile, o.decGridDeg, per, o.seed * 1000 + 500, o.workers, (d, t) => bar.update(d, t));
  bar.stop();

  const sources = fitSourceList(data, bg);
  // rank by the trial estimate (a bound means no trial was as large: rank it first), ties by TS
  const rank = (s: SourceFitRow) => (s.bound ? 0 : s.pPre);
  let hot = sources[0];
  for (const s of sources) if (rank(s) < rank(hot) || (rank(s) === rank(hot) && s.ts > hot.ts)) hot = s;
  let postTrial: Pick<SkyResults['sourceList'], 'pPost' | 'pPostHi' | 'sigmaPost' | 'postTrialMethod' | 'nTrials'>;
  if (o.sourceListTrials > 0) {
    bar = progress('source-list trials', o.sourceListTrials);
    const mins = await listTrials(ctx.eventsFile, bg, o.sourceListTrials, o.seed * 1000 + 600, o.workers, (d) => bar.update(d));
    bar.stop();
    // the trials' statistic is the smallest raw p over the list, so compare the observed smallest raw p
    const pt = postTrialFromMinP(Math.min(...sources.map((s) => s.pRaw)), mins);
    postTrial = { pPost: pt.p, pPostHi: pt.hi, sigmaPost: pt.sigma, postTrialMethod: 'trials', nTrials: pt.nTrials };
  } else {
    const p = sidak(hot.pPre, sources.length);
    postTrial = { pPost: p, sigmaPost: pToSigma(Math.min(1, Math.max(p, 1e-300))), postTrialMethod: 'sidak', nTrials: 0 };
  }

  let scan: SkyResults['scan'] = null;
  if (o.scanNside > 0) {
    bar = progress(`all-sky scan nside ${o.scanNside}`, 1);
    const sc = await runScan(data, o.scanNside, o.workers, (d, t) => bar.update(d, t));
    bar.stop();
    const byP = per >= 500; // enough trials per declination for a tail fit
    const h = scanHotspots(sc, bg, byP);
    ctx.artifacts.scan = sc;
    ctx.artifacts.pv = h.pv;
    const spot = (s: typeof h.north): SpotResult | null => {
      if (!s) return null;
      const pv = pValueOf(bg.at(s.dec), s.ts);
      return { raDeg: (s.ra * 180) / Math.PI, decDeg: (s.dec * 180) / Math.PI, ns: s.ns, gamma: s.gamma, ts: s.ts, pPre: pv.p, sigmaPre: pv.sigma, extrapolated: pv.extrapolated, bound: pv.bound };
    };
    const north = spot(h.north), south = spot(h.south);
    let postTrial = 'not computed: needs all-sky scans of scrambled data (paper: 1000 background scans; --scan-trials)';
    if (o.scanTrials > 0) {
      bar = progress(`background scans nside ${o.scanNside}`, o.scanTrials);
      const st = await scanTrials(data, bg, { nside: o.scanNside, trials: o.scanTrials, seed: o.seed * 1000 + 700, workers: o.workers, decMin: -80 * DEG, decMax: 80 * DEG, onTrial: (d) => bar.update(d) });
      bar.stop();
      for (const [s, mins] of [[north, st.north], [south, st.south]] as const) {
        if (!s) continue;
        // the trials' statistic is the raw trial p (k/n or tail), so compare with the raw observed p
        const pt = postTrialFromMinP(bg.at(s.decDeg * DEG).p(s.ts), mins);
        s.pPost = pt.p;
        s.pPostHi = pt.hi;
        s.sigmaPost = pt.sigma;
      }
      postTrial = `post-trial from ${o.scanTrials} RA-scrambled scans${byP ? '' : ' (observed spots ranked by TS, scrambled ones by p: approximate)'}`;
    }
    scan = { nside: sc.nside, pixels: sc.nPixels, rankedBy: byP ? 'pre-trial p' : 'TS', north, south, postTrial, nScanTrials: o.scanTrials };
  }
  ctx.artifacts.bgTs.ps = mergeDists(bg);
  return {
    decGridDeg: o.decGridDeg,
    psTrialsPerDec: per,
    energyPdf: 'ideal E^-γ power laws (as nusky scan and the ps trial kernel)',
    scan,
    sourceList: { hottest: hot, ...postTrial, nSources: sources.length, sources },
  };
}

function mergeDists(bg: DecBackground): Float64Array {
  const all: number[] = [];
  for (const d of bg.dists as TsDistribution[]) all.push(...d.ts);
  return Float64Array.from(all);
}
