/** writeMap: HEALPix FITS maps that healpy.read_map and astropy read back unchanged (healpy 1.16 write_map layout). */
import { InputError } from '../errors.js';
import { UNSEEN, type Ordering, type SkyMap } from '../sky/types.js';
import { npix2nside, nside2npix, reorder } from '../sky/healpix/index.js';
import { writeFits } from './fits/fits.js';
import type { ColumnData, ColumnInput } from './fits/bintable.js';
import type { Card, CardValue } from './fits/header.js';
import { frameToCoordsys, type CoordSys } from './healpix-map.js';

export type MapDtype = 'float32' | 'float64' | 'int32' | 'int64' | 'int';

export interface WriteMapOptions {
  /** Ordering to write: true NESTED, false RING. Default: the SkyMap's ordering (RING for plain arrays, as healpy). */
  nest?: boolean;
  /** COORDSYS. Default: from the SkyMap's frame; none for plain arrays (as healpy). Must agree with a SkyMap's frame. */
  coord?: CoordSys;
  /** TTYPE per column. Default: SkyMap names, else healpy's standard names (TEMPERATURE; Q/U_POLARISATION …). */
  columnNames?: string[];
  /** TUNIT per column (one string for all). Default: SkyMap units. */
  columnUnits?: string[] | string;
  /** Column type: float32 (E), float64 (D, default), int32 (J), int64 or int (K; healpy's dtype=int). */
  dtype?: MapDtype;
  /** Write only pixels that are not UNSEEN in the first map, with a PIXEL column (INDXSCHM EXPLICIT). */
  partial?: boolean;
  /** Write 1024-element rows (TFORM 1024E) like healpy's fits_IDL=True default, for npix > 1024. Default false. */
  fitsIdl?: boolean;
  overwrite?: boolean;
  /** Extra keywords for the map HDU: [key, value, comment?] rows or a key → value record. */
  extraHeader?: [string, CardValue, string?][] | Record<string, CardValue>;
}

const STANDARD_NAMES: Record<number, string[]> = {
  1: ['TEMPERATURE'],
  2: ['Q_POLARISATION', 'U_POLARISATION'],
  3: ['TEMPERATURE', 'Q_POLARISATION', 'U_POLARISATION'],
  6: ['II', 'IQ', 'IU', 'QQ', 'QU', 'UU'],
};

function convert(m: Float64Array, dtype: MapDtype, name: string): ColumnData {
  if (dtype === 'float64') return m;
  if (dtype === 'float32') return Float32Array.from(m);
  for (let i = 0; i < m.length; i++) {
    if (!Number.isInteger(m[i])) throw new InputError(`writeMap: column ${name} pixel ${i}: dtype ${dtype} needs integer values, found ${m[i]}`);
  }
  if (dtype === 'int32') {
    for (const v of m) if (v < -(2 ** 31) || v >= 2 ** 31) throw new InputError(`writeMap: column ${name}: value ${v} does not fit int32`);
    return Int32Array.from(m);
  }
  return BigInt64Array.from(m, (v) => BigInt(v));
}

/** Write one or several HEALPix maps (same nside) to a FITS file, atomically; `.gz` names are gzip-compressed. */
export function writeMap(file: string, maps: SkyMap | SkyMap[] | Float64Array | Float64Array[], opts: WriteMapOptions = {}): void {
  const list: (SkyMap | Float64Array)[] = Array.isArray(maps) ? maps : [maps];
  if (list.length === 0) throw new InputError('writeMap: no maps given');
  const sky = list.filter((m): m is SkyMap => !(m instanceof Float64Array));
  if (sky.length && sky.length !== list.length) throw new InputError('writeMap: give either SkyMaps or plain arrays, not both');
  const datas = list.map((m) => (m instanceof Float64Array ? m : m.data));
  const npix = datas[0]!.length;
  if (datas.some((d) => d.length !== npix)) throw new InputError('writeMap: maps must have the same number of pixels');
  const nside = npix2nside(npix);
  if (nside2npix(nside) !== npix) throw new InputError(`writeMap: ${npix} pixels is not a HEALPix map size`);

  const inOrdering: Ordering = sky[0]?.ordering ?? 'RING';
  if (sky.some((m) => m.ordering !== inOrdering || m.frame !== sky[0]!.frame || m.nside !== nside)) {
    throw new InputError('writeMap: SkyMaps must share nside, ordering and frame');
  }
  const ordering: Ordering = opts.nest === undefined ? inOrdering : opts.nest ? 'NESTED' : 'RING';
  let coord: string | undefined = opts.coord;
  if (sky.length) {
    const own = frameToCoordsys(sky[0]!.frame);
    if (coord !== undefined && coord !== own) throw new InputError(`writeMap: coord '${coord}' contradicts the maps' frame ${sky[0]!.frame} (use rotateMapFrame to change frames)`);
    coord = own;
  }
  const names = opts.columnNames ?? (sky.length && sky.every((m) => m.name) ? sky.map((m) => m.name!) : STANDARD_NAMES[list.length] ?? list.map((_, i) => `COLUMN_${i + 1}`));
  if (names.length !== list.length) throw new InputError(`writeMap: ${names.length} column names for ${list.length} maps`);
  const units = typeof opts.columnUnits === 'string' ? list.map(() => opts.columnUnits as string) : opts.columnUnits ?? sky.map((m) => m.unit ?? '');
  if (units.length && units.length !== list.length) throw new InputError(`writeMap: ${units.length} column units for ${list.length} maps`);
  const dtype = opts.dtype ?? 'float64';

  let ordered = datas.map((d) => (ordering === inOrdering ? d : reorder(d, ordering === 'NESTED' ? { r2n: true } : { n2r: true })));
  const columns: ColumnInput[] = [];
  if (opts.partial) {
    const m0 = ordered[0]!;
    const tol = 1e-8 + 1e-5 * Math.abs(UNSEEN); // healpy mask_good
    const pix: number[] = [];
    for (let i = 0; i < npix; i++) if (!(Math.abs(m0[i]! - UNSEEN) <= tol)) pix.push(i);
    if (pix.length === 0) throw new InputError('writeMap: partial map has no pixel that is not UNSEEN');
    ordered = ordered.map((d) => Float64Array.from(pix, (p) => d[p]!));
    const max = pix[pix.length - 1]!;
    // healpy: getformat(np.min_scalar_type(-pix.max())) → I (≤ int16), J, or K.
    const pixCol = max <= 32768 ? Int16Array.from(pix) : max <= 2 ** 31 ? Int32Array.from(pix) : BigInt64Array.from(pix, (p) => BigInt(p));
    columns.push({ name: 'PIXEL', data: pixCol });
  }
  ordered.forEach((d, i) => {
    const repeat = opts.fitsIdl && !opts.partial && d.length > 1024 ? 1024 : 1;
    const col: ColumnInput = { name: names[i]!, data: convert(d, dtype, names[i]!), repeat };
    if (units[i]) col.unit = units[i]!;
    columns.push(col);
  });

  const cards: Card[] = [{ key: 'PIXTYPE', value: 'HEALPIX', comment: 'HEALPIX pixelisation' }, { key: 'ORDERING', value: ordering, comment: 'Pixel ordering scheme, either RING or NESTED' }];
  if (coord) cards.push({ key: 'COORDSYS', value: coord, comment: 'Ecliptic, Galactic or Celestial (equatorial)' });
  cards.push({ key: 'EXTNAME', value: 'xtension', comment: 'name of this binary table extension' });
  cards.push({ key: 'NSIDE', value: nside, comment: 'Resolution parameter of HEALPIX' });
  if (!opts.partial) {
    cards.push({ key: 'FIRSTPIX', value: 0, comment: 'First pixel # (0 based)' });
    cards.push({ key: 'LASTPIX', value: npix - 1, comment: 'Last pixel # (0 based)' });
  }
  cards.push({ key: 'INDXSCHM', value: opts.partial ? 'EXPLICIT' : 'IMPLICIT', comment: 'Indexing: IMPLICIT or EXPLICIT' });
  cards.push({ key: 'OBJECT', value: opts.partial ? 'PARTIAL' : 'FULLSKY', comment: 'Sky coverage, either FULLSKY or PARTIAL' });
  const extra = opts.extraHeader ?? [];
  const rows: [string, CardValue, string?][] = Array.isArray(extra) ? extra : Object.entries(extra).map(([k, v]) => [k, v]);
  for (const [key, value, comment] of rows) {
    const i = cards.findIndex((c) => c.key === key.toUpperCase());
    const card: Card = comment === undefined ? { key: key.toUpperCase(), value } : { key: key.toUpperCase(), value, comment };
    if (i >= 0) cards[i] = card; // like healpy: extra_header entries replace the standard ones
    else cards.push(card);
  }
  writeFits(file, [{ columns, cards }], { overwrite: opts.overwrite ?? false });
}
