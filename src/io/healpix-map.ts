/**
 * HEALPix map files exactly as healpy's read_map / write_map (healpy 1.16, fitsfunc.py):
 * a BINTABLE with PIXTYPE, ORDERING, NSIDE, COORDSYS, INDXSCHM, OBJECT, FIRSTPIX, LASTPIX.
 */
import { FitsError, InputError } from '../errors.js';
import { UNSEEN, type Frame, type Ordering, type SkyMap } from '../sky/types.js';
import { nside2npix, isNsideOk, reorder } from '../sky/healpix/index.js';
import { readFits, readBintable } from './fits/fits.js';
import type { ColumnData } from './fits/bintable.js';
import type { FitsHeader } from './fits/header.js';

/** COORDSYS letters as healpy writes them: G galactic, C (or Q) celestial = equatorial, E ecliptic. */
export type CoordSys = 'G' | 'C' | 'E';

/** COORDSYS → nusky frame. 'C' is taken as ICRS. Ecliptic ('E') has no nusky frame: undefined. */
export function coordsysToFrame(c: string | undefined): Frame | undefined {
  const k = c?.trim().toUpperCase()[0];
  if (k === 'G') return 'galactic';
  if (k === 'C' || k === 'Q') return 'equatorial';
  return undefined;
}

export function frameToCoordsys(f: Frame): CoordSys {
  return f === 'galactic' ? 'G' : 'C';
}

export interface MapColumn {
  name: string;
  unit?: string;
  tform: string;
  /** Full-sky values in the file's ordering (partial maps expanded with UNSEEN). */
  data: Float64Array;
}

export interface HealpixFile {
  nside: number;
  ordering: Ordering;
  /** COORDSYS as written, if any. */
  coordsys?: string;
  /** EXPLICIT indexing (a PIXEL column) */
  partial: boolean;
  columns: MapColumn[];
  header: FitsHeader;
}

export interface ReadMapOptions {
  /** HDU index or EXTNAME (default 1). */
  hdu?: number | string;
  /** Columns to read: indices (after the PIXEL column of partial maps, as healpy) or names. Default all. */
  field?: (number | string)[] | null;
  /** When neither OBJECT nor INDXSCHM says, assume a partial (EXPLICIT) file. healpy's `partial`. */
  partial?: boolean;
  /** Ordering to assume when ORDERING is absent (healpy assumes the requested one). Default RING. */
  orderingIfMissing?: Ordering;
}

/** Read the columns of a HEALPix FITS map in the file's own ordering, as Float64Array. Float UNSEEN-like values become exactly UNSEEN (healpy mask_bad). */
export function readHealpixFile(file: string, opts: ReadMapOptions = {}): HealpixFile {
  const fits = readFits(file);
  const table = readBintable(fits, opts.hdu ?? 1, { columns: [] });
  const h = table.header;
  const where = (k: string): string => `HDU ${h.ctx.hdu} keyword ${k}`;
  const obj = h.str('OBJECT')?.toUpperCase();
  const schm = h.str('INDXSCHM')?.toUpperCase();
  let partial = obj === 'PARTIAL' ? true : obj === 'FULLSKY' ? false : (opts.partial ?? false);
  if (schm === 'EXPLICIT') partial = true;
  else if (schm === 'IMPLICIT') partial = false;
  else if (schm !== undefined) throw new FitsError(file, where('INDXSCHM'), "'IMPLICIT' or 'EXPLICIT'", `'${schm}'`);
  if (obj === 'PARTIAL' && schm === 'IMPLICIT') throw new FitsError(file, where('INDXSCHM'), "'EXPLICIT' (OBJECT is 'PARTIAL')", "'IMPLICIT'");

  const specs = table.columns;
  const first = partial ? 1 : 0;
  if (specs.length <= first) throw new FitsError(file, `HDU ${h.ctx.hdu} columns`, partial ? 'a PIXEL column and at least one map column' : 'at least one map column', `${specs.length} columns`);
  const fields = opts.field ?? specs.slice(first).map((_, i) => i);
  const wanted = fields.map((f) => {
    const spec = typeof f === 'number' ? specs[f + first] : specs.find((s, i) => i >= first && s.name.toUpperCase() === f.toUpperCase());
    if (!spec) throw new FitsError(file, `HDU ${h.ctx.hdu} field ${f}`, `one of ${specs.slice(first).map((s, i) => `${i}=${s.name}`).join(', ')}`, 'no such column');
    return spec;
  });
  const data = readBintable(fits, opts.hdu ?? 1, { columns: [...(partial ? [0] : []), ...wanted.map((s) => s.name)], int64: 'number' }).data;

  let nside = h.num('NSIDE');
  const length = (c: ColumnData): number => c.length;
  if (nside === undefined) {
    if (partial) throw new FitsError(file, where('NSIDE'), 'an NSIDE (required for partial maps)', 'no such keyword');
    const n = length(data[wanted[0]!.name]!); // healpy: from the array length
    nside = Math.round(Math.sqrt(n / 12));
    if (!isNsideOk(nside) || nside2npix(nside) !== n) throw new FitsError(file, where('NSIDE'), 'an NSIDE, or a column of 12·nside² values', `no NSIDE and ${n} values`);
  }
  if (!Number.isInteger(nside) || !isNsideOk(nside)) throw new FitsError(file, where('NSIDE'), 'a power of 2', String(h.get('NSIDE')));
  const npix = nside2npix(nside);
  const ord = h.str('ORDERING')?.toUpperCase();
  let ordering: Ordering;
  if (ord === undefined || ord === 'UNDEF') ordering = opts.orderingIfMissing ?? 'RING';
  else if (ord === 'RING') ordering = 'RING';
  else if (ord.startsWith('NEST')) ordering = 'NESTED';
  else throw new FitsError(file, where('ORDERING'), "'RING' or 'NESTED'", `'${ord}'`);

  let pix: Float64Array | undefined;
  if (partial) {
    pix = toFloat64(data[specs[0]!.name]!, file, specs[0]!.name);
    for (let i = 0; i < pix.length; i++) {
      const p = pix[i]!;
      if (!Number.isInteger(p) || p < 0 || p >= npix) throw new FitsError(file, `HDU ${h.ctx.hdu} column ${specs[0]!.name} row ${i}`, `a pixel index in [0, ${npix})`, String(p));
    }
  }
  const columns = wanted.map((spec): MapColumn => {
    const values = toFloat64(data[spec.name]!, file, spec.name);
    let full: Float64Array;
    if (pix) {
      if (values.length !== pix.length) throw new FitsError(file, `HDU ${h.ctx.hdu} column ${spec.name}`, `${pix.length} values like the PIXEL column`, String(values.length));
      full = new Float64Array(npix).fill(UNSEEN);
      for (let i = 0; i < pix.length; i++) full[pix[i]!] = values[i]!;
    } else {
      if (values.length !== npix) throw new FitsError(file, `HDU ${h.ctx.hdu} column ${spec.name}`, `${npix} values for NSIDE ${nside}`, `${values.length}`);
      full = values;
    }
    if (spec.code === 'E' || spec.code === 'D') maskBad(full);
    const col: MapColumn = { name: spec.name, tform: spec.tform, data: full };
    if (spec.unit) col.unit = spec.unit;
    return col;
  });
  const out: HealpixFile = { nside, ordering, partial, columns, header: h };
  const cs = h.str('COORDSYS');
  if (cs) out.coordsys = cs;
  return out;
}

function toFloat64(c: ColumnData, file: string, name: string): Float64Array {
  if (c instanceof Float64Array) return c;
  if (Array.isArray(c)) throw new FitsError(file, `column ${name}`, 'a numeric column', 'a string column');
  if (c instanceof BigUint64Array) return Float64Array.from(c, (v) => Number(v));
  return Float64Array.from(c as ArrayLike<number>);
}

/** healpy mask_bad: |m − UNSEEN| ≤ 1e-8 + 1e-5·|UNSEEN| → exactly UNSEEN (float32-stored UNSEEN included). */
function maskBad(m: Float64Array): void {
  const tol = 1e-8 + 1e-5 * Math.abs(UNSEEN);
  for (let i = 0; i < m.length; i++) if (Math.abs(m[i]! - UNSEEN) <= tol) m[i] = UNSEEN;
}

export interface ReadSkyMapOptions extends Omit<ReadMapOptions, 'field'> {
  /** Output ordering: true → NESTED, false → RING (healpy's default), null → as in the file. */
  nest?: boolean | null;
  /** Frame to use when COORDSYS is absent. Without it such a file is an error (nusky never guesses a frame). */
  frame?: Frame;
  /** 'float32' rounds values to single precision, as healpy's dtype=np.float32. */
  dtype?: 'float64' | 'float32';
}

function toSkyMaps(f: HealpixFile, file: string, opts: ReadSkyMapOptions): SkyMap[] {
  let frame: Frame | undefined = opts.frame;
  if (f.coordsys !== undefined) {
    frame = coordsysToFrame(f.coordsys);
    if (!frame) throw new FitsError(file, `HDU ${f.header.ctx.hdu} keyword COORDSYS`, "'G' (galactic) or 'C'/'Q' (equatorial); ecliptic maps are not supported", `'${f.coordsys}'`);
    if (opts.frame && opts.frame !== frame) throw new InputError(`${file}: COORDSYS '${f.coordsys}' says ${frame}, but frame ${opts.frame} was asked for (use rotateMapFrame to change frames)`);
  }
  if (!frame) throw new FitsError(file, `HDU ${f.header.ctx.hdu} keyword COORDSYS`, "'G' or 'C' (or pass the frame option)", 'no such keyword');
  const target: Ordering = opts.nest === null ? f.ordering : opts.nest ? 'NESTED' : 'RING';
  return f.columns.map((c) => {
    let data = c.data;
    if (target !== f.ordering) data = reorder(data, target === 'NESTED' ? { r2n: true } : { n2r: true });
    if (opts.dtype === 'float32') for (let i = 0; i < data.length; i++) data[i] = data[i] === UNSEEN ? UNSEEN : Math.fround(data[i]!);
    const m: SkyMap = { nside: f.nside, ordering: target, frame: frame!, data, name: c.name };
    if (c.unit) m.unit = c.unit;
    return m;
  });
}

/** Read one map column (healpy `read_map(file, field)`; default field 0) as a SkyMap. */
export function readMap(file: string, opts: ReadSkyMapOptions & { field?: number | string } = {}): SkyMap {
  return toSkyMaps(readHealpixFile(file, { ...opts, field: [opts.field ?? 0], orderingIfMissing: opts.nest ? 'NESTED' : 'RING' }), file, opts)[0]!;
}

/** Read several map columns (healpy `read_map(file, field=None)`; default all) as SkyMaps. */
export function readMaps(file: string, opts: ReadSkyMapOptions & { field?: (number | string)[] | null } = {}): SkyMap[] {
  return toSkyMaps(readHealpixFile(file, { ...opts, orderingIfMissing: opts.nest ? 'NESTED' : 'RING' }), file, opts);
}
