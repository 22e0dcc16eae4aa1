import { readFits, readBintable, writeFits } from './fits/fits.js';
import type { ColumnData, ColumnInput } from './fits/bintable.js';
import type { CardValue, FitsHeader } from './fits/header.js';
import { InputError } from '../errors.js';

export interface TableData {
  /** Column name → values. Vector columns (TFORM "3D") are flattened row-major; see `repeat`. */
  columns: Record<string, ColumnData>;
  /** Column name → unit (TUNIT), only for columns that have one. */
  units: Record<string, string>;
  /** Column name → elements per row (1 for scalars; string width for A columns). */
  repeat: Record<string, number>;
  nrows: number;
  header: FitsHeader;
}

export interface ReadTableOptions {
  /** HDU index or EXTNAME. Default 1 (the first extension). */
  hdu?: number | string;
  /** Only these columns. */
  columns?: string[];
  /** 64-bit integer columns as BigInt64Array ('bigint', default) or Float64Array ('number', exact to 2^53 else FitsError). */
  int64?: 'bigint' | 'number';
}

/**
 * Read a FITS binary table (events, catalogs). Types follow TFORM: L → Uint8Array 0/1,
 * B → Uint8Array, I → Int16Array, J → Int32Array, K → BigInt64Array, E → Float32Array,
 * D → Float64Array, A → string[]; the unsigned TZERO convention gives Int8/Uint16/Uint32/BigUint64
 * arrays; any other TSCAL/TZERO gives Float64Array with TNULL → NaN.
 */
export function readTable(file: string, opts: ReadTableOptions = {}): TableData {
  const t = readBintable(readFits(file), opts.hdu ?? 1, opts);
  const units: Record<string, string> = {};
  const repeat: Record<string, number> = {};
  for (const c of t.columns) {
    if (!(c.name in t.data)) continue;
    if (c.unit) units[c.name] = c.unit;
    repeat[c.name] = c.repeat;
  }
  return { columns: t.data, units, repeat, nrows: t.nrows, header: t.header };
}

export interface WriteTableOptions {
  units?: Record<string, string>;
  extname?: string;
  /** Elements per row for vector columns (data length = rows × repeat). */
  repeat?: Record<string, number>;
  /** Columns (Uint8Array of 0/1) to write as FITS logicals (L). */
  logical?: string[];
  /** TNULL per integer column: the stored value that means "no value". */
  nulls?: Record<string, number | bigint>;
  /** Extra header keywords for the table HDU. */
  header?: Record<string, CardValue>;
  overwrite?: boolean;
}

/** Write columns as a FITS binary table (one extension after an empty primary HDU), atomically; `.gz` compresses. */
export function writeTable(file: string, columns: Record<string, ColumnData>, opts: WriteTableOptions = {}): void {
  const cols: ColumnInput[] = Object.entries(columns).map(([name, data]) => {
    const c: ColumnInput = { name, data };
    const unit = opts.units?.[name];
    if (unit) c.unit = unit;
    const rep = opts.repeat?.[name];
    if (rep !== undefined) c.repeat = rep;
    if (opts.logical?.includes(name)) c.logical = true;
    const tnull = opts.nulls?.[name];
    if (tnull !== undefined) c.tnull = tnull;
    return c;
  });
  for (const k of Object.keys(opts.units ?? {})) if (!(k in columns)) throw new InputError(`writeTable: unit given for unknown column ${k}`);
  const cards = Object.entries(opts.header ?? {}).map(([key, value]) => ({ key, value }));
  if (opts.extname) cards.push({ key: 'EXTNAME', value: opts.extname });
  writeFits(file, [{ columns: cols, cards }], { overwrite: opts.overwrite ?? false });
}
