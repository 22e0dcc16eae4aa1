/**
 * Binned effective areas A(E_true, sin δ_true) in cm².
 *
 * DNN cascades (Galactic-plane release, MainResult/effa_*.csv): 5 sin δ × 120 log-E bins,
 * summed over the three flavours, so it multiplies the PER-FLAVOUR (ν+ν̄) flux
 * (physics.md §1.7). 10-year PS tracks (arXiv:2101.09836): νμ+ν̄μ area, 50 declination ×
 * 40 log-E bins per season, multiplies the νμ+ν̄μ flux.
 */
import { FileFormatError } from '../errors.js';
import { findBin, irfDataPath, readMatrix, readNumericTable, readVector } from './tables.js';

export interface EffectiveArea {
  /** log10(E/GeV) bin edges, nE + 1. */
  logEEdges: Float64Array;
  /** sin δ bin edges, nDec + 1. */
  sinDecEdges: Float64Array;
  /** cm², row-major [decBin * nE + eBin]. */
  values: Float64Array;
  /** What flux it multiplies. */
  convention: 'per-flavour-sum' | 'numu';
}

export function nEBins(a: EffectiveArea): number {
  return a.logEEdges.length - 1;
}
export function nDecBins(a: EffectiveArea): number {
  return a.sinDecEdges.length - 1;
}

/** Effective area (cm²) at true energy E (GeV) and sin δ; 0 outside the table. */
export function aeffAt(a: EffectiveArea, eGeV: number, sinDec: number): number {
  const k = findBin(a.logEEdges, Math.log10(eGeV));
  const j = findBin(a.sinDecEdges, sinDec);
  if (k < 0 || j < 0) return 0;
  return a.values[j * nEBins(a) + k];
}

/** The DNN-cascade area of the 2023 release (shipped copy under data/irf/dnnc/). */
export function loadCascadeAeff(dir = irfDataPath('dnnc')): EffectiveArea {
  const eEdges = readVector(`${dir}/effa_bins_energy.csv`);
  const sEdges = readVector(`${dir}/effa_bins_sindec.csv`);
  const m = readMatrix(`${dir}/effa_values.csv`);
  const file = `${dir}/effa_values.csv`;
  if (m.nRows !== sEdges.length - 1 || m.nCols !== eEdges.length - 1) {
    throw new FileFormatError(file, 'shape', `${sEdges.length - 1} × ${eEdges.length - 1}`, `${m.nRows} × ${m.nCols}`);
  }
  return { logEEdges: eEdges.map(Math.log10), sinDecEdges: sEdges, values: m.data, convention: 'per-flavour-sum' };
}

/**
 * A 10-year PS-release effective-area table (`IC86_II_effectiveArea.csv` …). Columns
 * log10 Emin, log10 Emax, Dec_min [deg], Dec_max [deg], A_eff [cm²]. Accepts the official
 * headers (`# log10(E_nu/GeV)_min …`) and the short ones of the GitHub copy.
 */
export function loadPsAeff(file: string): EffectiveArea {
  const { rows } = readNumericTable(file);
  if (rows.length === 0) throw new FileFormatError(file, 'data', 'rows of 5 numbers', 'no rows');
  rows.forEach((r, i) => {
    if (r.length !== 5) throw new FileFormatError(file, `data row ${i + 1}`, '5 columns (Emin Emax Decmin Decmax Aeff)', `${r.length}`);
  });
  const eKeys = uniqueSorted(rows.map((r) => r[0]), rows.map((r) => r[1]));
  const dKeys = uniqueSorted(rows.map((r) => r[2]), rows.map((r) => r[3]));
  const nE = eKeys.length - 1, nD = dKeys.length - 1;
  if (nE * nD !== rows.length) throw new FileFormatError(file, 'grid', `${nE}×${nD} = ${nE * nD} rows`, `${rows.length}`);
  const values = new Float64Array(nE * nD);
  for (const r of rows) {
    const k = eKeys.indexOf(r[0]);
    const j = dKeys.indexOf(r[2]);
    values[j * nE + k] = r[4];
  }
  const sinDecEdges = Float64Array.from(dKeys, (d) => Math.sin((d * Math.PI) / 180));
  sinDecEdges[0] = -1;
  sinDecEdges[nD] = 1;
  return { logEEdges: Float64Array.from(eKeys), sinDecEdges, values, convention: 'numu' };
}

function uniqueSorted(lo: number[], hi: number[]): number[] {
  const s = Array.from(new Set([...lo, ...hi])).sort((a, b) => a - b);
  return s;
}
