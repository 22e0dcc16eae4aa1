import { FileFormatError, InputError } from '../errors.js';
import { readFileMaybeGzip, writeFileAtomic } from './file.js';

export type NpyArray =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array
  | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

export interface Npy {
  /** Values in C (row-major) order, whatever the file's fortran_order. */
  data: NpyArray;
  shape: number[];
  /** The numpy dtype string as stored, e.g. '<f8'. */
  descr: string;
  /** fortran_order as stored in the file (data has been reordered to C order). */
  fortranOrder: boolean;
}

type Ctor = { new (n: number | ArrayBuffer): NpyArray; BYTES_PER_ELEMENT: number };
const TYPES: Record<string, Ctor> = {
  f4: Float32Array, f8: Float64Array, i1: Int8Array, u1: Uint8Array, b1: Uint8Array, i2: Int16Array, u2: Uint16Array,
  i4: Int32Array, u4: Uint32Array, i8: BigInt64Array, u8: BigUint64Array,
};
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Read a NumPy .npy file (format versions 1, 2 and 3; plain numeric dtypes, either byte order). */
export function readNpy(file: string): Npy {
  return parseNpy(readFileMaybeGzip(file), file);
}

export function parseNpy(bytes: Uint8Array, file: string): Npy {
  const fail = (where: string, expected: string, found: string): never => {
    throw new FileFormatError(file, where, expected, found);
  };
  const magic = Buffer.from(bytes.subarray(0, 6)).toString('latin1');
  if (magic !== '\x93NUMPY') fail('magic string', '\\x93NUMPY (a .npy file)', JSON.stringify(magic.replace(/[^\x20-\x7e]/g, '?')));
  const major = bytes[6]!;
  if (major < 1 || major > 3) fail('format version', '1, 2 or 3', String(major));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const hlen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const hstart = major === 1 ? 10 : 12;
  if (hstart + hlen > bytes.length) fail('header', `${hlen} bytes`, 'end of file (truncated)');
  const header = Buffer.from(bytes.subarray(hstart, hstart + hlen)).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1] ?? fail('header descr', "a simple dtype such as '<f8'", header.trim());
  const fo = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1] ?? fail('header fortran_order', 'True or False', header.trim());
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1] ?? fail('header shape', 'a tuple of integers', header.trim());
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((s) => !Number.isInteger(s) || s < 0)) fail('header shape', 'non-negative integers', `(${shapeText})`);
  const m = /^([<>|=])([a-z])(\d+)$/.exec(descr);
  const Type = m ? TYPES[m[2]! + m[3]!] : undefined;
  if (!m || !Type) fail('header descr', 'one of <f4 <f8 <i1..<i8 <u1..<u8 |b1 (either byte order)', `'${descr}'`);
  const n = shape.reduce((a, b) => a * b, 1);
  const width = Type!.BYTES_PER_ELEMENT;
  const start = hstart + hlen;
  if (start + n * width > bytes.length) fail('data', `${n * width} bytes for shape (${shape.join(', ')})`, `${bytes.length - start} (truncated file)`);
  const raw = new Uint8Array(n * width);
  raw.set(bytes.subarray(start, start + n * width));
  const fileLittle = m![1] === '<' || (m![1] === '=' && LITTLE) || m![1] === '|';
  if (width > 1 && fileLittle !== LITTLE) swapBytes(raw, width);
  let data = new Type!(raw.buffer);
  const fortranOrder = fo === 'True';
  if (fortranOrder && shape.length > 1) data = fortranToC(data, shape, Type!);
  return { data, shape, descr, fortranOrder };
}

function swapBytes(b: Uint8Array, w: number): void {
  for (let i = 0; i < b.length; i += w) {
    for (let a = i, z = i + w - 1; a < z; a++, z--) {
      const t = b[a]!;
      b[a] = b[z]!;
      b[z] = t;
    }
  }
}

/** Reorder column-major values to row-major. */
function fortranToC(src: NpyArray, shape: number[], Type: Ctor): NpyArray {
  const nd = shape.length;
  const n = src.length;
  const out = new Type(n);
  const fStride: number[] = [];
  let s = 1;
  for (let d = 0; d < nd; d++) {
    fStride.push(s);
    s *= shape[d]!;
  }
  const idx = new Array<number>(nd).fill(0);
  for (let c = 0; c < n; c++) {
    let f = 0;
    for (let d = 0; d < nd; d++) f += idx[d]! * fStride[d]!;
    (out as Float64Array)[c] = (src as Float64Array)[f]!;
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

function descrOf(a: NpyArray): string {
  if (a instanceof Float32Array) return '<f4';
  if (a instanceof Float64Array) return '<f8';
  if (a instanceof Int8Array) return '|i1';
  if (a instanceof Uint8Array) return '|u1';
  if (a instanceof Int16Array) return '<i2';
  if (a instanceof Uint16Array) return '<u2';
  if (a instanceof Int32Array) return '<i4';
  if (a instanceof Uint32Array) return '<u4';
  if (a instanceof BigInt64Array) return '<i8';
  return '<u8';
}

/** Encode a typed array as a version-1 .npy (little-endian, C order). */
export function encodeNpy(data: NpyArray, shape: number[] = [data.length]): Uint8Array {
  if (shape.reduce((a, b) => a * b, 1) !== data.length) throw new InputError(`npy: shape (${shape.join(', ')}) does not match ${data.length} values`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descrOf(data)}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64; // numpy aligns the data to 64 bytes
  header = header.padEnd(total - 10 - 1) + '\n';
  const out = new Uint8Array(total + data.byteLength);
  out.set(Buffer.from('\x93NUMPY\x01\x00', 'latin1'));
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  if (!LITTLE && data.BYTES_PER_ELEMENT > 1) swapBytes(body, data.BYTES_PER_ELEMENT);
  out.set(body, total);
  return out;
}

/** Write a .npy atomically (temp file + rename). */
export function writeNpy(file: string, data: NpyArray, opts: { shape?: number[]; overwrite?: boolean } = {}): void {
  writeFileAtomic(file, encodeNpy(data, opts.shape), opts);
}
