/**
 * Map comparisons used by the template tests and scripts/validate-templates.ts: Pearson correlation
 * of log-intensity, latitude/longitude profiles, and region-averaged spectra (Galactic l, b in degrees).
 */
import { pixCentersRing, resampleRing } from './sky-util.js';
import type { Template } from './template.js';

export interface GalPixels {
  l: Float64Array;
  b: Float64Array;
}

/** Galactic longitude in (−180, 180] and latitude (degrees) of RING pixel centres. */
export function galacticPixels(nside: number): GalPixels {
  const { theta, phi } = pixCentersRing(nside);
  const l = new Float64Array(theta.length);
  const b = new Float64Array(theta.length);
  for (let p = 0; p < theta.length; p++) {
    const ld = (phi[p] * 180) / Math.PI;
    l[p] = ld > 180 ? ld - 360 : ld;
    b[p] = 90 - (theta[p] * 180) / Math.PI;
  }
  return { l, b };
}

/** Pearson r of log(a) vs log(b) over pixels where mask(p) is true and both are > 0. */
export function pearsonLog(a: ArrayLike<number>, bm: ArrayLike<number>, mask: (p: number) => boolean): number {
  let n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (let p = 0; p < a.length; p++) {
    if (!mask(p) || !(a[p] > 0) || !(bm[p] > 0)) continue;
    const x = Math.log(a[p]);
    const y = Math.log(bm[p]);
    n++; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
  }
  const cov = sxy / n - (sx / n) * (sy / n);
  return cov / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
}

/**
 * Mean of `map` in bins of `coord` (l or b) between edges, over pixels passing `mask`, normalised so
 * the profile sums to 1 (shape comparison).
 */
export function profile(map: ArrayLike<number>, coord: Float64Array, edges: number[], mask: (p: number) => boolean): Float64Array {
  const n = edges.length - 1;
  const s = new Float64Array(n);
  const c = new Float64Array(n);
  for (let p = 0; p < map.length; p++) {
    if (!mask(p)) continue;
    const v = coord[p];
    if (v < edges[0] || v >= edges[n]) continue;
    let i = 0;
    while (v >= edges[i + 1]) i++;
    s[i] += map[p];
    c[i]++;
  }
  let tot = 0;
  for (let i = 0; i < n; i++) {
    s[i] = c[i] > 0 ? s[i] / c[i] : 0;
    tot += s[i];
  }
  for (let i = 0; i < n; i++) s[i] /= tot;
  return s;
}

/** Mean intensity per energy over the region |l| < lMax, |b| < bMax (cube in any frame). */
export function regionSpectrum(t: Template, lMax: number, bMax: number): Float64Array {
  const nE = (t.energies as Float64Array).length;
  const data = t.frame === 'galactic' ? t.data : resampleRing(t.data, nE, t.nside, t.frame, t.nside, 'galactic');
  const { l, b } = galacticPixels(t.nside);
  const s = new Float64Array(nE);
  let n = 0;
  for (let p = 0; p < l.length; p++) {
    if (Math.abs(l[p]) >= lMax || Math.abs(b[p]) >= bMax) continue;
    n++;
    for (let i = 0; i < nE; i++) s[i] += data[p * nE + i];
  }
  for (let i = 0; i < nE; i++) s[i] /= n;
  return s;
}

/** log-log interpolation of y(x) at x0 (x increasing, y > 0). */
export function interpLogLog1(x: ArrayLike<number>, y: ArrayLike<number>, x0: number): number {
  let i = 0;
  while (i < x.length - 2 && x[i + 1] < x0) i++;
  const t = Math.log(x0 / x[i]) / Math.log(x[i + 1] / x[i]);
  return Math.exp(Math.log(y[i]) + t * Math.log(y[i + 1] / y[i]));
}

/** The digitised KRA-γ Fig. 2 curves: rows of (cutoffPeV, E_TeV, E²Φ all-flavour GeV cm⁻² s⁻¹ sr⁻¹). */
export function parseKraFig2(csv: string): { cutoffPeV: number; eTeV: number; e2flux: number }[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [c, e, f] = line.split(',').map(Number);
      return { cutoffPeV: c, eTeV: e, e2flux: f };
    });
}

/** Ratios model/digitised at the digitised energies, for one cut-off. */
export function kraRatios(t: Template, rows: ReturnType<typeof parseKraFig2>, cutoffPeV: number): { eTeV: number; ratio: number }[] {
  const s = regionSpectrum(t, 30, 4);
  const e = t.energies as Float64Array;
  const e2 = Float64Array.from(s, (v, i) => v * e[i] * e[i]);
  return rows
    .filter((r) => r.cutoffPeV === cutoffPeV)
    .map((r) => ({ eTeV: r.eTeV, ratio: interpLogLog1(e, e2, r.eTeV * 1e3) / r.e2flux }));
}
