/** The demo's Table 1: one row per search, the published values beside, and its text form. */
import { pToSigma } from '../stats/normal.js';
import { PUBLISHED_HOTSPOT_NORTH, PUBLISHED_HOTSPOT_SOUTH, PUBLISHED_SOURCE_LIST, PUBLISHED_STACKING, PUBLISHED_TEMPLATES } from './published.js';
import type { DemoResult } from './run.js';
import type { DemoPValue } from './pvalue.js';

export interface TableRow {
  search: string;
  group: 'template' | 'stacking' | 'other';
  ns: number | null;
  gamma: number | null;
  ts: number | null;
  /** pre-trial p (post-trial for the source list, as the paper's Table 1) */
  p: number | null;
  sigma: number | null;
  pExtrapolated: boolean;
  /** p is an upper bound (no background trial reached the TS, too few trials for a tail fit) */
  pBound: boolean;
  pNote: string;
  /** flux and 68 % interval in `fluxUnit` (π0 and stacking: 1e-12 TeV cm⁻² s⁻¹) */
  flux: number | null;
  fluxLo: number | null;
  fluxHi: number | null;
  fluxUnit: string;
  sensitivity: number | null;
  sensitivityNote: string;
  published: { ns: number | null; gamma: number | null; ts: number | null; p: number; sigma: number; flux: number | null; fluxMinus: number | null; fluxPlus: number | null; sensitivity: number | null };
}

const E12 = 1e12;

function note(p: DemoPValue): string {
  return `${p.nTrials} bg trials${p.extrapolated ? ', tail EXTRAPOLATED' : ''}${p.bound ? ', no trial as large: upper bound' : ''}`;
}

export function tableRows(r: DemoResult): TableRow[] {
  const rows: TableRow[] = [];
  for (const t of r.templates.searches) {
    const pub = PUBLISHED_TEMPLATES.find((p) => p.key === t.key)!;
    const f = t.gamma === null ? 1 : E12;
    const s = t.sensitivity;
    rows.push({
      search: pub.label,
      group: 'template',
      ns: t.ns,
      gamma: t.gamma,
      ts: t.ts,
      p: t.pValue.p,
      sigma: t.pValue.sigma,
      pExtrapolated: t.pValue.extrapolated,
      pBound: t.pValue.bound,
      pNote: `${note(t.pValue)}; Wilks √TS = ${t.wilksSigma.toFixed(2)}σ`,
      flux: t.flux * f,
      fluxLo: t.fluxInterval68[0] * f,
      fluxHi: t.fluxInterval68[1] * f,
      fluxUnit: t.gamma === null ? 'x MF' : '1e-12 TeV cm^-2 s^-1',
      sensitivity: s ? s.flux * f : null,
      sensitivityNote: s ? `${s.trialsPerStep} signal trials/step${s.converged ? '' : ', not converged'}${r.provenance.options.quick ? ' (quick)' : ''}` : 'not computed',
      published: { ns: pub.ns, gamma: null, ts: pub.ts, p: pub.p, sigma: pub.sigma, flux: pub.flux, fluxMinus: pub.fluxMinus, fluxPlus: pub.fluxPlus, sensitivity: pub.sensitivity },
    });
  }
  for (const s of r.stacking) {
    const pub = PUBLISHED_STACKING.find((p) => p.key === s.key)!;
    rows.push({
      search: pub.label,
      group: 'stacking',
      ns: s.ns,
      gamma: s.gamma,
      ts: s.ts,
      p: s.pValue.p,
      sigma: s.pValue.sigma,
      pExtrapolated: s.pValue.extrapolated,
      pBound: s.pValue.bound,
      pNote: note(s.pValue),
      flux: s.flux * E12,
      fluxLo: s.fluxInterval68[0] * E12,
      fluxHi: s.fluxInterval68[1] * E12,
      fluxUnit: '1e-12 TeV cm^-2 s^-1',
      sensitivity: s.sensitivity ? s.sensitivity.flux * E12 : null,
      sensitivityNote: s.sensitivity
        ? `E^-2, catalogue total; 'stack' kernel: ${s.sensitivity.bgTrials} bg trials, ${s.sensitivity.trialsPerStep} signal trials per step, ±${(100 * s.sensitivity.relError).toFixed(0)} % stat${s.sensitivity.converged ? '' : ', NOT converged'}`
        : 'not computed (--sensitivity-trials 0)',
      published: { ns: pub.ns, gamma: pub.gamma, ts: null, p: pub.p, sigma: pub.sigma, flux: pub.flux, fluxMinus: null, fluxPlus: null, sensitivity: pub.sensitivity },
    });
  }
  const sky = r.sky;
  if (sky) {
    const sl = sky.sourceList;
    rows.push({
      search: `Source list (hottest: ${sl.hottest.name})`,
      group: 'other',
      ns: sl.hottest.ns,
      gamma: sl.hottest.gamma,
      ts: sl.hottest.ts,
      // no trial as extreme as the data: report the interval's upper end as a bound
      p: sl.postTrialMethod === 'trials' && sl.pPost === 0 ? sl.pPostHi! : sl.pPost,
      sigma: sl.postTrialMethod === 'trials' && sl.pPost === 0 ? pToSigma(sl.pPostHi!) : sl.sigmaPost,
      pExtrapolated: sl.hottest.extrapolated,
      // a bound on the hottest pre-trial p (ties at p = 0 count as at least as significant) makes the post-trial fraction an upper bound too
      pBound: sl.hottest.bound || (sl.postTrialMethod === 'trials' && sl.pPost === 0),
      pNote: sl.postTrialMethod === 'trials'
        ? `post-trial from ${sl.nTrials} correlated source-list trials (< ${sl.pPostHi!.toExponential(2)}); p_pre ${sl.hottest.pPre.toExponential(2)}`
        : `post-trial, Šidák ×${sl.nSources} (approx.); p_pre ${sl.hottest.pPre.toExponential(2)}`,
      flux: null, fluxLo: null, fluxHi: null, fluxUnit: '',
      sensitivity: null,
      sensitivityNote: '',
      published: { ns: PUBLISHED_SOURCE_LIST.ns, gamma: PUBLISHED_SOURCE_LIST.gamma, ts: null, p: PUBLISHED_SOURCE_LIST.pPost, sigma: PUBLISHED_SOURCE_LIST.sigmaPost, flux: null, fluxMinus: null, fluxPlus: null, sensitivity: null },
    });
    for (const [label, h, pub] of [['Hotspot (North)', sky.scan?.north, PUBLISHED_HOTSPOT_NORTH], ['Hotspot (South)', sky.scan?.south, PUBLISHED_HOTSPOT_SOUTH]] as const) {
      if (!h) continue;
      rows.push({
        search: `${label} α ${h.raDeg.toFixed(1)}° δ ${h.decDeg.toFixed(1)}°`,
        group: 'other',
        ns: h.ns,
        gamma: h.gamma,
        ts: h.ts,
        p: h.pPre,
        sigma: h.sigmaPre,
        pExtrapolated: h.extrapolated,
        pBound: h.bound,
        pNote: h.pPost !== undefined ? `PRE-trial; post-trial ${h.pPost.toExponential(2)} (< ${h.pPostHi!.toExponential(2)}, ${h.sigmaPost!.toFixed(2)}σ) from ${sky.scan!.nScanTrials} scrambled scans; nside ${sky.scan!.nside}` : `PRE-trial (post-trial not computed); nside ${sky.scan!.nside}`,
        flux: null, fluxLo: null, fluxHi: null, fluxUnit: '',
        sensitivity: null,
        sensitivityNote: '',
        published: { ns: pub.ns, gamma: pub.gamma, ts: null, p: pub.pPre, sigma: 0, flux: null, fluxMinus: null, fluxPlus: null, sensitivity: null },
      });
    }
  }
  return rows;
}

function g(x: number | null, d = 2): string {
  if (x === null || !Number.isFinite(x)) return '–';
  return Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-2) ? x.toExponential(d - 1) : x.toFixed(d);
}

export function pText(p: number | null, sigma: number | null, extrapolated = false, bound = false): string {
  if (p === null) return '–';
  return bound ? `< ${p.toExponential(2)} (> ${g(sigma)}σ)` : `${p.toExponential(2)} (${g(sigma)}σ)${extrapolated ? '*' : ''}`;
}

export function fluxText(r: TableRow): string {
  if (r.flux === null) return '–';
  return `${g(r.flux)} [${g(r.fluxLo)}, ${g(r.fluxHi)}]`;
}

function pubFlux(r: TableRow): string {
  const p = r.published;
  if (p.flux === null) return '–';
  return p.fluxMinus !== null ? `${g(p.flux)} +${g(p.fluxPlus)}/−${g(p.fluxMinus)}` : g(p.flux);
}

/** Plain-text table (monospace), demo values then the published ones. */
export function formatTable(rows: TableRow[]): string {
  const head = ['search', 'n̂_s', 'γ', 'TS', 'p (σ)', 'flux [68 %]', 'sens.', '| paper n̂_s', 'p (σ)', 'flux', 'sens.'];
  const body = rows.map((r) => [
    r.search,
    g(r.ns, 1),
    r.gamma === null ? '–' : g(r.gamma),
    g(r.ts),
    pText(r.p, r.sigma, r.pExtrapolated, r.pBound),
    fluxText(r),
    g(r.sensitivity),
    `| ${g(r.published.ns, 1)}`,
    r.group === 'other' && r.search.startsWith('Hotspot') ? `${r.published.p.toExponential(2)} pre` : pText(r.published.p, r.published.sigma),
    pubFlux(r),
    g(r.published.sensitivity),
  ]);
  const w = head.map((h, k) => Math.max(h.length, ...body.map((b) => b[k].length)));
  const line = (c: string[]) => c.map((x, k) => x.padEnd(w[k])).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...body.map(line)].join('\n');
}
