/**
 * The compact on-disk format of the shipped templates (data/templates/): a JSON sidecar NAME.json
 * with the metadata, and NAME.f32.gz: little-endian float32 values, byte-shuffled (all first bytes,
 * then all second bytes …, as in HDF5/Blosc "shuffle") and gzip-compressed. Cubes are stored as
 * E²·dN/dE (GeV cm⁻² s⁻¹ sr⁻¹) so that the 10⁻³⁰-level fluxes above the cut-off stay normal
 * float32 numbers. Optional mantissa rounding (mantissaBits < 23) trades precision for size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { basename, dirname, join } from 'node:path';
import { FileFormatError, InputError } from '../errors.js';
import { writeFileAtomic } from '../io/file.js';
import { CUBE_UNIT, PDF_UNIT, validateTemplate, type Template } from './template.js';

/** The JSON sidecar: the Template's own fields (energies as a plain array) plus the storage description. */
export interface ShippedMeta extends Pick<Template, 'name' | 'kind' | 'nside' | 'ordering' | 'frame' | 'unit' | 'spectrum' | 'provenance'> {
  format: 'nusky-template';
  version: 1;
  /** 'pdf' for pdfs; 'E2' when the binary holds E²·flux. */
  stored: 'pdf' | 'E2';
  energies?: number[];
  dtype: 'float32-le-shuffled';
  mantissaBits: number;
  data: string;
}

/** Round float32 mantissas to `bits` bits (round-to-nearest-even on the dropped bits), in place. */
export function roundMantissa(f: Float32Array, bits: number): void {
  if (bits >= 23) return;
  const u = new Uint32Array(f.buffer, f.byteOffset, f.length);
  const drop = 23 - bits;
  const half = 1 << (drop - 1);
  const mask = ~((1 << drop) - 1) >>> 0;
  for (let i = 0; i < u.length; i++) {
    const v = u[i];
    const lsb = (v >>> drop) & 1;
    u[i] = ((v + half - 1 + lsb) & mask) >>> 0;
  }
}

function shuffle(bytes: Uint8Array, width: number): Uint8Array {
  const n = bytes.length / width;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < n; i++) for (let b = 0; b < width; b++) out[b * n + i] = bytes[i * width + b];
  return out;
}

function unshuffle(bytes: Uint8Array, width: number): Uint8Array {
  const n = bytes.length / width;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < n; i++) for (let b = 0; b < width; b++) out[i * width + b] = bytes[b * n + i];
  return out;
}

const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Write `t` as dir/name.json + dir/name.f32.gz. Returns the two paths. */
export function writeShipped(dir: string, t: Template, opt: { mantissaBits?: number; overwrite?: boolean } = {}): { json: string; bin: string } {
  const bits = opt.mantissaBits ?? 23;
  const nE = t.kind === 'cube' ? (t.energies as Float64Array).length : 1;
  const f = new Float32Array(t.data.length);
  if (t.kind === 'cube') {
    const e = t.energies as Float64Array;
    for (let i = 0; i < f.length; i++) f[i] = t.data[i] * e[i % nE] * e[i % nE];
  } else {
    f.set(t.data);
  }
  roundMantissa(f, bits);
  if (!LITTLE) throw new Error('big-endian hosts are not supported');
  const bin = gzipSync(shuffle(new Uint8Array(f.buffer), 4), { level: 9 });
  const binName = `${t.name}.f32.gz`;
  const meta: ShippedMeta = {
    format: 'nusky-template', version: 1, name: t.name, kind: t.kind, nside: t.nside, ordering: 'RING', frame: t.frame,
    unit: t.unit, stored: t.kind === 'cube' ? 'E2' : 'pdf',
    ...(t.energies ? { energies: Array.from(t.energies) } : {}),
    ...(t.spectrum ? { spectrum: t.spectrum } : {}),
    dtype: 'float32-le-shuffled', mantissaBits: bits, data: binName,
    ...(t.provenance ? { provenance: t.provenance } : {}),
  };
  const binPath = join(dir, binName);
  const jsonPath = join(dir, `${t.name}.json`);
  if (!(opt.overwrite ?? true) && existsSync(jsonPath)) throw new InputError(`${jsonPath}: file exists`);
  // The binary is already gzip-compressed: no second gzip for its .gz name.
  writeFileAtomic(binPath, bin, { overwrite: true, gzip: false });
  writeFileAtomic(jsonPath, Buffer.from(JSON.stringify(meta, null, 1) + '\n'), { overwrite: true });
  return { json: jsonPath, bin: binPath };
}

/** Read a shipped template from its JSON sidecar. */
export function readShipped(jsonPath: string): Template {
  let meta: ShippedMeta;
  try {
    meta = JSON.parse(readFileSync(jsonPath, 'utf8')) as ShippedMeta;
  } catch (err) {
    throw new FileFormatError(jsonPath, 'JSON sidecar', 'a readable JSON file', (err as Error).message);
  }
  if (meta.format !== 'nusky-template') throw new FileFormatError(jsonPath, 'field format', '"nusky-template"', JSON.stringify(meta.format));
  if (meta.dtype !== 'float32-le-shuffled') throw new FileFormatError(jsonPath, 'field dtype', '"float32-le-shuffled"', JSON.stringify(meta.dtype));
  const binPath = join(dirname(jsonPath), basename(meta.data));
  let raw: Uint8Array;
  try {
    raw = unshuffle(gunzipSync(readFileSync(binPath)), 4);
  } catch (err) {
    throw new FileFormatError(binPath, 'data', 'a gzip-compressed float32 stream', (err as Error).message);
  }
  const f = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
  const data = new Float64Array(f.length);
  const energies = meta.energies ? Float64Array.from(meta.energies) : undefined;
  if (meta.stored === 'E2') {
    const e = energies as Float64Array;
    const nE = e.length;
    for (let i = 0; i < f.length; i++) data[i] = f[i] / (e[i % nE] * e[i % nE]);
  } else {
    data.set(f);
  }
  const t: Template = {
    name: meta.name, kind: meta.kind, nside: meta.nside, ordering: 'RING', frame: meta.frame,
    unit: meta.unit ?? (meta.kind === 'pdf' ? PDF_UNIT : CUBE_UNIT), data,
    ...(energies ? { energies } : {}), ...(meta.spectrum ? { spectrum: meta.spectrum } : {}),
    ...(meta.provenance ? { provenance: meta.provenance } : {}),
  };
  return validateTemplate(t, jsonPath);
}
