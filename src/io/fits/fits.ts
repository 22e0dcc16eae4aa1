import { FitsError, InputError } from '../../errors.js';
import { readFileMaybeGzip, writeFileAtomic } from '../file.js';
import { BLOCK, FitsHeader, formatHeader, parseHeader, type Card } from './header.js';
import { decodeColumn, encodeTable, tableLayout, type ColumnData, type ColumnInput, type ColumnSpec, type DecodeOptions } from './bintable.js';

export type HduType = 'primary' | 'image' | 'bintable' | 'table' | 'other';

export interface Hdu {
  index: number;
  type: HduType;
  header: FitsHeader;
  dataStart: number;
  dataBytes: number;
}

/** A parsed FITS file: every HDU's header, with data decoded on demand. */
export interface FitsFile {
  file: string;
  bytes: Uint8Array;
  hdus: Hdu[];
}

/** Read a FITS file (gzip-compressed or not) and parse all its headers. */
export function readFits(file: string): FitsFile {
  return parseFits(readFileMaybeGzip(file), file);
}

function dataSize(h: FitsHeader): number {
  const naxis = h.int('NAXIS', { min: 0 });
  const bitpix = h.int('BITPIX');
  if (![8, 16, 32, 64, -32, -64].includes(bitpix)) throw new FitsError(h.ctx.file, `HDU ${h.ctx.hdu} keyword BITPIX`, 'one of 8 16 32 64 -32 -64', String(bitpix));
  if (naxis === 0) return 0;
  let n = 1;
  for (let i = 1; i <= naxis; i++) n *= h.int(`NAXIS${i}`, { min: 0 });
  const pcount = h.has('PCOUNT') ? h.int('PCOUNT', { min: 0 }) : 0;
  const gcount = h.has('GCOUNT') ? h.int('GCOUNT', { min: 1 }) : 1;
  return (Math.abs(bitpix) / 8) * gcount * (pcount + n);
}

/** Parse FITS bytes. Checks the mandatory keywords and that every HDU's data is present. */
export function parseFits(bytes: Uint8Array, file: string): FitsFile {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(30, bytes.length)).toString('latin1');
  if (!/^SIMPLE  = {20}T$/.test(head)) {
    throw new FitsError(file, 'HDU 0 first card', "'SIMPLE  =                    T' (a FITS file)", JSON.stringify(head.replace(/[^\x20-\x7e]/g, '?')));
  }
  const hdus: Hdu[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const index = hdus.length;
    if (index > 0) {
      // Trailing zero padding or junk shorter than a block is tolerated, as astropy does.
      const key = Buffer.from(bytes.buffer, bytes.byteOffset + pos, Math.min(8, bytes.length - pos)).toString('latin1');
      if (key !== 'XTENSION') {
        if (bytes.length - pos < BLOCK || bytes.subarray(pos).every((b) => b === 0)) break;
        throw new FitsError(file, `HDU ${index} first card`, 'XTENSION', JSON.stringify(key.replace(/[^\x20-\x7e]/g, '?')));
      }
    }
    const { header, dataStart } = parseHeader(bytes, pos, { file, hdu: index });
    const dataBytes = dataSize(header);
    if (dataStart + dataBytes > bytes.length) {
      throw new FitsError(file, `HDU ${index} data`, `${dataBytes} bytes`, `${Math.max(0, bytes.length - dataStart)} (truncated file)`);
    }
    let type: HduType = 'primary';
    if (index > 0) {
      const x = header.str('XTENSION');
      type = x === 'BINTABLE' ? 'bintable' : x === 'IMAGE' ? 'image' : x === 'TABLE' ? 'table' : 'other';
    }
    hdus.push({ index, type, header, dataStart, dataBytes });
    pos = dataStart + Math.ceil(dataBytes / BLOCK) * BLOCK;
  }
  return { file, bytes, hdus };
}

/** Find an HDU by index or by EXTNAME (case-insensitive). */
export function getHdu(fits: FitsFile, hdu: number | string): Hdu {
  const found = typeof hdu === 'number' ? fits.hdus[hdu] : fits.hdus.find((h) => h.header.str('EXTNAME')?.toUpperCase() === hdu.toUpperCase());
  if (!found) throw new FitsError(fits.file, `HDU ${hdu}`, `an HDU index < ${fits.hdus.length} or an existing EXTNAME`, 'no such HDU');
  return found;
}

export interface Table {
  header: FitsHeader;
  nrows: number;
  columns: ColumnSpec[];
  /** Column name → decoded values (multi-element rows flattened, row-major). */
  data: Record<string, ColumnData>;
}

/** Decode a BINTABLE HDU. `columns` limits which ones are decoded (names or 0-based indices). */
export function readBintable(fits: FitsFile, hdu: number | string, opts: DecodeOptions & { columns?: (string | number)[] } = {}): Table {
  const h = getHdu(fits, hdu);
  const ctx = h.header.ctx;
  if (h.type !== 'bintable') throw new FitsError(fits.file, `HDU ${h.index} keyword XTENSION`, "'BINTABLE'", h.index === 0 ? 'the primary HDU' : JSON.stringify(h.header.str('XTENSION')));
  if (h.header.int('BITPIX') !== 8) throw new FitsError(fits.file, `HDU ${h.index} keyword BITPIX`, '8', String(h.header.get('BITPIX')));
  if (h.header.int('NAXIS') !== 2) throw new FitsError(fits.file, `HDU ${h.index} keyword NAXIS`, '2', String(h.header.get('NAXIS')));
  const { nrows, rowBytes, columns } = tableLayout(h.header);
  const wanted = opts.columns?.map((c) => {
    const spec = typeof c === 'number' ? columns[c] : columns.find((s) => s.name.toUpperCase() === c.toUpperCase());
    if (!spec) throw new FitsError(fits.file, `HDU ${h.index} column ${c}`, `one of ${columns.map((s) => s.name).join(', ')}`, 'no such column');
    return spec;
  }) ?? columns;
  const data: Record<string, ColumnData> = {};
  for (const spec of wanted) data[spec.name] = decodeColumn(fits.bytes, h.dataStart, rowBytes, nrows, spec, ctx, opts);
  return { header: h.header, nrows, columns, data };
}

export interface ImageData {
  header: FitsHeader;
  /** NAXIS1 (fastest), NAXIS2, … */
  shape: number[];
  data: Float64Array | Float32Array | Int16Array | Int32Array | Uint8Array | BigInt64Array;
}

/** Decode a primary or IMAGE HDU (BSCALE/BZERO applied as Float64 when present and not 1/0). */
export function readImage(fits: FitsFile, hdu: number | string = 0): ImageData {
  const h = getHdu(fits, hdu);
  const H = h.header;
  if (h.type !== 'primary' && h.type !== 'image') throw new FitsError(fits.file, `HDU ${h.index} keyword XTENSION`, "'IMAGE' or the primary HDU", JSON.stringify(H.str('XTENSION')));
  const bitpix = H.int('BITPIX');
  const naxis = H.int('NAXIS');
  const shape: number[] = [];
  for (let i = 1; i <= naxis; i++) shape.push(H.int(`NAXIS${i}`));
  const n = naxis === 0 ? 0 : shape.reduce((a, b) => a * b, 1);
  const dv = new DataView(fits.bytes.buffer, fits.bytes.byteOffset + h.dataStart, h.dataBytes);
  let raw: ImageData['data'];
  switch (bitpix) {
    case 8: raw = fits.bytes.slice(h.dataStart, h.dataStart + n); break;
    case 16: raw = Int16Array.from({ length: n }, (_, i) => dv.getInt16(2 * i)); break;
    case 32: raw = Int32Array.from({ length: n }, (_, i) => dv.getInt32(4 * i)); break;
    case 64: raw = BigInt64Array.from({ length: n }, (_, i) => dv.getBigInt64(8 * i)); break;
    case -32: raw = Float32Array.from({ length: n }, (_, i) => dv.getFloat32(4 * i)); break;
    default: raw = Float64Array.from({ length: n }, (_, i) => dv.getFloat64(8 * i));
  }
  const bscale = H.num('BSCALE') ?? 1;
  const bzero = H.num('BZERO') ?? 0;
  if (bscale === 1 && bzero === 0) return { header: H, shape, data: raw };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = bzero + bscale * Number(raw[i]!);
  return { header: H, shape, data: out };
}

/** A binary-table extension to write: columns, plus extra header cards after the table keywords. */
export interface BintableInput {
  columns: ColumnInput[];
  cards?: Card[];
}

/** Serialize an empty primary HDU followed by binary tables. */
export function encodeFits(tables: readonly BintableInput[], primaryCards: Card[] = []): Uint8Array {
  const parts: Uint8Array[] = [
    formatHeader([
      { key: 'SIMPLE', value: true, comment: 'conforms to FITS standard' },
      { key: 'BITPIX', value: 8, comment: 'array data type' },
      { key: 'NAXIS', value: 0, comment: 'number of array dimensions' },
      { key: 'EXTEND', value: true },
      ...primaryCards,
    ]),
  ];
  for (const t of tables) {
    const { cards, data } = encodeTable(t.columns);
    const reserved = new Set(cards.map((c) => c.key));
    for (const c of t.cards ?? []) {
      if (reserved.has(c.key.toUpperCase())) throw new InputError(`FITS keyword ${c.key} is set by the table layout and cannot be given as an extra card`);
    }
    parts.push(formatHeader([...cards, ...(t.cards ?? [])]));
    const padded = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
    padded.set(data);
    parts.push(padded);
  }
  return Buffer.concat(parts);
}

/** Write FITS atomically (temp file + rename); `.gz` names are gzip-compressed. */
export function writeFits(file: string, tables: readonly BintableInput[], opts: { overwrite?: boolean; primaryCards?: Card[] } = {}): void {
  writeFileAtomic(file, encodeFits(tables, opts.primaryCards), opts);
}
