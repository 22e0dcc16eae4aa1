import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readNpy, writeNpy, encodeNpy, parseNpy } from './npy.js';
import { FileFormatError } from '../errors.js';
import { tempDir } from '../../test/helpers/tmp.js';

const FIX = new URL('../../test/fixtures/io/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(FIX, 'expected.json'), 'utf8')).npy as Record<
  string,
  { shape: number[]; descr: string; fortran: boolean; values: (number | string)[] }
>;
const tmp = tempDir('npy');

describe('readNpy on files written by numpy', () => {
  for (const [name, e] of Object.entries(expected)) {
    it(`reads ${name} (${e.descr}, shape ${JSON.stringify(e.shape)}) in C order with exact values`, () => {
      const a = readNpy(join(FIX, name));
      expect(a.shape).toEqual(e.shape);
      expect(a.descr).toBe(e.descr);
      expect(a.fortranOrder).toBe(e.fortran);
      const got = Array.from(a.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? v.toString() : v));
      expect(got).toEqual(e.values);
    });
  }
});

describe('writeNpy', () => {
  it('writes v1 files with 64-byte-aligned data that read back identically', () => {
    for (const data of [new Float64Array([1, -2.5, NaN]), new Float32Array([0.1]), new BigInt64Array([-(2n ** 63n), 7n]), new Int32Array([1, 2, 3, 4, 5, 6])]) {
      const bytes = encodeNpy(data);
      const hlen = new DataView(bytes.buffer).getUint16(8, true);
      expect((10 + hlen) % 64).toBe(0);
      const back = parseNpy(bytes, 'mem.npy');
      expect(back.data.constructor).toBe(data.constructor);
      expect(Array.from(back.data as ArrayLike<unknown>)).toEqual(Array.from(data as ArrayLike<unknown>));
    }
    const f = join(tmp, 'm.npy');
    writeNpy(f, new Int32Array([1, 2, 3, 4, 5, 6]), { shape: [2, 3] });
    expect(readNpy(f).shape).toEqual([2, 3]);
  });

  it('rejects non-npy, truncated and structured-dtype files with the file and field named', () => {
    const f = join(tmp, 'bad.npy');
    writeFileSync(f, 'SIMPLE  =   T');
    expect(() => readNpy(f)).toThrow(FileFormatError);
    expect(() => readNpy(f)).toThrow(`${f}: magic string: expected \\x93NUMPY (a .npy file), found "SIMPLE"`);
    const good = encodeNpy(new Float64Array(10));
    writeFileSync(f, good.subarray(0, good.length - 8));
    expect(() => readNpy(f)).toThrow(`${f}: data: expected 80 bytes for shape (10), found 72 (truncated file)`);
    const structured = Buffer.from(good);
    structured.write("{'descr': [('a', '<f8')], ", 10, 'latin1');
    writeFileSync(f, structured);
    expect(() => readNpy(f)).toThrow(/header descr/);
  });
});

const PI0 = resolve(process.cwd(), '../shared/data/icecube_galactic_plane_2023_release/MainResult/Fermi-LAT_pi0_map.npy');
describe.skipIf(!existsSync(PI0))('the GP-2023 π0 template (skipped when ../shared/data is absent)', () => {
  it('is an nside-128 float64 map normalised so Σ map × Ω_pix = 1', () => {
    const a = readNpy(PI0);
    expect(a.descr).toBe('<f8');
    expect(a.shape).toEqual([196608]);
    let s = 0;
    for (const v of a.data as Float64Array) s += v;
    expect(s * ((4 * Math.PI) / 196608)).toBeCloseTo(1, 6);
  });
});
