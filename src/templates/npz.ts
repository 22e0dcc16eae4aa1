/**
 * Minimal reader for NumPy .npz archives (zip, stored or deflated members, zip64 aware), enough to
 * read a KRA-γ release tuple re-saved as `np.savez('kra.npz', *np.load(f, allow_pickle=True,
 * encoding='latin1'))` (members arr_0 … arr_3).
 */
import { inflateRawSync } from 'node:zlib';
import { FileFormatError } from '../errors.js';
import { readFileMaybeGzip } from '../io/file.js';
import { parseNpy, type Npy } from '../io/npy.js';

function findEocd(dv: DataView): number {
  for (let i = dv.byteLength - 22; i >= Math.max(0, dv.byteLength - 65557); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

/** All members of an .npz, by name without the .npy suffix. */
export function readNpz(file: string): Record<string, Npy> {
  const bytes = readFileMaybeGzip(file);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const eocd = findEocd(dv);
  if (eocd < 0) throw new FileFormatError(file, 'end of central directory', 'a zip (.npz) archive', 'no zip end record');
  let count = dv.getUint16(eocd + 10, true);
  let cdOff = dv.getUint32(eocd + 16, true);
  if (cdOff === 0xffffffff || count === 0xffff) {
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw new FileFormatError(file, 'zip64 locator', 'present', 'missing');
    const z = Number(dv.getBigUint64(loc + 8, true));
    count = Number(dv.getBigUint64(z + 32, true));
    cdOff = Number(dv.getBigUint64(z + 48, true));
  }
  const out: Record<string, Npy> = {};
  let p = cdOff;
  for (let k = 0; k < count; k++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new FileFormatError(file, `central directory entry ${k}`, 'signature PK\\1\\2', 'something else');
    const method = dv.getUint16(p + 10, true);
    let comp = dv.getUint32(p + 20, true);
    let uncomp = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let local = dv.getUint32(p + 42, true);
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLen)).toString('utf8');
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = dv.getUint16(e, true);
      const size = dv.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (uncomp === 0xffffffff) { uncomp = Number(dv.getBigUint64(q, true)); q += 8; }
        if (comp === 0xffffffff) { comp = Number(dv.getBigUint64(q, true)); q += 8; }
        if (local === 0xffffffff) { local = Number(dv.getBigUint64(q, true)); }
      }
      e += 4 + size;
    }
    const dataStart = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + comp);
    let member: Uint8Array;
    if (method === 0) member = raw;
    else if (method === 8) member = inflateRawSync(raw);
    else throw new FileFormatError(file, `member ${name} compression`, 'stored (0) or deflate (8)', String(method));
    if (member.length !== uncomp) throw new FileFormatError(file, `member ${name} size`, String(uncomp), String(member.length));
    out[name.replace(/\.npy$/, '')] = parseNpy(member, `${file}:${name}`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
