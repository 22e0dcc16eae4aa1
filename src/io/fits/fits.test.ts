import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFits, readBintable, encodeFits, parseFits, readImage } from './fits.js';
import { formatCard, parseCard, formatHeader } from './header.js';
import { readTable, writeTable } from '../table.js';
import { FitsError } from '../../errors.js';
import { tempDir } from '../../../test/helpers/tmp.js';

const FIX = new URL('../../../test/fixtures/io/', import.meta.url).pathname;
const expected = JSON.parse(readFileSync(join(FIX, 'expected.json'), 'utf8'));
const tmp = tempDir('fits');
const ctx = { file: 'x.fits', hdu: 1 };

describe('FITS header cards', () => {
  it('parses strings with doubled quotes, logicals, integers, reals with D exponents and comments', () => {
    expect(parseCard("OBJECT  = 'it''s   '           / a comment".padEnd(80), ctx)).toEqual({ key: 'OBJECT', value: "it's", comment: 'a comment' });
    expect(parseCard('SIMPLE  =                    T'.padEnd(80), ctx).value).toBe(true);
    expect(parseCard('NSIDE   =                  128 / res'.padEnd(80), ctx).value).toBe(128);
    expect(parseCard('TZERO7  =  9223372036854775808'.padEnd(80), ctx).value).toBe(9223372036854775808n);
    expect(parseCard('BAD_DATA=          -1.6375D+30'.padEnd(80), ctx).value).toBe(-1.6375e30);
    expect(parseCard('HISTORY made by hand'.padEnd(80), ctx)).toEqual({ key: 'HISTORY', value: null, comment: 'made by hand' });
  });

  it('formats cards in fixed format that parse back to the same values', () => {
    for (const card of [
      { key: 'NSIDE', value: 64, comment: 'Resolution parameter of HEALPIX' },
      { key: 'BAD_DATA', value: -1.6375e30 },
      { key: 'X', value: 0.1 },
      { key: 'Y', value: 1e-300 },
      { key: 'TZERO1', value: 9223372036854775808n },
      { key: 'NAME', value: "O'Brien" },
      { key: 'FLAG', value: false },
    ]) {
      const text = formatCard(card);
      expect(text).toHaveLength(80);
      expect(parseCard(text, ctx)).toEqual(card);
    }
    expect(formatCard({ key: 'NSIDE', value: 64 })).toBe('NSIDE   =                   64'.padEnd(80));
    expect(formatCard({ key: 'PIXTYPE', value: 'HEALPIX' })).toBe("PIXTYPE = 'HEALPIX '".padEnd(80));
    expect(formatHeader([]).length).toBe(2880);
  });
});

describe('readTable on a table written by astropy', () => {
  const t = readTable(join(FIX, 'table.fits'), { hdu: 'events' });
  const e = expected['table.fits'];

  it('decodes every TFORM type with the array type of its FITS convention', () => {
    expect(t.nrows).toBe(5);
    expect(Array.from(t.columns.flag as Uint8Array)).toEqual(e.columns.flag);
    expect(Array.from(t.columns.u8 as Uint8Array)).toEqual(e.columns.u8);
    expect(t.columns.i16).toBeInstanceOf(Int16Array);
    expect(Array.from(t.columns.i16 as Int16Array)).toEqual(e.columns.i16);
    expect(t.columns.u16).toBeInstanceOf(Uint16Array);
    expect(Array.from(t.columns.u16 as Uint16Array)).toEqual(e.columns.u16);
    expect(Array.from(t.columns.i32 as Int32Array)).toEqual(e.columns.i32);
    expect(t.columns.u32).toBeInstanceOf(Uint32Array);
    expect(Array.from(t.columns.u32 as Uint32Array)).toEqual(e.columns.u32);
    expect(Array.from(t.columns.f32 as Float32Array)).toEqual(e.columns.f32.map(Number));
    expect(Array.from(t.columns.f64 as Float64Array)).toEqual(e.columns.f64);
    expect(Array.from(t.columns.vec as Float64Array)).toEqual(e.columns.vec);
    expect(t.repeat.vec).toBe(3);
    expect(t.columns.name).toEqual(e.columns.name);
    expect(Array.from(t.columns.scaled as Float64Array)).toEqual(e.columns.scaled);
    expect(t.units).toEqual(e.units);
  });

  it('reads 64-bit integers exactly as BigInt64Array, including ±2^63 and 2^53+1', () => {
    expect(t.columns.i64).toBeInstanceOf(BigInt64Array);
    expect(Array.from(t.columns.i64 as BigInt64Array, String)).toEqual(e.columns.i64);
  });

  it('refuses to turn int64 beyond 2^53 into doubles, naming the column and row', () => {
    expect(() => readTable(join(FIX, 'table.fits'), { int64: 'number' })).toThrow(/column i64 row 0: expected a 64-bit integer within ±2\^53/);
    const small = readTable(join(FIX, 'int64.fits'), { int64: 'number' });
    expect(small.columns.T).toBeInstanceOf(Float64Array);
  });
});

describe('writeTable', () => {
  it('round-trips every column type, vector columns, strings, units and gzip', () => {
    const cols = {
      f64: new Float64Array([Math.PI, -0, NaN, Infinity, 1e-310]),
      f32: new Float32Array([1.5, -2, NaN, 3, 4]),
      i16: new Int16Array([-32768, 0, 1, 2, 32767]),
      i32: new Int32Array([-(2 ** 31), 0, 1, 2, 2 ** 31 - 1]),
      i64: new BigInt64Array([-(2n ** 63n), -1n, 0n, 2n ** 53n + 1n, 2n ** 63n - 1n]),
      u8: new Uint8Array([0, 1, 2, 254, 255]),
      i8: new Int8Array([-128, -1, 0, 1, 127]),
      u16: new Uint16Array([0, 1, 32768, 40000, 65535]),
      u32: new Uint32Array([0, 1, 2 ** 31, 3e9, 2 ** 32 - 1]),
      u64: new BigUint64Array([0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 5n]),
      vec: Float64Array.from({ length: 15 }, (_, i) => i / 3),
      name: ['Crab', "O'Neil", '', 'TXS 0506+056', 'x'],
    };
    for (const file of [join(tmp, 'all.fits'), join(tmp, 'all.fits.gz')]) {
      writeTable(file, cols, { units: { f64: 'deg', vec: 'm' }, repeat: { vec: 3 }, extname: 'EVENTS', header: { ORIGIN: 'nusky', SEED: 42 } });
      const back = readTable(file, { hdu: 'EVENTS' });
      for (const [k, v] of Object.entries(cols)) {
        expect(back.columns[k]!.constructor).toBe(v.constructor);
        expect(Array.from(back.columns[k] as ArrayLike<unknown>)).toEqual(Array.from(v as ArrayLike<unknown>));
      }
      expect(back.units).toEqual({ f64: 'deg', vec: 'm' });
      expect(back.repeat.vec).toBe(3);
      expect(back.header.get('SEED')).toBe(42);
      expect(back.header.get('ORIGIN')).toBe('nusky');
    }
    expect(readFileSync(join(tmp, 'all.fits.gz'))[0]).toBe(0x1f);
  });

  it('never leaves a temporary file behind and refuses to overwrite unless asked', () => {
    const file = join(tmp, 'once.fits');
    writeTable(file, { a: new Float64Array([1]) });
    expect(() => writeTable(file, { a: new Float64Array([2]) })).toThrow(/file exists/);
    writeTable(file, { a: new Float64Array([2]) }, { overwrite: true });
    expect(Array.from(readTable(file).columns.a as Float64Array)).toEqual([2]);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves no file at all when encoding fails (non-ASCII unit, ragged columns)', () => {
    const file = join(tmp, 'never.fits');
    expect(() => writeTable(file, { a: new Float64Array([1]) }, { units: { a: 'µm' } })).toThrow(/string value must be printable ASCII/);
    expect(() => writeTable(file, { a: new Float64Array([1]), b: new Float64Array(2) })).toThrow('column b: 2 rows, expected 1 like the first column');
    expect(readdirSync(tmp).filter((f) => f.startsWith('never') || f.startsWith('.never'))).toEqual([]);
  });
});

describe('bad FITS files give FitsError naming file, HDU and keyword', () => {
  const good = encodeFits([{ columns: [{ name: 'A', data: new Float64Array(400) }] }]);
  const bad = (name: string, bytes: Uint8Array): string => {
    const f = join(tmp, name);
    writeFileSync(f, bytes);
    return f;
  };
  const patch = (key: string, card: string): Uint8Array => {
    const b = Buffer.from(good);
    const i = b.indexOf(Buffer.from(key.padEnd(8) + '='));
    b.write(card.padEnd(80), i, 'latin1');
    return b;
  };

  it('rejects a file that is not FITS', () => {
    const f = bad('not.fits', Buffer.from('hello world, not a FITS file at all'));
    expect(() => readFits(f)).toThrow(FitsError);
    expect(() => readFits(f)).toThrow(`${f}: HDU 0 first card: expected 'SIMPLE  =                    T' (a FITS file), found "hello world, not a FITS file a"`);
  });

  it('rejects a truncated file', () => {
    const f = bad('trunc.fits', good.subarray(0, good.length - 2880));
    expect(() => readFits(f)).toThrow(`${f}: HDU 1 data: expected 3200 bytes, found 2880 (truncated file)`);
    const g = bad('trunc2.fits', good.subarray(0, 2880 + 800));
    expect(() => readFits(g)).toThrow(/HDU 1 header: expected an END card, found end of file after 10 cards \(truncated file\)/);
    const gz = bad('trunc.fits.gz', gzipSync(good).subarray(0, 100));
    expect(() => readFits(gz)).toThrow(/gzip stream: expected a complete gzip stream/);
  });

  it('rejects an unsupported TFORM', () => {
    const f = bad('tform.fits', patch('TFORM1', "TFORM1  = 'Q       '"));
    expect(() => readBintable(readFits(f), 1)).toThrow(`${f}: HDU 1 keyword TFORM1: expected r followed by one of L B I J K A E D (e.g. "D", "1024E", "20A"), found "Q"`);
  });

  it('rejects a wrong keyword value', () => {
    const f = bad('naxis1.fits', patch('NAXIS1', 'NAXIS1  =                    4'));
    expect(() => readBintable(readFits(f), 1)).toThrow(`${f}: HDU 1 keyword NAXIS1: expected the sum of the TFORM widths (8 bytes), found 4`);
    const g = bad('nside.fits', patch('NAXIS2', "NAXIS2  = 'many'"));
    expect(() => readFits(g)).toThrow(`${g}: HDU 1 keyword NAXIS2: expected an integer, found "many"`);
    expect(() => readBintable(parseFits(good, 'm.fits'), 0)).toThrow("m.fits: HDU 0 keyword XTENSION: expected 'BINTABLE', found the primary HDU");
    expect(() => readBintable(parseFits(good, 'm.fits'), 'NOPE')).toThrow('m.fits: HDU NOPE: expected an HDU index < 2 or an existing EXTNAME, found no such HDU');
  });
});

describe('readImage (primary and IMAGE HDUs written by astropy)', () => {
  it('decodes a float32 primary image and applies BSCALE/BZERO to an int16 extension', () => {
    const f = readFits(join(FIX, 'image.fits'));
    const p = readImage(f, 0);
    expect(p.shape).toEqual(expected['image.fits'].shape);
    expect(p.data).toBeInstanceOf(Float32Array);
    expect(Array.from(p.data as Float32Array)).toEqual(expected['image.fits'].primary);
    const s = readImage(f, 'scaled');
    expect(Array.from(s.data as Float64Array)).toEqual(expected['image.fits'].scaled);
  });
});
