import { brentMax } from './brent.js';
import { newNsFit, type NsFit } from './fitNs.js';
import type { SourceFit } from './sourceSearch.js';

/** What the robust (n_s, γ) fit needs from a search. */
export interface ProfileSearch {
  readonly gammaRange: [number, number];
  readonly gammaTol: number;
  /** n_s fit at fixed γ (warm start optional) */
  profile(gamma: number, out: NsFit, nsStart?: number): NsFit;
  /** TS at fixed (n_s, γ) */
  tsAt(ns: number, gamma: number): number;
}

/**
 * Robust fit (the fallback of fit()): profile TS(γ) = max_n TS(n, γ) on 4 scan points, then
 * Brent's method (tolerance 1e-3 in γ) on the bracket around the best one. The n_s fit at
 * each γ is warm-started from the previous one. Returns an internal object reused across calls.
 */
export function fitBrentProfile(s: ProfileSearch, out: SourceFit): SourceFit {
  const tmp = newNsFit();
  const [g0, g1] = s.gammaRange;
  const nScan = 4;
  const step = (g1 - g0) / (nScan - 1);
  let best = 0;
  let bestTs = -Infinity;
  let ns = 0;
  for (let j = 0; j < nScan; j++) {
    const f = s.profile(g0 + j * step, tmp, ns > 0 ? ns : undefined);
    ns = f.ns;
    if (f.ts > bestTs) {
      bestTs = f.ts;
      best = j;
    }
  }
  out.converged = true;
  if (!(bestTs > 0)) {
    // n̂_s = 0 at every scanned γ; TS = 0 and γ is undetermined (reported as the scan's best)
    out.ns = 0;
    out.ts = 0;
    out.gamma = g0 + best * step;
    out.iterations = nScan;
    return out;
  }
  let warm = 0;
  const prof = (g: number) => {
    const f = s.profile(g, tmp, warm > 0 ? warm : undefined);
    warm = f.ns;
    return f.ts;
  };
  const r = brentMax(prof, Math.max(g0, g0 + (best - 1) * step), Math.min(g1, g0 + (best + 1) * step), g0 + best * step, s.gammaTol);
  const f = s.profile(r.x, tmp, warm > 0 ? warm : undefined);
  out.gamma = r.x;
  out.ns = f.ns;
  out.ts = f.ts;
  out.iterations = nScan + r.evals + 1;
  return out;
}

/**
 * 68 % interval on n_s from the profile likelihood over γ (ΔTS = 1), by bisection on
 * n ↦ max_γ TS(n, γ) (γ maximised by golden section at each n).
 */
export function profileNsInterval(s: ProfileSearch, fit: SourceFit): [number, number] {
  const [g0, g1] = s.gammaRange;
  const prof = (ns: number) => {
    let best = -Infinity;
    let jb = 0;
    for (let j = 0; j <= 6; j++) {
      const t = s.tsAt(ns, g0 + ((g1 - g0) * j) / 6);
      if (t > best) {
        best = t;
        jb = j;
      }
    }
    const h = (g1 - g0) / 6;
    const gb = g0 + jb * h;
    return brentMax((g) => s.tsAt(ns, g), Math.max(g0, gb - h), Math.min(g1, gb + h), gb, 1e-4).fx;
  };
  const target = fit.ts - 1;
  const f = (ns: number) => prof(ns) - target;
  const bis = (lo: number, hi: number, up: boolean) => {
    for (let it = 0; it < 60 && hi - lo > 1e-3; it++) {
      const m = 0.5 * (lo + hi);
      if (f(m) > 0 === up) lo = m;
      else hi = m;
    }
    return 0.5 * (lo + hi);
  };
  const lower = f(0) >= 0 ? 0 : bis(0, fit.ns, false);
  let hi = Math.max(1, 2 * fit.ns);
  for (let k = 0; k < 40 && f(hi) > 0; k++) hi *= 2;
  return [lower, bis(fit.ns, hi, true)];
}
