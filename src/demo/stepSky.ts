/** Demo step: point-source background on a declination grid, the all-sky scan, the source list. */
import { DecBackground } from '../scan/significance.js';
import { pToSigma } from '../stats/normal.js';
import { pValueOf } from './pvalue.js';
import { TsDistribution } from '../stats/tsDistribution.js';
import { decBackground, fitSourceList, runScan, scanData, scanHotspots, sidak, type SourceFitRow } from './skyscan.js';
import type { DemoContext } from './run.js';

export interface SpotResult {
  raDeg: number;
  decDeg: number;
  ns: number;
  gamma: number;
  ts: number;
  pPre: number;
  sigmaPre: number;
  extrapolated: boolean;
  bound: boolean;
}

export interface SkyResults {
  decGridDeg: number[];
  psTrialsPerDec: number;
  energyPdf: string;
  scan: { nside: number; pixels: number; rankedBy: 'pre-trial p' | 'TS'; north: SpotResult | null; south: SpotResult | null; postTrial: string } | null;
  sourceList: {
    hottest: SourceFitRow;
    /** Šidák over the 109 sources treated as independent (an approximation: overlapping sources are correlated, so it is conservative) */
    pPostSidak: number;
    sigmaPostSidak: number;
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
  const pPost = sidak(hot.pPre, sources.length);

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
    scan = { nside: sc.nside, pixels: sc.nPixels, rankedBy: byP ? 'pre-trial p' : 'TS', north: spot(h.north), south: spot(h.south), postTrial: 'not computed: needs all-sky scans of scrambled data (paper: background scans)' };
  }
  ctx.artifacts.bgTs.ps = mergeDists(bg);
  return {
    decGridDeg: o.decGridDeg,
    psTrialsPerDec: per,
    energyPdf: 'ideal E^-γ power laws (as nusky scan and the ps trial kernel)',
    scan,
    sourceList: { hottest: hot, pPostSidak: pPost, sigmaPostSidak: pToSigma(Math.min(1, Math.max(pPost, 1e-300))), nSources: sources.length, sources },
  };
}

function mergeDists(bg: DecBackground): Float64Array {
  const all: number[] = [];
  for (const d of bg.dists as TsDistribution[]) all.push(...d.ts);
  return Float64Array.from(all);
}
