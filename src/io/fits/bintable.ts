import { FitsError, InputError } from '../../errors.js';
import type { Card, FitsHeader, HeaderContext } from './header.js';

/** Column codes nusky reads and writes (FITS 4.0 Table 18), with element widths in bytes. */
const WIDTH = { L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8 } as const;
export type TformCode = keyof typeof WIDTH;

export type NumericColumn =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array
  | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;
/** Decoded column: one element per row × repeat (rows concatenated), or one string per row for A. */
export type ColumnData = NumericColumn | string[];

export interface ColumnSpec {
  name: string;
  tform: string;
  code: TformCode;
  repeat: number;
  /** Byte offset of the field inside a row. */
  offset: number;
  unit?: string;
  tnull?: number | bigint;
  tscal?: number;
  tzero?: number | bigint;
}

/** Parse TFORMn, e.g. "D", "1024E", "20A", "K". */
export function parseTform(tform: string, ctx: HeaderContext, n: number): { code: TformCode; repeat: number } {
  const m = /^\s*(\d*)([A-Z])(.*)$/.exec(tform);
  if (!m || !(m[2]! in WIDTH) || (m[3]!.trim() !== '' && m[2] !== 'A')) {
    throw new FitsError(ctx.file, `HDU ${ctx.hdu} keyword TFORM${n}`, 'r followed by one of L B I J K A E D (e.g. "D", "1024E", "20A")', `"${tform}"`);
  }
  return { code: m[2] as TformCode, repeat: m[1] === '' ? 1 : Number(m[1]) };
}

/** Read the column layout of a BINTABLE header and check it against NAXIS1. */
export function tableLayout(h: FitsHeader): { nrows: number; rowBytes: number; columns: ColumnSpec[] } {
  const ctx = h.ctx;
  const rowBytes = h.int('NAXIS1', { min: 0 });
  const nrows = h.int('NAXIS2', { min: 0 });
  const tfields = h.int('TFIELDS', { min: 0 });
  const columns: ColumnSpec[] = [];
  let offset = 0;
  for (let n = 1; n <= tfields; n++) {
    const tform = h.str(`TFORM${n}`);
    if (tform === undefined) throw new FitsError(ctx.file, `HDU ${ctx.hdu} keyword TFORM${n}`, 'a TFORM for every one of TFIELDS columns', 'no such keyword');
    const { code, repeat } = parseTform(tform, ctx, n);
    const spec: ColumnSpec = { name: h.str(`TTYPE${n}`) ?? `COL${n}`, tform, code, repeat, offset };
    const unit = h.str(`TUNIT${n}`);
    if (unit) spec.unit = unit;
    const tnull = h.get(`TNULL${n}`);
    if (typeof tnull === 'number' || typeof tnull === 'bigint') spec.tnull = tnull;
    const tscal = h.num(`TSCAL${n}`);
    if (tscal !== undefined) spec.tscal = tscal;
    const tzero = h.get(`TZERO${n}`);
    if (typeof tzero === 'number' || typeof tzero === 'bigint') spec.tzero = tzero;
    columns.push(spec);
    offset += WIDTH[code] * repeat;
  }
  if (offset !== rowBytes) {
    throw new FitsError(ctx.file, `HDU ${ctx.hdu} keyword NAXIS1`, `the sum of the TFORM widths (${offset} bytes)`, String(rowBytes));
  }
  return { nrows, rowBytes, columns };
}

/** Unsigned-integer convention: TZERO = 2^(bits-1) with TSCAL 1 (FITS 4.0 §7.3.2); Int8 is B with TZERO -128. */
const UNSIGNED_ZERO: Record<string, bigint> = { B: -128n, I: 32768n, J: 2147483648n, K: 9223372036854775808n };

export interface DecodeOptions {
  /**
   * How 64-bit integer (K) columns are returned. 'bigint' (default): BigInt64Array,
   * exact. 'number': Float64Array, exact for |v| ≤ 2^53; larger values throw FitsError.
   */
  int64?: 'bigint' | 'number';
}

/** Decode one column from the table's data area (big-endian rows). */
export function decodeColumn(
  bytes: Uint8Array, dataStart: number, rowBytes: number, nrows: number, col: ColumnSpec, ctx: HeaderContext, opts: DecodeOptions = {},
): ColumnData {
  const dv = new DataView(bytes.buffer, bytes.byteOffset + dataStart, rowBytes * nrows);
  const r = col.repeat;
  const n = nrows * r;
  const w = WIDTH[col.code];
  if (col.code === 'A') {
    const out: string[] = new Array<string>(nrows);
    for (let i = 0; i < nrows; i++) {
      const start = dataStart + i * rowBytes + col.offset;
      const field = bytes.subarray(start, start + r);
      const nul = field.indexOf(0);
      out[i] = Buffer.from(field.buffer, field.byteOffset, nul >= 0 ? nul : r).toString('latin1').trimEnd();
    }
    return out;
  }
  const tscal = col.tscal ?? 1;
  const tzero = col.tzero ?? 0;
  const tz = typeof tzero === 'bigint' ? tzero : Number.isInteger(tzero) ? BigInt(tzero) : null;
  const unsigned = tscal === 1 && tz !== null && tz === UNSIGNED_ZERO[col.code];
  const scaled = !unsigned && (tscal !== 1 || Number(tzero) !== 0);
  const fast = fastDecode(bytes, dataStart, rowBytes, n, col, unsigned || scaled);
  if (fast) return fast;
  let out: NumericColumn;
  switch (col.code) {
    case 'L': out = new Uint8Array(n); break;
    case 'B': out = unsigned ? new Int8Array(n) : new Uint8Array(n); break;
    case 'I': out = unsigned ? new Uint16Array(n) : new Int16Array(n); break;
    case 'J': out = unsigned ? new Uint32Array(n) : new Int32Array(n); break;
    case 'K': out = unsigned ? new BigUint64Array(n) : opts.int64 === 'number' ? new Float64Array(n) : new BigInt64Array(n); break;
    case 'E': out = new Float32Array(n); break;
    case 'D': out = new Float64Array(n); break;
  }
  let k = 0;
  for (let i = 0; i < nrows; i++) {
    let p = i * rowBytes + col.offset;
    for (let j = 0; j < r; j++, k++, p += w) {
      switch (col.code) {
        case 'L': out[k] = dv.getUint8(p) === 0x54 ? 1 : 0; break; // 'T' → 1; 'F' and undefined (0) → 0
        case 'B': out[k] = unsigned ? dv.getUint8(p) - 128 : dv.getUint8(p); break;
        case 'I': out[k] = unsigned ? dv.getInt16(p) + 32768 : dv.getInt16(p); break;
        case 'J': out[k] = unsigned ? dv.getInt32(p) + 2147483648 : dv.getInt32(p); break;
        case 'K':
          if (unsigned) (out as BigUint64Array)[k] = dv.getBigUint64(p) ^ 0x8000000000000000n;
          else if (out instanceof Float64Array) {
            const v = dv.getBigInt64(p);
            if (v > 9007199254740992n || v < -9007199254740992n) {
              throw new FitsError(ctx.file, `HDU ${ctx.hdu} column ${col.name} row ${i}`, 'a 64-bit integer within ±2^53 (exact as a double)', v.toString());
            }
            out[k] = Number(v);
          } else (out as BigInt64Array)[k] = dv.getBigInt64(p);
          break;
        case 'E': out[k] = dv.getFloat32(p); break;
        case 'D': out[k] = dv.getFloat64(p); break;
      }
    }
  }
  if (!scaled) return out;
  // General linear scaling: physical = TZERO + TSCAL × stored; TNULL (stored) → NaN.
  const phys = new Float64Array(n);
  const z = Number(tzero);
  const isNull = col.tnull !== undefined && col.code !== 'E' && col.code !== 'D';
  for (let i = 0; i < n; i++) {
    const v = out[i]!;
    phys[i] = isNull && v == col.tnull ? NaN : z + tscal * Number(v);
  }
  return phys;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Fast path for a table whose rows hold just this one numeric column (every healpy map without a
 * PIXEL column): one copy and a native byte swap instead of per-element DataView reads.
 */
function fastDecode(bytes: Uint8Array, dataStart: number, rowBytes: number, n: number, col: ColumnSpec, transformed: boolean): NumericColumn | null {
  const w = WIDTH[col.code];
  if (transformed || !LITTLE_ENDIAN_HOST || rowBytes !== w * col.repeat || !'IJED'.includes(col.code)) return null;
  const copy = new Uint8Array(n * w);
  copy.set(bytes.subarray(dataStart, dataStart + n * w));
  const buf = Buffer.from(copy.buffer, 0, copy.length);
  if (w === 2) buf.swap16();
  else if (w === 4) buf.swap32();
  else buf.swap64();
  switch (col.code) {
    case 'I': return new Int16Array(copy.buffer);
    case 'J': return new Int32Array(copy.buffer);
    case 'E': return new Float32Array(copy.buffer);
    default: return new Float64Array(copy.buffer);
  }
}

/** A column to write. The FITS type follows the array type; repeat > 1 writes healpy-style multi-element rows. */
export interface ColumnInput {
  name: string;
  data: ColumnData;
  unit?: string;
  repeat?: number;
  tnull?: number | bigint;
  /** Write a Uint8Array of 0/1 as FITS logicals (L). */
  logical?: boolean;
}

interface EncodedColumn { code: TformCode; repeat: number; tzero?: bigint; nrows: number; strings?: Buffer[] }

function encodingOf(c: ColumnInput): EncodedColumn {
  const d = c.data;
  const rep = c.repeat ?? 1;
  const rows = (len: number): number => {
    if (!Number.isInteger(rep) || rep < 1 || len % rep !== 0) throw new InputError(`column ${c.name}: length ${len} is not a multiple of repeat ${rep}`);
    return len / rep;
  };
  if (Array.isArray(d)) {
    const strings = d.map((s) => Buffer.from(s, 'latin1'));
    const width = Math.max(1, ...strings.map((b) => b.length));
    return { code: 'A', repeat: width, nrows: d.length, strings };
  }
  const nrows = rows(d.length);
  if (c.logical) {
    if (!(d instanceof Uint8Array)) throw new InputError(`column ${c.name}: logical columns must be a Uint8Array of 0/1`);
    return { code: 'L', repeat: rep, nrows };
  }
  if (d instanceof Float32Array) return { code: 'E', repeat: rep, nrows };
  if (d instanceof Float64Array) return { code: 'D', repeat: rep, nrows };
  if (d instanceof Uint8Array) return { code: 'B', repeat: rep, nrows };
  if (d instanceof Int8Array) return { code: 'B', repeat: rep, nrows, tzero: -128n };
  if (d instanceof Int16Array) return { code: 'I', repeat: rep, nrows };
  if (d instanceof Uint16Array) return { code: 'I', repeat: rep, nrows, tzero: 32768n };
  if (d instanceof Int32Array) return { code: 'J', repeat: rep, nrows };
  if (d instanceof Uint32Array) return { code: 'J', repeat: rep, nrows, tzero: 2147483648n };
  if (d instanceof BigInt64Array) return { code: 'K', repeat: rep, nrows };
  if (d instanceof BigUint64Array) return { code: 'K', repeat: rep, nrows, tzero: 9223372036854775808n };
  throw new InputError(`column ${c.name}: unsupported array type ${(d as object).constructor.name}`);
}

/** Build the header cards and the (unpadded) data bytes of a BINTABLE. */
export function encodeTable(columns: readonly ColumnInput[]): { cards: Card[]; data: Uint8Array } {
  const enc = columns.map(encodingOf);
  const nrows = enc.length ? enc[0]!.nrows : 0;
  enc.forEach((e, i) => {
    if (e.nrows !== nrows) throw new InputError(`column ${columns[i]!.name}: ${e.nrows} rows, expected ${nrows} like the first column`);
  });
  const offsets: number[] = [];
  let rowBytes = 0;
  for (const e of enc) {
    offsets.push(rowBytes);
    rowBytes += WIDTH[e.code] * e.repeat;
  }
  const cards: Card[] = [
    { key: 'XTENSION', value: 'BINTABLE', comment: 'binary table extension' },
    { key: 'BITPIX', value: 8, comment: 'array data type' },
    { key: 'NAXIS', value: 2, comment: 'number of array dimensions' },
    { key: 'NAXIS1', value: rowBytes, comment: 'length of dimension 1' },
    { key: 'NAXIS2', value: nrows, comment: 'length of dimension 2' },
    { key: 'PCOUNT', value: 0, comment: 'number of group parameters' },
    { key: 'GCOUNT', value: 1, comment: 'number of groups' },
    { key: 'TFIELDS', value: columns.length, comment: 'number of table fields' },
  ];
  columns.forEach((c, i) => {
    const e = enc[i]!;
    const n = i + 1;
    cards.push({ key: `TTYPE${n}`, value: c.name });
    cards.push({ key: `TFORM${n}`, value: `${e.repeat === 1 && e.code !== 'A' ? '' : e.repeat}${e.code}` });
    if (c.unit) cards.push({ key: `TUNIT${n}`, value: c.unit });
    if (c.tnull !== undefined) cards.push({ key: `TNULL${n}`, value: c.tnull });
    if (e.tzero !== undefined) {
      cards.push({ key: `TSCAL${n}`, value: 1 });
      cards.push({ key: `TZERO${n}`, value: e.tzero >= -(2n ** 53n) && e.tzero <= 2n ** 53n ? Number(e.tzero) : e.tzero });
    }
  });
  const only = enc.length === 1 ? enc[0]! : undefined;
  const d0 = columns[0]?.data;
  if (only && LITTLE_ENDIAN_HOST && only.tzero === undefined && 'IJED'.includes(only.code) && ArrayBuffer.isView(d0)) {
    // Fast path (healpy-style single-column maps): copy the array's bytes and swap them natively.
    const data = new Uint8Array(d0.buffer.slice(d0.byteOffset, d0.byteOffset + d0.byteLength));
    const buf = Buffer.from(data.buffer, 0, data.length);
    const w = WIDTH[only.code];
    if (w === 2) buf.swap16();
    else if (w === 4) buf.swap32();
    else buf.swap64();
    return { cards, data };
  }
  const data = new Uint8Array(rowBytes * nrows);
  const dv = new DataView(data.buffer);
  enc.forEach((e, ci) => {
    const col = columns[ci]!.data;
    const w = WIDTH[e.code];
    if (e.strings) {
      e.strings.forEach((b, i) => data.set(b, i * rowBytes + offsets[ci]!));
      return;
    }
    let k = 0;
    for (let i = 0; i < nrows; i++) {
      let p = i * rowBytes + offsets[ci]!;
      for (let j = 0; j < e.repeat; j++, k++, p += w) {
        const v = col[k]!;
        switch (e.code) {
          case 'L': dv.setUint8(p, v ? 0x54 : 0x46); break;
          case 'B': dv.setUint8(p, e.tzero !== undefined ? (v as number) + 128 : (v as number)); break;
          case 'I': dv.setInt16(p, e.tzero !== undefined ? (v as number) - 32768 : (v as number)); break;
          case 'J': dv.setInt32(p, e.tzero !== undefined ? (v as number) - 2147483648 : (v as number)); break;
          case 'K': dv.setBigUint64(p, e.tzero !== undefined ? (v as bigint) ^ 0x8000000000000000n : BigInt.asUintN(64, v as bigint)); break;
          case 'E': dv.setFloat32(p, v as number); break;
          case 'D': dv.setFloat64(p, v as number); break;
        }
      }
    }
  });
  return { cards, data };
}
