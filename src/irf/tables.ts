/**
 * Reading the small numeric tables shipped under data/irf/ (copies of the IceCube
 * data releases, see data/irf/README.md). Plain CSV / whitespace tables only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FileFormatError } from '../errors.js';

/** Absolute path of a file under the package's data/irf/ (works from src/ and dist/). */
export function irfDataPath(rel: string): string {
  return fileURLToPath(new URL(`../../data/irf/${rel}`, import.meta.url));
}

function parseNumber(tok: string, file: string, line: number): number {
  const v = Number(tok);
  if (tok === '' || !Number.isFinite(v)) throw new FileFormatError(file, `line ${line}`, 'a finite number', JSON.stringify(tok));
  return v;
}

/**
 * Numeric table: rows of numbers split on commas and/or whitespace. Lines that do not
 * start with a number (headers, with or without a leading '#') are returned as `header`.
 */
export function readNumericTable(file: string, text?: string): { header: string[]; rows: number[][] } {
  const src = text ?? readFileSync(file, 'utf8');
  const header: string[] = [];
  const rows: number[][] = [];
  const lines = src.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === '') continue;
    if (!/^[-+.\d]/.test(l) || /^[-+]?[A-Za-z]/.test(l)) {
      if (rows.length > 0) throw new FileFormatError(file, `line ${i + 1}`, 'numeric row', JSON.stringify(l.slice(0, 40)));
      header.push(l.replace(/^#\s*/, ''));
      continue;
    }
    const toks = l.split(/[\s,]+/).filter((t) => t !== '');
    rows.push(toks.map((t) => parseNumber(t, file, i + 1)));
  }
  return { header, rows };
}

/** All numbers of a file as one flat array (one-row or one-column release CSVs). */
export function readVector(file: string): Float64Array {
  const { rows } = readNumericTable(file);
  return Float64Array.from(rows.flat());
}

/** A rectangular matrix, row-major, checking that every row has the same length. */
export function readMatrix(file: string): { nRows: number; nCols: number; data: Float64Array } {
  const { rows } = readNumericTable(file);
  const nCols = rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== nCols) throw new FileFormatError(file, `row ${i + 1}`, `${nCols} values`, `${r.length}`);
  });
  return { nRows: rows.length, nCols, data: Float64Array.from(rows.flat()) };
}

/** A CSV with a header line of column names; returns columns by name. */
export function readNamedColumns(file: string): Record<string, Float64Array> {
  const { header, rows } = readNumericTable(file);
  if (header.length === 0) throw new FileFormatError(file, 'line 1', 'a header with column names', 'none');
  const names = header[header.length - 1].split(/[\s,]+/).filter((t) => t !== '');
  const out: Record<string, Float64Array> = {};
  names.forEach((n, j) => {
    out[n] = Float64Array.from(rows, (r, i) => {
      if (r.length !== names.length) throw new FileFormatError(file, `data row ${i + 1}`, `${names.length} values`, `${r.length}`);
      return r[j];
    });
  });
  return out;
}

/** Index of the bin of sorted `edges` holding x, or -1 outside [edges[0], edges[n]). */
export function findBin(edges: ArrayLike<number>, x: number): number {
  const n = edges.length - 1;
  if (!(x >= edges[0]) || !(x < edges[n])) return x === edges[n] ? n - 1 : -1;
  let lo = 0, hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x >= edges[mid]) lo = mid; else hi = mid;
  }
  return lo;
}
